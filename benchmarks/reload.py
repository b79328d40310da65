"""How long a running server's reload takes after editing one FAQ entry, and how much it embeds again.

Usage, from the repository root:
    python -m benchmarks.reload [--size 50000] [--semantic] [--edits 3]

It writes the sample FAQ plus synthetic entries up to ``--size`` (the
generator of ``python -m bot bench``) beside a copy of knowledge/, loads it
as a server starts (cold, index cache in a temporary directory), then
``--edits`` times: changes one entry's answer and one phrasing and times
`Searcher.reload`, the call the server's reload makes in its worker thread.
With ``--semantic`` the texts the encoder is asked to embed are counted
(only the edited entry's should be); embedding a 50,000-entry FAQ from
nothing takes the better part of an hour on two cores, so measure that at a
smaller size. Target (issue 10): ≤ 10 s at 50,000 entries.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml

from bot.bench import _word_pool, synthetic_faq
from bot.config import Settings
from bot.search import Searcher
from bot.search.semantic import Encoder


class CountingEncoder(Encoder):
    """The real encoder, counting what it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.texts += len(texts)
        return super().encode(texts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--semantic", action="store_true")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    settings = Settings.from_env()
    with tempfile.TemporaryDirectory(prefix="kaizen-reload-") as temp:
        root = Path(temp)
        knowledge = root / "knowledge"
        shutil.copytree(settings.knowledge_dir, knowledge)
        real = yaml.safe_load(settings.faq_path.read_text(encoding="utf-8"))
        entries = real + synthetic_faq(max(args.size - len(real), 0), _word_pool())
        faq = root / "faq.yaml"
        faq.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
        cache = root / "cache"
        encoder = CountingEncoder() if args.semantic else None
        started = time.perf_counter()
        searcher = Searcher.load(faq, knowledge, cache, semantic=args.semantic, encoder=encoder)
        loaded = time.perf_counter() - started
        print(f"{len(entries)} entries, semantic={args.semantic}: first load {loaded:.1f} s")
        for edit in range(1, args.edits + 1):
            entry = entries[len(entries) // 2 + edit]
            entry["answer"] += f" 追記{edit}：手順を見直しました。"
            entry["phrasings"] = [*entry.get("phrasings", [])[:-1], f"{entry['question']}（改訂{edit}）"]
            faq.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
            before = encoder.texts if encoder else 0
            started = time.perf_counter()
            searcher = searcher.reload(faq, knowledge, cache)
            seconds = time.perf_counter() - started
            embedded = (encoder.texts - before) if encoder else 0
            print(f"edit {edit} ({entry['id']}): reload {seconds:.2f} s, texts embedded {embedded}")
            assert any(f"追記{edit}" in e.answer for e in searcher.kb.faq)


if __name__ == "__main__":
    main()
