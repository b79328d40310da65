"""The OpenAPI description: served, valid, complete, and true (schemathesis against a live server).

schemathesis generates requests from the description (examples, boundary
values, random and schema-violating data, and sequences following its
links) and checks every answer: no 5xx, a documented status, content type,
headers and body. One check is left out: ``positive_data_acceptance``
expects every schema-valid request to succeed, but a valid request can
still name a consultation that does not exist or a change its state does
not allow (404 and 409, documented as such). Run with ``-s`` to see how
many requests were sent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import get_args

import pytest
from openapi_spec_validator import validate

from bot.app import init_app
from bot.config import Settings
from bot.consult.model import EventKind, Status
from bot.handlers.openapi import load
from tests.auxil.live import ADMIN_TOKEN, CHAT_TOKEN, Live

CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "50"))
SEED = "20261206"
"""schemathesis's seed, as hypothesis is derandomized for CI (tests/conftest.py); none when thorough."""
OPERATIONS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")


def described() -> set[tuple[str, str]]:
    document = load()
    return {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in OPERATIONS
    }


def served_api_routes() -> set[tuple[str, str]]:
    app = init_app(Settings.from_env({}, KAIZEN_CACHE_DIR=""))
    return {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.resource is not None
        and route.method != "HEAD"
        and (route.resource.canonical.startswith("/api/") or route.resource.canonical == "/healthz")
    }


def test_the_description_is_valid_openapi_3() -> None:
    document = load()
    validate(document)
    assert document["openapi"].startswith("3.")


def test_the_description_lists_every_api_route_and_no_other() -> None:
    assert served_api_routes() == described()


def test_the_descriptions_enums_are_the_codes_own_values() -> None:
    """A state or an event kind the code adds is added to the description (an event's `request` was not)."""
    schemas = load()["components"]["schemas"]
    status = schemas["ConsultationSummary"]["properties"]["status"]["enum"]
    kind = schemas["ConsultationDetail"]["properties"]["events"]["items"]["properties"]["kind"]["enum"]
    assert status == [state.value for state in Status]
    assert set(kind) == set(get_args(EventKind))


def test_the_description_is_served_as_json(live: Live) -> None:
    with urllib.request.urlopen(f"{live.url}/api/v1/openapi.json", timeout=10) as response:
        assert response.headers.get_content_type() == "application/json"
        assert json.load(response) == load()


def test_every_operation_that_reads_a_body_answers_one_too_large_as_described(live: Live) -> None:
    """A body over KAIZEN_MAX_BODY_BYTES is 413, and one too slow 408, wherever a body is read.

    Every body goes through one reader (`bot.handlers.inputs`), so each operation with a request body
    lists both; the knowledge reload's optional body once answered an undescribed 413.
    """
    oversized = json.dumps({"text": "あ" * 30_000, "requested_by": "x"}).encode()  # over 65,536 bytes
    for path, item in load()["paths"].items():
        for method, operation in item.items():
            if method not in OPERATIONS or "requestBody" not in operation:
                continue
            token = ADMIN_TOKEN if "admin" in operation["tags"] else CHAT_TOKEN
            request = urllib.request.Request(
                live.url + path.replace("{id}", str(live.consultations[0])),
                data=oversized,
                method=method.upper(),
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            )
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=30)
            assert refused.value.code == 413, (method, path)
            assert {"408", "413"} <= set(operation["responses"]), (method, path)


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_nothing_undocumented(live: Live, tmp_path: Path) -> None:
    har = tmp_path / "schemathesis.har"
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(CONFIG),
        "run",
        f"{live.url}/api/v1/openapi.json",
        "--checks",
        "all",
        "--exclude-checks",
        "positive_data_acceptance",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--report",
        "har",
        "--report-har-path",
        str(har),
        "--no-color",
    ]
    if os.environ.get("HYPOTHESIS_PROFILE") != "thorough":
        command += ["--seed", SEED]
    env = {
        **os.environ,
        "KAIZEN_ADMIN_TOKEN": ADMIN_TOKEN,
        "KAIZEN_CHAT_API_TOKEN": CHAT_TOKEN,
        "KAIZEN_CHAT_SESSION": live.chat_cookie.partition("=")[2],
    }
    run = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=900, check=False
    )
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-3000:]
    statuses = Counter(entry["response"]["status"] for entry in json.loads(har.read_text())["log"]["entries"])
    print(f"\nschemathesis: {statuses.total()} requests, by status: {dict(sorted(statuses.items()))}")
    assert statuses.total() > 0
    assert not [status for status in statuses if status >= 500]
    assert statuses[200] > 0, "no request got through to a handler's success path"
