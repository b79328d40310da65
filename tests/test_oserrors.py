"""An OS error's reason in Japanese: the common causes by name, any other by its errno's name."""

from __future__ import annotations

import errno

from bot.oserrors import described


def test_a_common_cause_is_named_in_japanese() -> None:
    assert described(PermissionError(errno.EACCES, "Permission denied")) == "アクセスする権限がありません"
    assert described(OSError(errno.ENOSPC, "No space left on device")) == "ディスクの空きがありません"


def test_another_cause_is_named_by_its_errno_not_by_the_english_text() -> None:
    assert described(OSError(errno.EXDEV, "Invalid cross-device link")) == "システムのエラー EXDEV"
    assert described(OSError("no errno at all")) == "システムのエラー"
