"""Reading event logs: messy rows are skipped with one warning; blank lines, silently."""

from __future__ import annotations

import pytest
from eventlog_files import rows, write

from journeymap.errors import ImportFileError
from journeymap.eventlog import read_log


def test_rows_lacking_case_activity_or_timestamp_are_skipped_with_one_warning(tmp_path):
    path = write(
        tmp_path,
        "case,activity,timestamp\n"
        "1,Sees ad,2026-03-01\n"
        "1,,2026-03-02\n"  # row 3: no activity
        ",Demo,2026-03-02\n"
        "2,Demo,soon\n"
        "2,Demo,2026-03-04\n",
    )
    log, warnings = read_log(path)
    assert log.frame.height == 2
    assert (log.skipped_rows, log.first_skipped_row) == (3, 3)
    assert len(warnings) == 1
    assert "3 rows" in warnings[0] and "row 3" in warnings[0] and "no activity" in warnings[0]


def test_unreadable_timestamp_is_named_in_the_warning(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n1,A,2026-03-01\n1,B,next tuesday\n")
    _, warnings = read_log(path)
    assert warnings == [
        "Skipped 1 row of log.csv that lack a case, an activity or a readable timestamp; "
        "the first is row 3 (timestamp 'next tuesday' not understood)."
    ]


def test_blank_lines_are_not_events_and_not_warned_about(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n1,A,2026-03-01\n\n1,B,2026-03-02\n")
    log, warnings = read_log(path)
    assert warnings == [] and log.skipped_rows == 0
    assert log.frame["row"].to_list() == [2, 4]


def test_a_file_with_no_readable_row_is_an_error(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n1,A,later\n2,B,\n")
    with pytest.raises(ImportFileError, match=r"No event in log.csv could be read.*row 2"):
        read_log(path)


def test_a_header_only_file_is_an_error(tmp_path):
    with pytest.raises(ImportFileError, match="No event"):
        read_log(write(tmp_path, "case,activity,timestamp\n"))


def test_exact_duplicates_and_file_order_are_kept(tmp_path):
    path = write(
        tmp_path,
        "case,activity,timestamp\n2,B,2026-03-02\n1,A,2026-03-01\n1,A,2026-03-01\n",
    )
    log, _ = read_log(path)
    assert log.frame["activity"].to_list() == ["B", "A", "A"]
    assert log.frame["row"].to_list() == [2, 3, 4]


def test_case_and_activity_are_trimmed(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n  7 , Sees ad  ,2026-03-01\n")
    log, _ = read_log(path)
    assert rows(log)[0][:2] == ("7", "Sees ad")
