"""Names as staff lay people out, the thirty-seventh round's shapes: a surname and its reading in two cells of
a row, a given name of one kanji after a name spaced by OCR, a name on a form's blank between underscores, a
list in mixed scripts joined by ・, attendees parted by semicolons, a maiden name after a spaced の, a name a
caller gave in quotes; and the words around them that are no one's (吉野家, firms listed after 入札)."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A surname and its reading in two cells of one row, with a header or none, either order.
    ("職員番号,漢字,カナ\n0012,野間 彩花,ノマ アヤカ", "職員番号,漢字,カナ\n0012,［氏名］,［氏名］"),
    ('"高畑","たかはた","1980/1/2"', '"［氏名］","［氏名］","1980/1/2"'),
    ("1,スギモト ユウ,杉本 優", "1,［氏名］,［氏名］"),
    ("| 吉武 | よしたけ |", "| ［氏名］ | ［氏名］ |"),
    # A given name of one kanji after a surname that OCR spaced, apart by a wider blank.
    ("OCR：「申 請 者 　 小 野 寺 　 進」", "OCR：「申 請 者 　 ［氏名］」"),
    # A name filled in on a form's blank line between underscores.
    ("氏名欄は ＿ 西田 ＿ と手書き", "氏名欄は ＿ ［氏名］ ＿ と手書き"),
    ("記入者：＿＿ 大沼 ＿＿", "記入者：＿＿ ［氏名］ ＿＿"),
    ("氏名 _白鳥_ 続柄 _長男_", "氏名 _［氏名］_ 続柄 _長男_"),
    # A list joined by ・ in kanji, hiragana and Latin letters, as staff typed each other's names.
    ("事務 竹田・うちだ・Brown の3名で対応", "事務 ［氏名］・［氏名］・［氏名］ の3名で対応"),
    ("当番 相沢・にしかわ・Lee・大下", "当番 ［氏名］・［氏名］・［氏名］・［氏名］"),
    # Attendees parted by semicolons after a cue of people.
    ("参加：茅野; 稲葉; おがさわら; Wilson", "参加：［氏名］; ［氏名］; ［氏名］; ［氏名］"),
    # A maiden name after 旧姓 and a spaced の.
    ("旧姓 の 佐野 で登録されています", "旧姓 の ［氏名］ で登録されています"),
    # A name a caller gave of themselves opening a quote before と名乗った (スズキ, a fish to the dictionary).
    ("電話の方は「スズキです」と名乗ったそうです", "電話の方は「［氏名］です」と名乗ったそうです"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_name_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # A chain of shops whose name ends in 家 read ヤ, not a household's ケ.
    "昼は 吉野家 で済ませました",
    "吉野家、松屋、すき家が駅前にあります",
    # Firms listed after what says they are firms.
    "入札参加：鹿島、大成、清水、竹中",
    "JV構成員 鹿島・大成・清水・竹中",
    # A thing after a role and a spaced の (only 旧姓, 旧氏 and 通称 take a spaced の before a name).
    "ゲストブックは 受付 の 机 に 置いています",
    # Blanks holding no name; a quote that is no name.
    "続柄 _長男_ 件名 ＿ 転入届 ＿",
    "「そうです」と言われました",
    "「東京です」と名乗った",
    # Things listed with ・ in mixed scripts.
    "事務 総務・人事・IT の3係で対応します",
    "資料 Word・Excel・一太郎",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_alone(text: str) -> None:
    assert mask(text).text == text


PEOPLE_KEPT = [
    # A household's 家 read ケ stays a surname's.
    ("池田家の墓", "［氏名］家の墓"),
    # Who is in charge of firms, or deals with them, is a person.
    ("入札担当：佐藤、鈴木", "入札担当：［氏名］、［氏名］"),
    ("JV対応は 佐藤・鈴木", "JV対応は ［氏名］・［氏名］"),
    # A name after 旧姓 and a spaced の, beside one after 保健師 の.
    ("保健師 の 佐野 と 旧姓 の 三森", "保健師 の ［氏名］ と 旧姓 の ［氏名］"),
]


@pytest.mark.parametrize(("text", "masked"), PEOPLE_KEPT)
def test_surnames_near_the_new_shapes_stay_masked(text: str, masked: str) -> None:
    assert mask(text).text == masked
