"""The workshop sheet (CSV or XLSX, one touchpoint a row): the public entry points.

Reading lives in `sheet_read`, writing in `sheet_write`, the shared cell conventions
(columns, lists, numbers) in `sheet_format`; their docstrings say what each side does.
"""

from __future__ import annotations

from .sheet_format import SHEET_COLUMNS
from .sheet_read import read_sheet
from .sheet_write import write_sheet_csv, write_sheet_xlsx

__all__ = ["SHEET_COLUMNS", "read_sheet", "write_sheet_csv", "write_sheet_xlsx"]
