"""A packaged install (a wheel in site-packages, no checkout): where it reads the knowledge, where it writes.

Its defaults once resolved inside the installed package: `python -m bot serve` created
site-packages/var/kaizen.db, then stopped on site-packages/knowledge, which a wheel does not hold.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, Settings
from bot.db import ConversationStore
from bot.search import Searcher
from bot.wiring import live_knowledge

SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "faq.yaml", "knowledge", "bot")
"""What building the package reads (the Dockerfile copies the same)."""


def _files(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*") if "__pycache__" not in path.parts}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as setup.py builds it into a wheel (its build_py, offline), outside any checkout."""
    source, lib = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("lib")
    for name in SOURCES:
        copy = shutil.copytree if (PROJECT_ROOT / name).is_dir() else shutil.copy2
        copy(PROJECT_ROOT / name, source / name)
    shutil.rmtree(source / "bot" / "sample", ignore_errors=True)  # a copy built before, if any
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return lib


def _run_packaged(lib: Path, cwd: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m bot ARGS`` importing the built package, started in ``cwd``, no setting of the knowledge."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KAIZEN_", "DATABASE_URL"))}
    env.update(PYTHONPATH=str(lib), PYTHONDONTWRITEBYTECODE="1", KAIZEN_CACHE_DIR="")
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_package_runs_from_an_empty_folder_on_its_sample_and_writes_only_there(
    built: Path, tmp_path: Path
) -> None:
    """A first try of a packaged install: the sample knowledge answers, the database is the folder's."""
    before = _files(built)
    found = _run_packaged(built, tmp_path, "check")
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith("問題はありません: FAQ ")
    user = ("admin", "add-user", "tanaka", "--password-stdin")
    added = _run_packaged(built, tmp_path, *user, stdin="dx-team-password-1\n")
    assert added.returncode == 0, added.stderr
    assert (tmp_path / "var" / "kaizen.db").is_file()
    assert _files(built) == before  # nothing written into the installed package


def test_the_working_directorys_knowledge_and_database_are_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "faq.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "knowledge").mkdir()
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert (settings.faq_path, settings.knowledge_dir) == (tmp_path / "faq.yaml", tmp_path / "knowledge")
    assert settings.database_url == f"sqlite:///{tmp_path / 'var' / 'kaizen.db'}"
    assert not settings.sample_knowledge


def test_the_sample_serves_only_where_nothing_names_or_holds_a_wards_knowledge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sample = Settings.from_env({})
    assert sample.sample_knowledge
    assert sample.faq_path.is_file()
    assert sample.knowledge_dir.is_dir()
    assert sample.database_url == f"sqlite:///{tmp_path / 'var' / 'kaizen.db'}"
    # a ward's FAQ named alone is never paired with the sample's knowledge/ (its ward.yaml names another ward)
    ward = Settings.from_env({"KAIZEN_FAQ": "/srv/ward/faq.yaml"})
    assert (ward.faq_path, ward.knowledge_dir, ward.sample_knowledge) == (
        Path("/srv/ward/faq.yaml"),
        tmp_path / "knowledge",
        False,
    )
    assert Settings.from_env({}, KAIZEN_KNOWLEDGE="/srv/ward/knowledge").faq_path == tmp_path / "faq.yaml"
    # a folder holding part of a ward's knowledge is the ward's: the missing part is said, not replaced
    from bot.config.places import knowledge_place

    assert knowledge_place(None, None, tmp_path, sample=PROJECT_ROOT).sample
    (tmp_path / "knowledge").mkdir()
    assert not knowledge_place(None, None, tmp_path, sample=PROJECT_ROOT).sample


def test_a_start_where_the_knowledge_is_incomplete_says_what_to_set_and_creates_nothing(
    tmp_path: Path,
) -> None:
    """It used to create var/kaizen.db, then say 知識フォルダが見つかりません and nothing more."""
    (tmp_path / "faq.yaml").write_text("[]\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KAIZEN_", "DATABASE_URL"))}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{tmp_path / 'knowledge'}: 知識フォルダが見つかりません。KAIZEN_KNOWLEDGE（または --knowledge）で"
        "指定するか、faq.yaml と knowledge フォルダのあるフォルダで起動してください",
        "知識が見つからないため、起動できません（1件）。",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["faq.yaml"]


@pytest.mark.asyncio
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_sample_in_service_is_a_warning_in_the_log(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    store: ConversationStore,
    searcher: Searcher,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A ward's server started in the wrong folder must not answer from the sample unnoticed.

    And the line that the knowledge is ready names the files, and says its counts in words (it was a
    Python dict's repr, {'faq': 57, …}).
    """
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    said: dict[bool, list[str]] = {}
    for sample in (True, False):
        env = {"KAIZEN_CACHE_DIR": "", "KAIZEN_RELOAD_POLL_SECONDS": "0"}
        if not sample:
            env |= {
                "KAIZEN_FAQ": str(PROJECT_ROOT / "faq.yaml"),
                "KAIZEN_KNOWLEDGE": str(PROJECT_ROOT / "knowledge"),
            }
        settings = Settings.from_env(env)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="bot.wiring"):
            async with live_knowledge(settings, store, searcher):
                pass
        said[sample] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        ready = [r.getMessage() for r in caplog.records if r.getMessage().startswith("knowledge ready")]
        kb = searcher.kb
        assert (
            ready
            == [  # where it came from, in words rather than a dict's repr
                f"knowledge ready ({PROJECT_ROOT / 'faq.yaml'}, {PROJECT_ROOT / 'knowledge'}): "
                f"FAQ {len(kb.faq)}, chapters {len(kb.chapters)}, cases {len(kb.cases)}, "
                f"referrals {len(kb.referrals)}, fingerprint {kb.fingerprint[:12]}"
            ]
        )
    assert said[False] == []
    assert said[True] == [
        f"serving the sample knowledge ({PROJECT_ROOT}): start in the folder that holds the ward's faq.yaml "
        "and knowledge/, or set KAIZEN_FAQ and KAIZEN_KNOWLEDGE"
    ]


def test_eval_without_a_file_in_a_packaged_install_says_what_to_pass(built: Path, tmp_path: Path) -> None:
    """It used to say …/site-packages/tests/data/queries_dev.yaml: ファイルが見つかりません."""
    done = _run_packaged(built, tmp_path, "eval")
    assert done.returncode == 2
    assert str(built) not in done.stderr
    assert done.stderr.startswith("評価する質問のファイルを指定してください（例: python -m bot eval")
    queries = tmp_path / "queries.yaml"
    queries.write_text("- q: RPAの相談はどこにすればよいですか\n  expect: none\n", encoding="utf-8")
    measured = _run_packaged(built, tmp_path, "eval", "--json", str(queries))
    assert measured.returncode in (0, 1), measured.stderr  # the ward's own file is measured
    assert '"overall"' in measured.stdout


def test_bench_in_a_packaged_install_asks_the_faqs_own_questions(built: Path, tmp_path: Path) -> None:
    """``bench`` used to stop on the missing tests/data file, saying 知識ファイルに1件の問題があります."""
    shutil.copy2(PROJECT_ROOT / "faq.yaml", tmp_path / "faq.yaml")
    shutil.copytree(PROJECT_ROOT / "knowledge", tmp_path / "knowledge")
    sizes = ("--sizes", "100", "--queries", "3", "--baseline-queries", "1")
    done = _run_packaged(built, tmp_path, "bench", *sizes)
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / 'faq.yaml'} の質問" in done.stderr
    assert [line.split()[:2] for line in done.stdout.splitlines()[2:]] == [
        ["100", "ours"],
        ["100", "ours"],
        ["100", "baseline"],
    ]


def test_bench_realistic_in_a_packaged_install_says_where_it_runs(built: Path, tmp_path: Path) -> None:
    done = _run_packaged(built, tmp_path, "bench", "--realistic", "--sizes", "100")
    assert done.returncode == 2
    assert done.stderr.startswith("bench --realistic は開発用の質問集")
    assert "ソースのチェックアウト" in done.stderr
