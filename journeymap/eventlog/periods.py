"""The period of `--since` / `--until`: bounds in UTC (a bare date as `until` keeps that whole
day), and the events whose own time falls inside it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from ..errors import ImportFileError

_TO_END_OF_DAY = timedelta(days=1) - timedelta(microseconds=1)


def period(since, until) -> tuple[datetime | None, datetime | None]:
    """(start, end) in UTC, None where not given; raises `ImportFileError` for a bound that
    is no date or time, or for a start after the end."""
    start = _bound(since, "since", end=False)
    end = _bound(until, "until", end=True)
    if start is not None and end is not None and start > end:
        raise ImportFileError(
            f"--since {since} comes after --until {until}, so no event could be in the period."
        )
    return start, end


def _bound(value, option: str, *, end: bool) -> datetime | None:
    """A period bound in UTC; a bare date as `until` means the end of that day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment, bare_date = value, False
    elif isinstance(value, date):
        moment, bare_date = datetime.combine(value, time(0)), True
    else:
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(re.sub(r"(?i)z$", "+00:00", text))
        except ValueError:
            raise ImportFileError(
                f"--{option} '{value}' is not a date or time; write it as 2026-03-31 or "
                "2026-03-31T18:00."
            ) from None
        bare_date = re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None
    if end and bare_date:
        moment += _TO_END_OF_DAY
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def restrict(frame, start: datetime | None, end: datetime | None):
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
