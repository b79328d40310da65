"""Long runs of blanks after a labelled number: the masker reads them once, not once per blank.

A number corrected right after a labelled one (口座番号 4410921 → 4410912) was looked for with blanks, then
the correction's word, then blanks again: on a run of blanks with no correction after it, every split of the
run between the two was tried, and 50,000 blanks after a ゆうちょ 記号 took minutes. No timing here
(benchmarks/privacy.py has it): a masker quadratic in the run does not finish the suite.
"""

from __future__ import annotations

import pytest

from bot.privacy import mask

RUN = 50_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ゆうちょ 記号 10140" + " " * RUN + "番号 22871561",
            "ゆうちょ 記号 ［各種番号］" + " " * RUN + "番号 ［各種番号］",
        ),
        ("口座番号 4410921 →" + " " * RUN + "番号", "口座番号 ［各種番号］ →" + " " * RUN + "番号"),
        ("口座番号 4410921" + "\u3000" * RUN + "いや", "口座番号 ［各種番号］" + "\u3000" * RUN + "いや"),
    ],
    ids=["yucho-mark-then-blanks", "arrow-then-blanks", "wide-blanks-then-iya"],
)
def test_long_run_of_blanks_after_a_labelled_number_is_masked(text: str, expected: str) -> None:
    assert mask(text).text == expected
