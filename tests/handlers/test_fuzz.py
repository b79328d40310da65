"""Bad input on every route: hypothesis sends what no client should, and nothing answers 5xx.

Every route the application has (read from its router, so a new route is
fuzzed without editing this file) gets random methods, path values, queries,
headers, cookies and bodies: malformed and deeply nested JSON, lone
surrogates and NULs, broken multipart and non-UTF-8 forms, unknown charsets,
huge numbers, names over 255 bytes. A third of the requests carry the real
admin token, session cookie and CSRF token, so they reach the handlers'
own checks. Every answer must be below 500, and every error JSON with
``{"error", "message"}`` (an HTML page under ``/admin``). The server's log
must hold no traceback afterwards. Run with ``-s`` to see how many requests
were sent; ``HYPOTHESIS_PROFILE=thorough`` sends ten times as many.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.app import init_app
from bot.config import Settings
from bot.handlers.dashboard.core import COOKIE, LOGIN_COOKIE
from bot.handlers.static import FILES
from tests.auxil.live import ADMIN_TOKEN, CHAT_TOKEN, Live
from tests.auxil.rawhttp import Answer, RawClient

pytestmark = pytest.mark.slow

LOGIN_TOKEN = "fuzz-login-token"
MAX_LIVE_BODY = 65536  # the served bot's default KAIZEN_MAX_BODY_BYTES
MAX_TARGET = 8000  # aiohttp's HTTP parser refuses a longer request line itself (see test_protocol_errors)


def app_routes() -> list[tuple[str, str]]:
    """Every (method, path template) the application serves, HEAD aside (it follows GET)."""
    app = init_app(Settings.from_env({}, KAIZEN_CACHE_DIR=""))
    return sorted(
        {(r.method, r.resource.canonical) for r in app.router.routes() if r.resource and r.method != "HEAD"}
    )


ROUTES = app_routes()

# Text no person types: lone surrogates, NUL, controls, over-long names, numbers too big for a column.
NASTY = [
    "\ud800",
    "a\udfffb",
    "\x00",
    "x\x00y",
    "\x1b[31m",
    "a" * 300,
    "あ" * 100,
    "../../etc/passwd",
    "%00",
    "%ff",
    "%ED%A0%80",
    "",
    " ",
    "null",
    "-1",
    "0",
    str(2**63),
    str(2**64),
    "9" * 40,
    "1e309",
    "NaN",
    "１２",
]
junk = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.text(min_size=250, max_size=300))
numbers = st.one_of(st.integers().map(str), st.sampled_from(["1", "2", "3", str(2**63 - 1), str(-(2**63))]))


def encode(text: str) -> str:
    """Percent-encode everything, surrogates as the bytes a broken client would send."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def header_bytes() -> st.SearchStrategy[bytes]:
    """Any header value HTTP can carry (no control character but tab), UTF-8 or not."""
    raw = st.one_of(st.binary(max_size=60), junk.map(lambda t: t.encode("utf-8", "surrogatepass")))
    return raw.map(lambda b: bytes(c for c in b if c == 0x09 or 0x20 <= c != 0x7F))


def json_values() -> st.SearchStrategy[object]:
    """JSON values whose strings include the nasty ones."""
    leaves = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), junk
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.one_of(junk, st.sampled_from(FIELDS)), inner, max_size=4),
        ),
        max_leaves=12,
    )


FIELDS = [
    "user",
    "text",
    "action",
    "csrf",
    "version",
    "to",
    "assignee",
    "tags",
    "due",
    "form",
    "name",
    "password",
    "entry_id",
    "category",
    "question",
    "answer",
    "phrasings",
    "keywords",
]
QUERY_KEYS = ["after", "limit", "status", "tag", "assignee", "age", "q", "from", "done"]
PATH_VALUES = {
    "id": ["1", "2", "3", "0", "999999999999999999", str(2**63)],
    "action": [
        "take",
        "answer",
        "note",
        "status",
        "assign",
        "tags",
        "due",
        "faq",
        "save",
        "approve",
        "reject",
    ],
    "user": ["staff-1", "staff-2"],
    "name": sorted(FILES),
}
ACTIONS = ["menu", "consult", "cases", "manual", "in:send", "fb:yes:1", "st:1", "cat:相談"]


def form_fields(live: Live) -> st.SearchStrategy[dict[str, str]]:
    """A form, usually with a CSRF token that is right for the session or the login form."""
    value = st.one_of(
        junk, numbers, st.sampled_from(["new", "in_progress", "resolved", "2026-03-31", "fuzz-editor"])
    )
    return st.fixed_dictionaries(
        {"csrf": st.sampled_from([live.csrf, live.csrf, LOGIN_TOKEN, ""]) | junk},
        optional={name: value for name in FIELDS if name != "csrf"},
    )


def multipart(fields: dict[str, str], boundary: str = "fuzzboundary") -> bytes:
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    return "".join([*parts, f"--{boundary}--\r\n"]).encode("utf-8", "surrogatepass")


def bodies(live: Live) -> st.SearchStrategy[tuple[str | None, bytes]]:
    """(Content-Type, body) pairs: right, wrong, and mismatched."""
    deep = st.integers(1, 5000).map(lambda n: ("[" * n + "]" * n).encode())
    deep_object = st.integers(1, 3000).map(lambda n: ('{"text":' * n + '"x"' + "}" * n).encode())
    as_json = json_values().map(lambda v: json.dumps(v).encode())
    chat = st.fixed_dictionaries(
        {}, optional={"user": junk, "text": junk, "action": st.sampled_from(ACTIONS) | junk}
    ).map(lambda v: json.dumps(v).encode())
    forms = form_fields(live)
    urlencoded = forms.map(lambda f: "&".join(f"{encode(k)}={encode(v)}" for k, v in f.items()).encode())
    broken = st.sampled_from(
        [
            b"--fuzzboundary\r\nbroken",
            b'--fuzzboundary\r\nContent-Disposition: form-data; name="a"\r\n\r\nv',
            b'--fuzzboundary\r\nContent-Disposition: form-data; name="text"\r\n\r\n\xff\xfe\r\n'
            b"--fuzzboundary--\r\n",
            b"name=\xff\xfe&password=x&csrf=" + LOGIN_TOKEN.encode(),
            b'{"user": "a", "text": "\\ud800"}',
            b'{"text": "\\u0000"}',
            b'{"text": NaN}',
            b"1" * 5000,
            b"x" * (MAX_LIVE_BODY + 1),
        ]
    )
    content_types = st.sampled_from(
        [
            None,
            "application/json",
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=bogus",
            "multipart/form-data; boundary=fuzzboundary",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "text/plain; charset=utf-16",
        ]
    )
    return st.one_of(
        st.tuples(st.just("application/json"), st.one_of(as_json, chat, deep, deep_object)),
        st.tuples(st.just("application/x-www-form-urlencoded"), urlencoded),
        st.tuples(st.just("multipart/form-data; boundary=fuzzboundary"), forms.map(multipart)),
        st.tuples(content_types, st.one_of(broken, st.binary(max_size=300), as_json, urlencoded)),
        st.just((None, b"")),
    )


def headers(live: Live, path: str) -> st.SearchStrategy[list[tuple[str, bytes]]]:
    """Auth, cookies, origin and the chat user: the real ones often, junk otherwise."""
    session = f"{COOKIE.name}={live.session}; {LOGIN_COOKIE.name}={LOGIN_TOKEN}"
    cookies = [f"{LOGIN_COOKIE.name}={LOGIN_TOKEN}", live.chat_cookie, f"{live.chat_cookie}; {session}"]
    cookie = st.sampled_from(cookies + ([] if path == "/admin/logout" else [session, session]))
    own = live.url.encode()
    options = {
        "Authorization": st.sampled_from(
            [f"Bearer {ADMIN_TOKEN}".encode(), f"Bearer {CHAT_TOKEN}".encode(), b"Bearer", b"Basic x"]
        )
        | header_bytes(),
        "Cookie": cookie.map(str.encode) | header_bytes(),
        "Origin": st.sampled_from([own, own, b"http://evil.example", b"null"]) | header_bytes(),
        "X-Kaizen-User": st.sampled_from([b"staff-1", b""]) | header_bytes(),
        "Sec-Fetch-Site": st.sampled_from([b"same-origin", b"cross-site", b"none"]) | header_bytes(),
        "X-Fuzz": header_bytes(),
    }
    return st.fixed_dictionaries({}, optional=options).map(lambda chosen: list(chosen.items()))


def targets(path: str) -> st.SearchStrategy[str]:
    """The path with its {variables} filled in, and a query."""
    names = re.findall(r"\{(\w+)\}", path)
    values = st.tuples(*(st.sampled_from(PATH_VALUES.get(n, ["x"])) | junk for n in names))
    query = st.dictionaries(st.sampled_from(QUERY_KEYS) | junk, numbers | junk, max_size=4)

    def build(chosen: tuple[str, ...], params: dict[str, str]) -> str:
        filled = path
        for name, value in zip(names, chosen, strict=True):
            filled = filled.replace(f"{{{name}}}", encode(value) or "x", 1)
        pairs = [f"{encode(k)}={encode(v)}" for k, v in params.items()]
        while pairs and len(filled) + sum(len(p) + 1 for p in pairs) > MAX_TARGET:
            pairs.pop()
        return f"{filled}?{'&'.join(pairs)}" if pairs else filled

    return st.builds(build, values, query)


METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND", "TRACE"]


@pytest.fixture(scope="module")
def client(live: Live) -> Iterator[RawClient]:
    fuzzer = RawClient(live.url)
    yield fuzzer
    print(f"\nfuzz: {fuzzer.sent} requests, by status: {dict(sorted(fuzzer.statuses.items()))}")
    assert not [status for status in fuzzer.statuses if status >= 500]


def check(answer: Answer, method: str, path: str) -> None:
    assert answer.status < 500, (method, path, answer)
    if answer.status < 400 or method == "HEAD":
        return
    if path == "/admin" or path.startswith("/admin/"):  # the dashboard, as bot.handlers.protocol reads it
        assert answer.content_type.startswith("text/html;"), (method, path, answer)
        assert "<html" in answer.body.decode()
    else:
        assert answer.content_type.startswith("application/json;"), (method, path, answer)
        error = json.loads(answer.body)
        assert isinstance(error["error"], str)
        assert isinstance(error["message"], str)
        assert error["message"]


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
@given(data=st.data())
def test_no_input_gets_a_server_error(
    client: RawClient, live: Live, method: str, path: str, data: st.DataObject
) -> None:
    verb = data.draw(st.sampled_from([method] * 6 + METHODS), label="method")
    target = data.draw(targets(path), label="target")
    content_type, body = data.draw(bodies(live), label="body")
    sent = data.draw(headers(live, path), label="headers")
    if content_type is not None:
        sent.append(("Content-Type", content_type.encode()))
    check(client.send(verb, target, sent, body), verb, path)


@given(
    method=st.sampled_from(METHODS),
    path=st.lists(junk | st.sampled_from(["api", "v1", "admin", "static", "chat", "faq"]), max_size=5),
    prefix=st.sampled_from(["/", "/api/", "/api/v1/", "/admin/", "/static/"]),
)
def test_unknown_paths_are_404_in_the_right_format(
    client: RawClient, method: str, path: list[str], prefix: str
) -> None:
    target = prefix + "/".join(encode(part) for part in path)
    check(client.send(method, target, [], b""), method, target)


def test_raw_bytes_in_headers_and_cookies_are_400_not_500(client: RawClient) -> None:
    answer = client.send("GET", "/admin/", [("Cookie", b"kaizen_admin=\xed\xa0\x80")], b"")
    assert answer.status == 400
    assert answer.content_type.startswith("text/html")
    answer = client.send("GET", "/api/v1/consultations", [("Authorization", b"Bearer \xff\xfe")], b"")
    assert answer.status == 400
    assert json.loads(answer.body)["error"] == "invalid_text"
    answer = client.send(
        "GET", "/api/v1/consultations", [("Authorization", f"Bearer {ADMIN_TOKEN}".encode())], b""
    )
    assert answer.status == 200


def test_requests_http_itself_cannot_parse_are_4xx_never_5xx(client: RawClient) -> None:
    """Refused by aiohttp's HTTP parser before any route, in JSON all the same (bot.handlers.protocol)."""
    cases = [
        ("FOO", "/api/v1/chat", [], 400),
        ("get", "/api/v1/chat", [], 400),
        ("GET", "/healthz", [("X-Control", b"\x01")], 400),
        ("GET", "/api/v1/chat?" + "a" * 9000, [], 414),
        ("GET", "/healthz", [("X-Long", b"x" * 9000)], 431),
    ]
    for method, target, headers, status in cases:
        answer = client.send(method, target, headers, b"")
        assert answer.status == status, (method, target, answer)
        check(answer, method, target)


def test_the_server_logged_no_error(client: RawClient, live: Live) -> None:
    """Not even aiohttp's refusals of malformed HTTP: they are logged on one line, at INFO."""
    if client.sent == 0:
        pytest.skip("checks the log after the fuzz tests above")
    log = live.log.read_text()
    assert "unexpected error" not in log
    assert "database error" not in log
    assert "Traceback (most recent call last):" not in log
