"""Names as staff lay people out, the twenty-seventh round's shapes: each masked where it was written, and
the look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import Masked, mask

WRITINGS = [
    # Tasks handed out with arrows: the arrow's other ends are people beside one found.
    (
        "避難訓練の分担\n・通報 → 佐渡\n・消火 → 湯浅・江川\n・誘導 → Ahmed\n・記録 → きたむら",
        "避難訓練の分担\n・通報 → ［氏名］\n・消火 → ［氏名］・［氏名］\n・誘導 → ［氏名］"
        "\n・記録 → ［氏名］",
    ),
    ("防災 → 大江、福祉 → ハリス、教育 → 佐渡", "防災 → ［氏名］、福祉 → ［氏名］、教育 → ［氏名］"),
    # A police or fire rank before a surname, one kanji included.
    ("来たのは 警部補 東 と 巡査 の 西野 です", "来たのは 警部補 ［氏名］ と 巡査 の ［氏名］ です"),
    ("訓練の指揮は 消防司令 南 が執ります", "訓練の指揮は 消防司令 ［氏名］ が執ります"),
    # Who someone is and の before their name, spaced word by word as a sentence typed so is.
    ("相談 を 受けたのは 保健師 の 日置、次は", "相談 を 受けたのは 保健師 の ［氏名］、次は"),
    ("立会い は 道路管理課 の 桜田", "立会い は 道路管理課 の ［氏名］"),
    # A word of hiragana between a role and an honorific, each apart by a space.
    ("相談の担当 やなぎ さんが休みです", "相談の担当 ［氏名］ さんが休みです"),
    # Items joined by ・ after what says they are people and a space.
    ("出動記録：団員 えのき・栗原・Peter", "出動記録：団員 ［氏名］・［氏名］・［氏名］"),
    # A guest book's rows: where the guest lives is no given name, in the ward or out of it.
    (
        "芳名録\n中井 一郎　区内\n大江 宏　区外\nキャサリン・ベル　区外",
        "芳名録\n［氏名］　区内\n［氏名］　区外\n［氏名］　区外",
    ),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    "資料 修正 → 課長 確認 → 印刷 の 流れ です",
    "通報 → 初期消火 → 避難誘導 の 順 で 進めます",
    "・受付 → 区民課\n・引継ぎ → 総務課",
    "刑事 事件 の 照会 は 文書 で",
    "東 と 西 の 出入口",
    "担当 みな さん へ",
    "対象者 高齢者・障害者",
    "区内　120名\n区外　45名",
    "住民 の 声 を 聞く",
    "課長 の 承認 が 必要",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_look_alikes_are_not_taken_for_names(text: str) -> None:
    assert "［氏名］" not in mask(text).text


def test_a_work_text_without_any_personal_data_is_unchanged() -> None:
    text = "資料 修正 → 課長 確認 → 印刷 の 流れ。区内　120名、区外　45名"
    assert mask(text) == Masked(text, ())


def test_a_guest_book_keeps_where_its_guests_live() -> None:
    masked = mask("来場者名簿\n長尾 さと　区内\n大江 宏　区外").text
    assert masked.count("区内") == 1
    assert masked.count("区外") == 1
