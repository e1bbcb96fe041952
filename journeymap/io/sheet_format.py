"""What the workshop sheet's cells look like: columns, header names, lists and numbers.

Shared by the sheet reader and writer so that what one writes the other reads back.
"""

from __future__ import annotations

import math
import re

SHEET_COLUMNS = (
    "Stage",
    "Lane",
    "Touchpoint",
    "Channel",
    "Description",
    "Experience",
    "Owner",
    "R",
    "A",
    "C",
    "I",
    "Next",
    "Loops",
    "Days",
    "Volume",
    "Cost",
    "KPI",
)
REQUIRED_COLUMNS = ("Stage", "Lane", "Touchpoint")
RACI_COLUMNS = ("R", "A", "C", "I")
NUMBER_COLUMNS = ("Days", "Volume", "Cost")

_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SPACES = re.compile(r"\s+")
_COLUMN_BY_KEY = {name.casefold(): name for name in SHEET_COLUMNS}

# Characters XML 1.0 cannot hold (so no XLSX cell can); both writers drop them alike.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n?")

# A decimal number as people type it; no underscores, no "inf" or "nan".
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")


def column_for_header(header: str) -> str | None:
    """The sheet column a header names (`experience (-2..2)` -> `Experience`), or None."""
    key = _SPACES.sub(" ", _BRACKETED.sub("", header)).strip().casefold()
    return _COLUMN_BY_KEY.get(key)


def clean_text(text: str) -> str:
    """Text as a sheet cell keeps it: `\\n` line breaks, no XML-illegal control characters."""
    return _ILLEGAL.sub("", _LINE_BREAK.sub("\n", text))


# -- lists inside a cell ---------------------------------------------------------------------
def split_roles(cell: str) -> list[str]:
    """Role names separated by `,`: trimmed, empty ones dropped, repeats merged."""
    return list(dict.fromkeys(item.strip() for item in cell.split(",") if item.strip()))


def join_roles(names: list[str]) -> str:
    return ", ".join(names)


def split_titles(cell: str) -> list[str]:
    """Titles separated by `;`, trimmed, empty ones dropped, repeats merged."""
    return list(dict.fromkeys(item.strip() for item in cell.split(";") if item.strip()))


def split_titles_escaped(cell: str) -> list[str]:
    """Like `split_titles`, but `;;` stands for a `;` inside a title (as the writer writes it)."""
    items, current = [], []
    for token in re.findall(r";;|;|[^;]+", cell):
        if token == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(";" if token == ";;" else token)
    items.append("".join(current))
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def join_titles(titles: list[str]) -> str:
    """Titles for Next/Loops; a `;` inside a title is doubled so it is not a separator."""
    return "; ".join(title.replace(";", ";;") for title in titles)


# -- numbers ---------------------------------------------------------------------------------
def plain_number(value):
    """A whole float as int (so neither CSV nor XLSX shows `3.0`); anything else unchanged."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return int(value)
    return value


def format_number(value: float | int | None) -> str:
    """`3` for 3.0, `2.5` for 2.5, the shortest exact text otherwise, empty for None."""
    return "" if value is None else repr(plain_number(value))


def parse_decimal(value, decimal_comma: bool = False) -> float | None:
    """A number from a cell (int/float from XLSX, text from CSV); None if it is not one.

    A number too large for a float (`1e400`, 400 digits) is infinity, for the caller's range
    check to refuse; NaN is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return float(value) if abs(value) < 10**300 else math.inf
    if isinstance(value, float):
        return None if math.isnan(value) else value
    text = str(value).strip().replace("\u2212", "-")
    if decimal_comma and _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    if not _DECIMAL.fullmatch(text):
        return None
    return float(text)  # may be inf, never NaN (the pattern has no "nan")


def parse_whole(value) -> int | None:
    """A whole number from a cell (`2`, `-1`, `1.0`, `−2`); None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip().replace("\u2212", "-")
    if len(text) > 100 or not _WHOLE.fullmatch(text):
        return None  # past 100 characters no whole number is in any range Journeymap has
    return int(text.split(".")[0])
