"""``bench --realistic``: the replicated FAQ, long stories, a report with its bm25s peer (no timings)."""

from __future__ import annotations

import math
import sys

import pytest

from bot.bench_realistic import (
    SECTIONS,
    STORY_MAX,
    STORY_MIN,
    RealisticReport,
    format_header,
    format_size,
    labelled_queries,
    long_stories,
    measure_realistic,
    realistic_faq,
    short_queries,
)
from bot.cli import main
from bot.config import Settings
from bot.knowledge import KnowledgeBase


def test_the_faq_is_the_sample_again_and_again_each_question_under_a_section(kb: KnowledgeBase) -> None:
    entries = realistic_faq(kb.faq, 3 * len(kb.faq) + 5)
    assert len(entries) == 3 * len(kb.faq) + 5
    assert len({e["id"] for e in entries}) == len(entries)
    first = kb.faq[0]
    copies = [e for e in entries if e["id"].startswith(f"{first.id}-")]
    assert [e["question"] for e in copies] == [f"【{s}】{first.question}" for s in SECTIONS[:4]]
    assert all(e["answer"] == first.answer and e["phrasings"] == first.phrasings for e in copies)


def test_the_prefixes_name_sections_then_sections_and_teams() -> None:
    from bot.knowledge.schema import FaqEntry

    one = FaqEntry(id="q", question="質問", answer="回答")
    questions = [e["question"] for e in realistic_faq([one], len(SECTIONS) + 1)]
    assert len(set(questions)) == len(questions)
    assert questions[-1] == f"【{SECTIONS[0]}・庶務係】質問"


def test_long_stories_end_in_a_labelled_story_and_are_100_to_300_characters() -> None:
    stories = long_stories(120)
    assert len(stories) == 120
    assert all(STORY_MIN <= len(s) <= STORY_MAX for s in stories), sorted(len(s) for s in stories)
    labelled = set(labelled_queries())
    endings = {text for text, style in labelled if style == "story"}
    assert all(any(s.endswith(e) and s != e for e in endings) for s in stories)
    assert len(set(stories)) > 100


def test_short_queries_are_the_sets_other_styles() -> None:
    queries = short_queries(30)
    assert len(queries) == 30
    assert all(len(q) < STORY_MIN for q in queries)


@pytest.fixture(scope="module")
def report() -> RealisticReport:
    pytest.importorskip("bm25s")
    return measure_realistic(Settings.from_env(), [300], n_short=12, n_stories=6)


def test_the_report_has_every_engine_stage_and_kind(report: RealisticReport) -> None:
    assert (report.short_queries, report.stories) == (12, 6)
    assert STORY_MIN <= report.story_chars[0] <= report.story_chars[1] <= report.story_chars[2] <= STORY_MAX
    (size,) = report.sizes
    assert size.entries == 300
    assert size.semantic is None
    assert set(size.ours.latency) == {"lexical short", "lexical story", "full short", "full story"}
    assert size.peer is not None, "the bm25s peer ran"
    assert set(size.peer.latency) == {"peer short", "peer story"}
    assert report.peer_missing == ""
    for run in (size.ours, size.peer):
        assert run.build_s > 0
        assert run.peak_mib > 0
        for figure in run.latency.values():
            assert 0 < figure.median_ms <= figure.p99_ms <= figure.max_ms
            assert math.isfinite(figure.max_ms)
    assert size.ours.load_s > 0, "reading faq.yaml is timed apart from the index"


def test_the_text_report_puts_the_targets_beside_the_figures(report: RealisticReport) -> None:
    text = "\n".join([format_header(report), *map(format_size, report.sizes)])  # as run_realistic prints it
    assert "300 entries" in text
    assert "12 short queries, 6 long stories" in text
    for line in (
        "build, ours lexical",
        "build, bm25s peer",
        "ours lexical stage, short",
        "ours lexical stage, long stories",
        "ours full search, long stories",
        "bm25s peer, long stories",
        "ours lexical ÷ bm25s, long stories",
        "peak MiB",
    ):
        assert line in text, line
    stage = next(line for line in text.splitlines() if "ours lexical stage, long stories" in line)
    assert "≤1" in stage
    assert "≤5" in stage
    assert "≤30" in next(line for line in text.splitlines() if "build, ours lexical" in line)


def test_without_bm25s_the_peer_is_skipped_with_a_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "bm25s", None)  # `import bm25s` raises ImportError
    assert main(["bench", "--realistic", "--sizes", "60", "--queries", "3", "--stories", "2"]) == 0
    out = capsys.readouterr().out
    assert "bm25s is not installed" in out
    assert "60 entries" in out
    assert "ours lexical stage, long stories" in out
    assert "bm25s peer," not in out
