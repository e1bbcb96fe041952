"""RACI matrix exports: CSV content, XLSX sheets, PDF pages."""

from __future__ import annotations

import csv
import itertools

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


# -- the look of the RACI PDF and workbook -------------------------------------------------------
def _hex(colour) -> str:
    return "".join(f"{round(v * 255):02X}" for v in colour)


def _letter_rects(page):
    """The letter cells of a matrix page: (letter of the fill, rect, the chars inside)."""
    from journeymap.export.raci.palette import LETTER_STYLES

    by_fill = {style.fill: letter for letter, style in LETTER_STYLES.items()}
    header_bottom = min(r["bottom"] for r in page.rects if _hex(r["non_stroking_color"]) == "1F2933")
    found = []
    for rect in page.rects:
        colour = rect["non_stroking_color"]
        if not colour or len(colour) != 3 or rect["top"] < header_bottom - 0.5:
            continue  # the footer's key lies below the table, the summary's above none
        letter = by_fill.get(_hex(colour))
        if letter is None or rect["bottom"] > page.height - 30:
            continue
        chars = [c for c in page.chars if rect["x0"] <= (c["x0"] + c["x1"]) / 2 <= rect["x1"]
                 and rect["top"] <= (c["top"] + c["bottom"]) / 2 <= rect["bottom"]]
        found.append((letter, rect, chars))
    return found


def _title_column(page) -> tuple[float, float]:
    """x range of the touchpoint column: from the table's left edge to the first rule."""
    verticals = sorted({round(line["x0"], 1) for line in page.lines if line["x0"] == line["x1"]})
    return verticals[0], verticals[1]


def _joined(text: str) -> str:
    return "".join(text.split())


def long_text_map() -> Map:
    doc = Document(Map(id="m-long", name="Long texts"))
    stage = doc.add_stage("A stage whose name goes on and on, well past what any column holds")
    lane = doc.add_lane("Customer")
    roles = [doc.add_role(n) for n in ("Regional customer success manager (north)", "Ops", "Legal")]
    doc.add_touchpoint(stage.id, lane.id, "Short", raci={roles[0].id: "RA", roles[1].id: "C"})
    doc.add_touchpoint(stage.id, lane.id, "The customer receives the signed contract, checks the "
                       "delivery date against the order and calls the service desk when the "
                       "two do not match, which happens every other week",
                       raci={roles[1].id: "A", roles[2].id: "R", roles[0].id: "I"})
    return doc.map


@pytest.mark.parametrize("make", [lambda: build_template("acquisition"), long_text_map],
                         ids=["template", "long-texts"])
def test_raci_pdf_prints_every_role_and_touchpoint_title_in_full(tmp_path, make):
    import pdfplumber

    m = make()
    out = tmp_path / "raci.pdf"
    write_raci_pdf(m, out)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        left, right = _title_column(page)
        column = _joined(page.crop((left, 0, right, page.height)).extract_text())
        header = [r for r in page.rects if _hex(r["non_stroking_color"]) == "1F2933"][0]
        edges = sorted({round(line["x0"], 1) for line in page.lines if line["x0"] == line["x1"]})
        heads = [_joined(page.crop((x0, header["top"], x1, header["bottom"])).extract_text())
                 for x0, x1 in itertools.pairwise(edges[1:])]
    for tp in m.touchpoints:
        assert _joined(tp.title) in column
    assert heads == [_joined(role.name) for role in m.roles]


def test_raci_pdf_fills_each_letter_cell_in_its_letters_colour(tmp_path):
    import pdfplumber

    from journeymap.export.raci.palette import cell_letter

    m = build_template("acquisition")
    out = tmp_path / "raci.pdf"
    write_raci_pdf(m, out)
    with pdfplumber.open(out) as pdf:
        cells = _letter_rects(pdf.pages[0])
    letters = [row_cell for row in raci_matrix(m).rows for row_cell in row.cells if row_cell]
    assert len(cells) == len(letters)
    assert {letter for letter, _rect, _chars in cells} == set("RACI")
    for letter, _rect, chars in cells:
        text = "".join(c["text"] for c in chars)
        assert cell_letter(text) == letter, text


def test_raci_letters_stay_apart_in_black_and_white():
    from journeymap.export.raci.palette import LETTER_STYLES

    def grey(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
        return (0.299 * r + 0.587 * g + 0.114 * b) / 255

    fills = {letter: grey(style.fill) for letter, style in LETTER_STYLES.items()}
    assert fills["R"] - fills["A"] >= 0.1  # R and A: a clear step of grey
    assert fills["A"] < fills["R"] < fills["C"] < fills["I"]
    assert min(fills.values()) >= 0.65  # light enough for dark text
    assert all(grey(style.ink) <= 0.3 for style in LETTER_STYLES.values())
    assert [LETTER_STYLES[x].bold for x in "RACI"] == [True, True, False, False]


@pytest.mark.parametrize("make", [lambda: build_template("acquisition"),
                                  lambda: sample_map(stages=4, lanes=3, per_cell=12, roles=5)],
                         ids=["grown", "multi-page"])
def test_raci_pdf_centres_letters_and_titles_vertically_in_their_rows(tmp_path, make):
    import pdfplumber

    out = tmp_path / "raci.pdf"
    write_raci_pdf(make(), out)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        left, right = _title_column(page)
        cells = _letter_rects(page)
        assert cells
        for _letter, rect, chars in cells:
            middle = (rect["top"] + rect["bottom"]) / 2
            titles = [c for c in page.chars if left < c["x0"] < right
                      and rect["top"] <= (c["top"] + c["bottom"]) / 2 <= rect["bottom"]]
            for c in chars + titles:
                assert abs((c["top"] + c["bottom"]) / 2 - middle) <= 0.2 * c["size"] + 0.3


def test_a_small_raci_matrix_grows_to_use_the_sheet(tmp_path):
    import pdfplumber

    from journeymap.export.pdf import theme
    from journeymap.export.raci.pdf import FOOTER_BAND, HEADER_BAND

    m = build_template("acquisition")
    assert len(m.touchpoints) == 15
    out = tmp_path / "raci.pdf"
    write_raci_pdf(m, out)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        top = min(r["top"] for r in page.rects if _hex(r["non_stroking_color"]) == "1F2933")
        bottom = max(line["bottom"] for line in page.lines)
        sizes = [c["size"] for c in page.chars if c["top"] > top]
    usable = page.height - 2 * theme.margin((page.width, page.height)) - HEADER_BAND - FOOTER_BAND
    assert (bottom - top) / usable >= 0.6
    assert max(sizes) <= 24 and min(sizes) >= 6


def _matrix_span(out) -> tuple[float, float, float, float]:
    """The matrix's left and right edge on page 1 (its rules), the text width, the page's."""
    import pdfplumber

    from journeymap.export.pdf import theme

    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        head = [r for r in page.rects if _hex(r["non_stroking_color"]) == "1F2933"]  # header row
        xs = [x for r in head for x in (r["x0"], r["x1"])]
        margin = theme.margin((page.width, page.height))
        return min(xs), max(xs), page.width - 2 * margin, page.width


def test_a_raci_matrix_of_six_roles_uses_the_sheets_width(tmp_path):
    out = tmp_path / "raci.pdf"
    write_raci_pdf(build_template("acquisition"), out)
    left, right, text_w, _width = _matrix_span(out)
    assert (right - left) / text_w >= 0.95


def test_a_raci_matrix_of_few_roles_is_centred_not_stretched(tmp_path):
    out = tmp_path / "raci.pdf"
    write_raci_pdf(small_map(), out)  # three roles: wide columns would look empty
    left, right, text_w, width = _matrix_span(out)
    assert (right - left) / text_w < 0.9
    assert abs((left + right) / 2 - width / 2) <= 1.0


@pytest.mark.parametrize("make", [lambda: build_template("acquisition"), long_text_map,
                                  lambda: sample_map(stages=10, lanes=5, per_cell=10, roles=12)],
                         ids=["template", "long-texts", "500-cards"])
@pytest.mark.parametrize("paper", ["A3", "A4-portrait"])
def test_raci_pdf_prints_no_char_outside_its_page(tmp_path, make, paper):
    import pdfplumber

    out = tmp_path / "raci.pdf"
    write_raci_pdf(make(), out, paper=paper.split("-")[0], portrait=paper.endswith("portrait"))
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            for c in page.chars:
                assert c["x0"] >= 0 and c["x1"] <= page.width, c["text"]
                assert c["top"] >= 0 and c["bottom"] <= page.height, c["text"]


def test_raci_pdf_of_2000_cards_repeats_the_header_on_every_matrix_page(tmp_path):
    m = sample_map(stages=10, lanes=5, per_cell=40, roles=12)
    out = tmp_path / "raci.pdf"
    write_raci_pdf(m, out)
    pages = [p.extract_text() for p in PdfReader(str(out)).pages]
    matrix_pages = [t for t in pages if "Touchpoint" in t.splitlines()[2]]
    assert len(matrix_pages) >= 2000 // 60
    for text in matrix_pages:
        head = " ".join(text.splitlines()[2:2 + 2 * len(m.roles)])  # header cells come first
        assert head.startswith("Touchpoint")
        assert all(word in head.split() for role in m.roles for word in role.name.split())
    assert pages.index(matrix_pages[-1]) == len(matrix_pages) - 1  # matrix pages come first


def test_raci_xlsx_fills_letter_cells_and_prints_landscape_one_page_wide(tmp_path):
    from journeymap.export.raci.palette import LETTER_STYLES, cell_letter

    m = long_text_map()
    out = tmp_path / "raci.xlsx"
    write_raci_xlsx(m, out, paper="A3")
    wb = openpyxl.load_workbook(out, rich_text=True)
    ws = wb["RACI"]
    seen = set()
    for row in ws.iter_rows(min_row=2, min_col=3):
        for cell in row:
            if cell.value:
                letter = cell_letter(str(cell.value))
                assert cell.fill.fgColor.rgb[-6:] == LETTER_STYLES[letter].fill
                seen.add(letter)
    assert seen == set("RACI")
    for sheet in wb.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows in ("1:1", "$1:$1")
        assert sheet.page_setup.paperSize == 8  # A3
    titles = [ws.cell(r, 2) for r in range(2, ws.max_row + 1)]
    assert all(cell.alignment.wrap_text for cell in titles)
    assert 24 <= ws.column_dimensions["B"].width <= 60
    assert all(isinstance(cell.value, str) for cell in titles)


def test_raci_xlsx_prints_on_a4_unless_asked_otherwise(tmp_path):
    out = tmp_path / "raci.xlsx"
    write_raci_xlsx(small_map(), out)
    wb = openpyxl.load_workbook(out)
    assert {ws.page_setup.paperSize for ws in wb.worksheets} == {9}  # A4
    out2 = tmp_path / "a1.xlsx"
    write_raci_xlsx(small_map(), out2, paper="A1")  # Excel has no code for A1
    assert openpyxl.load_workbook(out2).active.page_setup.paperSize == 9


def _printed_runs(cell) -> list[tuple[str, bool, str]]:
    """(text, bold, ink) of each piece of a cell as Excel shows it: a rich-text run without
    its own font takes the cell's."""
    from openpyxl.cell.rich_text import CellRichText

    pieces = cell.value if isinstance(cell.value, CellRichText) else [cell.value]
    out = []
    for piece in pieces:
        text = getattr(piece, "text", piece)
        font = getattr(piece, "font", None) or cell.font
        rgb = font.color is not None and font.color.type == "rgb"
        colour = font.color.rgb[-6:] if rgb else "000000"  # the default text colour
        out.append((text, bool(font.b), colour))
    return out


def test_raci_xlsx_letters_print_in_their_letters_ink_and_weight(tmp_path):
    from journeymap.export.raci.palette import LETTER_STYLES

    out = tmp_path / "raci.xlsx"
    write_raci_xlsx(small_map(), out)
    ws = openpyxl.load_workbook(out, rich_text=True)["RACI"]
    ink = {x: (x, style.bold, style.ink) for x, style in LETTER_STYLES.items()}
    assert _printed_runs(ws["D3"]) == [ink["R"]]  # Ops on "Check credit"
    assert _printed_runs(ws["C2"]) == [ink["R"], ("/", False, "000000"), ink["A"]]  # Sales, Order
    assert _printed_runs(ws["E3"]) == [ink["C"], ("/", False, "000000"), ink["I"]]
