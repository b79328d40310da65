"""The thirtieth round of the other kinds: each writing of the studied set's misses, and what stays."""

from __future__ import annotations

import pytest

from bot.privacy import mask

WRITINGS = [
    # A log's, JSON's, vCard's or SQL's field named for personal data.
    ('{"mynumber":"301447982265","result":"ng"}', '{"mynumber":"［マイナンバー］","result":"ng"}'),
    ("WARN mynumber=447120938851 id=5521", "WARN mynumber=［マイナンバー］ id=5521"),
    ("SELECT * FROM t WHERE atena_no = '0017734021';", "SELECT * FROM t WHERE atena_no = '［各種番号］';"),
    ("BDAY:19720415", "BDAY:［生年月日］"),
    ('{"hihokensha_no": "0002217465", "kaigo": 3}', '{"hihokensha_no": "［各種番号］", "kaigo": 3}'),
    # An INSERT's value under a column so named.
    (
        "INSERT INTO kaigo (hihokensha_no, note) VALUES ('0006613298', 'ok');",
        "INSERT INTO kaigo (hihokensha_no, note) VALUES ('［各種番号］', 'ok');",
    ),
    (
        "insert into kojin (kojin_no, kana) values ('528417390261', 'ヤマ');",
        "insert into kojin (kojin_no, kana) values ('［マイナンバー］', 'ヤマ');",
    ),
    # Korean, Philippine and Brazilian addresses and numbers.
    ("前住所: 12, Sejong-daero 23-gil, Jongno-gu", "前住所: ［住所］, Jongno-gu"),
    ("韓国の住所 부산광역시 해운대구 센텀중앙로 48", "韓国の住所 ［住所］"),
    ("前住所 1847 Leon Guinto Street, Malate", "前住所 ［住所］, Malate"),
    ("転出先 Av. Paulista, 1578 - Bela Vista", "転出先 ［住所］ - Bela Vista"),
    ("Blk 5 Lot 22, Brgy. Malanday", "［住所］, Brgy. Malanday"),
    ("CEP 04538-133 (São Paulo)", "CEP ［郵便番号］ (São Paulo)"),
    ("番号は 224.118.390-42 です", "番号は ［各種番号］ です"),
    ("住民登録番号 900721-1338420", "住民登録番号 ［各種番号］"),
    # A label misread by OCR, and a birth date said aloud with の.
    ("OCR→ 牛年月日 H3.l0.5", "OCR→ 牛年月日 ［生年月日］"),
    ("生年月日は、昭和の五十一年の、十一月の三日です", "生年月日は、［生年月日］です"),
]


@pytest.mark.parametrize(("text", "masked"), WRITINGS)
def test_each_writing_is_masked_where_it_was_written(text: str, masked: str) -> None:
    assert mask(text).text == masked


@pytest.mark.parametrize(
    "text",
    [
        "TEL;TYPE=WORK:内線3318\nNOTE:本庁舎4階 402",
        "子ども家庭支援センター 代表：03-5980-5275 / FAX：03-5980-5276",
        '{"status":200,"elapsed_ms":1184,"version":"2.7.1","rows":42213}',
        "INSERT INTO budget (year, code, amount) VALUES ('2026', '01-02-03', 3200000);",
        "SELECT count(*) FROM soudan WHERE ward_code = 131202;",
        "法人番号 8011001045611 の事業者と契約",
        "インボイス登録番号 T4010401022860（適格請求書）",
        "ソウル特別市との交流 30 周年、Gangnam-daero を視察",
        "サンパウロ州の Avenida Paulista で 2026 年に交流行事",
        "研修 2026-12-14 13:30、本庁舎 5 階 502 会議室",
        "締切は令和8年12月の3日間です",
        "予算科目 01-02-03-04、執行率 76.4%",
        "受付番号 2026-0412、1,284 件、バッチ 20261207.3",
    ],
)
def test_work_text_is_left_as_it_is(text: str) -> None:
    assert mask(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        '"mynumber"' + ":" * 8000 + "1",
        "a=" * 5000 + "1234",
        "TEL;" + "TYPE=CELL;" * 2000 + ":0",
        "(a, " * 3000 + ") VALUES (" + "'1', " * 3000,
        "Blk 1 " * 3000,
        "Rua de " * 3000 + "1",
        "1 Taft " * 3000 + "Avenue",
        "Seoul-ro " * 3000,
        "서울특별시 " * 3000 + "로 1",
        "123.456.789-" * 3000,
        "生年月日は昭和の" + "五十一年の、" * 2000,
    ],
)
def test_long_hostile_input_is_masked_in_linear_time(text: str) -> None:
    """No timing here (benchmarks/privacy.py has it): a masker that backtracks exponentially never returns."""
    assert mask(text).text.count("［") <= len(text)
