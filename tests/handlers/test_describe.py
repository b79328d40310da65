"""How the dashboard names the kinds of knowledge it offers an answer from."""

from __future__ import annotations

from bot.handlers.dashboard.describe import kind_label
from bot.knowledge.ward import Ward


def test_a_manual_section_is_labelled_by_the_wards_own_name_for_its_manual() -> None:
    ward = Ward(manual="しごと改善ガイド", manual_short="ガイド")
    assert kind_label("sec:remedy#rpa", ward) == "ガイド"
    assert kind_label("sec:remedy#rpa", Ward()) == "手引き"
    assert [kind_label(ref, ward) for ref in ("faq:x", "case:y", "ref:z", "web:q")] == [
        "よくある質問",
        "改善事例",
        "案内先",
        "その他",
    ]
