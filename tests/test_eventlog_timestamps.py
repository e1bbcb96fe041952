"""Reading event logs: timestamps in ISO 8601 with any offset, spreadsheet forms, slashes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import polars as pl
import pytest
from eventlog_files import utc
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.eventlog import parse_times


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01T14:05:00", utc(2026, 3, 1, 14, 5)),
        ("2026-03-01 14:05:00", utc(2026, 3, 1, 14, 5)),
        ("2026-03-01T14:05:00.250", utc(2026, 3, 1, 14, 5, 0, 250000)),
        ("2026-03-01T14:05:00Z", utc(2026, 3, 1, 14, 5)),
        ("2026-03-01T14:05:00+02:00", utc(2026, 3, 1, 12, 5)),
        ("2026-03-01T14:05:00.5-05:30", utc(2026, 3, 1, 19, 35, 0, 500000)),
        ("2026-03-01T14:05:00+0200", utc(2026, 3, 1, 12, 5)),
        ("2026-03-01 14:05:00 +02:00", utc(2026, 3, 1, 12, 5)),
        ("2026-03-01 14:05", utc(2026, 3, 1, 14, 5)),
        ("2026-03-01", utc(2026, 3, 1)),
        ("2026/03/01 14:05", utc(2026, 3, 1, 14, 5)),
        ("01.03.2026 14:05", utc(2026, 3, 1, 14, 5)),
        ("13/03/2026 14:05", utc(2026, 3, 13, 14, 5)),
        ("  2026-03-01T14:05:00Z ", utc(2026, 3, 1, 14, 5)),
    ],
)
def test_timestamp_forms(text, expected):
    parsed, _ = parse_times(pl.Series([text]))
    assert parsed.to_list() == [expected]


def test_slashed_dates_are_day_first_unless_only_month_first_fits():
    day_first, _ = parse_times(pl.Series(["13/03/2026 14:05", "01/04/2026 09:00"]))
    assert day_first.to_list() == [utc(2026, 3, 13, 14, 5), utc(2026, 4, 1, 9)]
    us, warnings = parse_times(pl.Series(["03/13/2026 2:05 PM", "04/01/2026 9:00 AM"]))
    assert us.to_list() == [utc(2026, 3, 13, 14, 5), utc(2026, 4, 1, 9)]
    assert warnings == []


def test_ambiguous_slashed_dates_are_read_day_first_with_a_warning():
    parsed, warnings = parse_times(pl.Series(["01/02/2026", "03/04/2026"]))
    assert parsed.to_list() == [utc(2026, 2, 1), utc(2026, 4, 3)]
    assert len(warnings) == 1 and "day first" in warnings[0]


def test_a_file_mixing_timestamp_forms_reads_every_row():
    values = ["2026-03-01T10:00:00+02:00", "2026-03-01 09:00", "2026-03-01T09:30:00.5Z"]
    parsed, _ = parse_times(pl.Series(values))
    assert parsed.to_list() == [
        utc(2026, 3, 1, 8),
        utc(2026, 3, 1, 9),
        utc(2026, 3, 1, 9, 30, 0, 500000),
    ]


@settings(max_examples=60, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(None)
    ),
    minutes=st.integers(min_value=-14 * 60, max_value=14 * 60),
    spec=st.sampled_from(["seconds", "milliseconds", "microseconds"]),
)
def test_iso_timestamps_with_any_offset_read_back_as_the_same_instant(moment, minutes, spec):
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    if spec == "seconds":
        aware = aware.replace(microsecond=0)
    elif spec == "milliseconds":
        aware = aware.replace(microsecond=aware.microsecond // 1000 * 1000)
    parsed, _ = parse_times(pl.Series([aware.isoformat(timespec=spec)]))
    assert parsed.to_list() == [aware.astimezone(UTC)]
