"""Reading event logs: which columns are the case, the activity and the timestamp."""

from __future__ import annotations

import polars as pl
import pytest
from eventlog_files import rows, utc, write

from journeymap.errors import ImportFileError
from journeymap.eventlog import detect_columns, read_log


def test_standard_columns_give_case_activity_time_and_spreadsheet_row(tmp_path):
    path = write(
        tmp_path,
        "case:concept:name,concept:name,time:timestamp,channel\n"
        "c1,Sees ad,2026-03-01T09:00:00Z,web\n"
        "c1,Demo,2026-03-02T09:00:00Z,web\n",
    )
    log, warnings = read_log(path)
    assert warnings == []
    assert rows(log) == [
        ("c1", "Sees ad", utc(2026, 3, 1, 9), 2),
        ("c1", "Demo", utc(2026, 3, 2, 9), 3),
    ]
    assert log.frame.schema["time"] == pl.Datetime("us", "UTC")
    assert log.frame["channel"].to_list() == ["web", "web"]
    assert (log.skipped_rows, log.first_skipped_row, log.source) == (0, None, "log.csv")


def test_columns_match_case_insensitively_and_first_listed_name_wins(tmp_path):
    path = write(
        tmp_path,
        "Customer,CASE,Activity,TimeStamp\nu1,k1,Demo,2026-03-01 10:00\n",
    )
    log, _ = read_log(path)
    # `case` outranks `customer`; the customer column stays as an attribute.
    assert rows(log) == [("k1", "Demo", utc(2026, 3, 1, 10), 2)]
    assert log.frame["Customer"].to_list() == ["u1"]


def test_overrides_choose_other_columns(tmp_path):
    path = write(tmp_path, "id,step,when,case\n1,Demo,2026-03-01,x\n")
    log, _ = read_log(path, case_col="ID", activity_col="step", timestamp_col="when")
    assert rows(log) == [("1", "Demo", utc(2026, 3, 1), 2)]


def test_override_naming_a_missing_column_is_an_error_listing_the_columns(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n1,Demo,2026-03-01\n")
    with pytest.raises(ImportFileError) as caught:
        read_log(path, timestamp_col="when")
    message = str(caught.value)
    assert "'when'" in message and "--timestamp-col" in message
    assert "case, activity, timestamp" in message


def test_missing_timestamp_column_is_an_error_naming_it_and_the_columns(tmp_path):
    path = write(tmp_path, "case,activity,date\n1,Demo,2026-03-01\n")
    with pytest.raises(ImportFileError, match=r"no timestamp column .* case, activity, date"):
        read_log(path)


def test_a_random_csv_is_not_a_log(tmp_path):
    path = write(tmp_path, "name,price\napple,3\npear,4\n")
    with pytest.raises(ImportFileError, match="no case column"):
        read_log(path)


def test_attributes_keep_only_the_columns_asked_for(tmp_path):
    path = write(tmp_path, "case,activity,timestamp,Channel,cost\n1,A,2026-03-01,web,3\n")
    log, _ = read_log(path, attributes=["channel"])
    assert log.frame.columns == ["case", "activity", "time", "row", "Channel"]
    log, _ = read_log(path, attributes=[])
    assert log.frame.columns == ["case", "activity", "time", "row"]
    with pytest.raises(ImportFileError, match="no column 'region'"):
        read_log(path, attributes=["region"])


def test_detect_columns_follows_the_reader_rules():
    columns = ["Customer", " CASE ", "Activity", "when"]
    assert detect_columns(columns) == {"case": " CASE ", "activity": "Activity", "time": None}
    assert detect_columns(columns, timestamp_col="WHEN")["time"] == "when"
    assert detect_columns(columns, case_col="nope")["case"] is None
