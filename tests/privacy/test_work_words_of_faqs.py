"""Work words the FAQs of the IT help desk, the national health insurance and child care hold, which staff
type in their questions too: things listed with ・, a facility named after a word read as names, a common
noun the dictionary tags as a surname, a word processor's name, and a fictional phone number that opens
with a postal code's shape; and the names and numbers near them that stay masked."""

from __future__ import annotations

import pytest

from benchmarks.privacy import GENERALISATION_SETS
from bot.privacy import mask

WORK_TEXT = [
    # Katakana common nouns joined by ・: a list of things, though the dictionary tags each as a name too.
    "【会議室】会議室のマイク・スピーカーが使えない",
    "第2会議室のマイク・スピーカーの貸出はできますか",
    # A facility's name whose first word the dictionary reads as a surname and a given name (北保 + 健).
    "北保健センター・南保健センターでお渡ししています。",
    "母子健康手帳は保健センター・南保健センターで受け取れます",
    # A common noun the dictionary tags as a surname, after a thing's の and before は or が.
    "結果の見方は医療機関にご相談ください。",
    "決定通知書の見方がわからない",
    # A word processor's name, which the dictionary holds as a given name only.
    "一太郎のファイルを開きたい",
    "「一太郎ビューア」で閲覧できます。編集が必要な所属には、一太郎のライセンスを割り当てます。",
    # NNN-NNNN that runs on into a longer number (the FAQs' fictional phone numbers) is no postal code.
    "ITヘルプデスク（電話 000-0000-1000、平日8時30分から17時15分）",
    "保険年金課収納係（電話 000-0000-2215）にご連絡ください",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_work_words_are_left_alone(text: str) -> None:
    assert mask(text).text == text


PEOPLE_KEPT = [
    # Foreign names in katakana parts: a part is no common noun (ジョンソン, ロペス).
    ("マリア・ロペス", "［氏名］・［氏名］"),
    ("マイク・ジョンソン", "［氏名］・［氏名］"),
    ("申請者はマリア・ロペス", "申請者は［氏名］"),
    ("通訳のマイク・ジョンソンが来ます", "通訳の［氏名］が来ます"),
    # Parts of a syllable or two, which the dictionary reads as common nouns too (ウェイ, リン).
    ("入所申込書の父母欄：父 リ・ウェイ、母 チョウ・リン", "入所申込書の父母欄：父 ［氏名］、母 ［氏名］"),
    # 見方 and 一太郎 before an honorific, or 見方 after who someone is, are people.
    ("見方 さん", "［氏名］ さん"),
    ("一太郎 さん", "［氏名］ さん"),
    ("一太郎さんの申請書", "［氏名］さんの申請書"),
    ("課長の見方は不在です", "課長の［氏名］は不在です"),
    ("結果の見方さんは", "結果の［氏名］さんは"),
    # After の and before が, a surname read otherwise as a noun (緒方), of another shape, or after a person.
    ("研修の緒方が担当します", "研修の［氏名］が担当します"),
    ("研修の山本が担当します", "研修の［氏名］が担当します"),
    ("お問い合わせいただいた方の山本が作成しました。", "お問い合わせいただいた方の［氏名］が作成しました。"),
    ("相談者の見方が来ました", "相談者の［氏名］が来ました"),
    # A name before a title that begins like a facility (センター長) is a person's.
    ("田中太郎センター長", "［氏名］センター長"),
]


@pytest.mark.parametrize(("text", "masked"), PEOPLE_KEPT)
def test_names_near_the_work_words_stay_masked(text: str, masked: str) -> None:
    assert mask(text).text == masked


NUMBERS_KEPT = [
    ("電話 090-1234-5678", "電話 ［電話番号］"),
    ("国民年金基金（電話 0120-000-651）", "国民年金基金（電話 ［電話番号］）"),
    ("03-1234-5678", "［電話番号］"),
    ("〒123-4567", "〒［郵便番号］"),
    ("住所は123-4567の", "住所は［郵便番号］の"),
]


@pytest.mark.parametrize(("text", "masked"), NUMBERS_KEPT)
def test_phones_and_postal_codes_stay_masked(text: str, masked: str) -> None:
    assert mask(text).text == masked


def test_the_benchmark_reads_these_faqs() -> None:
    assert {"helpdesk", "kokuho", "kosodate"} <= set(GENERALISATION_SETS)
