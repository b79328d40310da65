"""Names as staff lay people out, the thirty-eighth round's shapes: key=value fields, who typed a record in
〔〕, shifts joined by 〜, a katakana surname quoted before です, a hiragana full name, stamps' boxes, an
assembly member's title, foreign residents' records; and the words around them that are no one's (old
shops, facility tables with readings, kin before 国保 or a comparing 方)."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A key before = or an English label before a colon, as a log or a ticket writes whose it is.
    ("assignee=岩城 reviewer=すぎうら", "assignee=［氏名］ reviewer=［氏名］"),
    ("owner: 本庄 / status: open", "owner: ［氏名］ / status: open"),
    ("created_by=たかはし updated_by=Fischer", "created_by=［氏名］ updated_by=［氏名］"),
    ("担当者=柏原;確認者=Novak", "担当者=［氏名］;確認者=［氏名］"),
    # Who typed a record in, after a colon in 〔〕.
    ("〔受付：吉成〕〔入力：くろさわ〕", "〔受付：［氏名］〕〔入力：［氏名］〕"),
    # Shifts joined by 〜, each after when it starts.
    ("シフト 午前 宮脇〜午後 ふじさき", "シフト 午前 ［氏名］〜午後 ［氏名］"),
    ("受付：9時 大須賀〜13時 小田原〜17時", "受付：9時 ［氏名］〜13時 ［氏名］〜17時"),
    # A surname in katakana quoted before です, hayashi rice to the dictionary, said with とだけ.
    ("相手は「ハヤシです」とだけ言って切れました", "相手は「［氏名］です」とだけ言って切れました"),
    # A hiragana full name whose surname the dictionary lacks.
    ("児童 もりもと はると、迎え 祖母", "児童 ［氏名］ ［氏名］、迎え 祖母"),
    ("新生児訪問 もりもと はると くん", "新生児訪問 ［氏名］ ［氏名］ くん"),
    ("えっと、まつした、まつした あきら です", "えっと、［氏名］、［氏名］ ［氏名］ です"),
    # The kanji in a stamp's box after whose stamp it is, spaced by OCR or not.
    ("受付者印 [ 梶 ]　確認者印 [ 柴 田 ]", "受付者印 [ ［氏名］ ]　確認者印 [ ［氏名］ ]"),
    # An assembly member's or a neighbourhood association's title after a spaced surname.
    ("来賓：村井 県議、堀口 区議、宮坂 町会長", "来賓：［氏名］ 県議、［氏名］ 区議、［氏名］ 町会長"),
    # A foreign name in katakana parts before a country in parentheses, or on a line beside a country.
    ("転入届 タパ・ラジェシュ（ネパール）", "転入届 ［氏名］（ネパール）"),
    (
        "在留カード確認済み\nサントス　ベアトリス　ソウザ\nブラジル 永住者",
        "在留カード確認済み\n［氏名］\nブラジル 永住者",
    ),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_name_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Kin before the national health insurance or a comparing 方.
    "来月75歳になる母の国保の手続きは何かいりますか",
    "父の国保は",
    "妻の方が収入が多くなったので、児童手当を妻に切り替えたい",
    "夫の方が扶養に入る場合",
    # An old shop whose name ends in 樓, listed with another.
    "手土産は 虎屋の羊羹と 榮太樓の飴にしました",
    "窓口で 虎屋 と 榮太樓 の菓子折りのどちらがいいか聞かれました",
    # Facilities and their readings in a table whose header names things.
    "| 施設 | よみ |\n| 東山 | ひがしやま |",
    "施設,よみ,定員\n岡 公民館,おか こうみんかん,40",
    "会場,よみ\n北野 体育館,きたの たいいくかん",
    # Keys and shifts that hold sections, hours and things.
    "assignee=戸籍係 reviewer=住民係",
    "〔受付：本庁〕〔入力：支所〕",
    "入力 すると 出ます",
    "シフト 午前 本庁〜午後 支所",
    "早番 8:30〜17:15、遅番 10:00〜18:45",
    # Stamps' boxes holding a mark; assemblies named after their place.
    "受付者印 [ 済 ]　確認者印 [ 未 ]",
    "千葉県議会で審議中",
    "新宿区議選の日程",
    # A restaurant named in katakana parts before a country; a record's lines without a name.
    "ネパール料理店 エベレスト・キッチン（ネパール）",
    "在留カード確認済み\nペルー 永住者\nスペイン語通訳 手配済み",
    # A quote that is no name.
    "電話の相手は「区役所です」とだけ言って切れました",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_text_is_left_alone(text: str) -> None:
    assert mask(text).text == text


PEOPLE_KEPT = [
    # A given name after kin stays a name; a household's surname and a shop-like surname before さん too.
    ("父の勝が来た", "父の［氏名］が来た"),
    ("課長印（奥村）", "課長印（［氏名］）"),
    ("榮太樓さんから電話", "［氏名］さんから電話"),
    # A table over facilities keeps the names in a column of who is in charge.
    ("| 施設 | 担当 |\n| 東山会館 | 佐藤 |", "| 施設 | 担当 |\n| 東山会館 | ［氏名］ |"),
    # A hiragana surname with nothing after it but a plain word keeps that word.
    ("担当 もりもと さん、よろしく", "担当 ［氏名］ さん、よろしく"),
]


@pytest.mark.parametrize(("text", "masked"), PEOPLE_KEPT)
def test_surnames_near_the_new_shapes_stay_masked(text: str, masked: str) -> None:
    assert mask(text).text == masked
