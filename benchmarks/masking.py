"""What masking costs: CPU time per message by length, for a platform's message, and to import the masker.

Usage, from the repository root: python -m benchmarks.masking [--rounds N] [--seed S]

Texts: staff messages from tests/data/privacy/ and the queries of tests/data/queries_*.yaml. *Short*: 200 of
30 to 80 characters; *medium*: 60 of 300, and *long*: 15 of 2,000 (the web chat's longest), each made of
such texts joined by line breaks. Each size is masked ``--rounds`` times and the best pass counts (CPU time
of this process; a busy machine slows a pass, never speeds it). *once*: `bot.privacy.mask` reading each
text (its recent results forgotten before each); *platform*: as a platform's message is masked, by the
inbox storing its record and again by its turn (`bot.handlers.dispatch`). *import*: ``import bot.privacy``
in a fresh process (the best of ``--rounds``); *first mask*: then its first text, a short message, most of
it compiling the rules' regular expressions that the text reaches (`bot.privacy.lazy`).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bot.evaluation import load_queries
from bot.privacy import RECENT, mask

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def written_texts() -> list[str]:
    """Every staff message of tests/data/privacy/ and every query of tests/data/queries_*.yaml."""
    texts = []
    for path in sorted((DATA / "privacy").glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts += [entry if isinstance(entry, str) else entry["text"] for entry in entries]
    for path in sorted(DATA.glob("queries_*.yaml")):
        texts += [query.q for query in load_queries(path)]
    return texts


def sizes(texts: list[str], seed: int) -> dict[str, list[str]]:
    """Short texts as written; medium and long ones joined from random texts, cut at their length."""
    rng = random.Random(seed)
    short = [text for text in texts if 30 <= len(text) <= 80]
    rng.shuffle(short)

    def joined(count: int, length: int) -> list[str]:
        made = []
        for _ in range(count):
            parts: list[str] = []
            while sum(len(part) + 1 for part in parts) < length:
                parts.append(rng.choice(texts))
            made.append("\n".join(parts)[:length])
        return made

    return {"short": short[:200], "medium": joined(60, 300), "long": joined(15, 2000)}


def once(texts: list[str]) -> None:
    for text in texts:
        RECENT.clear()
        mask(text)


def platform(texts: list[str]) -> None:
    for text in texts:
        RECENT.clear()
        mask(text)  # the inbox's record (`Incoming.to_record`)
        mask(text)  # its turn (`Incoming.masked`)


def best_ms(run: Callable[[list[str]], None], texts: list[str], rounds: int) -> float:
    """The best of ``rounds`` passes, in CPU milliseconds per text."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        run(texts)
        best = min(best, time.process_time() - start)
    return best / len(texts) * 1000


FIRST_TEXT = "田中さんの転入届について、窓口の受付時間を教えてください"
"""A short message, as a process's first masked text."""


def import_ms(rounds: int) -> tuple[float, float]:
    """``import bot.privacy``, then masking `FIRST_TEXT`, in a fresh process: CPU ms each, best of ``rounds``.

    The masker's dependencies (SudachiPy, YAML) are imported before the clock starts.
    """
    script = (
        "import time, sudachipy, yaml, bot.sudachi, bot.kana; start = time.process_time(); "
        "import bot.privacy; imported = time.process_time(); "
        f"bot.privacy.mask({FIRST_TEXT!r}); print(imported - start, time.process_time() - imported)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, text=True, cwd=ROOT)
        for _ in range(rounds)
    ]
    figures = [tuple(map(float, run.stdout.split())) for run in runs]
    return min(f[0] for f in figures) * 1000, min(f[1] for f in figures) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=37)
    args = parser.parse_args()
    by_size = sizes(written_texts(), args.seed)
    for texts in by_size.values():
        once(texts[:5])  # the dictionary's first reads
    print("| texts | once ms | platform ms |")
    print("| --- | ---: | ---: |")
    for size, texts in by_size.items():
        chars = sum(map(len, texts)) // len(texts)
        print(
            f"| {size}: {len(texts)} of {chars} characters | {best_ms(once, texts, args.rounds):.2f} "
            f"| {best_ms(platform, texts, args.rounds):.2f} |"
        )
    imported, first = import_ms(args.rounds)
    print(f"\nimport bot.privacy: {imported:.0f} ms CPU; then its first mask (a short text): {first:.0f} ms")


if __name__ == "__main__":
    main()
