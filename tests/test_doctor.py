"""doctor: confusable and hard-to-find FAQ entries, found by the search itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.doctor import _hurried, _text, diagnose
from bot.knowledge import load_knowledge
from bot.search import Searcher

FAQ = """\
- id: fee
  question: 【粗大ごみ】手数料はいくらですか。
  answer: 品目により200円から2,000円です。
- id: pay
  question: 【粗大ごみ】手数料はどのように支払いますか。
  answer: コンビニで処理券を買って貼ってください。
- id: dog
  question: 犬の登録はどこでできますか。
  answer: 区役所の生活衛生課または動物病院で登録できます。
  phrasings: [飼い犬を届け出たい, ワンちゃんの登録]
- id: short
  question: 図書館の開館時間は？
  answer: 9時からです。
"""


def searcher_of(tmp_path: Path) -> Searcher:
    faq = tmp_path / "faq.yaml"
    faq.write_text(FAQ, encoding="utf-8")
    (tmp_path / "knowledge").mkdir()
    return Searcher.build(load_knowledge(faq, tmp_path / "knowledge"), semantic=False)


def test_a_question_typed_in_a_hurry_keeps_its_topic_and_what_is_asked() -> None:
    assert _hurried("【粗大ごみ】手数料はどのように支払いますか。") == "粗大ごみ 手数料"
    assert _hurried("RPAとは何ですか？") == "RPA"
    assert _hurried("【死亡届】死亡届に必要なものは何ですか。") == "死亡届"
    assert _hurried("【学童】夏休みだけ利用することはできますか。") == "学童 夏休みだけ利用する"
    assert _hurried("【要介護認定】認定調査ではどのようなことを聞かれますか。") == "要介護認定 認定調査"


def test_siblings_are_confused_and_thin_entries_are_hard_to_find(tmp_path: Path) -> None:
    report = diagnose(searcher_of(tmp_path))
    pairs = {(c.entry, c.other) for c in report.confusions}
    assert len(pairs & {("fee", "pay"), ("pay", "fee")}) == 1, "one pair, whichever way it is confused"
    assert all("dog" not in pair for pair in pairs), "a distinct entry is not confused"
    weak = {w.entry: w for w in report.weak}
    assert "言い換え（phrasings）がありません" in weak["fee"].reasons
    assert "dog" not in weak, "it has phrasings and a full answer"
    assert any(r.startswith("回答が短すぎます") for r in weak["short"].reasons)
    assert report.queries == 4 * 2 + 2


def test_the_command_prints_for_people_or_json_and_exits_1_when_there_is_work(tmp_path: Path) -> None:
    faq = tmp_path / "faq.yaml"
    faq.write_text(FAQ, encoding="utf-8")
    (tmp_path / "knowledge").mkdir()
    base = [
        sys.executable,
        "-m",
        "bot",
        "--faq",
        str(faq),
        "--knowledge",
        str(tmp_path / "knowledge"),
        "doctor",
    ]
    env = {**os.environ, "KAIZEN_CACHE_DIR": ""}
    text = subprocess.run(base, capture_output=True, text=True, check=False, env=env, timeout=120)
    assert text.returncode == 1, text.stderr
    assert "取り違えやすい組み合わせ" in text.stdout
    assert "見つかりにくい項目" in text.stdout
    done = subprocess.run(
        [*base, "--json"], capture_output=True, text=True, check=False, env=env, timeout=120
    )
    report = json.loads(done.stdout)
    assert set(report) == {"entries", "queries", "duplicates", "confusions", "weak"}
    assert report["entries"] == 4


def test_the_same_question_twice_is_one_duplicate_not_a_confusion(tmp_path: Path) -> None:
    faq = tmp_path / "faq.yaml"
    again = (
        "- id: fee-again\n  question: 【粗大ごみ】 手数料はいくらですか？\n  answer: 品目により異なります。\n"
    )
    faq.write_text(FAQ + again, encoding="utf-8")
    (tmp_path / "knowledge").mkdir()
    searcher = Searcher.build(load_knowledge(faq, tmp_path / "knowledge"), semantic=False)
    report = diagnose(searcher)
    assert report.duplicates == [["fee", "fee-again"]]
    assert all({c.entry, c.other} != {"fee", "fee-again"} for c in report.confusions), report.confusions
    text = _text(searcher, report, limit=20)
    assert "- fee、fee-again「【粗大ごみ】手数料はいくらですか。」" in text
    assert "同じ質問が2件あります" in text
    assert text.startswith("FAQ 5件の質問、言い換え 2件、質問を短くした形で、計12回検索して確かめました。")
    assert "理由ごとの件数：言い換え（phrasings）がありません 4件、回答が短すぎます 2件" in text


BARE_FAQ = """\
- id: library
  question: 図書館の開館時間と休館日を教えてください。
  answer: 午前9時から午後7時まで開館しています。休館日は毎週月曜日と年末年始です。
- id: fee
  question: 【粗大ごみ】手数料はいくらですか。
  answer: 品目により200円から2,000円です。品目ごとの手数料は清掃事務所の一覧でご確認ください。
- id: pay
  question: 【粗大ごみ】手数料はどのように支払いますか。
  answer: コンビニエンスストアで処理券を買い、品目ごとに貼って出してください。
"""


def test_without_phrasings_the_entries_a_short_query_mistakes_come_first_with_their_sibling(
    tmp_path: Path,
) -> None:
    faq = tmp_path / "faq.yaml"
    faq.write_text(BARE_FAQ, encoding="utf-8")
    (tmp_path / "knowledge").mkdir()
    searcher = Searcher.build(load_knowledge(faq, tmp_path / "knowledge"), semantic=False)
    report = diagnose(searcher)
    assert [w.entry for w in report.weak][-1] == "library", "the one with no sibling comes last"
    weak = {w.entry: w for w in report.weak}
    assert weak["fee"].nearest == "pay"
    assert weak["pay"].nearest == "fee"
    assert weak["fee"].closeness > weak["library"].closeness
    assert 0 < weak["fee"].closeness <= 1

    text = _text(searcher, report, limit=20)
    assert text.count("どの項目にも言い換え（phrasings）がありません") == 1
    assert "    言い換え（phrasings）がありません" not in text, "said once, not under every entry"
    sibling = (
        "「粗大ごみ 手数料」とだけ検索すると、次点は pay「【粗大ごみ】手数料はどのように支払いますか。」"
    )
    assert sibling in text
    above = (
        "「粗大ごみ 手数料」とだけ検索すると、"
        "fee「【粗大ごみ】手数料はいくらですか。」がこの項目と同じか上の順位になります"
    )
    assert above in text, "pay's short form finds fee first: no runner-up then"
    assert "理由ごとの件数：言い換え（phrasings）がありません 3件" in text
    assert json.loads(json.dumps(report.as_json()))["weak"][0]["nearest"] in {"fee", "pay"}
