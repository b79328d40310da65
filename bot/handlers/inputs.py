"""Reading what a client sends, one way for every route, so that no input can cause a 5xx.

Each reader raises `InvalidRequest` for what it cannot read, with a message
that says what is wrong; the error boundaries answer it with 400 (JSON on
the API, a page on the dashboard).

- `check_request`: the path, the query and the headers hold no NUL and no
  lone surrogate (undecodable bytes in a header arrive as one). Neither
  SQLite nor PostgreSQL can store them, and no person typed them.
- `read_json_object`: the body as a JSON object: strict JSON (`strict_json`:
  no ``NaN``), nested at most `MAX_JSON_DEPTH` deep, every string readable
  (`check_json`); `strict_json` also reads LINE's and Slack's signed bodies.
- `read_form`: a posted form's text fields, from a well-formed urlencoded or
  multipart body, every value readable, every line break an LF.
- `integer`: a decimal integer within bounds; by default one that fits the
  database's 64-bit integer columns (ids, versions).
- `digits`: a count or a time given as ASCII digits, at most so many, or None
  (for callers that answer anything else in their own way).
- `from_another_site`: whether a browser sent the request from another site
  (CSRF), for the web chat and the dashboard to refuse it each in its own way.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from bot.errors import InvalidRequest

__all__ = [
    "MAX_INTEGER",
    "MAX_JSON_DEPTH",
    "MAX_VERSION",
    "check_json",
    "check_request",
    "check_text",
    "digits",
    "from_another_site",
    "integer",
    "read_form",
    "read_json_object",
    "strict_json",
]

MAX_JSON_DEPTH = 32
MAX_INTEGER = 2**63 - 1
"""The largest value a 64-bit signed integer column holds (SQLite and PostgreSQL ``BIGINT``)."""
MAX_VERSION = 2**31 - 1
"""The largest version a form may carry: what an ``Integer`` column holds on PostgreSQL (``int4``).

A larger one was never stored, and PostgreSQL refuses to compare it with the column (503, not 409).
"""

_UNREADABLE = re.compile("[\x00\ud800-\udfff]")
_INTEGER = re.compile(r"-?[0-9]{1,19}")


def check_text(text: str, where: str) -> None:
    """Refuse ``text`` if it holds a NUL or a lone surrogate; ``where`` names it in the message."""
    if _UNREADABLE.search(text):
        raise InvalidRequest(
            "invalid_text", f"{where}に使えない文字（制御文字や壊れた文字）が含まれています。"
        )


def check_request(request: web.BaseRequest) -> None:
    """Refuse a request whose path, query or headers hold text that cannot be stored or shown."""
    check_text(request.path, "URL")
    _check_all(request.query.items(), "URLのパラメーター")
    _check_all(request.headers.items(), "リクエストのヘッダー")


async def read_json_object(request: web.Request) -> dict[str, Any]:
    """The body as a JSON object; `InvalidRequest` for anything else.

    The body's size is bounded by the application (413 beyond it); nesting
    is bounded here, so nothing downstream can recurse without limit.
    """
    body = strict_json(await request.read())
    if not isinstance(body, dict):
        raise InvalidRequest("invalid_json", "リクエストの本文はJSONのオブジェクトにしてください。")
    return body


def strict_json(data: str | bytes) -> object:
    """``data`` as strict JSON (UTF-8, no ``NaN``), checked by `check_json`; `InvalidRequest` if not.

    Also for a webhook's body once its signature is verified on the raw bytes:
    a signed body that cannot be read is 400, not a wrong signature.
    """
    try:
        body = json.loads(data, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise _too_deep() from None
    except ValueError:  # JSONDecodeError, UnicodeDecodeError, an integer of thousands of digits
        raise InvalidRequest("invalid_json", "リクエストの本文が正しいJSONではありません。") from None
    check_json(body)
    return body


async def read_form(request: web.Request) -> dict[str, str]:
    """The posted form's text fields (files are ignored); `InvalidRequest` for a body that is not a form.

    Every line break becomes an LF: browsers send a textarea's as CR LF (HTML's
    form encoding), which would otherwise be stored, pushed to staff and
    exported to faq.yaml as CR LF, where the other channels and the API write LF.
    """
    try:
        posted = await request.post()
    except (ValueError, LookupError, HttpProcessingError):  # bad encoding, charset or multipart
        raise InvalidRequest("invalid_form", "送信されたフォームの内容を読み取れませんでした。") from None
    fields = {key: _newlines(value) for key, value in posted.items() if isinstance(value, str)}
    _check_all(fields.items(), "フォームの内容")
    return fields


def integer(
    raw: str | None, name: str, *, default: int | None = None, minimum: int = 0, maximum: int = MAX_INTEGER
) -> int:
    """``raw`` as a decimal integer in ``[minimum, maximum]``; ``default`` when it is absent.

    Only ASCII digits with an optional minus sign are read, so the text is
    bounded before it is converted; ``name`` names the field in the message.
    """
    if raw is None and default is not None:
        return default
    if raw is not None and _INTEGER.fullmatch(raw) and minimum <= (value := int(raw)) <= maximum:
        return value
    if maximum == MAX_INTEGER and raw is not None and raw.isascii() and raw.isdigit():
        # Only too large (2**63 and beyond): "0以上" alone would not say what is wrong with it.
        raise InvalidRequest(
            f"invalid_{name}", f"「{name}」には{minimum}から{maximum}までの整数を指定してください。"
        )
    bounds = f"{minimum}以上" if maximum == MAX_INTEGER else f"{minimum}から{maximum}まで"
    raise InvalidRequest(f"invalid_{name}", f"「{name}」には{bounds}の整数を指定してください。")


def digits(text: str, most: int) -> int | None:
    """``text`` as a number if it is ASCII digits only, at most ``most`` of them; None if not.

    Bounded before it is converted: Python reads no int of over 4,300 digits
    (a ValueError, once a 500).
    """
    return int(text) if text.isascii() and text.isdecimal() and len(text) <= most else None


def from_another_site(request: web.Request) -> bool:
    """Whether a browser sent ``request`` from a page of another site: by ``Origin``, and ``Sec-Fetch-Site``.

    The host compared is the one the browser asked for (a trusted proxy's ``X-Forwarded-Host``,
    `bot.handlers.proxy`). To a request known to have come over HTTPS (directly, or by a trusted proxy's
    ``X-Forwarded-Proto``), a page of the same host over plain HTTP is another site: anyone on the network
    path can write that page. The other way round is not refused: over plain HTTP the bot may sit behind a
    TLS proxy it was not told to trust, and the browser's page is then its own over HTTPS. A request with
    neither header (a script, an old browser) is not refused here: the cookies' SameSite=Strict and the
    dashboard's CSRF tokens stand behind it.
    """
    origin = request.headers.get("Origin")
    site = request.headers.get("Sec-Fetch-Site", "same-origin")
    foreign = origin is not None and _foreign_origin(origin, request)
    return foreign or site not in ("same-origin", "none")


def _foreign_origin(origin: str, request: web.Request) -> bool:
    """Whether ``origin`` is another site than ``request``'s; so is one no browser writes (``http://[::1``)."""
    try:
        parts = urlsplit(origin)
    except ValueError:  # a bracketed host that is no IP address
        return True
    if parts.netloc != request.host or parts.scheme not in ("http", "https"):
        return True
    return request.secure and parts.scheme != "https"


def _newlines(text: str) -> str:
    """``text`` with every CR LF and lone CR as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_all(pairs: Iterable[tuple[str, str]], where: str) -> None:
    for key, value in pairs:
        check_text(key, where)
        check_text(value, where)


def check_json(body: object) -> None:
    """Bound the nesting and check every key and string of a JSON value, without recursion."""
    pending: list[tuple[object, int]] = [(body, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            check_text(value, "リクエストの本文")
        elif isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise _too_deep()
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str):
                    check_text(key, "リクエストの本文")
                pending.append((item, depth + 1))


def _too_deep() -> InvalidRequest:
    return InvalidRequest(
        "invalid_json", f"リクエストの本文のJSONは、入れ子を{MAX_JSON_DEPTH}段までにしてください。"
    )


def _no_constant(name: str) -> object:
    raise ValueError(name)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value
