"""Names placed by how a message's lines are laid out.

Who is on duty in a rota or a schedule, who speaks in minutes or a chat log, who a line is from in 【】,
who is on a presence board's marked items, and who introduces themselves after a greeting.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import Any

from bot.privacy import lazy
from bot.privacy.names.cues import (
    _INTRODUCING,
    _KANJI_SURNAME,
    _NOT_ONE_KANJI_NAMES,
    _ONE_KANJI_LABELS,
    _PRESENCE,
)
from bot.privacy.names.kana import _SURNAME_ENDING
from bot.privacy.names.words import (
    _is_name,
    _morphemes,
    _named_in_kana,
    _read_before_san,
    _taken_as_surname,
    _word_of_its_own,
)

_GREETED = lazy.compile(
    "(?:(?:お疲れ様です|お疲れさまです|おつかれさまです|お世話になっております|お世話になります|こんにちは"
    "|おはようございます|失礼いたします|失礼します)[、,。!\\s]*|^|「)"
    "(?:[\u4e00-\u9fff\u30a1-\u30faー]{1,10}[課係室班部局所](?:の)?[ \t\u3000]*)?$",
    re.MULTILINE,
)
"""A greeting, a line's start or a quote's, and a section perhaps, before someone introducing themselves
(お疲れ様です、林です; 泉です。生成AIに…; 「松本です、今から向かいます」)."""
_INTRODUCED_IN_HIRAGANA = lazy.compile(
    r"(?<![ぁ-ゖー])[ぁ-ゖ]{3,6}(?=[ \t\u3000]?(?:です|と申します|でございます))"
)
"""A surname in hiragana before です, where someone may introduce themselves (あさのです, さかきばら です)."""
_SPEAKER = lazy.compile(
    "^(?:[・･*●○◆◇■□▪-][ \t\u3000]*|\\[?[0-9]{1,2}:[0-9]{2}\\]?[ \t\u3000]*)?"
    "([\u4e00-\u9fff々]{1,4}|[ぁ-ゖ]{2,4})(?=[:「])"
    "|^([\u4e00-\u9fff々]{2,4})(?=\\)[^)\n])"
    "|(?<=[」:])([\u4e00-\u9fff々]{1,4})(?=「)"
    "|^(?:[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}[ \t]+)?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[ \t\u3000]*"
    "<([\u4e00-\u9fff々]{1,4}|[ぁ-ゖ]{2,4})(?=>)",
    re.MULTILINE,
)
"""A word of kanji or hiragana first on a line, or after a list's bullet or a chat log's time ([10:01] 東:),
before a colon or a quote: who speaks in minutes or a chat, or who does an item of a to-do list
(・筒井：チラシの校正); or two kanji or more first on a line before a closing parenthesis, as minutes mark a
speaker too (飯塚）反対ではないが); or kanji before a quote after a header's colon or another's quote, as
minutes run speakers on in a line (打合せ：岩崎「来週で」小林「はい」); or a word in <> after a chat log's
time, a date perhaps before it (2026-12-04 17:45:02 <大場> 集計終わりました)."""
_BRACKETED = lazy.compile(r"^【([\u4e00-\u9fff々]{2,4})】", re.MULTILINE)
"""Two to four kanji in 【】 opening a line: who a chat's line is from (【山中】本日午後、外出します), when
no heading (【重要】, 【至急】, 【決定事項】)."""
_BRACKETED_AFTER_TITLE = lazy.compile(
    r"【(?:[\u4e00-\u9fff]{0,5}[長員局]|司会|書記|講師|幹事|会計)[ \t\u3000]+([\u4e00-\u9fff々]{2,4})】"
)
"""A title or a role and a surname in 【】: who speaks in minutes (【委員長 安達】, 【事務局 長沢】)."""
_MARKED = lazy.compile(
    r"(?:(?<=[ \t\u3000:、,/])|^)([\u4e00-\u9fff々]{1,4})"
    r"(?:[◯○×△](?=[ \t\u3000、,/]|$)|→(?=[\u4e00-\u9fff\u30a1-\u30fa])"
    rf"|[ \t\u3000]+(?:{_PRESENCE})(?=[ \t\u3000、,/(]|$))",
    re.MULTILINE,
)
"""A word before a presence board's mark (柳◯ 今泉×) or where someone is (原 在席　高木 外出), or before an
arrow to a task (須田→マニュアル改訂)."""
_ON_A_WEEKDAY = lazy.compile(
    r"(?:(?<=[ \t\u3000/|、,】:：])|^)[月火水木金土日](?:曜日?)?[ \t]+"
    r"([\u4e00-\u9fff々]{1,4}|[\u30a1-\u30fa\u30fc・]{2,12}|[A-Z][a-z]{1,15})"
    r"(?=(?:[(（][ぁ-ゖ\u30a1-\u30faー]{1,10}[)）])?"
    r"(?:[ \t\u3000]*(?:\n|$)|(?:[ \t\u3000]+|[ \t\u3000]*[/|、,][ \t\u3000]*)[月火水木金土日]))",
    re.MULTILINE,
)
"""Who is on duty on a weekday, in a line of a rota (当番　月 岸　火 泉　水 原), the days apart by spaces or
by a slash, a bar or a comma (【当番】月 井手／火 奥村), the first after a label's colon (当直：月 加納); a
foreign colleague in katakana or Latin letters among them (土 Jackson); the name's reading in parentheses
may follow it (火 茅野（ちの）, which the dictionary reads with its reading as one word)."""
_KANJI_ON_DUTY = lazy.compile(r"[\u4e00-\u9fff々]+")
_SCHEDULE_LINE = lazy.compile(
    r"^[ \t\u3000]*(?:[0-9]{1,2}日|[0-9]{1,2}[:時][0-9]{0,2}|[0-9]{1,2}/[0-9]{1,2})(?:\([月火水木金土日]\))?"
    r"[ \t\u3000]+([\u4e00-\u9fff々]{1,4})[ \t\u3000]*$",
    re.MULTILINE,
)
"""A line of a schedule: a day of the month, a time or a date, and one word (5日 小笠原, 9:30\t杉田)."""


def _rota(text: str) -> list[re.Match[str]]:
    """Who is on duty in a rota: a weekday, a space and a surname, twice or more in a line or down the page.

    当番　月 岸　火 泉　水 原　木 畑, or 月 上村 and 火 下田 on lines of their own: the words the dictionary
    reads as a name before さん, or one of those of one kanji it reads as a word even there
    (`_taken_as_surname`); 月 休館　火 開館 stays. A word in katakana or Latin letters counts beside such a
    name, unless the dictionary knows it as another word (月 早川 土 Jackson; 月 岸 火 Zoom stays).
    """
    days: list[re.Match[str]] = []
    alone: list[re.Match[str]] = []
    for line in re.finditer(r"[^\n]+", text):
        on_line = list(_ON_A_WEEKDAY.finditer(text, line.start(), line.end()))
        if len(on_line) >= 2:
            days += _on_duty(on_line)
        elif on_line and on_line[0].start() == line.start():
            alone += on_line
    days += _on_duty(alone) if len(alone) >= 2 else []
    return sorted(days, key=lambda day: day.start())


def _on_duty(days: list[re.Match[str]]) -> list[re.Match[str]]:
    """The ``days`` of a rota whose word is a name (see `_rota`)."""
    kanji = [day for day in days if _KANJI_ON_DUTY.fullmatch(day.group(1))]
    named = [day for day in kanji if _taken_as_surname(day.group(1))]
    others = [day for day in days if day not in kanji and _read_before_san(day.group(1)) in (None, "人名")]
    return named + others if named else []


_WEEKDAY_RANGE = lazy.compile(
    r"(?<![\u4e00-\u9fff々])(?:[月火水木金土日](?:曜日?)?"
    r"(?:[ \t\u3000]*(?:[〜～~\-－‐ー・/／、,]|から)[ \t\u3000]*[月火水木金土日](?:曜日?)?)+|土日)"
    r"(?![\u4e00-\u9fff々])"
)
"""Weekdays in a range or a list of them (月〜金, 月・水・金, 火から木, 土日), words of their own: days, not
people (鈴木、金さん and 月・金田さん name people)."""


_SHIFT_WHEN = r"(?:午前|午後|早番|遅番|日勤|夜勤|[0-9]{1,2}(?:時|:[0-9]{2}))[ \t\u3000]*"
_SHIFT_PERSON = r"([\u4e00-\u9fff々]{1,4}|[ぁ-ゖ]{2,6}|[\u30a1-\u30faー]{2,8})"
_SHIFTS = lazy.compile(
    rf"(?:^|(?<=[ \t\u3000:：]))(?={_SHIFT_WHEN}{_SHIFT_PERSON}[ \t\u3000]*[〜~])"
    rf"|[〜~][ \t\u3000]*(?={_SHIFT_WHEN}{_SHIFT_PERSON}(?![\u4e00-\u9fff々ぁ-ゖ\u30a1-\u30faー]))",
    re.MULTILINE,
)
_SHIFT_ITEM = lazy.compile(rf"{_SHIFT_WHEN}{_SHIFT_PERSON}")
_HIRAGANA = lazy.compile("[ぁ-ゖ]{3,6}")


def _shifts(text: str) -> list[tuple[int, int]]:
    """Who takes a shift in a line of shifts joined by 〜, each after when it starts (`_SHIFTS`).

    午前 熊田〜午後 ほりぐち, 9時 溝口〜12時 葛西〜17時: a word after a half day, a shift's name or an hour
    and before 〜, or after 〜 and its hour, that reads as a name before さん (in kana, as it is spelt in
    katakana); 午前 本庁〜午後 支所 and 早番 8:30〜17:15 stay.
    """
    spans = []
    for shift in _SHIFTS.finditer(text):
        item = _SHIFT_ITEM.match(text, shift.end())
        if item and _shift_taker(item.group(1)):
            spans.append(item.span(1))
    return spans


def _shift_taker(word: str) -> bool:
    """Whether ``word`` reads as a surname before さん, or is hiragana that ends as surnames do.

    In hiragana, one the dictionary lacks whole counts when it ends as surnames do and reads as no one
    word (ほりぐち: ほり + ぐち); ひるやすみ is a word, a break.
    """
    if _taken_as_surname(word) or _named_in_kana(word, "姓"):
        return True
    return bool(_HIRAGANA.fullmatch(word) and _SURNAME_ENDING.search(word) and len(_morphemes(word)) > 1)


def _without_weekday_ranges(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` without the weekdays of a range or a list of them (`_WEEKDAY_RANGE`) they open.

    金 (Kim) is a surname too, and 月～金 8:30-17:15 reads as one before a time; a name after the range
    keeps its span (月〜金 奥村 read as one full name is 奥村).
    """
    days = {
        m.start() + at
        for m in _WEEKDAY_RANGE.finditer(text)
        for at, c in enumerate(m.group())
        if c in "月火水木金土日"
    }
    kept = []
    for start, end in spans:
        while start < end and (
            start in days or (start > 0 and start - 1 in days and text[start] in " \t\u3000")
        ):
            start += 1
        if start < end:
            kept.append((start, end))
    return kept


def _without_weekdays(spans: Sequence[tuple[int, int]], days: Sequence[int]) -> list[tuple[int, int]]:
    """``spans`` but those holding a rota's weekday (sorted ``days``); the rota masks its names itself.

    金 奥村 read as a full name is Friday's 奥村, and 金 listed between two names by a slash is Friday
    (月 井手／金 奥村).
    """
    kept = []
    for start, end in spans:
        at = bisect_left(days, start)
        if at == len(days) or days[at] >= end:
            kept.append((start, end))
    return kept


def _schedule_column(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The other surnames down a schedule of days or times when two of its lines hold a name found already.

    In 5日 小笠原 / 6日 大野木 / 7日 小笠原 / 8日 古田, or 9:30 杉田 / 14:00 目黒, a word the dictionary reads
    as a place there is a surname too when it reads it as a name before さん alone; a trip's 5日 大阪 /
    6日 京都 names no one, so nothing there is masked.
    """
    lines = list(_SCHEDULE_LINE.finditer(text))
    if len(lines) < 3:
        return []
    known = set(found)
    if sum(line.span(1) in known for line in lines) < 2:
        return []
    return [line.span(1) for line in lines if line.span(1) not in known and _taken_as_surname(line.group(1))]


def _introduced_after_greeting(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Who introduces themselves after a greeting: お疲れ様です、林です; お世話になります、総務課の岡山です.

    A kanji word, a word of its own, that the dictionary reads as a name before さん alone, between a
    greeting or a line's start (and perhaps a section) and です or と申します, whatever it reads it as
    there (林, a wood; 泉です。, first in a message); or a run of hiragana there that it reads as a surname
    before さん, in hiragana or katakana (おはようございます、あさのです; 「さかきばら です」).
    """
    for at, morpheme in enumerate(morphemes):
        start, stop = morpheme.begin(), morpheme.end()
        if (
            _INTRODUCING.match(text, stop)
            and _KANJI_SURNAME.fullmatch(morpheme.surface())
            and _word_of_its_own(morphemes, at)
            and _GREETED.search(text, max(0, start - 40), start)
            and _taken_as_surname(morpheme.surface())
        ):
            yield start, stop
    for match in _INTRODUCED_IN_HIRAGANA.finditer(text):
        start = match.start()
        if _GREETED.search(text, max(0, start - 40), start) and _named_in_kana(match.group(), "姓"):
            yield match.span()


def _speakers(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Who speaks, first on a line of minutes or a chat log: 林：了解, 森「RPAで全部やれます」.

    In the middle of a line, after a mark, a particle or a conjunction (…、続いて森本：予算確認中), a surname
    of two kanji or more that the dictionary reads as one there counts too, before a colon and no digit.

    A word of kanji or hiragana (かな：これでいい？) that the dictionary reads as a name there or before
    さん alone, with a colon or a quote right after it; 日時：, 場所： and 原本： are not names, nor 方：
    (`_NOT_ONE_KANJI_NAMES`).
    """
    for at, word in enumerate(morphemes):
        if (
            word.part_of_speech()[3] == "姓"
            and len(word.surface()) >= 2
            and text[word.end() : word.end() + 1] == ":"
            and not text[word.end() + 1 : word.end() + 2].isdigit()
            and _word_after_a_clause(morphemes, at)
        ):
            yield word.begin(), word.end()  # 続いて森本：予算確認中, in the middle of a line
    starting = {m.begin(): m for m in morphemes}
    for match in _SPEAKER.finditer(text):
        group = match.lastindex or 1
        word = starting.get(match.start(group))
        surface = match.group(group)
        if (
            word is not None
            and word.end() == match.end()
            and surface not in _NOT_ONE_KANJI_NAMES
            and (_is_name(word) or _read_before_san(surface) == "人名")
        ):
            yield match.span(group)


def _bracketed(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Who a line is from, in 【】 (`_BRACKETED`: 【山中】本日午後、外出します; 【委員長 安達】).

    A word the dictionary reads as a name before さん alone and not as a place there: 【重要】 and 【至急】
    are headings, and 【千葉】 or 【中野】 may head what happens there. After a title
    (`_BRACKETED_AFTER_TITLE`) a surname read as a place before さん is one too (【委員長 安達】), and a
    thing is not (【委員長 挨拶】).
    """
    places = {m.begin() for m in morphemes if m.part_of_speech()[2] == "地名"}
    return [
        match.span(1)
        for match in _BRACKETED.finditer(text)
        if match.start(1) not in places and _read_before_san(match.group(1)) == "人名"
    ] + [
        match.span(1)
        for match in _BRACKETED_AFTER_TITLE.finditer(text)
        if _read_before_san(match.group(1)) in ("人名", "地名")  # after a title, 安達 is no place
    ]


def _marked(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Surnames on a line of two or more marked items (`_MARKED`): a presence board, tasks handed out.

    在席表：課長◯ 柳◯ 今泉× 田辺◯ and アクション：須田→マニュアル改訂、関→研修日程: the words the
    dictionary reads as a name before さん alone (of one kanji, `_taken_as_surname`; 課長◯ stays), before a
    task, not before a proper noun (東京→大阪、大阪→福岡 is a route).
    """
    proper = {m.begin() for m in morphemes if m.part_of_speech()[1] == "固有名詞"}
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        items = list(_MARKED.finditer(text, line.start(), line.end()))
        if len(items) < 2:
            continue
        for item in items:
            word = item.group(1)
            to_task = text[item.end(1)] == "→"
            if to_task and item.end() in proper:
                continue
            if word not in _NOT_ONE_KANJI_NAMES | _ONE_KANJI_LABELS and _taken_as_surname(word):
                spans.append(item.span(1))
    return spans


def _word_after_a_clause(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` follows a mark, a space, a particle or a conjunction (、続いて森本：)."""
    if at == 0:
        return False  # first on a line is `_SPEAKER`'s
    before = morphemes[at - 1].part_of_speech()
    return before[0] in ("補助記号", "空白", "助詞", "接続詞")


_LONE_KANJI_ENDING_LINE = lazy.compile(r"(?<![\u4e00-\u9fff々])[\u4e00-\u9fff々]\n")
"""One kanji alone at a line's end, right before a line break (申請者：小⏎)."""
_KANJI_OPENING_LINE = lazy.compile(r"[\u4e00-\u9fff々]{1,2}(?![\u4e00-\u9fff々])")
"""One or two kanji opening a line, no kanji after them (⏎林　直美)."""


def _broken_at_lines(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The other part of a surname a line break cuts, as a PDF's copy or a narrow column does (小⏎林　直美).

    One kanji ending a line and the kanji opening the next, when a name found begins or ends at the break
    and the two read together as a surname before さん (小林, 谷口), and a given name after a space with
    the second part (田⏎中 一郎); 北⏎館 and 済⏎林 stay apart.
    """
    parts = []
    for start, end in found:
        if start >= 2 and _LONE_KANJI_ENDING_LINE.match(text, start - 2, start):
            opening = _KANJI_OPENING_LINE.match(text, start)
            if opening and _broken_surname(text[start - 2], opening.group()):
                parts.append((start - 2, start - 1))
        if end - start == 1 and _LONE_KANJI_ENDING_LINE.match(text, start, end + 1):
            opening = _KANJI_OPENING_LINE.match(text, end + 1)
            if opening and _broken_surname(text[start], opening.group()):
                parts.append(opening.span())
                given = _GIVEN_AFTER_BREAK.match(text, opening.end())
                if given and _read_before_san(given.group(1)) == "人名":
                    parts.append(given.span(1))  # 田⏎中 一郎
    return parts


_GIVEN_AFTER_BREAK = lazy.compile(r"[ \u3000]+([\u4e00-\u9fff々]{1,3})(?![\u4e00-\u9fff々])")


def _broken_surname(head: str, tail: str) -> bool:
    """Whether the kanji on either side of a line break read together as a surname, no label among them."""
    labels = _ONE_KANJI_LABELS | _NOT_ONE_KANJI_NAMES
    return head not in labels and tail not in labels and _taken_as_surname(head + tail)


_PARENTHESISED_SPEAKER = lazy.compile(
    r"^[ \t\u3000]*\(([\u4e00-\u9fff々]{2,4})\)(?=[^ \t\u3000\n])", re.MULTILINE
)
"""A line of minutes opened by who speaks in parentheses, their words right after it
((芳賀)前回の宿題ですが)."""
_MEMBER_IN_MINUTES = lazy.compile(
    r"^[ \t\u3000]*[○◯〇]([\u4e00-\u9fff々]{2,4})(?:副?委員長?|副?議長|議員)(?=[ \t\u3000(]|$)", re.MULTILINE
)
"""A line of a council's minutes opened by ○ and a member's surname and title (○道下委員　通学路の…)."""


_CHAT_TIME = (
    r"(?:午前|午後|昨日|今日|AM|PM)?[ \t\u3000]*[0-9]{1,2}:[0-9]{2}"
    r"(?:[ \t\u3000]*(?:AM|PM|am|pm))?[ \t\u3000]*$"
)
_CHAT_SENDER = lazy.compile(
    r"^[ \t\u3000]*(?:(?P<latin>[A-Z][a-z]{1,15}(?:[ \t][A-Z][a-z]{1,15}){1,2})"
    r"|(?P<kanji>[\u4e00-\u9fff々]{1,4})(?P<given>[ \t\u3000][\u4e00-\u9fff々ぁ-ゖ]{1,4})?)"
    rf"(?:[ \t\u3000]*[(（][^()（）\n]{{1,12}}[)）])?[ \t\u3000]*\n[ \t\u3000]*{_CHAT_TIME}"
    rf"|^[ \t\u3000]*@?(?P<handle>[a-z]{{1,15}}[._][a-z]{{1,15}})[ \t\u3000]{{2,}}{_CHAT_TIME}",
    re.MULTILINE,
)
"""Who sent a message in a chat's export: a line of its own holding their display name, a section perhaps
after it in parentheses, over a line holding the time alone (Daiki Okubo⏎10:15, 小松崎 (市民課)⏎昨日 17:30),
or an account before two spaces and the time (yuta.mori  09:01)."""
_FILE_ENDINGS = frozenset(
    {"txt", "pdf", "csv", "xls", "xlsx", "doc", "docx", "html", "htm", "png", "jpg", "zip"}
)


def _chat_senders(text: str) -> list[tuple[int, int]]:
    """Who sent each message of a chat's export (`_CHAT_SENDER`).

    A kanji display name's surname is one the dictionary reads as a name before さん or lacks (市民課⏎10:42
    stays), a Latin one's words none it knows as other words (Meeting Room), an account's parts no file's
    name and ending (minutes.pdf).
    """
    spans = []
    for match in _CHAT_SENDER.finditer(text):
        if match.group("latin"):
            words = match.group("latin").split()
            if all(_read_before_san(word) in (None, "人名", "地名") for word in words):
                spans.append(match.span("latin"))
        elif match.group("kanji"):
            surname = match.group("kanji")
            if _taken_as_surname(surname) or (match.group("given") and _read_before_san(surname) is None):
                spans.append(
                    (match.start("kanji"), match.end("given") if match.group("given") else match.end("kanji"))
                )
        elif match.group("handle").rsplit(".", 1)[-1] not in _FILE_ENDINGS:
            spans.append(match.span("handle"))
    return spans


_CELL_IN_PARENTHESES = lazy.compile(
    r"(?:^|(?<=[|｜]))[ \t\u3000]*[^|｜\n()（）]{1,8}[(（]([^|｜\n()（）]{1,10})[)）][ \t\u3000]*(?=[|｜]|$)",
    re.MULTILINE,
)
"""A table's header cell naming a role and, in parentheses, who takes it (起案者（小関）|, 早番（今泉）|)."""
_KANJI_IN_CELL = lazy.compile(r"[\u4e00-\u9fff々]{1,4}")
_SECTION_ENDING = lazy.compile(r"[課係室局部班]$")


def _header_cells_with_one_found(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Who takes each role in a table's header row, once one of its cells holds a name found.

    起案者（小関）｜審査（安西）｜決裁（課長 北野）: the kanji in the other cells' parentheses are people too,
    unless they name a section (担当（国保係）) or a word the dictionary reads as a common one there (（済）).
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        cells = list(_CELL_IN_PARENTHESES.finditer(text, line.start(), line.end()))
        if len(cells) < 2 or not any(
            cell.start(1) <= start and end <= cell.end(1) for cell in cells for start, end in found
        ):
            continue
        for cell in cells:
            word = cell.group(1)
            if (
                _KANJI_IN_CELL.fullmatch(word)
                and not _SECTION_ENDING.search(word)
                and _read_before_san(word) in (None, "人名", "地名")
            ):
                spans.append(cell.span(1))
    return spans


def _speakers_in_minutes(text: str) -> list[tuple[int, int]]:
    """Who speaks in minutes: a member after ○ (`_MEMBER_IN_MINUTES`), or in parentheses opening lines.

    The surname is one the dictionary reads as a name before さん alone (○総務委員長, a committee's chair,
    stays). In parentheses (`_PARENTHESISED_SPEAKER`) two lines or more must open so with such surnames:
    one line's (千葉)会場… may head what happens there, and (事務局) stays among speakers.
    """
    members = [
        match.span(1) for match in _MEMBER_IN_MINUTES.finditer(text) if _taken_as_surname(match.group(1))
    ]
    speakers = [
        match.span(1) for match in _PARENTHESISED_SPEAKER.finditer(text) if _taken_as_surname(match.group(1))
    ]
    return members + (speakers if len(speakers) >= 2 else [])
