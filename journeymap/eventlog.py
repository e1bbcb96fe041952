"""Event-log readers: CSV, XLSX, Parquet and XES (.xes, .xes.gz) into one polars frame.

Every reader first turns the file into a table of columns with their own names (XES: the
trace's `concept:name` becomes `case:concept:name`, other trace attributes `case:KEY`, event
attributes keep their keys), then the same rules apply to all formats:

- Columns are found by exact, case-insensitive name (surrounding spaces ignored), first match
  wins: case `case:concept:name` > `case` > `customer`; activity `concept:name` > `activity`;
  time `time:timestamp` > `timestamp`. `case_col` / `activity_col` / `timestamp_col` override.
- Case ids and activities are trimmed; an empty value counts as missing.
- Timestamps: ISO 8601 (`T` or a space, fractional seconds or not, offsets `Z`, `+02:00`,
  `+0200`, `+02`), `YYYY-MM-DD HH:MM`, a date alone, and spreadsheet forms `DD/MM/YYYY`,
  `DD.MM.YYYY`, `YYYY/MM/DD` with `HH:MM[:SS]` or a 12-hour `HH:MM[:SS] AM`. Slashed dates
  (`01/03/2026`) are read day first; a file in which no date has a first number above 12
  but some date has a second number above 12 is read month first (as US spreadsheets write
  them); when both readings fit every date, day first, with a warning. XLSX and Parquet
  date-times are used as they are. Offsets are respected and everything is held in UTC; no
  offset means UTC.
- A row missing a case, an activity or a readable timestamp is skipped; one warning names how
  many and the first (its row number and why). A row with none of the three (a blank line)
  is not an event and is left out silently. A file with no readable row is an error.
- `row` is the position in the source: the spreadsheet row for CSV and XLSX (the header is
  row 1, so the first event is row 2; a quoted field spanning lines counts as one row), the
  1-based record number for Parquet, the 1-based event number in file order for XES.
- `since` / `until` keep events by their own time: `since <= time`, and `time <= until` --
  an `until` given as a bare date keeps that whole day. Cases are not completed or cut
  further; events outside the period are counted in `EventLog.outside_period`.

The frame keeps file order; `compare` sorts it by (case, time, row), so equal timestamps keep
file order. Exact duplicate rows are kept.

Every reader works under the import limits of `journeymap.io.limits` (rows, cell and attribute
length, inflated size and compression ratio, XML nesting; no DTD): XLSX archives are checked
by their declared sizes before openpyxl inflates anything, XES (UTF-8 or UTF-16, plain or
gzipped) is parsed as a stream with no tree kept, the gzip stream counted as it inflates.
A timestamp before year 1 or after year 9999 (in UTC) makes its row unreadable, so it is
skipped with the others. A Parquet column of lists or structures is refused when it is used.

Public: `read_log`, `EventLog`, `parse_times`; and for choosing columns before a read (the
editor's Compare panel): `log_format(path)`, `log_columns(path)` (the header only, cheap
except for XES) and `detect_columns(available, case_col, activity_col, timestamp_col)`.
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ImportFileError
from .io import guards, limits

if TYPE_CHECKING:
    import polars

log = logging.getLogger(__name__)

CASE_NAMES = ("case:concept:name", "case", "customer")
ACTIVITY_NAMES = ("concept:name", "activity")
TIME_NAMES = ("time:timestamp", "timestamp")
CORE_COLUMNS = ("case", "activity", "time", "row")

# Tried on a sample, the format reading most of it first; the rest only on rows still unread.
# Plain fixed-width forms come before their %.f / %z variants: polars reads them 5x faster.
_ISO_TIMES = (
    "%H:%M:%S",
    "%H:%M:%S%.f",
    "%H:%M:%S%#z",
    "%H:%M:%S%.f%#z",
    "%H:%M:%S%.f %#z",
    "%H:%M:%S%.f UTC",
    "%H:%M",
    "%H:%M%#z",
)
_ISO_FORMATS = (
    *(f"%Y-%m-%d{sep}{t}" for sep in ("T", " ") for t in _ISO_TIMES),
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S%.f",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%d.%m.%Y %H:%M:%S%.f",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
)
_SLASH_TIMES = ("%H:%M:%S%.f", "%H:%M", "%I:%M:%S %p", "%I:%M %p")
_SAMPLE = 2000


@dataclass
class EventLog:
    """Events in file order: `case`, `activity` (str), `time` (Datetime µs UTC), `row` (int),
    then the file's other columns as strings (for segments), under their own names."""

    frame: polars.DataFrame
    skipped_rows: int = 0
    first_skipped_row: int | None = None
    source: str = ""
    outside_period: int = 0
    since: datetime | None = None
    until: datetime | None = None


# -- entry point -------------------------------------------------------------------------
def read_log(
    path: Path,
    *,
    case_col: str | None = None,
    activity_col: str | None = None,
    timestamp_col: str | None = None,
    since: str | date | datetime | None = None,
    until: str | date | datetime | None = None,
    attributes: Iterable[str] | None = None,
) -> tuple[EventLog, list[str]]:
    """Read an event log; return it with warnings (plain sentences) about what was left out.

    `attributes`: the other columns to keep (matched like the core ones); None keeps all.
    Reading only what is needed makes a large CSV or Parquet file quicker to load.
    Raises `ImportFileError` when the file cannot be read as a log, lacks a case, activity or
    timestamp column or a wanted attribute, or has no readable row, and for a bad `since` or
    `until`.
    """
    path = Path(path)
    name = path.name
    start = _bound(since, "since", end=False)
    end = _bound(until, "until", end=True)
    if start is not None and end is not None and start > end:
        raise ImportFileError(
            f"--since {since} comes after --until {until}, so no event could be in the period."
        )
    cols: dict[str, str] = {}

    def select(available: list[str]) -> list[str]:
        cols.update(_resolve_columns(available, name, case_col, activity_col, timestamp_col))
        extras = _attribute_columns(available, attributes, name)
        return list(dict.fromkeys([*cols.values(), *extras]))

    table, first_row, unit = _read_table(path, select)
    frame, skipped, first_skipped, warnings = _normalise(table, cols, first_row, unit, name)
    frame, outside = _restrict(frame, start, end)
    if outside and frame.height == 0:
        warnings.append(f"No event of {name} falls in the period asked for; all {outside:,} "
                        "readable events are outside it.")
    event_log = EventLog(
        frame=frame,
        skipped_rows=skipped,
        first_skipped_row=first_skipped,
        source=name,
        outside_period=outside,
        since=start,
        until=end,
    )
    return event_log, warnings


# -- formats -----------------------------------------------------------------------------
def log_format(path: Path) -> str:
    """`csv`, `xlsx`, `parquet`, `xes` or `xes.gz`, told by the content, not the file name."""
    return _sniff(Path(path))[0]


def log_columns(path: Path) -> list[str]:
    """The columns of an event log, as `read_log` names them, reading as little as it can:
    the header of a CSV or Parquet file, the first row of an XLSX worksheet. XES has no
    header, so an XES file is parsed whole. Raises `ImportFileError` like `read_log`."""

    def stop(available: list[str]) -> list[str]:
        raise _Columns(list(available))

    try:
        _read_table(Path(path), stop)
    except _Columns as found:
        return found.columns
    return []  # not reached: every reader asks for its columns


class _Columns(Exception):
    """Raised by `log_columns`' select: the columns are known, nothing more is read."""

    def __init__(self, columns: list[str]) -> None:
        super().__init__("columns")
        self.columns = columns


def _sniff(path: Path) -> tuple[str, bytes]:
    """(format, the first 64 KiB)."""
    if not path.is_file():
        raise ImportFileError(f"The event log {path} does not exist or is not a file.")
    with path.open("rb") as fh:
        head = fh.read(65536)
    if head.startswith(b"PAR1"):
        return "parquet", head
    if head.startswith(b"PK\x03\x04"):
        return "xlsx", head
    if head.startswith(b"\x1f\x8b"):
        return "xes.gz", head
    if _looks_like_xml(head):
        return "xes", head
    return "csv", head


def _read_table(path: Path, select) -> tuple[polars.DataFrame, int, str]:
    """(table of the columns `select(available)` picks, row number of the first record,
    word for a row). `select` is called before the body is read, except for XES."""
    kind, head = _sniff(path)
    if kind == "parquet":
        return _read_parquet(path, select), 1, "row"
    if kind == "xlsx":
        return _read_xlsx(path, select), 2, "row"
    if kind == "csv":
        return _read_csv(path, head, select), 2, "row"
    table = _read_xes(path, gzipped=kind == "xes.gz")
    return table.select(select(table.columns)), 1, "event"


def _looks_like_xml(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (expat reads it by its BOM)
        head = head[:4096].decode("utf-16", errors="ignore").encode()
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<?xml") or text.startswith(b"<log")


def _not_a_log(path: Path, detail: str = "") -> ImportFileError:
    why = f" ({detail})" if detail else ""
    return ImportFileError(
        f"{path.name} is not an event log that Journeymap can read{why}: expected CSV, XLSX, "
        "Parquet or XES with a case, an activity and a timestamp column."
    )


def _read_csv(path: Path, head: bytes, select) -> polars.DataFrame:
    import polars as pl

    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(f"{path.name} is UTF-16 text; save it as UTF-8 CSV.")
    if b"\x00" in head:
        raise _not_a_log(path, "it holds binary data")
    text = head.removeprefix(b"\xef\xbb\xbf")
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(text) - 4:  # not just a character cut at the end of the sample
            raise ImportFileError(
                f"{path.name} is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8 CSV."
            ) from None
    header = text.split(b"\n", 1)[0]
    separator = max((",", ";", "\t"), key=lambda sep: header.count(sep.encode()))
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


def _csv_trouble(exc: Exception) -> str:
    """polars' message in one line: its first paragraph (the rest is advice for coders)."""
    text = str(exc).strip()
    first = " ".join(text.split("\n\n", 1)[0].split()) or type(exc).__name__
    if "not properly escaped" in text:
        return f"a quoted cell is not closed properly ({first})"
    return first


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


try:  # what a panic inside polars' Rust code raises; it does not derive from Exception
    from polars.exceptions import PanicException as _PanicException
except ImportError:  # pragma: no cover - older polars
    _PanicException = BaseException


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
    return _frame_of_columns(columns)


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


def _frame_of_columns(columns: dict[str, list]) -> polars.DataFrame:
    import polars as pl

    return pl.DataFrame({k: pl.Series(k, v, dtype=pl.String) for k, v in columns.items()})


# -- XES ---------------------------------------------------------------------------------
_XES_VALUE_TAGS = {"string", "date", "int", "float", "boolean", "id"}


def _read_xes(path: Path, *, gzipped: bool) -> polars.DataFrame:
    """Events of every trace, with `case:KEY` columns from the trace's attributes."""
    columns: dict[str, list] = {}
    reader = _XesReader(path.name, columns)
    try:
        with path.open("rb") as raw:
            if gzipped:
                with gzip.GzipFile(fileobj=raw) as inflating:
                    reader.parse(guards.InflateCounter(inflating, raw, path.name))
            else:
                reader.parse(raw)
    except _NotXes:
        raise _not_a_log(path, "its XML root is not <log>") from None
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    for values in columns.values():
        values.extend([None] * (reader.count - len(values)))
    return _frame_of_columns(columns)


class _NotXes(Exception):
    """The XML's root element is not <log>."""


class _XesReader:
    """Fills `columns` (one list per attribute, padded with None) from XES parse events,
    streamed through `guards.XmlGuard` (limits on depth, value length, no DTD); `count` is
    the number of events, bounded by the row limit."""

    def __init__(self, file: str, columns: dict[str, list]) -> None:
        self.file, self.columns = file, columns
        self.count = 0
        self._most = limits.ROWS.value()
        self._stack: list[str] = []
        self._trace: dict[str, str] = {}
        self._events: list[dict[str, str]] = []

    def parse(self, stream) -> None:
        guards.XmlGuard(self.file, start=self._start, end=self._end, kind="XES").parse(stream)

    def _start(self, tag: str, attributes: dict) -> None:
        stack = self._stack
        if not stack and tag != "log":
            raise _NotXes
        parent = stack[-1] if stack else ""
        stack.append(tag)
        if tag in _XES_VALUE_TAGS and "key" in attributes:
            _take_attribute(tag, attributes, parent, self._trace, self._events)
        elif tag == "trace":
            self._trace, self._events = {}, []
        elif tag == "event":
            self._events.append({})
            if self.count + len(self._events) > self._most:
                raise limits.ROWS.refuse(self.file, f"has more than {self._most:,} events")

    def _end(self, tag: str) -> None:
        self._stack.pop()
        parent = self._stack[-1] if self._stack else ""
        if tag == "trace":
            self.count = _flush_trace(self._trace, self._events, self.columns, self.count)
        elif tag == "event" and parent == "log":  # an event outside traces
            self.count = _flush_trace({}, self._events[-1:], self.columns, self.count)
            self._events.clear()


def _take_attribute(tag: str, attributes: dict, parent: str, trace: dict, events: list) -> None:
    """Direct attributes of an event or a trace; nested (list, container) values are left."""
    key, value = attributes["key"], attributes.get("value")
    if parent == "event" and events:
        events[-1][key] = value
    elif parent == "trace":
        trace[f"case:{key}"] = value


def _flush_trace(trace: dict, events: list[dict], columns: dict[str, list], count: int) -> int:
    for event in events:
        row = {**trace, **event}
        for key, value in row.items():
            column = columns.get(key)
            if column is None:
                column = columns[key] = []
            column.extend([None] * (count - len(column)))
            column.append(value)
        count += 1
    events.clear()
    return count


# -- columns -----------------------------------------------------------------------------
_ROLES = (  # role, default names, the option that overrides them
    ("case", CASE_NAMES, "--case-col"),
    ("activity", ACTIVITY_NAMES, "--activity-col"),
    ("time", TIME_NAMES, "--timestamp-col"),
)


def _by_folded_name(columns: list[str]) -> dict[str, str]:
    """{trimmed, case-folded name: the first column with it}."""
    folded: dict[str, str] = {}
    for column in columns:
        folded.setdefault(column.strip().casefold(), column)
    return folded


def detect_columns(
    available: list[str],
    case_col: str | None = None,
    activity_col: str | None = None,
    timestamp_col: str | None = None,
) -> dict[str, str | None]:
    """{"case", "activity", "time": the column `read_log` would use, or None if none fits}."""
    folded = _by_folded_name(available)
    overrides = (case_col, activity_col, timestamp_col)
    found = {}
    for (role, defaults, _), override in zip(_ROLES, overrides, strict=True):
        names = [override] if override is not None else defaults
        found[role] = next((folded[k] for k in (n.strip().casefold() for n in names)
                            if k in folded), None)
    return found


def _resolve_columns(
    available: list[str], name: str, case_col, activity_col, timestamp_col
) -> dict[str, str]:
    found = detect_columns(available, case_col, activity_col, timestamp_col)
    listing = ", ".join(available) if available else "none"
    overrides = (case_col, activity_col, timestamp_col)
    for (role, defaults, option), override in zip(_ROLES, overrides, strict=True):
        if found[role] is not None:
            continue
        if override is not None:
            raise ImportFileError(
                f"The event log {name} has no column '{override}' (given by {option}); "
                f"its columns are: {listing}."
            )
        what = "timestamp" if role == "time" else role
        raise ImportFileError(
            f"The event log {name} has no {what} column (looked for "
            f"{', '.join(defaults)}; choose one with {option}); its columns are: {listing}."
        )
    return found


def _attribute_columns(available: list[str], wanted, name: str) -> list[str]:
    if wanted is None:
        return list(available)
    folded = _by_folded_name(available)
    found = []
    for column in wanted:
        match = column if column in available else folded.get(column.strip().casefold())
        if match is None:
            raise ImportFileError(
                f"The event log {name} has no column '{column}'; its columns are: "
                f"{', '.join(available)}."
            )
        found.append(match)
    return found


# -- normalising -------------------------------------------------------------------------
def _normalise(table, cols: dict[str, str], first_row: int, unit: str, name: str):
    """(frame of readable events, skipped count, first skipped row, warnings)."""
    import polars as pl

    raw_time = table[cols["time"]]
    times, warnings = parse_times(raw_time)
    times, far = _within_calendar(times)
    frame = pl.DataFrame(
        {
            "case": _text(table[cols["case"]]),
            "activity": _text(table[cols["activity"]]),
            "time": times,
            "row": pl.int_range(first_row, first_row + table.height, eager=True),
        }
    )
    used = set(cols.values()) | set(CORE_COLUMNS)
    frame = frame.hstack([_as_text(table[c]) for c in table.columns if c not in used])
    good = frame.select(pl.all_horizontal(pl.col("case", "activity", "time").is_not_null()))
    good = good.to_series()
    if frame.height and good.all():  # the usual case: nothing to drop, no copy
        return frame, 0, None, warnings
    bad = _unreadable(frame, raw_time, good)
    skipped = int(bad.sum())
    if not good.any():
        if skipped == 0:
            raise ImportFileError(f"No event in {name} could be read: the file has no rows.")
        row, why = _first_unreadable(frame, raw_time, bad, far)
        raise ImportFileError(
            f"No event in {name} could be read: every {unit} lacks a case, an activity or "
            f"a readable timestamp (the first: {unit} {row}, {why})."
        )
    if not skipped:
        return frame.filter(good), 0, None, warnings
    row, why = _first_unreadable(frame, raw_time, bad, far)
    many = f"{skipped} {unit}s" if skipped != 1 else f"1 {unit}"
    warnings.append(
        f"Skipped {many} of {name} that lack a case, an activity or a readable timestamp; "
        f"the first is {unit} {row} ({why})."
    )
    return frame.filter(good), skipped, row, warnings


def _unreadable(frame, raw_time, good) -> polars.Series:
    """Rows to skip with a warning: not readable, and not blank lines (a line with no case,
    no activity and no timestamp at all is not an event)."""
    import polars as pl

    no_time = raw_time.is_null()
    if raw_time.dtype == pl.String:
        no_time = no_time | (raw_time.str.strip_chars() == "")
    blank = frame["case"].is_null() & frame["activity"].is_null() & no_time
    return ~good & ~blank


def _first_unreadable(frame, raw_time, bad, far) -> tuple[int, str]:
    """(row number, why) of the first row to skip."""
    index = int(bad.arg_max())
    return int(frame["row"][index]), _why_unreadable(frame, raw_time, far, index)


def _why_unreadable(frame, raw_time, far, index: int) -> str:
    if frame["case"][index] is None:
        return "no case"
    if frame["activity"][index] is None:
        return "no activity"
    if far[index]:
        shown = raw_time.cast(str)[index]  # as text: Python's datetime stops at year 9999
        return f"timestamp '{shown}' is outside the years 1 to 9999"
    value = raw_time[index]
    if value is None or (isinstance(value, str) and not value.strip()):
        return "no timestamp"
    return f"timestamp '{value}' not understood"


def _within_calendar(times) -> tuple[polars.Series, polars.Series]:
    """(times with those before year 1 or after year 9999 made missing, which those were):
    such a time is no real event, and Python's datetime, used further on, cannot hold it."""
    import polars as pl

    year = times.dt.year()
    far = ((year < 1) | (year > 9999)).fill_null(False)
    if not far.any():
        return times, far
    return pl.select(pl.when(~far).then(times)).to_series().alias(times.name), far


def _text(series) -> polars.Series:
    """Trimmed text; empty becomes missing."""
    import polars as pl

    text = _as_text(series).str.strip_chars()
    return pl.select(pl.when(text != "").then(text)).to_series().alias(series.name)


def _as_text(series) -> polars.Series:
    import polars as pl

    if series.dtype == pl.String:
        return series
    if series.dtype.is_float():
        whole = series.is_not_null() & (series == series.round(0))
        return (
            pl.select(
                pl.when(whole)
                .then(series.cast(pl.Int64, strict=False).cast(pl.String))
                .otherwise(series.cast(pl.String))
            )
            .to_series()
            .alias(series.name)
        )
    return series.cast(pl.String)


# -- timestamps --------------------------------------------------------------------------
def parse_times(series) -> tuple[polars.Series, list[str]]:
    """Datetime (µs, UTC) per value, null where unreadable; warnings about ambiguous dates."""
    import polars as pl

    target = pl.Datetime("us", "UTC")
    dtype = series.dtype
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is None:
            return series.dt.replace_time_zone("UTC").cast(target), []
        return series.dt.convert_time_zone("UTC").cast(target), []
    if dtype == pl.Date:
        return series.cast(pl.Datetime("us")).dt.replace_time_zone("UTC"), []
    if dtype != pl.String:
        return pl.Series(series.name, [None] * len(series), dtype=target), []
    sample = series.drop_nulls().head(_SAMPLE).str.strip_chars()
    formats, warnings = _candidate_formats(sample, series)
    result = _fast_iso(series, sample)
    if result is None:
        result, formats = _to_datetime(series, formats[0]), formats[1:]
    # Rows still unread (other forms, stray spaces) get the other formats, trimmed.
    missing = (result.is_null() & series.is_not_null()).arg_true()
    if len(missing):
        text = series.gather(missing).str.strip_chars()
        fixed = pl.Series("time", [None] * len(missing), dtype=target)
        for fmt in formats:
            unread = fixed.is_null().arg_true()
            if len(unread) == 0:
                break
            fixed = fixed.scatter(unread, _to_datetime(text.gather(unread), fmt))
        result = result.scatter(missing, fixed)
    return result, warnings


def _fast_iso(series, sample) -> polars.Series | None:
    """`YYYY-MM-DD[T ]HH:MM:SS` + a tail (fraction, offset) taken from a few distinct tails.

    polars reads the fixed-width head 5-10x faster than a format with %.f or %z, and logs
    have few distinct tails (`Z`, `+02:00`, ...). None when the sample does not look so.
    """
    import polars as pl

    if len(sample) == 0 or not sample.str.contains(_ISO_HEAD).all():
        return None
    separator = sample[0][10]
    if not sample.str.slice(10, 1).eq(separator).all():
        return None
    tails = series.str.slice(19)
    distinct = tails.unique()
    if len(distinct) > 512:  # fractions of seconds everywhere: the general path
        return None
    shifts = {tail: _tail_shift(tail) for tail in distinct.drop_nulls().to_list()}
    shift = tails.replace_strict(shifts, default=None, return_dtype=pl.Int64)
    head = series.str.slice(0, 19)
    base = _to_datetime(head, f"%Y-%m-%d{separator}%H:%M:%S")
    return base + shift.cast(pl.Duration("us"))


_ISO_HEAD = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}"


def _tail_shift(tail: str) -> int | None:
    """Microseconds to add for a tail such as `.25+02:00` or `Z`; None when unreadable."""
    try:
        moment = datetime.fromisoformat("2000-01-01T00:00:00" + tail)
    except ValueError:
        return None
    offset = moment.utcoffset() or timedelta(0)
    return moment.microsecond - (offset // timedelta(microseconds=1))


def _to_datetime(text, fmt: str) -> polars.Series:
    import polars as pl

    parsed = text.str.to_datetime(fmt, strict=False, time_unit="us", time_zone="UTC")
    return parsed.cast(pl.Datetime("us", "UTC"))


def _candidate_formats(sample, series) -> tuple[list[str], list[str]]:
    """Formats that read some of a sample, best first, then the rest as a fallback."""
    warnings: list[str] = []
    slash = sample.str.contains(r"^\d{1,2}/\d{1,2}/\d{4}").any()
    slash_formats: list[str] = []
    if slash:
        day_first, warning = _day_first(series.str.strip_chars())
        warnings += warning
        date = "%d/%m/%Y" if day_first else "%m/%d/%Y"
        slash_formats = [f"{date} {t}" for t in _SLASH_TIMES] + [date]
    formats = list(_ISO_FORMATS) + slash_formats
    scores = []
    for position, fmt in enumerate(formats):
        parsed = _to_datetime(sample, fmt)
        scores.append((-(len(parsed) - parsed.null_count()), position, fmt))
    scores.sort()
    ordered = [fmt for score, _, fmt in scores if score < 0]
    rest = [fmt for score, _, fmt in scores if score == 0]
    return ordered + rest, warnings


def _day_first(text) -> tuple[bool, list[str]]:
    """Slashed dates: day first unless only the second field ever exceeds 12."""
    import polars as pl

    parts = text.str.extract_groups(r"^(\d{1,2})/(\d{1,2})/\d{4}")
    first = parts.struct.field("1").cast(pl.Int32, strict=False).max()
    second = parts.struct.field("2").cast(pl.Int32, strict=False).max()
    if first is not None and first > 12:
        return True, []
    if second is not None and second > 12:
        return False, []
    return True, [
        "Dates such as 01/02/2026 fit both day/month/year and month/day/year; they were "
        "read day first (1 February 2026)."
    ]


# -- period ------------------------------------------------------------------------------
def _bound(value, option: str, *, end: bool) -> datetime | None:
    """A period bound in UTC; a bare date as `until` means the end of that day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(0))
        if end:
            moment += timedelta(days=1) - timedelta(microseconds=1)
    else:
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(re.sub(r"(?i)z$", "+00:00", text))
        except ValueError:
            raise ImportFileError(
                f"--{option} '{value}' is not a date or time; write it as 2026-03-31 or "
                "2026-03-31T18:00."
            ) from None
        if end and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            moment += timedelta(days=1) - timedelta(microseconds=1)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _restrict(frame, start: datetime | None, end: datetime | None):
    """(events inside the period, number outside)."""
    import polars as pl

    if start is None and end is None:
        return frame, 0
    keep = pl.lit(True)
    if start is not None:
        keep = keep & (pl.col("time") >= start)
    if end is not None:
        keep = keep & (pl.col("time") <= end)
    kept = frame.filter(keep)
    return kept, frame.height - kept.height
