"""RACI matrix exports: CSV content, XLSX sheets, PDF pages."""

from __future__ import annotations

import csv

import openpyxl
import pytest
from pypdf import PdfReader

from journeymap.analysis import analyse
from journeymap.document import Document
from journeymap.export.raci.matrix import (
    raci_matrix,
    write_raci_csv,
    write_raci_pdf,
    write_raci_xlsx,
)
from journeymap.export.raci.xlsx import sheet_title
from journeymap.model import Map
from journeymap.templates import build_template, list_templates
from tests.synthetic_maps import sample_map


def small_map() -> Map:
    doc = Document(Map(id="map-raci", name="RACI test"))
    first = doc.add_stage("Buy: online/offline")
    second = doc.add_stage("Use")
    lane = doc.add_lane("Customer", kind="customer")
    back = doc.add_lane("Back office", kind="backstage")
    sales, ops, legal = (doc.add_role(n) for n in ("Sales", "Ops", "Legal, Ñ"))
    doc.add_touchpoint(first.id, back.id, "Check credit", raci={ops.id: "R", legal.id: "CI"})
    doc.add_touchpoint(first.id, lane.id, "Order", raci={sales.id: "AR", legal.id: "C"})
    doc.add_touchpoint(second.id, lane.id, "Use it", raci={sales.id: "A", ops.id: "A"})
    return doc.map


def test_csv_has_one_row_per_touchpoint_with_letters_in_raci_order(tmp_path):
    out = tmp_path / "raci.csv"
    write_raci_csv(small_map(), out)
    text = out.read_bytes().decode("utf-8")
    assert text == (
        'Stage,Touchpoint,Sales,Ops,"Legal, Ñ"\r\n'
        "Buy: online/offline,Order,R/A,,C\r\n"
        "Buy: online/offline,Check credit,,R,C/I\r\n"
        "Use,Use it,A,A,\r\n"
    )
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Stage", "Touchpoint", "Sales", "Ops", "Legal, Ñ"]


def test_checks_find_missing_and_multiple_accountable_and_missing_responsible():
    checks = [(c.title, c.problem) for c in raci_matrix(small_map()).checks]
    assert ("Check credit", "no accountable role (A)") in checks
    assert ("Use it", "2 accountable roles: Sales, Ops") in checks
    assert ("Use it", "no responsible role (R)") in checks
    assert not [c for c in checks if c[0] == "Order"]


def test_a_role_with_most_r_and_a_letters_is_overloaded():
    doc = Document(Map(id="m", name="Load"))
    stage, lane = doc.add_stage("S"), doc.add_lane("L")
    boss, a, b = (doc.add_role(n) for n in ("Boss", "A", "B"))
    for i in range(6):
        doc.add_touchpoint(stage.id, lane.id, f"T{i}", raci={boss.id: "RA", a.id: "C", b.id: "I"})
    loads = {load.name: load for load in raci_matrix(doc.map).loads}
    assert loads["Boss"].overloaded and loads["Boss"].share == 1.0
    assert not loads["A"].overloaded
    assert loads["A"].counts == {"R": 0, "A": 0, "C": 6, "I": 0}


def test_xlsx_has_matrix_stage_summary_and_checks_sheets(tmp_path):
    out = tmp_path / "raci.xlsx"
    write_raci_xlsx(small_map(), out)
    wb = openpyxl.load_workbook(out, rich_text=True)
    assert wb.sheetnames == ["RACI", "Buy- online-offline", "Use", "Summary", "Checks"]
    matrix = wb["RACI"]
    assert [c.value for c in matrix[1]] == ["Stage", "Touchpoint", "Sales", "Ops", "Legal, Ñ"]
    assert str(matrix["C2"].value) == "R/A"
    assert matrix.freeze_panes == "C2"
    assert [c.value for c in wb["Use"][1]] == ["Touchpoint", "Sales", "Ops", "Legal, Ñ"]
    assert wb["Use"].max_row == 2
    summary = [[c.value for c in row] for row in wb["Summary"].iter_rows()]
    assert summary[0][:5] == ["Role", "R", "A", "C", "I"]
    assert [row[0] for row in summary[1:]] == ["Sales", "Ops", "Legal, Ñ"]
    assert summary[1][1:5] == [1, 2, 0, 0]
    problems = [row[2] for row in wb["Checks"].iter_rows(min_row=2, values_only=True)]
    assert "no responsible role (R)" in problems


@pytest.mark.parametrize(("name", "expected"), [
    ("Plan [draft]: a/b?", "Plan -draft-- a-b-"),
    ("'quoted'", "quoted"),
    ("x" * 40, "x" * 31),
    ("", "Stage 1"),
    ("History", "History (2)"),
])
def test_sheet_titles_are_valid_excel_names(name, expected):
    assert sheet_title(name, set(), "Stage 1") == expected


def test_sheet_titles_are_unique_ignoring_case_and_stay_short():
    taken: set[str] = set()
    names = [sheet_title("Onboarding " + "x" * 30, taken, "S") for _ in range(12)]
    names.append(sheet_title("summary", {"summary"}, "S"))
    assert len({n.lower() for n in names[:12]}) == 12
    assert all(len(n) <= 31 for n in names)
    assert names[-1] == "summary (2)"


def test_raci_pdf_repeats_the_header_on_every_matrix_page(tmp_path):
    m = sample_map(stages=4, lanes=3, per_cell=12, roles=5)
    out = tmp_path / "raci.pdf"
    write_raci_pdf(m, out, paper="A4", portrait=True)
    pages = [p.extract_text() for p in PdfReader(str(out)).pages]
    matrix_pages = [t for t in pages if "Roles" not in t and "Problem" not in t]
    assert len(matrix_pages) >= 3
    for text in matrix_pages:
        assert "Touchpoint" in text
        assert all(role.name in text for role in m.roles)
    assert any("(continued)" in t for t in matrix_pages)
    joined = "\n".join(pages)
    assert all(tp.title in joined for tp in m.touchpoints)
    assert "Roles" in joined and "Checks" in joined


def test_raci_pdf_embeds_its_fonts_and_prints_awkward_names(tmp_path):
    doc = Document(Map(id="m", name="<b>R&D</b>"))
    stage, lane = doc.add_stage("Étape"), doc.add_lane("Кунде")
    role = doc.add_role("营销 <b>")
    doc.add_touchpoint(stage.id, lane.id, "Angebot & <i>Vertrag</i>", raci={role.id: "RA"})
    doc.add_touchpoint(stage.id, lane.id, "顧客の声", raci={role.id: "C"})
    out = tmp_path / "raci.pdf"
    write_raci_pdf(doc.map, out)
    data = out.read_bytes()
    assert b"Helvetica" not in data
    text = "\n".join(p.extract_text() for p in PdfReader(str(out)).pages)
    for expected in ("<b>R&D</b>", "营销 <b>", "Angebot & <i>Vertrag</i>", "顧客の声", "Étape"):
        assert expected in text


def test_raci_pdf_prints_no_glyph_below_6_pt(tmp_path):
    import pdfplumber

    out = tmp_path / "raci.pdf"
    write_raci_pdf(sample_map(stages=3, lanes=2, per_cell=3, roles=14), out, paper="A4")
    with pdfplumber.open(out) as pdf:
        sizes = [c["size"] for page in pdf.pages for c in page.chars]
    assert sizes and min(sizes) >= 5.999


@pytest.mark.parametrize("key", [key for key, _ in list_templates()] + ["small"])
def test_the_sheet_lists_exactly_the_raci_problems_of_the_journey_check(key):
    m = small_map() if key == "small" else build_template(key)
    for tp in m.touchpoints[::3]:  # take some letters away so there is something to find
        tp.raci = {}
    matrix = raci_matrix(m)
    problems = analyse(m).problems
    raci = [(t, p.code) for p in problems if p.code.startswith("raci-") and p.code !=
            "raci-overload" for t in p.touchpoints]
    assert sorted((c.title, c.problem.split(" ")[1]) for c in matrix.checks) == sorted(
        (t, {"raci-no-accountable": "accountable", "raci-multiple-accountable": "accountable",
             "raci-no-responsible": "responsible"}[code]) for t, code in raci)
    overloaded = {p.extra["role"] for p in problems if p.code == "raci-overload"}
    assert {load.name for load in matrix.loads if load.overloaded} == overloaded
