"""Reading event logs: the CSV, XLSX and Parquet readers, and the header read alone."""

from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest
from eventlog_files import DATA, rows, utc, write

from journeymap.errors import ImportFileError
from journeymap.eventlog import log_columns, log_format, read_log


def test_xlsx_first_sheet_with_native_datetimes_and_numeric_ids(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Case", "Activity", "Timestamp", "Segment"])
    sheet.append([1001, "Sees ad", datetime(2026, 3, 1, 9, 30), "web"])
    sheet.append([1001.0, "Demo", "2026-03-02T09:00:00+01:00", None])
    sheet.append([None, None, None, None])
    sheet.append([1002, "Demo", None, "event"])
    workbook.create_sheet("Other").append(["ignored"])
    path = tmp_path / "log.xlsx"
    workbook.save(path)
    log, warnings = read_log(path)
    assert rows(log) == [
        ("1001", "Sees ad", utc(2026, 3, 1, 9, 30), 2),
        ("1001", "Demo", utc(2026, 3, 2, 8), 3),
    ]
    assert log.frame["Segment"].to_list() == ["web", None]
    assert log.skipped_rows == 1 and "row 5" in warnings[0]


def test_parquet_with_typed_columns(tmp_path):
    frame = pl.DataFrame(
        {
            "case": [7, 7, 8],
            "activity": ["Sees ad", "Demo", "Sees ad"],
            "timestamp": [datetime(2026, 3, 1, 10), datetime(2026, 3, 1, 12), None],
            "score": [1.0, 2.5, None],
        }
    ).with_columns(pl.col("timestamp").dt.replace_time_zone("Europe/Berlin"))
    path = tmp_path / "log.parquet"
    frame.write_parquet(path)
    log, warnings = read_log(path)
    assert rows(log) == [
        ("7", "Sees ad", utc(2026, 3, 1, 9), 1),
        ("7", "Demo", utc(2026, 3, 1, 11), 2),
    ]
    assert log.frame["score"].to_list() == ["1", "2.5"]
    assert "row 3" in warnings[0]


def test_parquet_with_naive_datetimes_takes_them_as_utc(tmp_path):
    path = tmp_path / "naive.parquet"
    pl.DataFrame(
        {"case": ["a"], "activity": ["Demo"], "time:timestamp": [datetime(2026, 3, 1, 10)]}
    ).write_parquet(path)
    log, _ = read_log(path)
    assert rows(log) == [("a", "Demo", utc(2026, 3, 1, 10), 1)]


def test_xlsx_attributes_keep_only_the_columns_asked_for(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["case", "activity", "timestamp", "Channel", "cost"])
    workbook.active.append(["1", "A", "2026-03-01", "web", 3])
    path = tmp_path / "log.xlsx"
    workbook.save(path)
    log, _ = read_log(path, attributes=["channel"])
    assert log.frame.columns == ["case", "activity", "time", "row", "Channel"]
    assert log.frame["Channel"].to_list() == ["web"]


def test_an_unclosed_quote_is_named_with_its_column_in_one_line(tmp_path):
    path = write(tmp_path, 'case,activity,timestamp\nc1,"Sees ad,2026-01-01\nc2,B,2026-01-02\n')
    with pytest.raises(ImportFileError) as error:
        read_log(path)
    message = str(error.value)
    assert "\n" not in message and "quoted cell is not closed properly" in message
    assert "column 'activity'" in message


def test_log_columns_and_format_of_every_kind_of_log(tmp_path):
    import openpyxl

    csv_path = write(tmp_path, "Case;Activity;When\n1;A;2026-03-01\n")
    assert (log_format(csv_path), log_columns(csv_path)) == ("csv", ["Case", "Activity", "When"])
    workbook = openpyxl.Workbook()
    workbook.active.append(["Case", None, "Case"])
    workbook.save(tmp_path / "log.xlsx")
    assert log_format(tmp_path / "log.xlsx") == "xlsx"
    assert log_columns(tmp_path / "log.xlsx") == ["Case", "column 2", "Case_duplicated_0"]
    pl.DataFrame({"case": ["a"], "n": [1]}).write_parquet(tmp_path / "log.parquet")
    assert log_columns(tmp_path / "log.parquet") == ["case", "n"]
    assert log_format(DATA / "onboarding.xes") == "xes"
    assert "concept:name" in log_columns(DATA / "onboarding.xes")
    with pytest.raises(ImportFileError, match="does not exist"):
        log_columns(tmp_path / "absent.csv")
