"""HTTP that aiohttp's parser refuses is answered in our format: JSON, or a page under /admin.

Sent over raw sockets to a real ``python -m bot serve`` (aiohttp's and
http.client's own clients refuse to send most of these).
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from bot.handlers.protocol import error_for
from tests.auxil.live import METRICS_TOKEN, Live
from tests.auxil.rawhttp import Answer, exchange

pytestmark = pytest.mark.slow

HOST = b"Host: 127.0.0.1\r\n"

REFUSED = {
    "unknown method": b"FOO /api/v1/chat HTTP/1.1\r\n" + HOST + b"\r\n",
    "lower-case method": b"get /api/v1/chat HTTP/1.1\r\n" + HOST + b"\r\n",
    "control byte in a header": b"GET /healthz HTTP/1.1\r\n" + HOST + b"X-Control: \x01\r\n\r\n",
    "request line over 8190 bytes": b"GET /api/v1/chat?" + b"a" * 9000 + b" HTTP/1.1\r\n" + HOST + b"\r\n",
    "header over 8190 bytes": b"GET /healthz HTTP/1.1\r\n" + HOST + b"X-Long: " + b"x" * 9000 + b"\r\n\r\n",
    "200 headers": b"GET /healthz HTTP/1.1\r\n"
    + HOST
    + b"".join(b"X-%d: y\r\n" % i for i in range(200))
    + b"\r\n",
    "Content-Length not a number": b"POST /api/v1/chat HTTP/1.1\r\n" + HOST + b"Content-Length: abc\r\n\r\n",
    "two Content-Lengths": b"POST /api/v1/chat HTTP/1.1\r\n"
    + HOST
    + b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
    "Content-Length and chunked": b"POST /webhooks/line HTTP/1.1\r\n"
    + HOST
    + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "bad chunk size": b"POST /webhooks/line HTTP/1.1\r\n"
    + HOST
    + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    "unknown transfer coding": b"POST /api/v1/chat HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: gzip\r\n\r\n",
    "HTTP/9.9": b"GET /api/v1/chat HTTP/9.9\r\n" + HOST + b"\r\n",
    "space in the path": b"GET /api/v1/ch at HTTP/1.1\r\n" + HOST + b"\r\n",
    "NUL in the path": b"GET /api/v1/\x00 HTTP/1.1\r\n" + HOST + b"\r\n",
    "header without a colon": b"GET /api/v1/chat HTTP/1.1\r\n" + HOST + b"Broken header\r\n\r\n",
    "TLS on the plain port": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
}

DASHBOARD = {
    "header without a colon": b"GET /admin/login HTTP/1.1\r\n" + HOST + b"Broken header\r\n\r\n",
    "header over 8190 bytes": b"GET /admin/ HTTP/1.1\r\n" + HOST + b"X-Long: " + b"x" * 9000 + b"\r\n\r\n",
    "control byte in a cookie": b"GET /admin/ HTTP/1.1\r\n" + HOST + b"Cookie: kaizen_admin=\x07\r\n\r\n",
}


def json_error(answer: Answer) -> dict[str, str]:
    assert answer.content_type.startswith("application/json"), answer
    error: dict[str, str] = json.loads(answer.body)
    assert set(error) == {"error", "message"}
    assert error["message"].endswith("。")
    return error


TOO_LARGE = {"request line over 8190 bytes": 414, "header over 8190 bytes": 431, "200 headers": 431}


@pytest.mark.parametrize("name", REFUSED)
def test_outside_the_dashboard_a_refused_request_gets_a_json_4xx(live: Live, name: str) -> None:
    answer = exchange(live.url, REFUSED[name])
    assert answer.status == TOO_LARGE.get(name, 400)
    json_error(answer)
    assert b"aaaa" not in answer.body  # nothing sent is echoed
    assert b"xxxx" not in answer.body


def test_every_refusal_has_a_request_id_of_its_own_as_every_answer_does(live: Live) -> None:
    ids = [exchange(live.url, raw).request_id for raw in (*REFUSED.values(), *DASHBOARD.values())]
    assert all(re.fullmatch("[0-9a-f]{16}", given) for given in ids), ids
    assert len(set(ids)) == len(ids)


def test_each_refusal_names_what_was_wrong(live: Live) -> None:
    assert json_error(exchange(live.url, REFUSED["unknown method"]))["error"] == "bad_method"
    assert json_error(exchange(live.url, REFUSED["header over 8190 bytes"]))["error"] == "headers_too_large"
    assert json_error(exchange(live.url, REFUSED["200 headers"]))["error"] == "headers_too_large"
    assert json_error(exchange(live.url, REFUSED["request line over 8190 bytes"]))["error"] == "uri_too_long"
    assert json_error(exchange(live.url, REFUSED["bad chunk size"]))["error"] == "malformed_request"


@pytest.mark.parametrize("name", DASHBOARD)
def test_a_refused_dashboard_request_gets_a_page(live: Live, name: str) -> None:
    answer = exchange(live.url, DASHBOARD[name])
    assert answer.status == TOO_LARGE.get(name, 400)
    assert answer.content_type.startswith("text/html")
    page = answer.body.decode()
    assert '<html lang="ja">' in page
    assert "読み取れませんでした" in page or "大きすぎる" in page


def test_a_chunk_that_turns_bad_after_the_handler_began_is_a_400(live: Live) -> None:
    """The headers are accepted and the handler starts reading; then the body breaks."""
    head = b"POST /api/v1/chat HTTP/1.1\r\n" + HOST
    head += b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    answer = exchange(live.url, head, b"2\r\n{}\r\nzz\r\n")
    assert answer.status == 400
    json_error(answer)


def test_after_a_chunk_turned_bad_the_connection_closes_without_an_error_logged(live: Live) -> None:
    """aiohttp drained the rest of such a body after the answer and logged the failure with a traceback."""
    head = b"POST /api/v1/chat HTTP/1.1\r\n" + HOST
    head += b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    logged = len(live.log.read_bytes())
    answer = exchange(live.url, head, b"2\r\n{}\r\nzz\r\n", until_closed=True)
    assert answer.status == 400
    assert answer.after == b""  # one answer, then the connection closed
    since = live.log.read_bytes()[logged:].decode()
    assert "Unhandled exception" not in since
    assert "Traceback" not in since


def test_a_dashboard_form_whose_chunk_turns_bad_is_a_400_page(live: Live) -> None:
    head = b"POST /admin/login HTTP/1.1\r\n" + HOST
    head += b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    answer = exchange(live.url, head, b"3\r\na=b\r\nzz\r\n")
    assert answer.status == 400
    assert answer.content_type.startswith("text/html")
    assert "形式が正しくない" in answer.body.decode()


def test_a_refusal_on_a_kept_alive_connection_is_shaped_too(live: Live) -> None:
    good = b"GET /healthz HTTP/1.1\r\n" + HOST + b"\r\n"
    answer = exchange(live.url, good, b"FOO /api/v1/chat HTTP/1.1\r\n" + HOST + b"\r\n")
    assert answer.status == 200  # the answer to the first request; the second is refused after it


def test_the_server_logs_refusals_without_a_traceback(live: Live) -> None:
    exchange(live.url, REFUSED["request line over 8190 bytes"])
    log = live.log.read_text()
    assert "Error handling request" not in log
    assert "aaaaaaaaaa" not in log


def test_a_server_error_outside_a_handler_is_json_too() -> None:
    """aiohttp's own 500 (a handler that failed outside every middleware) in the same shape."""
    answer = error_for(500, RuntimeError("boom"), "/webhooks/line")
    assert answer.status == 500
    assert answer.content_type == "application/json"
    assert json.loads(answer.text or "")["error"] == "internal"
    assert error_for(400, None, None).content_type == "application/json"
    assert error_for(400, None, "/admin").content_type == "text/html"
    assert error_for(400, None, "/administrator").content_type == "application/json"


def refusals_counted(live: Live) -> dict[tuple[str, str], float]:
    """``kaizen_http_refused_total`` by (status, error), read from ``/metrics``."""
    request = urllib.request.Request(
        f"{live.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
    found = re.findall(r'^kaizen_http_refused_total\{error="([^"]+)",status="(\d+)"\} (\S+)$', text, re.M)
    return {(status, error): float(value) for error, status, value in found}


def test_refusals_are_counted_by_status_and_error_in_the_metrics(live: Live) -> None:
    before = refusals_counted(live)
    for name in ("request line over 8190 bytes", "200 headers", "200 headers", "bad chunk size"):
        exchange(live.url, REFUSED[name])

    after = refusals_counted(live)

    def added(status: str, error: str) -> float:
        return after.get((status, error), 0.0) - before.get((status, error), 0.0)

    assert added("414", "uri_too_long") == 1
    assert added("431", "headers_too_large") == 2
    assert added("400", "malformed_request") == 1
