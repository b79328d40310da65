"""Why the system refused a file or a socket, in Japanese, for the messages people read.

An ``OSError``'s own text (``Permission denied``) is English from the C library:
inside a Japanese line it reads as a leak. `described` names the common causes in
Japanese and any other by its errno name (``EIO``), which an operator can look up.
"""

from __future__ import annotations

import errno

__all__ = ["described"]

_REASONS = {
    errno.EACCES: "アクセスする権限がありません",
    errno.EPERM: "アクセスする権限がありません",
    errno.ENOENT: "見つかりません",
    errno.ENOTDIR: "途中のフォルダがありません",
    errno.EISDIR: "フォルダです",
    errno.EEXIST: "すでにあります",
    errno.ENOSPC: "ディスクの空きがありません",
    errno.EDQUOT: "ディスクの使用量の上限を超えています",
    errno.EROFS: "読み取り専用の場所です",
    errno.ENAMETOOLONG: "名前が長すぎます",
    errno.ELOOP: "シンボリックリンクがたどれません",
    errno.EIO: "ディスクの読み書きでエラーが起きました",
    errno.EMFILE: "開いているファイルが多すぎます",
    errno.ENFILE: "開いているファイルが多すぎます",
    errno.EADDRINUSE: "ほかのプログラムが使っています",
    errno.EADDRNOTAVAIL: "このマシンのアドレスではありません",
    errno.ECONNREFUSED: "接続を拒否されました",
    errno.ECONNRESET: "接続を切られました",
    errno.ETIMEDOUT: "応答がなく、時間切れになりました",
    errno.EHOSTUNREACH: "ネットワークがつながっていません",
    errno.ENETUNREACH: "ネットワークがつながっていません",
}


def described(exc: OSError) -> str:
    """Why ``exc`` happened, in Japanese: its cause when common, else its errno's name."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    name = errno.errorcode.get(exc.errno) if exc.errno is not None else None
    return f"システムのエラー {name}" if name else "システムのエラー"
