"""Reading event logs: columns, timestamps, messy rows, and every file format."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.errors import ImportFileError
from journeymap.eventlog import detect_columns, log_columns, log_format, parse_times, read_log

DATA = Path(__file__).parent / "data" / "logs"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def write(tmp_path: Path, text: str, name: str = "log.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def rows(log) -> list[tuple]:
    return log.frame.select("case", "activity", "time", "row").rows()


# -- columns -----------------------------------------------------------------------------
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


def test_binary_garbage_is_not_a_log(tmp_path):
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(ImportFileError, match="garbage.csv"):
        read_log(path)


def test_text_that_is_not_utf8_is_refused(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n1,Café,2026-03-01\n", encoding="latin-1")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        read_log(path)


def test_missing_file_is_an_import_error(tmp_path):
    with pytest.raises(ImportFileError, match="does not exist"):
        read_log(tmp_path / "nope.csv")


def test_semicolons_and_a_bom_are_handled(tmp_path):
    path = write(
        tmp_path,
        "\ufeffcase;activity;timestamp\n1;Sees ad;2026-03-01 09:00\n1;Demo;2026-03-01 10:00\n",
    )
    log, _ = read_log(path)
    assert rows(log)[1] == ("1", "Demo", utc(2026, 3, 1, 10), 3)


# -- timestamps --------------------------------------------------------------------------
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


# -- messy rows --------------------------------------------------------------------------
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


# -- period ------------------------------------------------------------------------------
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


# -- other formats -----------------------------------------------------------------------
def test_xes_traces_become_cases_with_event_and_trace_attributes():
    log, warnings = read_log(DATA / "onboarding.xes")
    assert rows(log) == [
        ("case-1", "Sees ad", utc(2026, 3, 1, 8), 1),
        ("case-1", "Discovery call", utc(2026, 3, 2, 9), 2),
        ("case-2", "Sees ad", utc(2026, 3, 3, 10, 30, 0, 250000), 3),
    ]
    assert log.frame["case:region"].to_list() == ["North", "North", "South"]
    assert log.frame["org:resource"].to_list() == ["Ann", None, None]
    assert log.frame["cost"].to_list() == [None, "12", None]
    assert "tag" not in log.frame.columns  # nested attributes are left out
    assert warnings and "event 4" in warnings[0] and "no timestamp" in warnings[0]


def test_gzipped_xes_reads_the_same(tmp_path):
    path = tmp_path / "onboarding.xes.gz"
    path.write_bytes(gzip.compress((DATA / "onboarding.xes").read_bytes()))
    plain, _ = read_log(DATA / "onboarding.xes")
    packed, _ = read_log(path)
    assert packed.frame.equals(plain.frame)


def test_broken_xml_is_an_import_error(tmp_path):
    path = write(tmp_path, "<?xml version='1.0'?><log><trace><event>", name="broken.xes")
    with pytest.raises(ImportFileError, match="broken.xes is not well-formed XES"):
        read_log(path)


def test_xml_that_is_not_xes_is_refused(tmp_path):
    path = write(tmp_path, "<?xml version='1.0'?><html><body/></html>", name="page.xml")
    with pytest.raises(ImportFileError, match="root is not <log>"):
        read_log(path)


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


def test_a_file_that_looks_like_xlsx_but_is_not_is_refused(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportFileError, match="fake.xlsx"):
        read_log(path)


def test_utf16_text_is_refused_with_advice(tmp_path):
    path = write(tmp_path, "case\tactivity\ttimestamp\n1\tA\t2026-03-01\n", encoding="utf-16")
    with pytest.raises(ImportFileError, match="UTF-16 text; save it as UTF-8"):
        read_log(path)


def test_attributes_keep_only_the_columns_asked_for(tmp_path):
    path = write(tmp_path, "case,activity,timestamp,Channel,cost\n1,A,2026-03-01,web,3\n")
    log, _ = read_log(path, attributes=["channel"])
    assert log.frame.columns == ["case", "activity", "time", "row", "Channel"]
    log, _ = read_log(path, attributes=[])
    assert log.frame.columns == ["case", "activity", "time", "row"]
    with pytest.raises(ImportFileError, match="no column 'region'"):
        read_log(path, attributes=["region"])


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


# -- the header alone --------------------------------------------------------------------
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


def test_detect_columns_follows_the_reader_rules():
    columns = ["Customer", " CASE ", "Activity", "when"]
    assert detect_columns(columns) == {"case": " CASE ", "activity": "Activity", "time": None}
    assert detect_columns(columns, timestamp_col="WHEN")["time"] == "when"
    assert detect_columns(columns, case_col="nope")["case"] is None


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


def test_an_unclosed_quote_is_named_with_its_column_in_one_line(tmp_path):
    path = write(tmp_path, 'case,activity,timestamp\nc1,"Sees ad,2026-01-01\nc2,B,2026-01-02\n')
    with pytest.raises(ImportFileError) as error:
        read_log(path)
    message = str(error.value)
    assert "\n" not in message and "quoted cell is not closed properly" in message
    assert "column 'activity'" in message
