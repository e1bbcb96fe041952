"""Reading event logs: --since and --until keep events by their own time, in UTC."""

from __future__ import annotations

import pytest
from eventlog_files import utc, write

from journeymap.errors import ImportFileError
from journeymap.eventlog import read_log


def test_since_and_until_keep_events_by_their_time_and_a_bare_until_keeps_the_day(tmp_path):
    path = write(
        tmp_path,
        "case,activity,timestamp\n"
        "1,A,2026-02-28T23:59:59Z\n"
        "1,B,2026-03-01T00:00:00Z\n"
        "2,C,2026-03-31T23:59:59Z\n"
        "2,D,2026-04-01T00:00:00Z\n",
    )
    log, _ = read_log(path, since="2026-03-01", until="2026-03-31")
    assert log.frame["activity"].to_list() == ["B", "C"]
    assert log.outside_period == 2
    assert log.since == utc(2026, 3, 1) and log.until.date().isoformat() == "2026-03-31"


def test_since_with_an_offset_is_compared_in_utc(tmp_path):
    path = write(
        tmp_path, "case,activity,timestamp\n1,A,2026-03-01T08:00:00Z\n1,B,2026-03-01T09:00:00Z\n"
    )
    log, _ = read_log(path, since="2026-03-01T10:30:00+02:00")
    assert log.frame["activity"].to_list() == ["B"]


def test_a_bad_since_is_an_import_error(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n1,A,2026-03-01\n")
    with pytest.raises(ImportFileError, match="--since 'last week'"):
        read_log(path, since="last week")


def test_since_after_until_is_an_import_error(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n1,A,2026-03-01\n")
    with pytest.raises(ImportFileError, match="--since 2026-04-01 comes after --until 2026-03-01"):
        read_log(path, since="2026-04-01", until="2026-03-01")


def test_a_period_that_keeps_no_event_warns(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n1,A,2026-03-01\n1,B,2026-03-02\n")
    log, warnings = read_log(path, since="2027-01-01")
    assert log.frame.height == 0 and log.outside_period == 2
    assert warnings == [
        "No event of log.csv falls in the period asked for; all 2 readable events are outside it."
    ]
