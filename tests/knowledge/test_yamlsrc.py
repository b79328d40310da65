"""A plain top-level block list is parsed item by item, with the same data, lines and errors as whole."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.yamlsrc import YamlDocument, YamlList, read_yaml, read_yaml_list
from tests.knowledge.test_loader import GOOD_FAQ, write_kb

PLAIN_LISTS = {
    "mappings": GOOD_FAQ * 3,
    "comments and blank lines": "# FAQ\n\n  # indented comment\n- id: a\n\n# between\n- id: b\n  # inside\n",
    "block scalars": "- answer: |\n    one\n    - two\n\n    three\n- answer: >\n    folded\n    text\n",
    "quoted scalars": "- q: 'it''s'\n  a: \"multi\n    line\"\n- q: \"# not a comment\"\n",
    "flow items": "- {id: a, phrasings: [x, y]}\n- [1, 2]\n- plain\n-\n- ~\n",
    "ampersands in text": "- q: Q&A\n  a: R & D, [A&B]\n- q: 'x&y'\n",
    "a list at column 0 under a key": "- id: a\n  phrasings:\n- x\n- y\n",
    "crlf": "- id: a\r\n  q: x\r\n\r\n- id: b\r\n",
    "carriage returns": "- id: a\r- id: b\r",
    "byte order mark": "\ufeff- id: a\n- id: b\n",
    "no final newline": "- a\n- b",
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "list.yaml"
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.fixture(params=[1, 3, YamlList.BATCH])
def batch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Batch sizes, so that batch boundaries fall everywhere in the small test files."""
    size: int = request.param
    monkeypatch.setattr(YamlList, "BATCH", size)
    return size


@pytest.mark.parametrize("text", PLAIN_LISTS.values(), ids=PLAIN_LISTS.keys())
@pytest.mark.usefixtures("batch")
def test_a_plain_block_list_gives_the_data_and_lines_of_a_whole_parse(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    doc = read_yaml_list(path)
    whole = read_yaml(path)
    assert isinstance(doc, YamlList)
    assert list(doc) == whole.data == yaml.safe_load(text)
    items = range(len(whole.data))
    assert [doc.line((i,)) for i in items] == [whole.line((i,)) for i in items]
    assert doc.line(()) == whole.line(())


NOT_PLAIN = {
    "document header": "---\n- id: a\n",
    "directive": "%YAML 1.1\n---\n- id: a\n",
    "document end between items": "- id: a\n...\n- id: b\n",
    "flow list": "[{id: a}, {id: b}]\n",
    "mapping": "id: a\nquestion: x\n",
    "indented list": "  - id: a\n  - id: b\n",
    "content before the first item": "  x: 1\n- id: a\n",
    "tab-indented comment first": "\t# c\n- id: a\n",
    "continuation at column 0": '- q: "one\ntwo"\n',
    "anchor": "- base: &b {x: 1}\n  copy: *b\n- base: &b {x: 2}\n",
    "anchor in a flow list": "- [&b x, *b]\n",
    "alias to another item": "- base: &b {x: 1}\n- copy: *b\n",
    "line separator": "- q: a\u2028- id: b\n",
    "empty": "",
    "comments only": "# nothing yet\n",
    "dash at the very end": "- a\n-",
}


def outcome(read: Callable[[], Any]) -> Any:
    """What reading gives: its result, or the problems it raises."""
    try:
        return read()
    except KnowledgeError as exc:
        return exc.problems


@pytest.mark.parametrize("text", NOT_PLAIN.values(), ids=NOT_PLAIN.keys())
def test_anything_else_is_parsed_whole(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    doc = outcome(lambda: read_yaml_list(path))
    whole = outcome(lambda: read_yaml(path))
    if isinstance(whole, YamlDocument):
        assert isinstance(doc, YamlDocument)
        assert doc.data == whole.data
    else:
        assert doc == whole


MISLEADING = {
    "double-quoted value over an item start": '- id: a\n- q: "one\n- two"\n- id: c\n- id: d\n',
    "single-quoted value over an item start": "- id: a\n- id: b\n- q: 'one\n- two'\n",
}
BROKEN = {
    "flow list over an item start": "- id: a\n- q: [one,\n- two]\n- id: c\n",
    "tab after the dash": "-\tid: a\n- id: b\n",
    "alias without an anchor": "- id: a\n- copy: *b\n- id: c\n",
}


@pytest.mark.parametrize("text", MISLEADING.values(), ids=MISLEADING.keys())
@pytest.mark.usefixtures("batch")
def test_items_that_do_not_parse_alone_fall_back_to_the_whole_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    doc, whole = read_yaml_list(path), read_yaml(path)
    assert isinstance(doc, YamlList)
    assert text.count("\n- ") + 1 > len(whole.data)  # a line inside a value looks like an item
    assert list(doc) == whole.data
    assert [doc.line((i,)) for i in range(len(whole.data))] == [
        whole.line((i,)) for i in range(len(whole.data))
    ]


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
@pytest.mark.usefixtures("batch")
def test_a_broken_plain_list_reports_what_a_whole_parse_reports(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    doc = read_yaml_list(path)
    assert isinstance(doc, YamlList)
    problems = outcome(lambda: list(doc))
    assert problems == outcome(lambda: read_yaml(path))
    assert "YAML" in problems[0].message


@pytest.mark.usefixtures("batch")
def test_a_syntax_error_late_in_a_long_list_is_the_only_problem_reported(tmp_path: Path) -> None:
    invalid = GOOD_FAQ.replace("  category: ツール\n", "")
    broken = invalid * 5 + "- id: broken\n  question: [unclosed\n  answer: x\n" + GOOD_FAQ * 5
    faq, knowledge = write_kb(tmp_path, faq=broken)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(faq, knowledge)
    [problem] = caught.value.problems
    assert [problem] == outcome(lambda: read_yaml(faq))
    assert 31 <= problem.line <= 33


@pytest.mark.usefixtures("batch")
def test_problems_deep_in_items_keep_their_lines(tmp_path: Path) -> None:
    entries = [GOOD_FAQ.replace("tool-rpa-basics", f"entry-{n}") for n in range(12)]
    entries[4] = entries[4].replace("phrasings: [RPAってなに？]", "phrasings:\n  - RPAってなに？\n  - 12")
    entries[9] = entries[9].replace("  category: ツール\n", "  category: ツール\n  phrasing: [typo]\n")
    entries[11] = entries[11].replace("  answer:", "  answer: |\n    本文\n  anwser:")
    faq, knowledge = write_kb(tmp_path, faq="".join(entries))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(faq, knowledge)
    found = {(p.line, p.message.split(":")[0]) for p in caught.value.problems}
    assert found == {(35, "entry-4"), (68, "entry-9"), (86, "entry-11")}, found

    doc, whole = read_yaml_list(faq), read_yaml(faq)
    assert isinstance(doc, YamlList)
    for loc in [(4, "phrasings", 1), (9, "phrasing"), (11, "answer"), (11, "anwser"), (2, "manual", 0)]:
        assert doc.line(loc) == whole.line(loc), loc


def test_reading_a_list_again_parses_only_the_batches_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "faq.yaml"
    items = [{"id": f"e{n}", "answer": f"answer {n}"} for n in range(5 * YamlList.BATCH)]
    path.write_text(yaml.safe_dump(items), encoding="utf-8")
    first = read_yaml_list(path)
    assert isinstance(first, YamlList)
    assert list(first) == items
    parsed: list[str] = []
    parse = YamlList._parse

    def counted(self: YamlList, text: str) -> list[Any] | None:
        parsed.append(text)
        return parse(self, text)

    monkeypatch.setattr(YamlList, "_parse", counted)
    items[2 * YamlList.BATCH + 1]["answer"] = "edited"
    path.write_text(yaml.safe_dump(items), encoding="utf-8")
    again = read_yaml_list(path)
    assert isinstance(again, YamlList)
    assert list(again) == items
    assert len(parsed) == 1
    assert "edited" in parsed[0]


SLIPS = {
    "unclosed quote at the end": (
        '- id: a\n  answer: x\n  question: "RPAとは\n',
        3,
        '引用符（"）が閉じられていません',
    ),
    "unclosed quote before others": ("- id: a\n  question: 'RPAとは\n  answer: x\n", 2, "引用符（'）"),
    "deeper indentation": ("- id: a\n  question: x\n   answer: y\n", 3, "字下げ"),
    "shallower indentation": ("- id: a\n  question: x\n answer: y\n", 3, "字下げ"),
    "a tab": ("- id: a\n\tquestion: x\n", 2, "タブ文字は使えません"),
    "a colon in a value": ("- id: a\n  question: 受付時間: 9時から\n", 2, "値の中に「: 」"),
    "text after a quoted value": ('- id: a\n  question: "RPA" とは\n', 2, "引用符で囲んだ値のあとに"),
    "an unclosed bracket": ("- id: a\n  phrasings: [RPA, ロボット\n  answer: x\n", 2, "「[」を閉じる「]」"),
    "a value starting with @": ("- id: a\n  question: @メンション\n", 2, "「@」で始まる値は"),
    "a full-width colon": ("- id: a\n  question：x\n", 2, "「キー: 値」の形"),
    "a backslash in double quotes": ('- id: a\n  answer: "C:\\Users"\n', 2, "\\\\ と書くか"),
    "a control character": ("- id: a\n  answer: x\x07\n", 2, "制御文字（U+0007）"),
    "a second document": ("- id: a\n  question: x\n---\n- id: b\n", 3, "2つ目の文書"),
    "a tag": ("- id: a\n  question: !!python/name:os.system x\n", 2, "（タグ）は使えません"),
    "a directive of another version": ("%YAML 9.9\n---\n- id: a\n", 1, "字下げや記号を確かめて"),
    "a key written twice": (
        "- id: a\n  question: x\n  answer: y\n  question: z\n",
        4,
        "「question」が2行目と4行目",
    ),
}


@pytest.mark.parametrize(("text", "line", "words"), SLIPS.values(), ids=SLIPS.keys())
@pytest.mark.usefixtures("batch")
def test_a_slip_is_explained_in_japanese_on_a_line_of_the_file(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = write(tmp_path, text)
    [problem] = outcome(lambda: list(cast(YamlList, read_yaml_list(path))))  # item by item
    assert [problem] == outcome(lambda: read_yaml(path))
    assert (problem.line, words in problem.message) == (line, True), problem
    assert problem.message.startswith("YAMLの書き方に誤りがあります: ")
    quoted = re.compile(r"「[^」]*」")  # the file's own words, such as a key
    assert not re.search(r"[a-z]{4,}", quoted.sub("", problem.message)), "no English words of the parser"
