"""Names as staff lay people out, the forty-second round's shapes: each masked where it was written, and the
look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A one-kanji variant surname alone before a spaced さん.
    ("窓口の 邊 さん、至急折り返しお願いします。", "窓口の ［氏名］ さん、至急折り返しお願いします。"),
    # A rota's surname with its reading, which the dictionary reads as one word.
    (
        "今週の当番\n月 相良（さがら）\n火 茅野（ちの）\n水 早見（はやみ）",
        "今週の当番\n月 ［氏名］\n火 ［氏名］（［氏名］）\n水 ［氏名］",
    ),
    # A child's hiragana name whose katakana spelling is a common noun, after their class and の.
    ("ぱんだ組の はると が 転んで膝をすりむきました。", "ぱんだ組の ［氏名］ が 転んで膝をすりむきました。"),
    # Chat exports: a display name over the time, and an account before two spaces and the time.
    (
        "Haruka Nishino\n10:12\n当番代われますか\nDaiki Okubo\n10:15\nいいですよ",
        "［氏名］\n10:12\n当番代われますか\n［氏名］\n10:15\nいいですよ",
    ),
    (
        "#madoguchi\nyuta.mori  09:01\n発券機が止まってます\nk_hayashi  09:03\n再起動します",
        "#madoguchi\n［氏名］  09:01\n発券機が止まってます\n［氏名］  09:03\n再起動します",
    ),
    # A JSON export's quoted key.
    ('{"staff": "相沢", "status": "受付"}', '{"staff": "［氏名］", "status": "受付"}'),
    # A table header's roles, one of whose people is found.
    (
        "案件｜起案者（小関）｜審査（安西）｜決裁（課長 北野）",
        "案件｜起案者（［氏名］）｜審査（［氏名］）｜決裁（課長 ［氏名］）",
    ),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


NO_NAMES = [
    # Firms, old shops and sections where the same layouts hold no one.
    "電話メモ\nヤマト運輸から折り返し希望。",
    "件名：FW: 鶴屋吉信 お歳暮の件\n受け取れない旨を返信してください。",
    "会議の茶菓子は「村上開新堂」のクッキー。",
    # A ward's flower, mascot and newsletter quoted after what they are (the dictionary reads given names).
    "かえで区では、区の花「かえで」をデザインした原付のナンバープレートを交付しています。",
    "日程は「区報かえで」12月1日号でお知らせします。",
    "マスコット「さくらちゃん」が窓口に来ます。",
]


@pytest.mark.parametrize("text", NO_NAMES)
def test_look_alikes_are_left_alone(text: str) -> None:
    assert mask(text).text == text


GUARDS = [
    # Sections as display names, bots' accounts and files before a time.
    "市民課\n10:42\n住民票の件、確認しました\n税務課\n10:45\nありがとうございます",
    "#kokuho-team\nbot  14:03\n還付処理が完了しました",
    "minutes.pdf  10:00",
    # A class's nouns, sections in a header's parentheses, a weekday's place with its reading.
    "ぱんだ組の みんな が 歌を歌いました。",
    "|区分|担当（国保係）|補助（年金係）|",
    "月 休館（きゅうかん）\n火 開館",
]


@pytest.mark.parametrize("text", GUARDS)
def test_guards_stay_as_they_were(text: str) -> None:
    assert mask(text).text == text


PEOPLE_KEPT_MASKED = [
    # A person named beside a firm of their surname, and a 屋 surname with an honorific near a gift.
    ("サトウ運輸のサトウさん", "サトウ運輸の［氏名］さん"),
    ("土屋吉信 さん お歳暮", "［氏名］ さん お歳暮"),
    ("渡邊さん", "［氏名］さん"),
    # A name quoted after kin, and what someone said after their surname, are not things' names.
    ("娘の「かえで」が熱を出しました", "娘の「［氏名］」が熱を出しました"),
    ("佐々木「田中さんに聞いてください」", "［氏名］「［氏名］さんに聞いてください」"),
    ("内縁の夫：通称「ケン」", "内縁の夫：通称「［氏名］」"),
]


@pytest.mark.parametrize(("text", "masked"), PEOPLE_KEPT_MASKED)
def test_people_stay_masked(text: str, masked: str) -> None:
    assert mask(text).text == masked
