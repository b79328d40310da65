"""Names as staff lay people out, the twenty-sixth round's shapes: each masked where it was written, and
the look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import Masked, mask

WRITINGS = [
    # A list after what says its items are people: each item that reads as a name, hiragana beside others.
    ("参加者：かなざわ、まるた、Lopez、まえだ", "参加者：［氏名］、［氏名］、［氏名］、［氏名］"),
    ("まだの人：ときわ、笠井、ムハンマド。金曜まで", "まだの人：［氏名］、［氏名］、［氏名］。金曜まで"),
    ("起票者は 石塚、野沢、Wong", "起票者は ［氏名］、［氏名］、［氏名］"),
    # A name in Latin letters is masked whole when a word of it is found.
    ("見学：Lucas Moreau、百瀬 颯太", "見学：［氏名］、［氏名］"),
    # Who worked on a file, after its name's part.
    ("見積比較_岩崎修正.xlsx を共有しました", "見積比較_［氏名］修正.xlsx を共有しました"),
    ("議事録_1205_稲垣確認済.docx を添付", "議事録_1205_［氏名］確認済.docx を添付"),
    # A colleague's account mentioned, a surname the dictionary knows as a company's in Latin letters.
    ("@aoki 明日の会議、資料の印刷お願いします", "@［氏名］ 明日の会議、資料の印刷お願いします"),
    # A child's name quoted with its reading.
    ("出生届の読み：「煌翔（きらと）」で受理", "出生届の読み：「［氏名］（［氏名］）」で受理"),
    # A couple after a surname the dictionary reads as a place.
    ("敬老会のご招待：大宮 夫妻", "敬老会のご招待：［氏名］ 夫妻"),
    # An account whose surname's long vowel is left out, as passports write it.
    ("アカウント削除：ota.m 太田 学", "アカウント削除：［氏名］ ［氏名］"),
    # A foreign colleague on a rota beside names.
    ("水やり当番：月 早川 木 木崎 土 Jackson", "水やり当番：月 ［氏名］ 木 ［氏名］ 土 ［氏名］"),
    # A guest book's rows of a name and where the guest lives.
    (
        "芳名録\n中井　東京都\n大江 宏　神奈川県\nキャサリン　千葉県",
        "芳名録\n［氏名］　東京都\n［氏名］　神奈川県\n［氏名］　千葉県",
    ),
    # A Latin name after a mayor's, a governor's or a consul's title.
    ("姉妹都市 から 市長 Robert Miller と 通訳", "姉妹都市 から 市長 ［氏名］ と 通訳"),
    # A surname in hiragana before a given name found in hiragana.
    ("申込み：ふくだ めい ちゃん の母 から", "申込み：［氏名］ ［氏名］ ちゃん の母 から"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    "対象者：高齢者、障害者、子ども",
    "担当者：総務課、企画課",
    "利用者：ひとり、ふたり",
    "参加者：Excel、Word",
    "3名：男性、女性",
    "予算_最終確認.xlsx",
    "報告_課長確認済.docx",
    "@here 本日の会議は中止",
    "@home で作業します",
    "「申請書類（しんせいしょるい）」を提出",
    "東京 夫妻 の旅行",
    "当番 月 休館 火 開館",
    "会場　東京都\n予備会場　千葉県",
    "離乳食教室 は 予約制 で 定員 15組 です",
    "知事 Microsoft Teams で会見",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_look_alikes_are_not_taken_for_names(text: str) -> None:
    assert "［氏名］" not in mask(text).text


def test_a_work_text_without_any_personal_data_is_unchanged() -> None:
    text = "対象者：高齢者、障害者。予算_最終確認.xlsx を @here に共有、定員 15組 です"
    assert mask(text) == Masked(text, ())
