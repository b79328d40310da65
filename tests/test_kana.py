from bot.kana import to_hiragana, to_katakana


def test_hiragana_becomes_katakana_and_nothing_else_changes() -> None:
    assert to_katakana("ろぼっと、RPAとヴぁ") == "ロボット、RPAトヴァ"
    assert to_katakana("ゔゖー申請ABC１") == "ヴヶー申請ABC１"


def test_text_without_hiragana_is_returned_as_it_is() -> None:
    assert to_katakana("ジュウミンヒョウ申請ABC１") == "ジュウミンヒョウ申請ABC１"
    assert to_katakana("") == ""


def test_katakana_becomes_hiragana_one_character_for_one() -> None:
    text = "ゼロキュー、ロボット申請ABC１ヴヶ"
    assert to_hiragana(text) == "ぜろきゅー、ろぼっと申請ABC１ゔゖ"
    assert len(to_hiragana(text)) == len(text)
    assert to_katakana(to_hiragana("ファミリー・サポート")) == "ファミリー・サポート"
