"""Personal data in a URL's query string, whose parameter's name says what its value is.

A form's log or a link pasted from a browser holds what a resident typed as its parameters
(…/entry?tel=09033182047&mail=…&zip=1760005): the name before ``=`` says the value is a phone, a postal
code, an address, a birth date, a My Number or an insurance, pension or account number, written in any
way (digits run together, percent-escaped kanji). A value with no digit is none of them (``?tel=&…``);
a parameter of no such name (page=2, id=20261207, ts=…) stays.
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.privacy import lazy
from bot.privacy.address import ADDRESS
from bot.privacy.email import EMAIL
from bot.privacy.labelled import BIRTH_DATE, ID_NUMBER
from bot.privacy.numbers import MY_NUMBER, PHONE, POSTAL

__all__ = ["find_in_queries"]

_KINDS = {
    PHONE: "tel|telno|phone|phoneno|phonenumber|mobile|fax|電話|電話番号|携帯|携帯番号",
    EMAIL: "mail|email|mailaddress|emailaddress",
    POSTAL: "zip|zipcode|postal|postalcode|postcode|郵便|郵便番号",
    ADDRESS: "addr|address|banchi|street|chiban|住所",
    BIRTH_DATE: "dob|birth|birthday|birthdate|bday|誕生日|生年月日",
    MY_NUMBER: "mynumber|mynum|個人|個人番号|マイナンバー",
    ID_NUMBER: (
        "hihoban|hihokensha|hihokenshabango|kaigo|kaigono|kaigobango|kinen|kisonenkin|nenkin|nenkinno|"
        "nenkinbango|koza|kouza|kozabango|account|accountno|acct|passport|license|licence|zairyu"
    ),
}
"""A parameter's names for each kind, lower case without ``_`` and ``-``, as `bot.privacy.fold` leaves
them: the romaji of a label it knows is the label (kojin=… is 個人=…, jusho=… is 住所=…)."""
_KIND_OF = {key: kind for kind, keys in _KINDS.items() for key in keys.split("|")}
_NAME = r"[A-Za-z\u4e00-\u9fff\u30a1-\u30fa\u30fc]"
_PARAMETER = lazy.compile(rf"[?&;]({_NAME}[_-]?(?:{_NAME}[_-]?){{0,24}}?)[0-9]?=([^&;#\s\"'<>]{{1,120}})")
"""A query's parameter: its name (a digit after it if any: tel2, addr1) and its value up to the next one."""
_SEPARATORS = lazy.compile("[_-]")
_DIGIT = lazy.compile("[0-9]")


def find_in_queries(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of parameters' values named for personal data in the folded ``text``.

    A value under an address's name that holds an ``@`` is an e-mail (addr=…@…); `bot.privacy.fold` has
    made a percent-escaped ``@`` one.
    """
    if "=" not in text:
        return
    for parameter in _PARAMETER.finditer(text):
        kind = _KIND_OF.get(_SEPARATORS.sub("", parameter.group(1).lower()))
        value = parameter.group(2)
        if kind is None or not _DIGIT.search(value):
            continue
        if "@" in value:
            kind = EMAIL
        yield parameter.start(2), parameter.end(2), kind
