"""Bad usage is refused in Japanese, like every other message of the command line."""

from __future__ import annotations

import pytest

from bot.usage import in_japanese
from tests.auxil.server import run_bot


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["admin", "add-user"], "python -m bot admin add-user: エラー: 次の引数を指定してください: name"),
        (
            ["admin", "export-faq", "--all", "--mark-exported"],
            "python -m bot admin export-faq: エラー: --mark-exported と --all は一緒に指定できません",
        ),
        (["ask", "--bogus"], "python -m bot: エラー: 認識できない引数です: --bogus"),
        (["serve", "--port"], "python -m bot serve: エラー: --port には値を1つ指定してください"),
        (["frobnicate"], "python -m bot: エラー: COMMAND に 'frobnicate' は指定できません（'check', 'ask'"),
        (
            ["purge", "--days", "0"],
            "python -m bot purge: エラー: --days: 1から10950までの日数を指定してください: 0",
        ),
    ],
)
def test_bad_usage_is_refused_in_japanese_with_the_usage_and_exit_2(args: list[str], said: str) -> None:
    """argparse's own refusals were English ("the following arguments are required"), the bot's Japanese."""
    done = run_bot(*args, env={"KAIZEN_CACHE_DIR": ""})
    assert done.returncode == 2
    assert said in done.stderr
    assert done.stderr.startswith("usage: python -m bot")
    assert "error:" not in done.stderr


def test_a_refusal_argparse_words_otherwise_is_kept_as_it_is() -> None:
    assert in_japanese("something new in a later Python") == "something new in a later Python"
