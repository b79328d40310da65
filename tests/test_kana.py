from bot.kana import to_katakana


def test_hiragana_becomes_katakana_and_nothing_else_changes() -> None:
    assert to_katakana("ろぼっと、RPAとヴぁ") == "ロボット、RPAトヴァ"
    assert to_katakana("ゔゖー申請ABC１") == "ヴヶー申請ABC１"


def test_text_without_hiragana_is_returned_as_it_is() -> None:
    assert to_katakana("ジュウミンヒョウ申請ABC１") == "ジュウミンヒョウ申請ABC１"
    assert to_katakana("") == ""
