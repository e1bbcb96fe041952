"""From the table a reader gives to the frame of events: the case and activity trimmed,
the time parsed, the source row numbered, the other columns kept as text; rows lacking a
case, an activity or a readable timestamp skipped with one warning, blank lines silently."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ImportFileError
from .columns import CORE_COLUMNS
from .timestamps import parse_times, within_calendar

if TYPE_CHECKING:
    import polars

def normalise(table, cols: dict[str, str], first_row: int, unit: str, name: str):
    """(frame of readable events, skipped count, first skipped row, warnings)."""
    import polars as pl

    raw_time = table[cols["time"]]
    times, warnings = parse_times(raw_time)
    times, far = within_calendar(times)
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
