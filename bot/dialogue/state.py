"""What the engine remembers between two messages of one conversation.

The state is a small immutable value, stored as JSON by the conversation
store. Buttons whose meaning depends on the moment they were shown (解決しない
after this answer, どれでもない for this question) carry a short token
``t:<n>``; the token's meaning is kept here, and only the most recent ones
are kept, so an old button becomes "stale" rather than doing something
unexpected. A consultation being written up (`Intake`) is kept here too,
between the intake's questions, and after it was left unsent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

from bot.dialogue.desk import Candidate

__all__ = ["MAX_TOKENS", "Intake", "IntakeStep", "Op", "Pending", "State"]

MAX_TOKENS = 20
"""Tokens kept per conversation; older buttons get the polite "start again"."""

Op = Literal["solved", "unsolved", "none", "consult", "list"]
_OPS: tuple[str, ...] = get_args(Op)

IntakeStep = Literal["content", "section", "deadline", "confirm", "add"]
_STEPS: tuple[str, ...] = get_args(IntakeStep)


@dataclass(frozen=True, slots=True)
class Pending:
    """What a token button does when pressed.

    - ``solved`` / ``unsolved``: feedback on the answer ``ref`` to ``query``;
      ``refs`` are the other candidates to offer when it did not help.
    - ``none``: none of the candidates fitted ``query``.
    - ``consult``: the user wants to consult the DX team about ``query``.
    - ``list``: show the entries ``refs`` (the rest of a long list).
    """

    op: Op
    query: str = ""
    ref: str = ""
    refs: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict; `from_json` reads it back."""
        return {"op": self.op, "query": self.query, "ref": self.ref, "refs": list(self.refs)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Pending | None:
        """Read a stored token; None when it is not one we understand."""
        op, query, ref, refs = (
            data.get("op"),
            data.get("query", ""),
            data.get("ref", ""),
            data.get("refs", []),
        )
        if op not in _OPS or not isinstance(query, str) or not isinstance(ref, str):
            return None
        if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
            return None
        return cls(op, query, ref, tuple(refs))


@dataclass(frozen=True, slots=True)
class Intake:
    """A consultation being written up, waiting for the answer to the question ``step`` asked.

    ``query`` is the question that led here, ``content`` what the staff
    member wants to improve, ``wanted_by`` by when; all masked, with the
    kinds masked in ``masked``. ``candidates`` are the bot's best finds for
    the question. For ``step`` ``add``, the next message is added to the
    consultation ``number``. ``form`` tells this form's summary from another's
    (its 「この内容で相談する」 names it); 0 in one stored before forms had one.
    """

    step: IntakeStep
    query: str = ""
    content: str = ""
    section: str = ""
    wanted_by: str = ""
    masked: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    number: int = 0
    form: int = 0

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict; `from_json` reads it back."""
        return {
            "step": self.step,
            "query": self.query,
            "content": self.content,
            "section": self.section,
            "wanted_by": self.wanted_by,
            "masked": list(self.masked),
            "candidates": [[c.ref, c.title, c.score] for c in self.candidates],
            "number": self.number,
            "form": self.form,
        }

    @classmethod
    def from_json(cls, data: object) -> Intake | None:
        """Read a stored intake; None when it is not one we understand."""
        if not isinstance(data, dict) or data.get("step") not in _STEPS:
            return None
        texts = [data.get(name, "") for name in ("query", "content", "section", "wanted_by")]
        masked, candidates = data.get("masked", []), data.get("candidates", [])
        number, form = data.get("number", 0), data.get("form", 0)
        if not all(isinstance(t, str) for t in texts) or not all(isinstance(n, int) for n in (number, form)):
            return None
        if not isinstance(masked, list) or not all(isinstance(m, str) for m in masked):
            return None
        if not isinstance(candidates, list):
            return None
        found = tuple(
            Candidate(c[0], c[1], float(c[2]))
            for c in candidates
            if isinstance(c, list)
            and len(c) == 3
            and isinstance(c[0], str)
            and isinstance(c[1], str)
            and isinstance(c[2], int | float)
        )
        query, content, section, wanted_by = texts
        return cls(data["step"], query, content, section, wanted_by, tuple(masked), found, number, form)


@dataclass(frozen=True, slots=True)
class State:
    """A conversation's memory.

    ``shown`` is the entry last shown in detail (for "もっと詳しく"), ``more``
    the entries found but not shown yet (for "他には？"), ``query`` the last
    question searched for, ``tokens`` the live token buttons, oldest first,
    ``counter`` numbers new tokens so they never repeat within a
    conversation, and ``intake`` is the consultation being written up.
    ``left`` is one left unsent (by 「やめる」, 「メニュー」, 「相談状況」 or a button
    elsewhere) and ``sent`` the number of the one this conversation sent last,
    from the form ``sent_form``: an old summary's 「この内容で相談する」 names its
    form, so it offers the first again, or says the second was already
    accepted, and never mistakes one for the other.
    """

    shown: str | None = None
    more: tuple[str, ...] = ()
    query: str = ""
    tokens: tuple[tuple[str, Pending], ...] = field(default=())
    counter: int = 0
    intake: Intake | None = None
    left: Intake | None = None
    sent: int = 0
    sent_form: int = 0

    def issue(self, pending: Pending) -> tuple[State, str]:
        """Remember ``pending`` under a new token; return the new state and the button action."""
        token = _base36(self.counter)
        tokens = (*self.tokens, (token, pending))[-MAX_TOKENS:]
        return replace(self, tokens=tokens, counter=self.counter + 1), f"t:{token}"

    def pending(self, token: str) -> Pending | None:
        """What the token button ``t:<token>`` does; None when unknown or expired."""
        for key, pending in self.tokens:
            if key == token:
                return pending
        return None

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict for the store; `from_json` reads it back."""
        return {
            "shown": self.shown,
            "more": list(self.more),
            "query": self.query,
            "tokens": [[key, pending.to_json()] for key, pending in self.tokens],
            "counter": self.counter,
            "intake": self.intake.to_json() if self.intake else None,
            "left": self.left.to_json() if self.left else None,
            "sent": self.sent,
            "sent_form": self.sent_form,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> State:
        """Read stored state; anything unreadable is dropped rather than failing the conversation."""
        if not data:
            return cls()
        shown, more, query, counter, sent, sent_form = (
            data.get("shown"),
            data.get("more"),
            data.get("query"),
            data.get("counter"),
            data.get("sent"),
            data.get("sent_form"),
        )
        if not isinstance(counter, int) or counter < 0:
            counter, data = 0, {}  # without a counter, new tokens could repeat old ones: drop them
        tokens: list[tuple[str, Pending]] = []
        for item in data.get("tokens") or []:
            if (
                isinstance(item, list)
                and len(item) == 2
                and isinstance(item[0], str)
                and isinstance(item[1], dict)
            ):
                pending = Pending.from_json(item[1])
                if pending is not None:
                    tokens.append((item[0], pending))
        return cls(
            shown=shown if isinstance(shown, str) else None,
            more=tuple(r for r in more if isinstance(r, str)) if isinstance(more, list) else (),
            query=query if isinstance(query, str) else "",
            tokens=tuple(tokens),
            counter=counter,
            intake=Intake.from_json(data.get("intake")),
            left=Intake.from_json(data.get("left")),
            sent=sent if isinstance(sent, int) and sent > 0 else 0,
            sent_form=sent_form if isinstance(sent_form, int) and sent_form > 0 else 0,
        )


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if number == 0:
            return text
