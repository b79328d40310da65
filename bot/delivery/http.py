"""What every HTTP sender shares: a platform's refusal, and when it asks us to come back.

A platform that is overloaded says so with 429 (or 503) and, often, a
``Retry-After`` header: a number of seconds or an HTTP date (RFC 9110
§10.2.3). `PlatformRefused` carries that wait to the worker, which never
retries sooner (`bot.delivery.worker`): raised by our own senders
(`check_accepted`), or made with `PlatformRefused.of` from the
``ClientResponseError`` an SDK raises (the Teams connector's).

An HTTP date in any of RFC 9110's three forms is read, the zoneless
asctime form as UTC, as the RFC says. A wait longer than
`MAX_RETRY_AFTER_SECONDS` is taken as that long: a broken header
(``Retry-After: 99999999999999``, a date in the year 9999) would otherwise
leave a message waiting for ever, or put its next attempt past the last
date the clock holds and stop the worker.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import aiohttp
from multidict import CIMultiDict, CIMultiDictProxy, MultiMapping
from yarl import URL

Headers = MultiMapping[str]

__all__ = ["MAX_RETRY_AFTER_SECONDS", "PlatformRefused", "check_accepted", "retry_after"]

MAX_DETAIL_CHARS = 200
MAX_RETRY_AFTER_SECONDS = 86400.0
"""The longest wait a platform's ``Retry-After`` is followed for: a day."""


class PlatformRefused(aiohttp.ClientResponseError):
    """The platform answered, but not with 2xx; ``retry_after`` is the wait it asked for, if any."""

    def __init__(
        self,
        request_info: aiohttp.RequestInfo,
        status: int,
        detail: str,
        headers: Headers | None,
        retry_after_seconds: float | None,
    ) -> None:
        super().__init__(request_info, (), status=status, message=detail, headers=headers)
        self.retry_after = retry_after_seconds

    @classmethod
    def of(cls, error: aiohttp.ClientResponseError, now: datetime) -> PlatformRefused:
        """The refusal an SDK raised as aiohttp's own error, with the wait its ``Retry-After`` asks for."""
        value = error.headers.get("Retry-After") if error.headers is not None else None
        detail = error.message[:MAX_DETAIL_CHARS]
        return cls(error.request_info, error.status, detail, error.headers, retry_after(value, now))

    @classmethod
    def from_sdk(
        cls, url: str, status: int, detail: str, retry_after_seconds: float | None
    ) -> PlatformRefused:
        """The refusal an SDK reported in its own exception (no aiohttp response: httpx, …)."""
        headers = CIMultiDictProxy(CIMultiDict[str]())
        request = aiohttp.RequestInfo(URL(url), "POST", headers, URL(url))
        return cls(request, status, detail[:MAX_DETAIL_CHARS], None, retry_after_seconds)


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (seconds or an HTTP date); None if absent or bad.

    At most `MAX_RETRY_AFTER_SECONDS`.
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdecimal():
        return min(float(value), MAX_RETRY_AFTER_SECONDS)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:  # the asctime form, or -0000: UTC
        moment = moment.replace(tzinfo=UTC)
    return min(max(0.0, (moment - now).total_seconds()), MAX_RETRY_AFTER_SECONDS)


async def check_accepted(response: aiohttp.ClientResponse, now: datetime) -> None:
    """Return if the platform accepted the request (2xx); raise `PlatformRefused` otherwise.

    Our senders POST with ``allow_redirects=False``: a followed 301/302 turns the POST into a GET without
    its body, and the page it lands on (a login page, a moved hook's notice) answering 200 would mark the
    message delivered when nothing arrived. A redirect is a refusal, retried until the setting names the
    address it points to; the ``Location`` is not quoted, as a hook's path is its secret.
    """
    if 200 <= response.status < 300:
        return
    if 300 <= response.status < 400:
        detail = "redirected: redirects are not followed; set the URL the redirect points to"
    else:
        detail = (await response.text())[:MAX_DETAIL_CHARS] or response.reason or ""
    wait = retry_after(response.headers.get("Retry-After"), now)
    raise PlatformRefused(response.request_info, response.status, detail, response.headers, wait)
