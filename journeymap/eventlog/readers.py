"""The readers: a CSV, XLSX, Parquet or XES file into a table of columns under their own
names, within the import limits, reading only the columns asked for where the format lets it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ImportFileError
from ..io import guards, limits
from . import sniffing
from .xes import read_xes

if TYPE_CHECKING:
    import polars

try:  # what a panic inside polars' Rust code raises; it does not derive from Exception
    from polars.exceptions import PanicException as _PanicException
except ImportError:  # pragma: no cover - older polars
    _PanicException = BaseException


def read_table(path: Path, select) -> tuple[polars.DataFrame, int, str]:
    """(table of the columns `select(available)` picks, row number of the first record,
    word for a row). `select` is called before the body is read, except for XES."""
    kind, head = sniffing.sniff(path)
    if kind == "parquet":
        return _read_parquet(path, select), 1, "row"
    if kind == "xlsx":
        return _read_xlsx(path, select), 2, "row"
    if kind == "csv":
        return _read_csv(path, head, select), 2, "row"
    table = _text_frame(read_xes(path, gzipped=kind == "xes.gz"))
    return table.select(select(table.columns)), 1, "event"


def log_columns(path: Path) -> list[str]:
    """The columns of an event log, as `read_log` names them, reading as little as it can:
    the header of a CSV or Parquet file, the first row of an XLSX worksheet. XES has no
    header, so an XES file is parsed whole. Raises `ImportFileError` like `read_log`."""

    def stop(available: list[str]) -> list[str]:
        raise _Columns(list(available))

    try:
        read_table(Path(path), stop)
    except _Columns as found:
        return found.columns
    return []  # not reached: every reader asks for its columns


class _Columns(Exception):
    """Raised by `log_columns`' select: the columns are known, nothing more is read."""

    def __init__(self, columns: list[str]) -> None:
        super().__init__("columns")
        self.columns = columns


# -- CSV ---------------------------------------------------------------------------------
def _read_csv(path: Path, head: bytes, select) -> polars.DataFrame:
    import polars as pl

    separator = sniffing.csv_separator(path, head)
    options = {"separator": separator, "infer_schema": False, "truncate_ragged_lines": True}
    most = limits.ROWS.value()
    try:
        available = pl.read_csv(path, n_rows=0, **options).columns
        # No n_rows: with it polars reads an unclosed quote as the end of the file, silently.
        table = pl.read_csv(path, columns=select(available), **options)
    except pl.exceptions.PolarsError as exc:
        raise ImportFileError(f"{path.name} could not be read as CSV: {_csv_trouble(exc)}.") from None
    if table.height + 1 > most:  # rows of the file, its header included, as in a sheet
        raise limits.ROWS.refuse(path.name, f"has more than {most:,} rows")
    _check_cells(table, path.name, first_row=2)
    return table


def _csv_trouble(exc: Exception) -> str:
    """polars' message in one line: its first paragraph (the rest is advice for coders)."""
    text = str(exc).strip()
    first = " ".join(text.split("\n\n", 1)[0].split()) or type(exc).__name__
    if "not properly escaped" in text:
        return f"a quoted cell is not closed properly ({first})"
    return first


def _check_cells(table, name: str, first_row: int) -> None:
    """Refuse a text cell longer than the cell limit, naming its row and column."""
    import polars as pl

    longest = limits.CELL.value()
    for column in table.columns:
        series = table[column]
        # Bytes first: a cheap bound (a character is 1-4 bytes), characters only if needed.
        if series.dtype != pl.String or (series.str.len_bytes().max() or 0) <= longest:
            continue
        chars = series.str.len_chars()
        if (chars.max() or 0) > longest:
            index = int(chars.arg_max())
            raise limits.CELL.refuse(
                f"{name}, row {first_row + index}, column '{column}',",
                f"holds {int(chars[index]):,} characters",
            )


# -- Parquet -----------------------------------------------------------------------------
def _read_parquet(path: Path, select) -> polars.DataFrame:
    import polars as pl

    try:
        schema = pl.read_parquet_schema(path)
        wanted = select(list(schema))
        _refuse_nested(path.name, {name: schema[name] for name in wanted})
        most = limits.ROWS.value()
        rows = pl.scan_parquet(path).select(pl.len()).collect().item()  # from the footer
        if rows > most:
            raise limits.ROWS.refuse(path.name, f"has {rows:,} rows")
        table = pl.read_parquet(path, columns=wanted)
    except (_Columns, ImportFileError):
        raise
    except (pl.exceptions.PolarsError, OSError, ValueError, _PanicException) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise ImportFileError(f"{path.name} could not be read as Parquet: {detail}.") from None
    _check_cells(table, path.name, first_row=1)
    return table


def _refuse_nested(name: str, dtypes: dict) -> None:
    """A column of lists or structures has no single value a cell: say which one."""
    for column, dtype in dtypes.items():
        if dtype.is_nested():
            raise ImportFileError(
                f"The column '{column}' of {name} holds {_nested_kind(dtype)} ({dtype}), not "
                "one value a row; Journeymap reads a case, an activity, a timestamp and "
                "attributes as single values."
            )


def _nested_kind(dtype) -> str:
    import polars as pl

    return "structures" if isinstance(dtype, pl.Struct) else "lists"


# -- XLSX --------------------------------------------------------------------------------
def _read_xlsx(path: Path, select) -> polars.DataFrame:
    """The first worksheet: its first row names the columns; only the selected are kept.
    The archive and its XML pass the import limits before openpyxl reads them."""
    with guards.open_workbook(path, path.name) as sheet:
        rows = guards.worksheet_rows(sheet, path.name)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(f"The first worksheet of {path.name} is empty.")
        names = _unique_names([_cell_text(v) or f"column {i + 1}" for i, v in enumerate(header)])
        wanted = {name: names.index(name) for name in select(names)}
        columns: dict[str, list[str | None]] = {name: [] for name in wanted}
        for values in rows:
            for name, index in wanted.items():
                columns[name].append(_cell_text(values[index]) if index < len(values) else None)
    return _text_frame(columns)


def _cell_text(value) -> str | None:
    """A spreadsheet cell as text: date-times in ISO form, whole numbers without '.0'."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        result.append(name if count == 0 else f"{name}_duplicated_{count - 1}")
    return result


def _text_frame(columns: dict[str, list]) -> polars.DataFrame:
    import polars as pl

    return pl.DataFrame({k: pl.Series(k, v, dtype=pl.String) for k, v in columns.items()})
