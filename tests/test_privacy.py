"""Personal information is masked before anything staff wrote is stored or forwarded."""

from __future__ import annotations

import pytest

from bot.privacy import is_my_number, mask


def check_digit(eleven: str) -> int:
    """The check digit as 総務省令 defines it, written out independently of bot.privacy."""
    total = 0
    for n in range(1, 12):
        p = int(eleven[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


@pytest.mark.parametrize(
    "eleven", ["12345678901", "00000000000", "98765432109", "31415926535", "27182818284"]
)
def test_my_number_check_digit_follows_the_official_algorithm(eleven: str) -> None:
    good = eleven + str(check_digit(eleven))
    assert is_my_number(good)
    for wrong in range(10):
        if wrong != check_digit(eleven):
            assert not is_my_number(eleven + str(wrong))


def test_a_known_valid_number() -> None:
    assert is_my_number("123456789018")
    assert not is_my_number("123456789012")


@pytest.mark.parametrize(
    ("text", "masked", "kinds"),
    [
        ("マイナンバーは123456789018です", "マイナンバーは［マイナンバー］です", ("マイナンバー",)),
        ("番号 1234 5678 9018 の方", "番号 ［マイナンバー］ の方", ("マイナンバー",)),
        ("１２３４－５６７８－９０１８", "［マイナンバー］", ("マイナンバー",)),
        ("口座番号123456789012です", "口座番号123456789012です", ()),
        ("電話は03-1234-5678か090-1234-5678へ", "電話は［電話番号］か［電話番号］へ", ("電話番号",)),
        ("(03)1234-5678、0120-123-456", "［電話番号］、［電話番号］", ("電話番号",)),
        ("+81 90 1234 5678 まで", "［電話番号］ まで", ("電話番号",)),
        ("携帯09012345678", "携帯［電話番号］", ("電話番号",)),
        ("メールは taro.yamada@example.co.jp まで", "メールは ［メールアドレス］ まで", ("メールアドレス",)),
        ("〒123-4567 東京都サンプル区中央1丁目2番3号", "［郵便番号］ ［住所］", ("郵便番号", "住所")),
        ("サンプル区本町3-4-5に住む方", "［住所］に住む方", ("住所",)),
        ("中央区八重洲二丁目1番", "［住所］", ("住所",)),
    ],
)
def test_personal_information_is_masked_and_named(text: str, masked: str, kinds: tuple[str, ...]) -> None:
    result = mask(text)
    assert result.text == masked
    assert result.kinds == kinds


@pytest.mark.parametrize(
    "text",
    [
        "DX推進課（内線 2345）に相談しました",
        "2026-11-29に会議があります",
        "毎月800件、1件あたり4分かかります",
        "区民課で3-4件の入力ミスがありました",
        "予算は1,234,567円です",
        "税務課の山田さんと相談",
        "令和8年4月1日から",
    ],
)
def test_work_text_is_left_alone(text: str) -> None:
    assert mask(text).text == text
    assert mask(text).kinds == ()
