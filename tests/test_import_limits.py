"""Import limits through the CLI: bombs and oversized files are refused with one sentence that
names the limit and its environment variable; the workspace stays byte-for-byte unchanged.

The fixtures are small: either built to trip a ratio check (a few KB that declare many MB),
or made to pass a lowered limit set through its environment variable.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest

pytest.importorskip("journeymap.storage")

SHEET = "Stage,Lane,Touchpoint,Next\nReach,Marketing,Sees ad,Demo\nEngage,Sales,Demo,\n"
LOG_ROWS = [
    ("c1", "Sees ad", "2026-03-01T09:00:00Z"),
    ("c1", "Demo", "2026-03-02T09:00:00Z"),
    ("c2", "Sees ad", "2026-03-03T09:00:00Z"),
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def cli(run_cli, tmp_path):
    """A workspace with the map "Journey" (Sees ad -> Demo)."""
    sheet = tmp_path / "journey.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    code, _, _ = run_cli("import", sheet, "--name", "Journey")
    assert code == 0
    return run_cli


def refused(cli, *argv) -> str:
    """Run a command that must be refused: exit 2, one error line, workspace unchanged;
    returns the error line."""
    before = digest(cli.workspace)
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("journeymap: error: "), err
    assert "internal" not in lines[0]
    assert digest(cli.workspace) == before
    return lines[0]


def compare_refused(cli, log: Path) -> str:
    return refused(cli, "compare", "Journey", "--log", log)


# -- file builders -----------------------------------------------------------------------------
def log_xlsx(path: Path, rows=LOG_ROWS) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["case", "activity", "timestamp"])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def sheet_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    for line in SHEET.splitlines():
        workbook.active.append(line.split(","))
    workbook.save(path)
    return path


def with_parts(path: Path, changes: dict) -> Path:
    """Rewrite the ZIP at `path`: each change {part name: new bytes or a function of the old
    ones}."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    for name, change in changes.items():
        parts[name] = change(parts[name]) if callable(change) else change
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def xes(events: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>' + prolog
        + '<log xmlns="http://www.xes-standard.org/">' + events + "</log>"
    ).encode()


def xes_event(activity: str, time: str, extra: str = "") -> str:
    return (
        f'<event><string key="concept:name" value="{activity}"/>'
        f'<date key="time:timestamp" value="{time}"/>{extra}</event>'
    )


def xes_trace(case: str, *events: str) -> str:
    return f'<trace><string key="concept:name" value="{case}"/>{"".join(events)}</trace>'


VALID_XES = xes(
    xes_trace("c1", xes_event("Sees ad", "2026-03-01T09:00:00Z"),
              xes_event("Demo", "2026-03-02T09:00:00Z"))
    + xes_trace("c2", xes_event("Sees ad", "2026-03-03T09:00:00Z"))
)


def log_csv(path: Path, rows=LOG_ROWS) -> Path:
    lines = ["case,activity,timestamp", *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def events_of(cli, log: Path, *env) -> dict:
    import json

    code, out, err = cli("compare", "Journey", "--log", log, "--no-save", "--json")
    assert code == 0, err
    return json.loads(out)


# -- XLSX: sizes declared in the archive ------------------------------------------------------
def test_xlsx_log_whose_part_inflates_a_thousand_fold_is_refused_before_inflating(cli, tmp_path):
    bomb = with_parts(log_xlsx(tmp_path / "bomb.xlsx"), {"xl/padding.xml": b" " * (20 << 20)})
    assert bomb.stat().st_size < 100_000
    line = compare_refused(cli, bomb)
    assert "bomb.xlsx has a part (xl/padding.xml) compressed" in line
    assert "limit on compression ratio (100 to 1)" in line
    assert "JOURNEYMAP_MAX_COMPRESSION_RATIO" in line


def test_workshop_sheet_xlsx_bomb_is_refused_on_import(cli, tmp_path):
    bomb = with_parts(sheet_xlsx(tmp_path / "bomb.xlsx"), {"xl/padding.xml": b" " * (20 << 20)})
    line = refused(cli, "import", bomb)
    assert "compression ratio" in line and "JOURNEYMAP_MAX_COMPRESSION_RATIO" in line


def test_inflated_size_limit_is_raised_by_its_environment_variable(cli, tmp_path, monkeypatch):
    noise = b"<n>" + b"".join(b"<v>%d</v>" % i for i in range(300_000)) + b"</n>"  # 3.6 MB
    log = with_parts(log_xlsx(tmp_path / "log.xlsx"), {"xl/noise.xml": noise})
    monkeypatch.setenv("JOURNEYMAP_MAX_INFLATED_MB", "2")
    line = compare_refused(cli, log)
    assert "log.xlsx inflates to more than 2 MB, beyond the limit on inflated size (2 MB)" in line
    assert "set the environment variable JOURNEYMAP_MAX_INFLATED_MB to a larger number" in line
    monkeypatch.setenv("JOURNEYMAP_MAX_INFLATED_MB", "20")
    assert events_of(cli, log)["events"] == 3


def test_a_limit_set_to_no_number_is_one_sentence(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_MAX_ROWS", "lots")
    line = compare_refused(cli, log_csv(tmp_path / "log.csv"))
    assert "JOURNEYMAP_MAX_ROWS is 'lots'; it must be a whole number above 0" in line


# -- XLSX: what is inside the parts -------------------------------------------------------------
DOCTYPE = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def add_doctype(xml: bytes) -> bytes:
    if not xml.startswith(b"<?xml"):
        return DOCTYPE.encode() + xml
    declaration, rest = xml.split(b"?>", 1)
    return declaration + b"?>" + DOCTYPE.encode() + rest


def test_xlsx_log_with_a_dtd_is_refused(cli, tmp_path):
    log = with_parts(log_xlsx(tmp_path / "dtd.xlsx"), {"xl/worksheets/sheet1.xml": add_doctype})
    line = compare_refused(cli, log)
    assert "dtd.xlsx (part xl/worksheets/sheet1.xml) declares a DTD" in line


def test_workshop_sheet_with_a_dtd_in_its_workbook_part_is_refused(cli, tmp_path):
    sheet = with_parts(sheet_xlsx(tmp_path / "dtd.xlsx"), {"xl/workbook.xml": add_doctype})
    line = refused(cli, "import", sheet)
    assert "dtd.xlsx (part xl/workbook.xml) declares a DTD" in line


def test_chartsheet_only_workbook_is_refused_with_a_sentence(cli, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.create_chartsheet("Chart")
    workbook.remove(workbook.worksheets[0])
    path = tmp_path / "chart.xlsx"
    workbook.save(path)
    expected = (
        "journeymap: error: chart.xlsx has only chart sheets and no worksheet; Journeymap "
        "reads the cells of the first worksheet."
    )
    assert compare_refused(cli, path) == expected
    assert refused(cli, "import", path) == expected


def test_a_chart_sheet_beside_the_worksheet_is_left_out(cli, tmp_path):
    path = log_xlsx(tmp_path / "mixed.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook.create_chartsheet("Chart", 0)  # even before the worksheet
    workbook.save(path)
    assert events_of(cli, path)["events"] == 3


def deep(xml: bytes, levels: int) -> bytes:
    return xml.replace(b"</fonts>", b"<x>" * levels + b"</x>" * levels + b"</fonts>")


def test_xlsx_nested_deeper_than_the_limit_is_refused(cli, tmp_path):
    """The styles part: openpyxl reads it as a tree, recursively."""
    log = with_parts(log_xlsx(tmp_path / "deep.xlsx"),
                     {"xl/styles.xml": lambda xml: deep(xml, 5000)})
    line = compare_refused(cli, log)
    assert "deep.xlsx (part xl/styles.xml) nests XML elements more than 100 deep" in line
    assert "JOURNEYMAP_MAX_XML_DEPTH" in line


def test_xlsx_worksheet_with_a_huge_tag_is_refused_without_reading_it_all(cli, tmp_path):
    def huge(xml: bytes) -> bytes:
        return xml.replace(b"<sheetData>", b'<sheetData><x a="' + b"a" * 900_000 + b'"/>')

    log = with_parts(log_xlsx(tmp_path / "tag.xlsx"), {"xl/worksheets/sheet1.xml": huge})
    line = compare_refused(cli, log)
    assert "tag.xlsx (part xl/worksheets/sheet1.xml) has an XML tag, comment or value longer " \
        "than 131,072 characters" in line and "JOURNEYMAP_MAX_CELL_CHARS" in line


def test_xlsx_cell_longer_than_the_cell_limit_is_refused_with_row_and_column(
    cli, tmp_path, monkeypatch
):
    # openpyxl stops a cell at Excel's 32,767 characters, so the test lowers the limit.
    monkeypatch.setenv("JOURNEYMAP_MAX_CELL_CHARS", "1000")
    log = log_xlsx(tmp_path / "long.xlsx", [*LOG_ROWS, ("c3", "x" * 2000, "2026-03-04")])
    line = compare_refused(cli, log)
    assert "long.xlsx, row 5, column B, holds 2,000 characters, beyond the limit on cell " \
        "length (1,000 characters)" in line


def test_xlsx_rows_beyond_the_row_limit_are_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_MAX_ROWS", "2")
    line = compare_refused(cli, log_xlsx(tmp_path / "rows.xlsx"))  # header + 3 rows
    assert "rows.xlsx has more than 2 rows, beyond the limit on rows (2 rows)" in line
    assert refused(cli, "import", sheet_xlsx(tmp_path / "sheet.xlsx")).count("JOURNEYMAP_MAX_ROWS")


# -- XES ----------------------------------------------------------------------------------------
def test_xes_gz_bomb_is_refused_by_its_compression_ratio(cli, tmp_path):
    event = xes_event("Sees ad", "2026-03-01T09:00:00Z").encode()
    body = b"<trace>" + event * (4 * 1024 * 1024 // len(event)) + b"</trace>"
    path = tmp_path / "bomb.xes.gz"
    path.write_bytes(gzip.compress(VALID_XES.replace(b"</log>", body + b"</log>")))
    line = compare_refused(cli, path)
    assert "bomb.xes.gz is compressed more than" in line and "compression ratio" in line


def test_xes_gz_inflating_beyond_the_size_limit_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_MAX_INFLATED_MB", "1")
    events = "".join(xes_event(f"step {i}", "2026-03-01T09:00:00Z") for i in range(20_000))
    path = tmp_path / "big.xes.gz"
    path.write_bytes(gzip.compress(xes(xes_trace("c1", events))))
    line = compare_refused(cli, path)
    assert "big.xes.gz inflates to more than 1 MB" in line and "JOURNEYMAP_MAX_INFLATED_MB" in line


def test_xes_gz_with_one_huge_attribute_is_refused(cli, tmp_path):
    huge = xes_event("Sees ad", "2026-03-01T09:00:00Z", f'<string key="note" value="{"a" * (8 << 20)}"/>')
    path = tmp_path / "huge.xes.gz"
    path.write_bytes(gzip.compress(xes(xes_trace("c1", huge))))
    line = compare_refused(cli, path)
    assert "huge.xes.gz has an XML tag, comment or value longer than 131,072 characters" in line
    assert "JOURNEYMAP_MAX_ATTRIBUTE_CHARS" in line


def test_xes_attribute_just_over_the_limit_is_named_exactly(cli, tmp_path):
    event = xes_event("Sees ad", "2026-03-01T09:00:00Z", f'<string key="note" value="{"a" * 131_073}"/>')
    path = tmp_path / "long.xes"
    path.write_bytes(xes(xes_trace("c1", event)))
    line = compare_refused(cli, path)
    assert "long.xes has an XML attribute (value) of 131,073 characters" in line


def test_deeply_nested_xes_is_refused(cli, tmp_path):
    path = tmp_path / "deep.xes"
    path.write_bytes(VALID_XES.replace(b"</log>", b"<list>" * 10_000 + b"</list>" * 10_000 + b"</log>"))
    line = compare_refused(cli, path)
    assert "deep.xes nests XML elements more than 100 deep" in line


def test_xes_with_entities_is_refused_as_a_dtd(cli, tmp_path):
    path = tmp_path / "laughs.xes"
    path.write_bytes(xes(xes_trace("c1", xes_event("&lol2;", "2026-03-01T09:00:00Z")), DOCTYPE))
    assert "laughs.xes declares a DTD" in compare_refused(cli, path)


def test_xes_events_beyond_the_row_limit_are_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_MAX_ROWS", "2")
    path = tmp_path / "log.xes"
    path.write_bytes(VALID_XES)
    line = compare_refused(cli, path)
    assert "log.xes has more than 2 events, beyond the limit on rows (2 rows)" in line


@pytest.mark.parametrize("damage", ["middle", "truncated"])
def test_corrupt_gzip_stream_is_one_sentence(cli, tmp_path, damage):
    packed = bytearray(gzip.compress(VALID_XES * 1))
    if damage == "middle":
        packed[20:40] = b"\xff" * 20
    else:
        packed = packed[: len(packed) // 2]
    path = tmp_path / "log.xes.gz"
    path.write_bytes(bytes(packed))
    line = compare_refused(cli, path)
    assert line.startswith("journeymap: error: log.xes.gz is a damaged gzip file")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_xes_is_read_like_utf8(cli, tmp_path, encoding):
    text = VALID_XES.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    utf16, utf8 = tmp_path / "utf16.xes", tmp_path / "utf8.xes"
    utf16.write_bytes(data)
    utf8.write_bytes(VALID_XES)
    result, expected = events_of(cli, utf16), events_of(cli, utf8)
    assert result.pop("log") == "utf16.xes" and expected.pop("log") == "utf8.xes"
    assert result["events"] == 3 and result == expected


# -- timestamps ---------------------------------------------------------------------------------
def test_timestamps_outside_years_1_to_9999_skip_their_rows_with_one_warning(cli, tmp_path):
    import json

    rows = [
        ("c1", "Sees ad", "0001-01-01T00:30:00+01:00"),  # year 0 in UTC
        ("c1", "Sees ad", "2026-03-01T09:00:00Z"),
        ("c1", "Demo", "2026-03-02T09:00:00Z"),
        ("c2", "Demo", "9999-12-31T23:00:00-02:00"),  # year 10000 in UTC
    ]
    log = log_csv(tmp_path / "years.csv", rows)
    before = digest(cli.workspace)
    code, out, err = cli("compare", "Journey", "--log", log, "--json", "--no-save")
    assert code == 0 and digest(cli.workspace) == before
    assert err == (
        "journeymap: warning: Skipped 2 rows of years.csv that lack a case, an activity or a "
        "readable timestamp; the first is row 2 (timestamp '0001-01-01T00:30:00+01:00' is "
        "outside the years 1 to 9999).\n"
    )
    result = json.loads(out)
    assert (result["events"], result["skipped_rows"], result["cases"]) == (2, 2, 1)


def test_parquet_timestamps_past_year_9999_skip_their_rows(cli, tmp_path):
    path = tmp_path / "far.parquet"
    pl.DataFrame({
        "case": ["c1", "c1", "c2"],
        "activity": ["Sees ad", "Demo", "Demo"],
        "timestamp": pl.Series(["2026-03-01", "2026-03-02", "2026-03-02"]).str.to_datetime()
        .dt.offset_by("8000y"),
    }).with_columns(pl.when(pl.col("case") == "c1").then(pl.col("timestamp").dt.offset_by("-8000y"))
                    .otherwise(pl.col("timestamp"))).write_parquet(path)
    code, out, err = cli("compare", "Journey", "--log", path, "--no-save")
    assert code == 0
    assert err.count("journeymap: warning:") == 1
    assert "Skipped 1 row of far.parquet" in err and "the first is row 3 (timestamp '+10026-03-02" \
        in err and "is outside the years 1 to 9999" in err


# -- Parquet and CSV ----------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["list", "struct"])
def test_parquet_with_list_or_struct_columns_is_one_sentence(cli, tmp_path, kind):
    values = [["a"], ["b"], ["c"]] if kind == "list" else [{"x": 1}, {"x": 2}, {"x": 3}]
    path = tmp_path / "nested.parquet"
    pl.DataFrame({"case": ["c1", "c1", "c2"], "activity": values,
                  "timestamp": ["2026-03-01", "2026-03-02", "2026-03-03"]}).write_parquet(path)
    line = compare_refused(cli, path)
    word = "lists" if kind == "list" else "structures"
    assert f"The column 'activity' of nested.parquet holds {word}" in line


def test_parquet_nested_column_that_is_not_used_is_ignored(cli, tmp_path):
    path = tmp_path / "extra.parquet"
    pl.DataFrame({"case": ["c1", "c1"], "activity": ["Sees ad", "Demo"],
                  "timestamp": ["2026-03-01", "2026-03-02"], "tags": [["a"], ["b"]]}).write_parquet(path)
    assert events_of(cli, path)["events"] == 2


def test_csv_log_cell_over_the_cell_limit_names_the_limit(cli, tmp_path, monkeypatch):
    log = log_csv(tmp_path / "long.csv", [*LOG_ROWS, ("c3", '"' + "x" * 131_073 + '"', "2026-03-04")])
    line = compare_refused(cli, log)
    assert "long.csv, row 5, column 'activity', holds 131,073 characters, beyond the limit on " \
        "cell length (131,072 characters)" in line
    assert "JOURNEYMAP_MAX_CELL_CHARS" in line
    monkeypatch.setenv("JOURNEYMAP_MAX_CELL_CHARS", "200000")
    assert events_of(cli, log)["events"] == 4


def test_sheet_csv_cell_over_the_cell_limit_names_the_limit(cli, tmp_path):
    sheet = tmp_path / "long.csv"
    sheet.write_text(SHEET + f'Engage,Sales,Call,,"{"x" * 131_073}"\n', encoding="utf-8")
    line = refused(cli, "import", sheet)
    assert "long.csv, row 4, has a cell longer than 131,072 characters, beyond the limit on " \
        "cell length" in line
    assert "quoted cell" not in line


def test_parquet_rows_beyond_the_row_limit_are_refused_from_its_footer(cli, tmp_path, monkeypatch):
    path = tmp_path / "rows.parquet"
    pl.DataFrame({"case": ["c1", "c1", "c2"], "activity": ["Sees ad", "Demo", "Demo"],
                  "timestamp": ["2026-03-01", "2026-03-02", "2026-03-03"]}).write_parquet(path)
    monkeypatch.setenv("JOURNEYMAP_MAX_ROWS", "2")
    assert "rows.parquet has 3 rows, beyond the limit on rows (2 rows)" in compare_refused(cli, path)


def test_csv_rows_beyond_the_row_limit_are_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_MAX_ROWS", "2")
    assert "log.csv has more than 2 rows" in compare_refused(cli, log_csv(tmp_path / "log.csv"))
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")  # a header and two rows: three records
    assert "sheet.csv has more than 2 rows" in refused(cli, "import", sheet)


def test_an_xes_log_declaring_an_unknown_encoding_is_one_sentence(run_cli, tmp_path):
    code, _, err = run_cli("new", "Demo", "--template", "acquisition")
    assert code == 0
    log = tmp_path / "odd.xes"
    log.write_bytes(b'<?xml version="1.0" encoding="UTF-2"?><log><trace></trace></log>')
    before = run_cli.workspace.read_bytes()
    code, out, err = run_cli("compare", "Demo", "--log", log, "--no-save")
    assert code == 2
    assert err.splitlines() == [
        "journeymap: error: odd.xes declares a text encoding Journeymap does not know "
        "(unknown encoding: UTF-2); save it as UTF-8."]
    assert run_cli.workspace.read_bytes() == before


@pytest.mark.parametrize("method", [99, 14])  # unknown to zipfile / LZMA with a broken stream
def test_an_xlsx_part_with_a_damaged_compression_header_is_one_sentence(run_cli, tmp_path,
                                                                        method):
    assert run_cli("new", "Demo", "--template", "renewal")[0] == 0
    sheet = tmp_path / "sheet.xlsx"
    assert run_cli("export", "Demo", "--format", "xlsx", "-o", sheet)[0] == 0
    data = bytearray(sheet.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # local, central
        at = data.find(signature)
        while at >= 0:
            data[at + offset:at + offset + 2] = method.to_bytes(2, "little")
            at = data.find(signature, at + 4)
    sheet.write_bytes(bytes(data))
    before = run_cli.workspace.read_bytes()
    code, out, err = run_cli("import", sheet)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("journeymap: error: sheet.xlsx")
    assert "internal" not in err
    assert run_cli.workspace.read_bytes() == before
