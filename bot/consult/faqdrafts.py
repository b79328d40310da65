"""FAQ drafts: an answered consultation turned into an FAQ entry that an editor reviews and exports.

"FAQに登録" on a consultation creates a draft from its question and the DX
team's latest answer (both masked when they were stored); what the team
types into a draft is masked as it is saved. Anyone on the team may edit a draft; an editor
approves it (it must then be a valid `bot.knowledge.schema.FaqEntry` whose
id is not in the FAQ yet) or sets it aside, and exports the approved ones
as YAML in the format of ``faq.yaml`` (docs/knowledge-format.md), to be
appended to the file and checked with ``python -m bot check``. An approved
draft whose id the FAQ has by then is left out of the export (appended
already), and marking the drafts exported says they are done with.

States: 下書き (draft) → 承認済み (approved) → 書き出し済み (exported);
見送り (rejected). Editing an approved draft makes it a draft again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import ValidationError

from bot.consult import store
from bot.db import aware
from bot.db.engine import reading, writing
from bot.db.schema import faq_drafts
from bot.dialogue.desk import Candidate
from bot.dialogue.intents import consult_wish
from bot.errors import Conflict, InvalidInput, NotFound
from bot.knowledge.importer import FIELD_LABELS
from bot.knowledge.schema import FaqEntry
from bot.knowledge.yamlout import dump_blocks
from bot.localtime import local
from bot.privacy import mask, masked_kinds
from bot.search.normalize import sentences

__all__ = [
    "STATUS_LABELS",
    "Draft",
    "DraftExists",
    "DraftRefused",
    "DraftStatus",
    "FaqDrafts",
    "as_question",
    "to_yaml",
]

DraftStatus = Literal["draft", "approved", "rejected", "exported"]
STATUS_LABELS: dict[str, str] = {
    "draft": "下書き",
    "approved": "承認済み",
    "rejected": "見送り",
    "exported": "書き出し済み",
}

_FIELD_NAMES = ("entry_id", "category", "question", "answer", "phrasings", "keywords")
"""The fields of the draft form, each masked (`bot.privacy.mask`) before it is saved."""


class DraftRefused(InvalidInput):
    """A draft that cannot be approved as it stands: ``fields`` are the form's fields to mend, in its order.

    The message names them in words; a form marks each of them (the dashboard's ``aria-invalid``).
    """

    def __init__(self, message: str, fields: Iterable[str]) -> None:
        super().__init__(message)
        self.fields = tuple(name for name in _FIELD_NAMES if name in set(fields))


class DraftExists(Conflict):
    """「FAQに登録」 on a consultation that has a draft in use already (not set aside): ``draft`` is it.

    A second press (a double click, or a colleague's) would otherwise make a second entry of one answer.
    """

    def __init__(self, draft: Draft) -> None:
        super().__init__(f"この相談からは、すでにFAQの下書き No.{draft.id}（{draft.label}）を作っています。")
        self.draft = draft


LIVE: tuple[DraftStatus, ...] = ("draft", "approved", "exported")
"""The states in which a draft stands for its consultation; one set aside (見送り) lets another be made."""


@dataclass(frozen=True, slots=True)
class Draft:
    """One FAQ draft, in the fields of faq.yaml, with who made and reviewed it."""

    id: int
    consultation_id: int | None
    entry_id: str
    category: str
    question: str
    answer: str
    phrasings: tuple[str, ...]
    keywords: tuple[str, ...]
    status: DraftStatus
    version: int
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime
    reviewed_by: str | None

    @property
    def label(self) -> str:
        """The state's Japanese name."""
        return STATUS_LABELS[self.status]

    def appended_as(self, faq: Mapping[str, FaqEntry]) -> bool:
        """Whether ``faq`` (entries by id) holds this draft as it stands: its id, with the same text."""
        held = faq.get(self.entry_id)
        return held is not None and (
            held.category,
            held.question.strip(),
            held.answer.strip(),
            tuple(held.phrasings),
            tuple(held.keywords),
        ) == (self.category, self.question.strip(), self.answer.strip(), self.phrasings, self.keywords)

    def entry(self) -> dict[str, Any]:
        """The entry as faq.yaml holds it (no category and empty lists left out)."""
        item: dict[str, Any] = {"id": self.entry_id}
        if self.category:
            item["category"] = self.category
        item |= {"question": self.question, "answer": self.answer}
        if self.phrasings:
            item["phrasings"] = list(self.phrasings)
        if self.keywords:
            item["keywords"] = list(self.keywords)
        return item


class FaqDrafts:
    """FAQ drafts in the database.

    ``existing`` gives the ids already in the FAQ, ``public`` the contact
    details the knowledge publishes, which an edit keeps unmasked, and
    ``categories`` each FAQ entry's category by its id, from which a new
    draft takes the category of the first FAQ entry the bot found for the
    consultation (none without one): the ward's own, never a fixed one its
    FAQ may not have.
    """

    def __init__(
        self,
        engine: sa.Engine,
        clock: Callable[[], datetime],
        existing: Callable[[], Collection[str]],
        public: Callable[[], Collection[str]] = frozenset,
        categories: Callable[[], Mapping[str, str]] = dict,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.existing = existing
        self.public = public
        self.categories = categories

    def create_from(self, number: int, actor: str, expected: int | None = None) -> Draft:
        """A draft from consultation ``number``'s question and latest answer (recorded on it).

        `DraftExists` when the consultation has a draft in use (`LIVE`) already: checked in the same
        transaction, so two presses at once make one draft.
        """
        now = self.clock()
        with writing(self.engine, "the FAQ draft") as connection:
            consultation = store.get(connection, number, lock=True)
            made = self._of_consultation(connection, number)
            if live := [d for d in made if d.status in LIVE]:
                raise DraftExists(live[0])
            answer = store.last_answer(connection, number)
            if answer is None:
                raise InvalidInput(
                    f"No.{number} の相談にはまだ回答がありません。回答してから登録してください。"
                )
            question = as_question(consultation.content or consultation.query)
            asked = as_question(consultation.query)
            phrasings = [asked] if asked and asked != question else []
            result = connection.execute(
                faq_drafts.insert().values(
                    consultation_id=number,
                    entry_id=f"consult-{number}",
                    category=self._category_for(consultation.candidates),
                    question=question,
                    answer=answer,
                    phrasings=phrasings,
                    keywords=[],
                    status="draft",
                    version=1,
                    created_by=actor,
                    created_at=now,
                    updated_by=actor,
                    updated_at=now,
                )
            )
            inserted = result.inserted_primary_key
            assert inserted is not None
            draft_id = int(inserted[0])
            store.change(
                connection, consultation, actor, "faq", now, data={"draft": draft_id}, expected=expected
            )
            return self._get(connection, draft_id)

    def _category_for(self, candidates: Iterable[Candidate]) -> str:
        """The category of the first candidate that is an FAQ entry with one, or none."""
        categories = self.categories()
        refs = (c.ref.partition(":") for c in candidates)
        return next((categories[i] for kind, _, i in refs if kind == "faq" and categories.get(i)), "")

    def list(self, status: str | None = None) -> list[Draft]:
        """Drafts, newest first; only those in ``status`` when given."""
        query = sa.select(faq_drafts).order_by(faq_drafts.c.id.desc())
        if status:
            query = query.where(faq_drafts.c.status == status)
        with reading(self.engine, "the FAQ drafts") as connection:
            return [_draft(row._mapping) for row in connection.execute(query).all()]

    def of_consultation(self, number: int) -> tuple[Draft, ...]:
        """The drafts made from consultation ``number``, newest first (found by its id, not read all)."""
        with reading(self.engine, "the FAQ drafts") as connection:
            return self._of_consultation(connection, number)

    def _of_consultation(self, connection: sa.Connection, number: int) -> tuple[Draft, ...]:
        query = (
            sa.select(faq_drafts)
            .where(faq_drafts.c.consultation_id == number)
            .order_by(faq_drafts.c.id.desc())
        )
        return tuple(_draft(row._mapping) for row in connection.execute(query).all())

    def get(self, draft_id: int) -> Draft:
        """One draft; `NotFound` when there is none."""
        with reading(self.engine, "the FAQ drafts") as connection:
            return self._get(connection, draft_id)

    def save(self, draft_id: int, fields: Mapping[str, str], actor: str, expected: int) -> Draft:
        """Save edited fields (lists one item a line), masked; an approved draft becomes a draft again."""
        values = self._values(fields)
        with writing(self.engine, "the FAQ draft") as connection:
            draft = self._get(connection, draft_id)
            if draft.status in ("exported", "rejected"):
                raise InvalidInput(f"「{draft.label}」の下書きは編集できません。")
            return self._update(connection, draft, actor, expected, values | {"status": "draft"})

    def approve(
        self, draft_id: int, actor: str, expected: int, fields: Mapping[str, str] | None = None
    ) -> Draft:
        """An editor approves: the draft must be a valid FAQ entry with a new id.

        ``fields``, the form as the editor last saw it, are saved first in the
        same transaction: what is approved is what was on the screen, and a
        refusal keeps neither the edit nor the approval.
        """
        with writing(self.engine, "the FAQ draft") as connection:
            draft = self._get(connection, draft_id)
            if draft.status != "draft":
                raise InvalidInput(f"「{draft.label}」の下書きは承認できません。")
            if fields is not None:
                draft = self._update(connection, draft, actor, expected, self._values(fields))
                expected = draft.version
            _validate(draft.entry())
            _check_published_as_is(draft)
            taken = set(self.existing())
            others = connection.execute(
                sa.select(faq_drafts.c.entry_id).where(
                    faq_drafts.c.status.in_(["approved", "exported"]), faq_drafts.c.id != draft_id
                )
            )
            taken.update(entry_id for (entry_id,) in others)
            if draft.entry_id in taken:
                raise DraftRefused(
                    f"ID「{draft.entry_id}」はすでにFAQにあります。別のIDにしてください。", ["entry_id"]
                )
            return self._update(connection, draft, actor, expected, {"status": "approved"}, reviewed=True)

    def reject(self, draft_id: int, actor: str, expected: int) -> Draft:
        """An editor sets the draft aside."""
        with writing(self.engine, "the FAQ draft") as connection:
            draft = self._get(connection, draft_id)
            if draft.status not in ("draft", "approved"):
                raise InvalidInput(f"「{draft.label}」の下書きは見送りにできません。")
            return self._update(connection, draft, actor, expected, {"status": "rejected"}, reviewed=True)

    def exportable(self, *, everything: bool = False) -> tuple[Draft, ...]:
        """The approved drafts to append to faq.yaml: those whose id the FAQ does not have yet.

        An approved id was new when approved; in the FAQ now, the draft was
        appended already and exporting it again would repeat the id (which
        ``check`` refuses). ``everything`` keeps them too.
        """
        approved = self.list("approved")
        present = set() if everything else set(self.existing())
        return tuple(d for d in approved if d.entry_id not in present)

    def export(self, *, everything: bool = False) -> str:
        """The `exportable` drafts as YAML to append to faq.yaml ("" when there are none)."""
        drafts = self.exportable(everything=everything)
        return to_yaml(drafts, self.clock()) if drafts else ""

    def mark_appended(self, actor: str, faq: Iterable[FaqEntry]) -> tuple[Draft, ...]:
        """Mark exported the approved drafts ``faq`` (the FAQ in service) holds as they are; those marked.

        Exactly what was appended: a draft approved after the export (its id not in the FAQ) or edited and
        approved again after it (the FAQ holds other text under its id) stays approved. Read and marked in
        one transaction, so a draft changed meanwhile is not marked either. The one way drafts are marked:
        the dashboard's 「書き出し済みにする」 and ``admin export-faq --mark-exported`` both call it.
        """
        held = {entry.id: entry for entry in faq}
        with writing(self.engine, "the FAQ draft") as connection:
            approved = connection.execute(sa.select(faq_drafts).where(faq_drafts.c.status == "approved"))
            appended = tuple(d for d in (_draft(row._mapping) for row in approved) if d.appended_as(held))
            connection.execute(
                faq_drafts.update()
                .where(faq_drafts.c.id.in_([d.id for d in appended]), faq_drafts.c.status == "approved")
                .values(
                    status="exported",
                    updated_by=actor,
                    updated_at=self.clock(),
                    version=faq_drafts.c.version + 1,
                )
            )
        return appended

    def _values(self, fields: Mapping[str, str]) -> dict[str, Any]:
        """The draft's columns from a form's fields (lists one item a line), masked."""
        public = self.public()
        typed = {name: mask(fields.get(name, ""), public).text for name in _FIELD_NAMES}
        return {
            "entry_id": typed["entry_id"].strip(),
            "category": typed["category"].strip(),
            "question": typed["question"].strip(),
            "answer": typed["answer"].strip(),
            "phrasings": _lines(typed["phrasings"]),
            "keywords": _lines(typed["keywords"].replace("、", "\n").replace(",", "\n")),
        }

    def _get(self, connection: sa.Connection, draft_id: int) -> Draft:
        row = connection.execute(sa.select(faq_drafts).where(faq_drafts.c.id == draft_id)).first()
        if row is None:
            raise NotFound(f"FAQの下書き {draft_id} は見つかりません。")
        return _draft(row._mapping)

    def _update(
        self,
        connection: sa.Connection,
        draft: Draft,
        actor: str,
        expected: int,
        values: Mapping[str, Any],
        *,
        reviewed: bool = False,
    ) -> Draft:
        now = self.clock()
        extra = {"reviewed_by": actor, "reviewed_at": now} if reviewed else {}
        result = connection.execute(
            faq_drafts.update()
            .where(faq_drafts.c.id == draft.id, faq_drafts.c.version == expected)
            # Counted up by the database, as `bot.consult.store.change` does: any ``expected`` a form may
            # carry is a Conflict when no row holds it, never an overflow.
            .values(version=faq_drafts.c.version + 1, updated_by=actor, updated_at=now, **values, **extra)
        )
        if result.rowcount != 1:
            raise Conflict("この下書きは、画面を開いた後に更新されています。最新の内容をご確認ください。")
        return self._get(connection, draft.id)


def to_yaml(drafts: Collection[Draft], now: datetime) -> str:
    """Drafts as a faq.yaml fragment, with a header saying where they come from."""
    entries = [{**d.entry(), "answer": d.answer.rstrip() + "\n"} for d in drafts]
    body = dump_blocks(entries)
    header = (
        f"# 相談への回答から作成したFAQ（{local(now):%Y年%m月%d日}書き出し、{len(entries)}件）\n"
        "# faq.yaml の末尾に追記し、python -m bot check で確認してください。\n"
    )
    return header + body


def as_question(said: str) -> str:
    """What a staff member said to the intake, as an FAQ's question: without an opening 「相談したいです。」.

    A wish that names its topic (「RPAの導入について相談したいです。…」) is kept:
    the topic is part of the question.
    """
    said = said.strip()
    parts = sentences(said)
    wish = consult_wish(parts[0]) if len(parts) > 1 else None
    return "".join(parts[1:]).strip() if wish is not None and not wish.topic else said


def _check_published_as_is(draft: Draft) -> None:
    """Refuse a draft that still holds masked text (［氏名］): an FAQ is read by every member of staff.

    An answer written for one consultation keeps its placeholders; published,
    they read as a broken sentence and point at one person's case.
    """
    fields = (
        ("question", draft.question),
        ("answer", draft.answer),
        ("phrasings", "\n".join(draft.phrasings)),
        ("keywords", "\n".join(draft.keywords)),
    )
    held = {name: kinds for name, text in fields if (kinds := masked_kinds(text))}
    if held:
        where = "、".join(f"{FIELD_LABELS[name]}の［{'］［'.join(kinds)}］" for name, kinds in held.items())
        raise DraftRefused(
            f"伏せ字が残っています（{where}）。だれが読んでもよい一般的な文に書き直してから承認してください。",
            held,
        )


def _validate(entry: Mapping[str, Any]) -> None:
    try:
        FaqEntry.model_validate(dict(entry))
    except ValidationError as exc:
        problems, fields = [], []
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else ""
            problems.append(f"{FIELD_LABELS.get(key, key or '項目')}：{_problem(error['type'])}")
            fields.append("entry_id" if key == "id" else key)
        raise DraftRefused("FAQとして登録できません。" + " ／ ".join(problems), fields) from None


def _problem(kind: str) -> str:
    return {
        "missing": "入力してください",
        "string_too_short": "入力してください",
        "string_pattern_mismatch": "半角の英数字と「-」「_」「.」で、英数字から始めて入力してください"
        "（例：tool-excel-macro、1002）",
        "string_too_long": "長すぎます",
        "literal_error": "一覧から選んでください",
    }.get(kind, "形式が正しくありません")


def _lines(text: str) -> list[str]:
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def _draft(row: sa.RowMapping) -> Draft:
    return Draft(
        id=row["id"],
        consultation_id=row["consultation_id"],
        entry_id=row["entry_id"],
        category=row["category"],
        question=row["question"],
        answer=row["answer"],
        phrasings=tuple(row["phrasings"] or ()),
        keywords=tuple(row["keywords"] or ()),
        status=row["status"],
        version=row["version"],
        created_by=row["created_by"],
        created_at=aware(row["created_at"]),
        updated_by=row["updated_by"],
        updated_at=aware(row["updated_at"]),
        reviewed_by=row["reviewed_by"],
    )
