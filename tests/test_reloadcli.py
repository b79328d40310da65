"""``python -m bot reload`` against a stand-in server: what it says when the server refuses."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from bot.config import Settings
from bot.reloadcli import run_reload

TOKEN = "reload-cli-admin-token-0123456789abcdef"


class _Refusing(BaseHTTPRequestHandler):
    """Answers every reload as the server does a token that is not its own."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps({"error": "unauthorized", "message": "認証が必要です。"}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def refusing() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_refused_token_is_said_not_to_match_the_servers(
    refusing: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings.from_env({"KAIZEN_CACHE_DIR": "", "KAIZEN_ADMIN_TOKEN": TOKEN})
    assert run_reload(settings, refusing) == 2
    said = capsys.readouterr().err
    assert "KAIZEN_ADMIN_TOKEN がサーバーの値と一致しません" in said
    assert "認証が必要です" not in said, "a token was sent"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("notaurl", "サーバーのアドレスとして読めません"),
        ("http://[::1", "サーバーのアドレスとして読めません"),
        ("http://127.0.0.1:abc", "サーバーのアドレスとして読めません"),  # urllib said "nonnumeric port"
    ],
)
def test_an_address_that_is_no_url_is_a_usage_error_without_a_traceback(
    url: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings.from_env({"KAIZEN_CACHE_DIR": "", "KAIZEN_ADMIN_TOKEN": TOKEN})
    assert run_reload(settings, url) == 2
    err = capsys.readouterr().err
    assert said in err
    assert "--url" in err


class _Recording(BaseHTTPRequestHandler):
    """Another host: records the Authorization header of each request it gets, answers 200."""

    seen: ClassVar[list[str | None]] = []

    def do_GET(self) -> None:
        type(self).seen.append(self.headers.get("Authorization"))
        body = json.dumps({"message": "別のサーバーです。"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


def _serving(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _reload_against(handler: type[BaseHTTPRequestHandler]) -> tuple[int, str]:
    """``run_reload``'s exit code against a local server answering with ``handler``, and that server's URL."""
    server, url = _serving(handler)
    try:
        settings = Settings.from_env({"KAIZEN_CACHE_DIR": "", "KAIZEN_ADMIN_TOKEN": TOKEN})
        return run_reload(settings, url), url
    finally:
        server.shutdown()
        server.server_close()


def test_a_redirect_is_not_followed_and_the_token_stays_home(capsys: pytest.CaptureFixture[str]) -> None:
    """A proxy or a wrong --url answering 302 elsewhere: urllib followed it, token and all, as a GET."""
    other, elsewhere = _serving(_Recording)

    class Redirecting(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(302)
            self.send_header("Location", f"{elsewhere}/collect")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    first, url = _serving(Redirecting)
    try:
        settings = Settings.from_env({"KAIZEN_CACHE_DIR": "", "KAIZEN_ADMIN_TOKEN": TOKEN})
        code = run_reload(settings, url)
    finally:
        for server in (first, other):
            server.shutdown()
            server.server_close()
    assert _Recording.seen == [], "nothing reached the other address, the token least of all"
    assert code == 2, "not reloaded: the server was never asked"
    assert f"{elsewhere}/collect への転送には従いません" in capsys.readouterr().err


def test_the_token_never_goes_through_a_proxy_of_the_environment(refusing: str) -> None:
    """A ward's ``http_proxy`` (set for the internet) must not see, nor answer for, the admin token."""

    class Proxy(_Recording):
        seen: ClassVar[list[str | None]] = []

    proxy, address = _serving(Proxy)
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "all_proxy")}
    env |= {"http_proxy": address, "HTTP_PROXY": address, "KAIZEN_ADMIN_TOKEN": TOKEN, "KAIZEN_CACHE_DIR": ""}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot", "reload", "--url", refusing],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        proxy.shutdown()
        proxy.server_close()
    assert Proxy.seen == [], "the proxy got nothing, the token least of all"
    assert done.returncode == 2, "the server itself was asked, and refused the token"
    assert "一致しません" in done.stderr


def test_a_server_that_stops_before_it_answers_is_not_said_to_be_unreachable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A server killed mid-reload took the request: "cannot connect, is it running?" misled the operator."""

    class Stopping(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.close_connection = True  # no answer, as a process killed while it reloads

        def log_message(self, *args: object) -> None:
            pass

    code, _url = _reload_against(Stopping)
    assert code == 2
    said = capsys.readouterr().err
    assert "読み込みの結果を返す前に接続を切りました" in said
    assert "接続できません" not in said


def test_a_server_not_running_is_said_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    """The reason was the OS's English: "[Errno 111] Connection refused"."""
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    settings = Settings.from_env({"KAIZEN_CACHE_DIR": "", "KAIZEN_ADMIN_TOKEN": TOKEN})
    assert run_reload(settings, f"http://127.0.0.1:{port}") == 2
    said = capsys.readouterr().err
    assert f"http://127.0.0.1:{port} のサーバーに接続できません（接続を拒否されました）。" in said
    assert "Errno" not in said


def test_an_error_page_that_is_not_the_bots_is_said_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    """A proxy's 502 page (no JSON message) showed its English reason: "HTTP 502: Bad Gateway"."""

    class Proxy(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_error(502)

        def log_message(self, *args: object) -> None:
            pass

    code, url = _reload_against(Proxy)
    assert code == 2
    said = capsys.readouterr().err
    assert f"{url}: 読み込み直せませんでした（HTTP 502: ボットからの応答ではありません。" in said
    assert "Bad Gateway" not in said
