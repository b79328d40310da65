"""The analyzer's terms: a katakana compound Sudachi keeps whole still meets its head word."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.knowledge.schema import FaqEntry
from bot.search.analyzer import Analyzer
from tests.auxil.searchers import own_faq_searcher


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def words(analyzer: Analyzer, text: str) -> set[str]:
    return {term[2:] for term in analyzer.analyze(text).terms if term.startswith("w:")}


@pytest.mark.parametrize(
    ("compound", "heads"),
    [
        ("スズメバチ", {"蜂", "はち"}),  # ハチ's own form is はち; its first sound voiced in the compound
        ("ミツバチ", {"蜂", "はち"}),
        ("ノラネコ", {"猫"}),
        ("ドブネズミ", {"鼠"}),
        ("シロアリ", {"蟻", "アリ"}),
        ("すずめばち", {"蜂", "はち"}),  # typed in hiragana, as a phone may leave it
        ("のらねこ", {"猫"}),
    ],
)
def test_a_kana_compound_kept_whole_carries_its_head(
    analyzer: Analyzer, compound: str, heads: set[str]
) -> None:
    assert heads <= words(analyzer, f"{compound}がいます")


@pytest.mark.parametrize(
    ("word", "own"),
    [
        ("ゴキブリ", {"ごきぶり"}),  # its form is in kana: no kanji says where a head would be
        ("チャットボット", {"チャットボット"}),  # a loanword (ボット is no ホット)
        ("ケータイ", {"携帯"}),  # 帯 reads おび: the word does not end in its head's reading
        ("ハンコ", {"判子"}),  # a one-sound head (子) is too short to tell
    ],
)
def test_words_that_are_no_such_compound_keep_their_own_form_only(
    analyzer: Analyzer, word: str, own: set[str]
) -> None:
    assert words(analyzer, f"{word}。") == own


def test_a_compound_in_the_question_finds_the_entry_that_names_its_head(kb: KnowledgeBase) -> None:
    # The right entry last: a tie would not pick it.
    asked = {"centipede": "ムカデ", "crow": "カラス", "bee": "ハチ"}
    bare = tuple(
        FaqEntry(id=id_, question=f"{animal}に刺されたときはどうすればよいですか。", answer="冷やします。")
        for id_, animal in asked.items()
    )
    searcher = own_faq_searcher(kb, bare)
    result = searcher.search("刺されたのはスズメバチです")
    bee, rival = result.ranking.candidates[:2]
    assert (bee.entry.id, rival.entry.id) == ("bee", "centipede")
    assert bee.coverage > rival.coverage, "the bee entry mentions the question's スズメバチ, as its head ハチ"
    assert bee.score > 1.2 * rival.score


TEXTS = [
    "スズメバチの巣を見つけました。",
    "一つ目の申請書をＲＰＡで入力し、二つ目はAI-OCRで読み取ります。",  # 一 read ひと, 二 ふた
    "第一歩として、第二の課題から。",  # 一 read いち, 二 に: a number's reading depends on its place
    "第二の課題は、申込みの受付です。",
    "ﾛﾎﾞｯﾄとロボットとろぼっと",
]


def test_a_remembered_word_analyses_as_a_fresh_analyzer_would(kb: KnowledgeBase) -> None:
    """`Analyzer` remembers each dictionary word's analysis: the order texts come in must not matter."""
    seasoned = Analyzer(kb.synonyms)
    for text in TEXTS:
        seasoned.analyze(text)
    for text in reversed(TEXTS):
        assert seasoned.analyze(text) == Analyzer(kb.synonyms).analyze(text), text


def test_a_number_reads_as_its_place_says(analyzer: Analyzer) -> None:
    assert "r:ヒトツ" in analyzer.analyze("一つ目").terms  # 一 read ひと first
    assert "r:ダイイ" in analyzer.analyze("第一歩").terms
    assert "r:ヒトツ" in analyzer.analyze("一つ目").terms


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("OCRって全部チェックしなきゃダメ？", "OCR"),  # ダメ asks whether it must be done
        ("些細なことでも相談OKですか", "相談"),  # OK asks whether it may be done
        ("クーリングオフは何日以内？", "クーリングオフ"),  # 何日 is what is asked
        ("予約は何時間前まで？", "予約"),
    ],
)
def test_frame_words_are_no_topic_nouns(analyzer: Analyzer, text: str, topic: str) -> None:
    """A question's frame (ダメ？, OK?, 何時間) is no noun the knowledge must know or an entry explain."""
    nouns = analyzer.analyze(text).nouns
    assert topic in nouns
    assert not {"駄目", "OK", "何日", "何時間"} & set(nouns)


WORDS_LOOKED_UP = ["子ども手当", "国民健康保険", "電子決済", "前任者", "ファミリーサポート", "㍿", "あsd"]


def test_a_word_looked_up_again_is_remembered_up_to_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """`Analyzer.parts`, `synonym_groups` and `sound` answer as before, from memory while it has room."""
    fresh = [
        (Analyzer().parts(w), Analyzer().synonym_groups(w), Analyzer().sound(w)) for w in WORDS_LOOKED_UP
    ]
    monkeypatch.setattr("bot.search.analyzer._WORD_CACHE_SIZE", 3)
    remembering = Analyzer()
    for _ in range(2):
        asked = [
            (remembering.parts(w), remembering.synonym_groups(w), remembering.sound(w))
            for w in WORDS_LOOKED_UP
        ]
        assert asked == fresh
    assert fresh[1][0] == ("国民", "健康", "保険")
    for memo in (remembering._parts, remembering._groups, remembering._sounds):
        assert list(memo) == WORDS_LOOKED_UP[:3], "the first three kept, no more"
