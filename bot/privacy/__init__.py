"""Masking of personal information that people type: staff about residents, the DX team in answers.

`mask` replaces what looks like personal information with a bracketed label
(``［電話番号］``) and reports which kinds it found, so the person can be
told. It errs on the side of masking: a false positive hides a few
characters from the DX team, a false negative leaks a resident's details.
Matching runs on a folded copy of the text (`bot.privacy.fold`: full width,
kanji numerals, dashes) and replaces the span as it was written.

What is recognised, kind by kind: `bot.privacy.numbers` (My Number, phone
numbers, postal codes), `bot.privacy.email`, `bot.privacy.address`,
`bot.privacy.names` (a person's name, where the text shows it is one),
`bot.privacy.labelled` (a birth date, an account, insurance, pension or ID
card number where a label announces it; a payment card's 16 digits), `bot.privacy.query` (a URL's
parameter named for one of them: ?tel=…&zip=…, a log's, JSON's or SQL's field so named),
`bot.privacy.abroad` (Korean, Philippine and Brazilian addresses and numbers). Work
text stays: dates, times, amounts, durations, percentages, counts (40件),
extension numbers (内線 2345), references (#123, No.12, 第3条).

Where it runs: every message and button press as it enters a turn
(`bot.conversations`) and, a platform's, as the inbox stores it first
(`bot.db.inbox`), every text the DX team types (answers, notes, tags, FAQ
drafts), and every log line (`bot.privacy.logs`). All but a log line logged
on the event loop (the access log's) and the short label of a reload asked
through the API run off the loop, on turn threads or `asyncio.to_thread`. A
text masked again soon gets the result remembered (`RECENT`): a platform's
message is read once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from hashlib import blake2b
from threading import Lock

from bot.privacy import lazy
from bot.privacy.abroad import find_abroad
from bot.privacy.address import ADDRESS, find_addresses
from bot.privacy.email import EMAIL, find_emails
from bot.privacy.fold import fold
from bot.privacy.labelled import BIRTH_DATE, ID_NUMBER, find_labelled
from bot.privacy.names import NAME, find_names
from bot.privacy.numbers import MY_NUMBER, PHONE, POSTAL, find_numbers, is_my_number
from bot.privacy.query import find_in_queries

__all__ = [
    "ADDRESS",
    "BIRTH_DATE",
    "EMAIL",
    "ID_NUMBER",
    "KINDS",
    "MY_NUMBER",
    "NAME",
    "PHONE",
    "POSTAL",
    "Masked",
    "is_my_number",
    "mask",
    "masked_kinds",
    "prepare",
    "public_contacts",
    "without_placeholders",
]

KINDS = (MY_NUMBER, PHONE, EMAIL, POSTAL, ADDRESS, NAME, BIRTH_DATE, ID_NUMBER)
"""Every kind of personal information recognised, as staff are told of it."""

_PLACEHOLDER = lazy.compile("［(" + "|".join(KINDS) + ")］")


@dataclass(frozen=True, slots=True)
class Masked:
    """The text with personal information replaced, and the kinds replaced (in order, each once)."""

    text: str
    kinds: tuple[str, ...]


def mask(text: str, public: Collection[str] = frozenset()) -> Masked:
    """Replace personal information in ``text`` by ``［kind］``; masking a masked text changes nothing.

    ``public`` holds contact details the ward publishes (`public_contacts`): they are kept. The same
    text masked again soon (a platform's message: as the inbox stores it, then as its turn reads it)
    is not read again (`RECENT`).
    """
    if not isinstance(public, frozenset):
        return _read(text, public)
    key = (blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest(), public)
    if (masked := RECENT.get(key)) is None:
        masked = _read(text, public)
        RECENT.put(key, masked)
    return masked


class Recent:
    """The last ``size`` results of `mask`, by a digest of the text and the public contacts (thread-safe).

    Masking is a pure function of the text and the public contacts, so a result found here is the one
    reading the text again would give. The key is a digest, so that no text anyone typed stays in memory.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._results: OrderedDict[tuple[bytes, frozenset[str]], Masked] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple[bytes, frozenset[str]]) -> Masked | None:
        """The result kept for ``key`` (now the most recent), or None."""
        with self._lock:
            masked = self._results.get(key)
            if masked is not None:
                self._results.move_to_end(key)
            return masked

    def put(self, key: tuple[bytes, frozenset[str]], masked: Masked) -> None:
        """Keep ``masked`` for ``key``, forgetting the least recent result beyond ``size``."""
        with self._lock:
            self._results[key] = masked
            self._results.move_to_end(key)
            while len(self._results) > self.size:
                self._results.popitem(last=False)

    def clear(self) -> None:
        """Forget every result (a benchmark measures reading, not remembering)."""
        with self._lock:
            self._results.clear()


RECENT = Recent(256)
"""`mask`'s recent results: a platform's message is masked as the inbox stores it and again as its turn
reads it, a few milliseconds apart, and a log line may repeat. 256 masked texts of the web chat's longest
(2,000 characters) take about 1 MB."""


def _read(text: str, public: Collection[str]) -> Masked:
    """`mask` without `RECENT`: the text read by every detector."""
    folded = fold(text)
    readings = [folded]
    if _CONTINUED_CHAT.search(folded.text):
        joined = fold(text, joined=True)  # an item sent in two chat lines; names as written
        if joined.text != folded.text:
            readings.append(joined)
    found = [
        (reading, span)
        for detector in (
            find_labelled,
            find_emails,
            find_numbers,
            find_in_queries,
            find_addresses,
            find_abroad,
        )
        for reading in readings
        for span in detector(reading.text)
    ]
    found.extend((folded, span) for span in find_names(folded.text))
    spans = _resolve(
        tuple(
            (*reading.span(start, end), kind)
            for reading, (start, end, kind) in found
            if kind == NAME or _contact_key(reading.text[start:end]) not in public
        )
    )
    if not spans:
        return Masked(text, ())
    parts: list[str] = []
    position = 0
    for begin, finish, kind in spans:
        parts.append(text[position:begin])
        parts.append(f"［{kind}］")
        position = finish
    parts.append(text[position:])
    return Masked("".join(parts), tuple(dict.fromkeys(kind for _, _, kind in spans)))


def prepare() -> int:
    """Compile every rule now, not at the first text that reaches it; how many were compiled.

    For a server while it starts (`bot.app`), and a turn worker (`bot.admincli`): otherwise the first
    request or turn waits about half a second for the rules its text reaches (`bot.privacy.lazy`).
    Commands that mask nothing never call it.
    """
    return lazy.compile_all()


def public_contacts(texts: Iterable[str]) -> frozenset[str]:
    """The contact details in ``texts`` that the ward publishes (its knowledge): numbers, e-mails, places.

    An office's phone number or the DX team's address in an FAQ answer looks
    just like a person's; written by the DX team in an answer, it is the
    team's, not a resident's, and must reach the staff member. Names are
    never public: a name in the knowledge may be a resident's too. Only texts
    with a digit or an ``@`` are read (the detectors need one), so that a large
    knowledge base costs little.
    """
    found: set[str] = set()
    for text in texts:
        if not _MAY_HOLD_CONTACT.search(text):
            continue
        folded = fold(text).text
        spans = _contacts(folded)
        found.update(_contact_key(folded[start:end]) for start, end, _ in spans)
    return frozenset(found)


def _contacts(folded: str) -> tuple[Span, ...]:
    """The spans of e-mails, numbers and addresses in a folded text."""
    return (*find_emails(folded), *find_numbers(folded), *find_addresses(folded))


def _contact_key(folded: str) -> str:
    """A folded span as compared with the public contacts: without spaces, as they vary with who types."""
    return _SPACE.sub("", folded)


_SPACE = lazy.compile(r"\s+")
_CONTINUED_CHAT = lazy.compile(
    r"\n[ \t]*(?:>|\[[0-9]{1,2}:[0-9]{2}|[0-9]{1,2}:[0-9]{2}[ \t])|[0-9][ \t]*\[[0-9]{1,2}:[0-9]{2}"
)
"""A line that opens as a quoted or timestamped chat line (a time in brackets or not), or a chat line's time
glued to a number (the lines joined without their break): the message is read joined too (`fold`)."""
_MAY_HOLD_CONTACT = lazy.compile(r"[0-9０-９@＠]|丁目|番地")


def masked_kinds(text: str) -> tuple[str, ...]:
    """The kinds whose placeholders ``text`` holds (in order, each once): what a masked text had."""
    return tuple(dict.fromkeys(_PLACEHOLDER.findall(text)))


def without_placeholders(text: str) -> str:
    """``text`` with each placeholder (［電話番号］) made a space: the person's words, without the data.

    A placeholder's label is not a word the person used: searched for, 氏名 or
    住所 would pull the rules on personal information into every answer.
    """
    return _PLACEHOLDER.sub(" ", text)


Span = tuple[int, int, str]
"""A folded span ``(start, end, kind)`` as the detectors report it."""


def _resolve(found: tuple[Span, ...]) -> list[Span]:
    """Non-overlapping spans in text order; overlapping spans merge, and the earliest detector's kind wins.

    The detectors run in order of how sure they are: what a label announces
    (生年月日：, 口座番号), e-mail (whose local part may hold digits), numbers,
    then addresses (whose block numbers may touch a number), then names. One
    sweep in text order (not each span against all before it: a long message
    may hold thousands of spans).
    """
    resolved: list[Span] = []
    merged: list[int] = []  # start, end, and the position in ``found`` of its earliest span
    for at in sorted(range(len(found)), key=lambda n: found[n][:2]):
        start, end, _ = found[at]
        if merged and start < merged[1]:
            merged[1], merged[2] = max(merged[1], end), min(merged[2], at)
            continue
        if merged:
            resolved.append((merged[0], merged[1], found[merged[2]][2]))
        merged = [start, end, at]
    if merged:
        resolved.append((merged[0], merged[1], found[merged[2]][2]))
    return resolved
