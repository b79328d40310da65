"""Names in hiragana and katakana that the dictionary lacks, splits or reads as other words."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from bot.kana import to_hiragana, to_katakana
from bot.privacy import lazy
from bot.privacy.names.cues import (
    _AFTER_NAME,
    _AGE,
    _CUE_AFTER,
    _FAMILY,
    _HIRAGANA_WORD,
    _HONORIFICS,
    _KANA_WORD,
    _KANJI_KATA,
    _KATAKANA_ONLY,
    _KIN,
    _KIN_WORDS,
    _NOT_CALLED,
    _PERSON_HONORIFIC,
    _SPACE,
)
from bot.privacy.names.words import (
    _cued,
    _is_name,
    _known_as_common_noun,
    _morphemes,
    _named_in_kana,
    _opens,
    _overlap_test,
    _part_of_speech_before_san,
    _read_before_san,
    _related,
    _skip_space,
)
from bot.sudachi import dictionary

_KIN_AROUND = lazy.compile(
    rf"(?:(?:{_KIN.pattern}|ねえ|にい|じい|ばあ)(?:ちゃん|さん|様)|{_FAMILY}|{_KIN_WORDS})$"
)
"""Family before a name in parentheses (おじいちゃん（カメキチさん）, 母（トメさん））."""
_KIN_CALLED = lazy.compile(rf"(?:{_KIN.pattern}|ねえ|にい|じい|ばあ|かあ|とう|おっ|あに|あね)$")
"""Family before さん or ちゃん, with お or without (うちのおばあちゃん, ねえちゃん, おっちゃん)."""
_KANA_TITLES = frozenset({"かちょう", "ぶちょう", "かかりちょう", "しゅにん", "せんせい", "せんぱい"})
"""Titles typed in hiragana, by voice or in haste, after a name in hiragana (いけだかちょう)."""
_KANA_BEFORE_HONORIFIC = lazy.compile(
    "(?:(?<![ぁ-ゖー])[ぁ-ゖー]{2,6}|(?<![\u30a1-\u30faー])[\u30a1-\u30faー]{2,6})"
    "(?=[ \t\u3000]?(くん|君|先輩|さん|ちゃん|様))"
)
_KATAKANA_PARTS_BEFORE_HONORIFIC = lazy.compile(
    r"(?<![\u30a1-\u30faー・])(?<![\u30a1-\u30faー][ \t\u3000])"  # where the run begins: linear time
    r"[\u30a1-\u30faー]{1,12}(?:[・ \t\u3000][\u30a1-\u30faー]{1,12})+"
    rf"(?=[ \t\u3000]*(?:\([^()]{{1,40}}\)[ \t\u3000]*)?(?:{_PERSON_HONORIFIC}))"
)
"""A foreign name in katakana parts, joined by ・ or spaces, before an honorific, perhaps with its
other writing in parentheses between (ワン・ウェイさん, タパ マガル ビシュヌさん, ラジュ（Raju）さん)."""
_FROM_A_COUNTRY = lazy.compile(r"[ \t\u3000]?(?:出身[ \t\u3000]?)?の[ \t\u3000]?")
"""After a country, what says that the word next is someone from it (ネパールの, ネパール 出身 の )."""
_KATAKANA_PART_BEFORE = lazy.compile(r"(?<![\u30a1-\u30faー])([\u30a1-\u30faー]{1,12})・$")
_KATAKANA_PART_AFTER = lazy.compile(r"・([\u30a1-\u30faー]{1,12})(?![\u30a1-\u30faー])")
_KATAKANA_RUN = lazy.compile(
    r"(?<![\u30a1-\u30faー・])[\u30a1-\u30faー]{2,12}(?:・[\u30a1-\u30faー]{1,12})*(?![\u30a1-\u30faー・])"
)
"""A katakana word where that script begins and ends, or a foreign name's parts joined by ・."""
_CUE_ENDS = frozenset("は:：")
"""What ends a cue right before a katakana name (申請者は, 担当：), not a compound's noun (高齢者サロン)."""
_HIRAGANA_ITEM = lazy.compile(r"(?<![ぁ-ゖー])[ぁ-ゖー]{2,6}(?=[、,。/\s〕)】\]]|$)")
"""A word of hiragana ending an item of a list, a line or a bracket (〔入力：くろさわ〕)."""
_SURNAME_ENDING = lazy.compile(
    "(?:かわ|がわ|た|だ|もと|やま|さき|ざき|はら|ばら|むら|しま|じま|の|い|き|ぎ|さわ|ざわ|や|べ|お|もり|はし|ばし|ぐち|うち)$"
)
"""How surnames in hiragana end: 〜川, 〜田, 〜本, 〜山, 〜崎, 〜原, 〜村, 〜島, 〜野, 〜井, 〜沢, 〜谷…"""
_SPACED_PARTICLE_OR_END = lazy.compile(
    r"[ \t\u3000]+(?:で|から|が|に|と|は|へ|も)(?![ぁ-ゖ])|[ \t\u3000]*(?:[、,。/\n]|$)"
)
"""A particle after a word and a space, as staff space a sentence, or the end of an item."""
_SPACED_SAMA = lazy.compile(r"[ \t\u3000](?:様|さま)(?![ぁ-ゖ])")
_KANA_BEFORE_SPACED_SAMA = lazy.compile(
    r"(?<![ぁ-ゖ\u30a1-\u30faー])([ぁ-ゖ]{2,6}|[\u30a1-\u30faー]{2,8})(?=[ \t\u3000](?:様|さま)(?![ぁ-ゖ]))"
)
"""A word of kana, a space and 様, as a list of people booked or called writes each of them (にしかわ 様)."""
_SPACED_HONORIFIC = lazy.compile(r"[ \t\u3000](?:さん|様|さま)")
"""An honorific after a word and a space, as staff space a sentence (担当 やなぎ さん)."""
_PEOPLE_IN_HIRAGANA = frozenset({"みな", "みんな", "かた", "おきゃく", "おこさん", "ごかぞく"})
"""Words for people, not a person's name, before an honorific (担当 の みな さん)."""
_BEFORE_PARENT = lazy.compile(
    r"((?<![ぁ-ゖー])[ぁ-ゖ]{2,5}|(?<![\u4e00-\u9fff々])[\u4e00-\u9fff々]{1,3})(?=(?:ママ|パパ)(?![\u30a1-\u30faー]))"
)
"""A word right before ママ or パパ (`_parents_called_by_child`)."""
_ITEM_END = r"[ \t\u3000]*(?:[、,。/・\n(]|$)"
_PUPIL_IN_KANA = lazy.compile(
    r"(?:(?:[0-9]{1,2}年)?[0-9]{1,2}組|[ぁ-ゖ\u30a1-\u30faー]{2,5}組)[ \t\u3000]+"
    rf"(?:([ぁ-ゖー]{{2,5}}[ \t\u3000][ぁ-ゖー]{{2,5}})(?={_ITEM_END}|[ \t\u3000]+の)"
    rf"|(?!(?:です|でした|ます|ました|でしょう|だった)(?![ぁ-ゖ]))([ぁ-ゖー]{{2,5}})(?={_ITEM_END}))",
    re.MULTILINE,
)
"""A name in hiragana after a class and a space, ending an item, or a full name before の too
(`_pupils_in_kana`); not the copula that ends a sentence on a count of groups (定員 15組 です)."""
_FULL_NAME_IN_KANA_AGED = lazy.compile(
    rf"(?<![ぁ-ゖー])(?!こども|あかちゃん)([ぁ-ゖー]{{2,5}}[ \t\u3000][ぁ-ゖー]{{2,5}}){_AGE}"
)
"""A surname and a given name in hiragana apart by a space before an age or a school year
(あやせ ひなの（小2）); not a child's label before a given name (こども ひなた（8か月）)."""
_HIRAGANA_PAIR = lazy.compile(r"(?<![ぁ-ゖー])([ぁ-ゖー]{2,6})[ \u3000]([ぁ-ゖー]{2,6})(?![ぁ-ゖー])")
_NICKNAME = lazy.compile(
    r"(?<![ぁ-ゖー])(?:([ぁ-ゖ]{1,3})(ちゃん(?!と)|ぴょん|ぴー|りん|っつん)|([ぁ-ゖ]っ)(さん|しー|ちー|きー|すー))"
    r"(?=さん|[がはもにのへでと、,。!?」)\s]|から|って|[\u4e00-\u9fff\u30a1-\u30faA-Za-z]|$)"
)
"""A nickname in hiragana, a word of its own: のぐちゃん, まっつん, みゆぴょん, なおぴー, ゆかりん, いっさん,
よっしー, もっちー, まっすー, ともちゃんさん, before a particle (と too: みほりんと), a mark, kanji,
katakana or a Latin word (もっちーOCR); not ちゃんと (properly)."""
_NOT_NICKNAMES = frozenset(
    "あか わん にゃん ねこ いぬ うさ くま ぼっ ちび おば おじ おじょう おっ ぱぱ まま き こ ばっ".split()
)
"""What comes before ちゃん, りん, っさん or っちー and is no one's nickname: あかちゃん (a baby),
わんちゃん (a dog), おばちゃん, ぼっちゃん, おっさん, きりん (a giraffe), ばっちー (dirty, to a child)."""
_KATAKANA_WORD = lazy.compile(r"[\u30a1-\u30faー]+")
_HIRAGANA_PARTICLE = lazy.compile("に|から|と|へ|が|は|も")
"""The particles that begin a cue after a name (`_CUE_AFTER`: にきいた, からでんわ, とそうだん)."""
_LONGEST_HIRAGANA_NAME = 6
"""The longest name in hiragana asked about before an honorific (たかはし, ささき, わたなべ: 3–5)."""
_HIRAGANA_OPENING = lazy.compile(
    r"(?<![ぁ-ゖー\u30a1-\u30fa\u4e00-\u9fff々])(?!さん|さま|くん|ちゃん)[ぁ-ゖ]{3}"
)
"""Three hiragana opening a clause (a line's start, a space or a mark before them), where a name in
hiragana may begin: not after kanji, where the run would begin with a particle (書類はながいさん), nor at an
honorific after a name masked (［氏名］ちゃんから)."""
_PARTICLE_OPENING_A_LINE = lazy.compile("が|に|って|は|も|[、,]")
"""After a name in hiragana opening a line, what shows it is one without a cue (やまもとがOCR借りてった,
ふじもと、ちょっといい？): the run, split by the dictionary, spells a surname in katakana."""
_ADJECTIVES_BEFORE_SAN = frozenset({"えらい"})
_PROPER_NOUN = ("名詞", "固有名詞", "一般", "*", "*", "*")
"""What the dictionary reads surnames in katakana it holds as a company's or a brand's as (ミズノ, ツツミ,
フルヤ): before an honorific, in hiragana opening a clause (みずのさん), a person's."""
"""Adjectives that do take さん, as a word of their own: えらいさん (偉いさん, the higher-ups), no name."""
_HIRAGANA_NAME_END = lazy.compile(
    r"(?P<honorific>[ \t\u3000]?(?:さん|様|さま|くん|かかりちょう|かちょう|ぶちょう|しゅにん))"
    r"|(?:が|に|から|と|へ)"
)
"""What ends a name in hiragana that opens a clause: an honorific or a title as voice input types it
(おがわかかりちょうから), or a particle that may begin a cue."""


def _full_names_in_hiragana(text: str) -> list[tuple[int, int]]:
    """A surname and a given name in hiragana with a space between (ひらかわ　たかゆき, すずき はなこ).

    Each word alone, where that script begins and ends: the dictionary reads the first, or its katakana
    spelling, as a surname before さん and the second, or its katakana spelling, as a given name, or knows
    neither spelling of the second (やまぐち そうた: parents choose names no dictionary holds); よろしく
    おねがい, しゅうがく つうち and たなか さん stay.
    """
    return [
        match.span()
        for match in _HIRAGANA_PAIR.finditer(text)
        if _named_in_kana(match.group(1), "姓") and _given_in_kana(match.group(2))
    ]


_HIRAGANA_GIVEN_AFTER = lazy.compile(
    r"[ \u3000]([ぁ-ゖ]{2,4})(?=[、,。)）(（\n]|$|[ \u3000]?(?:くん|ちゃん|さん|様))"
)
"""A space and a word of hiragana ending an item or before an honorific: after a hiragana surname, its
given name (もりもと はると、)."""


def _hiragana_given_names(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A given name in hiragana after a surname found in hiragana and a space, ending an item.

    The dictionary lacks many surnames in hiragana (もりもと) and reads many given names in katakana as
    words (ハルト): after a hiragana surname found, a hiragana word it reads as a given name or lacks in
    hiragana goes with it (児童 もりもと はると、); one plain word stays (もりもと さん, たなか ほか).
    """
    given = []
    for start, end in found:
        if not _HIRAGANA_NAME.fullmatch(text, start, end):
            continue
        match = _HIRAGANA_GIVEN_AFTER.match(text, end)
        if not match or _one_plain_word(match.group(1)):
            continue
        if _named_in_kana(match.group(1), "名") or _part_of_speech_before_san(match.group(1)) is None:
            given.append(match.span(1))
    return given


def _one_plain_word(word: str) -> bool:
    """Whether the dictionary reads ``word`` as one word that is no proper noun (さん, です, のみ, ほか)."""
    read = _morphemes(word)
    return len(read) == 1 and read[0].part_of_speech()[1] != "固有名詞"


def _given_in_kana(word: str) -> bool:
    """Whether ``word`` in hiragana may be a given name: the dictionary reads it so, or knows it not."""
    return _named_in_kana(word, "名") or all(
        _part_of_speech_before_san(spelling) is None for spelling in (word, to_katakana(word))
    )


def _katakana_after_cues(text: str) -> list[tuple[int, int]]:
    """A katakana name right after a cue that a name follows and は or a colon (申請者はグエン・ヴァン・ナム).

    It counts when the dictionary reads it as a name before さん or it is a foreign name in parts joined by
    ・; 担当：システム, 記録はノーコードツール (a word it lacks) and 高齢者サロン stay. After who someone is
    (通訳 ファム・ティ・ラン) only a name in parts counts: 市民ホール and 自分のペース stay.
    """
    spans = []
    for match in _KATAKANA_RUN.finditer(text):
        start, end = match.span()
        cued = text[start - 1 : start] in _CUE_ENDS and _cued(text, start)
        if not (cued or ("・" in match.group() and _related(text, start))):
            continue
        if ("・" in match.group() and not _common_nouns(match.group())) or _read_before_san(
            match.group()
        ) == "人名":
            spans.append((start, end))
    return spans


_PARTS_BEFORE_COUNTRY = lazy.compile(
    r"(?<![\u30a1-\u30faー・])([\u30a1-\u30faー]{1,12}(?:・[\u30a1-\u30faー]{1,12})+)\(([^()\n]{2,10})\)"
)
"""A name in katakana parts joined by ・ and what is in parentheses after it (グルン・ビカス（ネパール）)."""
_KATAKANA_LINE = lazy.compile(
    r"^[ \t\u3000]*([\u30a1-\u30faー]{2,12}(?:[ \t\u3000]+[\u30a1-\u30faー]{2,12}){1,3})[ \t\u3000]*$",
    re.MULTILINE,
)
"""A line of two to four katakana words apart by spaces and nothing else (ロドリゲス　アナ　マリア)."""


def _foreign_names_by_country(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Foreign names in katakana that a country beside them shows, in a foreign resident's record.

    A name in parts joined by ・ before its bearer's country in parentheses (グルン・ビカス（ネパール）), none
    of them a place's or a thing's word (`_known_word`: エベレスト・キッチン（ネパール） is a restaurant),
    and a line of katakana words alone right above or below a line naming a country (ロドリゲス　アナ
    マリア over フィリピン 定住者), unless every word is a thing's (`_common_nouns`: マイク スピーカー).
    """
    countries = [(m.begin(), m.end()) for m in morphemes if m.part_of_speech()[2:4] == ("地名", "国")]
    if not countries:
        return []
    spans = [
        match.span(1)
        for match in _PARTS_BEFORE_COUNTRY.finditer(text)
        if any(match.start(2) <= start and end <= match.end(2) for start, end in countries)
        and not any(_known_word(part) for part in match.group(1).split("・"))
    ]
    for match in _KATAKANA_LINE.finditer(text):
        above = text.rfind("\n", 0, max(0, match.start() - 1)) + 1
        below = text.find("\n", match.end() + 1)
        below = len(text) if below < 0 else below
        beside = any(
            above <= start and end <= below and not match.start() <= start < match.end()
            for start, end in countries
        )
        if beside and not _common_nouns("・".join(match.group(1).split())):
            spans.append(match.span(1))
    return spans


def _known_word(part: str) -> bool:
    """Whether the dictionary holds a katakana ``part`` of three kana or more as a place or a common noun.

    A trade name in parts is made of such words (エベレスト・キッチン); a foreign name's parts are rarely so.
    """
    return len(_SYLLABLE_MARKS.sub("", part)) >= _THING_KANA and any(
        entry.part_of_speech()[1] == "普通名詞" or entry.part_of_speech()[2] == "地名"
        for entry in dictionary().lookup(part)
        if entry.surface() == part
    )


def _common_nouns(parts: str) -> bool:
    """Whether every part of katakana joined by ・ is a thing's word the dictionary knows as a common noun.

    Such a part has three kana or more, its long vowel marks and small kana not counted. A list of things
    (会議室のマイク・スピーカー) is no foreign name, though the dictionary also tags such words as names; a
    name has a part that is no common noun (マイク・ジョンソン, マリア・ロペス) or one of a syllable or two,
    which the dictionary reads as a word too (リ・ウェイ, チョウ・リン: ウェイ, リン).
    """
    return all(
        len(_SYLLABLE_MARKS.sub("", part)) >= _THING_KANA and _known_as_common_noun(part)
        for part in parts.split("・")
    )


_SYLLABLE_MARKS = lazy.compile("[ァィゥェォャュョヮヵヶッー]")
_THING_KANA = 3


def _hiragana_surnames_after_cues(text: str) -> list[tuple[int, int]]:
    """A surname in hiragana right after a cue or a role, ending an item (担当：さかもと, 書記 たかの).

    It counts when the dictionary reads it, in hiragana or katakana, as a surname before さん, or its
    katakana spelling as a company's or a brand's (`_PROPER_NOUN`: 発信者 会計課 ふるや); 担当：なし and
    当番：まだ stay. Between a role and an honorific, both apart by a space, any word of hiragana but one
    that stands for people counts (担当 やなぎ さん, a willow to the dictionary; 担当 みな さん stays). A の
    typed against the name after a spaced role is the sentence's (臨時 のほんま さん masks ほんま alone),
    unless the dictionary reads the whole word as a surname (担当 のぐち さん).
    """
    spans = []
    for match in _HIRAGANA_ITEM.finditer(text):
        start, word = match.start(), match.group()
        if not (_cued(text, start) or _related(text, start)):
            continue
        if _particle_against_name(text, start, word):
            start, word = start + 1, word[1:]
        surname = _named_in_kana(word, "姓") or _part_of_speech_before_san(to_katakana(word)) == _PROPER_NOUN
        between = _between_role_and_honorific(text, start, match.end())
        if surname or between or _spelled_as_a_surname(text, start, match.end()):
            spans.append((start, match.end()))
    return spans


def _particle_against_name(text: str, start: int, word: str) -> bool:
    """Whether hiragana after a space open with a の typed against a surname (臨時 のほんま, 嘱託 のやまだ).

    The rest must be a surname to the dictionary and the whole word none (のぐち is 野口, whole).
    """
    return (
        word.startswith("の")
        and len(word) > 2
        and text[start - 1 : start] in _SPACE
        and _named_in_kana(word[1:], "姓")
        and not _named_in_kana(word, "姓")
    )


def _spelled_as_a_surname(text: str, start: int, end: int) -> bool:
    """Whether hiragana after a role, in a sentence typed word by word, is a surname the dictionary lacks.

    Spaced as a word of its own, three to five hiragana before a spaced particle or ending an item (担当
    ながい で, 担当 の ゆかわ から, 新人 の ふるかわ), that the dictionary reads as no one noun (ゆか + わ,
    ふる + か + わ; ながい a lone adjective, which no role is) and that end as surnames do (〜かわ, 〜い,
    〜もと, 〜た): 担当 みんな で and 担当 して から stay.
    """
    word = text[start:end]
    if text[start - 1 : start] not in _SPACE or not 3 <= len(word) <= 5 or not _SURNAME_ENDING.search(word):
        return False
    if not _SPACED_PARTICLE_OR_END.match(text, end):
        return False
    read = _morphemes(word)
    return len(read) > 1 or read[0].part_of_speech()[0] == "形容詞"


def _between_role_and_honorific(text: str, start: int, end: int) -> bool:
    """Whether hiragana after a role (``start:end``) sit between spaces and an honorific, no pronoun."""
    if text[start - 1 : start] not in _SPACE or not _SPACED_HONORIFIC.match(text, end):
        return False
    word = text[start:end]
    return word not in _PEOPLE_IN_HIRAGANA and (_part_of_speech_before_san(word) or ("",))[0] != "代名詞"


_HIRAGANA_BEFORE_GIVEN = lazy.compile(r"(?<![ぁ-ゖー])([ぁ-ゖ]{2,5})[ \t\u3000]$")
"""A word of hiragana and a space right before a given name (ふくだ めい)."""
_HIRAGANA_NAME = lazy.compile(r"[ぁ-ゖー]{2,6}")


def _hiragana_surnames_before(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A surname in hiragana before a given name found in hiragana and a space (ふくだ めい ちゃん).

    It counts when the dictionary reads it, in hiragana or katakana, as a surname before さん: a full name
    typed without converting it, the given name shown by what follows it (ちゃん, an age); or, of three to
    five hiragana, when it ends as surnames do and the dictionary reads it as no one word (もりもと: もり + も
    + と, before はると くん).
    """
    spans = []
    for start, end in found:
        if not _HIRAGANA_NAME.fullmatch(text[start:end]):
            continue
        before = _HIRAGANA_BEFORE_GIVEN.search(text, max(0, start - 6), start)
        if before and (_named_in_kana(before.group(1), "姓") or _ends_as_a_surname(before.group(1))):
            spans.append(before.span(1))
    return spans


def _ends_as_a_surname(word: str) -> bool:
    """Whether three to five hiragana end as surnames do and the dictionary reads them as no one word."""
    return 3 <= len(word) <= 5 and bool(_SURNAME_ENDING.search(word)) and len(_morphemes(word)) > 1


def _parents_called_by_child(text: str) -> list[tuple[int, int]]:
    """A child's given name before ママ or パパ, as parents are called among parents (あやかママ, 蓮パパ).

    In hiragana or kanji, one the dictionary reads as a given name before さん (新米ママ, ひよこママ stay).
    """
    spans = []
    for match in _BEFORE_PARENT.finditer(text):
        word = match.group(1)
        kana = _HIRAGANA_WORD.fullmatch(word)
        if _named_in_kana(word, "名") if kana else _read_before_san(word) == "人名":
            spans.append(match.span(1))
    return spans


def _pupils_in_kana(text: str) -> list[tuple[int, int]]:
    """A child's name in hiragana after their class and a space, or a full name before an age.

    A name ending an item (2年1組 はやと、), a full name before の too (4年2組 うえだ そうすけ の), or one
    before an age or a school year (あやせ ひなの（小2）). Whoever a class at school or nursery is written
    before is a pupil, and children's given names in kana are the ones the dictionary lacks most; a word
    after the class that goes on (1組 まで来て, 2組 みんな の) stays.
    """
    pupils = [match.span(match.lastindex or 0) for match in _PUPIL_IN_KANA.finditer(text)]
    return pupils + [match.span(1) for match in _FULL_NAME_IN_KANA_AGED.finditer(text)]


_CHILDREN_OF_A_CLASS = lazy.compile(
    r"(?:[0-9]{1,2}組|([ぁ-ゖ\u30a1-\u30faー\u4e00-\u9fff]{1,5})(?:組|ぐみ))の[ \t\u3000]+([ぁ-ゖー]{2,5})"
    r"(?:[ \t\u3000]+と[ \t\u3000]+([ぁ-ゖー]{2,5}))?[ \t\u3000]+(?:が|は|も|に|を)(?![ぁ-ゖ])"
)
"""One child or two joined by と, in hiragana after their class and の, in a sentence typed word by word
before a particle (ぞう組の そら と いろは が 砂場で)."""


def _children_of_a_class(text: str) -> list[tuple[int, int]]:
    """Children named in hiragana after their class and の (`_CHILDREN_OF_A_CLASS`).

    A word the dictionary reads as a given name in kana or lacks is a child's; a word it reads otherwise
    is one only beside such a name (いろは beside そら; ぞう組の みんな が stays). A thing of the kind the
    class has stays too (`_loanword_in_hiragana`: うさぎ組の ぱんだ が, a soft toy).
    """
    spans = []
    for match in _CHILDREN_OF_A_CLASS.finditer(text):
        words = [group for group in (2, 3) if match.group(group)]
        named = [
            group
            for group in words
            if _child_named_in_kana(match.group(group)) and not _loanword_in_hiragana(match.group(group))
        ]
        if named:
            spans += [match.span(group) for group in words]
    return spans


def _loanword_in_hiragana(word: str) -> bool:
    """Whether the dictionary holds ``word`` as a common noun it writes in katakana (ぱんだ: パンダ, めろん).

    A nursery writes a toy's or an animal's loanword in hiragana after a class as it writes a child's name;
    children's names it holds as nouns are Japanese words (あおい: 葵, ひかり: 光) or none (はると, れお).
    """
    return any(
        entry.surface() == word
        and entry.part_of_speech()[1] == "普通名詞"
        and _KATAKANA_ONLY.fullmatch(entry.normalized_form()) is not None
        for entry in dictionary().lookup(word)
    )


_CLASS_BEFORE = lazy.compile(
    r"(?:[0-9]{1,2}|[ぁ-ゖ\u30a1-\u30faー\u4e00-\u9fff]{1,5})(?:組|ぐみ)の[ \t\u3000]+$"
)
"""A class and の, a space after it (うさぎ組の ), right before a word."""


def _thing_of_the_class(text: str, start: int, stop: int) -> bool:
    """Whether hiragana the dictionary reads as a name here, after a class, is a thing the class has.

    うさぎ組の ぱんだ が: `_loanword_in_hiragana`, no honorific after it (うさぎ組の ぱんだ ちゃん is a
    child's).
    """
    word = text[start:stop]
    before = _CLASS_BEFORE.search(text, max(0, start - 12), start)
    return (
        before is not None
        and _HIRAGANA_ONLY.fullmatch(word) is not None
        and not _AFTER_NAME.match(text, _skip_space(text, stop))
        and _loanword_in_hiragana(word)
    )


_HIRAGANA_ONLY = lazy.compile("[ぁ-ゖー]+")


def _child_named_in_kana(word: str) -> bool:
    """Whether the dictionary reads ``word`` as a given name in kana or lacks it in hiragana.

    Its katakana spelling may be a common noun (はると, ハルト): a word children are called by is typed in
    hiragana after their class, the nouns a nursery writes so (みんな, おやつ) the dictionary holds.
    """
    return _named_in_kana(word, "名") or _read_before_san(word) is None


def _nicknames(text: str) -> list[tuple[int, int]]:
    """Nicknames in hiragana that the dictionary reads otherwise (の + ぐちゃ + ん, なお + ぴー): `_NICKNAME`.

    The stem is no family member one calls (`_KIN_CALLED`: ねえちゃん, おばあちゃん) nor a word that takes
    ちゃん or りん (`_NOT_NICKNAMES`), and the whole no word the dictionary knows (きりん), but for
    っさん (いっさん, read as 一散). ちゃん stays, as after any name (［氏名］ちゃん).
    """
    spans = []
    for match in _NICKNAME.finditer(text):
        stem = match.group(1) or match.group(3)
        suffix = match.group(2) or match.group(4)
        whole = stem + suffix
        if stem in _NOT_NICKNAMES or _KIN_CALLED.search(stem) or _KIN.match(stem):
            continue
        if suffix != "さん" and _part_of_speech_before_san(whole) is not None:
            continue
        spans.append((match.start(), match.end() - 3 if suffix == "ちゃん" else match.end()))
    return spans


def _called_in_kana(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Given names in kana opening a sentence with a comma after them, as one calls someone (ゆき、手伝って).

    The dictionary reads them as words there (雪, a verb); they count when it reads them as a name before
    さん alone. First on a line, after a sentence or a call (ねえ、翔、 is `_called_by_name`'s).
    """
    for word in morphemes:
        surface, start = word.surface(), word.begin()
        opens = _opens(text, start, "\n。!?")
        if (
            opens
            and _KANA_WORD.fullmatch(surface)
            and text[word.end() : word.end() + 1] in ("、", ",")
            and not _is_name(word)
            and word.part_of_speech()[0] not in _NOT_CALLED
            and _read_before_san(surface) == "人名"
        ):
            yield start, word.end()


def _katakana_parts_around(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of a foreign name joined by ・ to a part found (レ・ヴァン・フン with ヴァン・フン found)."""
    parts = []
    for start, end in found:
        before = _KATAKANA_PART_BEFORE.search(text, max(0, start - 13), start)  # a window: linear time
        after = _KATAKANA_PART_AFTER.match(text, end)
        if before:
            parts.append(before.span(1))
        if after:
            parts.append(after.span(1))
    return parts


_FOREIGN_NAME_ITEM = lazy.compile(
    r"(?<![\u30a1-\u30faー・=])[\u30a1-\u30faー]{1,12}(?:[・=][\u30a1-\u30faー]{1,12}){1,4}(?![\u30a1-\u30faー・=])"
)
"""A foreign name in katakana parts joined by ・ or = (ホアン・ティ・マイ, マリア=ルイサ・サントス)."""
_ITEM_GAP = lazy.compile(r"[ \t\u3000]*[、,/][ \t\u3000]*")


def _foreign_names_listed(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Foreign names in katakana parts listed by 、, a comma or a slash with one found (`_FOREIGN_NAME_ITEM`).

    Trainees and families are listed so (グエン・ヴァン・トゥアン、ホアン・ティ・マイ): the dictionary knows
    some parts as names and others as nothing; a list of such runs holding a name found names people
    throughout.
    """
    items = list(_FOREIGN_NAME_ITEM.finditer(text))
    if not items:
        return []
    overlaps = _overlap_test(found)
    spans: list[tuple[int, int]] = []
    chain: list[tuple[int, int]] = []
    for item in [*items, None]:
        if item is not None and chain and _ITEM_GAP.fullmatch(text, chain[-1][1], item.start()):
            chain.append(item.span())
            continue
        if len(chain) >= 2 and any(overlaps(start, stop) for start, stop in chain):
            spans += chain
        chain = [item.span()] if item is not None else []
    return spans


_HIRAGANA_LISTED_BEFORE = lazy.compile(
    r"(?<![ぁ-ゖー])([ぁ-ゖー]{2,6})[ \t\u3000]*(?:と|[、,・/])[ \t\u3000]*$"
)
_HIRAGANA_LISTED_AFTER = lazy.compile(
    r"[ \t\u3000]*(?:と|[、,・/])[ \t\u3000]*([ぁ-ゖー]{2,6})(?=[ \t\u3000、,。/・\n]|で|が|は|の|に|も|$)"
)
_HIRAGANA_FOUND = lazy.compile(r"[ぁ-ゖー]{2,6}")


def _hiragana_listed_with(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Words of hiragana listed with a name found in hiragana (みやけ と えのもと, 担当：ひらい、さかもと).

    Staff who type a colleague's name without converting it type the next one so too: a word of hiragana
    one of と、, ・ or / away from one found is a name when the dictionary reads it, in hiragana or
    katakana, as one before さん, or its katakana spelling as a proper noun (ひらい, which it reads as a
    verb, is ヒライ); えのもと と いっしょに stays.
    """
    spans = []
    for start, end in found:
        if not _HIRAGANA_FOUND.fullmatch(text, start, end):
            continue
        before = _HIRAGANA_LISTED_BEFORE.search(text, max(0, start - 12), start)
        after = _HIRAGANA_LISTED_AFTER.match(text, end)
        for match in (before, after):
            if match and _hiragana_name_word(match.group(1)):
                spans.append(match.span(1))
    return spans


def _kana_before_spaced_honorifics(text: str, found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Words of kana between spaces and 様 or さま, in a message that names others so (にしかわ 様).

    A list of whom one called or who is booked writes each the same way, a name, a space and 様 (中原 様、
    パク 様、にしかわ 様; 13:00 坂本 様 above 14:00 ささもと 様): once a name found is so written, a word of
    two to six hiragana or katakana so written is a name too, whatever the dictionary reads it as (ダルマ, a
    doll; ささ + もと). So is one that is a field's value, right after its colon (連絡：もりや 様). Not a word
    for people (みな 様, おきゃく 様), nor a pronoun.
    """
    spaced = {end for _, end in found if _SPACED_SAMA.match(text, end)}
    if not spaced and "：" not in text and ":" not in text:
        return []
    spans = []
    for match in _KANA_BEFORE_SPACED_SAMA.finditer(text):
        word = match.group(1)
        if word in _PEOPLE_IN_HIRAGANA or (_part_of_speech_before_san(word) or ("",))[0] == "代名詞":
            continue
        named_so = spaced and (len(spaced) > 1 or match.end(1) not in spaced)  # another is: linear time
        if named_so or text[match.start(1) - 1 : match.start(1)] in ("：", ":"):
            spans.append(match.span(1))
    return spans


def _hiragana_name_word(word: str) -> bool:
    """Whether the dictionary reads ``word`` in kana as a name before さん or its katakana as proper."""
    return (
        _named_in_kana(word, "姓")
        or _named_in_kana(word, "名")
        or _part_of_speech_before_san(to_katakana(word)) == _PROPER_NOUN
    )


_NUMBERED_KANA = lazy.compile(
    r"(?:(?<=[\s、,/):：])|^)(?:[0-9]{1,2}[.)]?|[0-9]{1,2}:[0-9]{2})[ \t\u3000]*"
    r"([ぁ-ゖー]{2,6}|[\u30a1-\u30faー]{2,8})(?=[ \t\u3000、,/]|$)",
    re.MULTILINE,
)
"""A word of kana as the item of a numbered list or a schedule (①こはる, folded to 1こはる; 11:00 にしの)."""


def _numbered_kana(text: str) -> list[tuple[int, int]]:
    """Names in kana numbered in a line, two or more of them read as names (①こはる ②しゅん ③あかり).

    A line's items numbered or timed are alike: when the dictionary reads two of their words of kana as
    names before さん (`_hiragana_name_word`; in katakana, as a name), those are the people listed, as
    children's names in kana are typed; 1 はい 2 いいえ and ①あり ②なし stay.
    """
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        items = [
            match.span(1)
            for match in _NUMBERED_KANA.finditer(text, line.start(), line.end())
            if _kana_name_word(match.group(1))
        ]
        if len(items) >= 2:
            spans += items
    return spans


def _kana_name_word(word: str) -> bool:
    """Whether a word of kana reads as a name (`_hiragana_name_word`; in katakana, as a name before さん)."""
    if _KATAKANA_WORD.fullmatch(word):
        return _read_before_san(word) == "人名"
    return _hiragana_name_word(word)


def _kana_before_honorifics(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Given names in kana that the dictionary lacks before an honorific, and foreign names in parts.

    A run of two to six hiragana or katakana, where that script begins, right before くん, 君 or 先輩 is a
    child's or a junior's name (ゆうとくん, ケンタくん, まこと先輩) when the dictionary, asked about it before
    さん, does not know it or reads it as a proper noun, or in hiragana before くん as a common noun
    (ひなたくん, つばさくん: 日向, 翼); ロボットくん and ぼくくん stay. So is one before ちゃん that the
    dictionary reads as a suffix there (みーちゃん; not ちゃんと, nor ねえちゃん). Before さん, ちゃん or 様,
    after who they are to someone or a cue and の, a colon or a space, a word that it does not read as a noun
    is one too (祖母のみよこさん, 祖母のきよさん; 母のおばさん, 祖母のおばあさん stay). Katakana parts joined
    by ・ before an honorific are a foreign name (ワン・ウェイさん), and so is a katakana word after a country
    and の that the dictionary lacks or reads as a proper noun (ネパールのグルンさん; spaced, or after 出身
    too: ネパール 出身 の グルン さん). A katakana word alone before さん, 様 or さま is a surname written in
    katakana when the dictionary lacks it (ソノダさん) or reads it as a common noun there but as a name in
    hiragana (ハヤシさん: hayashi rice, はやし); ヘルパーさん, ケアマネさん and companies it knows
    (ベネッセさん) stay.
    """
    spans = [match.span() for match in _KATAKANA_PARTS_BEFORE_HONORIFIC.finditer(text)]
    suffixes = [(m.begin(), m.end()) for m in morphemes if m.part_of_speech()[0] == "接尾辞"]
    countries = {  # where a word after a country and の begins (ネパールの, ネパール 出身 の )
        after.end()
        for m in morphemes
        if m.part_of_speech()[2:4] == ("地名", "国") and (after := _FROM_A_COUNTRY.match(text, m.end()))
    }
    for match in _KANA_BEFORE_HONORIFIC.finditer(text):
        start, end = match.span()
        if text[start] == "の" and end - start > 2:  # 祖母のみよこさん: the run begins with の
            start += 1
        introduced = (
            text[start - 1 : start] in ("の", ":", *_SPACE) and (_related(text, start) or _cued(text, start))
        ) or (text[start - 1 : start] == "(" and bool(_KIN_AROUND.search(text, max(0, start - 9), start - 1)))
        abroad = start in countries and bool(_KATAKANA_WORD.fullmatch(text, start, end))
        honorific = match.group(1)
        diminutive = honorific == "ちゃん" and any(b <= match.start(1) < e for b, e in suffixes)
        kin = _KIN.match(text, start) or _KIN_CALLED.search(text, start, end)
        katakana = honorific in ("さん", "様", "さま") and bool(_KATAKANA_WORD.fullmatch(text, start, end))
        if not (honorific in ("くん", "君", "先輩") or diminutive or introduced or abroad or katakana) or kin:
            continue
        part_of_speech = _part_of_speech_before_san(text[start:end])
        if katakana and not (honorific in ("くん", "君", "先輩") or diminutive or introduced or abroad):
            # ノムラさん, ソノダ様; ハヤシさん: a common noun, but はやし a name
            word = part_of_speech is not None and part_of_speech[1] == "普通名詞"
            name_in_hiragana = word and _read_before_san(to_hiragana(text[start:end])) == "人名"
            if part_of_speech is None or name_in_hiragana:
                spans.append((start, end))
            continue
        child = (honorific in ("くん", "君") or diminutive) and _HIRAGANA_WORD.fullmatch(text[start:end])
        if (
            part_of_speech is None
            or (part_of_speech[1] == "固有名詞" and (not abroad or part_of_speech[2] != "地名"))
            or (introduced and part_of_speech[0] not in ("名詞", "代名詞"))
            or (child and part_of_speech[1] == "普通名詞")
        ):
            spans.append((start, end))
    return spans


def _names_split_in_hiragana(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Names typed in hiragana that the dictionary splits into words or reads as a word (やまもとさん).

    It reads やまもと as やま + もと and さとう as sugar, and ヤマモト and サトウ as surnames. Before an
    honorific, the longest run of whole hiragana words of three to six characters whose katakana
    spelling it knows as a surname or a given name before さん is one (まどぐちでやまもとさん: やまもと,
    not でやまもと, which it does not know), with a surname in hiragana right before a given name
    (やまだたろうさん); みなさん, おきゃくさま and ぎょうしゃさん are not. Before a cue that says someone
    was spoken to or heard from (やまもとにきいた, さとうからでんわ), a surname or a full name is, and a
    given name alone before a case particle (たろうにきいた; not しずかにきいた, 静かに聞いた, whose に
    ends an adjective).
    """
    for at, morpheme in enumerate(morphemes):
        honorific = morpheme.surface() in _HONORIFICS or morpheme.surface() in _KANA_TITLES
        if not (
            honorific
            or (_HIRAGANA_PARTICLE.fullmatch(morpheme.surface()) and _CUE_AFTER.match(text, morpheme.begin()))
        ):
            continue
        for start in range(_hiragana_run_start(morphemes, at), at):
            begin, end = morphemes[start].begin(), morpheme.begin()
            kind = _hiragana_name(morphemes[start:at])
            if end - begin < 3 or not kind:
                continue
            surname = _hiragana_surname_before(morphemes, start) if kind == "名" else None
            if honorific or kind == "姓" or surname is not None or _case_particle(morpheme):
                yield (begin if surname is None else surname), end
                break


def _hiragana_openings(text: str) -> list[tuple[int, int]]:
    """Names in hiragana opening a clause that the dictionary splits or reads as a verb or an adjective.

    A run of `_HIRAGANA_OPENING` before an honorific (うちださん, read as うちださ + ん; ながいさん) or
    before a particle and a cue (ひらいが言ってた) is a name when the dictionary reads its katakana spelling
    as one before さん (ウチダ; before a particle only as a surname: しずかにきいた is 静かに聞いた), or
    reads the run alone as one verb or adjective, which takes no honorific (ながい: 長い, for 永井), or,
    before a particle, as a verb's 連用形, which takes no が (ひらい: 開い); before an honorific, also when
    it reads the katakana spelling as a company's or a brand's (`_PROPER_NOUN`: みずのさん, つつみ さん).
    Family as one calls them stays (おばあさん, おにいさん). Opening a line (or after a call, ねえ、), a run
    of four or five before a particle or a comma is one when the dictionary splits it and reads its
    katakana spelling as a surname (まるやまがカギ持ってった: まる + やま, マルヤマ), with no cue after it.
    """
    spans = []
    for match in _HIRAGANA_OPENING.finditer(text):
        start = match.start()
        for end in range(start + 3, min(start + 5, len(text)) + 1):
            if not _HIRAGANA_WORD.fullmatch(text, start, end):
                break
            if _hiragana_opening_name(text, start, end):
                spans.append((start, end))
                break
    return spans


def _hiragana_opening_name(text: str, start: int, end: int) -> bool:
    """Whether the hiragana ``text[start:end]`` opening a clause is a name (see `_hiragana_openings`)."""
    after = _HIRAGANA_NAME_END.match(text, end)
    run = text[start:end]
    if _KIN.match(run) or _KIN_CALLED.search(run):
        return False
    if end - start >= 4 and _opens(text, start, "\n") and _PARTICLE_OPENING_A_LINE.match(text, end):
        words = _morphemes(run)
        if len(words) > 1 and _hiragana_name(words) == "姓":
            return True
    if not after:
        return False
    honorific = after.group("honorific") is not None
    if not (honorific or _CUE_AFTER.match(text, end)):
        return False
    words = _morphemes(run)
    if len(words) == 1:
        part_of_speech = words[0].part_of_speech()
        if part_of_speech[0] == "動詞" and (honorific or "連用形" in part_of_speech[5]):
            return True
        if part_of_speech[0] == "形容詞" and honorific and run not in _ADJECTIVES_BEFORE_SAN:
            return True
    kind = _hiragana_name(words)
    if kind == "姓" or (kind is not None and honorific):  # not しずかに (静かに, シズカ) きいた
        return True
    return honorific and _part_of_speech_before_san(to_katakana(run)) == _PROPER_NOUN


def _case_particle(morpheme: Any) -> bool:
    """Whether ``morpheme`` is a case particle (the に of たろうにきいた; not that of しずかに, 静かに)."""
    return bool(morpheme.part_of_speech()[:2] == ("助詞", "格助詞"))


def _hiragana_run_start(morphemes: Sequence[Any], at: int) -> int:
    """The first of the whole hiragana words just before ``morphemes[at]``, six characters back at most."""
    first = at
    while (
        first > 0
        and morphemes[at].begin() - morphemes[first - 1].begin() <= _LONGEST_HIRAGANA_NAME
        and _HIRAGANA_WORD.fullmatch(morphemes[first - 1].surface())
        and morphemes[first - 1].part_of_speech()[0] != "接尾辞"  # the ちゃん of 佐藤ちゃんが (チャン)
    ):
        first -= 1
    return first


def _hiragana_surname_before(morphemes: Sequence[Any], at: int) -> int | None:
    """Where a surname in hiragana right before the given name at ``at`` begins (やまだ in やまだたろう).

    One space may stand between them (やまだ たろう).
    """
    if at > 1 and morphemes[at - 1].surface() in _SPACE:
        surname = morphemes[at - 2]
        if _HIRAGANA_WORD.fullmatch(surname.surface()) and _hiragana_name([surname]) == "姓":
            return int(surname.begin())
    for start in range(_hiragana_run_start(morphemes, at), at):
        long_enough = morphemes[at].begin() - morphemes[start].begin() >= 2
        if long_enough and _hiragana_name(morphemes[start:at]) == "姓":
            return int(morphemes[start].begin())
    return None


def _hiragana_name(morphemes: Sequence[Any]) -> str | None:
    """姓 or 名 when the dictionary reads these hiragana words, in katakana, as one name before さん."""
    part_of_speech = _part_of_speech_before_san(to_katakana("".join(m.surface() for m in morphemes)))
    if part_of_speech is None or part_of_speech[2] != "人名" or part_of_speech[3] not in ("姓", "名"):
        return None
    return part_of_speech[3]


_OLD_GIVEN_NAME = lazy.compile(r"[\u30a1-\u30fa]{2,3}")
"""A given name in katakana as older residents' and foreign residents' are written (トヨ, ハツエ, シメイ):
two or three katakana, no long vowel (not ソニー)."""
_GOES_ON = lazy.compile(rf"[{_KANJI_KATA}]")


def _katakana_given_names(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A surname and a given name of katakana the dictionary reads as some proper noun (三上 トヨ).

    Older residents' given names are written in katakana, and the dictionary reads some as other proper
    nouns (トヨ); after a surname it reads as one and a space, a word of two or three katakana that it
    reads as a proper noun other than a place, and that no katakana or kanji goes on from, is the given
    name. Common nouns stay (田中 ビル, 中村 ケア).
    """
    for at, morpheme in enumerate(morphemes[:-2]):
        if morpheme.part_of_speech()[2:4] != ("人名", "姓") or morphemes[at + 1].surface() not in _SPACE:
            continue
        given = morphemes[at + 2]
        if (
            _OLD_GIVEN_NAME.fullmatch(given.surface())
            and given.part_of_speech()[1:3] == ("固有名詞", "一般")
            and not _GOES_ON.match(text, given.end())
        ):
            yield morpheme.begin(), given.end()
