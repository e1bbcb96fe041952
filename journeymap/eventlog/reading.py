"""`read_log`: an event log file into an `EventLog`, with warnings about what was left out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .columns import attribute_columns, resolve_columns
from .normalise import normalise
from .periods import period, restrict
from .readers import read_table

if TYPE_CHECKING:
    import polars


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
    start, end = period(since, until)
    cols: dict[str, str] = {}

    def select(available: list[str]) -> list[str]:
        cols.update(resolve_columns(available, name, case_col, activity_col, timestamp_col))
        extras = attribute_columns(available, attributes, name)
        return list(dict.fromkeys([*cols.values(), *extras]))

    table, first_row, unit = read_table(path, select)
    frame, skipped, first_skipped, warnings = normalise(table, cols, first_row, unit, name)
    frame, outside = restrict(frame, start, end)
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
