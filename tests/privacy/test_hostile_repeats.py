"""Long runs of one short piece repeated: the masker reads each once, not once per name or block before it.

Each was quadratic: every 殿 of a run is a name to the dictionary, and the titles after each name were
walked to the run's end; every bare block (1丁目1番1号) read its whole sentence again for 入力 or 例えば;
every chain of digits looked through every identifier of the text; every item of a chain of arrows was
compared with every name found. No timing here (benchmarks/privacy.py has it): at 50,000 characters a
quadratic masker does not finish the suite.
"""

from __future__ import annotations

import pytest

from bot.privacy import mask

RUN = 50_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Sudachi reads 2,000 characters at a time: in each, 殿殿 is a name and the next 殿 its honorific.
        ("殿" * RUN, ("［氏名］殿" * 666 + "［氏名］") * (RUN // 2_000)),
        ("1丁目1番1号 " * (RUN // 8), "［住所］ " * (RUN // 8)),
        ("1番地\\n" * (RUN // 5), "［住所］\\n" * (RUN // 5)),
        ("山田→" * (RUN // 3), "［氏名］→" * (RUN // 3)),
        ("東京都," * (RUN // 4), "東京都," * (RUN // 4)),
        ("中央区、" * (RUN // 4), "中央区、" * (RUN // 4)),
    ],
    ids=["honorific-run", "blocks", "blocks-and-identifiers", "arrow-chain", "prefectures", "wards"],
)
def test_long_repeated_input_is_masked(text: str, expected: str) -> None:
    assert mask(text).text == expected
