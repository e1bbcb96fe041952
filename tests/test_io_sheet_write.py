"""Writing workshop sheets: columns, row order, number and list forms, CSV bytes, XLSX cells."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from journeymap.document import Document
from journeymap.io.sheet import SHEET_COLUMNS, read_sheet, write_sheet_csv, write_sheet_xlsx
from journeymap.model import Lane, Map, Stage, Touchpoint


def sample_map() -> Map:
    """Touchpoints added out of display order, with RACI, loops, numbers and awkward text."""
    doc = Document(Map(id="map-w", name="Writing"))
    reach, engage = doc.add_stage("Reach"), doc.add_stage("Engage")
    web, sales = doc.add_lane("Web"), doc.add_lane("Sales")
    call = doc.add_touchpoint(engage.id, sales.id, "Call; or mail", days=2.5, volume=40)
    ad = doc.add_touchpoint(reach.id, web.id, "=Ad", experience=-2, days=3, cost=1200.75)
    page = doc.add_touchpoint(reach.id, web.id, "Page", description='Say "hi",\nthen go')
    lead, ops = doc.add_role("Lead"), doc.add_role("Ops")
    doc.set_raci(ad.id, ops.id, "RA")
    doc.set_raci(ad.id, lead.id, "RI")
    doc.set_raci(call.id, ops.id, "C")
    doc.add_connection(ad.id, page.id, days=3)
    doc.add_connection(ad.id, call.id, days=3)
    doc.add_connection(call.id, ad.id, loop=True, days=2.5)
    return doc.map


def test_csv_has_the_17_columns_utf8_without_bom_and_crlf_lines(tmp_path):
    path = tmp_path / "out.csv"
    write_sheet_csv(sample_map(), path)
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.startswith(",".join(SHEET_COLUMNS).encode() + b"\r\n")
    assert len(SHEET_COLUMNS) == 17


def test_csv_rows_follow_display_order_with_plain_numbers_and_lists(tmp_path):
    path = tmp_path / "out.csv"
    write_sheet_csv(sample_map(), path)
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))
    assert [row["Touchpoint"] for row in rows] == ["'=Ad", "Page", "Call; or mail"]
    ad, page, call = rows
    assert (ad["Experience"], ad["Days"], ad["Cost"], ad["Volume"]) == ("-2", "3", "1200.75", "")
    assert (call["Days"], call["Volume"]) == ("2.5", "40")
    assert (ad["R"], ad["A"], ad["C"], ad["I"]) == ("Lead, Ops", "Ops", "", "Lead")
    assert ad["Next"] == "Page; Call;; or mail" and ad["Loops"] == ""
    assert (call["Next"], call["Loops"], call["C"]) == ("", "'=Ad", "Ops")
    assert page["Description"] == 'Say "hi",\nthen go'


def test_csv_quotes_only_cells_that_need_it(tmp_path):
    path = tmp_path / "out.csv"
    write_sheet_csv(sample_map(), path)
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    assert lines[1] == 'Reach,Web,\'=Ad,,,-2,,"Lead, Ops",Ops,,Lead,Page; Call;; or mail,,3,,1200.75,'


def test_xlsx_has_a_bold_frozen_header_and_fitted_widths(tmp_path):
    path = tmp_path / "out.xlsx"
    write_sheet_xlsx(sample_map(), path)
    sheet = load_workbook(path).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(SHEET_COLUMNS)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    assert widths["C"] >= len("Call; or mail") and widths["H"] >= len("R") + 2
    assert max(widths.values()) <= 62


def test_xlsx_stores_numbers_as_numbers_and_equals_text_as_text(tmp_path):
    path = tmp_path / "out.xlsx"
    write_sheet_xlsx(sample_map(), path)
    sheet = load_workbook(path).worksheets[0]  # not data_only: formulas would show here
    title, experience, days, cost = (sheet.cell(2, col) for col in (3, 6, 14, 16))
    assert (title.value, title.data_type) == ("=Ad", "s")
    assert experience.value == -2 and isinstance(experience.value, int)
    assert days.value == 3 and isinstance(days.value, int)
    assert cost.value == 1200.75
    assert sheet.cell(2, 15).value is None  # empty for None


def test_xlsx_written_sheet_reads_back_the_same(tmp_path):
    path = tmp_path / "out.xlsx"
    write_sheet_xlsx(sample_map(), path)
    back, warnings = read_sheet(path)
    assert warnings == []
    assert [tp.title for tp in back.touchpoints] == ["=Ad", "Page", "Call; or mail"]
    assert back.touchpoints[2].days == 2.5
    assert [(c.loop, c.days) for c in back.connections] == [(False, 3), (False, 3), (True, 2.5)]


def test_control_characters_no_cell_can_hold_are_dropped(tmp_path):
    # Text stored before Journeymap refused control characters (the document refuses them now).
    m = Map(id="m", name="n", stages=[Stage("s", "S")], lanes=[Lane("l", "L")])
    m.touchpoints = [Touchpoint("t", "A\x01B", "s", "l", description="x\r\ny\x0bz")]
    path = tmp_path / "out.xlsx"
    write_sheet_xlsx(m, path)
    back, _ = read_sheet(path)
    assert (back.touchpoints[0].title, back.touchpoints[0].description) == ("AB", "x\nyz")


def test_an_empty_map_writes_just_the_header(tmp_path):
    path = tmp_path / "out.csv"
    write_sheet_csv(Map(id="m", name="Empty"), path)
    assert path.read_bytes().decode("utf-8") == ",".join(SHEET_COLUMNS) + "\r\n"
