"""Turn Japanese text into index terms.

Four views of the same text, so that one of them survives whatever way it
was written:

- ``w:`` content words in SudachiPy's normalised form (申込み → 申し込み), both
  the long units and their short parts (申請方法 → 申請方法, 申請, 方法), and
  the head of a katakana compound kept whole (スズメバチ → 雀蜂, 蜂, はち);
- ``s:`` synonym groups (ロボット → the RPA group), from knowledge/synonyms.yaml;
- ``g:`` character bigrams of the kana-folded text, for unknown words and typos;
- ``r:`` trigrams of the reading, so たなおろし meets 棚卸し and えくせる meets Excel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, TypeVar

from bot.kana import to_katakana
from bot.search.normalize import gram_text, normalize
from bot.sudachi import tokenizer

__all__ = ["Analysis", "Analyzer"]

_CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞", "接尾辞", "接頭辞"}
_NOUN_POS = {"名詞"}
# Sudachi splits hiragana-typed words unpredictably (ろぼっと → 鹵簿 + と): such "nouns" prove nothing.
_HIRAGANA_ONLY = re.compile(r"^[\u3041-\u309fー]+$")
_DEBRIS_POS = frozenset({"感動詞", "補助記号", "記号"})
"""What Sudachi makes of kana an IME left beside unconverted letters (あ, ぁ, っ in あsd, ふぁsdf, っっd)."""
_PARTICLE_POS = frozenset({"助詞", "助動詞"})
_BREAK_POS = frozenset({"補助記号", "空白"})
_LEANING = frozenset({"非自立可能", "助動詞語幹"})
"""Words that lean on another (しまう in してしまい, よう in ないように): grammar, not topics."""
_DEMONSTRATIVES = frozenset({"こう", "そう", "ああ", "どう"})
"""The demonstrative adverbs, grammar too (どう in かどうか)."""
_KATAKANA_COMPOUND = re.compile(r"[ァ-ヶー]{3,}")
_KANJI_COMPOUND = re.compile(r"[\u4e00-\u9fff々]{2,}")
_VOICED = str.maketrans(
    "カキクケコサシスセソタチツテトハヒフヘホ",
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボ",
)
_WORD_CACHE_SIZE = 100_000
"""Distinct words remembered by `Analyzer._word` (a ward's FAQ uses some thousands), and by each of
`Analyzer.parts`, `synonym_groups` and `sound`."""
_K = TypeVar("_K")
_T = TypeVar("_T")
# Lemmas that carry no topic: light verbs, formal nouns and the verbs of asking itself.
_STOP_LEMMAS = frozenset(
    """
    為る 有る 居る 成る 出来る 言う 思う 行く 来る 見る 遣る 呉れる 貰う 下さる
    頂く 致す 御座る 参る 事 物 為 様 方 件 所 時 中 感じ 的 等 化 さ 御 ご
    お 達 頃 今 何 色々 良い 無い 好い 教える 知る 分かる 聞く 欲しい 可能 場合
    方法 やり方 仕方 遣り方 必要 大丈夫 ん の です ます 一寸 ちょっと 本当 全然
    多分 自分 私 僕 俺 うち 皆 皆さん 人 今回 今度 最近 以下 以上 困る 良く
    いい 宜しい 有難い 済む 頑張る 出る 入る 付く 付ける 持つ 取る 使える 問題
    関係 ところ 駄目 OK
    """.split()
)


@dataclass(frozen=True, slots=True)
class Analysis:
    """The terms of one text.

    ``words`` are its terms in the word and synonym views (``terms`` without the n-grams).
    ``nouns`` are its content nouns (for unknown-word checks) and ``noun_terms``,
    in the same order, the terms any of which shows that an entry mentions that noun.
    """

    normalized: str
    terms: tuple[str, ...]
    words: tuple[str, ...]
    nouns: tuple[str, ...]
    noun_terms: tuple[tuple[str, ...], ...]
    fuzzy_text: str
    noun_sounds: tuple[str, ...]
    """The reading of each noun (as `Analyzer.sound` gives it), to tell IME slips: 予讃 reads like 予算."""
    noun_synonyms: tuple[str, ...]
    """Each noun's own synonym group (an ``s:`` term: Teams → オンライン会議's), "" when it has none."""
    fragments: tuple[str, ...] = ()
    """Nouns that are Latin fragments of a mash (sd in あsd, `_fragments`): unknown, whatever they spell."""
    morphemes: tuple[_Word, ...] = ()
    """Each of Sudachi's morphemes in ``normalized`` as read before any view was taken (`Analyzer._word`)."""
    ends: tuple[int, ...] = ()
    """Where each of ``morphemes`` ends in ``normalized`` (they cover it end to end)."""
    synonym_runs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each ``s:`` term of knowledge/synonyms.yaml found, with the lemmas of the words it was found in."""


@dataclass(frozen=True, slots=True)
class _Word:
    """What one morpheme adds to an `Analysis`: its reading, lemmas, terms, and as a content noun its own."""

    sound: str
    lemmas: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    noun: str = ""
    noun_terms: tuple[str, ...] = ()
    noun_sound: str = ""
    synonym: str = ""
    function: bool = False
    """Grammar rather than a word: a particle or auxiliary, a stop lemma (為る, 居る, 良い), a word
    leaning on another (`_LEANING`) or a demonstrative adverb (`_DEMONSTRATIVES`)."""
    verb: bool = False
    """A function word that is a verb (為る in どうしたら)."""

    @property
    def term(self) -> str:
        """Its ``w:`` term as a content word ("" for punctuation), whether or not it is one."""
        return "w:" + self.lemmas[0] if self.lemmas else ""


class Analyzer:
    """Analyse text with SudachiPy; safe to share between threads."""

    def __init__(self, synonyms: Iterable[Sequence[str]] = ()) -> None:
        from sudachipy import SplitMode

        self._mode_c = SplitMode.C
        self._mode_a = SplitMode.A
        self._words: dict[tuple[int, str], _Word] = {}
        # A noun the search looks up alone (`parts`, `synonym_groups`, `sound`): the same few recur.
        self._parts: dict[str, tuple[str, ...]] = {}
        self._groups: dict[str, tuple[int, ...]] = {}
        self._sounds: dict[str, str] = {}
        self._synonym_index: dict[tuple[str, ...], int] = {}
        # First lemma of a synonym → the lemma counts of the synonyms starting with it.
        self._synonym_sizes: dict[str, tuple[int, ...]] = {}
        for group_id, group in enumerate(synonyms):
            for word in group:
                key = tuple(self._lemmas(normalize(word)))
                if key:
                    self._synonym_index.setdefault(key, group_id)
                    sizes = {*self._synonym_sizes.get(key[0], ()), len(key)}
                    self._synonym_sizes[key[0]] = tuple(sorted(sizes))

    def _lemmas(self, normalized: str) -> list[str]:
        """Every morpheme's normalised form (mode C), punctuation left out."""
        return [
            m.normalized_form()
            for m in tokenizer().tokenize(normalized, self._mode_c)
            if m.part_of_speech()[0] not in ("補助記号", "空白")
        ]

    def analyze(self, text: str, *, ngrams: bool = True) -> Analysis:
        """Return the terms of ``text`` in every view (words and synonyms only without ``ngrams``)."""
        normalized = normalize(text)
        # The memo is read here, by `_word`'s key, and `_word` called only for a word it lacks: a call a word
        # was a tenth of a story's analysis. The morphemes are listed and their surfaces read once: SudachiPy
        # makes a new object, and a new string, at every reading.
        memo = self._words
        morphemes = list(tokenizer().tokenize(normalized, self._mode_c))
        surfaces = [morpheme.surface() for morpheme in morphemes]
        words = [
            memo.get((morpheme.word_id(), surface)) or self._word(morpheme)
            for morpheme, surface in zip(morphemes, surfaces, strict=True)
        ]
        read = tuple(words)
        fragments = _fragments(morphemes, surfaces) if _HAS_LATIN.search(normalized) else ()
        if _KANA_TEXT.fullmatch(normalized) and _mostly_single_kana(morphemes):
            words = [word if word.noun else _Word(word.sound) for word in words]
        for at in fragments:
            surface = surfaces[at]
            words[at] = _Word(words[at].sound, noun=surface, noun_sound=gram_text(surface))
        # One pass a field, not one loop filling them all: a story has some 120 words.
        nouns = [word for word in words if word.noun]
        terms = [term for word in words for term in word.terms]
        runs = self._synonym_runs([lemma for word in words for lemma in word.lemmas])
        terms += [term for term, _ in runs]
        word_terms = tuple(terms)
        grams = gram_text(normalized)
        if ngrams:
            terms += _ngrams(grams, 2, "g:")
            terms += _ngrams(gram_text("".join([word.sound for word in words])), 3, "r:")
        return Analysis(
            normalized,
            tuple(terms),
            word_terms,
            tuple([word.noun for word in nouns]),
            tuple([word.noun_terms for word in nouns]),
            grams,
            tuple([word.noun_sound for word in nouns]),
            tuple([word.synonym for word in nouns]),
            tuple([words[at].noun for at in fragments]),
            read,
            tuple(accumulate(map(len, surfaces))),
            tuple(runs),
        )

    def _word(self, morpheme: Any) -> _Word:
        """What one morpheme adds to an analysis; remembered by dictionary word and surface.

        A dictionary word's analysis depends on nothing but the word (its part
        of speech, forms, reading and parts are the dictionary's), and the same
        few thousand words make most texts: looking them up again costs more
        than the rest. Words outside the dictionary are read each time: a
        number's reading depends on its place (一つ ひと, 第一 いち).
        """
        key = (morpheme.word_id(), morpheme.surface())
        word = self._words.get(key)
        if word is None:
            word = self._read_word(morpheme)
            if not morpheme.is_oov():
                _remember(self._words, key, word)
        return word

    def _read_word(self, morpheme: Any) -> _Word:
        pos = morpheme.part_of_speech()
        if pos[0] in ("補助記号", "空白"):
            return _Word(" ")
        lemma = morpheme.normalized_form()
        sound = _reading(morpheme)
        function = (
            pos[0] in _PARTICLE_POS
            or pos[1] in _LEANING
            or lemma in _STOP_LEMMAS
            or (pos[0] == "副詞" and lemma in _DEMONSTRATIVES)
        )
        verb = function and pos[0] == "動詞"
        if pos[0] not in _CONTENT_POS or lemma in _STOP_LEMMAS or pos[1] == "数詞":
            return _Word(sound, (lemma,), function=function, verb=verb)
        own = ["w:" + lemma]
        lemmas = [lemma]
        if len(morpheme) > 2:
            for part in morpheme.split(self._mode_a):
                part_lemma = part.normalized_form()
                part_pos = part.part_of_speech()[0]
                if part_lemma != lemma and part_pos in _CONTENT_POS and part_lemma not in _STOP_LEMMAS:
                    own.append("w:" + part_lemma)
                    lemmas.append(part_lemma)
            if len(own) == 1 and pos[1] == "普通名詞":
                own += ["w:" + head for head in self._heads(morpheme.surface(), lemma)]
        if not _is_topic_noun(pos, lemma, morpheme.surface()):
            return _Word(sound, tuple(lemmas), tuple(own), function=function, verb=verb)
        groups = [f"s:{g}" for g in map(self._synonym_index.get, ((t[2:],) for t in own)) if g is not None]
        synonym = f"s:{self._synonym_index[(lemma,)]}" if (lemma,) in self._synonym_index else ""
        noun_terms = (*own, *groups)
        return _Word(
            sound, tuple(lemmas), tuple(own), lemma, noun_terms, gram_text(sound), synonym, function, verb
        )

    def _heads(self, surface: str, normalized: str) -> tuple[str, ...]:
        """The head of a kana compound Sudachi keeps whole: スズメバチ (雀蜂) → 蜂 and はち (ハチ's form).

        Sudachi writes such a compound's normalised form in kanji, one kanji
        a part (雀蜂, 野良猫, 溝鼠); the last is its head. It counts when the
        compound is written ending in that kanji's reading, or in the reading
        with its first sound voiced as the head of a compound takes it
        (ハチ → スズメバチ), in katakana or in hiragana as a phone may leave it
        (すずめばち). Both the kanji's form and the reading's are terms, as a
        question may write either (蜂, ハチ).
        """
        surface = to_katakana(surface)
        if not (_KATAKANA_COMPOUND.fullmatch(surface) and _KANJI_COMPOUND.fullmatch(normalized)):
            return ()
        head = tokenizer().tokenize(normalized[-1], self._mode_c)
        reading = str(head[0].reading_form()) if len(head) == 1 else ""
        voiced = reading[:1].translate(_VOICED) + reading[1:]
        if len(reading) < 2 or len(surface) <= len(reading) or not surface.endswith((reading, voiced)):
            return ()
        spoken = tokenizer().tokenize(reading, self._mode_c)
        forms = {str(head[0].normalized_form())}
        if len(spoken) == 1:
            forms.add(str(spoken[0].normalized_form()))
        return tuple(sorted(forms))

    def parts(self, word: str) -> tuple[str, ...]:
        """The shortest units (Sudachi's split mode A) of ``word``: 国民健康保険 → 国民, 健康, 保険."""
        found = self._parts.get(word)
        if found is None:
            found = tuple(m.surface() for m in tokenizer().tokenize(normalize(word), self._mode_a))
            _remember(self._parts, word, found)
        return found

    def synonym_groups(self, word: str) -> tuple[int, ...]:
        """The dictionary's synonym groups of ``word`` when it is one dictionary word, else none."""
        found = self._groups.get(word)
        if found is None:
            morphemes = tokenizer().tokenize(normalize(word), self._mode_c)
            found = tuple(morphemes[0].synonym_group_ids()) if len(morphemes) == 1 else ()
            _remember(self._groups, word, found)
        return found

    def sound(self, word: str) -> str:
        """How ``word`` reads, kana-folded: words that an IME would confuse read the same."""
        found = self._sounds.get(word)
        if found is None:
            morphemes = tokenizer().tokenize(normalize(word), self._mode_c)
            found = gram_text("".join(_reading(m) for m in morphemes))
            _remember(self._sounds, word, found)
        return found

    def _synonym_runs(self, lemmas: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
        """Every run of lemmas that is a synonym, with its group's term (overlapping runs all count)."""
        found: list[tuple[str, tuple[str, ...]]] = []
        for start, lemma in enumerate(lemmas):
            for size in self._synonym_sizes.get(lemma, ()):
                run = tuple(lemmas[start : start + size])
                group = self._synonym_index.get(run)
                if group is not None:
                    found.append((f"s:{group}", run))
        return found


def _remember(memo: dict[_K, _T], word: _K, found: _T) -> None:
    """Keep what a word was looked up as, while ``memo`` holds fewer than `_WORD_CACHE_SIZE` words.

    A lookup depends on nothing but the word and Sudachi's dictionary, so what is kept stays true; a
    story's unknown nouns are looked up some two or three times, about 10 µs each.
    """
    if len(memo) < _WORD_CACHE_SIZE:
        memo[word] = found


def _is_topic_noun(pos: Sequence[str], lemma: str, surface: str) -> bool:
    """Whether a content word is a noun that can name what a query is about.

    Not: a question's number (何時間, 何歳: what is asked, not about what),
    one character, or a word typed in hiragana (see `_HIRAGANA_ONLY`). Such
    a word still matches as a term; it is only never an unknown topic nor
    one an entry must explain.
    """
    return (
        pos[0] in _NOUN_POS
        and len(lemma) >= 2
        and not lemma.startswith("何")
        and not _HIRAGANA_ONLY.match(surface)
    )


_HAS_LATIN = re.compile(r"[a-z]")


def _fragments(morphemes: Sequence[Any], surfaces: Sequence[str]) -> list[int]:
    """The places of Latin words that are fragments of a mash, not words: typed glued to IME debris.

    With the IME on, a vowel becomes a kana and consonants no vowel follows stay
    letters (asdf → あsdf); switched on and off mid-word, letters and kana alternate
    (あsdふぁsdf). Their letters may spell a word of the knowledge (sd: SD), yet
    what they touch is no word: an interjection or a stray mark (あ, ぁ, っ), or a
    particle opening the text or a phrase (かsd). A word staff write beside kana
    follows a particle or a verb (このpdf, rpa動かせる) and is followed by one (rpaって).
    """
    found: list[int] = []
    for at, surface in enumerate(surfaces):  # the morphemes' surfaces
        if not (surface.isascii() and surface.isalpha() and surface.islower()):  # not all of a-z
            continue
        before = morphemes[at - 1] if at else None
        after = morphemes[at + 1] if at + 1 < len(morphemes) else None
        if _is_debris(before) or _is_debris(after) or _opening_particle(morphemes, at - 1):
            found.append(at)
    return found


def _opening_particle(morphemes: Any, at: int) -> bool:
    """Whether the morpheme at ``at`` is a kana particle that opens the text or a phrase (か in かsd)."""
    if at < 0 or not _is_kana(morphemes[at]) or morphemes[at].part_of_speech()[0] not in _PARTICLE_POS:
        return False
    return at == 0 or morphemes[at - 1].part_of_speech()[0] in _BREAK_POS


_KANA_TEXT = re.compile(r"[\u3041-\u30ffー\s\W]*")
SINGLE_KANA_SHARE = 1 / 3
"""Share of a kana text's characters read as one-kana morphemes from which it is no words but a mash."""


def _mostly_single_kana(morphemes: Any) -> bool:
    """Whether Sudachi reads a kana text mostly as one-kana morphemes around a short word met by chance.

    Random kana (へいりへけ: へ, いり, へ, け; あせめゅぴ) is read so: particles and
    suffixes of one kana around a word of two (いり as 要る, せめ as 攻め). Kana
    staff type reads as words: ゆうきゅうのしんせいってどこからするの has two
    one-kana morphemes in its 19 characters, じゃあまたね one in six.
    """
    sizes = [len(m.surface()) for m in morphemes if m.part_of_speech()[0] not in _BREAK_POS]
    return sum(size for size in sizes if size == 1) >= SINGLE_KANA_SHARE * sum(sizes) > 0


def _is_kana(morpheme: Any) -> bool:
    return morpheme is not None and bool(_HIRAGANA_ONLY.match(morpheme.surface()))


def _is_debris(morpheme: Any) -> bool:
    """Whether ``morpheme`` is kana Sudachi reads as no word: an interjection, a mark, or unknown."""
    return _is_kana(morpheme) and (morpheme.part_of_speech()[0] in _DEBRIS_POS or morpheme.is_oov())


def _reading(morpheme: Any) -> str:
    """A morpheme's reading, or its surface when the dictionary has none (Latin letters, unknown words)."""
    return str(morpheme.reading_form() or morpheme.surface())


def _ngrams(text: str, n: int, view: str) -> list[str]:
    """Character n-grams within each space-separated chunk as terms of ``view``; short chunks count whole.

    An f-string joins the view and the n-gram in one step: some 30 % faster than ``+`` for a story's 450.
    """
    return [f"{view}{chunk[i : i + n]}" for chunk in text.split() for i in range(max(1, len(chunk) - n + 1))]
