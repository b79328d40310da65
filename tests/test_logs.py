"""Log lines as text or JSON, tagged with the request they belong to."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from bot.logs import REQUEST_ID, setup_logging


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restore_logging")
def test_json_lines_carry_level_logger_request_id_extras_and_the_exception(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging("INFO", "json")
    log = logging.getLogger("bot.example")
    log.debug("not shown at INFO")
    log.info("outside a request")
    token = REQUEST_ID.set("0123abcd")
    try:
        log.warning("ご相談 %d を受け付けました", 7, extra={"route": "/api/v1/chat"})
        try:
            int("seven")
        except ValueError:
            log.exception("failed")
    finally:
        REQUEST_ID.reset(token)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["message"] for line in lines] == ["outside a request", "ご相談 7 を受け付けました", "failed"]
    outside, inside, failed = lines
    assert "request_id" not in outside
    assert (inside["level"], inside["logger"], inside["request_id"]) == ("WARNING", "bot.example", "0123abcd")
    assert inside["route"] == "/api/v1/chat"
    assert inside["time"].endswith("+00:00")
    assert "ValueError: invalid literal" in failed["exception"]


@pytest.mark.usefixtures("restore_logging")
def test_text_lines_show_the_request_id_only_inside_a_request(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("INFO", "text")
    log = logging.getLogger("bot.example")
    log.info("outside")
    token = REQUEST_ID.set("0123abcd")
    try:
        log.info("inside")
    finally:
        REQUEST_ID.reset(token)
    outside, inside = capsys.readouterr().err.splitlines()
    assert outside.endswith(" INFO bot.example: outside")
    assert inside.endswith(" INFO bot.example [0123abcd]: inside")
