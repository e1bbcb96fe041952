"""Spreadsheet safety: text Journeymap writes to CSV and XLSX never runs as a formula.

CSV: a text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return, or with one or
more `'` followed by one of them, gets one leading `'` (the sign spreadsheet programs read as
"this is text"); numeric cells never do. `unescape_csv_text` removes exactly that one `'`, so
Journeymap's own reader gets back what was written: `=x` -> `'=x` -> `=x`, `'=x` -> `''=x` -> `'=x`.
(Escaping `'` runs of any length, not only one, is what makes every text survive the trip.)

XLSX: every text cell is a string cell (`xlsx_text_cell`); openpyxl would otherwise store text
starting with `=` as a formula and `#N/A` and the like as error values.

XML, and so XLSX, cannot hold most control characters; `xlsx_clean` leaves them out and
`DroppedCharacters` turns what was left out into one warning.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

_TRIGGER = "=+-@\t\r"
_NEEDS_QUOTE = re.compile(f"'*[{re.escape(_TRIGGER)}]")
_QUOTED = re.compile(f"'+[{re.escape(_TRIGGER)}]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def escape_csv_text(text: str) -> str:
    """A text cell as written to CSV: one leading `'` where a spreadsheet would see a formula."""
    return "'" + text if _NEEDS_QUOTE.match(text) else text


def unescape_csv_text(text: str) -> str:
    """A CSV cell as read back: the one `'` that `escape_csv_text` added, removed."""
    return text[1:] if _QUOTED.match(text) else text


def xlsx_misreads(text: str) -> bool:
    """Whether openpyxl, given this text as a plain value, would not store it as text (a
    formula for `=…`, an error value for `#N/A` and its like)."""
    from openpyxl.cell.cell import ERROR_CODES

    return text.startswith("=") or text in ERROR_CODES


def xlsx_text_cell(cell, value: str):
    """Put text in an openpyxl cell as a string cell, never a formula or an error value."""
    cell.value = value
    cell.data_type = "s"
    return cell


def xlsx_clean(text: str) -> str:
    """Text without the characters an XLSX cell cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def shown(text: str) -> str:
    """Text as a message shows it: control characters as `\\xNN`."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found[0]):02x}", text)


class DroppedCharacters:
    """Cleans text for XLSX and remembers where characters were left out, for one warning."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.cells = 0
        self.first = ""

    def clean(self, text: str, where: str) -> str:
        cleaned = xlsx_clean(text)
        if cleaned != text:
            self.cells += 1
            self.first = self.first or f'{where} "{shown(text)}"'
        return cleaned

    def warn(self) -> None:
        if self.cells:
            cells = "a text cell" if self.cells == 1 else f"{self.cells} text cells"
            log.warning(
                "%s: %s held control characters a spreadsheet cell cannot hold, which were left "
                "out (the first: %s).", self.file, cells, self.first,
            )
