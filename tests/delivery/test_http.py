"""Reading a platform's Retry-After, and the refusal a sender raises, over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime

import aiohttp
import pytest

from bot.delivery.http import PlatformRefused, check_accepted, retry_after
from tests.auxil.platforms import FakeWebhook

NOW = datetime(2026, 12, 1, 3, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Tue, 01 Dec 2026 03:00:30 GMT", 30.0),
        ("Tue, 01 Dec 2026 02:59:00 GMT", 0.0),
        ("Tuesday, 01-Dec-26 03:00:30 GMT", 30.0),
        ("Tue Dec  1 03:00:30 2026", 30.0),
        ("Tue, 01 Dec 2026 03:00:30 -0000", 30.0),
        ("99999999999999", 86400.0),
        ("Fri, 31 Dec 9999 23:59:59 GMT", 86400.0),
        (None, None),
        ("", None),
        ("-5", None),
        ("soon", None),
        ("1.5", None),
    ],
)
def test_retry_after_is_seconds_or_an_http_date_in_any_form_at_most_a_day(
    value: str | None, seconds: float | None
) -> None:
    assert retry_after(value, NOW) == seconds


@pytest.mark.asyncio
async def test_a_refusal_carries_the_status_the_detail_and_the_wait(webhook: FakeWebhook) -> None:
    webhook.script = [(429, {"Retry-After": "7"}), 500, 204]
    async with aiohttp.ClientSession() as session:
        async with session.post(webhook.url, json={}) as response:
            with pytest.raises(PlatformRefused) as busy:
                await check_accepted(response, NOW)
        assert (busy.value.status, busy.value.retry_after, busy.value.message) == (429, 7.0, "unavailable")
        async with session.post(webhook.url, json={}) as response:
            with pytest.raises(PlatformRefused) as failed:
                await check_accepted(response, NOW)
        assert (failed.value.status, failed.value.retry_after) == (500, None)
        async with session.post(webhook.url, json={}) as response:
            await check_accepted(response, NOW)


@pytest.mark.asyncio
async def test_an_sdks_client_response_error_becomes_a_refusal_with_its_wait(webhook: FakeWebhook) -> None:
    """What the Teams SDK raises (aiohttp's error, from ``raise_for_status``) keeps the platform's wait."""
    webhook.script = [(429, {"Retry-After": "Tue, 01 Dec 2026 03:00:12 GMT"}), 503]
    async with aiohttp.ClientSession() as session:
        for expected in (12.0, None):
            async with session.post(webhook.url, json={}) as response:
                with pytest.raises(aiohttp.ClientResponseError) as raised:
                    response.raise_for_status()
            refused = PlatformRefused.of(raised.value, NOW)
            assert refused.retry_after == expected
            assert refused.status == raised.value.status
            assert refused.request_info.url == raised.value.request_info.url
