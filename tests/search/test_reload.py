"""`Searcher.reload`: the knowledge loaded again, embedding only the texts whose vectors it lacks."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from bot.knowledge import KnowledgeError
from bot.search import Searcher
from bot.search.semantic import TextEncoder
from tests.conftest import FAQ_PATH, KNOWLEDGE_DIR

OLD = "RPA（ロボティック・プロセス・オートメーション）は、パソコン上で人が行っている定型的な操作"
NEW = "RPAは、決まった手順のパソコン操作をロボットに任せる仕組みで、人が行っている定型的な操作"


class Counting:
    """The real encoder, remembering what it was asked to embed."""

    def __init__(self, encoder: TextEncoder) -> None:
        self.encoder = encoder
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.texts += texts
        return self.encoder.encode(texts)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copy(FAQ_PATH, tmp_path / "faq.yaml")
    shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge")
    return tmp_path / "faq.yaml", tmp_path / "knowledge"


def test_after_editing_one_answer_only_that_text_is_embedded(
    searcher: Searcher, files: tuple[Path, Path], tmp_path: Path
) -> None:
    assert searcher.encoder is not None
    counting = Counting(searcher.encoder)
    serving = Searcher(
        searcher.kb, searcher.index, searcher.analyzer, semantic=searcher.semantic, encoder=counting
    )
    faq, knowledge = files
    faq.write_text(faq.read_text(encoding="utf-8").replace(OLD, NEW, 1), encoding="utf-8")

    fresh = serving.reload(faq, knowledge, tmp_path / "cache")

    assert len(counting.texts) == 1
    edited_question = next(e for e in searcher.kb.faq if e.id == "tool-rpa-basics").question
    assert counting.texts[0].startswith(f"{edited_question} {NEW}"), (
        "the question with the new first sentence"
    )
    assert fresh.encoder is counting, "the model is not loaded again"
    assert fresh.semantic is not None
    assert fresh.semantic.vectors.shape == searcher.semantic.vectors.shape  # type: ignore[union-attr]
    edited = next(e for e in fresh.kb.faq if e.id == "tool-rpa-basics")
    assert edited.answer.startswith(NEW)
    assert fresh.search("RPAってなに？").hits[0].entry.id == "tool-rpa-basics"
    assert next(e for e in searcher.kb.faq if e.id == "tool-rpa-basics").answer.startswith(OLD), "untouched"
    assert (tmp_path / "cache" / "embeddings-usem3.npz").exists(), (
        "the new vectors are kept for the next start"
    )


def test_broken_files_raise_and_leave_the_searcher_as_it_was(
    searcher: Searcher, files: tuple[Path, Path]
) -> None:
    faq, knowledge = files
    faq.write_text(
        faq.read_text(encoding="utf-8") + "- id: broken\n  question: [unclosed\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeError) as caught:
        searcher.reload(faq, knowledge)
    assert all(str(p).startswith(f"{faq}:") for p in caught.value.problems)
    assert searcher.search("RPAってなに？").hits[0].entry.id == "tool-rpa-basics"
