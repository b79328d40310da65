"""Surnames the dictionary reads as places, things or ordinary words, and what shows them to be names.

A particle after a surname (伊藤が書いた), unless it is an item in a list of places or things; a place or a
word with an honorific or a title after it, or a cue before it; a guessed split of a line in hiragana.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

from bot.kana import to_katakana
from bot.privacy import lazy
from bot.privacy.names.cues import (
    _AFTER_WORD,
    _AWAY_BARE,
    _BARE_PARTICLE,
    _BELONGING,
    _CARE_TITLES,
    _CUE_AFTER,
    _HIRAGANA_NAME_WORD,
    _HIRAGANA_WORD,
    _HONORIFICS,
    _INTRODUCING,
    _KANA_WORD,
    _KANJI_SURNAME,
    _KANJI_WORD,
    _LATIN_ROLES,
    _LIST_CUE,
    _LIST_CUE_REACH,
    _NOT_HONORIFIC,
    _NOT_ONE_KANJI_NAMES,
    _PLACE_ASKED,
    _PLACE_JOINS,
    _PLACES_THING,
    _STAFF_TITLES,
    _TAKES_ON,
    _TITLE,
    _Lines,
    _longest_first,
)
from bot.privacy.names.words import (
    _cued,
    _is_name,
    _joined_word,
    _kanji_noun,
    _morphemes,
    _named_in_kana,
    _part_of_speech_before_san,
    _prefecture,
    _read_before_san,
    _related,
    _skip_space,
    _taken_as_surname,
    _with_unknown_given_name,
    _word_of_its_own,
)
from bot.sudachi import tokenizer

_TITLE_AND_COMMA = lazy.compile(rf"(?:{_TITLE.pattern})[、,][ \t\u3000]*$")
"""A title and a comma before a name, as one introduces oneself (保育園の園長、瀬戸です; 課長、大石です)."""
_AFTER_PROPER_NOUN = _longest_first(*_HONORIFICS, *_STAFF_TITLES, *_CARE_TITLES, "議員")
"""What after a proper noun that is not a name word (a place: 松本, 清水) still says it is a person;
a place's 区長 or 所長 does not."""
_ONE_CHARACTER_PARTICLES = "はがもにとへのを"
_HIRAGANA_AFTER_PARTICLE = lazy.compile(f"[{_ONE_CHARACTER_PARTICLES}][ぁ-ゖ]")
"""A particle of one character in hiragana and more hiragana after it: the run goes on past the particle,
which may be part of a word (しゅうがくつうち, 就学通知, read as しゅう + が + くつうち)."""
_LIST_REACH = 6
"""How many items on each side of a word in a list are asked whether they show a thing: linear time."""
_COMMAS = ("、", ",")
_INTRODUCED = lazy.compile("です|でございます|が|は|も|に|から|より|と|へ|[、,。)\n]|$")
"""After a place read as a surname with a section before it: 総務課の松本です, 福祉課の永田から, and 福祉課
平田 ending its line."""
_CLAUSE_END = lazy.compile(r"[、,。!?\n]|$|[ｗw笑]")
_KATAKANA_NAME_WORD = lazy.compile(r"[\u30a1-\u30faー]{2,6}")
_SIGNED_LAST = lazy.compile(r"(?:。|!|^-{2,})(?:[ \t\u3000]*\n)+[ \t\u3000]*\Z", re.MULTILINE)
"""A sentence's end or a signature's dashes, then line breaks: what a message's signing name comes after
(searched in a few characters before it)."""
_TEXT_END = lazy.compile(r"\s*\Z")
_MUNICIPAL = frozenset("都道府県市区町村郡")
_OF_BEFORE = lazy.compile(r"[\u4e00-\u9fff\u30a1-\u30faー][ \t\u3000]?の[ \t\u3000]*$")
"""Whose someone is, right before them (守衛 の, 清掃の): searched in a few characters before a word."""
_PROBED_GIVEN_NAMES = ("太郎", "花子")
"""Given names put after a word to ask whether the dictionary reads it as a surname before one."""
_NOUNS_OF_PEOPLE = frozenset({"大家"})
"""Words read as surnames before a given name that are as often whom one calls さん: a landlord."""
_SPACE_WORDS = frozenset({" ", "\u3000"})
_GIVEN_AFTER_SPACE = lazy.compile(
    r"([ぁ-ゖ]{2,4}|[\u30a1-\u30faー]{2,4})"
    r"(?=[ \t\u3000]*(?:[、,。/)\n]|$|(?:と|が|は|に|も|の)(?![ぁ-ゖ])|です))"
)
"""A given name in kana after a surname and a space, ending an item or before a particle or です."""
_PLURALS = frozenset({"たち", "ども", "がた"})
"""What makes a word for people plural after a space (仲間 たち): never a given name."""
_LISTED_BEFORE = lazy.compile(r"(?:[、,・]|[ \t\u3000]と)[ \t\u3000]*$")
_HONOURED_WORDS = frozenset({"神"})
"""Ordinary words the dictionary reads as names before さん that take 様 as words (神様)."""


def _surname_before_particle(text: str, morphemes: Sequence[Any], at: int, end: int, lines: _Lines) -> bool:
    """Whether a surname in kanji, read as one there, comes before a particle (伊藤が書いた, 辻も).

    The dictionary reads a word as a surname there (姓) only where the sentence reads as a person's:
    中村しか分からない, 石田がさっき探してた, 今井、さっきのメール, 全部 前田 の端末, 竹内→財政課
    (`_BARE_PARTICLE`); as a given name or a surname in hiragana of three characters or more
    (ひろみが対応済み, かずきが変えた, 担当：ひらい、さかもと); and as a given name of two kanji or more
    before a particle that ends what is said (…って美咲から, 資料は大輔まで。). Typos it reads as names come
    as a surname and a given name of one kanji each (進 + 渉, 申 + 精), which this leaves alone: a surname of
    one kanji counts only as a word of its own (辻も同じ意見: first, or after a particle or a mark, not after
    a place's ヶ: 緑ヶ原), and never one that is as often whom or where one calls (`_NOT_ONE_KANJI_NAMES`),
    which ends a compound typed word by word too (面談 室 は, 消防 団 の). After a question for a place it is
    a place (出張先は 長野 です); inside a list of places, the comma after it says nothing
    (`_in_a_list_of_things`: （中央、東、北浜、南丘）), and before what a place or a group has it is a place
    (`_PLACES_THING`: 上原の交差点, あゆみの会); in a line of hiragana alone, a name the dictionary cut out of
    a run is its guess (`_guessed_in_hiragana`: しゅう + が + くつうち). One typo is masked (最所に, for
    最初に, in the held-out queries): 最所 is a surname too; so are words the dictionary reads as surnames
    there (清水が出る, 小川が流れている, 高田から東京まで).
    """
    word = morphemes[at]
    kind, surface = word.part_of_speech()[3], word.surface()
    kanji = kind == "姓" and _KANJI_SURNAME.fullmatch(surface)
    kana = kind in ("姓", "名") and bool(
        _HIRAGANA_NAME_WORD.fullmatch(surface) or _KATAKANA_NAME_WORD.fullmatch(surface)
    )
    given = kind == "名" and len(surface) >= 2 and _KANJI_SURNAME.fullmatch(surface)
    if end != at + 1 or not (kanji or kana or given) or surface in _NOT_ONE_KANJI_NAMES:
        return False
    if _PLACE_ASKED.search(text, max(0, word.begin() - 8), word.begin()):
        return False
    if given and not _closes_with_particle(text, morphemes, end):
        return False  # a given name of kanji before a particle that closes what is said: …って美咲から
    if kana and _guessed_in_hiragana(text, word, lines):
        return False  # しゅう + が + くつうち
    if _in_a_list_of_things(text, morphemes, at):
        return False  # 北浜 in （中央、北浜、南丘）: a comma that lists places says no person
    if _PLACES_THING.match(text, word.end()):
        return False  # 上原の交差点, あゆみの会: what a place or a group has
    if len(surface) == 1 and _pair_of_things(text, word.begin()):
        return False  # 森 と 林 の 違い: two things compared
    if len(surface) == 1 and (_ends_a_compound(morphemes, at) or _where_a_place_is(text, word)):
        return False  # 補助 金 の, 3 階 角 の 部屋, 森 の 中 の 広場: a thing or a place typed word by word
    if _after_a_place_listed(morphemes, at) and _WHERE_PARTICLE.match(text, _skip_space(text, word.end())):
        return False  # 平和台 と 早宮 に あり: a place listed with a place
    particle = _BARE_PARTICLE.match(text, _skip_space(text, word.end()))
    return (len(surface) >= 2 or _word_of_its_own(morphemes, at)) and bool(particle)


_PLACE_UNIT_BEFORE = lazy.compile(r"(?:階|丁目|番地|棟)[ \t\u3000]*(?:[0-9]{1,4}[ \t\u3000]*)?$")
"""A floor's, a block's or a building's unit, a number after it allowed, right before a word (3 階 角,
2丁目 5 角): what follows is a corner or a side of that place, not who is there."""
_OF = lazy.compile(r"[ \t\u3000]*の")
_PLACE_UNIT_AND_OF_BEFORE = lazy.compile(
    r"(?:階|丁目|番地|棟)[ \t\u3000]*(?:[0-9]{1,4}[ \t\u3000]*)?の[ \t\u3000]*$"
)
"""A floor's, a block's or a building's unit and の right before a word (番地 の 角): what follows is a spot
of that place when a particle of where follows it (`_WHERE_PARTICLE`: 番地 の 角 の 家, 角 に ある)."""
_INSIDE_AFTER = lazy.compile(r"[ \t\u3000]*の[ \t\u3000]*(?:中|奥)(?![\u4e00-\u9fff々])")
"""の and the inside or the depth of a place after a word (森 の 中, 林 の 奥): the word is a place."""


def _ends_a_compound(morphemes: Sequence[Any], at: int) -> bool:
    """Whether the one kanji ``morphemes[at]`` ends a compound typed word by word (補助 金, 視察 団).

    After a word of kanji and one blank, the dictionary reads the two written together as one common
    noun (補助金, a subsidy); a role before a surname makes none (係長 林, 担当 森, 保健師 原).
    """
    if at < 2 or morphemes[at - 1].surface() not in (" ", "\u3000"):
        return False
    before = morphemes[at - 2].surface()
    if not _KANJI_WORD.fullmatch(before):
        return False
    joined = _morphemes(before + morphemes[at].surface())
    return len(joined) == 1 and joined[0].part_of_speech()[1] == "普通名詞"


def _where_a_place_is(text: str, word: Any) -> bool:
    """Whether a one-kanji word is a spot of a place (3 階 角 の 部屋, 森 の 中).

    After a floor's or a block's unit before の (3階 岡 が 対応 is someone there), after one and の before
    a particle of where (番地 の 角 の 家, 番地 の 角 に; 3丁目 の 森 が 対応 stays someone), or before の 中
    or 奥.
    """
    start, end = word.begin(), word.end()
    unit = _PLACE_UNIT_BEFORE.search(text, max(0, start - 12), start) and _OF.match(text, end)
    of_unit = _PLACE_UNIT_AND_OF_BEFORE.search(text, max(0, start - 14), start) and _WHERE_PARTICLE.match(
        text, _skip_space(text, end)
    )
    return bool(unit or of_unit or _INSIDE_AFTER.match(text, end))


_WHERE_PARTICLE = lazy.compile("(?:に|で|の|まで)(?![ぁ-ゖ])")
"""A particle of where something is (に, で, の, まで); a comma may list people (竹田と竹中、どっちが)."""


def _after_a_place_listed(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` is joined by と or や to a word the dictionary reads as a place there.

    Places are listed with places (平和台 と 早宮 に あり): a word read as a surname after one, before a
    particle of where (`_WHERE_PARTICLE`), is one of them; 平和台 と 早宮 が 担当 is left to the other rules.
    """
    words = [m for m in morphemes[max(0, at - 4) : at] if m.part_of_speech()[0] != "空白"]
    return len(words) >= 2 and words[-1].surface() in ("と", "や") and words[-2].part_of_speech()[2] == "地名"


_PAIR_OF_THINGS = lazy.compile(
    r"([\u4e00-\u9fff])[ \t\u3000]*と[ \t\u3000]*([\u4e00-\u9fff])[ \t\u3000]*の"
    r"(?![ \t\u3000]*(?:[0-9]|件|こと|方|意見|話|担当|席|机|家|予定|連絡|仕事|発言|報告|両名|二人|お|ご))"
)
"""Two words of one kanji joined by と before の and what they have (森 と 林 の 違い, 山 と 川 の 写真)."""


def _pair_of_things(text: str, start: int) -> bool:
    """Whether the one kanji at ``start`` is one of a pair of things compared or shown (`_PAIR_OF_THINGS`).

    Two people so paired have something of a person's after の (岡 と 林 の 意見, 森 と 林 の 2名); with
    nothing of the kind, two one-kanji words are things: 森 と 林 の 違い.
    """
    for pair in _PAIR_OF_THINGS.finditer(text, max(0, start - 4), start + 12):
        if start in (pair.start(1), pair.start(2)):
            return True
    return False


def _in_a_list_of_things(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` is an item inside a list of places or things, not of people.

    Inside: a comma on one side, a comma or a parenthesis on the other (（中央、東、北浜、南丘）, 東口、西口、
    北浜駅), or first in a list of three or more (図書館は北浜、南丘、緑ヶ原に), where a comma lists places as
    often as people. The list is of things when an item shows a
    thing (`_shows_a_thing`: 中央, 緑ヶ原, 北浜駅) and no cue of people comes before it on its line
    (参加者は課長、松浦、岸本です; 出席者：北浜、南丘). A list of names alone (（田中、佐藤）) is people's.
    """
    start, stop = morphemes[at].begin(), morphemes[at].end()
    before, after = text[start - 1 : start], text[stop : stop + 1]
    if not before or not after:
        return False
    inside = (before in _COMMAS and after in (*_COMMAS, ")")) or (before == "(" and after in _COMMAS)
    inside = inside or (after in _COMMAS and _opens_a_long_list(morphemes, at))
    if not inside or _LIST_CUE.search(text, max(0, start - _LIST_CUE_REACH), start):
        return False
    return any(_shows_a_thing(item) for item in _comma_items(morphemes, at))


def _opens_a_long_list(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` opens a list of three items or more (窓口は北浜、南丘、緑ヶ原の3か所).

    A comma after a first word alone may be a pause after whom one speaks of (今井、さっきのメール).
    """
    _, last = _joined_word(morphemes, at + 2) if at + 2 < len(morphemes) else (at, at)
    return last + 1 < len(morphemes) and morphemes[last + 1].surface() in _COMMAS


def _comma_items(morphemes: Sequence[Any], at: int) -> list[Sequence[Any]]:
    """The items, each its words, of the list separated by commas around ``morphemes[at]`` (`_LIST_REACH`).

    An item is the words joined into one (nouns, prefixes, suffixes, a place's ヶ: みなと + 台 + 西, 緑 + ヶ
    + 原) between commas, or between a comma and a particle, a mark or a space.
    """
    first, last = _joined_word(morphemes, at)
    items = [morphemes[first : last + 1]]
    left = first
    for _ in range(_LIST_REACH):
        if left < 2 or morphemes[left - 1].surface() not in _COMMAS:
            break
        left, end = _joined_word(morphemes, left - 2)
        items.append(morphemes[left : end + 1])
    right = last
    for _ in range(_LIST_REACH):
        if right + 2 >= len(morphemes) or morphemes[right + 1].surface() not in _COMMAS:
            break
        begin, right = _joined_word(morphemes, right + 2)
        items.append(morphemes[begin : right + 1])
    return items


def _shows_a_thing(item: Sequence[Any]) -> bool:
    """Whether a list's item is a place's or a thing's, not a person's.

    It joins a place's parts with ヶ (緑ヶ原) or holds a noun the dictionary reads neither as a name there
    nor as one before さん alone (中央, 北浜駅, 駅東 + 口, みなと + 台), that is no title (課長) and no
    word it lacks (a rare surname).
    """
    return any(
        morpheme.surface() in _PLACE_JOINS
        or (
            morpheme.part_of_speech()[0] == "名詞"
            and morpheme.part_of_speech()[1] != "数詞"
            and not morpheme.is_oov()
            and not _is_name(morpheme)
            and not _TITLE.fullmatch(morpheme.surface())
            and not _taken_as_surname(morpheme.surface())
        )
        for morpheme in item
    )


def _guessed_in_hiragana(text: str, word: Any, lines: _Lines) -> bool:
    """Whether a name the dictionary reads in a line of hiragana alone is its guess at splitting a run.

    A line without kanji (``lines``: `_kanji_lines`) was typed without conversion (on a phone:
    しゅうがくつうち　とどかない, 就学通知が届かない); there a word in hiragana that begins inside a run of
    hiragana (`_cut_from_hiragana`), or whose run goes on past the particle after it (しゅう + が +
    くつうち), is no name. In a line with kanji, a name in hiragana was written so (すずきがさっきから電話
    してる, ひろみが対応済み).
    """
    start, stop = word.begin(), word.end()
    starts, kanji = lines
    if kanji[bisect_right(starts, start) - 1]:
        return False
    return _cut_from_hiragana(text, start) or bool(
        _HIRAGANA_WORD.match(text, stop - 1) and _HIRAGANA_AFTER_PARTICLE.match(text, stop)
    )


def _cut_from_hiragana(text: str, start: int) -> bool:
    """Whether a word in hiragana at ``start`` begins inside a run of hiragana (じりつしえんい + りょう).

    Where a run of hiragana is split into words is the dictionary's guess (a query typed without kanji
    conversion); a particle of one character after other script begins no run (担当はひろみが).
    """
    if not start or not _HIRAGANA_WORD.match(text, start) or not _HIRAGANA_WORD.match(text, start - 1):
        return False
    particle = text[start - 1] in _ONE_CHARACTER_PARTICLES
    return not (particle and (start == 1 or not _HIRAGANA_WORD.match(text, start - 2)))


def _closes_with_particle(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` is a particle that ends a clause or a line (美咲から。, 大輔まで)."""
    if at >= len(morphemes) or morphemes[at].part_of_speech()[0] != "助詞":
        return False
    return bool(_CLAUSE_END.match(text, morphemes[at].end()))


def _surname_read_otherwise(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether a proper noun the dictionary reads as a place or a thing here is a surname.

    It reads many surnames as places (松本様, 清水課長), and some as other proper nouns in some
    contexts (山崎 in 申請者は山崎くん); an honorific or a staff title after it (a given name
    between them or not), or 〜って人, に聞いた or で対応します (not after a prefecture: 福岡で対応)
    when it reads it as a name before さん alone, says that it is one, and so does what only a person has
    (`_BELONGING`: 松本の机, 中野のハンコ). A municipality (横浜市さん,
    世田谷区さん) is not, and other proper nouns are companies as often (富士通さん, NECさん):
    one read as a thing counts only when the dictionary reads it as a name before さん alone.
    """
    morpheme = morphemes[at]
    surface = morpheme.surface()
    category = morpheme.part_of_speech()[1:3]
    if category not in (("固有名詞", "地名"), ("固有名詞", "一般")):
        return False
    stop = _with_unknown_given_name(text, morphemes, at + 1, morpheme.end(), _AFTER_PROPER_NOUN)
    after = _skip_space(text, stop)
    titled = _AFTER_PROPER_NOUN.match(text, after) or stop > morpheme.end()
    taking_on = _TAKES_ON.match(text, after) and not _prefecture(surface)
    away = _AWAY_BARE.match(text, morpheme.end()) and _word_of_its_own(morphemes, at)  # 大塚休みだから
    belonging = _BELONGING.match(text, morpheme.end())  # 松本の机
    if not (titled or _CUE_AFTER.match(text, after) or taking_on or away or belonging):
        return False
    # A place counts before an honorific or a title, not a municipality (横浜市さん) unless a surname
    # before さん (中村, a village here), nor a place of one kanji (葵くん) unless the same; before
    # a cue such as に確認 or より, only a place read as a surname before さん (松本, not 東京).
    place = titled and category[1] == "地名" and len(surface) > 1 and surface[-1] not in _MUNICIPAL
    return place or _read_before_san(surface) == "人名"


_LATIN_ROLE_BEFORE = lazy.compile(rf"(?<![A-Za-z])(?:{_LATIN_ROLES})[ \t]*[:：=]?[ \t\u3000]*$")
"""A label in Latin letters and a space or a colon right before a word (staff 宮内, CW: 大石)."""


def _place_named_as_a_person(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether a proper noun the dictionary reads as a place or a thing here is a surname, by what precedes.

    Alone on a message's last line after a sentence or a signature's dashes, it signs the message (三好 under
    以上、よろしくお願いいたします。); a prefecture there is where the sentence points (福岡 under
    次の出張先です。).

    After a cue that a person follows (担当：松本, 参加者：栗原、日野, 世帯主：本田, read
    as the company) or after a section or position and before です or a particle, spaced too
    (総務課の松本です, 福祉課の永田から, 係長 の 船橋 が), a place or a thing it reads as a name before さん
    alone is a surname; 会場は松本です and 総務課の松本出張 stay; so it is after a title and a comma,
    introducing oneself (保育園の園長、瀬戸です). After a position or a label in Latin letters, so is a word
    of two kanji it reads as a common noun there (課長の大石が, 新人の古川に, staff 宮内: a big stone, an
    old river, the court; 来庁者は東口の駐車場へ stays).
    """
    morpheme = morphemes[at]
    category = morpheme.part_of_speech()[1:3]
    word = category == ("普通名詞", "一般") and len(morpheme.surface()) == 2 and _kanji_noun(morpheme)
    if category not in (("固有名詞", "地名"), ("固有名詞", "一般")) and not word:
        return False
    start, stop = morpheme.begin(), morpheme.end()
    cued = _LATIN_ROLE_BEFORE.search(text, max(0, start - 24), start) if word else _cued(text, start)
    introduced = (_related(text, start) and _INTRODUCED.match(text, _skip_space(text, stop))) or (
        _TITLE_AND_COMMA.search(text, max(0, start - 12), start) and _INTRODUCING.match(text, stop)
    )
    signed = (
        not word
        and _TEXT_END.match(text, stop)
        and _SIGNED_LAST.search(text, max(0, start - 16), start)
        and not _prefecture(morpheme.surface())
    )
    return bool(cued or introduced or signed) and _read_before_san(morpheme.surface()) == "人名"


def _name_read_as_word(text: str, morphemes: Sequence[Any], at: int) -> bool:
    """Whether an ordinary word here, with an honorific or a staff title after it, is a name.

    The dictionary reads many names as words except before さん: 葵さん and 林さん are names to it,
    葵様, 桜ちゃん, 林様 and さとう様 a hollyhock, a cherry tree, a wood and sugar. A common noun
    of one or two kanji or of kana counts when an honorific or a staff title follows it, no prefix
    comes before it (お客様) and the dictionary reads it as a name before さん alone, or it is a surname
    it reads as a word even there (西さん, 池ちゃん: `_SURNAMES_READ_AS_WORDS_BEFORE_SAN`); 皆様, 業者さん,
    奥様 stay, and so does 神様 (`_HONOURED_WORDS`).
    """
    morpheme = morphemes[at]
    surface = morpheme.surface()
    if morpheme.part_of_speech()[1] != "普通名詞" or surface in _HONOURED_WORDS:
        return False
    if not (_KANJI_WORD.fullmatch(surface) or _KANA_WORD.fullmatch(surface)):
        return False
    if at > 0 and morphemes[at - 1].part_of_speech()[0] == "接頭辞":
        return False
    after = _skip_space(text, morpheme.end())
    if not _AFTER_WORD.match(text, after) or _NOT_HONORIFIC.match(text, after):
        return False
    if _taken_as_surname(surface):
        return True
    someones = _related(text, morpheme.begin()) or _OF_BEFORE.search(
        text, max(0, morpheme.begin() - 4), morpheme.begin()
    )
    return bool(someones) and len(surface) >= 2 and _surname_before_given_names(surface)


def _surname_before_given_names(word: str) -> bool:
    """Whether the dictionary reads a word of kanji as a surname before a given name (大関太郎, 仲間花子).

    It reads 大関, 大空 and 仲間 as a sumo rank, the sky and friends even before さん, but as surnames
    before a given name; so it does 大家, as often a landlord called 大家さん (`_NOUNS_OF_PEOPLE`).
    """
    from sudachipy import SplitMode

    if word in _NOUNS_OF_PEOPLE or not _KANJI_SURNAME.fullmatch(word):
        return False
    for given in _PROBED_GIVEN_NAMES:
        first = tokenizer().tokenize(f"{word}{given}", SplitMode.C)[0]
        if first.surface() != word or tuple(first.part_of_speech()[2:4]) != ("人名", "姓"):
            return False
    return True


def _full_names_read_as_words(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A surname the dictionary reads as a word, a space and a given name, after who the person is.

    相談員 の 仲間 ひなた, 職員 の 岬 はるき, 大野木 ミサ: the surname a word of kanji it reads as a surname
    before a given name (`_surname_before_given_names`) or as one there, the given name one it reads, in
    hiragana or katakana, as a given name or a proper noun before さん (ミサ is a mass to it, ひなた a sunny
    spot), ending an item or before a particle; after a position or section (`_related`), a cue, or a name
    found and と or 、 (岬 はるき と 大野木 ミサ). 職員 の 仲間 たち stays: たち is no name.
    """
    for at, morpheme in enumerate(morphemes[:-1]):
        surface = morpheme.surface()
        if morphemes[at + 1].surface() not in _SPACE_WORDS or not _KANJI_SURNAME.fullmatch(surface):
            continue
        given = _GIVEN_AFTER_SPACE.match(text, morphemes[at + 1].end())
        if not given or not _given_name_in_kana(given.group(1)):
            continue
        start = morpheme.begin()
        before = (
            _related(text, start)
            or _cued(text, start)
            or _LISTED_BEFORE.search(text, max(0, start - 3), start)
        )
        read = morpheme.part_of_speech()[2:4]
        if before and (read == ("人名", "姓") or _surname_before_given_names(surface)):
            yield start, morpheme.end()
            yield given.span(1)


def _given_name_in_kana(word: str) -> bool:
    """Whether the dictionary reads kana, in either spelling, as a given name or a proper noun before さん."""
    if word in _PLURALS:
        return False
    if _named_in_kana(word, "名"):
        return True
    read = _part_of_speech_before_san(to_katakana(word))
    return read is not None and read[1] == "固有名詞" and read[2] != "地名"
