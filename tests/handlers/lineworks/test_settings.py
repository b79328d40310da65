"""The settings group: off until all six are set; a bad private key stops the start, naming the setting."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from bot.config import Settings
from bot.handlers.registry import build_channels
from tests.auxil.lineworks import FakeLineWorks
from tests.handlers.lineworks.conftest import lineworks_settings

pytestmark = pytest.mark.asyncio


def _with_key(fake: FakeLineWorks, tmp_path: Path, key: Path) -> Settings:
    return lineworks_settings(fake, tmp_path, LINEWORKS_PRIVATE_KEY_FILE=str(key))


async def test_a_missing_key_file_is_an_error_naming_the_setting(fake: FakeLineWorks, tmp_path: Path) -> None:
    with pytest.raises(
        ValueError,
        match=r"LINEWORKS_PRIVATE_KEY_FILE は読み込めるファイルを指定してください"
        r"（指定された値: '.*nowhere\.key'）。ファイルを読み込めませんでした（見つかりません）",
    ):
        _with_key(fake, tmp_path, tmp_path / "nowhere.key")


async def test_a_file_that_is_not_a_key_is_an_error_naming_the_setting(
    fake: FakeLineWorks, tmp_path: Path
) -> None:
    garbage = tmp_path / "private.key"
    garbage.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    with pytest.raises(
        ValueError,
        match=r"LINEWORKS_PRIVATE_KEY_FILE は LINE WORKS Developer Console で.*秘密鍵のファイルを指定して"
        r"ください（指定された値: '.*private\.key'）。暗号化されていないPEM形式の秘密鍵ではありません。",
    ):
        _with_key(fake, tmp_path, garbage)


async def test_an_encrypted_key_is_said_so_in_japanese(fake: FakeLineWorks, tmp_path: Path) -> None:
    """cryptography's "Password was not given but private key is encrypted" was shown in the line."""
    locked = tmp_path / "locked.key"
    locked.write_bytes(
        rsa.generate_private_key(65537, 2048).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"secret"),
        )
    )
    with pytest.raises(ValueError, match="パスワードで暗号化された秘密鍵です") as refused:
        _with_key(fake, tmp_path, locked)
    assert "Password" not in str(refused.value)


async def test_a_key_that_is_not_rsa_is_refused(fake: FakeLineWorks, tmp_path: Path) -> None:
    elliptic = tmp_path / "ec.key"
    elliptic.write_bytes(
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    with pytest.raises(
        ValueError,
        match=r"LINEWORKS_PRIVATE_KEY_FILE は RSA の秘密鍵のファイルを指定してください"
        r"（指定された値: '.*ec\.key'）。LINE WORKS は RS256 で署名する",
    ):
        _with_key(fake, tmp_path, elliptic)


async def test_the_key_is_read_when_the_group_is_complete(fake: FakeLineWorks, tmp_path: Path) -> None:
    group = lineworks_settings(fake, tmp_path).lineworks
    assert group.missing() == ()
    assert group.private_key.startswith("-----BEGIN PRIVATE KEY-----")
    assert "BEGIN PRIVATE KEY" not in repr(group)


async def test_a_half_set_group_is_off_with_a_warning(
    fake: FakeLineWorks, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = lineworks_settings(fake, tmp_path, LINEWORKS_CLIENT_SECRET="", LINEWORKS_PRIVATE_KEY_FILE="")
    assert settings.lineworks.private_key == ""  # not read while the group is incomplete
    with caplog.at_level(logging.INFO, "bot.handlers.registry"):
        channels = build_channels(settings)
    assert "lineworks" not in channels
    assert "LINE WORKS is off: LINEWORKS_CLIENT_SECRET, LINEWORKS_PRIVATE_KEY_FILE is not set" in caplog.text


async def test_the_whole_group_turns_it_on(
    fake: FakeLineWorks, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, "bot.handlers.registry"):
        channels = build_channels(lineworks_settings(fake, tmp_path))
    assert "lineworks" in channels
    assert "LINE WORKS is on (webhook POST /webhooks/lineworks)" in caplog.text
