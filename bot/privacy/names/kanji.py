"""Kanji names the dictionary reads as ordinary words or splits wrongly.

Surnames of one kanji (森が担当), full names apart by a space one part of which it reads otherwise, Chinese
and Korean names, surnames split before a title (佐 + 藤保 + 健師) or joined to a section (課田 + 中).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from bot.privacy import lazy
from bot.privacy.names.cues import (
    _AFTER_NAME,
    _AFTER_WORD,
    _AWAY,
    _BARE_PARTICLE,
    _CUE_AFTER,
    _EAST_ASIAN_SURNAMES,
    _KANJI_SURNAME,
    _KANJI_WORD,
    _LONE_KANJI,
    _MEETING,
    _NOT_HONORIFIC,
    _NOT_ONE_KANJI_NAMES,
    _ON_DUTY,
    _ONE_KANJI_LABELS,
    _OTHER_TITLES,
    _SPACE,
    _STAFF_TITLES,
    _STILL,
    _SUBJECT,
    _SURNAMES_READ_AS_WORDS_BEFORE_SAN,
    _TAKES_ON,
    _WHEN,
    _WORDS_TAGGED_AS_NAMES,
)
from bot.privacy.names.lists import _begins_a_word, _one_kanji_item
from bot.privacy.names.read_otherwise import _ends_a_compound
from bot.privacy.names.words import (
    _cued,
    _is_name,
    _kanji_noun,
    _morphemes,
    _one_kanji_surname,
    _part_of_speech_before_san,
    _read_before_san,
    _related,
    _skip_space,
    _taken_as_surname,
    _word_of_its_own,
)

_ONE_KANJI_CUE = lazy.compile(
    "(?:に|から|と|へ)(?:は|も|の)?(?:聞|訊|連絡|電話|相談|確認|メール|問い?合わせ|問合せ|報告|返事|返信|"
    "引き?継|依頼|頼ん|頼む|お願い|任せ|話し|丸投げ|回答)"
    rf"|{_SUBJECT}(?:担当|対応|{_AWAY}|言っ|言う|作っ|書い|在宅|テレワーク|出勤|研修|窓口|当番)"
    rf"|{_SUBJECT}(?:{_STILL}(?:戻|帰)(?:っ|ら|り|る)|(?:戻|帰)(?:ったら|り次第|られ))"
    rf"|が{_STILL}?持って(?:き|来)|(?:って|は|も){_STILL}?(?:いる|いない|いま(?:す|せん))"
    "|から(?:返事|返信)|(?:って|という)(?:人|方)|[とも]一緒|と(?:二人|ふたり)で|から(?:書類|資料|ファイル)?を?(?:受け取|もら)"
    rf"|[、,](?:{_WHEN}(?:は|も)?)?(?:{_AWAY})|{_ON_DUTY}|{_MEETING}"
    r"|(?:が|は)[^、。!?\n]{1,12}の担当(?!者)"
)
"""After a surname of one kanji, the cues of `_CUE_AFTER` that say a person at work or on the phone; also
沖と一緒に, 畑も一緒に, 林と二人で, 林と話した, 柴から回答, 畑から書類受け取った, 岡が持ってきた,
泉ってまだいる (いる, not ある: someone), a comma before who is away (北、今日は休みです), and who comes
back to the office, as said of a person (岡が戻ったら, 峰はもう帰った, 沖が戻り次第; not 光が戻った)."""
_NAMES_READ_AS_PREFIXES = frozenset("原島光")
"""Surnames of one kanji that the dictionary reads as prefixes before a title (原主任, 島係長, 光課長); of the
65 kanji it reads so that are names before さん, the others begin office words as often (新課長, 全課長)."""
_KANJI_BEFORE_TITLE = lazy.compile(
    r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{2,4})(?="
    + "|".join(t for t in (*_OTHER_TITLES, *_STAFF_TITLES) if t != "区長")
    + ")"
)
_NAME_AFTER_SECTION = lazy.compile(
    r"(?<=[\u4e00-\u9fff]{2}[課係室班])(?!課|係|室|班|長|内|員|題|全)([\u4e00-\u9fff々]{2,4})"
    r"(?=です|でした|から|より|が|は|も|の|に|と|へ|まで|[、,。)\n]|$)"
)
"""A name written straight after a section (福祉課田中です, 市民課田村から, 税務課高橋、区民課鈴木の3名)."""
_INTRODUCED_AFTER_SECTION = lazy.compile(
    r"(?<=[\u4e00-\u9fff]{2}[課係室班]の)([\u4e00-\u9fff々]{2,4})(?=です|でございます|と申します)"
)
"""Someone introducing themselves after their section and の (区民課の戸川でございます), a name the dictionary
may split (戸 + 川)."""
_KANJI_BEFORE_KUN = lazy.compile(
    r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{1,2})(?=(?:くん|ちゃん)(?![だでじよねなけか?？]))"
)
"""A given name of kanji before くん or ちゃん, which the dictionary may read with them (翔く + ん); not a
verb's ending before what one says (行くんだけど, 書くんですか)."""
_ALONE_ON_LINE = lazy.compile(
    r"(?:^|(?<=[。!?]))[\u4e00-\u9fff](?=\n|$)|(?<=\()[\u4e00-\u9fff](?=\)[ \t\u3000]*(?:\n|$))"
    r"|(?<=【)[\u4e00-\u9fff](?=】)",
    re.MULTILINE,
)
"""One kanji alone on its line, after a sentence at a line's end, in parentheses ending a line or in 【】:
a signature (確認しました。北) or who does an item of a list (1. 要件整理（西）, 担当【森】【林】)."""
_EAST_ASIAN_NAME = lazy.compile(
    rf"(?<![\u4e00-\u9fff々])([{_EAST_ASIAN_SURNAMES}][ \u3000](?!曜|額|融|庫|属|利|家(?![\u4e00-\u9fff々]))"
    r"[\u4e00-\u9fff々]{1,2})(?![\u4e00-\u9fff々])"
)
"""A Chinese or Korean name as written in Japan: a surname of one kanji common there, a space, and a given
name of one or two kanji the dictionary rarely knows (張 偉, 尹 在勲, 孫 静; 金 曜日 is a day, 林 家 a
household: `_one_kanji_households`)."""
_SPACED_HOUSEHOLD = lazy.compile(r"[ \u3000]家(?=[ \t\u3000\n、。,(（）)]|[のがはもにをへとだで]|$)")
"""A household's 家 after a word and a space, the word ending there (岡 家 の 3名, 谷 家（独居））."""


def _one_kanji_full_names(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A surname of one kanji, a space and a given name the dictionary reads as one (浜 和夫, 星 キヨ).

    The dictionary reads the surname as a word (a beach, the east, a star); with a given name right after it,
    it is the name's first half.
    """
    for at in range(len(morphemes) - 2):
        given = morphemes[at + 2]
        if (
            morphemes[at + 1].surface() in _SPACE
            and given.part_of_speech()[1:4] == ("固有名詞", "人名", "名")
            and _one_kanji_item(morphemes, at)
        ):
            yield morphemes[at].begin(), given.end()


def _full_names_read_otherwise(morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """A surname and a given name of kanji apart by a space, one of them read otherwise there.

    The dictionary reads 荒川 in 荒川 幸雄 as a place and 智恵 in 三宅 智恵 as a noun (wisdom); a word it
    reads as a surname (here or before さん alone) and one it reads as a given name (here or alone before
    さん), the one tagged as a name here, are a full name (旧 荒川 幸雄, 代表 三宅 智恵, （田中 実）).
    区民 花子 and 山崎 会計 stay: 区民 is no surname, 会計 no given name. Before a line break the dictionary
    may tag neither (香取 一夫 then a line): the pair is read again alone, a given name of two kanji or more.
    """
    for at in range(len(morphemes) - 2):
        first, space, given = morphemes[at], morphemes[at + 1], morphemes[at + 2]
        if (
            space.surface() not in _SPACE
            or not _KANJI_SURNAME.fullmatch(first.surface())
            or not _KANJI_WORD.fullmatch(given.surface())
            or len(first.surface()) + len(given.surface()) < 3
            or (_is_name(first) and _is_name(given))  # `_name_runs`' full name
            or not (_is_name(first) or _is_name(given) or _tagged_alone(first.surface(), given.surface()))
            or not _begins_a_word(morphemes, at)
            or (at + 3 < len(morphemes) and _kanji_noun(morphemes[at + 3]))
        ):
            continue
        if _name_kind(first) == "姓" and _name_kind(given) == "名":
            yield first.begin(), given.end()


def _tagged_alone(surname: str, given: str) -> bool:
    """Whether the dictionary tags either word as a name in ``surname given`` read alone (香取 一夫)."""
    if len(given) < 2:
        return False
    words = _morphemes(f"{surname} {given}")
    return len(words) == 3 and (_is_name(words[0]) or _is_name(words[2]))


def _name_kind(morpheme: Any) -> str | None:
    """姓 or 名 as the dictionary tags ``morpheme`` here, or else read alone before さん."""
    if _is_name(morpheme):
        return str(morpheme.part_of_speech()[3])
    before_san = _part_of_speech_before_san(morpheme.surface())
    return before_san[3] if before_san and before_san[2] == "人名" else None


def _surnames_read_as_words(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Surnames the dictionary reads as ordinary words here, shown to be a person's by what follows.

    In 係の山田に聞いた it reads 山田 as a rice field, 西村へメール as 西 + 村 and 村上で対応 as 村 + a
    suffix 上. A common noun of kanji (or two one-kanji nouns together) counts when what follows says a
    person (`_CUE_AFTER`: に聞いた, から連絡, って人; `_TAKES_ON`: で対応), or who they are comes before it
    and a particle after it (窓口の桑原が), or, for two one-kanji nouns, an honorific (区民の秋 + 元様),
    and the dictionary reads it as a name before さん alone; 係に聞いた, 窓口に確認 and 上司に相談 stay, and
    so does a word joined to the one before it (区 + 役所 in 区役所経由).
    """
    for at, morpheme in enumerate(morphemes):
        if not _kanji_noun(morpheme) or _in_a_compound(morphemes, at):
            continue
        start, stop = morpheme.begin(), morpheme.end()
        if stop - start == 1:
            following = morphemes[at + 1] if at + 1 < len(morphemes) else None
            suffix = following is not None and following.part_of_speech()[0] == "接尾辞"
            if following is None or not (_kanji_noun(following) or suffix):  # 西 + 村, 村 + 上
                continue
            stop = morphemes[at + 1].end()
            if stop - start != 2:
                continue
        # 一人で対応, 全員で対応: a word that can be an adverb says how, not who.
        adverbial = morpheme.part_of_speech()[2] == "副詞可能"
        cue = _CUE_AFTER.match(text, stop) or (_TAKES_ON.match(text, stop) and not adverbial)
        if stop > morpheme.end():  # two words of one kanji (秋 + 元), which no honorific follows otherwise
            cue = cue or (_AFTER_WORD.match(text, stop) and not _NOT_HONORIFIC.match(text, stop))
        related = _related(text, start) and _BARE_PARTICLE.match(text, stop) and stop - start >= 2
        cue = cue or (related and not adverbial)
        if cue and _read_before_san(text[start:stop]) == "人名":
            yield start, stop


def _one_kanji_surnames(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Surnames of one kanji that the dictionary reads as words (森, 原, 堀), before a cue of work.

    森が担当, 原が対応中, 堀から電話, 東は本日休み: a lone kanji noun, a word of its own (at the
    start, or after a particle, a mark or a space), that the dictionary reads as a name before さん
    alone, with someone's work or a call after it (`_ONE_KANJI_CUE`, narrower than `_CUE_AFTER`: 春が来た
    and 花に話しかける stay) or a cue, or a position and a space or a parenthesis, before it and a
    particle or a mark after it (担当の森に, 担当：林, 係長（森）; 部長の順に stays),
    unless it is as often whom or where one calls (`_NOT_ONE_KANJI_NAMES`:
    担当の方から電話, 孫に聞いた, 室に連絡 stay). Before a title, the dictionary reads 原, 島 and 光 as
    prefixes (原課長, 光課長): those three count there (`_NAMES_READ_AS_PREFIXES`; 新課長, 全課長 stay).
    """
    for at, morpheme in enumerate(morphemes):
        surface = morpheme.surface()
        if not _word_of_its_own(morphemes, at):
            continue
        if surface in _NAMES_READ_AS_PREFIXES and _AFTER_NAME.match(text, morpheme.end()):
            yield morpheme.begin(), morpheme.end()
            continue
        if len(surface) != 1 or surface in _NOT_ONE_KANJI_NAMES or not _kanji_noun(morpheme):
            continue
        if morpheme.part_of_speech()[2] != "一般":  # 逆にお願い, 横に確認: words that say how or where
            continue
        after = _skip_space(text, morpheme.end())
        start = morpheme.begin()
        shown = _ONE_KANJI_CUE.match(text, after) or (
            _BARE_PARTICLE.match(text, after)
            and (_cued(text, start) or (text[start - 1 : start] in ("(", *_SPACE) and _related(text, start)))
        )
        if surface in _SURNAMES_READ_AS_WORDS_BEFORE_SAN and text.startswith("から", after):
            continue  # 北から連絡: the branch office to the north as often as 北さん
        if _together_describing(morphemes, at):
            continue  # 森と一緒に歩くハイキング: a forest in what a thing is, not a colleague
        if _ends_a_compound(morphemes, at):
            continue  # 市民 税 を 払う: a tax typed word by word, not a colleague
        if shown and _taken_as_surname(surface):
            yield start, morpheme.end()


def _one_kanji_households(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Surnames of one kanji before a household's 家, spaced as a sentence typed word by word (岡 家 の 3名).

    A word of its own the dictionary reads as a surname before さん, or one of those it reads as a word even
    there (`_taken_as_surname`: 谷, 関), then a blank and 家 ending a word: a family, when the dictionary
    reads the two together as no common noun (実 家, 農 家, 本 家, 新 家 and 南 家 stay: a parents' home, a
    farmer, a head family, a new house).
    """
    spans = []
    asked: dict[str, bool] = {}  # each kanji asked about once a text: a list repeats its households
    for at, morpheme in enumerate(morphemes):
        surface = morpheme.surface()
        if not (_LONE_KANJI.fullmatch(surface) and _SPACED_HOUSEHOLD.match(text, morpheme.end())):
            continue
        if not _word_of_its_own(morphemes, at):
            continue
        if surface not in asked:
            joined = _morphemes(f"{surface}家")
            common = len(joined) == 1 and joined[0].part_of_speech()[1] == "普通名詞"
            asked[surface] = not common and _taken_as_surname(surface)
        if asked[surface]:
            spans.append((morpheme.begin(), morpheme.end()))
    return spans


def _together_describing(morphemes: Sequence[Any], at: int) -> bool:
    """Whether ``morphemes[at]`` と一緒に (も一緒に) opens a clause that describes a noun (森と一緒に歩く…).

    With a colleague, と一緒に tells what one does (森と一緒に外回り行ってきます); a verb right after it that
    ends before a noun makes the clause a description of the noun, which a wood or a star fits as well.
    """
    words = [m.surface() for m in morphemes[at + 1 : at + 4]]
    if words not in (["と", "一緒", "に"], ["も", "一緒", "に"]) or at + 5 >= len(morphemes):
        return False
    verb, noun = morphemes[at + 4], morphemes[at + 5]
    return bool(verb.part_of_speech()[0] == "動詞" and noun.part_of_speech()[0] == "名詞")


def _signed_with_one_kanji(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """A surname of one kanji signing a line or a list's item (`_ALONE_ON_LINE`): 谷, 了解です。東, （南）.

    It counts when it is a word of its own that the dictionary reads as a surname before さん alone, or
    one of those it reads as a word even there (`_taken_as_surname`); （株）, （済）, （未） are not, nor
    the labels the dictionary reads as surnames too (`_ONE_KANJI_LABELS`: （新）, （正）, （金）).
    """
    starting = {m.begin(): m for m in morphemes}
    return [
        match.span()
        for match in _ALONE_ON_LINE.finditer(text)
        if (word := starting.get(match.start())) is not None
        and word.end() == match.end()
        and match.group() not in _NOT_ONE_KANJI_NAMES | _ONE_KANJI_LABELS
        and _one_kanji_surname(word)
    ]


def _split_before_titles(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """Surnames before a title that the dictionary splits wrongly (佐藤保健師: 佐 + 藤保 + 健師; 翔く + ん).

    The two to four kanji where kanji begin, right before a title, count when no word of the
    dictionary's reading ends where they do (it split them wrongly; a word it reads right is left to
    `_name_runs`) and it reads them as a name before さん alone (地区保健師, 生活相談員 and 民生委員
    stay). Not before 区長: 大田区長 is a ward's mayor.
    """
    ends = {m.end() for m in morphemes}
    before_titles = [*_KANJI_BEFORE_TITLE.finditer(text), *_KANJI_BEFORE_KUN.finditer(text)]
    return [
        match.span(1)
        for match in before_titles
        if match.end(1) not in ends
        and match.group(1) not in _WORDS_TAGGED_AS_NAMES
        and _read_before_san(match.group(1)) == "人名"
    ]


def _names_after_sections(text: str) -> list[tuple[int, int]]:
    """Names joined to the section before them (福祉課田中です), split wrongly by the dictionary (課田 + 中).

    The kanji after a section's 課, 係, 室 or 班, before です, a particle or a mark, count when the
    dictionary reads them as names on their own (a surname, or a surname and a given name): 総務課長,
    福祉課内で, 業務課題 and 保育課窓口から stay. So do the kanji after a section and の before です or
    と申します (区民課の戸川でございます; 区民課の窓口です stays).
    """
    after = [*_NAME_AFTER_SECTION.finditer(text), *_INTRODUCED_AFTER_SECTION.finditer(text)]
    return [match.span(1) for match in after if _names_alone(match.group(1))]


def _names_alone(word: str) -> bool:
    """Whether the dictionary reads ``word`` before さん as one name, or as a surname and a given name."""
    if _read_before_san(word) == "人名":
        return True
    words = _morphemes(word)
    return len(words) == 2 and all(_is_name(w) for w in words)


def _in_a_compound(morphemes: Sequence[Any], at: int) -> bool:
    """Whether a prefix or a suffix joins the word at ``at`` to the one before (区 + 役所 in 区役所)."""
    before = morphemes[at - 1] if at else None
    return before is not None and before.part_of_speech()[0] in ("接頭辞", "接尾辞")


_UNWELL = lazy.compile(
    "[がは]、?(?:朝から|昨日から|昨夜から|夜中に|また|急に)?"
    "(?:(?:熱|発熱|高熱|微熱)(?:が|出|っぽ|で|も|あり|ある|、)|吐|嘔吐|咳|せき|鼻水|下痢|腹痛|頭痛|風邪|かぜ|インフル|胃腸炎|体調|具合|怪我|けが|ケガ"
    "|骨折|入院|通院|寝込|ぐずっ|手足口|水疱瘡|おたふく)"
)
"""What a sick child has or does after が or は (翔が熱出した, 蓮が吐いて): a word for a body's trouble (a
fever before what it does, not 熱帯 or 熱心)."""


def _unwell_given_names(text: str, morphemes: Sequence[Any]) -> list[tuple[int, int]]:
    """A given name of one kanji alone before what a sick child has (翔が熱出したので休みます).

    Staff write a child's absence by the child's given name alone, and a one-kanji given name is a common
    noun as often (光, 空): only where the dictionary tags it a given name there, as a word of its own,
    before が or は and a body's trouble (`_UNWELL`); 熱が出た, 空が曇って stay.
    """
    spans = []
    for at, morpheme in enumerate(morphemes):
        if (
            len(morpheme.surface()) == 1
            and morpheme.part_of_speech()[1:4] == ("固有名詞", "人名", "名")
            and _word_of_its_own(morphemes, at)
            and _UNWELL.match(text, morpheme.end())
        ):
            spans.append((morpheme.begin(), morpheme.end()))
    return spans


_WITH_READING_BEFORE_HONORIFIC = lazy.compile(
    r"(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{2,6})\(([ぁ-ゖー]{2,12})\)"
    r"[ \t\u3000]*(?:さん|様|さま|くん|ちゃん|氏|殿)"
)
"""Kanji and their reading in hiragana in parentheses before an honorific (勘解由小路（かでのこうじ）さん):
the dictionary cuts the reading into particles and loses the kanji's tie to the honorific."""
_SELF_NAMED = lazy.compile(
    r"(?:^|(?<=[「『\"“]))([\u4e00-\u9fff々]{2,4})(?:って|という|と申す)者", re.MULTILINE
)
"""A word of kanji opening a quote or a line before って者 (「大門って者ですけど」): a caller naming
themselves, whatever the dictionary reads the word as."""
_NOT_A_PERSON_ENDING = lazy.compile("[市区町村都道府県課係局部室社所院園校会]$")
"""How a place's, a section's or a body's word ends (港区, 総務課, 福祉事務所): no one's name."""


def _named_with_readings_or_by_themselves(text: str) -> list[tuple[int, int]]:
    """Names the dictionary's words do not show: read before an honorific, or given by a caller.

    Kanji with their reading before an honorific (`_WITH_READING_BEFORE_HONORIFIC`), both masked, and a
    caller's own name before って者 (`_SELF_NAMED`); neither a place's nor a section's word.
    """
    spans = []
    for match in _WITH_READING_BEFORE_HONORIFIC.finditer(text):
        if not _NOT_A_PERSON_ENDING.search(match.group(1)):
            spans += [match.span(1), match.span(2)]
    for match in _SELF_NAMED.finditer(text):
        if not _NOT_A_PERSON_ENDING.search(match.group(1)):
            spans.append(match.span(1))
    return spans
