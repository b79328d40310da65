"""Names in Latin letters: capitalised words a cue or an honorific shows, romaji, accounts and signatures."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from bot.kana import to_hiragana
from bot.privacy import lazy
from bot.privacy.names.cues import _FAMILY, _KIN_WORDS, _LATIN_RUN, _LATIN_WORD, _NOT_HONORIFIC, _TITLE
from bot.privacy.names.words import (
    _cued,
    _named_in_kana,
    _part_of_speech_before_san,
    _person_after,
    _read_before_san,
    _skip_space,
)
from bot.sudachi import tokenizer

_LATIN_NAME = lazy.compile(rf"(?<![A-Za-z0-9._'’-])(?<!\S@)({_LATIN_RUN})(?![A-Za-z0-9@])")
"""Capitalised Latin words, not inside an address or an account (taro@Example); a mention's @ after a blank
opens a name (@Garcia さん)."""
_LATIN_CLOSING = (
    r"(?:(?:Best|Kind|Warm|Warmest|With best)[ ](?:[Rr]egards|[Ww]ishes)|Regards|Sincerely|Yours"
    r"(?:[ ](?:sincerely|truly|faithfully))?|Thanks|Thank you|Many thanks|Cheers|Best)"
)
_LATIN_SIGNED = lazy.compile(
    rf"^[ \t]*{_LATIN_CLOSING}[,.!]?[ \t]*\n(?:[ \t]*(?:-{{2,}}|_{{2,}}|={{2,}}|\*{{2,}})[ \t]*\n)?"
    rf"[ \t]*({_LATIN_WORD}(?:[ ]{_LATIN_WORD}){{1,3}})[ \t]*$"
    rf"|(?:^|(?<=[.!?]))[ \t]*{_LATIN_CLOSING},[ \t]*({_LATIN_WORD}(?:[ ]{_LATIN_WORD}){{0,2}})[ \t]*$",
    re.MULTILINE,
)
"""Two to four capitalised words on the line after an English mail's closing, or after a signature's rule
below it (--): its writer's name (Yuki Mori under Kind regards,), unless a word says a body (`_BODIES`:
City Office under Best regards,); or one to
three after a closing and a comma that end a chat's line, first in it or after a sentence (…the file?
Thanks, Michael)."""
_BODIES = frozenset(
    "Office City Ward Town Team Department Division Section Center Centre Council Government Service Services"
    " Support Desk Staff Inc Ltd Co Corp Company Group Association Committee Bureau School University".split()
)
_ROMAJI_PAIR = lazy.compile(
    r"(?<![A-Za-z0-9@._'’-])([A-Z][a-z]{1,14}|[A-Z]{2,15})[ \u3000]+([A-Z][a-z]{1,14}|[A-Z]{2,15})"
    r"(?![A-Za-z0-9@'’-])"
)
"""Two capitalised Latin words apart by a space, which may be a Japanese name in romaji (Tanaka Yui)."""
_LOWER_ROMAJI_BEFORE_HONORIFIC = lazy.compile(
    r"(?<![A-Za-z0-9@._'’-])([a-z]{3,15})[ \u3000]*(?=さん|様|さま|くん|ちゃん)"
)
"""One word in lower case before an honorific, as staff type a colleague's name in romaji (takeuchi さん)."""
_LOWER_ROMAJI_MENTIONED = lazy.compile(r"(?<![A-Za-z0-9._-])@([a-z]{3,15})(?![A-Za-z0-9@._-])")
"""One word in lower case mentioned in a chat, as a team's accounts are a surname (@kato, @aoki)."""
_ROMAJI_SYLLABLES = {
    **dict(zip("a i u e o".split(), "あいうえお", strict=True)),
    **{
        f"{consonant}{vowel}": kana
        for consonant, row in {
            "k": "かきくけこ",
            "g": "がぎぐげご",
            "s": "さ-すせそ",
            "z": "ざ-ずぜぞ",
            "t": "た--てと",
            "d": "だ--でど",
            "n": "なにぬねの",
            "h": "はひ-へほ",
            "b": "ばびぶべぼ",
            "p": "ぱぴぷぺぽ",
            "m": "まみむめも",
            "y": "や-ゆ-よ",
            "r": "らりるれろ",
            "w": "わ---を",
        }.items()
        for vowel, kana in zip("aiueo", row, strict=True)
        if kana != "-"
    },
    **{"shi": "し", "chi": "ち", "tsu": "つ", "fu": "ふ", "ji": "じ"},
    **{
        f"{consonant}{vowel}": f"{i_kana}{small}"
        for consonant, i_kana in {
            "ky": "き",
            "gy": "ぎ",
            "sh": "し",
            "j": "じ",
            "ch": "ち",
            "ny": "に",
            "hy": "ひ",
            "by": "び",
            "py": "ぴ",
            "my": "み",
            "ry": "り",
        }.items()
        for vowel, small in zip("auo", "ゃゅょ", strict=True)
    },
}
"""Hepburn romaji's syllables, as passports and staff write Japanese names in Latin letters."""
_SYLLABLE_N = lazy.compile("(?<=[aiueo])n(?=y|i)")
"""An n that may close a syllable before y or i (Shinya, Kenichi): written n' to be read as ん."""

_LATIN_BEFORE_SLASH = lazy.compile(rf"(?<![A-Za-z0-9@._'’-])({_LATIN_RUN})[ \t\u3000]*/[ \t\u3000]*$")
_LATIN_AFTER_SLASH = lazy.compile(rf"[ \t\u3000]*/[ \t\u3000]*({_LATIN_RUN})(?![A-Za-z0-9@])")
_SLASH_REACH = 80
"""How far before a name found its writing in Latin letters and a slash are sought (WANG, Xiaoming / 王)."""
_CAMEL = lazy.compile("[a-z][A-Z]")
_HANDLE = lazy.compile(r"(?<![A-Za-z0-9@._-])(@?)([a-z]\.[a-z]{2,15})(?![A-Za-z0-9@_-]|\.[A-Za-z])")
"""An account written as an initial and a surname (t.yamada): a person's name in a mention (@m.hayashi),
after a cue (CC: t.yamada, 宛先：k.ishikawa) or before an honorific (a.kondo さん); never an e-mail's part."""
_HANDLE_LIST = lazy.compile(r"[ \t\u3000]*[,、/][ \t\u3000]*")
_SALUTATIONS = frozenset("Dear Hello Hi To Attn Mr Mrs Ms Miss Dr Prof".split())
"""Words before a name in Latin letters that are not part of it (Dear Nguyen様)."""
_WORD = lazy.compile(r"\S+")
_WORD_BEFORE_COMMA = lazy.compile(r"[^\s,]+")
"""A word of a run of Latin words, and one a comma ends (Thanks, Suzuki-san)."""
_LATIN_HONORIFIC = lazy.compile(r"-(?:san|sama|kun|chan|sensei|shi)(?![A-Za-z'’-])", re.IGNORECASE)
"""An honorific in Latin letters joined to a name by a hyphen (Sato-san, Tanaka-sensei)."""
_LATIN_TITLE = lazy.compile(r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \u3000]+$")
"""A title before a name in Latin letters, which says it is one whatever follows (Mr. Patel said)."""
_LATIN_KIN = lazy.compile(
    r"(?<![A-Za-z])(?i:my|his|her|our|their)[ ](?i:mother|father|son|daughter|wife|husband|brother|sister"
    r"|grandmother|grandfather|grandson|granddaughter|child|parent|partner|friend|colleague|neighbou?r)"
    r",?[ \u3000]+$"
)
"""Who someone is to the writer of an English sentence, before their name (my mother, Lin Mei)."""
_ROLE_BEFORE_LATIN = lazy.compile(
    rf"(?:{_TITLE.pattern}|理事長|代表者?|代表取締役|講師|通訳者?|国際交流員|支配人|院長|主治医"
    "|(?:副|前|元)?(?:市長|町長|村長|知事)|大使|総?領事|書記官"
    "|エンジニア|デザイナー|ディレクター|コンサルタント|コーディネーター|アナリスト|スペシャリスト"
    rf"|(?<![\u4e00-\u9fff々])(?:{_FAMILY}|{_KIN_WORDS}))"
    r"[ \t\u3000]*$"
)
"""A Japanese title or a family member right before two or more capitalised words (理事長 Sarah Miller,
エンジニア Kevin Park, 市長 Robert Miller, 妻 Smith Naoko; 講師の is a cue)."""
_SURNAMES_READ_AS_WORDS = frozenset(
    "Li Sun He Ma Song Dong Fu Su Du Le Vo Do Ngo Park Cho Oh Seo Rai".split()
)
"""Common surnames among foreign residents (Chinese, Vietnamese, Korean, Nepali) that the dictionary
reads as words before さん: found by asking it about 127 of the most common ones."""


def _latin_names(text: str) -> Iterator[tuple[int, int]]:
    """Runs of capitalised Latin words that an honorific, a title or a cue shows to be a person's name."""
    for match in _LATIN_NAME.finditer(text):
        start, end = _without_leading(text, *match.span(1), _WORD, _is_salutation)
        ending = _LATIN_HONORIFIC.search(text, start, end)
        honorific = False
        if ending is not None and ending.end() == end:  # Sato-san: the hyphen joins the honorific to the word
            honorific = True
            start, end = _without_leading(text, start, ending.start(), _WORD_BEFORE_COMMA, _known_word)
        if start == end:
            continue
        shown = _person_after(text, end) and not _NOT_HONORIFIC.match(text, _skip_space(text, end))
        shown = shown or honorific
        run = text[start:end]
        words = run.split()
        # Alone in quotes, or in square brackets opening a line as a chat's export writes who speaks
        # ([Smith John] I'll check), words of which none is English: a name as written (「TRAN THI HOA」), not
        # a product's (「Forms Pro」, 「Kofax Express」), which staff quote as often, nor a heading's
        # ([Action Required]).
        opening = text[start - 1 : start] + text[end : end + 1]
        quoted = (
            len(words) >= 2
            and (opening == "「」" or (opening == "[]" and (start == 1 or text[start - 2] == "\n")))
            and not any(map(_known_word, words))
        )
        before = text[max(0, start - 30) : start]
        titled = _LATIN_TITLE.search(before[-8:]) or _LATIN_KIN.search(before)
        role = len(words) >= 2 and _ROLE_BEFORE_LATIN.search(before) is not None
        person = shown or quoted or _cued(text, start) or titled is not None or role
        # One word in capitals is an acronym (担当 IT), unless it reads in romaji as a surname, as staff type
        # one in a roster's field (担当 KATO, 確認 SAKURAI).
        acronym = len(words) == 1 and words[0].isupper() and not (len(run) >= 4 and _surname_in_romaji(words))
        # A first word the dictionary knows is a company's or a product's (Microsoft Teams様), unless it is a
        # surname in capitals before a given name it does not know, as passports write them (ITO Kenji).
        two = len(words) == 2
        surname_first = two and words[0].isupper() and words[1].istitle() and not _known_word(words[1])
        # A known first word before a surname the dictionary reads as a person's is a given name it also
        # reads as a word (Tom Wilson, Emily Carter), not a company's (Microsoft Teams).
        surname_last = len(words) >= 2 and _read_before_san(words[-1]) == "人名"
        named = not _known_word(words[0]) or surname_first or surname_last or _surname_in_romaji(words)
        if person and not acronym and not _CAMEL.search(run) and named:
            yield start, end


def _romaji_names(text: str) -> list[tuple[int, int]]:
    """A surname and a given name in romaji, in either order (Tanaka Yui, YAMAMOTO Kenji, Yui Tanaka).

    Both words must read as Hepburn romaji (`_hiragana_from_romaji`), one as a surname and the other as a
    given name to the dictionary in kana, the second word of a pair that is not one perhaps the first of
    one (9:14 AM Kenji Ogawa wrote:); a word ending in o is read with a long vowel too, as passports
    drop it (Sato for さとう). Tokyo Station, Ueno Park and Kind Regards are not.
    """
    named = []
    match = _ROMAJI_PAIR.search(text)
    while match:
        first, second = (_romaji_readings(match.group(group)) for group in (1, 2))
        if any(
            any(_named_in_kana(word, surname) for word in family)
            and any(_named_in_kana(word, "名") for word in given)
            for family, given, surname in ((first, second, "姓"), (second, first, "姓"))
        ):
            named.append(match.span())
            match = _ROMAJI_PAIR.search(text, match.end())
        else:  # 9:14 AM Kenji Ogawa: the second word may begin a pair of its own
            match = _ROMAJI_PAIR.search(text, match.start(2))
    return named


def _romaji_surnames_in_lower_case(text: str) -> list[tuple[int, int]]:
    """A surname in romaji and lower case before an honorific or mentioned (takeuchi さん, sato様, @aoki).

    Only a word that reads as Hepburn romaji and, in kana, as a surname to the dictionary: admin さん,
    team さん, @here and @channel stay.
    """
    return [
        match.span(1)
        for pattern in (_LOWER_ROMAJI_BEFORE_HONORIFIC, _LOWER_ROMAJI_MENTIONED)
        for match in pattern.finditer(text)
        if _surname_in_romaji([match.group(1)])
        or (pattern is _LOWER_ROMAJI_MENTIONED and _proper_noun_in_romaji(match.group(1)))
    ]


_CAPITALISED_WORD = lazy.compile(r"(?<![A-Za-z0-9@._'’-])([A-Z][a-z]{2,14})(?![A-Za-z0-9@'’-])")
"""One capitalised Latin word, which in an English sentence may be a colleague's surname (Sato, Kimura)."""
_ENGLISH_WORD_BEFORE = lazy.compile(r"(?<![A-Za-z0-9@._'’-])([a-z]{2,15})[ ]$")
_ENGLISH_WORD_AFTER = lazy.compile(r"[ ]([a-z]{2,15})(?![A-Za-z0-9@'’-])")
_PLACE_PREPOSITIONS = frozenset("in at near around into via visit visiting".split())
"""English words before a place (in Chiba, near Ueno): the word after them is where, not who."""


def _romaji_surnames_in_english(text: str) -> list[tuple[int, int]]:
    """A surname in romaji inside an English sentence (Sato from, ask Kimura if, member Yamaguchi will).

    A capitalised word beside a word of English in lower case, that reads as Hepburn romaji and in kana as a
    surname to the dictionary, and that it does not read in Latin letters as a word or a place (Honda, Ito
    and Ueno stay, as Tokyo and Monday do); not after a preposition of place (in Chiba).
    """
    if not _ENGLISH_WORD_AFTER.search(text):
        return []
    named = []
    for match in _CAPITALISED_WORD.finditer(text):
        start, end = match.span(1)
        before = _ENGLISH_WORD_BEFORE.search(text, max(0, start - 17), start)
        after = _ENGLISH_WORD_AFTER.match(text, end)
        if not (before or after) or (before and before.group(1) in _PLACE_PREPOSITIONS):
            continue
        word = match.group(1)
        if _surname_in_romaji([word]) and not _known_word(word) and _read_before_san(word) != "地名":
            named.append((start, end))
    return named


def _proper_noun_in_romaji(word: str) -> bool:
    """Whether a mentioned ``word`` is a proper noun that is no place and reads in romaji as a noun in kana.

    A surname the dictionary reads as a word in kana (アオキ, a shrub) it may know in Latin letters as the
    company that took it (AOKI): mentioned, it is a colleague's account. @here, @home and @tokyo stay.
    """
    read = _part_of_speech_before_san(word)
    if read is None or read[1:3] != ("固有名詞", "一般"):
        return False
    return any(
        (kana := _part_of_speech_before_san(reading)) is not None and kana[0] == "名詞"
        for reading in _romaji_readings(word)
    )


def _surname_in_romaji(words: Sequence[str]) -> bool:
    """Whether ``words`` are one word that reads in romaji as a surname.

    The dictionary knows some such as other proper nouns in Latin letters (Dr. Yamashita).
    """
    return len(words) == 1 and any(_named_in_kana(reading, "姓") for reading in _romaji_readings(words[0]))


def _romaji_readings(word: str) -> list[str]:
    """``word`` in hiragana as Hepburn romaji, the ways passports write names (`_hiragana_from_romaji`).

    An n before y or i may close a syllable (Shinya: しんや, Kenichi: けんいち, read as しにゃ and けにち
    first), and a final o may be long (Sato: さとう).
    """
    lower = word.lower()
    spellings = dict.fromkeys((lower, _SYLLABLE_N.sub("n'", lower)))
    readings = [reading for spelling in spellings if (reading := _hiragana_from_romaji(spelling)) is not None]
    return readings + [f"{reading}う" for reading in readings if lower.endswith("o")]


def _hiragana_from_romaji(word: str) -> str | None:
    """``word``, in lower case, read as Hepburn romaji in hiragana; None when it is not romaji (park, zoo)."""
    kana = []
    at = 0
    while at < len(word):
        rest = word[at:]
        if (len(rest) >= 2 and rest[0] == rest[1] and rest[0] not in "aiueonm") or rest.startswith("tch"):
            kana.append("っ")  # a doubled consonant: Hattori, Matchida
            at += 1
            continue
        following = rest[1:2]
        if (rest[0] == "n" and following not in tuple("aiueoy")) or (
            rest[0] == "m" and following in tuple("bmp")
        ):
            kana.append("ん")  # Kondo, Homma, Shin'ya
            at += 2 if following == "'" else 1
            continue
        for length in (3, 2, 1):
            syllable = _ROMAJI_SYLLABLES.get(rest[:length])
            if syllable is not None:
                kana.append(syllable)
                at += length
                break
        else:
            return None
    return "".join(kana)


def _latin_writings(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name's writing in Latin letters on the other side of a slash from a name found.

    A form or a list gives both writings apart by a slash (Agus Setiawan / アグス・スティアワン 様,
    WANG, Xiaoming　/　王 小明): two capitalised words or more, none a body's (`_BODIES`), nor one with a
    capital inside (PowerPoint), the first not a word the dictionary knows unless in capitals
    (佐藤 / Microsoft Teams stays).
    """
    writings = []
    for start, end in found:
        before = _LATIN_BEFORE_SLASH.search(text, max(0, start - _SLASH_REACH), start)
        after = _LATIN_AFTER_SLASH.match(text, end)
        for match in (before, after):
            if match is None:
                continue
            words = match.group(1).replace(",", " ").split()
            named = not _known_word(words[0]) or words[0].isupper()
            if len(words) >= 2 and named and _BODIES.isdisjoint(words) and not _CAMEL.search(match.group(1)):
                writings.append(match.span(1))
    return writings


_NEXT_LATIN_WORD = lazy.compile(r"[ \u3000]([A-Z][A-Za-z'’-]{0,30})(?![A-Za-z0-9@._'’-])")
_LATIN_WORD_BEFORE = lazy.compile(r"(?<![A-Za-z0-9@._'’-])([A-Z][A-Za-z'’-]{0,30})[ \u3000]$")
_WHOLE_WORDS = 3
"""The most words a name in Latin letters adds to a word of it found: four words in all."""


def _whole_latin_names(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name in Latin letters masked whole: the capitalised words beside a Latin word found, a space apart.

    Some detectors find one word of it (the surname a list's mark or a cue sits beside: Lucas Moreau、百瀬),
    and its other words, a given name, would be left. Not across a comma, nor a word the dictionary knows
    or a salutation (Thanks, Suzuki-san; 9:14 AM Kenji Ogawa; Dear Nguyen Van An様).
    """
    whole = []
    for start, end in found:
        if not (text[start : start + 1].isascii() and text[start : start + 1].isalpha()):
            continue
        first, last = start, end
        for _ in range(_WHOLE_WORDS):
            before = _LATIN_WORD_BEFORE.search(text, max(0, first - 33), first)
            if before is None or not _part_of_name(before.group(1)):
                break
            first = before.start(1)
        for _ in range(_WHOLE_WORDS):
            after = _NEXT_LATIN_WORD.match(text, last)
            if after is None or not _part_of_name(after.group(1)):
                break
            last = after.end(1)
        if (first, last) != (start, end):
            whole.append((first, last))
    return whole


def _part_of_name(word: str) -> bool:
    """Whether a capitalised ``word`` beside a name in Latin letters may be a part of it."""
    return not (_is_salutation(word) or (word.isupper() and len(word) <= 3) or _known_word(word))


def _handles(text: str) -> list[tuple[int, int]]:
    """Accounts that name a person (`_HANDLE`), and those listed right after one (CC: t.yamada, h.sasaki)."""
    spans: list[tuple[int, int]] = []
    for match in _HANDLE.finditer(text):
        start, end = match.span(2)
        listed = bool(spans) and _HANDLE_LIST.fullmatch(text, spans[-1][1], match.start())
        if match.group(1) or listed or _cued(text, start) or _person_after(text, end):
            spans.append((start, end))
    return spans


def _is_salutation(word: str) -> bool:
    """Whether ``word`` is a salutation before a name in Latin letters (Dear, MR), not part of it."""
    return word.capitalize() in _SALUTATIONS


def _without_leading(
    text: str, start: int, end: int, words: re.Pattern[str], leading: Callable[[str], bool]
) -> tuple[int, int]:
    """The span of ``text[start:end]`` without the ``words`` that begin it and are ``leading``.

    Dear, Mr before a name (`_SALUTATIONS`); Thanks, before Suzuki-san (a word the dictionary knows).
    """
    for word in words.finditer(text, start, end):
        if not leading(word.group()):
            return word.start(), end
    return end, end


def _known_word(word: str) -> bool:
    """Whether the dictionary knows ``word`` as a word that is not a name (Microsoft, Excel, Box).

    It is read before さん, where the dictionary tells a surname (Yamada, Smith) from a company; a word
    it reads as a place may be a surname too (Santos), as in `_surname_read_otherwise`, and so may a
    word (`_SURNAMES_READ_AS_WORDS`: Li, Le, Park). Not cached: the words asked about are mostly
    people's names, which the process should not keep.
    """
    if word.capitalize() in _SURNAMES_READ_AS_WORDS:
        return False
    reading = _read_before_san(word)
    return reading is not None and reading not in ("人名", "地名")


_LOWER_ACCOUNT = lazy.compile(
    r"(?<![A-Za-z0-9@._-])(?:[a-z][._])?([a-z]{3,15})(?:[._][a-z]{1,2}|[0-9]{1,3})?(?![A-Za-z0-9@_-])"
)
"""A word in lower case as an account or a file's author writes a surname (ogura, k.nakano, sato_t)."""
_KANJI_NAME = lazy.compile(r"[\u4e00-\u9fff々]{1,4}")
_NAME_PARTS = lazy.compile(r"[ \t\u3000]+")
"""What parts a surname and a given name found as one name (兼子 晴香)."""


_LONG_VOWEL = lazy.compile(
    "(?<=[おこごそぞとどのほぼぽもよろょ])[おう]|(?<=[うくぐすずつぬふぶぷむゆるゅ])う"
)
"""A long vowel's second kana, which passports and accounts leave out (太田 おおた: ota, 佐藤: sato)."""


def _romaji_of_names(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Words in lower case that spell in romaji the reading of a name of kanji found in ``text``.

    A message names someone in kanji and again as a system shows them, an account or a file's author
    (作成者が「ogura」… 小倉 さん, sakamoto.y（坂本 陽子）): the same person, whatever is around the word.
    The reading is the one the dictionary gives the kanji before さん (小倉: おぐら, not the city's こくら); a
    name found with its parts apart by a space lends each part's (ID kaneko.h 兼子 晴香, mori.t 森 拓海), as
    accounts are made of the surname and an initial. Long vowels count as short, as passports write them
    (ota.m beside 太田 学).
    """
    readings = {
        _LONG_VOWEL.sub("", reading)
        for start, end in found
        for part in _NAME_PARTS.split(text[start:end])
        if _KANJI_NAME.fullmatch(part) and (reading := _reading_before_san(part))
    }
    if not readings:
        return []
    return [
        match.span()
        for match in _LOWER_ACCOUNT.finditer(text)
        if readings.intersection(_LONG_VOWEL.sub("", r) for r in _romaji_readings(match.group(1)))
    ]


_READINGS_KEPT = 4096
"""How many names' readings `_reading_before_san` keeps: the names a ward's staff type in a day or more."""


@lru_cache(maxsize=_READINGS_KEPT)
def _reading_before_san(word: str) -> str | None:
    """The dictionary's reading of ``word``, in hiragana, as one word before さん; None for one it lacks.

    Cached up to `_READINGS_KEPT` words, the least recently asked dropped first: a server masks whatever is
    typed for months, and an unbounded cache would grow with every name found.
    """
    from sudachipy import SplitMode

    first = tokenizer().tokenize(f"{word}さん", SplitMode.C)[0]
    if first.surface() != word or first.is_oov():
        return None
    return to_hiragana(first.reading_form())


_MENTIONED_FULL_NAME = lazy.compile(
    r"(?<![A-Za-z0-9._-])@([A-Z][a-z]{1,14}[ ][A-Z][a-z]{1,14})(?![A-Za-z0-9@._'’-])"
)
"""Two capitalised words mentioned in a chat, as its display names are a person's full name
(@Priya Sharma)."""
_INITIALLED = lazy.compile(r"(?<![A-Za-z0-9.@_'’-])([A-Z]\.[ ]?[A-Z][a-z]{1,14})(?![A-Za-z0-9@'’-])")
"""An initial, a full stop and a capitalised word, as forms and English mails sign a name (K. Fujita)."""


def _mentions_and_initials(text: str) -> list[tuple[int, int]]:
    """Full names mentioned in a chat and surnames after an initial (`_MENTIONED_FULL_NAME`, `_INITIALLED`).

    Not when a word is one the dictionary reads as another word and none reads as a surname in romaji
    (@Team Leaders; @Nobu Ito is a name), nor after an initial a word it reads as another that is no surname
    in romaji (Q. What).
    """
    found = [
        match.span(1)
        for match in _MENTIONED_FULL_NAME.finditer(text)
        if not any(map(_known_word, words := match.group(1).split()))
        or any(_surname_in_romaji([word]) for word in words)
    ]
    found += [
        match.span(1)
        for match in _INITIALLED.finditer(text)
        if not _known_word(word := match.group(1)[2:].strip()) or _surname_in_romaji([word])
    ]
    return found
