"""Reading one setting's value, and the one form in which a bad value is refused.

Every reader takes the settings' values by name and returns the checked
value or raises ValueError in `refused`'s form: the name, what to set, the
value given, why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.config.catalog import MIN_ADMIN_TOKEN_CHARS


def refused(name: str, request: str, value: str, why: str = "") -> ValueError:
    """A bad setting's error in the one form the DX team reads: the name, what to set, the value given, why.

    Only for values that are not secrets; a secret's error says what is wrong with it instead.
    """
    space = " " if request[0].isascii() else ""  # KAIZEN_PORT は 1〜65535…, KAIZEN_TEAM_MEMBERS は同じ…
    return ValueError(f"{name} は{space}{request}（指定された値: {value!r}）。{why}")


def one_of(name: str, choices: Sequence[str], value: str) -> ValueError:
    """The error of a setting that takes one of a few words."""
    return refused(name, f"{'・'.join(choices)} のいずれかを指定してください", value)


MAKE_TOKEN = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'
"""The command that makes a token or secret every token setting accepts."""


def token(values: Mapping[str, str], name: str) -> str:
    """A bearer token setting: empty (its API off) or at least `MIN_ADMIN_TOKEN_CHARS` long."""
    token = values[name].strip()
    if token and len(token) < MIN_ADMIN_TOKEN_CHARS:
        raise ValueError(
            f"{name} は{MIN_ADMIN_TOKEN_CHARS}文字以上にしてください（指定された値は{len(token)}文字です）。"
            f"次のコマンドで作れます: {MAKE_TOKEN}"
        )
    return token


def distinct_tokens(tokens: Mapping[str, str]) -> None:
    """Refuse two bearer token settings (by name) of the same value: one would open the other's API.

    The chat API token given to another system must never be the admin API's
    or the metrics'; the error names the settings, never the value.
    """
    seen: dict[str, str] = {}
    for name, value in tokens.items():
        if value and (first := seen.setdefault(value, name)) != name:
            raise ValueError(
                f"{first} と {name} に同じ値が設定されています。それぞれ別の値にしてください"
                "（同じ値では、一方のトークンを渡した相手が、もう一方のAPIも使えてしまいます）。"
                f"次のコマンドで作れます: {MAKE_TOKEN}"
            )


_HTTP_URL = "http:// か https:// で始まるURL"


def base_url(values: Mapping[str, str], name: str) -> str:
    """An http(s) URL without its trailing slash (the SDKs append paths that begin with one)."""
    url = values[name].strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise refused(name, _HTTP_URL + "を指定してください", values[name])
    return url


def optional_url(values: Mapping[str, str], name: str) -> str:
    """Empty, or an http(s) URL: anything else would fail every notice at delivery, retried for ever."""
    url = values[name].strip()
    if url and not url.startswith(("http://", "https://")):
        raise refused(name, _HTTP_URL + "を指定するか、空にしてください", values[name])
    return url


def pasted_wrong(secret: str) -> str | None:
    """What a secret pasted by hand carries that no issued one has; None when nothing. Never the secret."""
    if secret[0] in "'\"" or secret[-1] in "'\"":
        return "指定された値の前後に引用符が付いています"
    if any(c.isspace() for c in secret):
        return "指定された値の途中に空白か改行があります"
    return None


def boolean(values: Mapping[str, str], name: str) -> bool:
    """true/1/yes/on or false/0/no/off, in any case."""
    value = values[name].strip().lower()
    if value in ("true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off"):
        return False
    raise one_of(name, ("true", "false"), values[name])


def choice(values: Mapping[str, str], name: str, choices: Sequence[str]) -> str:
    """One of a few words, in any case, spaces around it ignored; returned as ``choices`` spells it."""
    given = values[name].strip().lower()
    for word in choices:
        if word.lower() == given:
            return word
    raise one_of(name, choices, values[name])


def integer(values: Mapping[str, str], name: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``; one error for text and for a number out of range."""
    request = f"{low}〜{high}の整数を指定してください"
    try:
        number = int(values[name])
    except ValueError:
        raise refused(name, request, values[name]) from None
    if not low <= number <= high:
        raise refused(name, request, values[name])
    return number


_ADDRESS = re.compile(r"^(?:[^<>@,]*<[^@\s,<>]+@[^@\s,<>]+>|[^@\s,<>]+@[^@\s,<>]+)$")
"""``dx@example.lg.jp``, or with a name before it: ``DX推進課 <dx@example.lg.jp>``."""


def email_address(values: Mapping[str, str], name: str) -> str:
    """One e-mail address: anything else would fail every notice at delivery, retried for ever."""
    return _address(values, name, values[name], "を")


def email_addresses(values: Mapping[str, str], name: str) -> tuple[str, ...]:
    """E-mail addresses separated by commas (none when empty), each checked as `email_address`."""
    items = (item for item in values[name].split(",") if item.strip())
    return tuple(_address(values, name, item, "をカンマ区切りで") for item in items)


def _address(values: Mapping[str, str], name: str, item: str, how: str) -> str:
    address = item.strip()
    if not _ADDRESS.match(address):
        one_of_many = address != values[name].strip()
        raise refused(
            name,
            f"メールアドレス（dx@example.lg.jp の形）{how}指定してください",
            values[name],
            f"そのうち {address!r} がメールアドレスではありません。" if one_of_many else "",
        )
    return address
