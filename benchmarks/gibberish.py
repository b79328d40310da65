"""Keyboard mashes and half-typed input: which are answered, and do real acronyms keep their answers?

Issue 10 asks that the search know when it does not know. Staff mash keys, paste
half a word, or type with the IME in the wrong mode; none of that is a question,
yet a two-letter fragment of a typo (あsd) could match a word of the knowledge (SD)
and be answered. This generates a few hundred such inputs, the same every run:

- *romaji rows*: runs of the keyboard's letter rows typed with the IME off (asdf, jkl;) or
  in full-width letters (ｓｄｆｇｈ, ｑｗｅｒｔｙ);
- *IME rows*: the same runs typed with the IME in romaji mode, converted as an IME converts
  them (asdfgh → あｓｄｆｇｈ, ddd → っっｄ);
- *kana rows*: runs of the keyboard's rows in kana mode (asdf → ちとしは);
- *repeated kana*: one kana three to five times (あああ, っっっ);
- *random kana*: random hiragana or katakana strings of two to six characters;
- *half converted*: a run of keys converted up to some point and typed as it is after,
  once to three times over (あsd, あsdふぁsdf);
- *random Latin*: two to six random letters that are no word of the knowledge;
- *punctuation*: runs of punctuation, alone or around a mash (？？？, asd!!).

An input that is a word of the knowledge or a control is left out (ははは is laughter, www
too; ｓｄ is SD).
As a control, the knowledge's own short keyword-like queries: each Latin word
of its questions, titles and keywords (RPA, OCR, LGWAN, USB…) as written, in lower
case and in full-width letters (ＰＤＦ), and its keywords of at most eight
characters that contain Latin letters (SDカード, AI-OCR). It reports how many mashes
are answered (decision "answer"), apart those answered with small talk, and how
many controls are not.

Usage, from the repository root: python -m benchmarks.gibberish [--strip] [--all]
(``--strip``: the sample FAQ without phrasings and keywords, `bot.evaluation.without_phrasings`, the
controls still taken from the full knowledge; ``--all``: print every answered mash and every control
not answered, not only the counts and the first few).
"""

from __future__ import annotations

import random
import re
from collections import Counter

from benchmarks.probe import probe_options, sample_searcher
from bot.knowledge import KnowledgeBase
from bot.search.index import sources_of
from bot.search.normalize import normalize

SEED = 10
PER_KIND = 40
"""Inputs of each kind (fewer when a kind has fewer distinct ones)."""
ROWS = ("qwertyuiop", "asdfghjkl;", "zxcvbnm,./")
KANA_ROWS = ("たていすかんなにらせ", "ちとしはきくまのりれけ", "つさそひこみもねるめろ")
"""The same keys in kana mode (JIS layout)."""
HIRAGANA = "".join(chr(c) for c in range(ord("ぁ"), ord("ゖ") + 1))
KATAKANA = "".join(chr(c) for c in range(ord("ァ"), ord("ヶ") + 1))
PUNCTUATION = "？！。、…・～ー!?.,;:/-_*#@「」()"
CONTROL_CHARS = 8
"""Keywords with Latin letters up to this length are controls."""
_LATIN = re.compile(r"[A-Za-z]+(?:[-・&][A-Za-z]+)*")
"""A Latin word, or a name of several (Wi-Fi, Power Apps, Re・Design): its parts alone are no query."""

_VOWELS = "aiueo"
_ROWS_OF = {
    "": "あいうえお",
    "k": "かきくけこ",
    "s": "さしすせそ",
    "t": "たちつてと",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "m": "まみむめも",
    "y": ("や", "い", "ゆ", "いぇ", "よ"),
    "r": "らりるれろ",
    "w": ("わ", "うぃ", "う", "うぇ", "を"),
    "g": "がぎぐげご",
    "z": "ざじずぜぞ",
    "d": "だぢづでど",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
    "f": ("ふぁ", "ふぃ", "ふ", "ふぇ", "ふぉ"),
    "j": ("じゃ", "じ", "じゅ", "じぇ", "じょ"),
    "c": "かしくせこ",
    "q": ("くぁ", "くぃ", "く", "くぇ", "くぉ"),
    "v": ("ゔぁ", "ゔぃ", "ゔ", "ゔぇ", "ゔぉ"),
    "l": "ぁぃぅぇぉ",
    "x": "ぁぃぅぇぉ",
    "sh": ("しゃ", "し", "しゅ", "しぇ", "しょ"),
    "ch": ("ちゃ", "ち", "ちゅ", "ちぇ", "ちょ"),
    "ts": ("つぁ", "つぃ", "つ", "つぇ", "つぉ"),
}
"""Romaji to kana as an IME converts a consonant (or two) and a vowel."""
_IME_MARKS = {";": "；", ",": "、", ".": "。", "/": "・", "-": "ー"}


def full_width(text: str) -> str:
    """ASCII letters and marks as their full-width forms (an IME's direct input)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def ime(keys: str) -> str:
    """The text an IME in romaji mode shows for ``keys`` before conversion.

    A consonant and a vowel make a kana, a doubled consonant っ, n before a
    consonant ん; consonants no vowel follows stay as full-width letters.
    """
    out: list[str] = []
    pending = ""
    for key in keys:
        if key in _VOWELS:
            for size in (2, 1, 0):
                head = pending[len(pending) - size :] if size else ""
                if len(pending) >= size and head in _ROWS_OF:
                    out.append(
                        full_width(pending[: len(pending) - size]) + _ROWS_OF[head][_VOWELS.index(key)]
                    )
                    break
            pending = ""
        elif key.isalpha():
            if pending.endswith("n") and key != "y":
                out.append(full_width(pending[:-1]) + "ん")
                pending = "" if key == "n" else key
            elif pending.endswith(key):
                out.append(full_width(pending[:-1]) + "っ")
                pending = key
            else:
                pending += key
        else:
            out.append(full_width(pending) + _IME_MARKS.get(key, full_width(key)))
            pending = ""
    return "".join(out) + full_width(pending)


def _runs(rows: tuple[str, ...], shortest: int = 3) -> list[str]:
    """Every run of ``shortest`` to six neighbouring keys of ``rows``."""
    return [
        row[at : at + size]
        for row in rows
        for size in range(shortest, 7)
        for at in range(len(row) - size + 1)
    ]


def gibberish(known: set[str]) -> dict[str, list[str]]:
    """The inputs of each kind, none in ``known`` (the normalised words of the knowledge and controls)."""
    rng = random.Random(SEED)
    latin_rows = _runs(ROWS)
    kinds: dict[str, list[str]] = {
        "romaji rows": [run if at % 2 else full_width(run) for at, run in enumerate(latin_rows)],
        "IME rows": [ime(run) for run in _runs(ROWS, 2)],
        "kana rows": rng.sample(_runs(KANA_ROWS), PER_KIND),
        "repeated kana": [
            kana * rng.randint(3, 5)
            for kana in rng.sample("あいうえおっかさたなはまやらわんアイウエオッーぁ", 24)
        ],
        "random kana": [
            "".join(rng.choices(HIRAGANA if at % 2 else KATAKANA, k=rng.randint(2, 6)))
            for at in range(PER_KIND)
        ],
        "half converted": [_half_converted(run, rng) for run in rng.sample(latin_rows, PER_KIND)],
        "random Latin": [
            "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 6))) for _ in range(PER_KIND)
        ],
        "punctuation": ["".join(rng.choices(PUNCTUATION, k=rng.randint(1, 5))) for _ in range(PER_KIND // 2)]
        + [rng.choice(latin_rows) + rng.choice(("!!", "？", "…", "。。", "??")) for _ in range(PER_KIND // 4)]
        + [rng.choice(("？？", "「", "…")) + ime(rng.choice(latin_rows)) for _ in range(PER_KIND // 4)],
    }
    return {
        kind: list(dict.fromkeys(q for q in inputs if normalize(q) not in known and normalize(q).strip()))
        for kind, inputs in kinds.items()
    }


def _half_converted(keys: str, rng: random.Random) -> str:
    """``keys`` typed once to three times over, the IME switched on and off on the way (あsdふぁsdf).

    Each time the IME converts the keys up to a random point and lets the rest through as typed.
    """
    parts = []
    for _ in range(rng.randint(1, 3)):
        cut = rng.randint(1, len(keys) - 1)
        parts += [ime(keys[:cut]), keys[cut:]]
    return "".join(parts)


def controls(kb: KnowledgeBase) -> list[str]:
    """The knowledge's short keyword-like queries: its Latin words, and short keywords with Latin letters."""
    found: list[str] = []
    for source in sources_of(kb):
        if source.entry.kind == "smalltalk":
            continue
        for text in (source.units[0], *source.units[source.asked :]):
            for word in _LATIN.findall(text):
                if len(word) >= 2:
                    found += [word, word.lower(), full_width(word)]
    keywords = [
        *(f.keywords for f in kb.faq),
        *(c.keywords for c in kb.cases),
        *(r.keywords for r in kb.referrals),
    ]
    found += [k for group in keywords for k in group if len(k) <= CONTROL_CHARS and re.search("[A-Za-z]", k)]
    return list(dict.fromkeys(found))


def known_words(kb: KnowledgeBase) -> set[str]:
    """Every unit of the knowledge and every word in it, normalised (the inputs that are no mash)."""
    words: set[str] = set()
    for source in sources_of(kb):
        for unit in source.units:
            text = normalize(unit)
            words.add(text)
            words.update(re.split(r"[\s、。,.!?！？・]+", text))
    return words


def main() -> None:
    args = probe_options(__doc__.splitlines()[0], "print every answered mash and unanswered control")
    full, searcher = sample_searcher(strip=args.strip)
    shown = None if args.all else 5
    total, answered, talk = 0, 0, 0
    asked = controls(full)
    for kind, inputs in gibberish(known_words(full) | {normalize(q) for q in asked}).items():
        results = [searcher.search(q) for q in inputs]
        sure = [r for r in results if r.decision == "answer"]
        small = [r for r in sure if r.hits[0].entry.kind == "smalltalk"]
        total, answered, talk = total + len(inputs), answered + len(sure), talk + len(small)
        print(f"{kind:15} {len(inputs):3} inputs, answered {len(sure):3} ({len(small)} with small talk)")
        for r in sure[:shown]:
            print(f"  {r.query}\t{r.hits[0].entry.id} {r.confidence:.2f}")
    print(f"gibberish: {total} inputs, answered {answered} ({talk} with small talk)")
    results = [searcher.search(q) for q in asked]
    lost = [r for r in results if r.decision != "answer"]
    decisions = Counter(r.decision for r in lost)
    print(f"controls: {len(asked)} queries, not answered {len(lost)} ({dict(decisions)})")
    for r in lost[:shown]:
        first = r.hits[0].entry.id if r.hits else "-"
        print(f"  {r.query}\t{r.decision} {first} {r.confidence:.2f}")


if __name__ == "__main__":
    main()
