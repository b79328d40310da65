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


PAGES = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def anchors(page: Path) -> set[str]:
    """The anchors GitHub makes of a page's headings: lower case, punctuation dropped, spaces to hyphens."""
    seen: dict[str, int] = {}
    found = set()
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    for heading in re.findall(r"^#{1,6} (.+)$", text, re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return found


def test_every_link_between_the_documents_leads_somewhere() -> None:
    """A relative link names a file that exists and, after #, one of its headings; none leads to ../shared."""
    dead = []
    for page in PAGES:
        text = FENCE.sub("", page.read_text(encoding="utf-8"))
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            missing = not linked.exists() or "shared" in Path(path).parts
            if missing or (anchor and linked.suffix == ".md" and anchor not in anchors(linked)):
                dead.append(f"{page.name}: {target}")
    assert dead == []


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
