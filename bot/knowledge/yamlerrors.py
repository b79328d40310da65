"""YAML syntax errors told in Japanese, on a line of the file.

The parser's own words (「found unexpected end of stream」) mean little to a
knowledge editor, and it may place the error past the last line (an unclosed
quote is found at the end of the file). `explain` names the common slips in
Japanese, on the line where they can be fixed; anything else gets a Japanese
hint on its line, never the parser's English.
"""

from __future__ import annotations

import yaml

__all__ = ["DuplicateKey", "explain"]

_PREFIX = "YAMLの書き方に誤りがあります: "
_QUOTE_IT = '値全体を "…" で囲んでください'
_INDENT = (
    "字下げ（行頭の空白の数）がほかの行とそろっていません。同じ階層の行は同じ数の半角スペースで始めてください"
)


class DuplicateKey(yaml.constructor.ConstructorError):
    """The same key twice in one mapping (YAML keeps the last silently; the loader refuses it)."""

    def __init__(self, key: str, first: yaml.Mark, again: yaml.Mark) -> None:
        super().__init__(None, first, f"duplicate key {key!r}", again)
        self.key = key


def explain(exc: yaml.YAMLError, text: str) -> tuple[int, str]:
    """The 1-based line (never past the end of ``text``) and a Japanese message for a syntax error."""
    lines = text.splitlines() or [""]
    if isinstance(exc, yaml.reader.ReaderError):
        at = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
        return line, f"{_PREFIX}表示されない制御文字（{code}）が含まれています。消してください"
    if not isinstance(exc, yaml.MarkedYAMLError):
        return 1, f"{_PREFIX}YAMLとして読めません"
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = min(mark.line + 1, len(lines)) if mark is not None else 1
    column = mark.column if mark is not None and mark.line < len(lines) else 0
    before = lines[line - 1][:column]
    found = lines[line - 1][column : column + 1]
    start = exc.context_mark
    opened = min(start.line + 1, len(lines)) if start is not None else line
    if isinstance(exc, DuplicateKey):
        message = f"「{exc.key}」が{opened}行目と{line}行目の2か所に書かれています。1つにしてください"
    elif "escape" in problem or "hex" in problem:
        message = "\"…\" の中の \\ は \\\\ と書くか、値全体を '…' で囲んでください"
    elif "quoted scalar" in context:
        line = opened  # where the quote opens: the end of the file is where it was missed
        quote = (lines[line - 1][start.column : start.column + 1] if start is not None else "") or '"'
        message = f"引用符（{quote}）が閉じられていません。値の終わりにも {quote} を書いてください"
    elif "tab" in problem or found == "\t":
        message = "タブ文字は使えません。字下げや区切りには半角スペースを使ってください"
    elif "mapping values are not allowed" in problem:
        message = f"値の中に「: 」（コロンと空白）があります。{_QUOTE_IT}" if ": " in before else _INDENT
    elif "could not find expected ':'" in problem:
        line = opened
        message = "「キー: 値」の形になっていません（「:」は半角で、あとに半角スペースを入れてください）"
    elif "',' or ']'" in problem or "',' or '}'" in problem:
        bracket = "[" if "]" in problem else "{"
        closing = "]" if bracket == "[" else "}"
        line = opened
        message = (
            f"「{bracket}」を閉じる「{closing}」がありません"
            f"（「{bracket}」で始まる文をそのまま書くときは、{_QUOTE_IT}）"
        )
    elif "cannot start any token" in problem or "undefined alias" in problem:
        message = f"「{found or '*'}」で始まる値は、{_QUOTE_IT}"
    elif "expected key" in problem or "block end" in problem or "'-' indicator" in problem:
        quoted = before.rstrip()[-1:] in ('"', "'")
        message = f"引用符で囲んだ値のあとに文字が続いています。{_QUOTE_IT}" if quoted else _INDENT
    elif "another document" in problem:
        message = "「---」のあとに2つ目の文書があります（1ファイルに1つだけです）。「---」を消してください"
    elif "constructor for the tag" in problem:
        message = f"「{found or '!'}」で始まる値（タグ）は使えません。{_QUOTE_IT}"
    else:  # the parser's words are English: the line and a hint are what an editor can use
        message = "この行か前の行の字下げや記号を確かめてください"
    return line, _PREFIX + message
