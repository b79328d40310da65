"""The access token against the fake auth server: one token for many messages, renewed when due or refused."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import jwt
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.delivery.http import PlatformRefused
from bot.handlers.lineworks.api import LineWorksApi, Target
from bot.handlers.lineworks.auth import ASSERTION_SECONDS, REFRESH_MARGIN, TokenSource
from tests.auxil.lineworks import CLIENT_ID, SERVICE_ACCOUNT, FakeLineWorks
from tests.handlers.lineworks.conftest import lineworks_settings

pytestmark = pytest.mark.asyncio

USER = "hanako@example.lineworks"
HELLO = {"type": "text", "text": "こんにちは"}


@pytest_asyncio.fixture
async def api(fake: FakeLineWorks, tmp_path: Path) -> AsyncIterator[LineWorksApi]:
    client = LineWorksApi(lineworks_settings(fake, tmp_path).lineworks, timeout=5)
    await client.start()
    yield client
    await client.close()


async def test_one_token_serves_many_messages(api: LineWorksApi, fake: FakeLineWorks) -> None:
    for _ in range(5):
        await api.send(Target("users", USER), HELLO)
    assert len(fake.messages) == 5
    assert fake.token_requests == 1


async def test_concurrent_first_messages_share_one_token_request(
    api: LineWorksApi, fake: FakeLineWorks
) -> None:
    await asyncio.gather(*(api.send(Target("users", f"user-{n}"), HELLO) for n in range(20)))
    assert len(fake.messages) == 20
    assert fake.token_requests == 1


async def test_the_token_is_renewed_before_it_expires(api: LineWorksApi, fake: FakeLineWorks) -> None:
    now = [1000.0]
    api.tokens = TokenSource(api.settings, api.session, clock=lambda: now[0])
    await api.send(Target("users", USER), HELLO)
    now[0] += fake.lifetime - REFRESH_MARGIN - 1  # still comfortably valid
    await api.send(Target("users", USER), HELLO)
    assert fake.token_requests == 1
    now[0] += 2  # within the margin: renewed before use, never sent expired
    await api.send(Target("users", USER), HELLO)
    assert fake.token_requests == 2
    assert fake.refused == []


async def test_a_refused_token_is_renewed_and_the_message_sent_once(
    api: LineWorksApi, fake: FakeLineWorks
) -> None:
    await api.send(Target("users", USER), HELLO)
    fake.revoke()
    await api.send(Target("users", USER), {"type": "text", "text": "二通目"})
    assert fake.refused == [401]
    assert fake.token_requests == 2
    assert [m.content["text"] for m in fake.messages] == ["こんにちは", "二通目"]


async def test_concurrent_callers_after_a_refusal_share_one_renewal(
    api: LineWorksApi, fake: FakeLineWorks
) -> None:
    await api.send(Target("users", USER), HELLO)
    fake.revoke()
    await asyncio.gather(*(api.send(Target("users", f"user-{n}"), HELLO) for n in range(10)))
    assert len(fake.messages) == 11
    assert fake.token_requests == 2


async def test_a_second_refusal_is_not_retried_again(api: LineWorksApi, fake: FakeLineWorks) -> None:
    fake.script = [401, 401]
    with pytest.raises(PlatformRefused) as refused:
        await api.send(Target("users", USER), HELLO)
    assert refused.value.status == 401
    assert fake.refused == [401, 401]
    assert fake.messages == []


async def test_the_assertion_is_the_service_accounts_rs256_jwt(
    api: LineWorksApi, fake: FakeLineWorks
) -> None:
    claims = jwt.decode(api.tokens.assertion(), fake.key.public_key(), algorithms=["RS256"], issuer=CLIENT_ID)
    assert claims["sub"] == SERVICE_ACCOUNT
    assert claims["exp"] - claims["iat"] == ASSERTION_SECONDS


async def test_a_key_the_auth_server_does_not_know_gets_no_token(fake: FakeLineWorks, tmp_path: Path) -> None:
    stranger = tmp_path / "other.key"
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    stranger.write_bytes(
        other.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    settings = lineworks_settings(fake, tmp_path, LINEWORKS_PRIVATE_KEY_FILE=str(stranger)).lineworks
    client = LineWorksApi(settings, timeout=5)
    await client.start()
    try:
        with pytest.raises(PlatformRefused) as refused:
            await client.send(Target("users", USER), HELLO)
    finally:
        await client.close()
    assert refused.value.status == 400
    assert "invalid_grant" in refused.value.message
    assert fake.messages == []
