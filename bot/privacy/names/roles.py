"""Names staff type right after what the person does or where they work, or after 名前 は, without honorific.

A role's or a section's word, a blank (or の, は, として, ：) and then one name is how rotas, hand-offs
and minutes lay people out (補助 ニーナ, 司会 は マリア, 財政課 Kobayashi, 名前 は Priya). The name is a
katakana word the dictionary reads as a person's name, or as a filler (通訳 の ウー), or one capitalised
Latin word that it does not read as another word, or that reads in romaji as a surname (Suzuki, Ito:
companies and words in Latin letters too), or two or three capitalised words that open with no such word
and go on with no common noun (区民課 Oliveira Ana; 総務課 Microsoft Teams stays). Between a role, with の or
not, and さん, a katakana word the dictionary reads as a common noun is a name too (担当 の ラジャ さん, 担当
ラジャ さん), unless it is a word for who does a job (担当 の スタッフ さん, 担当 ヘルパー さん).
"""

from __future__ import annotations

from bot.privacy import lazy
from bot.privacy.names.cues import _AFTER_NAME
from bot.privacy.names.latin import _known_word, _surname_in_romaji
from bot.privacy.names.words import _part_of_speech_before_san
from bot.sudachi import tokenizer

_ROLE_OR_SECTION = (
    r"(?:担当|補助|係|司会|記録|受付|案内|誘導|講師|通訳|名前|[課室局班員士師医])"
    r"[ \u3000]{0,2}(?:(?:の|は|として|：|:)[ \u3000]{0,2})?"
)
"""A role's or a section's word and what may stand before the name; blanks bounded, so a long run of them
costs one pass."""
_KATAKANA_AFTER_ROLE = lazy.compile(
    rf"{_ROLE_OR_SECTION}([\u30a1-\u30fa\u30fc]{{2,10}})(?![\u30a1-\u30fa\u30fc・=＝])"
)
"""A katakana word, whole, after a role's or a section's word (補助 ニーナ, 栄養士 の ウー)."""
_KATAKANA_OF_ROLE = lazy.compile(
    r"(?:(?:担当|補助|司会|記録|受付|案内|誘導|講師|通訳)[ \u3000]{0,2}(?:の[ \u3000]{0,2})?"
    r"|(?:係|[課室局班員士師医])[ \u3000]{0,2}の[ \u3000]{0,2})"
    r"([\u30a1-\u30fa\u30fc]{2,10})[ \u3000]{0,2}(?:さん|様|さま|氏|くん|ちゃん)"
)
"""A katakana word between a role's or a section's word and an honorific (担当 の ラジャ さん); の may go
after a role but not after a section (担当 ラジャ さん; 区民課 システム さん, the section's system people,
stays)."""
_PEOPLE_IN_KATAKANA = frozenset(
    (
        "スタッフ メンバー ヘルパー ボランティア ワーカー ケアマネ ケアマネージャー ケアマネジャー "
        "ママ パパ リーダー マネージャー マネジャー チーフ コーチ トレーナー インストラクター ガイド "
        "カウンセラー コーディネーター コンサル コンサルタント アドバイザー サポーター アシスタント "
        "オペレーター エンジニア デザイナー プログラマー ドライバー ガードマン ナース ドクター "
        "セラピスト シッター ベビーシッター ベンダー メーカー ディーラー ユーザー オーナー パートナー "
        "クライアント ゲスト ホスト パート アルバイト バイト ライター カメラマン ディレクター"
    ).split()
)
"""Words for who does a job, which staff write between a role and さん (担当 の スタッフ さん, 係 の
メーカー さん): no one's name."""
_LATIN_AFTER_ROLE = lazy.compile(rf"{_ROLE_OR_SECTION}([A-Z][a-z]{{1,14}})(?![A-Za-z0-9@._'’-]| [A-Z])")
"""One capitalised Latin word, whole and not before another, after a role's or a section's word."""
_LATIN_FULL_AFTER_ROLE = lazy.compile(
    rf"{_ROLE_OR_SECTION}([A-Z][a-z]{{1,14}}(?: [A-Z][a-z]{{1,14}}){{1,2}})(?![A-Za-z0-9@._'’-]| [A-Z])"
)
"""Two or three capitalised Latin words, whole, after a role's or a section's word (区民課 Oliveira Ana)."""

_FULL_NAME_AFTER_ROLE = lazy.compile(
    r"(?<![\u4e00-\u9fff々])(?:補欠|控え|予備|代理|交代(?:要員)?|担当|補助|司会|記録|受付|案内|誘導|講師|通訳)"
    r"[ \u3000]([\u4e00-\u9fff々]{1,3})[ \u3000]([\u4e00-\u9fff々]{1,2})"
    r"(?=[、,。/／\n]|[ \u3000]と[ \u3000]|$)"
)
"""A surname and a word of one or two kanji, each typed apart, after a role in a line-up and ending an item
(補欠 河合 蒼、): the word is the given name, which the dictionary reads as a noun (蒼, 凪: blue, a calm)."""
_NO_GIVEN_NAME = frozenset("家宅方邸班係課組分宛外他等達側氏様殿君")
"""One kanji after a surname that says a household, a section or someone, not a given name (河合 家)."""


def _named_after_roles(text: str) -> list[tuple[int, int]]:
    """Katakana and Latin names written right after a role's or a section's word (module docstring)."""
    found = [
        match.span(1) for match in _KATAKANA_AFTER_ROLE.finditer(text) if _read_as_person(match.group(1))
    ]
    found += [match.span(1) for match in _KATAKANA_OF_ROLE.finditer(text) if _called_by_role(match.group(1))]
    found += [
        match.span(1)
        for match in _LATIN_AFTER_ROLE.finditer(text)
        if _surname_in_romaji([word := match.group(1)]) or not (_known_word(word) or _english_plural(word))
    ]
    found += [match.span(1) for match in _LATIN_FULL_AFTER_ROLE.finditer(text) if _full_name(match.group(1))]
    found += [
        (match.start(1), match.end(2))
        for match in _FULL_NAME_AFTER_ROLE.finditer(text)
        if _given_after_surname(match.group(1), match.group(2))
    ]
    return found


def _given_after_surname(surname: str, given: str) -> bool:
    """Whether ``surname`` alone is a surname to the dictionary, ``given`` no household's nor title's word."""
    from sudachipy import SplitMode

    if given in _NO_GIVEN_NAME or _AFTER_NAME.fullmatch(given):
        return False
    alone = tokenizer().tokenize(surname, SplitMode.C)
    return len(alone) == 1 and alone[0].part_of_speech()[2:4] == ("人名", "姓")


def _full_name(words: str) -> bool:
    """Whether capitalised Latin ``words`` after a role are a person's full name (Oliveira Ana, Kim Minjun).

    The first is no word the dictionary knows as other than a name (総務課 Microsoft Teams stays), and none
    after it is a common noun or another word to it, nor a plural (企画課 Tokyo Office, Power Apps stay): a
    given name may be a proper noun to it (Ana, an airline).
    """
    first, *rest = words.split()
    if _known_word(first) or _english_plural(first):
        return False
    return not any(_english_plural(word) or _read_otherwise(word) for word in rest)


def _read_otherwise(word: str) -> bool:
    """Whether the dictionary reads the Latin ``word`` before さん as a word that is not a proper noun."""
    read = _part_of_speech_before_san(word)
    return read is not None and read[1] != "固有名詞"


def _english_plural(word: str) -> bool:
    """Whether ``word`` is an English plural of a word the dictionary knows (Teams, Forms), not a name."""
    return word.endswith("s") and _known_word(word[:-1])


def _called_by_role(word: str) -> bool:
    """Whether a katakana ``word`` between a role (with の or not) and an honorific is a person's name.

    The dictionary reads some foreign names as common nouns (ラジャ, a rajah to it, as スタッフ is a staff):
    one word it holds, or none, that is no word for who does a job (`_PEOPLE_IN_KATAKANA`).
    """
    from sudachipy import SplitMode

    alone = tokenizer().tokenize(word, SplitMode.C)
    return len(alone) == 1 and alone[0].part_of_speech()[0] == "名詞" and word not in _PEOPLE_IN_KATAKANA


def _read_as_person(word: str) -> bool:
    """Whether the dictionary reads the katakana ``word`` as a person's name both alone and before さん.

    Before さん alone it takes some common nouns for names (エリア, カード: 担当 エリア, 受付 カード stay).
    A word it reads alone as an interjection counts too (ウー, a filler to it: 通訳 の ウー さん).
    """
    from sudachipy import SplitMode

    alone = tokenizer().tokenize(word, SplitMode.C)
    if len(alone) != 1:
        return False
    if alone[0].part_of_speech()[0] == "感動詞":
        return True  # ウー, a filler alone: no role goes before a filler, so it is the name of who does it
    read = _part_of_speech_before_san(word)
    return alone[0].part_of_speech()[2] == "人名" and read is not None and read[2] == "人名"
