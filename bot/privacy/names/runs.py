"""Runs of the words the dictionary tags as names, masked where the text around them shows a person."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from bot.privacy import lazy
from bot.privacy.names.cues import (
    _AFTER_NAME,
    _AFTER_WORD,
    _AGE,
    _AWAY_BARE,
    _BELONGING,
    _HIRAGANA_NAME_WORD,
    _KANJI_DIGITS,
    _KANJI_SURNAME,
    _KIN,
    _LONE_KANJI,
    _NOT_HONORIFIC,
    _ONE_KANJI_LABELS,
    _PLACE_ASKED,
    _PLACES_THING,
    _SPACE,
    _STILL_WORDS,
    _TAKES_ON,
    _TITLE,
    _Lines,
)
from bot.privacy.names.kana import _thing_of_the_class
from bot.privacy.names.read_otherwise import (
    _cut_from_hiragana,
    _ends_a_compound,
    _guessed_in_hiragana,
    _name_read_as_word,
    _place_named_as_a_person,
    _surname_before_particle,
    _surname_read_otherwise,
)
from bot.privacy.names.words import (
    _cued,
    _is_name,
    _known_as_common_noun,
    _morphemes,
    _opens,
    _person_after,
    _related,
    _skip_space,
    _with_unknown_given_name,
    _word_of_its_own,
)

_AFTER_NAME_OR_AGE = lazy.compile(rf"{_AFTER_NAME.pattern}|{_AGE}")
"""What after a surname and a given name the dictionary lacks says they are a name (本田 正（68）)."""
_TITLE_AT_END = lazy.compile(rf"(?:{_TITLE.pattern})$")
_FROM_OR_HOME = lazy.compile(
    "より|を通じ|を通して|経由|来庁|来所|来訪|来館|(?:ご|御)?(?:夫妻|夫婦|一家)"
    "|家(?![電具賃屋庭計族事])|邸|宅(?![地配建])|方(?![面法針式向策角])|拝(?![\u4e00-\u9fff])"
    "|[ \t\u3000]+(?:家|宅|(?:ご|御)?(?:夫妻|夫婦|一家))(?=[ \t\u3000\n、。,(]|[のがはもにをへとだで]|$)"
)
"""Says that the name word right before it, read as a name by the dictionary there, is a person's: where
something came from or through (田中より, 高橋を通じて, 渡辺経由), a visit (小林来庁), a home or a couple
(佐藤家, 田中邸, 鈴木方, 山田夫妻, and 小島 家 or 岡本 ご夫妻 as a spaced list writes it, ending a line or
before a note in parentheses too: アンダーソン 家, 遠山 家（2回目）), a signature
(田中拝). Weaker than `_CUE_AFTER`: places and eras read as surnames before さん stay (広島より, 福岡経由,
昭和より)."""
_PERSONS_THING = lazy.compile(
    rf"の(?:[\u4e00-\u9fff\u30a1-\u30faA-Za-z]|こと|ところ|とこ|ほう|(?:[0-9]+|[{_KANJI_DIGITS}]+)[名人]"
    rf"|{_KIN.pattern})"
    "|です|でございます|なら"
    r"|\([^()\n]{1,16}\)(?:です|と申します|でございます)"
)
"""Says that the name word right before it, read as a name by the dictionary, is a person's: something
of theirs follows (田中の件, 佐藤の申請書, 鈴木の住所, 田中の方針, 高橋のこと), or it introduces someone
(山田です, 担当は佐藤です). Not asked of a word the dictionary reads as a place or a thing there (松本の件,
大和の件, 松本です): a place's 件 or 書類 are as likely. Also なら (池田なら詳しい), how many they are
(鈴木の3名) and their family (高橋のお母さん, 山田のおばあちゃん, 中村のご家族), or who they are in
parentheses before です (石田（会計年度任用職員）です)."""
_KANJI = lazy.compile("[\u4e00-\u9fff々]")
_NEWLINE = lazy.compile("\n")
_CALLED = lazy.compile("[、,]|が|は|も|って|と|に|から")
_AFTER_SENTENCE = lazy.compile(r"[?!？！。][ \t\u3000]*$")
_KANJI_OR_KATAKANA = lazy.compile("[\u4e00-\u9fff々\u30a1-\u30fa]")
_WORDS_SPLIT_AS_NAMES = frozenset({"申立人"})
"""Office words the dictionary splits into a surname and a given name (申 + 立人): never a full name."""
_ERA_FIRST_YEAR = lazy.compile("(?:明治|大正|昭和|平成|令和)元年")
"""An era's first year, which the dictionary may split into a surname and a given name before 度 (平 +
成元 + 年度 in 平成元年度): a date, never a name."""
_DOCUMENT_NUMBER = lazy.compile(r"第[ \t\u3000]*[0-9]{1,6}[ \t\u3000]*号")
"""第, a number and 号 right after a word: a document's number, the word its issuing office's code (起案
豊福第 3318 号), never a name."""
_UNITS = frozenset("日月年時分週回")
_COUNT_BEFORE = lazy.compile(r"[0-9][ \t\u3000]?$")
"""A number right before a run that opens with a unit (1 日平均: 1 + 日平 + 均): a count, never a name."""
_FACILITY_AFTER = lazy.compile("(?:センター|会館|公民館|図書館|保育園|幼稚園|病院|診療所)(?!長)")
"""A facility's word glued to a run of name words: the run is the facility's name (北保健センター, read
北保 + 健), no person's; センター長 is a title."""
_PRODUCTS_TAGGED_AS_NAMES = frozenset({"一太郎"})
"""Software the dictionary tags as a given name only, which staff name without an honorific (一太郎のファイル,
「一太郎ビューア」); before an honorific it is a person still (一太郎さん)."""
_PARTICLE_AFTER_THING = lazy.compile("[はが]")
_PERSON_ENDINGS = frozenset("者人員士師長官生様方手主")
"""The last kanji of a common noun that says a person (相談者, 申請人, 職員, 保健師, 係長)."""
_KANJI_WORD = lazy.compile("[\u4e00-\u9fff々]{2,}")
_WAY_OF = lazy.compile("[\u4e00-\u9fff々]+方")
_KANJI_FULL_NAME = lazy.compile(r"[\u4e00-\u9fff々]{3,}")
_UNKNOWN_KANJI_WORD = lazy.compile(r"[\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々]{2,4}")


def _name_runs(text: str, morphemes: Sequence[Any]) -> Iterator[tuple[int, int]]:
    """Runs of name words in ``text`` that the text around them shows to be a person's name."""
    lines = _kanji_lines(text)
    eras = [era.span() for era in _ERA_FIRST_YEAR.finditer(text)]
    at = 0
    while at < len(morphemes):
        place = _place_named_as_a_person(text, morphemes, at)  # asked once: it may ask the dictionary
        if not (
            _is_name(morphemes[at])
            or _surname_read_otherwise(text, morphemes, at)
            or place
            or _name_read_as_word(text, morphemes, at)
            or _unknown_before_honorific(text, morphemes[at])
        ):
            at += 1
            continue
        end = _run_end(morphemes, at)
        start, stop = morphemes[at].begin(), morphemes[end - 1].end()
        numbered = _DOCUMENT_NUMBER.match(text, stop)  # 豊福第 3318 号: the office issuing a document
        if (
            text[start:stop] in _WORDS_SPLIT_AS_NAMES
            or numbered
            or (text[start] in _UNITS and _COUNT_BEFORE.search(text, max(0, start - 8), start))
            or any(s < stop and start < e for s, e in eras)
            or _completes_a_compound(text, morphemes, at, end)
            or _shop_name(text, morphemes, at, end)
            or _FACILITY_AFTER.match(text, stop)
            or _thing_of_a_thing(text, morphemes, at, end)
            or _thing_of_the_class(text, start, stop)
            or (
                text[start:stop] in _PRODUCTS_TAGGED_AS_NAMES
                and not _AFTER_NAME.match(text, _skip_space(text, stop))
            )
        ):
            at = end
            continue
        stop = _with_unknown_given_name(text, morphemes, end, stop, _AFTER_NAME_OR_AGE)
        stop = _with_given_name_tail(text, morphemes, at, end, stop)
        title = _TITLE_AT_END.search(text, start, stop)
        if title:  # 山田 + 保 + 健師, 森 + 保 + 健師: a title read as names
            stop = title.start()
            if stop == start or (stop - start < 2 and not _word_of_its_own(morphemes, at)):
                at = end  # 昨 + 日保 + 健師 (昨日保健師さん) leaves a fragment, 日
                continue
        if _after_a_fragment(morphemes, at):
            # 保 + 健師 (保健師さん) is a word split wrongly; 前 + 田花子 (の前田花子) a full name.
            if _full_name_when_rejoined(text, morphemes[at - 1].begin(), stop):
                yield morphemes[at - 1].begin(), stop
        elif (
            (_full_name(morphemes, at, end) and not _cut_from_hiragana(text, start))
            or "(" in text[start:stop]  # the dictionary reads 佐藤(さとう) as one word: a name, its reading
            or _person_after(text, stop)
            or _TAKES_ON.match(text, _skip_space(text, stop))
            or (_AWAY_BARE.match(text, stop) and _word_of_its_own(morphemes, at) and end == at + 1)
            or (_cued(text, start) and text[start:stop] not in _ONE_KANJI_LABELS)  # 承認：済, 確認：要
            or _BELONGING.match(text, stop)
            or (_is_name(morphemes[at]) and stop - start > 1 and _person_around(text, start, stop))
            or _surname_before_particle(text, morphemes, at, end, lines)
            or _before_a_verb(morphemes, at, end)
            or _called_by_name(text, morphemes[at], lines)
            or stop > morphemes[end - 1].end()  # a given name it lacks, with an honorific or an age after
            or place
        ):
            yield start, stop
        at = end


def _thing_of_a_thing(text: str, morphemes: Sequence[Any], at: int, end: int) -> bool:
    """Whether a word of kanji ending in 方 is how a thing is done or read, before は or が (結果の見方は).

    The dictionary tags 見方 as a surname though it holds it as a common noun too, a way of seeing, read
    the same (ミカタ); after a thing's の (a common noun of two kanji or more before の that says no one:
    not 相談者, 担当者, and not who someone is to another, 課長の, 同僚の, which are `_related`) and before
    は or が, the noun is meant (決定通知書の見方が). A surname read otherwise as a noun (緒方: オガタ,
    ショホウ) or of another shape stays one: 研修の緒方が, 研修の山本が.
    """
    word = morphemes[at]
    if end != at + 1 or at < 2 or not _WAY_OF.fullmatch(word.surface()):
        return False
    particle, owner = morphemes[at - 1], morphemes[at - 2]
    return (
        particle.surface() == "の"
        and owner.part_of_speech()[1] == "普通名詞"
        and _KANJI_WORD.fullmatch(owner.surface()) is not None
        and owner.surface()[-1] not in _PERSON_ENDINGS
        and _PARTICLE_AFTER_THING.match(text, word.end()) is not None
        and not _related(text, word.begin())
        and _known_as_common_noun(word.surface(), word.reading_form())
    )


def _with_given_name_tail(text: str, morphemes: Sequence[Any], at: int, end: int, stop: int) -> int:
    """Where a full name ends whose given name the dictionary cuts before a suffix (竹内 悠 + 人: 悠人).

    A surname and a given name of one kanji, then one kanji it reads as a suffix, glued to the given name and
    ending the word (no kanji after it), that is no honorific, title or household's (竹内 悠氏, 竹内 悠家
    stay as they were): the suffix is the given name's last character.
    """
    last = morphemes[end - 1]
    if end >= len(morphemes) or end - at < 2 or stop != last.end() or len(last.surface()) != 1:
        return stop
    tail = morphemes[end]
    if (
        last.part_of_speech()[3] != "名"
        or morphemes[at].part_of_speech()[3] != "姓"
        or tail.part_of_speech()[0] != "接尾辞"
        or not _LONE_KANJI.fullmatch(tail.surface())
        or tail.surface() in _NOT_GIVEN_NAME_TAIL
        or _AFTER_NAME.match(text, tail.begin())
        or _KANJI.match(text, tail.end())
    ):
        return stop
    return int(tail.end())


_NOT_GIVEN_NAME_TAIL = frozenset("家宅方邸班係課組分宛外他等達側氏様殿君流派式型風製産用")
"""Suffixes of one kanji that say a household, a group or a kind after a name, never a given name's end."""


def _completes_a_compound(text: str, morphemes: Sequence[Any], at: int, end: int) -> bool:
    """Whether a run of one kanji ends a compound typed word by word, no honorific after it (視察 団 が).

    The dictionary reads the two written together as one common noun (視察団, 市民税: `_ends_a_compound`);
    a verb after it (が 来ます) says no more than a group's coming. 係長 林 is no compound.
    """
    word = morphemes[at]
    if end != at + 1 or len(word.surface()) != 1 or _AFTER_NAME.match(text, _skip_space(text, word.end())):
        return False
    return _ends_a_compound(morphemes, at)


def _shop_name(text: str, morphemes: Sequence[Any], at: int, end: int) -> bool:
    """Whether a word ending in 屋 is a shop's, no honorific after it (白木屋の跡地, 虎屋 の 羊羹).

    The dictionary tags the old trade names it holds (白木屋, 越後屋, 伊勢屋) and some it lacks as shops
    (虎屋) as surnames. A surname of three kanji ending in 屋 is rare, so one is a shop's; one of two is
    common (土屋, 守屋), so it is a shop's only with nothing before it that says a person, before the goods
    it sells (`_GOODS_OR_SHOPS`: の and a thing that is no person's, 土屋 の 件 and 土屋の机 stay) or listed
    with a shop's name (虎屋 か 文明堂), quoted too (「虎屋」の最中; 「土屋」の件 stays). A run of three kanji
    or more ending in a shop's ending that no
    given name ends in (`_SHOP_ENDING`: 樓, 亭, 庵), which the dictionary reads as a given name and a
    surname (榮太 + 樓) or as a name and the ending apart (叶匠壽 + 庵), is a shop's too. So is a surname of
    two kanji ending in 屋 with a given name glued to it, on the same terms as the surname alone: an old
    shop is named as a person was (鶴屋吉信の干菓子, 亀屋良長 と 末富; 土屋吉信の件 and 土屋吉信さん stay);
    and so is one listed with another so written (鶴屋吉信 と 亀屋良長) or near a word for sweets or a gift
    on its line (お土産なら鶴屋吉信が, お茶菓子は亀屋良長に, FW: 鶴屋吉信 お歳暮の件).
    """
    word = morphemes[at].surface()
    stop = morphemes[end - 1].end()
    run = text[morphemes[at].begin() : stop]
    if not _SHOP_ENDING.fullmatch(run) and _SHOP_ENDING.fullmatch(text, morphemes[at].begin(), stop + 1):
        stop += 1  # 叶匠壽 + 庵: the ending read as a word of its own
        run = text[morphemes[at].begin() : stop]
    if _SHOP_ENDING.fullmatch(run):
        return not _AFTER_NAME.match(text, _skip_space(text, stop))
    if (
        len(word) < 2
        or not word.endswith("屋")
        or not (end == at + 1 or _given_name_glued(morphemes, at, end))
    ):
        return False
    after = _skip_space(text, morphemes[end - 1].end())
    if _AFTER_NAME.match(text, after):
        return False
    quoted = _QUOTES.get(text[morphemes[at].begin() - 1 : morphemes[at].begin()])
    if quoted is not None and text.startswith(quoted, after):
        after = _skip_space(text, after + 1)  # 「虎屋」の最中: the goods follow the quote's end
    if len(word) > 2 and end == at + 1:
        return True
    start = morphemes[at].begin()
    if _cued(text, start) or _related(text, start) or _BELONGING.match(text, after):
        return False
    if _GOODS_OR_SHOPS.match(text, after):
        return True
    glued = end == at + 2  # 鶴屋吉信 と 亀屋良長, お土産なら鶴屋吉信が
    return glued and bool(
        _SHOP_LISTED_AFTER.match(text, after)
        or _SHOP_LISTED_BEFORE.search(text, max(0, start - _SHOP_REACH), start)
        or _SWEETS_BEFORE.search(text, max(0, start - _SHOP_REACH), start)
        or _SWEETS_AFTER.match(text, after)
    )


def _given_name_glued(morphemes: Sequence[Any], at: int, end: int) -> bool:
    """Whether the run is a surname of two kanji and a given name of kanji written against it (鶴屋吉信)."""
    given = morphemes[at + 1]
    return (
        end == at + 2
        and len(morphemes[at].surface()) == 2
        and given.begin() == morphemes[at].end()
        and given.part_of_speech()[3] == "名"
        and _LONE_KANJI.fullmatch(given.surface()[0]) is not None
    )


_SHOP_ENDING = lazy.compile("[\u4e00-\u9fff々]{2,}[樓楼庵軒亭舗堂]")
"""A trade name's last kanji that no given name ends in (榮太樓, 末廣亭, 村上開新堂)."""
_GOODS_OR_SHOPS = lazy.compile(
    r"の[ \t\u3000]*(?!(?:[0-9]|件|こと|方|ほう|意見|話|担当|席|家|予定|連絡|仕事|報告|両名|二人|お|ご"
    r"|資料|書類|メモ|メール|電話|案|分|所|ところ|名前|字|確認|決裁|説明|回答|提案|記録|原稿|返事|指示|机))"
    r"[\u4e00-\u9fff\u30a1-\u30fa]"
    r"|[とか・、][ \t\u3000]*[\u4e00-\u9fff]{1,4}(?:堂|樓|楼|庵|軒|亭|舗)(?![\u4e00-\u9fff])"
)
"""After a word ending in 屋, what says it is a shop's: の and a thing (虎屋 の 羊羹, 最中; not 件, 意見,
資料, which are a person's), or another shop's name listed beside it (虎屋 と 榮太樓, 虎屋 か 文明堂)."""
_QUOTES = {"「": "」", "『": "』", '"': '"', "“": "”"}
"""Quotes a shop's name is written in, and what closes each."""
_GLUED_SHOP = r"[\u4e00-\u9fff]屋[\u4e00-\u9fff]{1,2}"
_SHOP_LISTED_AFTER = lazy.compile(rf"[ \t\u3000]*[とか・、][ \t\u3000]*{_GLUED_SHOP}(?![\u4e00-\u9fff])")
_SHOP_LISTED_BEFORE = lazy.compile(rf"(?<![\u4e00-\u9fff]){_GLUED_SHOP}[ \t\u3000]*[とか・、][ \t\u3000]*$")
_SWEETS_BEFORE = lazy.compile(r"(?:菓子|土産|羊羹|最中|饅頭|落雁|歳暮|中元|差し?入れ|老舗)[^\n。!?]{0,12}$")
_SWEETS_AFTER = lazy.compile(r"[^\n。!?]{0,6}?(?:菓子|土産|羊羹|最中|饅頭|落雁|歳暮|中元|差し?入れ)")
_SHOP_REACH = 20
"""A surname of two kanji ending in 屋 with a given name glued to it, listed beside another (鶴屋吉信 と
亀屋良長), or a word for sweets or a gift before it on its line (お土産なら鶴屋吉信): a shop's."""


def _kanji_lines(text: str) -> _Lines:
    """Where each line of ``text`` begins, and whether it holds kanji: read once, asked of every word."""
    starts = [0, *(newline.end() for newline in _NEWLINE.finditer(text))]
    ends = [*(start - 1 for start in starts[1:]), len(text)]
    return starts, [bool(_KANJI.search(text, start, end)) for start, end in zip(starts, ends, strict=True)]


def _before_a_verb(morphemes: Sequence[Any], at: int, end: int) -> bool:
    """Whether a name the dictionary reads as one there is the subject of a verb right after it.

    In chat the particle is dropped: 村上いた, 黒木戻ったら, 白井書いた, 佐々木見てくれた？, 柳田帰ったよ,
    えりか怒ってた, or with an adverb of `_STILL` between (だいすけまだ帰ってない). A surname of two
    characters or more, or a given name of two kanji or three kana or more, as a word of its own (first,
    or after a particle, a mark, a space or a word of when: さっき坂田出ていった), with a verb right after
    it. The dictionary reads a surname there only where the sentence
    reads as a person's (小川流れてる is a stream to it; 清水出る is masked, as 清水が出る is).
    """
    word = morphemes[at]
    kind, surface = word.part_of_speech()[3], word.surface()
    verb = end + 1 if end + 1 < len(morphemes) and morphemes[end].surface() in _STILL_WORDS else end
    if end != at + 1 or verb >= len(morphemes) or morphemes[verb].part_of_speech()[0] != "動詞":
        return False
    surname = kind == "姓" and len(surface) >= 2
    given = kind == "名" and (
        (len(surface) >= 2 and _KANJI_SURNAME.fullmatch(surface)) or _HIRAGANA_NAME_WORD.fullmatch(surface)
    )
    if not (surname or given) or surface.isascii():
        return False
    before = morphemes[at - 1].part_of_speech() if at else None
    return before is None or before[0] in ("助詞", "補助記号", "空白", "副詞") or before[2] == "副詞可能"


def _called_by_name(text: str, word: Any, lines: _Lines) -> bool:
    """Whether a name the dictionary reads as one there opens a line, called or a subject (翔太、健太も).

    Two characters or more in kanji or kana, first on its line, with a comma or a particle after it, or
    first after a question, an exclamation or a sentence's end with a comma after it (元気か？ 大樹、); not
    in a line of hiragana alone where the run goes on past the particle (`_guessed_in_hiragana`).
    """
    start = word.begin()
    first = _opens(text, start, "\n")
    called = first and len(word.surface()) >= 2 and bool(_CALLED.match(text, word.end()))
    after_sentence = bool(_AFTER_SENTENCE.search(text, max(0, start - 4), start))
    comma = text[word.end() : word.end() + 1] in ("、", ",")
    called = called or (after_sentence and comma and len(word.surface()) >= 2)
    return called and not _guessed_in_hiragana(text, word, lines)


def _run_end(morphemes: Sequence[Any], at: int) -> int:
    """Where the run of name words starting at ``at`` ends (one space between two of them is part of it)."""
    end = at + 1
    while end < len(morphemes):
        spaced = morphemes[end].surface() in _SPACE and end + 1 < len(morphemes)
        if not (_is_name(morphemes[end]) or (spaced and _is_name(morphemes[end + 1]))):
            break
        end += 1
    return end


def _full_name(morphemes: Sequence[Any], at: int, end: int) -> bool:
    """Whether the run is a full name: two name words or more, or one the dictionary holds whole.

    Two or more (山田太郎, 鈴木 由美) need three characters: two are as often a
    typo that reads as a name (進渉, 申精). One word is a full name in kanji
    that the dictionary holds whole (小林太郎, as it holds 織田信長).
    """
    names = [m for m in morphemes[at:end] if _is_name(m)]
    if len(names) == 1:
        return names[0].part_of_speech()[3] == "一般" and bool(_KANJI_FULL_NAME.fullmatch(names[0].surface()))
    return len(names) >= 2 and morphemes[end - 1].end() - morphemes[at].begin() >= 3


def _full_name_when_rejoined(text: str, start: int, stop: int) -> bool:
    """Whether ``text[start:stop]``, a lone kanji and the name words after it, is a full name on its own.

    After の, the dictionary reads 前田花子 as 前 + 田花子.
    """
    morphemes = _morphemes(text[start:stop])
    return all(_is_name(m) for m in morphemes) and _full_name(morphemes, 0, len(morphemes))


def _unknown_before_honorific(text: str, morpheme: Any) -> bool:
    """Whether a kanji word the dictionary lacks (杁中, a rare surname) has an honorific or a title after it.

    The dictionary holds the common nouns that take さん (業者, 大家, 運転手) and nearly every surname; a
    kanji word it has never seen, before さん, is a name it lacks.
    """
    if not (morpheme.is_oov() and _UNKNOWN_KANJI_WORD.fullmatch(morpheme.surface())):
        return False
    after = _skip_space(text, morpheme.end())
    return bool(_AFTER_WORD.match(text, after)) and not _NOT_HONORIFIC.match(text, after)


def _after_a_fragment(morphemes: Sequence[Any], at: int) -> bool:
    """Whether a lone kanji before the run shows a word split wrongly (保 + 健師 in 保健師さん).

    今 is a word of its own (今藤田が電話中: 藤田 is on the phone now).
    """
    if at == 0:
        return False
    before = morphemes[at - 1]
    lone = _LONE_KANJI.fullmatch(before.surface()) and before.surface() != "今"
    return bool(lone) and before.part_of_speech()[0] == "名詞"


def _person_around(text: str, start: int, stop: int) -> bool:
    """Whether what is around a word the dictionary reads as a name there shows a person.

    Something of theirs, where they are or come from after it (田中の件, 佐藤です, 田中より, 佐藤家:
    `_PERSONS_THING`, `_FROM_OR_HOME`), unless a place was asked for (出張先は長野です); parentheses
    around it alone, as under a memo (（田中）); or who they are to someone before it (課長の佐藤,
    税務課の山田, 息子の太郎, 妻 花子: `_RELATION`), unless the word begins a compound (課長の長野出張).
    """
    after = _PERSONS_THING.match(text, stop) or _FROM_OR_HOME.match(text, stop)
    place = _PLACE_ASKED.search(text, max(0, start - 8), start) or _PLACES_THING.match(text, stop)
    if after and not place:
        return True
    if text[start - 1 : start] in ("(", "「", "『") and text[stop : stop + 1] in (")", "」", "』"):
        return True  # alone in parentheses or quotes: a signature, a name as written (（田中）, 「澤田」)
    if start and not text[stop:].strip() and text[start - 1] in "。\n/":
        return True  # alone at the end, after a sentence: a signature (内容確認済み。久保)
    compound = stop < len(text) and _KANJI_OR_KATAKANA.match(text, stop)
    return not compound and _related(text, start)
