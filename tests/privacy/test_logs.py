"""Log lines: messages, arguments and tracebacks are masked on their way out, from any logger."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.privacy.logs import MaskingFilter, install


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    install(root)
    install(root)  # twice changes nothing
    assert sum(isinstance(f, MaskingFilter) for f in handler.filters) == 1
    try:
        yield out
    finally:
        root.removeHandler(handler)


def test_messages_arguments_and_tracebacks_are_masked(stream: io.StringIO) -> None:
    log = logging.getLogger("aiohttp.access")
    log.warning('"GET /admin/consultations/1?q=%s HTTP/1.1" 200', "090-1234-5678")
    log.warning('"GET /admin/?q=%s HTTP/1.1" 200', "%E9%9B%BB%E8%A9%B1+0570(043)760%E3%80%82")
    try:
        int("could not store taro@example.jp, マイナンバー4720 1986 0395")
    except ValueError:
        logging.getLogger("bot.conversations").exception(
            "the engine failed on %s", "札幌市中央区北1条西2丁目"
        )
    logging.getLogger("bot").warning("stack", stack_info=True, extra={"x": 1})
    out = stream.getvalue()
    for raw in ("090-1234-5678", "taro@example.jp", "4720 1986 0395", "北1条西2丁目", "0570(043)760"):
        assert raw not in out
    assert "q=［電話番号］" in out
    assert "q=電話 ［電話番号］。" in out
    assert "could not store ［メールアドレス］, マイナンバー［マイナンバー］" in out
    assert "the engine failed on ［住所］" in out
