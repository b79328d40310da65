"""The cells of a table pasted as text (tabs or ``|`` between cells) under a header that names them.

Staff paste tables from spreadsheets and forms: a column's header says what its cells hold (住所,
個人番号) where the cells themselves may not (石神井台2-5-8, 3380 5521 7094).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from bot.privacy import lazy

__all__ = ["column_cells"]

_CELL_SEPARATOR = lazy.compile(r"[\t|]")
_BLANK = " \u3000"


def column_cells(
    text: str, headers: Collection[str], *, ignore_case: bool = False
) -> Iterator[tuple[int, int]]:
    """The spans of the non-empty cells (blanks stripped) in the column under a header cell in ``headers``.

    A line with a header cell starts a column; the column ends with the first line without a cell
    separator. Cells are between tabs or ``|`` on one line. With ``ignore_case``, a header cell is
    compared in lower case (``headers`` written so: Account No. as account no.); the text itself is not
    lowered, whose length lowering may change (İ), so the spans always index ``text``.
    """
    column: int | None = None
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        cells = _cells(text, start, end)
        start = end + 1
        if len(cells) < 2:
            column = None
            continue
        names = [text[a:b].strip(_BLANK) for a, b in cells]
        header = [i for i, name in enumerate(names) if (name.lower() if ignore_case else name) in headers]
        if header:
            column = header[0]
        elif column is not None and column < len(cells):
            a, b = cells[column]
            cell = text[a:b].strip(_BLANK)
            if cell:
                begin = a + text[a:b].index(cell)
                yield begin, begin + len(cell)


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the cells of the line ``text[start:end]``, between tabs or ``|``."""
    cells: list[tuple[int, int]] = []
    for separator in _CELL_SEPARATOR.finditer(text, start, end):
        cells.append((start, separator.start()))
        start = separator.end()
    cells.append((start, end))
    return cells
