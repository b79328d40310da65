"""Attacks on who is talking, against a real ``serve`` over real HTTP.

The server trusts 127.0.0.2 as its reverse proxy; a request sent from that
address is the proxy's, one from 127.0.0.1 any client's. A request from the
proxy with ``X-Forwarded-Proto: https`` came over TLS.
"""

from __future__ import annotations

import html
import http.client
import json
import re
import socket
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import sqlalchemy as sa

from bot.db.schema import admin_sessions, answer_drafts
from tests.auxil.line import SECRET, TOKEN
from tests.auxil.server import Served, serve
from tests.auxil.server import admin as run_admin

PROXY = "127.0.0.2"
LINE_SETTINGS = {
    "LINE_CHANNEL_SECRET": SECRET,
    "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
    "LINE_API_BASE_URL": "http://127.0.0.1:9",
}
"""LINE on, so that its webhook is there to hang up on; nothing is ever sent to its API."""
ADMIN_TOKEN = "sec-test-admin-token-0123456789abcdef"
CHAT_TOKEN = "sec-test-chat-token-0123456789abcdefgh"
METRICS_TOKEN = "sec-test-metrics-token-0123456789abcdef"
SSO_HEADER = "X-Remote-User"
PASSWORD = "dx-team-password-1"
TLS = ("X-Forwarded-Proto", "https")
"""What the proxy says of a request that came to it over HTTPS."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder: Path = tmp_path_factory.mktemp("identity")
    env = {
        "KAIZEN_TRUSTED_PROXIES": PROXY,
        "KAIZEN_SSO_USER_HEADER": SSO_HEADER,
        "KAIZEN_LOG_LEVEL": "INFO",
        "KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN,
        "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN,
        "KAIZEN_METRICS_TOKEN": METRICS_TOKEN,
        **LINE_SETTINGS,
    }
    with serve(folder, env=env) as running:
        yield running


def request(
    served: Served, method: str, path: str, headers: list[tuple[str, str]], body: object = None
) -> tuple[int, dict[str, object]]:
    """One request from the proxy's address, with ``headers`` sent as given (a name may come twice)."""
    url = urlsplit(served.url)
    host = url.hostname or ""
    connection = http.client.HTTPConnection(host, url.port, timeout=30, source_address=(PROXY, 0))
    try:
        connection.putrequest(method, path)
        for name, value in headers:
            connection.putheader(name, value.encode())
        data = b"" if body is None else json.dumps(body).encode()
        if body is not None:
            connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


def test_a_second_single_sign_on_header_never_reads_another_persons_conversation(served: Served) -> None:
    """A proxy that passes on a client's header beside its own must not let the client be that person."""
    status, _ = request(served, "POST", "/api/v1/chat", [(SSO_HEADER, "victim")], {"text": "相談したいです"})
    assert status == 200
    status, mine = request(served, "GET", "/api/v1/chat/history", [(SSO_HEADER, "victim")])
    assert status == 200
    assert mine["lines"], "the victim sees their own conversation"

    victim_first = [(SSO_HEADER, "victim"), (SSO_HEADER, "attacker")]
    for forged in (victim_first, victim_first[::-1]):
        status, body = request(served, "GET", "/api/v1/chat/history", forged)
        assert status == 400, body
        assert body["error"] == "ambiguous_user"
        assert "lines" not in body
        status, body = request(served, "POST", "/api/v1/chat", forged, {"text": "相談状況"})
        assert status == 400
        assert body["error"] == "ambiguous_user"

    status, theirs = request(served, "GET", "/api/v1/chat/history", [(SSO_HEADER, "attacker")])
    assert status == 200
    assert theirs["lines"] == [], "one header, one person: the attacker has nothing"
    assert "came 2 times through the proxy" in served.log.read_text(encoding="utf-8")


def test_a_client_that_hangs_up_midway_is_not_a_server_error(served: Served) -> None:
    """Anyone can drop a connection halfway through a body: that must not log a traceback or count a 500."""
    url = urlsplit(served.url)
    hang_ups = (
        ("/api/v1/chat", "application/json", '{"text": "山田太郎 090-1234-5678 を'),
        ("/webhooks/line", "application/json", '{"events": [{"text": "山田太郎 090-1234-5678'),
        ("/admin/login", "application/x-www-form-urlencoded", "name=tanaka&password=090-1234-5678"),
    )
    for path, content_type, body in hang_ups:
        head = f"POST {path} HTTP/1.1\r\nHost: {url.netloc}\r\nContent-Type: {content_type}\r\n"
        with socket.create_connection((url.hostname or "", url.port or 80)) as connection:
            connection.sendall(f"{head}Content-Length: 500\r\n\r\n{body}".encode())
    healthy = urllib.request.urlopen(f"{served.url}/healthz", timeout=30)
    assert healthy.status == 200

    log = wait_for(served.log, [f"client went away during POST {path}" for path, _, _ in hang_ups])
    assert "Traceback" not in log
    assert "ERROR" not in log
    assert " 500 " not in log
    assert "090-1234-5678" not in log


def wait_for(log: Path, lines: list[str]) -> str:
    """The log once it holds every one of ``lines`` (written when the server notices a connection is gone)."""
    for _ in range(200):
        text = log.read_text(encoding="utf-8")
        if all(line in text for line in lines):
            return text
        time.sleep(0.05)
    raise AssertionError(f"never logged all of {lines}:\n{text}")


def test_a_message_naming_its_user_in_the_header_without_the_token_is_refused(served: Served) -> None:
    """Only the chat API token names a user: ``X-Kaizen-User`` on a message is 401, not answered as anyone."""
    url = urlsplit(served.url)
    connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=30)
    try:
        body = json.dumps({"text": "相談状況"}).encode()
        headers = {"Content-Type": "application/json", "X-Kaizen-User": "tanaka"}
        connection.request("POST", "/api/v1/chat", body, headers)
        response = connection.getresponse()
        answer = json.loads(response.read())
    finally:
        connection.close()
    assert response.status == 401
    assert answer["error"] == "token_required"
    assert "X-Kaizen-User" in answer["message"]
    assert response.getheader("Set-Cookie") is None, "no session is started for it"


def test_no_cache_on_the_way_keeps_a_conversation_or_a_consultation(served: Served) -> None:
    """The chat's answer and the admin API's consultations hold what staff wrote: never to be stored."""
    chat = urllib.request.Request(
        f"{served.url}/api/v1/chat",
        data=json.dumps({"text": "相談したいです"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(chat, timeout=30) as answered:
        assert answered.headers["Cache-Control"] == "no-store"
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    listing = urllib.request.Request(f"{served.url}/api/v1/consultations?status=all", headers=admin)
    with urllib.request.urlopen(listing, timeout=30) as listed:
        assert listed.headers["Cache-Control"] == "no-store"


def test_a_request_refused_as_ambiguous_is_logged_and_counted_like_any_other_400(served: Served) -> None:
    """The refusal comes from the proxy middleware: it must still reach the access log and the metrics."""
    forged = [(SSO_HEADER, "victim"), (SSO_HEADER, "attacker")]
    status, body = request(served, "GET", "/api/v1/chat/messages?after=0", forged)
    assert (status, body["error"]) == (400, "ambiguous_user")
    log = wait_for(served.log, ["GET /api/v1/chat/messages 400"])
    assert "victim" not in log
    assert "attacker" not in log
    status, metrics = exchange(served, "GET", "/metrics", [("Authorization", f"Bearer {METRICS_TOKEN}")])
    assert status == 200
    counted = 'kaizen_http_requests_total{method="GET",route="/api/v1/chat/messages",status="400"} 1.0'
    assert counted in metrics.text


def test_a_message_naming_one_user_in_the_body_and_another_in_the_header_is_refused(served: Served) -> None:
    """With the chat API token, ``user`` and ``X-Kaizen-User`` naming two people is answered as neither."""
    token = ("Authorization", f"Bearer {CHAT_TOKEN}")
    status, body = request(
        served,
        "POST",
        "/api/v1/chat",
        [token, ("X-Kaizen-User", "attacker")],
        {"user": "victim", "text": "相談状況"},
    )
    assert status == 400, body
    assert body["error"] == "ambiguous_user"
    assert "X-Kaizen-User" in str(body["message"])
    both = [token, ("X-Kaizen-User", "victim")]
    status, body = request(served, "POST", "/api/v1/chat", both, {"user": "victim", "text": "相談状況"})
    assert status == 200, "the same person named twice is no ambiguity"


def test_over_tls_the_dashboard_sets_and_reads_only_host_prefixed_cookies(served: Served) -> None:
    """A subdomain can plant ``kaizen_admin``, never ``__Host-kaizen_admin``: over TLS only that is read."""
    folder = served.log.parent
    admin(folder, "add-user", "tls-tanaka", "--display-name", "田中", "--password-stdin")
    cookies = log_in(served, "tls-tanaka", [TLS])
    assert set(cookies) == {"__Host-kaizen_admin", "__Host-kaizen_device", "__Host-kaizen_login"}
    for name in ("__Host-kaizen_admin", "__Host-kaizen_device"):
        morsel = cookies[name]
        assert (morsel["path"], morsel["secure"], morsel["httponly"], morsel["domain"]) == (
            "/",
            True,
            True,
            "",
        )
    assert cookies["__Host-kaizen_login"]["max-age"] == "0", "the login form's token is dropped"
    session = cookies["__Host-kaizen_admin"].value

    status, queue = exchange(served, "GET", "/admin/", [TLS, ("Cookie", f"__Host-kaizen_admin={session}")])
    assert status == 200
    assert "田中" in queue.text
    planted = [TLS, ("Cookie", f"kaizen_admin={session}")]
    status, refused = exchange(served, "GET", "/admin/", planted)
    assert status == 303, "over TLS a session under the plain name is not read, whoever set it"
    assert refused.headers["Location"] == "/admin/login"


def test_over_tls_an_answer_sent_after_the_login_expired_is_kept_under_the_new_cookie(served: Served) -> None:
    folder = served.log.parent
    admin(folder, "add-user", "tls-sato", "--display-name", "佐藤", "--password-stdin")
    number = consult(served, "tls-staff")
    session = log_in(served, "tls-sato", [TLS])["__Host-kaizen_admin"].value
    cookie = [TLS, ("Cookie", f"__Host-kaizen_admin={session}")]
    status, detail = exchange(served, "GET", f"/admin/consultations/{number}", cookie)
    assert status == 200
    expire_sessions(folder)
    form = {
        "csrf": form_value(detail.text, "csrf"),
        "version": form_value(detail.text, "version"),
        "text": "回答",
    }
    status, refused = exchange(served, "POST", f"/admin/consultations/{number}/answer", cookie, form)
    assert status == 403
    assert "このアカウントの下書きとして保存しました" in refused.text
    assert kept_answers(folder) == 1


def test_over_plain_http_on_the_local_address_the_dashboard_logs_in_with_plain_cookies(
    served: Served,
) -> None:
    """The README's local start (http://127.0.0.1): no ``__Host-`` cookie can be set there."""
    admin(served.log.parent, "add-user", "local-ito", "--display-name", "伊藤", "--password-stdin")
    cookies = log_in(served, "local-ito", [], source=None)
    session = cookies["kaizen_admin"]
    assert (session["path"], session["secure"]) == ("/admin", "")
    status, _ = exchange(served, "GET", "/admin/", [("Cookie", f"kaizen_admin={session.value}")], source=None)
    assert status == 200


class Answer:
    """A response read whole: its status, headers (every ``Set-Cookie``) and text."""

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.headers = response.headers
        self.text = response.read().decode()


def exchange(
    served: Served,
    method: str,
    path: str,
    headers: list[tuple[str, str]],
    form: dict[str, str] | None = None,
    *,
    source: str | None = PROXY,
) -> tuple[int, Answer]:
    """One request from ``source`` (the proxy; None: a local client), a form posted as a browser posts it."""
    url = urlsplit(served.url)
    address = None if source is None else (source, 0)
    connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=60, source_address=address)
    try:
        extra = dict(headers)
        data = None
        if form is not None:
            data = urlencode(form).encode()
            extra["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, data, extra)
        response = connection.getresponse()
        return response.status, Answer(response)
    finally:
        connection.close()


def log_in(
    served: Served, name: str, headers: list[tuple[str, str]], *, source: str | None = PROXY
) -> SimpleCookie:
    """Log in as ``name`` as a browser does; every cookie the login page and the login set."""
    status, page = exchange(served, "GET", "/admin/login", headers, source=source)
    assert status == 200
    cookies = set_cookies(page)
    sent = "; ".join(f"{key}={morsel.value}" for key, morsel in cookies.items())
    form = {"csrf": form_value(page.text, "csrf"), "name": name, "password": PASSWORD}
    status, done = exchange(served, "POST", "/admin/login", [*headers, ("Cookie", sent)], form, source=source)
    assert status == 303, done.text[:500]
    cookies.update(set_cookies(done))
    return cookies


def set_cookies(answer: Answer) -> SimpleCookie:
    cookies: SimpleCookie = SimpleCookie()
    for header in answer.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    return cookies


def form_value(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, page[:500]
    return html.unescape(found[1])


def admin(folder: Path, *args: str) -> None:
    """``python -m bot admin ARGS`` on the served database (the password, when asked, on stdin)."""
    run_admin(f"sqlite:///{folder / 'kaizen.db'}", *args, password=PASSWORD)


def consult(served: Served, user: str) -> int:
    """A consultation sent by the single sign-on user ``user`` through the web chat; its number."""
    said = [("action", "menu"), ("action", "consult"), ("text", "窓口の受付簿を電子化したいです。")]
    said += [("text", "総務課 庶務係")]
    for field, value in said:
        status, answer = request(served, "POST", "/api/v1/chat", [(SSO_HEADER, user)], {field: value})
        assert status == 200, answer
    if "いつごろまでに" in str(answer["replies"]):
        request(served, "POST", "/api/v1/chat", [(SSO_HEADER, user)], {"action": "in:by:m"})
    status, receipt = request(served, "POST", "/api/v1/chat", [(SSO_HEADER, user)], {"action": "in:send"})
    found = re.search(r"受付番号は No\.(\d+)", str(receipt["replies"]))
    assert found, receipt
    return int(found[1])


def expire_sessions(folder: Path) -> None:
    """Every dashboard session a minute past its expiry, as if its hours had passed."""
    engine = sa.create_engine(f"sqlite:///{folder / 'kaizen.db'}")
    with engine.begin() as connection:
        connection.execute(
            admin_sessions.update().values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    engine.dispose()


def kept_answers(folder: Path) -> int:
    engine = sa.create_engine(f"sqlite:///{folder / 'kaizen.db'}")
    with engine.connect() as connection:
        count = connection.execute(sa.select(sa.func.count()).select_from(answer_drafts)).scalar_one()
    engine.dispose()
    return int(count)
