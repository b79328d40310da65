"""Names as staff lay people out, the forty-first round's shapes: each masked where it was written, and the
look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # Who speaks in parentheses opening lines of minutes, and a member after ○ before their title.
    (
        "（早瀬）資料1の説明をお願いします。\n（井関）はい、アンケート結果です。",
        "（［氏名］）資料1の説明をお願いします。\n（［氏名］）はい、アンケート結果です。",
    ),
    ("○道下委員　通学路の危険箇所は何か所ですか。", "○［氏名］委員　通学路の危険箇所は何か所ですか。"),
    # A child's one-kanji given name alone before what ails them.
    ("翔が熱出したので休みます", "［氏名］が熱出したので休みます"),
    ("すみません、朝から蓮が吐いてしまって", "すみません、朝から［氏名］が吐いてしまって"),
    # Children in hiragana after their class and の, typed word by word.
    ("ぞう組の そら と いろは が 砂場で けんか", "ぞう組の ［氏名］ と ［氏名］ が 砂場で けんか"),
    # Foreign names in katakana parts listed with one found.
    (
        "技能実習生の転入：グエン・ヴァン・トゥアン、ホアン・ティ・マイ",
        "技能実習生の転入：［氏名］、［氏名］",
    ),
    # A Latin name under a mail's closing and a signature's rule.
    ("Regards,\n--\nNISHIMURA Kaito\nPlanning Division", "Regards,\n--\n［氏名］\nPlanning Division"),
    # Who hands a night's notes over and who takes them, a line following.
    (
        "申送り者 竹本 / 受け 磯部\n22:10 電話あり",
        "申送り者 ［氏名］ / 受け ［氏名］\n22:10 電話あり",
    ),
    # Kanji and their reading before an honorific; a caller's own name before って者.
    ("・勘解由小路（かでのこうじ）さん", "・［氏名］（［氏名］）さん"),
    (
        "窓口で「大門って者ですけど、昨日電話した件です」",
        "窓口で「［氏名］って者ですけど、昨日電話した件です」",
    ),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


PEOPLE_KEPT_MASKED = [
    # A firm's surname stays masked where the message names a person of that surname too.
    (
        "振込依頼書の受取人名義：カ）フジモト ケンセツ ではなく フジモト タカシ 個人口座",
        "振込依頼書の受取人名義：［氏名］）［氏名］ ケンセツ ではなく ［氏名］ 個人口座",
    ),
    # A person in half-width katakana before 様, no trade's word after the surname.
    ("ｼﾐｽﾞ ﾀｶｼ 様 の口座振替依頼書が届きました", "［氏名］ 様 の口座振替依頼書が届きました"),
    # A one-kanji given name with an honorific is masked as before.
    ("翔くんが熱を出しました", "［氏名］くんが熱を出しました"),
]


@pytest.mark.parametrize(("text", "masked"), PEOPLE_KEPT_MASKED)
def test_people_stay_masked(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Firms' names in katakana, as banks and invoices write them.
    "請求書の宛名：ｼﾐｽﾞ ｹﾝｾﾂ 様（口座名義のとおり）",
    "振込先：ｶ)ﾀｶﾅｶ ｺｳﾑﾃﾝ 様 宛の領収書を再発行",
    # Sections in parentheses among speakers, a committee's chair after ○.
    "（事務局）前回の宿題ですが\n（財政課）押印欄は削除でよいですか。",
    "○総務委員長　ただいまから再開します。",
    # A fever or the sky, no child.
    "熱が出たので休みます",
    "光が差して明るい部屋です",
    # Everyone in a class, dishes in katakana parts, a place with its reading.
    "ぞう組の みんな が 砂場で",
    "メニュー：フォー・ガー、バイン・ミー",
    "放出（はなてん）駅で降ります",
    "「総務課って者」とは言いません",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_look_alikes_hold_no_name(text: str) -> None:
    assert mask(text).text == text


def test_block_numbers_read_aloud_are_not_taken_for_a_name() -> None:
    """さん in いちのにのさん is three, not an honorific: the names masker leaves the numbers to others."""
    assert "氏名" not in mask("住所の読み上げ：とうきょうと さんぷるく ちゅうおう いちのにのさん").kinds


def test_a_lotus_in_the_tropics_is_no_child() -> None:
    assert mask("蓮は熱帯の植物です").text == "蓮は熱帯の植物です"
