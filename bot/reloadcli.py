"""``python -m bot reload``: ask the running server to reload its knowledge, through the admin API.

The server builds the new index in the background and swaps it in when
whole; every other server process on the same database follows within
``KAIZEN_RELOAD_POLL_SECONDS``. Needs ``KAIZEN_ADMIN_TOKEN`` (the server's).
Exit codes: 0 reloaded; 1 the files have problems (printed as
``file:line: message``; the server keeps its previous knowledge); 2 the
server could not be asked (not running, no token, refused, or a redirect,
which is not followed: urllib would take the token along to its address),
or stopped before it answered (whether it reloaded is then unknown). The
server is asked directly, never through a proxy of the environment
(``http_proxy``), which would see the token.
"""

from __future__ import annotations

import getpass
import http.client
import json
import socket
import sys
import urllib.error
import urllib.request
from typing import Any

from bot.config import Settings
from bot.oserrors import described

__all__ = ["run_reload", "server_url", "who"]

TIMEOUT_SECONDS = 600.0
"""A reload of a very large FAQ whose texts are all new (meanings embedded afresh) may take minutes."""


def server_url(settings: Settings) -> str:
    """The server this machine runs, as ``serve`` listens (a wildcard address reached on loopback)."""
    host = settings.host if settings.host not in ("", "0.0.0.0", "::") else "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


def run_reload(settings: Settings, url: str | None) -> int:
    """Ask the server at ``url`` (default `server_url`) to reload; print the outcome; the exit code."""
    if not settings.admin_token:
        print("KAIZEN_ADMIN_TOKEN を設定してください（サーバーと同じ値）。", file=sys.stderr)
        return 2
    base = (url or server_url(settings)).rstrip("/")
    try:
        request = urllib.request.Request(
            f"{base}/api/v1/knowledge/reload",
            data=json.dumps({"requested_by": who()}).encode(),
            headers={"Authorization": f"Bearer {settings.admin_token}", "Content-Type": "application/json"},
            method="POST",
        )
    except ValueError:  # not a URL at all (notaurl, http://[::1)
        print(f"{base}: サーバーのアドレスとして読めません。", file=sys.stderr)
        print("--url は http://ホスト:ポート の形で指定してください。", file=sys.stderr)
        return 2
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            body = _body(response.read())
    except urllib.error.HTTPError as exc:
        body = _body(exc.read())
        if exc.code == 422 and "problems" in body:
            for problem in body["problems"]:
                print(problem)
            print(body.get("message", ""), file=sys.stderr)
            return 1
        said = body.get("message", _NOT_THE_BOT)  # a proxy's or another server's, its reason English
        if 300 <= exc.code < 400:  # not followed: the token would go along, and a POST becomes a GET
            target = exc.headers.get("Location", "別のアドレス")
            said = f"{target} への転送には従いません。--url を確認してください"
        if exc.code == 401:  # a token was sent: it is not the server's
            said = "KAIZEN_ADMIN_TOKEN がサーバーの値と一致しません。サーバーと同じ値を設定してください"
        print(f"{base}: 読み込み直せませんでした（HTTP {exc.code}: {said}）", file=sys.stderr)
        return 2
    except http.client.RemoteDisconnected:  # it took the request: the reload may have happened, or not
        print(
            f"{base} のサーバーが、読み込みの結果を返す前に接続を切りました（停止した可能性があります）。",
            file=sys.stderr,
        )
        print(
            "サーバーが動いているか確かめ、管理画面の「知識の読み込み」かサーバーのログで結果を確認してから、"
            "必要ならもう一度読み込んでください。",
            file=sys.stderr,
        )
        return 2
    except http.client.InvalidURL:  # a port that is no number: urllib's check, after the request was made
        print(f"{base}: サーバーのアドレスとして読めません。", file=sys.stderr)
        print("--url は http://ホスト:ポート の形で指定してください。", file=sys.stderr)
        return 2
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        print(f"{base} のサーバーに接続できません（{_unreachable(exc)}）。", file=sys.stderr)
        print("サーバーが起動しているか、--url の指定が正しいか確認してください。", file=sys.stderr)
        return 2
    print(body.get("message", "知識を読み込み直しました。"))
    return 0


_NOT_THE_BOT = "ボットからの応答ではありません。--url と、その先でボットが動いているかを確かめてください"


def _unreachable(exc: Exception) -> str:
    """Why the server could not be reached, in Japanese (urllib's and the OS's reasons are English)."""
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.gaierror):
        return "ホスト名が見つかりません"
    if isinstance(reason, TimeoutError) and reason.errno is None:  # the socket's own timeout
        return f"{TIMEOUT_SECONDS:g}秒待っても応答がありません"
    if isinstance(reason, OSError):
        return described(reason)
    if isinstance(reason, str):  # urllib's own: "unknown url type: foo"
        return "http:// か https:// のアドレスではありません"
    return "HTTPで応答しませんでした"  # an HTTPException: something other than a web server answered


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Follows no redirect: the 3xx is reported instead.

    urllib would send the ``Authorization`` header (the admin token) on to wherever a ``Location``
    points, another host included, and the reload there as a GET.
    """

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))
"""Neither a redirect nor a proxy of the environment (``http_proxy``): either would see the token."""


def who() -> str:
    """Who asked, for the audit trail: the operating system's user name."""
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):
        return "cli"


def _body(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
