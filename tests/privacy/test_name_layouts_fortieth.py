"""Names as staff lay people out, the fortieth round's shapes: each masked where it was written, and the
look-alikes that hold no one's name left alone."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # An extension's number and a space before a surname.
    ("わからないことは内線2040 大西まで", "わからないことは内線2040 ［氏名］まで"),
    # Who borrowed or returned a key or a car in a lending log, a time perhaps between.
    (
        "12/7 会議室A 借 久保 返 10:30\n12/7 倉庫 借 松浦 返 11:15",
        "12/7 会議室A 借 ［氏名］ 返 10:30\n12/7 倉庫 借 ［氏名］ 返 11:15",
    ),
    ("公用車5号 持出 13:00 朝倉 返却 ー", "公用車5号 持出 13:00 ［氏名］ 返却 ー"),
    # Who sits by a seat's side, and the seats beside them on the line.
    ("島C 窓側：向井　中：鶴田　通路側：三枝", "島C 窓側：［氏名］　中：［氏名］　通路側：［氏名］"),
    # Bulleted lines under a line saying people follow.
    (
        "🙋 手伝える人\n・牧野\n・小松\n🙅 無理な人\n・武田",
        "🙋 手伝える人\n・［氏名］\n・［氏名］\n🙅 無理な人\n・［氏名］",
    ),
    # A surname of one kanji before から and a reply.
    ("固定資産税の件、柴から回答がありました", "固定資産税の件、［氏名］から回答がありました"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_layout_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


KEPT_AFTER_NAMES = [
    # What was done, written after who did it in a log, is no given name.
    ("公用車2号 持出 9:10 鬼塚 返却 11:40 鬼塚", "公用車2号 持出 9:10 ［氏名］ 返却 11:40 ［氏名］"),
    ("担当：鬼塚 返却", "担当：［氏名］ 返却"),
    # A given name after a surname still goes with it.
    ("推薦者：秋田 和子、岩手 清", "推薦者：［氏名］、［氏名］"),
    # A person named as a 屋 surname and a given name stays masked, beside a gift too.
    ("土屋吉信さんにお土産をいただきました", "［氏名］さんにお土産をいただきました"),
    ("担当：土屋吉信", "担当：［氏名］"),
    # A child before ちゃん with no animal right before.
    ("犬の散歩中の ゆい ちゃん", "犬の散歩中の ［氏名］ ちゃん"),
]


@pytest.mark.parametrize(("text", "masked"), KEPT_AFTER_NAMES)
def test_what_follows_a_name_is_kept_and_people_stay_masked(text: str, masked: str) -> None:
    assert mask(text).text == masked


WORK_TEXT = [
    # Old shops named as a surname ending in 屋 and a given name, listed together or after sweets or a gift.
    "鶴屋吉信 と 亀屋良長、どちらにしますか",
    "お茶菓子は亀屋良長にしました",
    "京都のお土産なら鶴屋吉信が無難です",
    # A pet's name after the animal.
    "迷子の猫：三毛の ミケ ちゃん、飼い主に引き渡し済",
    # What follows an extension, a lending word or a seat's side is no person's.
    "内線2040 までお電話ください",
    "公用車 持出 13:00 本庁",
    "窓側：ブラインド故障",
    # Bulleted things under a line about people.
    "必要な人\n・ノートPC\n・電源",
    "欠席者\n・本庁\n・支所",
]


@pytest.mark.parametrize("text", WORK_TEXT)
def test_look_alikes_hold_no_name(text: str) -> None:
    assert mask(text).text == text
