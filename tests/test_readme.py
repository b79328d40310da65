"""The README is the front door: its settings table, command list and examples match the code."""

from __future__ import annotations

import re
from pathlib import Path

from bot.cli import _parser
from bot.config import PROJECT_ROOT, SETTINGS
from bot.evaluation import evaluate, read_queries, unknown_ids
from bot.search import Searcher

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def documented_settings() -> set[str]:
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", README, re.MULTILINE))


def test_every_setting_is_documented_once_and_nothing_else() -> None:
    assert documented_settings() == {s.name for s in SETTINGS}


def test_every_setting_has_help_text() -> None:
    for setting in SETTINGS:
        assert setting.help.strip(), setting.name


def test_every_command_is_in_the_readme() -> None:
    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    for name in commands.choices:  # type: ignore[union-attr]
        assert f"python -m bot {name}" in README, name


def test_no_document_holds_a_merge_conflicts_markers() -> None:
    """docs/operations.md once shipped a merge's <<<<<<< HEAD … >>>>>>> branch, both sides in it."""
    pages = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").rglob("*.md"))]
    marker = re.compile(r"^(?:<{7}|>{7}|={7})(?: |$)", re.MULTILINE)
    assert [p.name for p in pages if marker.search(p.read_text(encoding="utf-8"))] == []


def test_quick_start_has_the_two_commands() -> None:
    assert "python -m pip install -e . && python -m bot serve" in README
    assert "python -m pip install -e '.[dev]' && python -m pytest -q" in README


def test_the_eval_example_holds_for_the_sample_knowledge(tmp_path: Path, searcher: Searcher) -> None:
    """Run as documented, the query-set example names real entries and nothing in it is answered wrongly."""
    example = re.search(r"A query set for `eval`.*?```yaml\n(.*?)```", README, re.DOTALL)
    assert example, "the example is in the README"
    path = tmp_path / "queries.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    queries = read_queries(path)
    assert unknown_ids(queries, searcher.kb) == []
    figures = evaluate(searcher, [query for query, _ in queries])["overall"].figures()
    assert (figures["answered_right"], figures["confident_wrong"], figures["out_of_scope_handled"]) == (
        1,
        0,
        1,
    )
