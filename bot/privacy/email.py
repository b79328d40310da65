"""E-mail addresses, including the ways people write them to dodge spam filters.

On the folded text (so full-width ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ is plain ASCII):
a local part of ASCII letters, digits and ``._%+-`` (parts joined by ・ too:
yoshiko ・ m), or of kana and kanji (internationalised addresses; never the two mixed, so the words before an
address stay: 連絡先taro@…; one ending in a particle never has a space or a line break after it, so a word
before an account's handle stays: インスタの @sora.diary), then ``@`` with spaces around it if any (or a
line break before or after it, which a phone's copy and paste leaves),
``[at]``, ``(at)``, `` at ``, アット(マーク) or あっと (in brackets or not), then a domain of two or more
labels whose labels may be ASCII or Japanese (IDN: 例え.テスト), with dots
written as ``.``, as ``。`` or ``・`` before an ASCII label (spaces around them if any: example . jp), or
as ``。`` between Japanese labels (日本語。テスト); after an ASCII label a 。 before Japanese ends the
sentence (taro@example.jp。住民票の件 keeps 住民票),
``[dot]``, ``(dot)``, `` dot `` or ドット (in brackets or not: ［ドット］), or 点 between letters or digits,
as voice input writes a dot said aloud (hana点sato アットマーク yahoo点co点jp). An address made safe to
paste, "defanged", is one too: a dot in brackets anywhere in it and the ``@`` in brackets
(kenji[.]ota[@]gmail[.]com), or at between two ``#`` or ``*`` (daichi.w #at# outlook.com). The last label is
ASCII letters or a run of kanji or katakana, so a particle after the address
(…@example.jpです) is not taken with it.

An address read out word by word and typed as heard is one too (ゆーき、あんだーばー、…、あっと、
あいくらうど、どっと、こむ).

OCR may read a domain's every dot as a comma (miyu,sato@icloud,com), and a hand may type one of them so
(ren.abe@yahoo,co.jp): such an address ends in a common top-level label (com, jp, net, …).

An address a mail client broke at a line's end is one too, the quote marks of a reply after the break if any
(yoshi_k1975@yaho / o.co.jp, keiko.fu / jii@au.com).

A message's id in a mail header (Message-ID:, In-Reply-To:, References: <…@…>) is shaped as an address but
is nobody's, and stays.

The local part alone is taken where the message gives it apart from the domain as what comes before the ``@``
(@ の前は yuko.88 で、ドメインは gmail.com), or after an e-mail's label with the domain told next (メアドは
yu.kimura 、ドメインは docomo.ne.jp): the domain alone is nobody's.

A symbol may stand for the ``@`` where the message says so (taro■example.jp（■をアットマークに）,
★を@に変えて): an ASCII local part, the symbol, then a domain as above.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.privacy import lazy

__all__ = ["EMAIL", "find_emails"]

EMAIL = "メールアドレス"

_JA = r"\u30a1-\u30fa\u30fc\u4e00-\u9fff々〆ヶ"
_ASCII_LOCAL = r"[a-z0-9._%+\-]{1,64}"
_PARTICLE = "[のはがをにでともへ]"
"""A particle ending a word before a space: what a Japanese local part never ends with (インスタの
@sora.diary)."""
_LOCAL = (
    rf"(?:{_ASCII_LOCAL}(?:(?:[ \t]*・[ \t]*|[\[(]\.[\])]|(?<=[a-z0-9])点(?=[a-z0-9])){_ASCII_LOCAL}){{0,3}}"
    rf"|[{_JA}ぁ-ゖ]{{1,64}}(?!(?<={_PARTICLE})[ \t\r\n]))"
)
_AT = (
    r"(?:[ \t]*(?:\r?\n[ \t]*)?@[ \t\r\n]{0,3}"
    r"|[ \t]*[\[(<]\s*(?:at|アット(?:マーク)?|あっと|@マーク|@)\s*[\])>][ \t]*"
    r"|[ \t]*[#*](?:at|アット(?:マーク)?|あっと)[#*][ \t]*"
    r"|[ \t]at[ \t]|[ \t]*(?:アット(?:マーク)?|あっと(?:まーく)?)[ \t]*)"
)
_DOT = (
    rf"(?:[ \t]*\.[ \t]*|[ \t]*[。・][ \t]*(?=[a-z0-9])|(?<=[{_JA}ぁ-ゖ])。(?=[{_JA}ぁ-ゖ])"
    r"|[ \t]*[\[(<]\s*(?:dot|ドット|どっと|\.)\s*[\])>][ \t]*|[ \t]dot[ \t]"
    r"|[ \t]*ドット[ \t]*|(?<=[a-z0-9])点(?=[a-z]))"
)
_LABEL = rf"(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?|[{_JA}ぁ-ゖ][{_JA}ぁ-ゖ\-]*)"
_TLD = rf"(?:[a-z]{{2,24}}|xn--[a-z0-9]{{2,59}}|[{_JA}]{{1,10}})"
"""A top-level domain: letters, a Japanese domain's in Punycode as a mailer shows it (xn--zckzah), or
kanji."""
_PATTERN = lazy.compile(rf"{_LOCAL}{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_TLD}(?![a-z0-9\-])", re.IGNORECASE)


_STAND_IN = lazy.compile(r"([★☆■□●○◆◇◎※*#])[」』]?(?:を|は|→|->|=)[ \t]*[「『]?(?:@|アット|あっと)")
"""A symbol said to stand for the ``@`` (■をアットマークに, ★を@に, ※→@)."""
_DOMAIN = rf"[ \t]*{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_TLD}(?![a-z0-9\-])"


_WORD = r"[ぁ-ゖァ-ヺーa-z0-9]{1,12}"
_PAUSE = r"(?:[ \t]*[、,・][ \t]*|[ \t]+)"
_SPOKEN = lazy.compile(
    rf"{_WORD}(?:{_PAUSE}{_WORD}){{0,6}}{_PAUSE}?(?:あっと(?:まーく)?|アット(?:マーク)?){_PAUSE}?{_WORD}"
    rf"(?:{_PAUSE}?(?:どっと|ドット){_PAUSE}?{_WORD}){{1,3}}",
    re.IGNORECASE,
)
"""An address read out word by word and typed as heard, pauses as 、 or spaces (ゆーき、あんだーばー、
にーまるいちご、あっと、あいくらうど、どっと、こむ): words, あっと or アット, then words joined by どっと."""


_SPACED = lazy.compile(
    r"(?<![a-z0-9._%+\-])(?:[a-z0-9._%+\-][ \t]){1,64}@"
    r"(?:[ \t][a-z0-9\-]){1,63}(?:[ \t]\.(?:[ \t][a-z0-9\-]){1,63})+"
    r"(?![ \t]?[a-z0-9])",
    re.IGNORECASE,
)
"""An address as a PDF copies it, a space after every character (t a r o @ e x a m p l e . j p)."""


_COMMA_TLD = r"(?:com|net|org|info|biz|jp|io|me|co|ac|ne|or|go|lg|ed|tokyo|nagoya|osaka|kyoto|yokohama)"
_COMMA_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?"
_COMMAS = lazy.compile(
    rf"(?<![a-z0-9._%+\-,])[a-z0-9._%+\-]{{1,64}}(?:,[a-z0-9._%+\-]{{1,64}}){{0,3}}@"
    rf"{_COMMA_LABEL}(?:\.{_COMMA_LABEL}){{0,3}},(?:{_COMMA_LABEL}[,.]){{0,3}}{_COMMA_TLD}"
    r"(?![a-z0-9\-.])",
    re.IGNORECASE,
)
"""An address whose domain's dots OCR read as commas (miyu,sato@icloud,com, k.ohno@k-net,ne,jp), or one of
them a comma as a hand slips (ren.abe@yahoo,co.jp): ending in a common top-level label; a real address before
a CSV's comma keeps its dots (a@example.com,yes), and so is found above, its cell after it left."""


_BEFORE_AT = lazy.compile(
    r"(?:@|アット|あっと)[ \t]*(?:マーク|まーく)?[ \t]*(?:の|より)前(?:は|が|[:：=])?[ \t]*[「『\"]?"
    r"(?=[a-z0-9._%+\-]{0,63}[a-z])([a-z0-9._%+\-]{1,64})(?![a-z0-9._%+\-@])",
    re.IGNORECASE,
)
"""The local part given apart, as what comes before the @ (@ の前は yuko.88, アットマークより前が k-sato):
ASCII with a letter in it, so a count stays (@の前は 8 文字まで)."""


_LOCAL_BEFORE_DOMAIN = lazy.compile(
    r"(?:メアド|メールアドレス|メール|(?<![a-z])e-?mail|(?<![a-z])mail)(?:は|が|[:：])?[ \t]*"
    r"(?=[a-z0-9._%+\-]{0,63}[a-z])([a-z0-9._%+\-]{1,64})(?![a-z0-9._%+\-@])"
    r"[ \t]*(?:で|です)?[ \t]*[、,][ \t]*ドメイン",
    re.IGNORECASE,
)
"""The local part given apart after an e-mail's label, the domain told next (メアドは yu.kimura 、ドメインは
docomo.ne.jp): ASCII with a letter in it."""


_QUOTE = r"[ \t]{0,3}(?:>[ \t]?){0,4}"
"""What a mail client sets at the start of a quoted line (> > ), spaces before it if any."""
_WRAPPED_DOMAIN = lazy.compile(
    r"(?<![a-z0-9._%+\-])[a-z0-9._%+\-]{1,64}@(?:[a-z0-9\-]{1,63}\.){0,4}[a-z0-9\-]{0,63}"
    r"(?<!\.[a-z]{2})(?<!\.[a-z]{3})(?<!@)\n"
    rf"{_QUOTE}[a-z0-9\-]{{0,63}}(?:\.[a-z0-9\-]{{1,63}}){{0,4}}\.[a-z]{{2,24}}(?![a-z0-9\-])",
    re.IGNORECASE,
)
"""An address whose domain a mail client broke at the line's end, the quote marks of a reply after the break
if any (yoshi_k1975@yaho / o.co.jp, ryota-hayashi@o / > > utlook.jp); a domain ending in a whole top-level
label (…@example.jp) is no broken one."""
_WRAPPED_LOCAL = lazy.compile(
    r"(?<![a-z0-9._%+\-])(?=[a-z0-9%+\-]{0,63}[._0-9])[a-z0-9._%+\-]{1,64}=?\n"
    rf"{_QUOTE}[a-z0-9._%+\-]{{1,64}}(?=@)",
    re.IGNORECASE,
)
"""The local part of an address that a mail client broke at the line's end, ``=`` where quoted-printable
marks the break (keiko.fu / jii@au.com, michiko.tanab= / e1960@gmail.com): the piece before the break holds a
dot, an underscore or a digit, as a word of the sentence before does not."""


_MESSAGE_ID = lazy.compile(r"(?:message-id|in-reply-to|references)[ \t]*:[^\n]*<$", re.IGNORECASE)
"""A mail header's line up to an id in angle brackets (Message-ID: <20261206.4412@mail.example.jp>): the id
is a message's, shaped as an address but nobody's."""


def find_emails(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of e-mail addresses in the folded ``text`` (`mask` sorts them)."""
    for match in _PATTERN.finditer(text):
        start = match.start()
        if not (
            text[start - 1 : start] == "<" and _MESSAGE_ID.match(text, text.rfind("\n", 0, start) + 1, start)
        ):
            yield start, match.end(), EMAIL
    if "," in text and "@" in text:
        for match in _COMMAS.finditer(text):
            yield match.start(), match.end(), EMAIL
    if "@" in text and "\n" in text:
        for pattern in (_WRAPPED_DOMAIN, _WRAPPED_LOCAL):
            for match in pattern.finditer(text):
                yield match.start(), match.end(), EMAIL
    if "前" in text:
        for match in _BEFORE_AT.finditer(text):
            yield match.start(1), match.end(1), EMAIL
    if "ドメイン" in text:
        for match in _LOCAL_BEFORE_DOMAIN.finditer(text):
            yield match.start(1), match.end(1), EMAIL
    if " @ " in text:
        for match in _SPACED.finditer(text):
            yield match.start(), match.end(), EMAIL
    if "あっと" in text or "アット" in text:
        for match in _SPOKEN.finditer(text):
            yield match.start(), match.end(), EMAIL
    for symbol in dict.fromkeys(m.group(1) for m in _STAND_IN.finditer(text)):
        written = re.compile(rf"[a-z0-9._%+\-]{{1,64}}[ \t]*{re.escape(symbol)}{_DOMAIN}", re.IGNORECASE)
        for match in written.finditer(text):
            yield match.start(), match.end(), EMAIL
