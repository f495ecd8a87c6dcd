"""CSV that Excel opens correctly with Japanese names, produced line by line.

Excel reads a CSV without a byte-order mark in the system code page (Shift_JIS on Japanese
Windows) and garbles UTF-8 names, so the first line starts with a BOM. Lines end in CRLF, as
RFC 4180 and Excel expect. Lines are yielded one at a time so a view can hand the iterator to
StreamingHttpResponse and never hold the whole file in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

BOM = "\ufeff"

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
# (CSV injection): "=HYPERLINK(...)" in a student's name must arrive as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> str:
    """The cell's text, with a leading quote when a spreadsheet would read it as a formula.

    Numbers are left alone (a numeric -3 is data, not a formula, and must stay a number in
    the sheet); any string starting with a formula character, "-3" included, gets the quote,
    as a string's origin is unknown.
    """
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The BOM and header line, then one CRLF-terminated line per row, pulled from `rows` lazily.

    Header cells are neutralized too: they may carry question texts written by authors.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def line(cells: Iterable[object]) -> str:
        # One buffer for the whole export, emptied per row: no per-row allocation of writers.
        buffer.seek(0)
        buffer.truncate(0)
        writer.writerow([neutralize(cell) for cell in cells])
        return buffer.getvalue()

    yield BOM + line(header)
    for row in rows:
        yield line(row)
