"""The masker's rules compile when a text first reaches them, not when `bot.privacy` is imported."""

from __future__ import annotations

import gc
import re

import pytest

from bot.privacy import lazy
from bot.privacy.email import _SPOKEN
from bot.privacy.labelled import _PENSION_NUMBER
from bot.privacy.numbers import _PHONE_BY_PARTS
from tests.auxil.modules import value_after

RECORDING = """
import gc
import re
compiled = []
_compile = re.compile


def recording(pattern, flags=0):
    if "bot/privacy" in sys._getframe(1).f_code.co_filename.replace("\\\\", "/"):
        compiled.append(pattern)
    return _compile(pattern, flags)


re.compile = recording
"""
"""Run first in the new process: each pattern that code in bot/privacy/ compiles is kept in ``compiled``."""


def compiled_after(statement: str) -> list[str]:
    """The patterns bot/privacy/ compiled in a new process by the end of ``statement``."""
    patterns: list[str] = value_after(RECORDING + statement, "compiled")
    return patterns


@pytest.mark.parametrize(
    "statement",
    [
        "import bot.privacy",
        "import bot.app",
        "from bot.privacy import logs\nimport logging\nlogs.install(logging.getLogger())",
    ],
)
def test_importing_the_masker_compiles_none_of_its_rules(statement: str) -> None:
    assert compiled_after(statement) == []


def test_a_rule_behind_a_check_compiles_only_for_a_text_that_passes_it() -> None:
    behind_checks = {_PENSION_NUMBER.pattern, _PHONE_BY_PARTS.pattern, _SPOKEN.pattern}

    plain = compiled_after("from bot.privacy import mask\nmask('転入届はどこで出せますか')")
    cued = compiled_after(
        "from bot.privacy import mask\n"
        "mask('年金番号は 2201-883045、市内局番は 3、メールは taro あっと example.jp です')"
    )

    assert plain  # the probe sees what a text compiles
    assert behind_checks.isdisjoint(plain)
    assert behind_checks <= set(cued)


def test_a_pattern_is_compiled_when_first_used_and_then_matches_as_re_compile_would() -> None:
    broken = lazy.compile("(unclosed")
    assert broken.pattern == "(unclosed"  # read without compiling, as a rule spliced into another is
    with pytest.raises(re.error):
        broken.search("text")

    date = lazy.compile(r"(?P<year>[0-9]{4})年", re.IGNORECASE)
    compiled = re.compile(r"(?P<year>[0-9]{4})年", re.IGNORECASE)
    text = "2024年と1999年"
    assert [m.span() for m in date.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert date.groups == 1
    assert date.groupindex == {"year": 1}
    assert date.sub("Y", text) == compiled.sub("Y", text)
    assert date.fullmatch(text, 0, 5) is not None


def test_preparing_compiles_every_rule_so_that_no_text_waits_for_one() -> None:
    statement = (
        "from bot.privacy import mask, prepare\n"
        "prepared = prepare()\n"
        "compiled.clear()\n"
        "mask('年金番号は 2201-883045、市内局番は 3、田中さんの転入届、東京都北区王子1-2-3')\n"
        "compiled.append(prepared)"
    )

    after_prepare = compiled_after(statement)

    assert after_prepare[:-1] == []  # masking compiled nothing more
    assert int(after_prepare[-1]) > 250  # every rule, those behind checks too, was compiled by prepare


def test_a_pattern_made_and_dropped_is_not_compiled_by_preparing() -> None:
    dropped = lazy.compile("(unclosed")  # as a test's own pattern is: gone once it returns
    del dropped
    gc.collect()

    lazy.compile_all()  # a broken pattern nobody holds any more raises nothing
