"""Names that OCR or a PDF's copy spaced a character at a time (田 中 太 郎, 佐 々 木, た か は し 　 み か).

A scanned form's text comes back with a blank between every character, so no dictionary word is left to
read: the run is closed up (a wider blank, an ideographic space or two blanks, stays as the one space between
a surname and a given name), the text read again, and what is found there put back where the characters were.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from bot.privacy import lazy

_ONE = "\u4e00-\u9fff々\u3041-\u3096\u30a1-\u30faー・"
_SPACED_RUN = lazy.compile(rf"(?<![{_ONE}A-Za-z0-9])[{_ONE}](?:[ \t][{_ONE}])+(?![{_ONE}A-Za-z0-9])")
"""Characters each standing alone between single blanks, two or more in a row; an ideographic space or two
blanks end a run (the gap between a surname and a given name, or between a rota's items)."""
_LONE_GIVEN = lazy.compile(rf"(?:[ \t]*\u3000[ \t]*|[ \t]{{2,}})[\u4e00-\u9fff々](?![{_ONE}A-Za-z0-9])")
"""One kanji alone after a run and a wider blank: a given name of one kanji (小 野 寺 　 進)."""
_HIRAGANA = lazy.compile("[\u3041-\u3096]")
_PARTICLES = frozenset("はがのをにでともへや")
"""Particles a sentence typed word by word puts alone between blanks, at a run's ends (名前 は 菊 地 で)."""
_DAYS = frozenset("月火水木金土日")
_LABELS = _DAYS | frozenset("子妻夫父母孫兄姉弟妹児室")
"""One-kanji words a list puts before a one-kanji name (月 岸, 母 恵, 児 湊): two such are no spaced name."""
_HOUSEHOLD = "家"
"""A household's word after a one-kanji surname typed word by word (岡 家、森田 家): no spaced name."""
_OPEN = "『「（(【［[：:、,，／/"
_CLOSE = "』」）)】］]：:、,，。／/"


def spaced_runs(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a run of characters spaced one at a time that may be a name.

    A run takes one kanji after it and a wider blank, a given name of one kanji (小 野 寺 　 進).
    Three characters or more, two kanji or katakana side by side among them (田 中 太 郎), or three kana
    or more (き く ち, or what follows a lone kanji, 名 ま つ も と); two alone only where they are all of
    a quote, a field or a line (『渡 辺』, ： 上 田), and not a one-kanji label and a name (月 岸, 母 恵).
    A sentence typed word by word gives no run of its words: a particle alone between kanji parts a run
    (駅 と 東 口), one at a run's start, or at its end after kanji, is left out (当日 は 森 の 中, 名前 は 菊
    地 で), and so are two labels or more before a run (火 木 王 麗, 児 室 星); a rota of labels and
    one-kanji names (月 岸 火 泉)
    is none.
    """
    runs: list[tuple[int, int]] = []
    for match in _SPACED_RUN.finditer(text):
        tokens = [(match.start() + m.start(), m.group()) for m in _TOKEN.finditer(match.group())]
        if len(tokens) >= 4 and all(char in _LABELS for _, char in tokens[::2]):
            continue
        for part in _parted(tokens):
            run = _named_part(text, part)
            if run and runs and not text[runs[-1][1] : run[0][0]].strip(" \t\u3000"):
                runs[-1] = (runs[-1][0], run[-1][0] + 1)  # a surname and a given name spaced wider between
            elif run:
                runs.append((run[0][0], run[-1][0] + 1))
    return [(start, lone.end() if (lone := _LONE_GIVEN.match(text, end)) else end) for start, end in runs]


def _parted(tokens: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """A run's tokens parted at each particle that stands alone between kanji or katakana."""
    parts: list[list[tuple[int, str]]] = [[]]
    for index, token in enumerate(tokens):
        between = 0 < index < len(tokens) - 1 and not any(
            _HIRAGANA.match(tokens[index + step][1]) for step in (-1, 1)
        )
        if token[1] in _PARTICLES and between:
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def _named_part(text: str, run: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """What of a run's part may be a name spaced, or nothing (see `spaced_runs`)."""
    days = 0
    while days < len(run) and run[days][1] in _LABELS:
        days += 1
    if days >= 2:
        run = run[days:]
    while run and run[0][1] in _PARTICLES:
        run = run[1:]
    if any(not _HIRAGANA.match(char) for _, char in run):
        while run and run[-1][1] in _PARTICLES:
            run = run[:-1]
    chars = [char for _, char in run]
    paired = any(
        not _HIRAGANA.match(a) and not _HIRAGANA.match(b) and "・" not in (a, b)
        for a, b in itertools.pairwise(chars)
    )
    if not paired:
        run = _longest_kana(run)
    if len(run) >= 3 or (paired and len(run) == 2 and _alone(text, run, days >= 2)):
        return run
    return []


def _alone(text: str, pair: list[tuple[int, str]], after_days: bool) -> bool:
    """Whether two characters are all of a quote, a field's value or a line, and no label and a name.

    Nor a surname and its household typed word by word (岡 家), which `kanji` reads.
    """
    if pair[0][1] in _LABELS or pair[1][1] == _HOUSEHOLD:
        return False
    start, end = pair[0][0], pair[-1][0] + 1
    before = text[:start].rstrip(" \t\u3000")
    after = text[end:].lstrip(" \t\u3000")
    opened = after_days or not before or before[-1] in _OPEN + "\n" or start - len(before) >= 2
    closed = not after or after[0] in _CLOSE + "\n" or len(text) - end - len(after) >= 2
    return opened and closed


def _longest_kana(run: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The longest stretch of hiragana in ``run``, no particle opening it."""
    best: list[tuple[int, str]] = []
    stretch: list[tuple[int, str]] = []
    for item in [*run, (-1, "")]:
        if item[1] and _HIRAGANA.match(item[1]) and (stretch or item[1] not in _PARTICLES):
            stretch.append(item)
            continue
        best = max(best, stretch, key=len)
        stretch = []
    return best


_TOKEN = lazy.compile(rf"[{_ONE}]")


def closed_up(text: str, runs: Sequence[tuple[int, int]]) -> tuple[str, list[int]]:
    """``text`` with each run's blanks taken out, and where each of its characters was in ``text``.

    The last position given is ``len(text)``, so a span's end maps too.
    """
    parts: list[str] = []
    where: list[int] = []
    at = 0
    for start, end in runs:
        parts.append(text[at:start])
        where.extend(range(at, start))
        index = start
        while index < end:
            blank = index
            while index < end and text[index] in " \t\u3000":
                index += 1
            if index > blank:
                if index - blank >= 2 or "\u3000" in text[blank:index]:
                    parts.append(" ")
                    where.append(blank)
                continue
            parts.append(text[index])
            where.append(index)
            index += 1
        at = end
    parts.append(text[at:])
    where.extend(range(at, len(text) + 1))
    return "".join(parts), where
