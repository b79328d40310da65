"""The semantic index: embeddings cached by text, entries' best views, and what it adds to the search."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from bot.evaluation import without_phrasings
from bot.knowledge import KnowledgeBase
from bot.search import Searcher
from bot.search.semantic import DIMENSIONS, EmbeddingCache, Encoder, build_semantic


class CountingEncoder:
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self, real: Encoder) -> None:
        self.real = real
        self.embedded: list[str] = []

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.embedded.extend(texts)
        return self.real.encode(texts)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder()


def test_vectors_are_unit_length_and_close_for_close_meanings(encoder: Encoder) -> None:
    texts = ["パソコンの定型作業を自動化したい", "毎日の入力作業をロボットにさせたい", "昼ごはんは何にしよう"]
    rpa, robot, lunch = encoder.encode(texts)
    assert rpa.shape == (DIMENSIONS,)
    assert abs(float(np.linalg.norm(rpa)) - 1.0) < 1e-3
    assert float(rpa @ robot) > float(rpa @ lunch) + 0.1


def test_the_cache_embeds_only_texts_it_has_not_seen(tmp_path: Path, encoder: Encoder) -> None:
    path = tmp_path / "embeddings.npz"
    first = CountingEncoder(encoder)
    views = [[("申請書を電子化したい", 1.0), ("答えの本文です。", 0.85)], [("会議を短くしたい", 1.0)]]
    built = build_semantic(views, first, EmbeddingCache(path))
    assert sorted(first.embedded) == sorted(["申請書を電子化したい", "答えの本文です。", "会議を短くしたい"])
    again = CountingEncoder(encoder)
    edited = [views[0], [("会議の時間を短くしたい", 1.0)]]
    rebuilt = build_semantic(edited, again, EmbeddingCache(path))
    assert again.embedded == ["会議の時間を短くしたい"], "only the edited text is embedded again"
    assert np.allclose(rebuilt.vectors[:2], built.vectors[:2], atol=1e-3)


def test_a_broken_cache_file_is_embedded_again_not_fatal(tmp_path: Path, encoder: Encoder) -> None:
    path = tmp_path / "embeddings.npz"
    path.write_bytes(b"not a numpy file")
    counting = CountingEncoder(encoder)
    build_semantic([[("窓口の待ち時間を減らしたい", 1.0)]], counting, EmbeddingCache(path))
    assert counting.embedded == ["窓口の待ち時間を減らしたい"]
    assert EmbeddingCache(path).vectors(["窓口の待ち時間を減らしたい"], CountingEncoder(encoder)).shape == (
        1,
        DIMENSIONS,
    )


def test_an_entry_scores_its_best_weighted_view_and_one_without_views_zero(encoder: Encoder) -> None:
    views = [[("住民票の写しを取りたい", 1.0), ("住民票の写しを取りたい", 0.5)], [], [("犬の登録", 1.0)]]
    index = build_semantic(views, encoder, EmbeddingCache(None))
    query = encoder.encode(["住民票の写しを取りたい"])[0]
    first, empty, dog = index.similarities(query)
    assert first == pytest.approx(1.0, abs=0.01)
    assert empty == 0.0
    assert dog < first


def test_meaning_finds_a_paraphrase_the_words_alone_miss(kb: KnowledgeBase) -> None:
    bare = without_phrasings(kb)
    query = "手を付けたい仕事がいくつもあるんだけど、順番をどう決めたらいい？"
    lexical = Searcher.build(bare, semantic=False).search(query)
    semantic = Searcher.build(bare).search(query)
    assert not lexical.hits or lexical.hits[0].entry.id != "method-prioritize"
    assert semantic.hits[0].entry.id == "method-prioritize"
    assert semantic.ranking.candidates[0].semantic > 0.3
