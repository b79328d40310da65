"""Names as staff lay people out, the thirty-sixth round's shapes: a katakana name after a role without の, a
の typed against a kana name, a full name after a line-up's role, a given name cut before a suffix, chat
lines opened by a time, speakers run on in a line of minutes, attendance marks, a mail's To: and a mention
of a Latin name; and the words around them that are no one's (虎屋 の 羊羹, 担当 スタッフ さん)."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A katakana name the dictionary reads as a common noun (ラジャ, a rajah), after a role without の.
    ("担当 ラジャ さん から、ハラールの給食について", "担当 ［氏名］ さん から、ハラールの給食について"),
    # A の typed against a kana surname after who someone is at work: the の is the sentence's.
    ("臨時 のほんま さん と 嘱託 のやまだ さん", "臨時 の［氏名］ さん と 嘱託 の［氏名］ さん"),
    ("会計年度 のいしだ さん、パート のもり さん", "会計年度 の［氏名］ さん、パート の［氏名］ さん"),
    # A surname and a given name the dictionary reads as a noun (蒼, 凪: blue, a calm) after a line-up's role.
    ("補欠 河合 蒼、正選手 森 和也（区民駅伝 第3区）", "補欠 ［氏名］、正選手 ［氏名］（区民駅伝 第3区）"),
    ("補欠 大石 湊 と 補欠 浅田 凪", "補欠 ［氏名］ と 補欠 ［氏名］"),
    # A given name the dictionary cuts before a suffix (悠 + 人).
    ("研修 受講者\n○ 竹内 悠人\n× 西野 楓（出張）", "研修 受講者\n○ ［氏名］\n× ［氏名］（出張）"),
    # Who speaks in a chat log whose lines open with a time, one kanji too.
    (
        "[10:01] 東: プロジェクター映りません\n[10:02] 杉本: 今行きます",
        "[10:01] ［氏名］: プロジェクター映りません\n[10:02] ［氏名］: 今行きます",
    ),
    ("[9:01] 牧: おはようございます", "[9:01] ［氏名］: おはようございます"),
    # Speakers run on in one line of minutes, each before a quote.
    ("打合せ：岩崎「来週でいいですか」小林「はい」", "打合せ：［氏名］「来週でいいですか」［氏名］「はい」"),
    # Attendance marks before each person, places and kana among them after 出欠.
    ("出欠 ○ 太田 ○ ひがし × 熊本 ○ Singh", "出欠 ○ ［氏名］ ○ ［氏名］ × ［氏名］ ○ ［氏名］"),
    ("参加 ◎ 矢野 ◎ 島田 ✕ くどう", "参加 ◎ ［氏名］ ◎ ［氏名］ ✕ ［氏名］"),
    # A mail header's To: and a mention's @ before a Latin name.
    ("To: Sasaki Mei\nSubject: shift", "To: ［氏名］\nSubject: shift"),
    ("@Garcia さん 明日の会議、10分早めます", "@［氏名］ さん 明日の会議、10分早めます"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_name_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # A shop's name that the dictionary tags as a surname (虎屋, as 土屋), before what it sells.
    "お歳暮は 虎屋 の羊羹にしました",
    "手土産は 虎屋 か 文明堂 でお願いします",
    # Words for who does a job after a role without の; a section's system people.
    "担当 スタッフ さん に 確認 します",
    "区民課 システム さん に 聞いて",
    # Attendance marks before things, counts or places.
    "出欠 ○ 12名 × 3名 △ 2名",
    "確認 ○ 済 ○ 済 × 未",
    "参加 ○ 中野 ○ 杉並 × 練馬",
    # A mail's To: a team; a mention of everyone.
    "To: All Staff\nSubject: password reset",
    "@All 明日の朝礼は中止です",
    # A role before words that are no name.
    "補欠 選挙 の 日程 が決まりました",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_alone(text: str) -> None:
    assert mask(text).text == text


PEOPLE_KEPT = [
    # 土屋 before what is a person's, or after a cue, is a surname still.
    ("土屋 の件", "［氏名］ の件"),
    ("担当：土屋 の 資料", "担当：［氏名］ の 資料"),
    ("土屋 の 資料を見て", "［氏名］ の 資料を見て"),
    # A kana surname beginning with の is whole (のぐち).
    ("担当 のぐち さん", "担当 ［氏名］ さん"),
]


@pytest.mark.parametrize(("text", "masked"), PEOPLE_KEPT)
def test_surnames_near_the_new_shapes_stay_masked(text: str, masked: str) -> None:
    assert mask(text).text == masked
