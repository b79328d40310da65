"""How the dictionary reads a word, and the small questions about the text around it that detectors share.

The one Sudachi tokenizer's morphemes (a text read in chunks), whether a word is a name there or before
さん alone, in kana or as a surname, and where spaces, titles and cues before a word end.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from typing import Any

from bot.kana import to_katakana
from bot.privacy import lazy
from bot.privacy.names.cues import (
    _AFTER_NAME,
    _CLOSING_PARENTHESIS,
    _CUE_AFTER,
    _FAMILY,
    _KANA_WORD,
    _KANJI_WORD,
    _KIN_WORDS,
    _LONE_KANJI,
    _PLACE_JOINS,
    _ROLES,
    _SPACE,
    _SURNAMES_READ_AS_WORDS_BEFORE_SAN,
    _WORDS_TAGGED_AS_NAMES,
)
from bot.sudachi import dictionary, tokenizer

_CUE_BEFORE = lazy.compile(
    rf"(?:(?:{_ROLES})名?[)】]?(?:は|が|の|:|：|=|＝|\()?|(?:旧姓|旧氏|通称)[ \t\u3000]の"
    rf"|(?:{_ROLES})\([^()\n]{{1,8}}\)[:：]|\"(?:{_ROLES})\"[ \t]*:[ \t]*\""
    r"|[(【](?:審査|合議|照査|検印|査閲)[)】]"
    rf"|以上[、,]|受[:：]|入力[:：=＝]|{_FAMILY}[:：]|@|(?<![A-Za-z])(?i:by)|(?<![A-Za-z])(?i:to)[:：]"
    r"|(?:午前|午後|終日|[月火水木金土日](?:曜日?)?)[:：]|内線[ \t\u3000]?[0-9]{2,6}[ \t\u3000]"
    r"|(?<![\u4e00-\u9fff])(?:借|返|貸出|持出|持ち出し|返却)(?:[ \t\u3000]+[0-9]{1,2}:[0-9]{2})?[ \t\u3000]"
    r"|(?<![\u4e00-\u9fff])(?:窓|通路|廊下|壁|入口|出口)側[:：]"
    r"|(?<![\u4e00-\u9fff])(?:申し?送り者|申送者|引き?継ぎ?者|受け手?)[ \t\u3000])[ \t\u3000]*$"
)
"""Says that the name words right after it are a person's (searched in the text just before them):
氏名：, 申請者は, 担当者名：, 担当の, a former or another surname's の spaced too (旧姓 の; not 受付 の 机),
(担当), 本人（, CC:, a mail header's To:, a mention's @, a signature's by, a key before = (担当者=大滝,
assignee=城田) or a JSON export's quoted key ("staff": "相沢"), who typed a record in after a colon
(入力：みやざき; 入力 して stays), the column of a
stamp or a check in brackets (（審査）高松, 【合議】), an extension's number and a space (内線2040 大西まで),
who borrowed or returned a key or a car in a lending log, a time perhaps between (借 久保 返, 持出 13:00
朝倉), who sits by a seat's side (窓側：向井), or who hands a shift's notes over or takes them in a
hand-over note (申送り者 竹本 / 受け 磯部)."""
_RELATION = lazy.compile(
    "(?:(?:同僚|上司|上長|部下|前任|後任|先輩|後輩|新人|新任|同期|職員|臨時|嘱託|再任用|アルバイト|パート|"
    "住民|区民|市民|利用者|患者|私|自分|"
    "課長|係長|部長|主任|主査|主事|主幹|次長|室長|所長|局長|班長|会長|会計|幹事|"
    rf"父|母|夫|妻|長男|長女|次男|次女|祖父|祖母|孫|兄|姉|弟|妹|配偶者|{_KIN_WORDS}|"
    "ご主人|旦那さん|奥さん|奥様|お父さん|お母さん|お子さん|ご家族|女性|男性|在住|在勤|"
    "保健師|看護師|保育士|ケースワーカー|ケアマネ|心理士|通訳|医師|歯科医|弁護士|窓口|校長|教頭|園長|妊婦|代表|"
    "相談員|支援員|指導員|調査員|教諭|栄養士|社会福祉士|介護福祉士|ヘルパー|担当者|担当職員|受領|受取|担当|"
    "[\u4e00-\u9fff]{1,3}[書理築務]士|監督|コーチ|顧問|委員|議員|記者|教授|講師|店長|館長|院長|"
    "警視|警部補?|巡査(?:部長|長)?|刑事|消防(?:司令補?|士長|士)"
    "|(?<![A-Za-z])(?:MSW|PSW|SW|CM|Ns|NS|PT|OT|ST|Dr))(?:[の(:：は]|[ \t\u3000]の)?"
    "|[課係室班局](?:[の・]|[ \t\u3000]の)?)[ \t\u3000]*$"
)
"""Says that the word right after it, read as a name by the dictionary, is a person's: their position
(課長の佐藤, 同僚の鈴木, 臨時 の ほんま, 住民の中村, 相談員は根本, 班長 大島, 会計 今村, 学校長 水上,
担当歯科医 小田島, 新代表 岸田, 妊婦 山口, a police or fire rank, 警部補 東, and as a case conference
abbreviates them, MSW 春日, Ns 杉本), who received something (受領 香川), section or bureau (税務課の山田,
総務課 山田, 総務課・木村, 事務局 の 奈良; the の spaced too, as a sentence typed word by word is, 保健師 の
日置, 道路管理課 の 桜田), family (息子の太郎, 母親の佐藤, 父（山田）) or who they are (40代女性の佐藤,
港区在住の鈴木)."""
_CALL = lazy.compile("(?:ねえ|ねぇ|おい|おーい|ちょっと)[、,]?$")
"""What calls someone before their name (ねえ翔、, おーい、ゆき、)."""
_ASIDE = lazy.compile(r"\([^()]{1,40}\)")
"""Something in parentheses between a name and its honorific: its other writing, a nationality."""
_SPACES = lazy.compile(r"[ \t\u3000]+")
_SPACED_CUE_REACH = 24
"""How far after a name and a space a spaced cue (に お願い, が 来られない) is read, its spaces taken out."""
_SURROGATE = lazy.compile(r"[\ud800-\udfff]")
_CHUNK = 2_000
"""Characters tokenised at once: Sudachi refuses very long input, and a name never spans a line."""
_UNKNOWN_GIVEN = 2
"""Kanji words after a surname that may be a given name the dictionary lacks, when an honorific follows."""


def _named_in_kana(word: str, kind: str) -> bool:
    """Whether the dictionary reads ``word``, in hiragana or katakana, as a name of ``kind`` before さん."""
    return any(
        (read := _part_of_speech_before_san(spelling)) is not None and read[2:4] == ("人名", kind)
        for spelling in (word, to_katakana(word))
    )


def _related(text: str, start: int) -> bool:
    """Whether who someone is to another comes right before ``start`` (`_RELATION`: 課長の, 妻 , 係長（)."""
    return bool(_RELATION.search(text, max(0, start - 8), start))


def _one_kanji_surname(word: Any) -> bool:
    """Whether a word of one kanji, read as a name or a plain noun there (逆, 横 are not), is a surname."""
    read = word.part_of_speech()[1:3]
    return (
        bool(_LONE_KANJI.fullmatch(word.surface()))
        and read in (("固有名詞", "人名"), ("普通名詞", "一般"))
        and _taken_as_surname(word.surface())
    )


def _skip_title(text: str, at: int, ends: dict[int, int]) -> int:
    """Where the honorifics or titles at ``at`` end (課長 + 補佐 + さん, 田中 様; else ``at`` itself).

    ``ends`` holds where the titles at other places of ``text`` end, and is added to: a run of titles
    after many names (殿殿殿…, each 殿 a name to the dictionary) is walked once, not once a name.
    """
    walked = []
    while at not in ends:
        walked.append(at)
        match = _AFTER_NAME.match(text, _skip_space(text, at))
        if match is None:
            ends[at] = at
            break
        at = match.end()
    for place in walked:
        ends[place] = ends[at]
    return ends[at]


def _prefecture(word: str) -> bool:
    """Whether the dictionary holds ``word`` with 県 as one place (富山県)."""
    from sudachipy import SplitMode

    place = tokenizer().tokenize(f"{word}県", SplitMode.C)
    return len(place) == 1 and place[0].part_of_speech()[2] == "地名"


def _within(span: tuple[int, int], outer: Sequence[tuple[int, int]]) -> bool:
    """Whether ``span`` lies inside one of the ``outer`` spans."""
    return any(start <= span[0] and span[1] <= stop for start, stop in outer)


def _overlap_test(found: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether ``start``–``end`` overlaps a span ``found``, in log time: a long text holds thousands."""
    ordered = sorted(found)
    starts = [start for start, _ in ordered]
    reach = list(accumulate((end for _, end in ordered), max))  # the furthest end of the spans up to each

    def overlaps(start: int, end: int) -> bool:
        before = bisect_left(starts, end)  # the spans that start before ``end``
        return before > 0 and reach[before - 1] > start

    return overlaps


def _joined_word(morphemes: Sequence[Any], at: int) -> tuple[int, int]:
    """The first and last of the words joined with ``morphemes[at]`` into one (see `_comma_items`)."""
    first = at
    while first > 0 and _joining(morphemes[first - 1]):
        first -= 1
    last = at
    while last + 1 < len(morphemes) and _joining(morphemes[last + 1]):
        last += 1
    return first, last


def _joining(morpheme: Any) -> bool:
    """Whether ``morpheme`` is part of a compound word: a noun, a prefix, a suffix or a place's ヶ."""
    return morpheme.part_of_speech()[0] in ("名詞", "接頭辞", "接尾辞") or morpheme.surface() in _PLACE_JOINS


def _opens(text: str, start: int, marks: str) -> bool:
    """Whether ``start`` is first in ``text``, right after one of ``marks``, or after a call (ねえ、)."""
    return start == 0 or text[start - 1] in marks or bool(_CALL.search(text, max(0, start - 4), start))


def _word_of_its_own(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` is first, or after a particle, a mark or a space: not in a compound.

    Not after the ヶ or ノ joining a place's parts (緑ヶ原, 三ノ原), which the dictionary reads as a particle.
    """
    if at == 0:
        return True
    before = morphemes[at - 1]
    return before.part_of_speech()[0] in ("助詞", "補助記号", "空白") and before.surface() not in _PLACE_JOINS


def _person_after(text: str, stop: int) -> bool:
    """Whether what follows a name ending at ``stop`` shows a person: an honorific, a title, 〜って人.

    In a sentence typed word by word, the cue may be spaced too (マリア が 来られない, ホセ に お願い).
    The honorific may come after the name's other writing in parentheses (SATO Yuki（佐藤 由紀）さん), or
    the name be that other writing (ラジェシュ・シュレスタ（Rajesh Shrestha）さん).
    """
    after = _skip_space(text, stop)
    aside = _ASIDE.match(text, after) or _CLOSING_PARENTHESIS.match(text, after)
    honorific = _AFTER_NAME.match(text, _skip_space(text, aside.end()) if aside else after)
    spaced = after > stop and _CUE_AFTER.match(_SPACES.sub("", text[after : after + _SPACED_CUE_REACH]))
    return bool(honorific or _CUE_AFTER.match(text, after) or spaced)


def _read_before_san(word: str) -> str | None:
    """What the dictionary takes ``word`` for before さん (人名, 地名, 一般…); None for a word it lacks.

    An office word it tags as a name (`_WORDS_TAGGED_AS_NAMES`: 国保) is read as the word it is (一般).
    """
    if word in _WORDS_TAGGED_AS_NAMES:
        return "一般"
    part_of_speech = _part_of_speech_before_san(word)
    return None if part_of_speech is None else part_of_speech[2]


def _part_of_speech_before_san(word: str) -> tuple[str, ...] | None:
    """The dictionary's part of speech for ``word`` read as one word before さん; None for a word it lacks."""
    from sudachipy import SplitMode

    first = tokenizer().tokenize(f"{word}さん", SplitMode.C)[0]
    if first.surface() != word or first.is_oov():
        return None
    return tuple(first.part_of_speech())


def _with_unknown_given_name(
    text: str, morphemes: Sequence[Any], end: int, stop: int, after: re.Pattern[str]
) -> int:
    """Where the name ends when a given name the dictionary lacks and an honorific follow a surname.

    The given name is one or two kanji words (蒼空) or one kana word (さくら), a space before it allowed;
    ``after`` is what must follow it.
    """
    at = end + 1 if end < len(morphemes) and morphemes[end].surface() in _SPACE else end
    for count in range(1, _UNKNOWN_GIVEN + 1):
        words = morphemes[at : at + count]
        if len(words) < count or _AFTER_NAME.match(text, words[0].begin()):
            return stop  # 様（92歳）, 課長さん: an honorific or a title is no given name
        kanji = all(_KANJI_WORD.fullmatch(w.surface()) for w in words)
        if not kanji and not (count == 1 and _KANA_WORD.fullmatch(words[0].surface())):
            return stop
        if after.match(text, _skip_space(text, words[-1].end())):
            return int(words[-1].end())
    return stop


def _taken_as_surname(word: str) -> bool:
    """Whether the dictionary reads ``word`` as a name before さん alone, or it is a surname of one kanji.

    Of one kanji it reads as a word even there (`_SURNAMES_READ_AS_WORDS_BEFORE_SAN`: 西, 星, 浜).
    """
    return word in _SURNAMES_READ_AS_WORDS_BEFORE_SAN or _read_before_san(word) == "人名"


def _kanji_noun(morpheme: Any) -> bool:
    return bool(morpheme.part_of_speech()[1] == "普通名詞" and _KANJI_WORD.fullmatch(morpheme.surface()))


def _cued(text: str, start: int) -> bool:
    """Whether a cue (氏名：, 申請者は) comes right before ``start``."""
    return bool(_CUE_BEFORE.search(text, max(0, start - 12), start))


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SPACE:
        at += 1
    return at


def _is_name(morpheme: Any) -> bool:
    """Whether the dictionary tags the word as a name here; Latin words are left to `_latin_names`.

    It tags Latin words as names whatever their case (WEIR in an identifier, C00000WEIR), so a name in
    Latin letters counts only as `_latin_names` finds it: capitalised, with an honorific or a cue.
    """
    surface = morpheme.surface()
    latin = surface.isascii() and surface.isalpha()
    return morpheme.part_of_speech()[2] == "人名" and not latin and surface not in _WORDS_TAGGED_AS_NAMES


def _known_as_common_noun(word: str, reading: str | None = None) -> bool:
    """Whether the dictionary holds ``word`` as a common noun too, read ``reading`` if given.

    Whatever it tags the word as in a sentence: 見方 is a surname there, and a common noun read the same.
    """
    return any(
        entry.part_of_speech()[1] == "普通名詞" and reading in (None, entry.reading_form())
        for entry in dictionary().lookup(word)
    )


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """``text`` in pieces of at most `_CHUNK` characters, cut after a line break when there is one."""
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            newline = text.rfind("\n", start, end)
            end = newline + 1 if newline > start else end
        yield start, text[start:end]
        start = end


def _morphemes(text: str) -> list[Any]:
    """Sudachi's morphemes of ``text`` (split mode C); lone surrogates read as U+FFFD, offsets kept."""
    from sudachipy import SplitMode

    return list(tokenizer().tokenize(_SURROGATE.sub("\ufffd", text), SplitMode.C))
