"""Dashboard users: scrypt-hashed passwords, sessions that expire and can be ended everywhere, throttling."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import QueuePool

from bot.consult.accounts import Accounts, Attempt, LoggedIn, Refused, hash_password, verify_password
from bot.consult.throttle import ACCOUNT, ADDRESS, DEVICE, WINDOW, client_key, valid_device
from bot.db import ConversationStore
from bot.db.schema import admin_sessions, admin_users
from bot.errors import InvalidInput
from tests.auxil.consultations import Clock

PASSWORD = "correct horse battery"
ADDRESS_1 = "192.0.2.1"
Result = LoggedIn | Refused


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


def login(accounts: Accounts, name: str, password: str, address: str = ADDRESS_1, device: str = "") -> Result:
    return accounts.login(Attempt(name, address, device), password)


def test_login_opens_a_session_that_expires_and_can_be_closed(
    accounts: Accounts, clock: Clock, store: ConversationStore
) -> None:
    accounts.add_user("tanaka", PASSWORD)
    assert login(accounts, "tanaka", "wrong password") == Refused()
    assert login(accounts, "nobody", PASSWORD) == Refused()
    opened = login(accounts, "Tanaka ", PASSWORD)
    assert isinstance(opened, LoggedIn), "names are lower case, and spaces around them do not count"
    assert opened.session.user.name == "tanaka"
    assert len(opened.session.csrf) >= 32
    with store.engine.connect() as connection:
        stored_id = connection.execute(sa.select(admin_sessions.c.id)).scalar_one()
    assert stored_id != opened.token, "only a digest of the token is stored"
    assert accounts.session(opened.token) == opened.session
    assert accounts.session("forged") is None
    clock.advance(hours=13)
    assert accounts.session(opened.token) is None
    again = login(accounts, "tanaka", PASSWORD)
    assert isinstance(again, LoggedIn)
    accounts.logout(again.token)
    assert accounts.session(again.token) is None


def test_failures_slow_an_account_down_with_growing_delays_never_a_lock(
    accounts: Accounts, clock: Clock
) -> None:
    accounts.add_user("tanaka", PASSWORD)
    for failure in range(ACCOUNT.free):
        assert login(accounts, "tanaka", "wrong password", f"198.51.100.{failure}") == Refused()
    waits = []
    for failure in range(ACCOUNT.free, ACCOUNT.free + 4):
        too_soon = login(accounts, "tanaka", PASSWORD, f"198.51.100.{failure}")
        assert isinstance(too_soon, Refused)
        assert too_soon.retry_after > 0, "not even checked: the right password waits too"
        waits.append(too_soon.retry_after)
        clock.advance(seconds=too_soon.retry_after)
        assert login(accounts, "tanaka", "wrong password", f"198.51.100.{failure}") == Refused()
    assert waits == [1, 2, 4, 8]
    clock.advance(seconds=16)
    assert isinstance(login(accounts, "tanaka", PASSWORD), LoggedIn), "waiting always helps"
    assert login(accounts, "tanaka", "wrong password") == Refused(), "a success clears the account"


def test_the_delay_has_a_ceiling_and_old_failures_are_forgotten(accounts: Accounts, clock: Clock) -> None:
    assert ACCOUNT.delay(ACCOUNT.free + 40) == ACCOUNT.cap
    accounts.add_user("tanaka", PASSWORD)
    with_failures(accounts, clock, "tanaka", 20)
    refused = login(accounts, "tanaka", PASSWORD, "203.0.113.9")
    assert isinstance(refused, Refused)
    assert refused.retry_after <= ACCOUNT.cap
    clock.advance(seconds=WINDOW.total_seconds() + 1)
    assert isinstance(login(accounts, "tanaka", PASSWORD, "203.0.113.9"), LoggedIn)


def test_unknown_names_are_slowed_down_exactly_like_real_ones(accounts: Accounts, clock: Clock) -> None:
    accounts.add_user("tanaka", PASSWORD)
    results = {}
    for name in ("tanaka", "nobody"):
        outcomes = []
        for n in range(ACCOUNT.free + 2):
            outcomes.append(login(accounts, name, "wrong password", f"192.0.2.{n}"))
        results[name] = outcomes
    assert results["tanaka"] == results["nobody"]
    last = results["nobody"][-1]
    assert isinstance(last, Refused)
    assert last.retry_after > 0


def test_an_address_that_fails_on_many_names_is_slowed_down_but_not_the_others(
    accounts: Accounts, clock: Clock
) -> None:
    accounts.add_user("tanaka", PASSWORD)
    for n in range(ADDRESS.free):
        assert login(accounts, f"guess{n}", "wrong password", "198.51.100.7") == Refused()
    refused = login(accounts, "tanaka", PASSWORD, "198.51.100.7")
    assert isinstance(refused, Refused)
    assert refused.retry_after == 1
    assert isinstance(login(accounts, "tanaka", PASSWORD, "192.0.2.1"), LoggedIn)


def test_ipv6_clients_are_throttled_by_their_64_network() -> None:
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::2") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert client_key("192.0.2.1") == "192.0.2.1"
    assert client_key(None) == "unknown"


def test_a_browser_that_logged_in_before_is_not_slowed_by_others_failures(
    accounts: Accounts, clock: Clock
) -> None:
    accounts.add_user("tanaka", PASSWORD)
    first = login(accounts, "tanaka", PASSWORD)
    assert isinstance(first, LoggedIn)
    with_failures(accounts, clock, "tanaka", 30)
    assert isinstance(login(accounts, "tanaka", PASSWORD, "192.0.2.50"), Refused), "a new browser waits"
    mine = login(accounts, "tanaka", PASSWORD, "192.0.2.50", first.device)
    assert isinstance(mine, LoggedIn), "the attacker's failures do not keep the real user out"
    assert isinstance(login(accounts, "tanaka", PASSWORD, device="forged.cookie"), Refused)
    assert isinstance(login(accounts, "suzuki", PASSWORD, device=first.device), Refused), "one user's only"


def test_a_device_cookie_is_throttled_on_its_own_failures(accounts: Accounts, clock: Clock) -> None:
    accounts.add_user("tanaka", PASSWORD)
    first = login(accounts, "tanaka", PASSWORD)
    assert isinstance(first, LoggedIn)
    tries = range(DEVICE.free + 1)
    outcomes = [login(accounts, "tanaka", "wrong password", device=first.device) for _ in tries]
    assert outcomes[-1] == Refused(1.0)


def test_guesses_sent_together_are_counted_as_they_arrive(accounts: Accounts) -> None:
    accounts.add_user("tanaka", PASSWORD)
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(
            pool.map(lambda n: login(accounts, "tanaka", "wrong password", f"192.0.2.{n}"), range(12))
        )
    checked = [o for o in outcomes if o == Refused()]
    assert len(checked) == ACCOUNT.free, "the rest came too soon and were not checked"


def test_no_database_connection_is_held_while_the_password_is_hashed(
    accounts: Accounts, store: ConversationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts.add_user("tanaka", PASSWORD)
    held: list[int] = []
    pool = store.engine.pool
    assert isinstance(pool, QueuePool)
    real_scrypt = hashlib.scrypt

    def scrypt(password: bytes, **params: Any) -> bytes:
        held.append(pool.checkedout())
        return real_scrypt(password, **params)

    monkeypatch.setattr(hashlib, "scrypt", scrypt)
    login(accounts, "tanaka", "wrong password")
    login(accounts, "nobody", PASSWORD)
    assert isinstance(login(accounts, "tanaka", PASSWORD), LoggedIn)
    assert len(held) >= 3
    assert set(held) == {0}


def test_a_new_password_ends_every_session_and_forgets_every_device(accounts: Accounts) -> None:
    accounts.add_user("tanaka", PASSWORD)
    opened = [login(accounts, "tanaka", PASSWORD, f"192.0.2.{n}") for n in range(2)]
    assert accounts.set_password("tanaka", "another long password") == 2
    for old in opened:
        assert isinstance(old, LoggedIn)
        assert accounts.session(old.token) is None
        assert valid_device(old.device, "tanaka", stored_hash(accounts)) is None
    assert login(accounts, "tanaka", PASSWORD) == Refused()
    assert isinstance(login(accounts, "tanaka", "another long password"), LoggedIn)
    with pytest.raises(InvalidInput, match="登録されていません"):
        accounts.set_password("nobody", "another long password")


def test_logout_everywhere_ends_only_that_users_sessions(accounts: Accounts) -> None:
    accounts.add_user("tanaka", PASSWORD)
    accounts.add_user("suzuki", PASSWORD)
    mine = [login(accounts, "tanaka", PASSWORD, f"192.0.2.{n}") for n in range(3)]
    theirs = login(accounts, "suzuki", PASSWORD)
    assert accounts.logout_everywhere("tanaka") == 3
    assert all(isinstance(s, LoggedIn) and accounts.session(s.token) is None for s in mine)
    assert isinstance(theirs, LoggedIn)
    assert accounts.session(theirs.token) is not None
    with pytest.raises(InvalidInput, match="登録されていません"):
        accounts.logout_everywhere("nobody")


def with_failures(accounts: Accounts, clock: Clock, name: str, count: int) -> None:
    """``count`` wrong passwords on ``name`` from an attacker's many addresses, each as soon as allowed."""
    for n in range(count):
        outcome = login(accounts, name, "wrong password", f"203.0.113.{n % 250}")
        assert isinstance(outcome, Refused)
        if outcome.retry_after:
            clock.advance(seconds=outcome.retry_after)
            assert login(accounts, name, "wrong password", f"203.0.113.{n % 250}") == Refused()


def stored_hash(accounts: Accounts) -> str:
    with accounts.engine.connect() as connection:
        return str(connection.execute(sa.select(admin_users.c.password_hash)).scalar_one())
