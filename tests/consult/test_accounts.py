"""Dashboard users: scrypt-hashed passwords, sessions that expire, a lock after repeated failures."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot.consult.accounts import Accounts, hash_password, verify_password
from bot.db import ConversationStore
from bot.db.schema import admin_sessions, admin_users
from bot.errors import InvalidInput
from tests.auxil.consultations import Clock

PASSWORD = "correct horse battery"


@pytest.fixture
def accounts(store: ConversationStore, clock: Clock) -> Accounts:
    return Accounts(store.engine, clock, session_hours=12)


def test_passwords_are_salted_scrypt_hashes() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("scrypt$16384$8$1$")
    assert first != second
    assert verify_password(PASSWORD, first)
    assert not verify_password("wrong password", first)
    assert not verify_password(PASSWORD, "plain-text")


def test_users_are_created_with_checks(accounts: Accounts, store: ConversationStore) -> None:
    user = accounts.add_user("tanaka", PASSWORD, "田中", editor=True)
    assert (user.name, user.display_name, user.is_editor) == ("tanaka", "田中", True)
    with store.engine.connect() as connection:
        stored = connection.execute(sa.select(admin_users.c.password_hash)).scalar_one()
    assert PASSWORD not in stored
    with pytest.raises(InvalidInput, match="すでに登録"):
        accounts.add_user("tanaka", PASSWORD)
    with pytest.raises(InvalidInput, match="10文字以上"):
        accounts.add_user("suzuki", "short")
    with pytest.raises(InvalidInput, match="ユーザー名は"):
        accounts.add_user("Tanaka Taro", PASSWORD)
    assert [u.name for u in accounts.users()] == ["tanaka"]


def test_login_opens_a_session_that_expires_and_can_be_closed(
    accounts: Accounts, clock: Clock, store: ConversationStore
) -> None:
    accounts.add_user("tanaka", PASSWORD)
    assert accounts.login("tanaka", "wrong password") is None
    assert accounts.login("nobody", PASSWORD) is None
    opened = accounts.login("tanaka", PASSWORD)
    assert opened is not None
    token, session = opened
    assert session.user.name == "tanaka"
    assert len(session.csrf) >= 32
    with store.engine.connect() as connection:
        stored_id = connection.execute(sa.select(admin_sessions.c.id)).scalar_one()
    assert stored_id != token, "only a digest of the token is stored"
    assert accounts.session(token) == session
    assert accounts.session("forged") is None
    clock.advance(hours=13)
    assert accounts.session(token) is None
    token, _ = accounts.login("tanaka", PASSWORD) or ("", None)
    accounts.logout(token)
    assert accounts.session(token) is None


def test_five_wrong_passwords_lock_the_account_for_a_while(accounts: Accounts, clock: Clock) -> None:
    accounts.add_user("tanaka", PASSWORD)
    for _ in range(5):
        assert accounts.login("tanaka", "wrong password") is None
    assert accounts.login("tanaka", PASSWORD) is None, "locked, even with the right password"
    clock.advance(minutes=16)
    assert accounts.login("tanaka", PASSWORD) is not None


def test_a_new_password_unlocks_and_replaces_the_old_one(accounts: Accounts) -> None:
    accounts.add_user("tanaka", PASSWORD)
    for _ in range(5):
        accounts.login("tanaka", "wrong password")
    accounts.set_password("tanaka", "another long password")
    assert accounts.login("tanaka", PASSWORD) is None
    assert accounts.login("tanaka", "another long password") is not None
    with pytest.raises(InvalidInput, match="登録されていません"):
        accounts.set_password("nobody", "another long password")
