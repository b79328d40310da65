"""The cells of a table pasted as text (tabs, ``|``, commas or blanks between cells) under or beside a header.

Staff paste tables from spreadsheets and forms: a column's header says what its cells hold (住所,
個人番号) where the cells themselves may not (石神井台2-5-8, 3380 5521 7094), and a form pasted as rows of a
label and its value says it of the cell after it (| 被保険者番号 | 0002287316 |). A system's fixed-width
export pads its columns with blanks (宛名番号      受付日): two blanks or more part its cells.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from bot.privacy import lazy

__all__ = ["column_cells", "grouped_cells"]

_CELL_SEPARATOR = lazy.compile(r"[\t|]")
_CSV_SEPARATOR = lazy.compile(",")
_PADDING = lazy.compile("[ \u3000]{2,}")
_BLANK = " \u3000"


def column_cells(
    text: str, headers: Collection[str], *, ignore_case: bool = False, beside: bool = False
) -> Iterator[tuple[int, int]]:
    """The spans of the non-empty cells (blanks stripped) under a header cell in ``headers``, or beside it.

    A line with a header cell starts a column; the column ends with the first line without a cell
    separator. With ``beside``, the cell right after a header cell in its line is one too: a form's row,
    its label and its value (callers check that a cell is shaped as a number they look for, so a header
    row's next header is no harm; a tally's row, 住所 | 3, is no address). Cells are between tabs or ``|``
    on one line, or commas on a line of neither. With ``ignore_case``, a header cell is compared in lower
    case (``headers`` written so: Account No. as account no.); the text itself is not
    lowered, whose length lowering may change (İ), so the spans always index ``text``.
    """
    column: int | None = None
    for cells in _rows(text):
        if len(cells) < 2:
            column = None
            continue
        names = [text[a:b].strip(_BLANK) for a, b in cells]
        header = [i for i, name in enumerate(names) if (name.lower() if ignore_case else name) in headers]
        if header:
            column = header[0]
            for at in header if beside else ():
                if at + 1 < len(cells) and (span := _stripped(text, *cells[at + 1])) is not None:
                    yield span
        elif column is not None and column < len(cells) and (span := _stripped(text, *cells[column])):
            yield span


def grouped_cells(text: str, first: str, rest: Collection[str]) -> Iterator[tuple[int, int]]:
    """Each row's span from the cell under a header ``first`` to the last under the ``rest`` after it.

    One value split over a form's columns: 丁目,番,号; 市外局番,市内局番,番号.

    A header line whose cell ``first`` has no header of ``rest`` right after it starts nothing; the rows end
    with the first line without a cell separator, as in `column_cells`. A row's span has a digit (a blank
    row's is none).
    """
    group: tuple[int, int] | None = None
    for cells in _rows(text):
        if len(cells) < 2:
            group = None
            continue
        names = [text[a:b].strip(_BLANK + '"') for a, b in cells]
        if first in names:
            at = names.index(first)
            last = at
            while last + 1 < len(names) and names[last + 1] in rest:
                last += 1
            group = (at, last) if last > at else None
        elif group is not None and group[1] < len(cells):
            begin, finish = _stripped(text, cells[group[0]][0], cells[group[1]][1]) or (0, 0)
            if any(c.isdigit() for c in text[begin:finish]):
                yield begin, finish


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the cell ``text[start:end]`` without its blanks, or None if it is empty."""
    cell = text[start:end].strip(_BLANK)
    if not cell:
        return None
    begin = start + text[start:end].index(cell)
    return begin, begin + len(cell)


def _rows(text: str) -> Iterator[list[tuple[int, int]]]:
    """Each line's cells (`_cells`), as spans in ``text``."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        yield _cells(text, start, end)
        start = end + 1


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of the line ``text[start:end]``: between tabs or ``|``, else commas, else blanks.

    Blanks part cells in a run of two or more (a fixed-width export's padding); the line's leading blanks
    are no cell.
    """
    cells: list[tuple[int, int]] = []
    if _CELL_SEPARATOR.search(text, start, end):
        separators = _CELL_SEPARATOR
    elif _CSV_SEPARATOR.search(text, start, end):
        separators = _CSV_SEPARATOR
    else:
        separators = _PADDING
        while start < end and text[start] in _BLANK:
            start += 1
    for separator in separators.finditer(text, start, end):
        cells.append((start, separator.start()))
        start = separator.end()
    cells.append((start, end))
    return cells
