"""Names as staff lay people out, the thirty-ninth round's shapes: each masked where it was written, and
the look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A field's value in hiragana the dictionary cuts into words: masked whole.
    ("created_by=おおにし updated_by=おおにし", "created_by=［氏名］ updated_by=［氏名］"),
    ("担当：おおにし", "担当：［氏名］"),
    # A chat log's speaker in <> after the time, a date perhaps before it.
    (
        "17:02 <大久保> 退庁します\n17:03 <塩見> お疲れさまでした",
        "17:02 <［氏名］> 退庁します\n17:03 <［氏名］> お疲れさまでした",
    ),
    ("2026-12-04 17:45:02 <小宮山> 集計終わりました", "2026-12-04 17:45:02 <［氏名］> 集計終わりました"),
    # A row of stamps' boxes after a stamp's label, and a surname before ㊞.
    ("確認印：[ 岡部 ][ 森 ][   ]", "確認印：[ ［氏名］ ][ ［氏名］ ][   ]"),
    ("確認印：今井㊞　池田㊞", "確認印：［氏名］㊞　［氏名］㊞"),
    # どん as Kagoshima's honorific.
    ("代わりに坂口どんが来るげな", "代わりに［氏名］どんが来るげな"),
    ("川畑どん、明日の当番はよかな？", "［氏名］どん、明日の当番はよかな？"),
    # A surname in romaji capitals after a role and a space.
    ("担当 KATO / 確認 MORI", "担当 ［氏名］ / 確認 ［氏名］"),
    # An account after user:.
    ("user: k.hoshino のアカウントがロックされています", "user: ［氏名］ のアカウントがロックされています"),
    # A surname a line break cuts, as a PDF's copy does.
    ("担当：小\n林　直美", "担当：［氏名］\n［氏名］"),
    ("差出人：福祉課 谷\n口 真一", "差出人：福祉課 ［氏名］\n［氏名］ ［氏名］"),
    ("申請者\n田\n中 一郎", "申請者\n［氏名］\n［氏名］ ［氏名］"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


KEPT_AFTER_NAMES = [
    # ほか after a hiragana surname is who else does the task, not a given name.
    ("担当 たなか ほか", "担当 ［氏名］ ほか"),
    # A field's value going on with an honorific or です keeps it.
    ("担当：たなかさん", "担当：［氏名］さん"),
    ("担当：たなかです", "担当：［氏名］です"),
    # A person named as a 屋 surname and a given name stays masked.
    ("土屋吉信の件で電話", "［氏名］の件で電話"),
    ("土屋吉信さんから", "［氏名］さんから"),
]


@pytest.mark.parametrize(("text", "masked"), KEPT_AFTER_NAMES)
def test_what_follows_a_name_is_kept_and_people_stay_masked(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Old shops named as a surname ending in 屋 and a given name, before their goods.
    "鶴屋吉信の干菓子をお歳暮でいただきました",
    "亀屋良長の落雁、来客用に買っておきます",
    # A shop whose ending the dictionary reads apart.
    "お菓子の差し入れ：叶匠壽庵の最中",
    # A letter to an organisation.
    "宛名：株式会社 松井建設 御中",
    # Seals, printers and words before 印.
    "実印 と 銀行印 を お持ちください",
    "今井印刷に発注しました",
    "確認印：[済][ ][ ]",
    # Acronyms after a role, food ending in どん, kanji on either side of a break that are no surname.
    "担当 IT / 確認 PC",
    "担当 SYSTEM / 補助 HELPDESK",
    "きつねうどん と 天どん を 注文",
    "仕事がどんどん進む",
    "担当：小\n児科（保健センター）",
    # Shared accounts after user:.
    "user: kokuho-shared のアカウント",
    # A chat's system line in <>.
    "09:00 <システム> 起動しました",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_look_alikes_are_not_taken_for_names(text: str) -> None:
    assert "［氏名］" not in mask(text).text
