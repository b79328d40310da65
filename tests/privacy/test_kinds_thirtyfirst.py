"""The thirty-first round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A phone read aloud with ごう for 5, as a hand spells out what it heard.
    (
        "留守電「ゼロキューゼロ、ななにいさんよん、いちごうはちはち にお願いします」",
        "留守電「［電話番号］ にお願いします」",
    ),
    ("折り返しは ぜろはちぜろ ごうごうにいいち さんよんはちろく です", "折り返しは ［電話番号］ です"),
    # A birth date with a Western year read aloud in hiragana, words a space apart.
    ("生年月日は にせん ご ねん、さん がつ、じゅうよっか です", "生年月日は ［生年月日］ です"),
    ("誕生日 せんきゅうひゃく はちじゅうろく ねん しちがつ ふつか", "誕生日 ［生年月日］"),
    # An INSERT with no column list: twelve digits quoted, whatever their check digit.
    (
        "INSERT INTO kojin VALUES (1042, '558203179407', '2026-12-07');",
        "INSERT INTO kojin VALUES (1042, '［マイナンバー］', '2026-12-07');",
    ),
    (
        "insert into shinsei values ('A-118', '730192844613', 'ok');",
        "insert into shinsei values ('A-118', '［マイナンバー］', 'ok');",
    ),
    # An account's number after 普通 and No.
    ("振込先 石神井支店 普通 No. 8810234", "振込先 石神井支店 普通 No. ［各種番号］"),
    ("普通預金　Ｎｏ．４４０９２１８", "普通預金　Ｎｏ．［各種番号］"),
    # A card's name, then 番号 and the number each on a line of its own, as a copied form sets them.
    ("介護保険の被保険者証\n番号\n0003927715", "介護保険の被保険者証\n番号\n［各種番号］"),
    (
        "受給者証\n番号\n88217035\n有効期限\n令和8年3月31日",
        "受給者証\n番号\n［各種番号］\n有効期限\n令和8年3月31日",
    ),
    # A URL's parameter for a person's id or a number's romaji.
    (
        "https://shinsei.example.jp/view?applicant_id=B30528841&lang=ja",
        "https://shinsei.example.jp/view?applicant_id=［各種番号］&lang=ja",
    ),
    (
        "https://kokuho.example.jp/check?kigo=7&bango=0052188&edaban=02",
        "https://kokuho.example.jp/check?kigo=7&bango=［各種番号］&edaban=02",
    ),
    ("https://app.example.jp/u?user_id=448120&tab=2", "https://app.example.jp/u?user_id=［各種番号］&tab=2"),
    # An e-mail address with one of its domain's dots typed as a comma.
    ("メール欄：ren.abe@yahoo,co.jp（カンマ）", "メール欄：［メールアドレス］（カンマ）"),
    ("k.sato@docomo,ne.jp に送信", "［メールアドレス］ に送信"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


@pytest.mark.parametrize(
    "text",
    [
        # Twelve digits that pass the check digit under a label naming another kind of number.
        "受付番号 2026-1207-0042 について、審査結果を通知しました",
        "受付番号\n202612030180\n受付日\n令和8年12月3日",
        "申請受付No.2026-1204-0070、書類の不足なし",
        "整理番号：２０２６１２０７００４２（システム採番）",
        "お問い合わせ番号 202612040070 でご確認ください",
        "予約番号 2026-1207-0042、12月18日 10:30",
        # What stays around the round's writings.
        "INSERT INTO stats VALUES ('2026-12', 1226, 3418000);",
        "INSERT INTO batch VALUES ('202612070931', 'done');",
        "普通 No. 3 の窓口",
        "https://www.city.example.lg.jp/page/0412.html?page=2&sort=date",
        "生年月日欄は にせん ねん 以降の方は西暦で",
        "ごうけい いちにさんよん件、ごうかく にじゅう名",
        "会議は にせん にじゅうろく ねん じゅうに がつ とおか に開催",
    ],
)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("INSERT INTO t VALUES (" + "'1', " * 3000, "INSERT INTO t VALUES (" + "'1', " * 3000),
        (
            "insert into " + "a" * 5000 + " values (" + "'123456789012'," * 60,
            "insert into " + "a" * 5000 + " values (" + "'123456789012'," * 60,
        ),
        ("生年月日 にせん" + "\u3000" * 5000 + "x", "生年月日 にせん" + "\u3000" * 5000 + "x"),
        ("生年月日 せん " * 3000, "生年月日 せん " * 3000),
        ("ごう" * 5000, "ごう" * 5000),
        ("a@b," + "c." * 3000 + "com", "a@b," + "c." * 3000 + "com"),
        ("受付番号" + "\n" * 5000 + "202612070042", "受付番号" + "\n" * 5000 + "［マイナンバー］"),
        ("&bango=" * 3000 + "1", "&bango=" * 3000 + "［各種番号］"),
    ],
    ids=[
        "insert-values",
        "insert-long-table",
        "birth-year-blanks",
        "birth-year-repeated",
        "go-repeated",
        "comma-domain-dots",
        "label-far-above",
        "bango-repeated",
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str, masked: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns.

    A label 5,000 lines above twelve digits names them no more: they are a My Number again.
    """
    assert mask(text).text == masked
