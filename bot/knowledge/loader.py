"""Load and check the whole knowledge: faq.yaml and the knowledge/ directory.

`load_knowledge` either returns a consistent `KnowledgeBase` or raises
`KnowledgeError` listing every problem with its file and line; it never
returns half-checked data, so a failed reload can keep the previous
knowledge in service.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from bot.knowledge.manual import Chapter, Section, parse_chapter
from bot.knowledge.problems import KnowledgeError, Problem, undecodable, unreadable
from bot.knowledge.schema import (
    ENTRY_ID_PATTERN,
    SECTION_REF_PATTERN,
    Case,
    EntryId,
    FaqEntry,
    Referral,
    SectionRef,
    SmallTalk,
    SynonymGroup,
    number_as_text,
    same_questions,
)
from bot.knowledge.ward import Ward
from bot.knowledge.yamlsrc import YamlDocument, YamlList, read_yaml, read_yaml_list
from bot.privacy import public_contacts

__all__ = ["KnowledgeBase", "knowledge_files", "load_knowledge", "load_list", "missing_knowledge"]

M = TypeVar("M", bound=BaseModel)
_NOT_A_LIST = "項目のリスト（「- id: …」の並び）にしてください"
_synonyms_adapter: TypeAdapter[SynonymGroup] = TypeAdapter(SynonymGroup)
_id_adapter: TypeAdapter[str] = TypeAdapter(EntryId)
_section_ref_adapter: TypeAdapter[str] = TypeAdapter(SectionRef)


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the bot answers from, checked and cross-referenced."""

    faq: tuple[FaqEntry, ...]
    chapters: tuple[Chapter, ...]
    cases: tuple[Case, ...]
    referrals: tuple[Referral, ...]
    smalltalk: tuple[SmallTalk, ...]
    synonyms: tuple[tuple[str, ...], ...]
    fingerprint: str = ""
    sections: dict[str, Section] = field(default_factory=dict)
    ward: Ward = field(default_factory=Ward)
    """The ward's own names (``knowledge/ward.yaml``)."""

    def section(self, ref: str) -> Section | None:
        """Return the manual section ``chapter#section``, or None."""
        return self.sections.get(ref)

    @cached_property
    def public_contacts(self) -> frozenset[str]:
        """The contact details the knowledge publishes (`bot.privacy.public_contacts`), found once."""
        return public_contacts(self._published_texts())

    def _published_texts(self) -> Iterator[str]:
        """Every text the ward publishes to its staff: answers, contacts, the manual, the cases."""
        yield self.ward.contact
        yield from (entry.answer for entry in self.faq)
        yield from (entry.answer for entry in self.smalltalk)
        for referral in self.referrals:
            yield from (referral.office, referral.contact, referral.answer, referral.portal or "")
        for case in self.cases:
            yield from (case.contact, case.actions, case.problem)
        for chapter in self.chapters:
            yield chapter.lead
            yield from (section.body for section in chapter.sections)


def knowledge_files(faq_path: Path, knowledge_dir: Path) -> list[Path]:
    """Every file the knowledge is read from, in a stable order."""
    files = [faq_path]
    for name in ("referrals.yaml", "smalltalk.yaml", "synonyms.yaml", "ward.yaml"):
        if (knowledge_dir / name).exists():
            files.append(knowledge_dir / name)
    files += sorted((knowledge_dir / "manual").glob("*.md"))
    files += sorted((knowledge_dir / "cases").glob("*.yaml"))
    return files


def fingerprint_of(files: Iterable[Path]) -> str:
    """A digest of the files' names and bytes: the key of the index cache."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


_WHERE_TO_START = "、faq.yaml と knowledge フォルダのあるフォルダで起動してください"


def missing_knowledge(faq_path: Path, knowledge_dir: Path) -> list[Problem]:
    """The FAQ file or knowledge folder that is not there, each with the setting that names it.

    Said before anything is read, so that an operator who started the bot in the wrong folder (or an
    installed package, which holds no ward's knowledge) learns what to set rather than only what is gone.
    """
    missing: list[Problem] = []
    faq_there, knowledge_there = (
        _there(faq_path, Path.exists, missing),
        _there(knowledge_dir, Path.is_dir, missing),
    )
    if faq_there is False:  # a folder given for it is said to be one, when it is read
        missing.append(
            Problem(
                faq_path.absolute(),
                0,
                "FAQのファイルが見つかりません。KAIZEN_FAQ（または --faq）で指定するか" + _WHERE_TO_START,
            )
        )
    if knowledge_there is False:
        missing.append(
            Problem(
                knowledge_dir.absolute(),
                0,
                "知識フォルダが見つかりません。KAIZEN_KNOWLEDGE（または --knowledge）で指定するか"
                + _WHERE_TO_START,
            )
        )
    return missing


def _there(path: Path, test: Callable[[Path], bool], problems: list[Problem]) -> bool | None:
    """``test(path)``; None, with the problem in ``problems``, when the system refuses to look the name up.

    Its reason in Japanese (a name over 255 bytes: 名前が長すぎます), where ``exists()`` raised a traceback.
    """
    try:
        return test(path)
    except OSError as exc:
        problems.append(unreadable(path.absolute(), exc))
        return None


def load_knowledge(faq_path: Path, knowledge_dir: Path, notes: list[Problem] | None = None) -> KnowledgeBase:
    """Load, validate and cross-check; raise `KnowledgeError` on any problem.

    What is worth a look but loads all the same goes to ``notes``: FAQ entries asking the same question,
    a ward's own columns in faq.yaml (``url:``, ``更新日:``), which are left out, and a category ward.yaml
    labels that no FAQ entry has (its label is never shown).
    """
    problems: list[Problem] = []
    missing = missing_knowledge(faq_path, knowledge_dir)
    if missing:
        raise KnowledgeError(missing)

    own_columns: list[Problem] = []
    links: list[Links] = []
    faq = load_list(faq_path, FaqEntry, problems, own_columns=own_columns, links=links)
    if not faq and not problems:
        # An empty file is a slip (an import that failed, redirected into it), never meant to serve.
        problems.append(Problem(faq_path, 0, _NO_FAQ))
    referrals = load_list(knowledge_dir / "referrals.yaml", Referral, problems, optional=True, links=links)
    smalltalk = load_list(knowledge_dir / "smalltalk.yaml", SmallTalk, problems, optional=True, links=links)
    synonyms = _load_synonyms(knowledge_dir / "synonyms.yaml", problems)
    ward_doc = (
        _read(knowledge_dir / "ward.yaml", problems) if (knowledge_dir / "ward.yaml").exists() else None
    )
    ward = _load_ward(ward_doc, problems)
    if notes is not None:
        notes.extend(sorted([*own_columns, *_same_questions(faq), *_unused_categories(ward_doc, ward, faq)]))
    chapters = _load_chapters(knowledge_dir / "manual", problems)
    case_links: list[Links] = []
    cases = _load_cases(knowledge_dir / "cases", problems, case_links)

    sections = {s.ref: s for chapter in chapters for s in chapter.sections}
    links += case_links
    _check_unique_ids(links, problems)
    _check_refs(links, chapters, {link.id for link in case_links}, ward, problems)
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        faq=tuple(e for e, _ in faq),
        chapters=tuple(chapters),
        cases=tuple(c for c, _ in cases),
        referrals=tuple(e for e, _ in referrals),
        smalltalk=tuple(e for e, _ in smalltalk),
        synonyms=tuple(synonyms),
        fingerprint=fingerprint_of(knowledge_files(faq_path, knowledge_dir)),
        sections=sections,
        ward=ward,
    )


_NO_FAQ = "FAQの項目が1件もありません（空のファイルでは今の知識を置き換えません）"

Located = tuple[Path, int]


@dataclass(frozen=True, slots=True)
class Links:
    """What one item names across files, read from its raw data.

    An item with problems of its own is cross-checked all the same: `load_knowledge` reports every
    problem in one run. Only well-formed values are kept (the item's validation reports the others);
    lines are found when a problem needs one.
    """

    doc: YamlDocument | YamlList
    loc: tuple[int | str, ...]
    """The item's place in ``doc``: its number in a list, or ``()`` for a file that is one item."""
    id: str | None
    manual: tuple[tuple[int, str], ...] = ()
    """(place in its list, ``chapter#section``)."""
    cases: tuple[tuple[int, str], ...] = ()
    """(place in its list, case id)."""

    def line(self, *keys: int | str) -> int:
        """The line of the item's value at ``keys`` (``"manual", 0``), or of its nearest parent."""
        return self.doc.line((*self.loc, *keys))


def _links(
    doc: YamlDocument | YamlList, loc: tuple[int | str, ...], item: Any, model: type[BaseModel]
) -> Links:
    """The well-formed id and references of a raw ``item`` of ``model`` (the references ``model`` has)."""
    raw = item if isinstance(item, dict) else {}
    return Links(
        doc,
        loc,
        _well_formed(_id_adapter, raw.get("id")),
        _refs(raw.get("manual"), _section_ref_adapter) if "manual" in model.model_fields else (),
        _refs(raw.get("cases"), _id_adapter) if "cases" in model.model_fields else (),
    )


def _refs(value: Any, adapter: TypeAdapter[str]) -> tuple[tuple[int, str], ...]:
    if not isinstance(value, list):
        return ()
    found = ((at, _well_formed(adapter, ref)) for at, ref in enumerate(value))
    return tuple((at, ref) for at, ref in found if ref is not None)


def _well_formed(adapter: TypeAdapter[str], value: Any) -> str | None:
    try:
        return adapter.validate_python(value, strict=True) if value is not None else None
    except ValidationError:
        return None


def _read(path: Path, problems: list[Problem]) -> YamlDocument | None:
    try:
        return read_yaml(path)
    except KnowledgeError as exc:
        problems.extend(exc.problems)
        return None


def load_list(
    path: Path,
    model: type[M],
    problems: list[Problem],
    *,
    optional: bool = False,
    own_columns: list[Problem] | None = None,
    links: list[Links] | None = None,
) -> list[tuple[M, Located]]:
    """The items of the YAML list at ``path`` as ``model`` instances, each with where it stands.

    What is wrong goes to ``problems`` (``file:line: message``, in Japanese), and a wrong item is left
    out. The items are validated one by one as they are parsed, so a large file's raw data never lives
    whole. A syntax error found part way reports only itself, as when the whole file is parsed first.

    With ``own_columns``, a key that is no field of ``model`` and looks like none (a ward's own column
    kept beside its FAQ: ``url:``, ``更新日:``) is left out of its item, with a note there; a key that
    looks like a field (``phrasing:``) is still a problem, naming the field it resembles.

    With ``links``, what each item names across files (`Links`) goes there, wrong items' too.
    """
    if optional and not path.exists():
        return []
    found: list[Problem] = []
    loaded: list[tuple[M, Located]] = []
    named: list[Links] = []
    try:
        doc = read_yaml_list(path)
        if isinstance(doc, YamlDocument) and not isinstance(doc.data, list):
            if doc.data is not None:
                problems.append(Problem(path, doc.line(()), _NOT_A_LIST))
            return []
        items: Iterable[Any] = doc.data if isinstance(doc, YamlDocument) else doc
        for index, item in enumerate(items):
            if own_columns is not None:
                item = _without_own_columns(doc, (index,), item, model, own_columns)
            if links is not None:
                named.append(_links(doc, (index,), item, model))
            entry = _validate(doc, (index,), item, model, found)
            if entry is not None:
                loaded.append((entry, (path, doc.line((index,)))))
    except KnowledgeError as exc:
        problems.extend(exc.problems)
        return []
    problems.extend(found)
    if links is not None:
        links.extend(named)
    return loaded


def _validate(
    doc: YamlDocument | YamlList,
    loc: tuple[int | str, ...],
    item: Any,
    model: type[M],
    problems: list[Problem],
) -> M | None:
    try:
        return model.model_validate(item)
    except ValidationError as exc:
        errors = exc.errors()
        for error in errors:
            if error["type"] == "too_short" and _within(error["loc"], errors):
                continue  # pydantic counts only the valid items: the wrong ones are the problem, said each
            where = loc + tuple(error["loc"])
            problems.append(Problem(doc.path, doc.line(where), _describe(error, item, model)))
        return None


def _within(loc: tuple[int | str, ...], errors: Iterable[Any]) -> bool:
    """Whether one of ``errors`` is about a value inside the one at ``loc``."""
    return any(len(other["loc"]) > len(loc) and other["loc"][: len(loc)] == loc for other in errors)


def _without_own_columns(
    doc: YamlDocument | YamlList, loc: tuple[int | str, ...], item: Any, model: type[M], notes: list[Problem]
) -> Any:
    """``item`` without its keys that are no field of ``model`` and resemble none, each noted."""
    if not isinstance(item, dict):
        return item
    own = [key for key in item if key not in model.model_fields and not _field_meant(key, model)]
    for key in own:
        skipped = f"注意: {_id_prefix(item)}「{key}」はFAQの項目にないため読み飛ばしました"
        notes.append(Problem(doc.path, doc.line((*loc, key)), skipped))
    return {key: value for key, value in item.items() if key not in own}


def _field_meant(key: object, model: type[BaseModel]) -> str | None:
    """The field of ``model`` that ``key`` looks like a slip of (phrasing → phrasings), if any."""
    close = difflib.get_close_matches(str(key), list(model.model_fields), n=1, cutoff=0.75)
    return close[0] if close else None


def _describe(error: Any, item: Any, model: type[BaseModel]) -> str:
    """Turn a pydantic error into a message a knowledge editor understands."""
    where = _where(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx", {})
    expected = ctx.get("expected")  # only literal errors say what was expected
    messages = {
        "missing": f"{where}がありません",
        "extra_forbidden": f"{where}という項目は使えません（{_spelling_hint(error['loc'], model)}）",
        "string_type": f"{where}は文字列にしてください",
        "list_type": f"{where}はリストにしてください",
        "model_type": "項目は「キー: 値」の形で書いてください",
        "model_attributes_type": "項目は「キー: 値」の形で書いてください",
        "string_too_short": f"{where}が空です",
        "tuple_type": f"{where}はリストにしてください",
        "too_short": f"{where}には{ctx.get('min_length')}件以上書いてください",
        "string_pattern_mismatch": f"{where}の値「{error.get('input')}」は{_form(ctx.get('pattern'))}",
        "string_too_long": f"{where}が長すぎます{_limit(error)}",
        "too_long": _too_long(where, error),
        "literal_error": f"{where}の値「{error.get('input')}」は使えません" + _choices(expected),
    }
    return _id_prefix(item) + messages.get(kind, f"{where}: {error['msg']}")


def _choices(expected: object) -> str:
    """（「RPA」…または「LINE」のいずれかにしてください） from pydantic's ``'RPA', … or 'LINE'``."""
    names = re.findall(r"'([^']*)'", expected) if isinstance(expected, str) else []
    if not names:
        return ""
    if len(names) == 1:
        return f"（「{names[0]}」にしてください）"
    listed = "".join(f"「{name}」" for name in names[:-1])
    return f"（{listed}または「{names[-1]}」のいずれかにしてください）"


_FORMS = {
    SECTION_REF_PATTERN: "「章id#節id」の形で書いてください（例: remedy#rpa。idは半角英小文字・数字・-）",
    ENTRY_ID_PATTERN: "半角の英数字と「-」「_」「.」で、英数字から書き始めてください（例: tool-rpa-basics）",
}


def _form(pattern: object) -> str:
    """How a value of the schema's ``pattern`` is written, said with an example."""
    return _FORMS.get(str(pattern), "正しい形式ではありません")


def _too_long(where: str, error: Any) -> str:
    """Too long a text, in characters (as `_limit` says), or too many items in a list."""
    if isinstance(error.get("input"), str):
        return f"{where}が長すぎます{_limit(error)}"
    ctx = error.get("ctx", {})
    return f"{where}は{ctx.get('max_length')}件までにしてください（{ctx.get('actual_length')}件あります）"


def _limit(error: Any) -> str:
    """（48文字まで） for a length error that says its limit, else nothing."""
    limit = error.get("ctx", {}).get("max_length")
    return f"（{limit}文字まで）" if isinstance(limit, int) else ""


def _id_prefix(item: Any) -> str:
    """``<id>: `` for an item whose id reads as one (a ward's plain numbers too), else nothing."""
    entry_id = number_as_text(item.get("id")) if isinstance(item, dict) else None
    return f"{entry_id}: " if isinstance(entry_id, str) else ""


def _spelling_hint(loc: tuple[int | str, ...], model: type[BaseModel]) -> str:
    meant = _field_meant(loc[-1], model) if loc else None
    return f"「{meant}」の誤りではありませんか" if meant else "綴りを確認してください"


def _where(loc: tuple[int | str, ...]) -> str:
    """A value's place for people: 「phrasings」の3番目 (not ``phrasings.2``), or 項目 for the item itself."""
    where = ""
    for part in loc:
        where += f"の{part + 1}番目" if isinstance(part, int) else f"の「{part}」" if where else f"「{part}」"
    return where or "項目"


def _load_synonyms(path: Path, problems: list[Problem]) -> list[tuple[str, ...]]:
    if not path.exists():
        return []
    doc = _read(path, problems)
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        problems.append(Problem(path, 1, "同義語のグループのリスト（「- [語, 語]」の並び）にしてください"))
        return []
    groups: list[tuple[str, ...]] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(doc.data):
        line = doc.line((index,))
        try:
            group = _synonyms_adapter.validate_python(raw, strict=True)
        except ValidationError:
            problems.append(Problem(path, line, "同義語のグループは2語以上の文字列のリストにしてください"))
            continue
        for word in group:
            key = word.casefold()
            if key in seen and seen[key] != line:
                problems.append(Problem(path, line, f"「{word}」は{seen[key]}行目のグループにもあります"))
            seen.setdefault(key, line)
        groups.append(tuple(group))
    return groups


def _load_ward(doc: YamlDocument | None, problems: list[Problem]) -> Ward:
    """The ward's names from ward.yaml (None: missing or unreadable); the sample ward's for a missing key."""
    if doc is None or doc.data is None:
        return Ward()
    return _validate(doc, (), doc.data, Ward, problems) or Ward()


def _unused_categories(
    doc: YamlDocument | None, ward: Ward, faq: list[tuple[FaqEntry, Located]]
) -> list[Problem]:
    """A note on each category ward.yaml's ``categories`` labels that no FAQ entry has.

    Its label is never shown, and nothing else says so: a name written otherwise than in the
    spreadsheet the FAQ came from (システム for ｼｽﾃﾑ, 庶務 for 庶務関係) is a silent miss.
    """
    if doc is None:
        return []
    used = dict.fromkeys(entry.category for entry, _ in faq if entry.category)
    listed = "".join(f"「{category}」" for category in list(used)[:10]) + ("など" if len(used) > 10 else "")
    notes = []
    for category in ward.categories:
        if category in used:
            continue
        width = unicodedata.normalize("NFKC", category)
        alike = next((c for c in used if unicodedata.normalize("NFKC", c) == width), None)
        why = (
            f"FAQでは「{alike}」と書かれています"
            if alike
            else (f"FAQの分類は{listed}です" if used else "FAQに分類はありません")
        )
        notes.append(
            Problem(
                doc.path,
                doc.line(("categories", category)),
                f"注意: 分類「{category}」のFAQがないため、この表示名は使われません（{why}）",
            )
        )
    return notes


def _load_chapters(directory: Path, problems: list[Problem]) -> list[Chapter]:
    chapters: list[Chapter] = []
    ids: dict[str, Path] = {}
    for path in sorted(directory.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(undecodable(path, exc))
            continue
        except OSError as exc:
            problems.append(unreadable(path, exc))
            continue
        chapter, found = parse_chapter(path, text)
        problems.extend(found)
        if chapter is None:
            continue
        if chapter.id in ids:
            problems.append(
                Problem(path, 1, f"章id「{chapter.id}」が {ids[chapter.id].name} と重複しています")
            )
            continue
        ids[chapter.id] = path
        chapters.append(chapter)
    return sorted(chapters, key=lambda c: c.order)


def _load_cases(directory: Path, problems: list[Problem], links: list[Links]) -> list[tuple[Case, Located]]:
    """The cases that are right; what every case file read names goes to ``links``, wrong cases' too."""
    cases: list[tuple[Case, Located]] = []
    for path in sorted(directory.glob("*.yaml")):
        doc = _read(path, problems)
        if doc is None:
            continue
        named = _links(doc, (), doc.data, Case)
        links.append(named)
        if named.id is not None and named.id != path.stem:
            problems.append(
                Problem(path, named.line("id"), f"id「{named.id}」をファイル名と同じにしてください")
            )
        case = _validate(doc, (), doc.data, Case, problems)
        if case is not None:
            cases.append((case, (path, 1)))
    return cases


def _same_questions(faq: list[tuple[FaqEntry, Located]]) -> list[Problem]:
    """A note on each FAQ entry that asks what an earlier one asks: the search cannot tell them apart."""
    notes: list[Problem] = []
    for first, *others in same_questions([entry for entry, _ in faq]):
        other, (_, other_line) = faq[first]
        for at in others:
            entry, (path, line) = faq[at]
            notes.append(
                Problem(
                    path,
                    line,
                    f"注意: {entry.id}: 質問が {other.id}（{other_line}行目）と同じです。"
                    "1つにまとめるか、違いが分かるように書き分けてください",
                )
            )
    return sorted(notes, key=lambda note: (str(note.path), note.line))


def _check_unique_ids(links: list[Links], problems: list[Problem]) -> None:
    """An id used twice is reported on the line of the second, naming the first."""
    first: dict[str, Links] = {}
    for link in links:
        if link.id is None:
            continue
        other = first.setdefault(link.id, link)
        if other is not link:
            where = f"{other.doc.path.name}:{other.line('id')}"
            problems.append(
                Problem(link.doc.path, link.line("id"), f"id「{link.id}」が重複しています（{where} と同じ）")
            )


def _check_refs(
    links: list[Links],
    chapters: list[Chapter],
    case_ids: set[str | None],
    ward: Ward,
    problems: list[Problem],
) -> None:
    """Each reference to a section or a case that is not there, on the line that holds it.

    The manual is named as the ward calls it (`Ward.manual_short`), and a missing section is told
    from a missing chapter.
    """
    files = {chapter.id: chapter.path.name for chapter in chapters}
    sections = {section.ref for chapter in chapters for section in chapter.sections}
    for link in links:
        for at, ref in link.manual:
            if ref not in sections:
                chapter_id, _, section_id = ref.partition("#")
                why = (
                    f"{files[chapter_id]} に節「{section_id}」がありません"
                    if chapter_id in files
                    else f"章「{chapter_id}」がありません"
                )
                message = f"関連する{ward.manual_short}の節「{ref}」が見つかりません（{why}）"
                problems.append(Problem(link.doc.path, link.line("manual", at), message))
        for at, ref in link.cases:
            if ref not in case_ids:
                message = f"関連する事例「{ref}」が見つかりません"
                problems.append(Problem(link.doc.path, link.line("cases", at), message))
