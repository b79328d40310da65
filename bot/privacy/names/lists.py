"""Names listed with a name found or handed over (鈴木・佐藤さん, 山田→佐藤), and lists of places."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from bot.privacy import lazy
from bot.privacy.names.cues import (
    _AFTER_NAME,
    _FAMILY,
    _HOME,
    _KANA_WORD,
    _KANJI_SURNAME,
    _LIST_CUE,
    _LIST_CUE_REACH,
    _NOT_CALLED,
)
from bot.privacy.names.latin import _known_word
from bot.privacy.names.words import (
    _is_name,
    _joined_word,
    _joining,
    _kanji_noun,
    _morphemes,
    _one_kanji_surname,
    _overlap_test,
    _part_of_speech_before_san,
    _prefecture,
    _read_before_san,
    _skip_space,
    _skip_title,
    _taken_as_surname,
)

_DIRECTIONS = frozenset("東西南北")
"""Surnames of one kanji that are directions too: two of them joined by と are places (東と西、どっち)."""
_PAIR_END = lazy.compile("[、,]|が|も|は|で(?![きし])")
_TIME = r"[0-9]{1,2}(?::[0-9]{2}|時)?[-~〜][0-9]{1,2}(?::[0-9]{2}|時)|[0-9]{1,2}(?::[0-9]{2}|時)"
_TIME_BEFORE_ITEM = lazy.compile(rf"(?:{_TIME})[ \t\u3000]+")
"""A time or a time range before an item of a schedule and a space (11:30-12:30 沼田, 9時 田辺)."""
_TIME_REACH = 16
_LIST_MARK = lazy.compile("[・、,とや→⇒/&か]|もしくは|および|及び")
"""What lists names (鈴木・佐藤, 田中と佐藤, 田中や佐藤, 田中/佐藤, 田中および佐藤), or hands a task from
one to another (山田→佐藤). One word each: the dictionary reads または as また + は."""
_FACILITY = lazy.compile(
    "の?(?:両|各)?(?:図書館|公民館|出張所|支所|児童館|集会所|会館|区民館|市民館|地域センター|コミュニティセンター"
    "|体育館|公園|駅|庁舎|団地|商店街|交番|郵便局|プール|運動場|広場|(?P<school>小学校|中学校|保育園|幼稚園))"
)
"""A public facility after a list of words (北浜、南丘の図書館; 東町と西町の集会所; 北浜や南丘の両公民館)."""
_PLACE_LIST_MARKS = frozenset({"、", ",", "と", "や", "・"})
_NOTE = lazy.compile(r"\([^()\n]{1,8}\)")
"""A short note in parentheses after a name in a list: when they are in (田中（午前）), who they are."""
"""様 that begins a word (様式 a form, 様子, 様相), not an honorific."""


def _listed_with(
    text: str, morphemes: Sequence[Any], found: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Name words listed with a name found: 鈴木・佐藤さん, 田中と佐藤さん, 佐藤さん、鈴木の両名.

    A word one of ・、, と or や away from a name found (after its honorific or title, if any, and spaces:
    ・梅田 彩花　・根本 ひなた) is a
    name too when `_list_item` reads it as one, and so on along the list: one pass forward for
    the names after, one backward for those before; a space after the mark is passed over for a word of two
    characters or more (沖 と 宮城; not the label in 旧 荒川 幸雄 → 新 荒川 聡), and a given name after a
    surname listed so and a space goes with it, the list going on after it (・ 南部 あゆみ ・ 岡崎).
    東京と佐藤さん stays. In a schedule, a time before each item is passed over (11:30-12:30 沼田／12:30-13:30
    田辺).
    """
    starts = {start for start, _ in found}
    starts |= {_time_start(text, start) for start in starts}
    titles: dict[int, int] = {}
    ends = {_item_end(text, end, titles) for _, end in found}
    listed: list[tuple[int, int]] = []
    begins = {m.begin(): at for at, m in enumerate(morphemes)}
    for at in range(2, len(morphemes)):  # names after a name found
        mark = morphemes[at - 1]
        if mark.begin() in ends and _LIST_MARK.fullmatch(mark.surface()):
            first = at + 1 if _blank(morphemes[at]) and at + 1 < len(morphemes) else at
            time = _TIME_BEFORE_ITEM.match(text, morphemes[first].begin())
            item = _list_item(morphemes, begins.get(time.end(), first) if time else first)
            if item and (first == at or item[1] - item[0] >= 2):
                item = _with_given_name(morphemes, begins, item)
                listed.append(item)
                ends.add(_item_end(text, item[1], titles))
    for at in range(len(morphemes) - 3, -1, -1):  # names before one
        mark = morphemes[at + 1]
        after = at + 3 if _blank(morphemes[at + 2]) and at + 3 < len(morphemes) else at + 2
        if morphemes[after].begin() in starts and _LIST_MARK.fullmatch(mark.surface()):
            spaced = _blank(morphemes[at]) or after == at + 3
            item = _list_item(morphemes, at - 1 if _blank(morphemes[at]) and at > 0 else at, backward=True)
            if item and (not spaced or item[1] - item[0] >= 2):
                listed.append(item)
                starts |= {item[0], _time_start(text, item[0])}
    return listed


def _with_given_name(
    morphemes: Sequence[Any], begins: dict[int, int], item: tuple[int, int]
) -> tuple[int, int]:
    """A listed surname's ``item`` with the given name after it and a space, when the dictionary reads one.

    小池 秀樹 ・ 南部 あゆみ ・ 岡崎: the list goes on after あゆみ, not after 南部. ``begins`` maps where
    each of the ``morphemes`` begins to its index.
    """
    at = begins.get(item[1])
    if at is None or at + 1 >= len(morphemes) or not _blank(morphemes[at]):
        return item
    given = morphemes[at + 1]
    return (item[0], given.end()) if given.part_of_speech()[2:4] == ("人名", "名") else item


def _blank(morpheme: Any) -> bool:
    return bool(morpheme.part_of_speech()[0] == "空白")


def _handed_over(
    text: str, morphemes: Sequence[Any], found: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The other end of a hand-over from or to a name found: 岸から堀へ, 中村から山本へ, 東から［西］に.

    Work passes from someone to someone (X から Y へ or に): with one of them found, the other is a name
    too when `_list_item` reads it as one (東から西に引き継ぎ, 中村から山本へ移管); 田中から東京へ stays.
    """
    titles: dict[int, int] = {}
    ends = {_item_end(text, end, titles) for _, end in found}
    handed = {start for start, end in found if text.startswith(("へ", "に"), _item_end(text, end, titles))}
    over: list[tuple[int, int]] = []
    for at in range(1, len(morphemes) - 2):
        if morphemes[at].surface() != "から":
            continue
        if morphemes[at].begin() in ends and morphemes[at + 2].surface() in ("へ", "に"):
            item = _list_item(morphemes, at + 1)
        elif morphemes[at + 1].begin() in handed:
            item = _list_item(morphemes, at - 1, backward=True)
        else:
            continue
        if item:
            over.append(item)
    return over


def _time_start(text: str, start: int) -> int:
    """Where a time before ``start`` and a space begins (`_TIME_BEFORE_ITEM`), or ``start`` without one."""
    for time in _TIME_BEFORE_ITEM.finditer(text, max(0, start - _TIME_REACH), start):
        if time.end() == start:
            return time.start()
    return start


_FAMILY_WORD = lazy.compile(_FAMILY)


def _list_item(morphemes: Sequence[Any], at: int, *, backward: bool = False) -> tuple[int, int] | None:
    """The span of a name in a list at ``morphemes[at]`` (the word ending there, ``backward``), if any.

    A word of two characters or more that the dictionary reads as a name there, or a proper noun
    or kanji word it reads as one before さん alone (松本 and 中野, read as places there; 中島, read
    as an island), or two one-kanji nouns it reads so together (西 + 村); 東京, 大阪, 総務 and 窓口
    are not. A word of one kanji counts as a surname (`_taken_as_surname`: 清水と森で, 岸と堀が, CC：北村、南)
    before a particle, a mark or the end, read as a name or a plain noun there (逆, 横 are not). A name
    before the list's mark is a word of its own: the end of みなと台西 or 緑ヶ原 is none. A family member's
    word is who someone is, not their name (妻 洋子、長男 大樹、次男 颯: 次男 stays).
    """
    one = morphemes[at]
    if _FAMILY_WORD.fullmatch(one.surface()):
        return None
    whole = not backward or _begins_a_word(morphemes, at)  # not みなと台 + 西, 緑 + ヶ + 原
    if whole and one.end() - one.begin() >= 2 and (_is_name(one) or _read_as_name_alone(one)):
        return one.begin(), one.end()
    if whole and _one_kanji_item(morphemes, at):
        return one.begin(), one.end()
    first = at - 1 if backward else at
    words = morphemes[first : first + 2] if first >= 0 else []
    pair = len(words) == 2 and all(_kanji_noun(w) and len(w.surface()) == 1 for w in words)
    pair = pair and (not backward or _begins_a_word(morphemes, first))
    if pair and _read_before_san(words[0].surface() + words[1].surface()) == "人名":
        return words[0].begin(), words[1].end()
    return None


def _begins_a_word(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` begins a word: no noun, prefix or suffix joined before it, no ヶ of a place.

    Looser than `_word_of_its_own`: after a call (ねえ翔、はるか) a name begins too.
    """
    return at == 0 or not _joining(morphemes[at - 1])


def _one_kanji_item(morphemes: Sequence[Any], at: int) -> bool:
    """Whether a word of one kanji in a list of names is a surname (see `_list_item`)."""
    after = morphemes[at + 1].part_of_speech()[0] if at + 1 < len(morphemes) else "補助記号"
    return after in ("助詞", "助動詞", "補助記号", "空白") and _one_kanji_surname(morphemes[at])


def _read_as_name_alone(morpheme: Any) -> bool:
    """Whether a word the dictionary reads otherwise here is a name before さん alone.

    A proper noun, a kanji word or a word of kana (しおり, はるか).
    """
    proper = morpheme.part_of_speech()[1] == "固有名詞"
    kana = _KANA_WORD.fullmatch(morpheme.surface())
    return (proper or kana or _kanji_noun(morpheme)) and _read_before_san(morpheme.surface()) == "人名"


def _item_end(text: str, at: int, titles: dict[int, int]) -> int:
    """Where a listed name's honorifics, titles and a short note in parentheses end (田中（午前）、).

    ``titles`` is `_skip_title`'s record of where the titles end in ``text``.
    """
    at = _skip_title(text, at, titles)
    note = _NOTE.match(text, at)
    return _skip_space(text, note.end() if note else at)


def _name_pairs(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Two surnames listed with ・ or handing over with → (井上・木下で対応, 小田→津田): both.

    One name word alone may be a place or a word (長野, 小川); two side by side are people when the
    dictionary reads one as a name there and the other there or before さん alone (木下, read as a
    place before で), and neither names a prefecture (石川・富山, 長野・松本 stay, and so does
    井上・東京). Two cities that are surnames too are masked (松本・上田): as often two people.
    `_listed_with` then takes the rest of the list. The second must end its word, or go on into an
    honorific or a title (木下さん, 木下課長): マル子・マル親 (a subsidy's nickname, マル + 親) stays.
    """
    for at in range(len(morphemes) - 2):
        first, mark, second = morphemes[at : at + 3]
        if mark.surface() not in ("・", "→") or min(len(first.surface()), len(second.surface())) < 2:
            continue
        if _runs_into_word(morphemes, at + 2):
            continue
        named = (_is_name(first) and _name_here_or_alone(second)) or (
            _is_name(second) and _name_here_or_alone(first)
        )
        if named and not (_prefecture(first.surface()) or _prefecture(second.surface())):
            yield first.begin(), first.end()
            yield second.begin(), second.end()


def _runs_into_word(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` goes on, unspaced, into a noun that is no honorific or title (マル + 親)."""
    if at + 1 >= len(morphemes):
        return False
    after = morphemes[at + 1]
    return after.part_of_speech()[0] == "名詞" and not _AFTER_NAME.match(after.surface())


_AGAINST = frozenset({"×", "✕", "✖", "vs", "VS", "Vs", "ｖｓ", "⇔", "↔", "⇄", "⇆"})
"""What pairs two people for a match or a task (森田×岡崎, 堤 vs 大石) or swaps them (松原 ⇔ 小坂)."""


def _matched_pairs(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Two names paired with × or vs or swapped with ⇔, spaces around allowed (1組 森田×岡崎, 堤 vs 大石).

    As with `_name_pairs`, the dictionary must read one as a name there and the other there or before さん
    alone (岡崎, a city there; 白鳥, a bird), and neither may be a prefecture (東京 vs 大阪 stays); a
    surname of one kanji counts when it reads both as names there (堤 vs 大石).
    """
    words = [m for m in morphemes if not _blank(m)]
    for at in range(len(words) - 2):
        first, mark, second = words[at : at + 3]
        if mark.surface() not in _AGAINST:
            continue
        named = (_is_name(first) and _name_here_or_alone(second)) or (
            _is_name(second) and _name_here_or_alone(first)
        )
        both = _is_name(first) and _is_name(second)
        short = min(len(first.surface()), len(second.surface())) < 2 and not both
        if named and not short and not (_prefecture(first.surface()) or _prefecture(second.surface())):
            yield first.begin(), first.end()
            yield second.begin(), second.end()


def _name_here_or_alone(morpheme: Any) -> bool:
    return _is_name(morpheme) or _read_as_name_alone(morpheme)


def _places_before_a_facility(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """The items of lists of two words or more before a public facility: places, not people.

    北浜、南丘の図書館, 東町と西町の集会所, 北浜や南丘の両公民館 (`_FACILITY`): the dictionary reads 北浜
    and 南丘 as names, and 、 and の as what follows a person, but a list before a library names where it
    is. Each item is nouns joined into one (`_joined_word`: みなと + 台); before a school or a nursery none
    is a given name (蓮と陽葵の保育園 are children's). A cue of people before the list keeps it people's
    (参加者は北浜、南丘の…).
    """
    places: list[tuple[int, int]] = []
    for at, word in enumerate(morphemes):
        facility = _FACILITY.match(text, word.end())
        if not facility or word.part_of_speech()[0] != "名詞":
            continue
        school = bool(facility.group("school"))
        first, last = _joined_word(morphemes, at)
        items = [(first, at)]
        while first >= 2 and morphemes[first - 1].surface() in _PLACE_LIST_MARKS:
            first, last = _joined_word(morphemes, first - 2)
            if last != items[-1][0] - 2 or morphemes[last].part_of_speech()[0] != "名詞":
                break
            items.append((first, last))
        spans = [(morphemes[begin].begin(), morphemes[end].end()) for begin, end in items]
        given = school and any(_given_name(m) for begin, end in items for m in morphemes[begin : end + 1])
        cue = _LIST_CUE.search(text, max(0, spans[-1][0] - _LIST_CUE_REACH), spans[-1][0])
        if len(items) >= 2 and not given and not cue:
            places += spans
    return places


def _given_name(morpheme: Any) -> bool:
    """Whether the dictionary reads ``morpheme`` as a given name, there or before さん alone."""
    if morpheme.part_of_speech()[3] == "名":
        return True
    alone = _part_of_speech_before_san(morpheme.surface())
    return alone is not None and alone[3] == "名"


def _named_pairs(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Two people named first on a line, joined by と, before a subject's particle or a comma.

    星と泉が作ってる, 浜と岡がコンビ, あすかとみのる、今日は外回り: each a word the dictionary reads as a
    name before さん alone, or a surname it reads as a word even there; two directions (東と西、どっち)
    are a place's.
    """
    for at in range(len(morphemes) - 2):
        first, joined, second = morphemes[at : at + 3]
        start = first.begin()
        opens = start == 0 or text[start - 1] == "\n"
        if not (opens and joined.surface() == "と" and _PAIR_END.match(text, second.end())):
            continue
        words = (first.surface(), second.surface())
        if all(w in _DIRECTIONS for w in words) or not all(_pair_word(m) for m in (first, second)):
            continue
        yield start, first.end()
        yield second.begin(), second.end()


def _pair_word(word: Any) -> bool:
    surface = word.surface()
    return (
        word.part_of_speech()[0] not in _NOT_CALLED
        and bool(_KANJI_SURNAME.fullmatch(surface) or _KANA_WORD.fullmatch(surface))
        and _taken_as_surname(surface)
    )


_ITEM_SPLIT = lazy.compile(
    r"[、,，→⇒。]|(?<![0-9])[/／](?![0-9])|[ \t\u3000](?=[○◯×△●])"
    r"|(?<![ \t\u3000])[ \t\u3000]+(?=[^\s0-9:：、,()（）][^\s:：、,()（）]{0,7}[:：])"
    r"|・(?=[^\s・、,:：()（）]{1,8}[ \t\u3000])"
)
"""Where an item of a list ends within a line: a comma, a sentence's end (…福祉 ハーン。産業医は), a slash
not in a date, an arrow, a space before
a presence or check mark (○ 秋葉 ○ 若山 × 小西, 受付：菅／会計：宮), spaces before the next label and
its colon, as a line of fields is typed (窓：戸塚 床：村井 書庫：岩瀬; a time's 10:30 is no label), or a ・
before the next label and a space (土木 中田・建築 広瀬; 三輪・木島 is one item)."""
_ITEM_SEP = lazy.compile(r"(?:[ \t\u3000]+|[:：]|…+|\.{3})$")
"""What sets an item's label apart from its value: spaces, a colon or dots (受付2 島田, 電話：大川,
…上野)."""
_ITEM_LABEL = r"[^\s:：…。!?！？]{1,10}"
_THING_LABEL = lazy.compile(
    "(?:場所|会場|住所|所在地|先|名称|件名|用件|内容|日時|時間|期限|理由|方法|備考|結果|額|所属|部署|[課係室])$"
)
"""Labels of what is no person (場所：品川, 所属：総務課; 宛先 and 英語 村井 are a person's): their values are
not names even beside names."""
_ITEM_HEADS = {
    kind: lazy.compile(rf"{header}({_ITEM_LABEL})({separator})(.+)")
    for kind, header, separator in (
        ("colon", "", "[:：]"),
        ("dots", r"(?:.*[:：])?", r"…+|\.{3}"),
        ("space", r"(?:.*[:：])?", r"[ \t\u3000]+"),
    )
}
"""An item's label, separator and the rest, by the separator's kind; the first item of a line may open
with a header and a colon (送迎：運転 広瀬)."""
_JOINED = "・"
"""The tail key of a value that goes on with ・ to more names: the item lists people joined by ・."""
_NOTE_TAIL = lazy.compile(r"[(（][^()（）]{1,12}[)）]$")
_HOUSEHOLD_NOTE_TAIL = lazy.compile(r"[ \t\u3000]+(家|世帯|宅)[ \t\u3000]?[(（][^()（）]{1,12}[)）]$")
"""A household's word and a note after a name (田辺 世帯（小2・小5）, 森田 家（高齢 夫婦））."""
_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")
_ITEM_REACH = 60
"""The longest item read: a list's items are short, and a long line is prose."""
_SLOT_WORD = r"[\u4e00-\u9fff々ぁ-ゖ\u30a1-\u30fa\u30fc・]+"
_SLOT = lazy.compile(
    rf"{_SLOT_WORD}(?:[ \t\u3000]{_SLOT_WORD})?|[A-Z][A-Za-z]+(?:[ \t\u3000][A-Z][A-Za-z]+){{1,3}}"
)
"""What an item's value must look like to be a name: one or two words of kanji or kana, or two to four
capitalised Latin words."""
_LATIN_GIVEN = lazy.compile("[A-Z][a-z]{1,15}")
"""One capitalised Latin word, as a list names a foreign colleague by one name (英語 Mark, リーダー Chen)."""
_SECTION_OR_PLACE_END = lazy.compile("[課係室区市町村県駅]$")
_KATAKANA_SLOT = lazy.compile(r"[\u30a1-\u30fa\u30fc・ \t\u3000]+")
_KATAKANA_WORD_SLOT = lazy.compile(r"[\u30a1-\u30fa\u30fc]{2,12}")
_HIRAGANA_SLOT = lazy.compile(r"[ぁ-ゖ・ \t\u3000]+")


def _parallel_items(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The values of a list's items written like an item whose value is a name found.

    Staff list people in items of one shape (a label, a space, a colon or dots, the person, the same
    tail): 受付1 平井 陽 above 受付2 島田 千尋, ・電話：大川 under ・窓口：千田, 同乗 大島 beside 運転 広瀬,
    児 ひまり（4か月） after 母 綾香（32）. The items are the text's lines, cut at commas, slashes, arrows
    and marks; the first item of a line may open with a header (送迎：運転 広瀬). A value beside a name
    is one when it reads as a name on its own (`_name_like`): 未定, 欠員, 会議室 stay, and so does what a
    label of things holds (場所：品川).
    """
    items = [(a, b) for a, b in _items(text) if b - a <= _ITEM_REACH]
    starts = [a for a, _ in items]
    shapes = set()
    for start, end in found:
        at = bisect_right(starts, start) - 1
        if at < 0 or end > items[at][1]:
            continue
        sep = _ITEM_SEP.search(text, items[at][0], start)
        if sep is None or sep.start() == items[at][0]:
            continue
        tail = text[end : items[at][1]].rstrip(" \t\u3000")
        kind, lead = _separator(sep.group()), _lead(text, items[at], _separator(sep.group()), start)
        shapes.add((kind, _JOINED if tail.startswith("・") else _tail_key(tail), lead))
        if lead and _SENTENCE_GOES_ON.match(tail) and _last_on_its_line(text, items, at):
            shapes.add((kind, "", lead))  # 8時 から 小野田、…、13時 から 小野田 が 受付 に 入ります
    if not shapes or len(items) < 2:
        return []
    spans = []
    for a, b in items:
        item = text[a:b].rstrip(" \t\u3000")
        for separator, tail, lead in shapes:
            match = _ITEM_HEADS[separator].fullmatch(item)
            if match is None or _THING_LABEL.search(match.group(1)):
                continue
            begin, rest = a + match.start(3), match.group(3)
            if lead:  # 10時 から ラーマン beside 8時 から 小野田: the particle is the shape's
                if not rest.startswith(lead):
                    continue
                begin, rest = begin + len(lead), rest[len(lead) :]
            if tail == _JOINED:
                spans += _joined_names(text, begin, begin + len(rest), found)
                continue
            value = _before_tail(rest, tail)
            named = _named_value(value, begin) if value else None
            if named and not any(s <= named[0] < e for s, e in found):
                spans.append(named)
    return spans


_SENTENCE_GOES_ON = lazy.compile(r"[ \t\u3000]+(?:が|は|も|に|で|を|へ|から|まで|より)[ \t\u3000]")
"""A spaced particle after a list's last item: the sentence the list is part of goes on."""


def _last_on_its_line(text: str, items: Sequence[tuple[int, int]], at: int) -> bool:
    """Whether ``items[at]`` is the last item of its line, which may carry the rest of the sentence."""
    return at + 1 == len(items) or "\n" in text[items[at][1] : items[at + 1][0]]


_LEAD = lazy.compile(r"(?:から|より|まで|へ|に|は)[ \t\u3000]+")
"""A particle spaced between an item's label and its person, as a schedule or a hand-over is typed (8時 から
小野田, 係長 へ 千葉)."""


def _lead(text: str, item: tuple[int, int], kind: str, start: int) -> str:
    """The spaced particle between an item's label and the name found at ``start``, or nothing (`_LEAD`).

    Items of one shape share it: 10時 から ラーマン is written like 8時 から 小野田.
    """
    match = _ITEM_HEADS[kind].fullmatch(text[item[0] : item[1]].rstrip(" \t\u3000"))
    if match is None or item[0] + match.start(3) >= start:
        return ""
    lead = text[item[0] + match.start(3) : start]
    return lead if _LEAD.fullmatch(lead) else ""


_TASK_HANDED = lazy.compile(
    r"(?:^|(?<=[、,:：]))[^\n→⇒、,:：]{1,16}[→⇒][ \t\u3000]*([^\s→⇒、,。()（）][^\n→⇒、,。()（）]{0,15})"
    r"(?=[、,。\n]|$)",
    re.MULTILINE,
)
"""A task and the one it is handed to, an item of a list (・通報 → 佐渡, 福祉 → きたむら、): an arrow's last
item, ending the line or the item."""


def _tasks_handed_out(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Who each task goes to in a list handing tasks out with arrows, when one of them is a name found.

    Staff hand out a drill's or a meeting's tasks as ・通報 → 佐渡 / ・初期消火 → 湯浅・江川 / ・避難誘導 →
    Ahmed: the arrow's other ends are people too when each reads as a name on its own (`_item_kind`: a
    place's name read as a surname, capitalised Latin, katakana, hiragana). 資料 修正 → 課長 確認 → 印刷
    (the arrow's end no item's last) and 湯浅 → 区民課 (a section) stay.
    """
    values = []
    for match in _TASK_HANDED.finditer(text):
        start, value = match.start(1), match.group(1).rstrip(" \t\u3000")
        at = start
        for part in _PEOPLE_SPLIT.split(value):  # 湯浅・江川 (but グエン・ティ・マイ is one)
            if part != "・":
                values.append((at, at + len(part)))
            at += len(part)
    if len(values) < 2 or not any(s < e2 and s2 < e for s, e in values for s2, e2 in found):
        return []
    kinds = [_item_kind(text[s:e]) for s, e in values]
    return [span for span, kind in zip(values, kinds, strict=True) if kind is not None]


_WORD_IN_VALUE = lazy.compile(r"[^ \t\u3000]+")
_PARTICLE = lazy.compile("[をがにでへ]|から|まで|より")
"""A particle written as a word of its own, as voice input and some staff space a sentence."""
_OPENING_PARTICLE = lazy.compile(r"(?:[のはもと]|[をがにでへ]|から|まで|より)[ \t\u3000]+")
"""A particle written as a word of its own before an item's value (臨時 の ほんま)."""


def _named_value(value: str, start: int) -> tuple[int, int] | None:
    """The span of the name a list item's ``value`` (at ``start``) holds, if any.

    The value reads as a name on its own (`_name_like`), or labels stack before the name and its last
    word or two do (A地区 保健師 えのもと beside B地区 保健師 ながお; 1番ブース 浜中 beside 2番ブース 木島;
    土木 中田 beside 建築 広瀬): staff write a role, a place or a slot after the item's label as often as not.
    Labels hold no particle of their own: 健 を 停止 してください is a sentence, not labels before a name.
    A spaced particle opening the value or the name's words is the sentence's, not the name's (臨時 の ほんま
    さん、嘱託 の やまだ さん: the の stays).
    """
    if particle := _OPENING_PARTICLE.match(value):
        start, value = start + particle.end(), value[particle.end() :]
    if _name_like(value):
        return start, start + len(_without_deed(value))
    words = list(_WORD_IN_VALUE.finditer(value))
    if any(_PARTICLE.fullmatch(word.group()) for word in words):
        return None
    for count in (2, 1):
        last = value[words[-count].start() :] if len(words) > count else ""
        if last and not _OPENING_PARTICLE.match(last) and _name_like(last):
            return start + words[-count].start(), start + len(value)
    return None


_LAST_SPACED_KANJI = lazy.compile(r"[ \t\u3000]+([\u4e00-\u9fff]{2,4})$")


def _without_deed(value: str) -> str:
    """``value`` without a last spaced word of what is done, a log's after who did it.

    鬼塚 返却 in a lending log, マイケル 監査 in an entry log: the name is before it.
    """
    last = _LAST_SPACED_KANJI.search(value)
    if last is None or last.start() == 0:
        return value
    words = _morphemes(last.group(1))
    deed = len(words) == 1 and words[0].part_of_speech()[2] == "サ変可能"
    return value[: last.start()] if deed else value


def _joined_names(text: str, start: int, end: int, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names of a value that lists people joined by ・ (三輪・木島 under 101：石原・寺田・森下).

    Each part not found already counts when it reads as a name on its own (`_name_like`) or the dictionary
    reads it as one before さん alone (三輪, which it reads as 三 + 輪 there).
    """
    spans = []
    at = start
    for part in text[start:end].split("・"):
        value = part.strip(" \t\u3000")
        begin = at + part.find(value) if value else at
        alone = value and not any(s <= begin < e for s, e in found)
        if alone and (_name_like(value) or _taken_as_surname(value)):
            spans.append((begin, begin + len(value)))
        at += len(part) + 1
    return spans


def _items(text: str) -> list[tuple[int, int]]:
    """The spans of a text's list items: each line cut at `_ITEM_SPLIT`, without the spaces before it."""
    items = []
    at = 0
    for line in text.split("\n"):
        cut = at
        for mark in [*_ITEM_SPLIT.finditer(line), None]:
            stop = at + (mark.start() if mark else len(line))
            left = cut + len(text[cut:stop]) - len(text[cut:stop].lstrip(" \t\u3000"))
            if stop > left:
                items.append((left, stop))
            cut = at + mark.end() if mark else stop
        at += len(line) + 1
    return items


def _separator(sep: str) -> str:
    """The kind of a separator between a label and a value (`_ITEM_HEADS`' keys)."""
    if sep[0] in ":：":
        return "colon"
    return "dots" if sep[0] in "…." else "space"


def _tail_key(tail: str) -> str:
    """What follows a value, as the items of one shape share it.

    Digits may differ, and a note in parentheses may hold anything (（32） and （4か月）), after a household's
    word too (田辺 世帯（小2・小5） above ふるや 世帯（小4））.
    """
    if _NOTE_TAIL.fullmatch(tail):
        return "()"
    household = _HOUSEHOLD_NOTE_TAIL.fullmatch(tail)
    if household:
        return household.group(1) + "()"
    return tail.translate(_DIGITS_AS_ZERO)


def _before_tail(rest: str, tail: str) -> str:
    """The value in ``rest`` before a tail of key ``tail`` (`_tail_key`); empty when it has none."""
    if tail == "()":
        note = _NOTE_TAIL.search(rest)
        return rest[: note.start()] if note and note.start() else ""
    if tail.endswith("()"):
        household = _HOUSEHOLD_NOTE_TAIL.search(rest)
        same = household and household.start() and household.group(1) == tail[:-2]
        return rest[: household.start()] if household and same else ""
    if not rest.translate(_DIGITS_AS_ZERO).endswith(tail):
        return ""
    return rest[: len(rest) - len(tail)]


def _name_like(value: str, *, loanwords: bool = True) -> bool:
    """Whether ``value``, read on its own, may be a name.

    Not one word the dictionary knows as a noun or any other word (未定, 全員, 会議室, なし) but a surname
    of one kanji (宮) or a noun of two kanji or of katakana it reads as a name before さん alone (内海, 宮地,
    ベイカー, a baker to it alone, unless ``loanwords`` is false); one
    capitalised Latin word it does not know as another word (Mark, Singh; not Excel); in kanji, opening
    with a name (大川, 平井 陽) or a proper noun, a place's or a company's, read as a surname before さん
    (上野, 大原, 松下), and not a section's or a place's name (総務課, 品川区); in katakana, not words that
    are each a common noun (フラ ダンス: `_loanword`).
    """
    if _LATIN_GIVEN.fullmatch(value):
        return not _known_word(value)
    if not _SLOT.fullmatch(value):
        return False
    if value[0].isascii():
        return True
    words = [m for m in _morphemes(value) if m.surface() not in (" ", "\t", "\u3000")]
    if len(words) == 1 and not words[0].is_oov() and words[0].part_of_speech()[1] != "固有名詞":
        noun = _kanji_noun(words[0]) and len(value) == 2  # 内海, 水上, 宮地: a word, a surname before さん
        foreign = loanwords and bool(_KATAKANA_WORD_SLOT.fullmatch(value))  # ベイカー, ベル: a baker, a bell
        return _one_kanji_surname(words[0]) or ((noun or foreign) and _read_before_san(value) == "人名")
    if _KATAKANA_SLOT.fullmatch(value):
        return not all(_loanword(word) for word in words)
    if _HIRAGANA_SLOT.fullmatch(value):
        return True
    first = words[0]
    proper, kind = first.part_of_speech()[1:3]
    return bool(
        len(words) <= 3
        and (kind == "人名" or (proper == "固有名詞" and _taken_as_surname(first.surface())))
        and not _SECTION_OR_PLACE_END.search(value)
    )


def _loanword(word: Any) -> bool:
    """Whether a katakana ``word`` is a common noun the dictionary knows, before さん too (フラ, not ベル)."""
    known = not word.is_oov() and word.part_of_speech()[1] == "普通名詞"
    return known and _read_before_san(word.surface()) != "人名"


_TALLY = lazy.compile(
    r"(?:(?<=[、,/／:：\s])|^)([\u4e00-\u9fff々]{1,4}|[\u30a1-\u30fa\u30fc]{2,12}|[ぁ-ゖ]{2,6})[ \t\u3000]*"
    r"[0-9]{1,4}(?:\.[0-9])?[ \t\u3000]*(?:件|h|時間|回|枚|票|点|冊|個)(?![\u4e00-\u9fffぁ-ゖ])",
    re.MULTILINE,
)
"""A word before a count in a tally's item (岸 18件, 長浜 12h, ゴンザレス 6h, さとみ 28h)."""


def _tallied(text: str) -> list[tuple[int, int]]:
    """The people a tally counts for, two or more items on a line (岸 18件、岡 12件、関 9件).

    Staff tally work per person as per place or channel (窓口 18件、電話 12件; 中野 12件、杉並 8件, 中野 read
    alone as a surname): when the dictionary tags two items' words alone as names, and more than it tags as
    places, every word it reads as a name before さん alone is one; directions (北 3件) stay.
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        items = list(_TALLY.finditer(text, line.start(), line.end()))
        kinds = [_alone_as(item.group(1)) for item in items]
        if len(items) < 2 or kinds.count("人名") < max(2, kinds.count("地名") + 1):
            continue
        spans += [
            item.span(1)
            for item in items
            if item.group(1) not in _DIRECTIONS and _taken_as_surname(item.group(1))
        ]
    return spans


_ATTENDANCE_MARK = "○◯◎●×✕△▲"
_MARKED = lazy.compile(
    rf"(?:(?<=\s)|^)[{_ATTENDANCE_MARK}][ \t\u3000]*"
    r"([\u4e00-\u9fff々]{1,4}|[\u30a1-\u30fa\u30fc]{2,12}|[ぁ-ゖ]{2,6}|[A-Z][a-z]{1,15})"
    rf"(?=[ \t\u3000]*(?:[{_ATTENDANCE_MARK}(（]|$))",
    re.MULTILINE,
)
"""A word after an attendance mark, before the next mark, a note or the line's end (○ 太田 × 熊本)."""
_ATTENDANCE_CUE = lazy.compile("出欠|出席|欠席|参加|出否")
"""Before a line's marks, what says its items are people: one word read alone as a name is enough there."""


def _marked_attendance(text: str) -> list[tuple[int, int]]:
    """The people of a line of attendance marks, three or more items (出欠 ○ 吉川 ○ 鳴海 × ほんだ △ Kumar).

    Staff mark who comes or not as they mark things done (○ 済 × 未): when the dictionary tags two items'
    words alone as names, and more than it tags as places (or one, and no fewer, after 出欠, 出席 or 参加),
    every word that reads as a name on its own (`_name_like`) or as one before さん alone is one (熊本 and
    ひがし beside 太田 after 出欠).
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        items = list(_MARKED.finditer(text, line.start(), line.end()))
        kinds = [_alone_as(item.group(1)) for item in items]
        cued = bool(items) and _ATTENDANCE_CUE.search(text, line.start(), items[0].start()) is not None
        if len(items) < 3 or kinds.count("人名") < max(
            1 if cued else 2, kinds.count("地名") + (0 if cued else 1)
        ):
            continue
        spans += [
            item.span(1)
            for item in items
            if _name_like(word := item.group(1)) or _read_before_san(word) == "人名"
        ]
    return spans


def _alone_as(word: str) -> str:
    """What the dictionary tags ``word`` as, read alone as one word (人名, 地名, 一般…); empty if not one."""
    words = _morphemes(word)
    return str(words[0].part_of_speech()[2]) if len(words) == 1 else ""


_SLOT_LABEL = lazy.compile(
    r"(?:^|(?<=[\s、,/／:：・(（]))(第?[0-9]{1,3}[^\s0-9:：=、,/／()（）…]{0,4}|[A-Z]-?[0-9]{1,3}|[A-Z])"
    r"(?:[ \t\u3000]+|[:：=]|…+)(?=[^\s0-9])",
    re.MULTILINE,
)
"""A numbered slot's label and what sets it apart from its value (1番 , 第2土曜 , 3位 , A2=, 2班 , or a
letter alone, A )."""
_GLUED_NUMBER = lazy.compile(
    r"(?:^|(?<=[\s、,/／:：・(（]))([0-9]{1,2})(?=[\u4e00-\u9fff々ぁ-ゖ\u30a1-\u30faA-Z])", re.MULTILINE
)
"""A number glued to its slot's value, as circled numbers fold (①川口 トメ ②よねだ: 1川口 トメ 2よねだ)."""
_LETTER_ALONE = lazy.compile("[A-Z]")


def _slot_key(label: str) -> str:
    """What labels of one series share: their digits as 0, or a letter alone as A (A 平岡 B 清水)."""
    return "A" if _LETTER_ALONE.fullmatch(label) else label.translate(_DIGITS_AS_ZERO)


_UNIT = lazy.compile("[円通件枚冊個台回歳才匹票戸軒棟名人点部社]")
"""A counter's unit of one kanji, which a number and a blank before it make an amount or a count (450 円,
312 通), however the dictionary reads it alone (円 a given name)."""
_SLOT_END = lazy.compile(r"[、,/／;；。\n]")
_SLOT_TAIL = lazy.compile(
    r"(?:[ \t\u3000]+[0-9][0-9,.:]*[^\s0-9]{0,3}|[(（][^()（）\n]{1,12}[)）]|[ \t\u3000]+(?:家|世帯|宅))$"
)
"""What may follow a slot's value: a count, a time or a score (21,304歩, 28h, 18:22), a note, or a
household's word (① 大河内 家 ② 三井 家)."""


def _numbered_slots(text: str) -> list[tuple[int, int]]:
    """The names in slots numbered alike (1番 浜口　2番 林田, 第1土曜 岡島／第2土曜 ふくだ, A2=前原、A3=北山).

    Staff number the people of a rota, a ranking, the counters or a sheet's cells with labels that differ in
    their digits alone, or letter them (当番 A 平岡 B 清水 C ナタリー). When two values or more of such
    labels read as names on their own (`_named_value`: a role may stand before one, 3番 研修生 マイク) and
    the dictionary tags more of them alone as people's names than as places (第1会場 品川、第2会場 大崎
    stays), each value read so is a name, a loanword read as a name before さん (2番 ベイカー) only beside
    a value that reads as a name without it (1番 ホール 2番 ロビー stays); a count, a time or a note after it
    is passed over (1位 岡部 21,304歩), and so is what a sentence's end closes. A counter's unit alone after a
    bare number is an amount (450 円、750 円 and 312 通、187 通 stay). Numbers glued to their
    values are a series of their own (①戸田 ②坂東 ③ひらい, as circled numbers fold).
    """
    spans = _slot_names(text, list(_SLOT_LABEL.finditer(text)), _slot_key)
    return spans + _slot_names(text, list(_GLUED_NUMBER.finditer(text)), lambda _: "0")


def _slot_names(text: str, labels: list[re.Match[str]], key: Callable[[str], str]) -> list[tuple[int, int]]:
    """The names in the values of ``labels`` grouped by ``key`` (`_numbered_slots`)."""
    groups: dict[str, list[re.Match[str]]] = {}
    for label in labels:
        groups.setdefault(key(label.group(1)), []).append(label)
    starts = [label.start() for label in labels]
    spans = []
    for group in groups.values():
        if len({label.group(1) for label in group}) < 2:
            continue
        named = []
        for label in group:
            reach = min(len(text), label.end() + _ITEM_REACH)
            end = _SLOT_END.search(text, label.end(), reach)
            after = bisect_right(starts, label.end())
            stop = min(end.start() if end else reach, starts[after] if after < len(starts) else reach)
            value = text[label.end() : stop].rstrip(" \t\u3000")
            while tail := _SLOT_TAIL.search(value):
                value = value[: tail.start()]
            if label.group(1).isdigit() and _UNIT.fullmatch(value):
                continue  # 450 円、750 円: an amount's or a count's unit after its number, not a slot's value
            if value and (span := _named_value(value, label.end())):
                named.append(span)
        kinds = [_slot_kind(text[start:end]) for start, end in named]
        sure = any(_name_like(text[start:end], loanwords=False) for start, end in named)
        if len(named) >= 2 and kinds.count("人名") > max(0, kinds.count("地名")) and sure:
            spans += named
    return spans


def _slot_kind(value: str) -> str:
    """What the dictionary takes a slot's value for alone (`_alone_as`).

    人名 too for a word it splits or reads as a common noun but as a name before さん (いまい: い + まい).
    """
    kind = _alone_as(value)
    return "人名" if kind in ("", "一般") and _taken_as_surname(value) else kind


_COUNTED = lazy.compile(r"[0-9]{1,3}[ \t\u3000]*[名人][ \t\u3000]*[(（]([^()（）\n]{1,60})[)）]")
"""A count of people before who they are in parentheses (未提出者 3名（小柳、住吉、ロペス）)."""
_COUNTED_ITEM = r"[\u4e00-\u9fff々]{1,4}|[\u30a1-\u30fa\u30fc・]{2,12}"
_COUNT_OF_PEOPLE = lazy.compile(
    r"(?<![ \t\u3000])[ \t\u3000]*+(?:の|[、,]?[ \t\u3000]*+以上[、,]?)[ \t\u3000]*+"
    r"(?:[0-9]{1,2}|[二三四五六七八九十]{1,2})[ \t\u3000]*[名人]"
)
"""A count of people closing a list: の3人, 、以上5名.

Its blanks are taken whole (``*+``) from the first of a run only (the lookbehind): tried from every blank
of a long run and given back one at a time, a line of spaces took seconds to read (quadratic and more)."""
_LISTED_BEFORE_COUNT = lazy.compile(
    rf"(?<![\u4e00-\u9fff々\u30a1-\u30fa\u30fc・])(?:{_COUNTED_ITEM})"
    rf"(?:[ \t\u3000]*(?:[、,・/／とや]|および|及び)[ \t\u3000]*(?:{_COUNTED_ITEM}))+$"
)
"""Two or more listed right before a count of people (春日 と 立川 の3人, 小池、沢井、ロペスの3名)."""
_COUNTED_AFTER_ITEM = lazy.compile(_COUNTED_ITEM)
_COUNTED_REACH = 80
_WITH_ME = lazy.compile(
    r"(?:私|わたし|自分|僕|ぼく|俺)と[ \t\u3000]*([\u4e00-\u9fff々]{1,4}|[\u30a1-\u30fa\u30fc・]{2,12})"
    r"(?=[ \t\u3000]*(?:で|が|は|の|も|に|、|,))"
)
"""Someone with the writer (私と 片桐 で, 自分と光太郎で)."""


_PEOPLE_LISTED = lazy.compile(
    r"(?:[\u4e00-\u9fff]{0,4}[者員]|受講生|研修生|実習生|留学生|の人|[0-9]{1,3}名|メンバー|参加|出席|欠席)"
    r"(?:(?:は|[:：])[ \t\u3000]*|[ \t\u3000]+(?=[^\n、,・:：]{1,12}[・、,]))([^。\n:：]{3,120})"
)
"""A list after what says its items are people (欠席者：, 起票者は, まだの人：, 入会待ち 3名：, or a space
before items joined by ・ or commas, 作業員 とがし・三国・Silva, 参加 古川 静子、みやけ、Anderson), to a
sentence's or a line's end."""
_PEOPLE_SPLIT = lazy.compile(r"([、,;]|(?<![\u30a1-\u30fa\u30fc])・|・(?![\u30a1-\u30fa\u30fc]))")
"""Where a list of people's items end: a comma, a semicolon as a mail's or a calendar's attendees are
parted (参加：茅野; 稲葉), or a ・ not joining the parts of a name in katakana."""
_FIRMS = lazy.compile("入札|落札|JV|共同企業体")
"""Before a list's cue on its line, what says the list's items are firms, whose names are surnames and
places (入札参加：鹿島、大成、清水、竹中; JV構成員 鹿島・大成): no list of people."""
_LATIN_ITEM = lazy.compile(
    r"[A-Z][a-z'’-]+(?:[ \u3000][A-Z][a-z'’-]+){0,3}|[A-Z]{2,15}(?:[ \u3000][A-Z]{2,15}){1,3}"
)
"""Capitalised Latin words, or two or more in capitals, as a list names foreign residents."""
_HIRAGANA_ITEM = lazy.compile(r"[ぁ-ゖ]{2,6}(?:[ \u3000][ぁ-ゖ]{1,5})?")
_TITLE_ENDING = lazy.compile(rf"(?:{_AFTER_NAME.pattern})$")
"""An honorific or a title ending a list's item (加藤係員, 鈴木参事): the name is before it."""


_FIRM = r"[\u4e00-\u9fff々\u30a1-\u30faー]{1,8}"
_FIRMS_LISTED = lazy.compile(
    rf"(?:{_FIRMS.pattern})(?:(?!担当|係|監督|職員|窓口|対応|連絡|当番|受付)[^\n。、,・:：]){{0,8}}?"
    rf"(?:は|[:：])?[ \t\u3000]*((?:{_FIRM}[ \t\u3000]*[、,・/;][ \t\u3000]*)+{_FIRM})"
)
"""A list of words after what says they are firms (入札参加：鹿島、大成、清水、竹中, JV構成員 鹿島・大成),
not after who is in charge of them or deals with them (入札担当：佐藤、鈴木, JV対応は 佐藤・鈴木)."""


def _firms_listed(text: str) -> list[tuple[int, int]]:
    """Where lists of firms are: surnames and places there name companies (`_FIRMS_LISTED`), not people."""
    return [match.span(1) for match in _FIRMS_LISTED.finditer(text)]


def _people_after_cue(text: str) -> list[tuple[int, int]]:
    """Every item of a list after a cue of people (参加者：かなざわ、まるた、Lopez) when each reads as a name.

    The cue says the items are people, unless what comes before it on its line says they are firms
    (`_FIRMS`); an item, without a title or an honorific after it (加藤係員), is one
    when it reads as a name on its own (`_name_like`),
    is capitalised Latin words (not one the dictionary knows: Excel) or, beside an item that is neither,
    hiragana (staff type names unconverted). Any other item makes it no list of names: 対象者：高齢者、
    障害者 and 担当者：総務課、企画課 stay, and so do 利用者：ひとり、ふたり, hiragana alone.
    """
    spans = []
    for match in _PEOPLE_LISTED.finditer(text):
        if _FIRMS.search(text, text.rfind("\n", 0, match.start()) + 1, match.start(1)):
            continue
        items = []
        at = match.start(1)
        for item in _PEOPLE_SPLIT.split(match.group(1)):
            value = item.strip(" \t\u3000")
            if value and value not in "、,・;":
                title = _TITLE_ENDING.search(value)
                value = value[: title.start()].rstrip(" \t\u3000") if title and title.start() else value
                items.append((at + item.index(value), value))
            at += len(item)
        kinds = [_item_kind(value) for _, value in items]
        if len(items) >= 2 and None not in kinds and kinds.count("hiragana") < len(kinds):
            spans += [(start, start + len(value)) for start, value in items]
    return spans + _people_bulleted(text)


_PEOPLE_BULLETED = lazy.compile(
    r"(?:[\u4e00-\u9fff]{0,4}[者員]|の人|る人|な人|メンバー)[ \t\u3000]*+[:：]?[ \t\u3000]*+\n"
    r"((?:[ \t\u3000]*[・•*-][ \t\u3000]*[^\n]{1,16}(?:\n|$))+)"
)
"""A line ending in what says people follow (手伝える人, 無理な人, 欠席者), and the lines under it, each a
bullet and an item (・牧野). Blanks are taken whole (``*+``): a run of them after 者 is read once."""
_BULLET = lazy.compile(r"[ \t\u3000]*[・•*-][ \t\u3000]*")


def _people_bulleted(text: str) -> list[tuple[int, int]]:
    """The items of bulleted lines under a line saying they are people, when each reads as a name.

    🙋 手伝える人 above ・牧野 and ・小松, 🙅 無理な人 above ・武田: a bulleted list of people under its
    header, on the terms of a list after a cue on its line (`_people_after_cue`); 必要な人 above ・ノートPC
    stays.
    """
    spans = []
    for match in _PEOPLE_BULLETED.finditer(text):
        if _FIRMS.search(text, text.rfind("\n", 0, match.start()) + 1, match.start()):
            continue
        items = []
        at = match.start(1)
        for line in match.group(1).split("\n"):
            bullet = _BULLET.match(line)
            if bullet and (value := line[bullet.end() :].rstrip(" \t\u3000")):
                items.append((at + bullet.end(), value))
            at += len(line) + 1
        kinds = [_item_kind(value) for _, value in items]
        if items and None not in kinds and kinds.count("hiragana") < len(kinds):
            spans += [(start, start + len(value)) for start, value in items]
    return spans


_MIXED_ITEM = r"(?:[\u4e00-\u9fff々]{1,4}|[ぁ-ゖ]{2,6}|[\u30a1-\u30faー]{2,8}|[A-Z][a-z]{1,14})"
_MIXED_LIST = lazy.compile(
    rf"(?:(?<=[\s:：は])|^)({_MIXED_ITEM}(?:・{_MIXED_ITEM}){{2,7}})(?![・\u4e00-\u9fff々ぁ-ゖ\u30a1-\u30faーA-Za-z])"
)
"""Three words or more joined by ・ after a blank, a colon or は, each of one script."""
_SCRIPTS = (
    ("kanji", lazy.compile("[\u4e00-\u9fff々]+")),
    ("hiragana", lazy.compile("[ぁ-ゖ]+")),
    ("katakana", lazy.compile("[\u30a1-\u30faー]+")),
    ("latin", lazy.compile("[A-Za-z]+")),
)


def _mixed_script_lists(text: str) -> list[tuple[int, int]]:
    """The items of a list joined by ・ whose words are in two scripts or more and each a name's.

    Staff list who is on duty as each typed them, converted or not and in Latin letters for a colleague
    from abroad (事務 竹田・うちだ・Brown, 窓口 八代・Smith・こばやし): such a list is of people when every
    item of kanji reads as a surname before さん (or is one of one kanji), every Latin word is one the
    dictionary does not know (Excel, Word stay) and the kana words are spelt as names are, in hiragana or
    katakana. Things listed so (日本・アメリカ・China, りんご・みかん・梨) fail the kanji's reading.
    """
    spans = []
    for match in _MIXED_LIST.finditer(text):
        items = match.group(1).split("・")
        kinds = [next(kind for kind, script in _SCRIPTS if script.fullmatch(item)) for item in items]
        if len(set(kinds)) < 2 or "kanji" not in kinds:
            continue
        if all(_mixed_item_named(item, kind) for item, kind in zip(items, kinds, strict=True)):
            at = match.start(1)
            for item in items:
                spans.append((at, at + len(item)))
                at += len(item) + 1
    return spans


def _mixed_item_named(item: str, kind: str) -> bool:
    """Whether one word of a list in mixed scripts (`_mixed_script_lists`) may be a name."""
    if kind == "kanji":
        return _taken_as_surname(item)
    if kind == "latin":
        return not _known_word(item)
    if kind == "katakana":
        return _read_before_san(item) in ("人名", None)
    return item not in ("です", "ます", "など", "ほか")


def _item_kind(value: str) -> str | None:
    """How a list's item reads as a name: ``hiragana``, ``name`` (`_name_like` or Latin), or None."""
    if _LATIN_ITEM.fullmatch(value):
        return "name" if " " in value or not _known_word(value) else None
    if _HIRAGANA_ITEM.fullmatch(value):
        return "hiragana"
    return "name" if _name_like(value) else None


_NAME_AND_HOME = lazy.compile(
    r"^[ \t\u3000]*(\S{1,12}(?:[ \t\u3000]\S{1,8})?)[ \t\u3000]+"
    rf"{_HOME}[ \t\u3000]*$",
    re.MULTILINE,
)
"""A guest book's row: a name, spaces and where the guest lives (中井　東京都, 戸塚　区内)."""


def _guest_book_rows(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The names of a guest book's rows beside one whose name was found (中井　東京都, 大江 宏　神奈川県).

    Rows of a name and where its guest lives, two or more: a row's first words are a name when they read as
    one on their own (`_name_like`): 会場　東京都 beside no name stays.
    """
    rows = list(_NAME_AND_HOME.finditer(text))
    if len(rows) < 2 or not any(s < row.end(1) and row.start(1) < e for row in rows for s, e in found):
        return []
    return [row.span(1) for row in rows if _name_like(row.group(1).replace("\u3000", " "))]


def _counted_people(text: str) -> list[tuple[int, int]]:
    """The names in parentheses after a count of people (3名（小柳、住吉、ロペス）, 2人（宮田・加納）).

    A count of people says what the parentheses list are people; an item is masked when it reads as a
    name on its own (`_name_like`): 3名（男性2、女性1）, 2名（職員、住民） stay.
    """
    spans = []
    for match in _COUNTED.finditer(text):
        at = match.start(1)
        for item in re.split(r"([、,・/／])", match.group(1)):
            value = item.strip(" \t\u3000")
            if value and value not in "、,・/／" and _name_like(value):
                start = at + item.index(value)
                spans.append((start, start + len(value)))
            at += len(item)
    return spans


def _counted_after(text: str) -> list[tuple[int, int]]:
    """The names listed before a count of people (春日 と 立川 の3人で, 北村・小泉の2名, 鈴木、米田、以上5名).

    The count says the list's items are people, as a count before parentheses does (`_counted_people`);
    an item is masked when it reads as a name on its own (`_name_like`): 課長と係長の2名, 男性と女性の2人
    stay.
    """
    spans = []
    for count in _COUNT_OF_PEOPLE.finditer(text):
        listed = _LISTED_BEFORE_COUNT.search(text, max(0, count.start() - _COUNTED_REACH), count.start())
        for item in _COUNTED_AFTER_ITEM.finditer(text, listed.start(), listed.end()) if listed else ():
            if _name_like(item.group()):
                spans.append(item.span())
    return spans


def _with_me(text: str) -> list[tuple[int, int]]:
    """A name joined by と to the writer (私と 片桐 で伺います), read as a name on its own (`_name_like`)."""
    return [match.span(1) for match in _WITH_ME.finditer(text) if _name_like(match.group(1))]


_ADDRESS_OWNER = lazy.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}+(?:\.[A-Za-z0-9-]{1,63}+){1,6}+"
    r"[ \t\u3000]?\(([^()\n]{1,20})\)"
)
"""An e-mail address and its owner in parentheses right after it (sakura.t@example.lg.jp（寺内 さくら））.

Each run is taken whole (``+``): none of them holds the character that ends it, so nothing is given back."""


def _owners_of_addresses(text: str) -> list[tuple[int, int]]:
    """Whose an e-mail address is, in parentheses after it, when it reads as a name on its own (`_name_like`).

    A mailing list's changes and a mail's headers write the owner so; (代表) and (総務課) stay.
    """
    return [
        match.span(1)
        for match in _ADDRESS_OWNER.finditer(text)
        if _name_like(match.group(1).strip(" \t\u3000"))
    ]


_NOTED_ITEM = lazy.compile(
    r"[ \t\u3000]*([^\s()（）、,:：]{1,12})((?:[ \t\u3000]+(?:家|世帯|宅))?)"
    r"[ \t\u3000]?[(（][^()（）\n]{1,12}[)）][ \t\u3000]*"
)
"""An item of a list that is a word, a household's word or not, and a note in parentheses (大滝（出張）,
つるた 家（独居））."""
_NOTED_SPLIT = lazy.compile("[、,]")


def _noted_items(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The other items of a list of people each with a note in parentheses, one of them a name found.

    Staff list who is away or whom to visit as 大滝（出張）、ホアン（夜勤 明け）、吉村（年休） or 森田
    家（高齢 夫婦）、つるた 家（独居）: after a line's last colon (or from its start), every item a word and
    a note, the words of one shape (with a household's word after them or without) are people when one is
    a name found and each reads as a name on its own (`_name_like`); 体育館（北側）、集会所（2階） stays.
    """
    spans = []
    at = 0
    overlaps = _overlap_test(found)
    for line in text.split("\n"):
        colon = max(line.rfind(":"), line.rfind("："))
        begin = at + colon + 1
        items: list[tuple[int, int, bool]] = []
        for piece in _NOTED_SPLIT.split(text[begin : at + len(line)]):
            match = _NOTED_ITEM.fullmatch(piece)
            if match is None:
                items = []
                break
            items.append((begin + match.start(1), begin + match.end(1), bool(match.group(2))))
            begin += len(piece) + 1
        at += len(line) + 1
        named = [(start, end, household) for start, end, household in items if overlaps(start, end)]
        if len(items) < 2 or not named:
            continue
        shapes = {household for _, _, household in named}
        spans += [
            (start, end)
            for start, end, household in items
            if household in shapes and not overlaps(start, end) and _name_like(text[start:end])
        ]
    return spans


_CHAIN_BOUND = lazy.compile("[\n、,:：。]")
"""What ends a chain of arrows: a line, an item of a list, a label's colon or a sentence."""
_CHAIN_SPLIT = lazy.compile("[→⇒]")
_CHAIN_WORD = lazy.compile(r"[\u4e00-\u9fff々ぁ-ゖ\u30a1-\u30fa\u30fc]{1,8}")


def _chained(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The one item of a chain of three arrowed items or more that is not a name found, all the others being.

    An order of speakers or of hands a document passes through (今井 → 矢部 → ナイト → 今井): a word of
    kanji or kana (ナイト, a knight to the dictionary) between names is a person too, unless it names a
    section or a place (佐藤 → 田中 → 総務課). 申請 → 審査 → 決裁 holds no name and stays. Cut with
    `str` splits, not a pattern, so a long line without arrows costs one pass.
    """
    if "→" not in text and "⇒" not in text:
        return []
    spans = []
    at = 0
    overlaps = _overlap_test(found)
    for segment in _CHAIN_BOUND.split(text):
        parts = _CHAIN_SPLIT.split(segment)
        begin, at = at, at + len(segment) + 1
        if len(parts) < 3:
            continue
        items = []
        for part in parts:
            word = part.strip(" \t\u3000")
            start = begin + part.find(word) if word else begin
            items.append((start, start + len(word)))
            begin += len(part) + 1
        left = [(s, e) for s, e in items if not overlaps(s, e)]
        if len(left) == 1:
            start, end = left[0]
            if _CHAIN_WORD.fullmatch(text[start:end]) and not _SECTION_OR_PLACE_END.search(text[start:end]):
                spans.append((start, end))
    return spans
