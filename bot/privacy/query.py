"""Personal data in a URL's query string, a log's or JSON's field or an SQL row, whose name says what it is.

A form's log or a link pasted from a browser holds what a resident typed as its parameters
(…/entry?tel=09033182047&mail=…&zip=1760005): the name before ``=`` says the value is a phone, a postal
code, an address, a birth date, a My Number or an insurance, pension or account number, written in any
way (digits run together, percent-escaped kanji). A value with no digit is none of them (``?tel=&…``);
a parameter of no such name (page=2, id=20261207, ts=…) stays; a person's id (applicant_id=…, user_id=…,
bango=…, a number's romaji) is one of them.

The same names in Latin letters say so in a line pasted from a log, JSON, a vCard or SQL: a field
(``"mynumber":"…"``, ``mynumber=…`` after a blank, ``BDAY:19720415`` opening a line,
``WHERE atena_no = '…'``) whose value holds four digits or more (an e-mail's, an ``@``), and an INSERT's
value under a column of such a name (``INSERT INTO t (hihokensha_no, birth) VALUES ('…', '…')``). A field
of another name ("version", "room") stays, and so does a short value ("kaigo": 3).
An INSERT with no column list (``INSERT INTO kojin VALUES (1042, '558203179407', …)``) names no value:
twelve digits quoted there, as a text column keeps a My Number's leading zeros, are taken for one whatever
their check digit, unless they open with a date (a serial stamped so: '202612070042').
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
    MY_NUMBER: "mynumber|mynum|mynumberno|個人|個人no|個人bango|個人番号|マイナンバー",
    ID_NUMBER: (
        "hihoban|hihokensha|hihokenshano|hihokenshabango|atena|atenano|atenabango|atenabangou|"
        "kaigo|kaigono|kaigobango|kinen|kisonenkin|nenkin|nenkinno|"
        "nenkinbango|koza|kouza|kozabango|account|accountno|acct|passport|license|licence|zairyu|"
        "番号|bango|bangou|applicant|applicantid|applicantno|shinseisha|shinseishano|shinseishaid|"
        "userid|memberid|personid|residentid|riyosha|riyoshano|riyoshaid"
    ),
}
"""A parameter's names for each kind, lower case without ``_`` and ``-``, as `bot.privacy.fold` leaves
them: the romaji of a label it knows is the label (kojin=… is 個人=…, jusho=… is 住所=…)."""
_KIND_OF = {key: kind for kind, keys in _KINDS.items() for key in keys.split("|")}
_NAME = r"[A-Za-z\u4e00-\u9fff\u30a1-\u30fa\u30fc]"
_PARAMETER = lazy.compile(rf"[?&;]({_NAME}[_-]?(?:{_NAME}[_-]?){{0,24}}?)[0-9]?=([^&;#\s\"'<>]{{1,120}})")
"""A query's parameter: its name (a digit after it if any: tel2, addr1) and its value up to the next one."""
_FIELD = lazy.compile(
    r"(?:\"([A-Za-z][A-Za-z_-]{1,24})\"[ \t]{0,3}:"
    r"|(?<![^\n])([A-Za-z][A-Za-z_-]{1,24})(?:;[A-Za-z=,_-]{1,60})?[ \t]{0,3}:"
    r"|(?<![A-Za-z0-9_.\-])([A-Za-z][A-Za-z_-]{1,24})[ \t]{0,3}=)"
    r"[ \t]{0,3}[\"']?([0-9+A-Za-z][0-9A-Za-z+@._%-]{0,119})"
)
"""A field in a log, a JSON object, a vCard or SQL: its name in Latin letters, then its value, quoted
if it is, after ``:`` where the name is quoted (JSON's "mynumber":) or opens a line, a vCard's parameters
after it if any (TEL;TYPE=CELL:…, BDAY:…), or after ``=`` (a log's mynumber=…, SQL's atena_no = '…'); a
name and a colon inside a line (代表：… / FAX：…) are a sentence's label, which the other detectors read.
The value runs from a digit, ``+`` or a letter (TEL;TYPE=WORK:内線3318 is the office's extension) over
Latin letters, digits and an address's marks only, as a log writes it."""
_INSERT = lazy.compile(
    r"\(([A-Za-z_\u4e00-\u9fff][A-Za-z0-9_, \t\u4e00-\u9fff]{0,400})\)"
    r"[ \t]*(?i:values)[ \t]*\(([^()\n]{1,1000})\)"
)
"""An SQL INSERT's columns and its row's values."""
_BARE_INSERT = lazy.compile(
    r"(?i:insert)[ \t]+(?i:into)[ \t]+[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]{0,60}"
    r"[ \t]*(?i:values)[ \t]*\(([^()\n]{1,1000})\)"
)
"""An SQL INSERT with no column list: its row's values, whose columns no name tells."""
_QUOTED_TWELVE = lazy.compile(r"'([0-9]{12})'")
_DATED = lazy.compile(r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")
"""Twelve digits opening with a date (202612070042): a serial the date stamps, a reception's or a batch's."""
_VALUE = lazy.compile(r"'([^'\n]{0,200})'|([^,'\s][^,\s]{0,60})")
_SEPARATORS = lazy.compile("[_-]")
_DIGIT = lazy.compile("[0-9]")
_FOUR_DIGITS = lazy.compile("[0-9](?:[^0-9]*[0-9]){3}")


def find_in_queries(text: str) -> Iterator[tuple[int, int, str]]:
    """The spans ``(start, end, kind)`` of parameters' values named for personal data in the folded ``text``.

    A value under an address's name that holds an ``@`` is an e-mail (addr=…@…); `bot.privacy.fold` has
    made a percent-escaped ``@`` one.
    """
    yield from _fields(text)
    if "=" not in text:
        return
    for parameter in _PARAMETER.finditer(text):
        kind = _kind_named(parameter.group(1))
        value = parameter.group(2)
        if kind is None or not _DIGIT.search(value):
            continue
        if "@" in value:
            kind = EMAIL
        yield parameter.start(2), parameter.end(2), kind


def _fields(text: str) -> Iterator[tuple[int, int, str]]:
    """A log's, JSON's, vCard's or SQL's fields and an INSERT's values named for personal data."""
    if ":" in text or "=" in text:
        for field in _FIELD.finditer(text):
            name = field.group(1) or field.group(2) or field.group(3)
            kind = _kind_named(name)
            if kind is not None and _named_value(kind, field.group(4)):
                yield field.start(4), field.end(4), EMAIL if "@" in field.group(4) else kind
    if "'" in text:
        for insert in _BARE_INSERT.finditer(text):
            for value in _QUOTED_TWELVE.finditer(text, insert.start(1), insert.end(1)):
                if not _DATED.match(value.group(1)):
                    yield value.start(1), value.end(1), MY_NUMBER
    for insert in _INSERT.finditer(text):
        kinds = [_kind_named(column.strip()) for column in insert.group(1).split(",")]
        values = list(_VALUE.finditer(insert.group(2)))
        if len(values) != len(kinds):
            continue
        for kind, value in zip(kinds, values, strict=True):
            group = 1 if value.group(1) is not None else 2
            if kind is not None and _named_value(kind, value.group(group)):
                offset = insert.start(2)
                yield offset + value.start(group), offset + value.end(group), kind


def _kind_named(name: str) -> str | None:
    """The kind of personal data a parameter, field or column so named holds (tel_no and TELNO alike)."""
    return _KIND_OF.get(_SEPARATORS.sub("", name.lower()))


def _named_value(kind: str, value: str) -> bool:
    """Whether a field's value may be what its name says: four digits or more, an e-mail's ``@``."""
    return "@" in value if kind == EMAIL else _FOUR_DIGITS.search(value) is not None
