"""Log lines as text or JSON, tagged with the request they belong to."""

from __future__ import annotations

import json
import logging
import re

import pytest
from linebot.v3.messaging import ApiException

from bot.logs import REQUEST_ID, setup_logging
from bot.privacy import logs as privacy_logs


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


def _line_refusal() -> ApiException:
    """The LINE SDK's exception for a refused push: its text spans five lines."""
    refusal = ApiException(status=400, reason="Bad Request")
    refusal.headers = {"x-line-request-id": "0b1a2c3d", "Content-Type": "application/json"}
    refusal.body = b'{"message":"The property, \'to\', in the request body is invalid (090-1234-5678)"}'
    return refusal


def _log_a_refusal_an_exception_and_a_stack() -> None:
    """Records as the bot logs them: a LINE push refused, a failure with its traceback, a stack."""
    log = logging.getLogger("bot.delivery.worker")
    refusal = _line_refusal()
    assert str(refusal).count("\n") >= 4
    log.warning("delivery of message %d to %s failed (attempt 1: ApiException: %s)", 7, "line", refusal)
    try:
        int("taro@example.jp, 090-1234-5678")
    except ValueError:
        log.exception("the turn of\nline:U0123 failed")
    log.warning("stack of 090-1234-5678", stack_info=True)


def test_text_records_are_one_line_each_masked_whatever_their_message_traceback_or_stack(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """README: ``text`` gives one readable line a record; an SDK's exception text spans five lines."""
    setup_logging("INFO", "text")
    privacy_logs.install(logging.getLogger())
    _log_a_refusal_an_exception_and_a_stack()
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3
    assert all(
        re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (WARNING|ERROR) bot\.delivery", x) for x in lines
    )
    refused, failed, stack = lines
    assert "attempt 1: ApiException: (400) ⏎ Reason: Bad Request ⏎ HTTP response headers: {" in refused
    assert refused.endswith(
        "HTTP response body: b'{\"message\":\"The property, \\'to\\', in the request body is invalid"
        " (［電話番号］)\"}' ⏎ )"
    )
    assert (
        " ERROR bot.delivery.worker: the turn of ⏎ line:U0123 failed ⏎ Traceback (most recent call last): ⏎ "
        in failed
    )
    assert failed.endswith(
        "ValueError: invalid literal for int() with base 10: '［メールアドレス］, ［電話番号］'"
    )
    assert "stack of ［電話番号］ ⏎ Stack (most recent call last): ⏎ " in stack
    assert "090-1234-5678" not in "".join(lines)
    assert "taro@example.jp" not in "".join(lines)


def test_json_records_are_one_object_a_line_with_the_traceback_and_stack_masked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging("INFO", "json")
    privacy_logs.install(logging.getLogger())
    _log_a_refusal_an_exception_and_a_stack()
    out = capsys.readouterr().err
    refused, failed, stack = (json.loads(line) for line in out.splitlines())
    assert refused["message"].startswith(
        "delivery of message 7 to line failed (attempt 1: ApiException: (400)\nReason:"
    )
    assert failed["message"] == "the turn of\nline:U0123 failed"
    assert failed["exception"].startswith("Traceback (most recent call last):\n")
    assert "'［メールアドレス］, ［電話番号］'" in failed["exception"]
    assert stack["stack"].startswith("Stack (most recent call last):\n")
    assert "090-1234-5678" not in out
    assert "taro@example.jp" not in out


def test_logging_set_up_in_a_test_writes_to_that_tests_capture(capsys: pytest.CaptureFixture[str]) -> None:
    """As ``bot.cli.main`` run in the test's process does; the next test checks what it left."""
    setup_logging("INFO", "text")
    logging.getLogger("bot.example").info("within the test")
    assert "within the test" in capsys.readouterr().err


def test_the_next_test_finds_no_handler_on_the_closed_capture_and_the_level_as_before(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The test above set the root logger up on its capture, closed since: `tests.conftest.restored_logging`.

    Left there, a server's retention purge logging from its thread would print "--- Logging error ---".
    """
    root = logging.getLogger()
    closed = [h for h in root.handlers if isinstance(h, logging.StreamHandler) and h.stream.closed]
    assert closed == []
    assert not root.isEnabledFor(logging.INFO)
    root.warning("a warning after the test that set the logging up")
    assert "Logging error" not in capsys.readouterr().err
