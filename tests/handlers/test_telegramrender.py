"""Replies and notices as Telegram messages: limits, escaping, the keyboard."""

from __future__ import annotations

from bot.dialogue.views import button_cards
from bot.handlers.telegram.render import MAX_TEXT_CHARS, notice, render
from bot.values import Card, Choice, Notice, Reply


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible(html: str) -> str:
    return (
        html.replace("<b>", "")
        .replace("</b>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
    )


def test_a_reply_is_one_message_with_its_choices_as_buttons_and_its_source_cited_last() -> None:
    reply = Reply(
        "RPAは定型作業を自動化する仕組みです。",
        (Choice("解決した", "fb:+"), Choice("解決しない", "fb:-")),
        source=Choice("よくある質問「RPA」", "faq:12"),
    )
    (message,) = render([reply])
    assert message.html == "RPAは定型作業を自動化する仕組みです。\n\n出典：よくある質問「RPA」"
    assert message.keyboard is not None
    buttons = [b for row in message.keyboard.inline_keyboard for b in row]
    assert [(b.text, b.callback_data) for b in buttons] == [("解決した", "fb:+"), ("解決しない", "fb:-")]
    assert [len(row) for row in message.keyboard.inline_keyboard] == [2]  # short labels share a row


def test_cards_are_a_numbered_list_and_their_buttons_say_which_card_when_labels_repeat() -> None:
    cards = tuple(
        Card(f"No.{n}【RPA】", f"2026年4月{n}日受付", (Choice("詳しく見る", f"cs:{n}"),)) for n in (1, 2)
    )
    status = Card("DX推進課へのご相談", "状況を確認できます。", (Choice("相談状況を見る", "cs:list"),))
    (message,) = render([Reply("ご相談の一覧です。", (Choice("メニュー", "menu"),), (*cards, status))])
    assert "<b>1. No.1【RPA】</b>\n2026年4月1日受付" in message.html
    assert "<b>3. DX推進課へのご相談</b>" in message.html
    assert message.keyboard is not None
    labels = [b.text for row in message.keyboard.inline_keyboard for b in row]
    assert labels == ["1. 詳しく見る", "2. 詳しく見る", "相談状況を見る", "メニュー"]


def test_each_action_is_offered_once_per_message() -> None:
    same = Choice("メニュー", "menu")
    (message,) = render([Reply("どうぞ。", (same,), (Card("案内", "本文", (same,)),))])
    assert message.keyboard is not None
    assert [b.callback_data for row in message.keyboard.inline_keyboard for b in row] == ["menu"]


def test_everything_is_escaped_and_mentions_are_broken() -> None:
    text = '<a href="https://evil.example">x</a> & <b>y</b> @tanaka_k mail@example.jp'
    (message,) = render([Reply(text, cards=(Card("<i>題</i>", "@all 本文"),))])
    assert "<a" not in message.html
    assert '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; &lt;b&gt;y&lt;/b&gt;' in message.html
    assert "@\u2060tanaka_k" in message.html
    assert "mail@example.jp" in message.html  # an address is no mention
    assert "<b>&lt;i&gt;題&lt;/i&gt;</b>" in message.html
    assert "@\u2060all" in message.html


def test_long_text_is_split_at_paragraphs_within_4096_and_the_keyboard_is_under_the_last_part() -> None:
    paragraph = "申請書の電子化について説明します。" * 20
    text = "\n\n".join(f"{n}. {paragraph}" for n in range(20))
    messages = render([Reply(text, (Choice("解決した", "fb:+"),))])
    assert len(messages) > 1
    assert all(utf16(visible(m.html)) <= MAX_TEXT_CHARS for m in messages)
    assert all(m.keyboard is None for m in messages[:-1])
    assert messages[-1].keyboard is not None
    assert all(visible(m.html).rstrip().endswith("説明します。") for m in messages[:-1])
    rejoined = "\n\n".join(visible(m.html) for m in messages)
    assert rejoined == text


def test_text_without_breaks_is_cut_where_it_must_and_keeps_surrogate_pairs_whole() -> None:
    text = "😀" * 5000  # two UTF-16 code units each, as Telegram counts
    messages = render([Reply(text)])
    assert [utf16(m.html) for m in messages] == [4096, 4096, 1808]
    assert "".join(m.html for m in messages) == text


def test_html_entities_do_not_count_against_the_limit() -> None:
    text = "<" * 5000
    messages = render([Reply(text)])
    assert [utf16(visible(m.html)) for m in messages] == [4096, 904]


def test_a_notice_has_its_title_in_bold_its_text_escaped_and_the_link_last() -> None:
    (message,) = notice(
        Notice(3, "new", "新しい相談 No.3", "<b>急ぎ</b>", "https://k.example/admin/3?a=1&b=2")
    )
    assert message.html == (
        "<b>新しい相談 No.3</b>\n&lt;b&gt;急ぎ&lt;/b&gt;\n"
        '<a href="https://k.example/admin/3?a=1&amp;b=2">ダッシュボードで開く</a>'
    )
    (plain,) = notice(Notice(3, "new", "題", "本文", None))
    assert "<a" not in plain.html
    long = notice(Notice(4, "waiting", "題", "あ" * 5000, "https://k.example/admin/4"))
    assert len(long) == 2
    assert long[-1].html.endswith("ダッシュボードで開く</a>")


def test_cases_whose_titles_end_like_a_share_of_a_list_are_each_shown_under_their_own_title() -> None:
    """Two cases 「…（1/2）」「…（2/2）」 of one section were read as one list's buttons: one heading, cut."""
    cards = tuple(
        Card(
            f"窓口予約のオンライン化（{n}/2）",
            "市民課\n・待ち時間 半減",
            (Choice("詳しく見る", f"case:c{n}"),),
        )
        for n in (1, 2)
    )
    (message,) = render([Reply("市民課の改善事例です（2件）。", (), cards)])
    assert "<b>1. 窓口予約のオンライン化（1/2）</b>" in message.html
    assert "<b>2. 窓口予約のオンライン化（2/2）</b>" in message.html


def test_a_list_split_into_cards_is_one_section_after_its_stored_form_is_read_back() -> None:
    """The outbox keeps a reply as its record: a list's cards still make one section when it is pushed."""
    buttons = tuple(Choice(f"第{n}課", f"dept:{n}") for n in range(1, 8))
    cards = button_cards("課から探す", "課を選んでください。", buttons, "depts")
    stored = Reply.from_record(Reply("課の一覧です。", (), cards).to_record())
    (message,) = render([stored])
    assert message.html.count("課から探す") == 1
    assert "（1/3）" not in message.html
