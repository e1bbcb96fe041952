"""A workshop sheet's file as rows of plain cell values, for `sheet_read` to build a map from.

- CSV: UTF-8 with or without BOM; the delimiter (`,` or `;`) is the one that occurs more
  often, outside quotes, in the header line; each cell less the one `'` Journeymap's writer
  puts before formula-like text.
- XLSX: the first worksheet, read with openpyxl in read-only mode once the archive passed
  the import limits.

`cell_text` is what any cell value reads as, whatever type the file gave it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from ..errors import ImportFileError
from ..validation.characters import normalise_line_breaks
from .sheet_format import format_number
from .spreadsheet_safety import unescape_csv_text


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be read: {exc.strerror or exc}.") from exc


def csv_rows(path: Path) -> tuple[list[list[str]], str]:
    from .guards import csv_limited

    data = _read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            f"{path.name} is a zip or Excel file, not CSV text; give it the .xlsx extension."
        )
    if b"\x00" in data:
        raise ImportFileError(f"{path.name} is a binary file, not a CSV text file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"{path.name} must be UTF-8 text, but line {line} is not; "
            "save it as \"CSV UTF-8\" and import it again."
        ) from exc
    if not text.strip():
        raise ImportFileError(f"{path.name} is empty.")
    delimiter = _detect_delimiter(text)
    # strict: an unclosed quote is an error, instead of swallowing the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in csv_limited(reader, path.name):
            rows.append(row)
    except csv.Error as exc:
        raise ImportFileError(
            f"{path.name}, row {len(rows) + 1}: a quoted cell is not closed properly ({exc})."
        ) from exc
    # Less the one `'` Journeymap's writer puts before formula-like text (spreadsheet safety).
    return [[unescape_csv_text(cell) for cell in row] for row in rows], delimiter


def _detect_delimiter(text: str) -> str:
    """`;` if the header line has more semicolons than commas outside quotes, else `,`."""
    counts = {",": 0, ";": 0}
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    return ";" if counts[";"] > counts[","] else ","


def xlsx_rows(path: Path) -> list[list]:
    """The first worksheet's rows; the archive and its XML are checked against the import
    limits (sizes, rows, cell length, nesting, no DTD) before openpyxl reads them."""
    from .guards import open_workbook, worksheet_rows

    with open_workbook(path, path.name) as sheet:
        sheet.reset_dimensions()  # some writers store wrong dimensions
        return list(worksheet_rows(sheet, path.name))


def cell_text(value) -> str:
    """The text of a cell value, whatever type the file gave it, CR/CRLF as newline (other
    control characters are left for the row's checks to refuse, never silently dropped)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return normalise_line_breaks(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return normalise_line_breaks(str(value))
