"""Names given with who they are in a family (父の勝が, 姉の結愛（6歳）, 祖父 茂、) or a house (池田家)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from bot.privacy import lazy
from bot.privacy.names.cues import (
    _AGE,
    _BARE_PARTICLE,
    _FAMILY,
    _KANA_WORD,
    _KANJI_WORD,
    _KIN_WORDS,
    _LONE_KANJI,
    _NOT_ONE_KANJI_NAMES,
    _ONE_KANJI_LABELS,
)
from bot.privacy.names.kana import _OLD_GIVEN_NAME
from bot.privacy.names.words import _is_name, _read_before_san, _related

_BEFORE_KIN_IN_PARENTHESES = lazy.compile(
    r"(?:(?<=[、,:/ \t\u3000\n「])|^)([\u4e00-\u9fff々]{1,4}|[ぁ-ゖー]{2,6}|[\u30a1-\u30faー]{2,8})"
    rf"(?=[ \t\u3000]*\({_FAMILY}(?:[・、,][^()]{{0,10}})?\))",
    re.MULTILINE,
)
"""A name before who they are in a family, in parentheses: 結衣（長女・高2）, けんたろう（子・小5）."""
_AFTER_KIN_IN_PARENTHESES = lazy.compile(
    rf"(?<![\u4e00-\u9fff々])(?:{_FAMILY}|お子さん|子ども|息子さん|娘さん|本人|相談者|対象者|利用者|申請者)\("
    r"([\u4e00-\u9fff々]{1,4}|[ぁ-ゖー]{2,6}|[\u30a1-\u30faー]{2,8})(?=[、,)])"
)
"""A name in parentheses after who they are in a family (母（さおり）, 娘さん（キヨ）) or in a case
(本人（かおり）, 相談者（ゆみ）), which `_kin_in_parentheses` asks the dictionary about."""
_KIN_BEFORE = lazy.compile(rf"(?<![\u4e00-\u9fff々])(?:{_FAMILY}|{_KIN_WORDS}|主人)の$")
"""A family member and の right before a name (父の勝が, 娘のさくらが, 家内の真由美が)."""
_FAMILY_MEMBER_WITH_AGE = lazy.compile(
    rf"(?<=の)([\u4e00-\u9fff々]{{1,4}}|[ぁ-ゖー]{{2,6}}|[\u30a1-\u30faー]{{2,8}})(?={_AGE})"
)
"""A name after a family member and の, before an age (姉の結愛（6歳）, 弟の颯（1歳））."""
_CHILD_BEFORE_HONORIFIC = lazy.compile(
    r"(?<![\u4e00-\u9fff々])お?(?:息子|娘|孫|子|長男|長女|次男|次女|三男|三女|弟|妹|甥|姪)(?:さん|さま|様)?の"
    r"([\u4e00-\u9fff々]{1,3})(?=[ \t\u3000]*(?:くん|君|ちゃん))"
)
"""A child's given name of kanji after who they are in a family and の, before くん or ちゃん
(息子さんの陽斗くん, お孫さんの蓮ちゃん): `_children_named` asks the dictionary about it."""
_NAMED_BEFORE_AGE = lazy.compile(
    rf"(?<![\u4e00-\u9fff々])(?:{_FAMILY}|児童|園児|生徒|対象児|本児|こども|子ども|子供|乳児|幼児)"
    r"(?:[ \t\u3000]+|[:：][ \t\u3000]*)"
    r"(?!(?:なし|不明|未定)(?![ぁ-ゖ]))"
    rf"([\u4e00-\u9fff々]{{1,4}}|[ぁ-ゖー]{{2,6}}|[\u30a1-\u30faー]{{2,8}})(?={_AGE})"
)
"""A name after a family member or a child's label and a space or a colon, before an age (子 ゆづき（2）,
児童：りく（5）, 対象児 いちか（4）, 大森 ひなた（年長）; not 本児 なし（年中）): whoever has an age there is
a person, and a name in kana the dictionary lacks is a child's as often as not."""
_LISTED_BEFORE_AGE = lazy.compile(
    r"(?:(?<=[、,:：/ \t\u3000\n])|^)([ぁ-ゖー]{2,6}|[\u30a1-\u30faー]{2,8}|[A-Z][a-z]{1,12})"
    r"(?=[ \t\u3000]*\((?:生後[ \t\u3000]*[0-9]{1,3}日"
    r"|(?:生後[ \t\u3000]*)?[0-9]{1,2}"
    r"(?:(?:歳|才)(?:[0-9]{1,2}(?:か|カ|ヶ|ケ|ヵ|箇)月)?|(?:か|カ|ヶ|ケ|ヵ|箇)月)"
    r"|[小中高][1-6]|[1-6]年生?|年[長中少])(?:[ \t\u3000][^()\n]{0,12})?\))",
    re.MULTILINE,
)
"""A word of kana or Latin letters opening a list's item before an age or a school year in parentheses,
a note after it allowed (はると（1年）, あかり（1歳 妹 同伴）, ゆうと（6か月）, Emma（7歳）,
えま（生後 20日））."""
_KANA_HONORIFICS = ("ちゃん", "くん", "さん", "さま")
"""An honorific in kana ending a word before an age (めいちゃん（0歳））: the name is what comes before it."""
_GIVEN_NAME_AFTER_FAMILY = lazy.compile(
    r"(?:(?<=[、,/ \t\u3000\n])|^)(?:祖父|祖母|父|母|夫|妻|長男|長女|次男|次女|三男|三女|兄|姉|弟|妹|子|孫)"
    r"[ \t\u3000]+([\u4e00-\u9fff々]{1,2})(?=[ \t\u3000]*(?:[、,。/\n)]|$))",
    re.MULTILINE,
)
"""A given name of kanji after a family member and a space, ending a list's item (祖父 茂、母 恵、) or a
note in parentheses (（祖母 トミ、祖父 勝）)."""

_NAMED_BEFORE_HONORIFIC = lazy.compile(
    rf"(?:(?<=[、,:：/ \t\u3000\n(「])|^)(?:{_FAMILY}|{_KIN_WORDS}|本人|対象者|利用者|相談者|申請者|入所者)"
    r"(?:[ \t\u3000]+|[:：][ \t\u3000]*)"
    r"([\u4e00-\u9fff々]{1,4}|[ぁ-ゖー]{2,6}|[\u30a1-\u30faー]{2,8})"
    r"(?=[ \t\u3000]*(?:さん|様|さま|ちゃん|くん|君|氏))",
    re.MULTILINE,
)
"""A name between who someone is in a family or a case and an honorific, set apart by a space or a colon
(母 ウメ さん, 対象者 ウメ さん, 長女：直美さん): `_named_before_honorifics` asks the dictionary about it."""


def _kin_named(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A name after a family member and の, before a particle: 父の勝が, 娘のさくらが, おやじの正雄が.

    A word of one or two kanji or two to four kana that the dictionary reads as a name there or before
    さん alone, with a particle after it (父の車が and 母の病気が stay), unless it is as often whom one
    means (`_NOT_ONE_KANJI_NAMES`: 妻の方が収入が多い compares).
    """
    for at in range(2, len(morphemes)):
        word = morphemes[at]
        start, stop = word.begin(), word.end()
        surface = word.surface()
        if not (
            (_KANJI_WORD.fullmatch(surface) or _KANA_WORD.fullmatch(surface))
            and _BARE_PARTICLE.match(text, stop)
            and _KIN_BEFORE.search(text, max(0, start - 6), start)
        ):
            continue
        adverbial = word.part_of_speech()[2] == "副詞可能"  # 子のために
        if (
            not adverbial
            and surface not in _NOT_ONE_KANJI_NAMES
            and (_is_name(word) or _read_before_san(surface) == "人名")
        ):
            yield start, stop


def _family_members(text: str) -> list[tuple[int, int]]:
    """Names before an age after who they are in a family and の, or a space or a colon.

    姉の結愛（6歳）, 孫のりく（3）; and after a family member or a child's label (`_NAMED_BEFORE_AGE`:
    子 ゆづき（2）, 児童：りく（5））.
    """
    members = _FAMILY_MEMBER_WITH_AGE.finditer(text)
    named = [match.span(1) for match in members if _related(text, match.start())]
    return named + [match.span(1) for match in _NAMED_BEFORE_AGE.finditer(text)]


def _children_before_ages(text: str) -> list[tuple[int, int]]:
    """Children's given names in kana or Latin letters listed before their age (`_LISTED_BEFORE_AGE`).

    Only a child has an age or a school year after a bare given name, and the dictionary reads many of
    theirs as words (あかり a light, ひなた a sunny place, Emma): an item it reads as a name before さん or
    lacks is a child's (えま（生後 20日））, and so are the others listed with one (ひなた（4歳）と ゆうと
    （6か月））. Words alone, a class's or a thing's, stay (クラス（1年）; ひよこ（0歳）と りす（1歳））.
    """
    items = [
        (item.start(1), item.end(1) - _honorific_at_end(item.group(1)))
        for item in _LISTED_BEFORE_AGE.finditer(text)
    ]
    items = [(start, end) for start, end in items if end - start >= 2]
    named = [(start, end) for start, end in items if _read_before_san(text[start:end]) in ("人名", None)]
    return items if named and len(items) >= 2 else named


def _honorific_at_end(word: str) -> int:
    """The length of the honorific in kana that ends ``word`` (`_KANA_HONORIFICS`), 0 for none."""
    return next((len(honorific) for honorific in _KANA_HONORIFICS if word.endswith(honorific)), 0)


def _children_named(text: str) -> list[tuple[int, int]]:
    """A child's given name after who they are in a family, before くん or ちゃん (`_CHILD_BEFORE_HONORIFIC`).

    Of two or three kanji, one the dictionary reads as a name before さん alone or does not hold as one word
    (陽斗 to it is 陽 + 斗); of one kanji, only one it reads as a name (息子の蓮くん). A word it holds as one
    common noun is who a child is, not their name (娘の彼氏くん, 息子さんの友達くん).
    """
    named = []
    for match in _CHILD_BEFORE_HONORIFIC.finditer(text):
        read = _read_before_san(match.group(1))
        if read == "人名" or (read is None and len(match.group(1)) >= 2):
            named.append(match.span(1))
    return named


def _kin_in_parentheses(text: str) -> list[tuple[int, int]]:
    """Names in parentheses after a family member (`_AFTER_KIN_IN_PARENTHESES`).

    Those the dictionary reads as a name before さん alone: 母（さおり）, 子（ゆい、6）; 母（78歳）,
    父（同居） and 妻（パート） stay.
    """
    return [
        match.span(1)
        for match in _AFTER_KIN_IN_PARENTHESES.finditer(text)
        if _read_before_san(match.group(1)) == "人名"
    ]


def _given_names_after_family(text: str) -> list[tuple[int, int]]:
    """Given names of kanji after a family member and a space, ending an item (祖父 茂、母 恵、).

    One or two kanji that the dictionary reads as a name before さん; 父 不明、 and the labels of
    one kanji (`_ONE_KANJI_LABELS`: 母 有、) stay.
    """
    return [
        match.span(1)
        for match in _GIVEN_NAME_AFTER_FAMILY.finditer(text)
        if match.group(1) not in _ONE_KANJI_LABELS | _NOT_ONE_KANJI_NAMES
        and _read_before_san(match.group(1)) == "人名"
    ]


def _families(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Surnames the dictionary holds with 家 (池田家) or splits wrongly before 宅 (原田宅): the surname.

    It reads 佐藤家 as 佐藤 + 家, which `_FROM_OR_HOME` covers; a surname it holds with 家 counts when
    it reads the surname alone as a name before さん, and 家 as ケ: read as ヤ it is a shop's (吉野家). It
    also splits 原田宅 as 原 + 田宅 (a word for
    fields and houses): a lone kanji and a two-kanji word ending in 宅 are a surname's home when the
    lone kanji and the word's first kanji are read as a name before さん.
    """
    for at, morpheme in enumerate(morphemes):
        surface = morpheme.surface()
        house = (
            len(surface) >= 3
            and surface.endswith("家")
            and morpheme.part_of_speech()[1] == "固有名詞"
            and not morpheme.reading_form().endswith("ヤ")
        )
        if house and _read_before_san(surface[:-1]) == "人名":
            yield morpheme.begin(), morpheme.end() - 1
        elif (
            at
            and len(surface) == 2
            and surface.endswith("宅")
            and _LONE_KANJI.fullmatch(morphemes[at - 1].surface())
        ):
            surname = morphemes[at - 1].surface() + surface[0]
            if _read_before_san(surname) == "人名":
                yield morphemes[at - 1].begin(), morpheme.end() - 1


def _named_before_honorifics(text: str) -> list[tuple[int, int]]:
    """Names between who someone is and an honorific (`_NAMED_BEFORE_HONORIFIC`: 母 ウメ さん).

    Who comes between a family member or a case's person and さん is that person's name; the dictionary
    reads older residents' katakana names as words (ウメ a plum, カメ a turtle), so two or three katakana
    count whatever it reads them as, and other words when it reads them as a name before さん or lacks
    them (母 先生 さん, 本人 皆さん stay).
    """
    return [
        match.span(1)
        for match in _NAMED_BEFORE_HONORIFIC.finditer(text)
        if _OLD_GIVEN_NAME.fullmatch(match.group(1)) or _read_before_san(match.group(1)) in ("人名", None)
    ]
