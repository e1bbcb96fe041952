"""Printing and print preview: the sheets QPrinter gets, checked in PDFs Qt writes offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re  # noqa: E402

import pytest  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtGui import QPageLayout, QPageSize  # noqa: E402
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # noqa: E402

from journeymap.document import Document  # noqa: E402
from journeymap.layout import Rect, compute_layout  # noqa: E402
from journeymap.templates import build_template  # noqa: E402
from tests.synthetic_maps import sample_map  # noqa: E402
from ui import printing  # noqa: E402
from ui.print_preview import continued_line, plan_sheets  # noqa: E402

A3_LANDSCAPE = (1191, 842)  # points, as Qt rounds them


def pdf_printer(path, paper=QPageSize.PageSizeId.A3,
                orientation=QPageLayout.Orientation.Landscape) -> QPrinter:
    printer = printing.new_printer("test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(paper))
    printer.setPageOrientation(orientation)
    return printer


def page_sizes(path) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in PdfReader(str(path)).pages]


def contents(path) -> list[bytes]:
    """The drawing operators of every page."""
    return [page.get_contents().get_data() for page in PdfReader(str(path)).pages]


def page_text(path, index: int) -> str:
    return " ".join((PdfReader(str(path)).pages[index].extract_text() or "").split())


@pytest.fixture(scope="module")
def big_map():
    return sample_map(stages=10, lanes=5, per_cell=10, roles=8)  # 500 cards


@pytest.fixture(scope="module")
def tiled_map():
    return sample_map(stages=7, lanes=3, per_cell=5)  # four A3 sheets


def test_template_prints_on_one_a3_landscape_sheet(qtbot, tmp_path):
    out = tmp_path / "template.pdf"
    pages = printing.paint_map(pdf_printer(out), build_template("customer-onboarding"))
    assert pages == 1
    assert page_sizes(out) == [A3_LANDSCAPE]
    text = page_text(out, 0)
    assert "Customer onboarding" in text and "page 1 of 1" in text


def test_500_card_map_prints_an_overview_then_one_sheet_per_tile(qtbot, tmp_path, big_map):
    out = tmp_path / "big.pdf"
    pages = printing.paint_map(pdf_printer(out), big_map)
    sizes = page_sizes(out)
    assert pages == len(sizes) > 4
    assert set(sizes) == {A3_LANDSCAPE}
    tiles = pages - 1
    assert f"the whole map on {tiles} sheets" in page_text(out, 0)
    second = page_text(out, 2)
    assert f"Sheet 2 of {tiles}" in second
    assert "continued:" in second and "sheet 3 →" in second and "sheet 1" in second
    assert f"page 3 of {pages}" in second


def test_print_cuts_the_map_into_as_many_sheets_as_the_pdf_export(qtbot, tmp_path, tiled_map):
    from journeymap.export.sheet.writer import write_map_pdf

    exported = tmp_path / "export.pdf"
    write_map_pdf(tiled_map, exported, summary=False)
    pdf_text = "".join(page_text(exported, i) for i in range(3))
    pdf_tiles = int(re.search(r"whole map on (\d+) sheets", pdf_text).group(1))
    printed = printing.paint_map(pdf_printer(tmp_path / "print.pdf"), tiled_map)
    assert printed == 1 + pdf_tiles


def test_smaller_paper_chosen_in_the_dialog_gives_more_sheets_of_that_size(qtbot, tmp_path,
                                                                           tiled_map):
    a3 = printing.paint_map(pdf_printer(tmp_path / "a3.pdf"), tiled_map)
    out = tmp_path / "a4.pdf"
    a4 = printing.paint_map(pdf_printer(out, QPageSize.PageSizeId.A4,
                                        QPageLayout.Orientation.Portrait), tiled_map)
    assert a4 > a3
    assert set(page_sizes(out)) == {(595, 842)}


def test_a_stage_or_lane_cut_by_the_sheet_edge_is_named_again(qtbot, tmp_path):
    # Sheets are cut between stages and lanes; only a lane taller than a sheet (here one
    # cell of 200 cards) is cut inside.
    huge = sample_map(stages=2, lanes=1, per_cell=200)
    plan = plan_sheets(compute_layout(huge), (1190.55, 841.89), Rect(0, 0, 1134, 785))
    cut = next(t for t in plan.tiles.tiles if t.row > 0)  # rows split the 200-card lane
    out = tmp_path / "big.pdf"
    printing.paint_map(pdf_printer(out), huge)
    text = page_text(out, cut.number)  # page 1 is the overview
    assert f"Sheet {cut.number} of" in text
    assert "continued" in text.replace("continued:", "")


def test_sheets_name_every_neighbour_they_continue_on():
    m = sample_map(stages=10, lanes=5, per_cell=10)
    plan = plan_sheets(compute_layout(m), (1190.55, 841.89), Rect(0, 0, 1134, 785))
    tiles = plan.tiles
    assert tiles is not None and len(tiles.rows) >= 3 and len(tiles.columns) >= 3
    middle = tiles.at(1, 1)
    line = continued_line(tiles, middle)
    for other in (tiles.at(1, 0), tiles.at(0, 1), tiles.at(1, 2), tiles.at(2, 1)):
        assert f"sheet {other.number}" in line
    assert continued_line(tiles, tiles.at(0, 0)).count("sheet") == 2


def test_empty_map_prints_one_sheet(qtbot, tmp_path):
    from journeymap.model import Map

    out = tmp_path / "empty.pdf"
    assert printing.paint_map(pdf_printer(out), Map(id="m-empty", name="Nothing yet")) == 1
    assert len(page_sizes(out)) == 1


def test_printer_that_cannot_start_raises_a_clear_oserror(qtbot, tmp_path):
    printer = pdf_printer(tmp_path / "no such folder" / "x.pdf")
    with pytest.raises(OSError, match="Could not start printing 'Subscription renewal'"):
        printing.paint_map(printer, build_template("renewal"))


def test_preview_paints_exactly_what_printing_prints(qtbot, tmp_path, tiled_map):
    dialog = printing.build_preview(None, Document(tiled_map))
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    default = dialog.printer().pageLayout()
    assert default.orientation() == QPageLayout.Orientation.Landscape
    assert default.pageSize().id() == QPageSize.PageSizeId.A3
    previewed, printed = tmp_path / "preview.pdf", tmp_path / "print.pdf"
    dialog.paintRequested.emit(pdf_printer(previewed))
    count = printing.paint_map(pdf_printer(printed), tiled_map)
    assert count > 1
    assert len(page_sizes(previewed)) == count
    assert contents(previewed) == contents(printed)


def test_preview_map_shows_the_dialog_through_the_hook(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(printing, "run_dialog", lambda dialog: shown.append(dialog) or False)
    printing.preview_map(None, Document(build_template("renewal")))
    assert len(shown) == 1 and isinstance(shown[0], QPrintPreviewDialog)
    qtbot.addWidget(shown[0])


def test_print_map_prints_to_the_printer_chosen_in_the_dialog(qtbot, tmp_path, monkeypatch):
    out = tmp_path / "chosen.pdf"

    def accept(dialog) -> bool:
        qtbot.addWidget(dialog)
        printer = dialog.printer()
        assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A3
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(printing, "run_dialog", accept)
    assert printing.print_map(None, Document(build_template("renewal"))) is True
    assert page_sizes(out) == [A3_LANDSCAPE]


def test_print_map_accepts_the_bare_map_the_window_hook_passes(qtbot, tmp_path, monkeypatch):
    out = tmp_path / "hook.pdf"

    def accept(dialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return True

    monkeypatch.setattr(printing, "run_dialog", accept)
    assert printing.print_map(None, build_template("renewal")) is True
    assert out.exists()


def test_cancelled_print_dialog_prints_nothing(qtbot, monkeypatch):
    def cancel(dialog) -> bool:
        qtbot.addWidget(dialog)
        return False

    monkeypatch.setattr(printing, "run_dialog", cancel)
    painted = []
    monkeypatch.setattr(printing, "paint_map", lambda *args: painted.append(args) or 1)
    assert printing.print_map(None, Document(build_template("renewal"))) is False
    assert painted == []


def test_failed_print_is_reported_to_the_window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QWidget

    class Window(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.reports = []

        def report(self, kind, title, text) -> None:
            self.reports.append((kind, title, text))

    window = Window()
    qtbot.addWidget(window)

    def to_nowhere(dialog) -> bool:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "missing" / "x.pdf"))
        return True

    monkeypatch.setattr(printing, "run_dialog", to_nowhere)
    assert printing.print_map(window, build_template("renewal")) is False
    assert window.reports and window.reports[0][0] == "error"
    assert "Could not start printing" in window.reports[0][2]


def test_print_scene_is_light_and_passive_whatever_the_screen_shows(qtbot):
    from ui.canvas.palette import LIGHT

    doc = Document(build_template("renewal"))
    scene = printing.print_scene(doc.map)
    try:
        assert scene.style.theme is LIGHT
        assert scene.style.interactive is False
        assert scene.selectedItems() == []
    finally:
        scene.detach()


def test_print_dialog_offers_the_paper_chosen_for_pdf_export(qtbot, monkeypatch):
    offered = []

    def look(dialog) -> bool:
        qtbot.addWidget(dialog)
        offered.append(dialog.printer().pageLayout())
        return False

    monkeypatch.setattr(printing, "run_dialog", look)
    printing.print_map(None, build_template("renewal"), paper="A4", portrait=True)
    assert offered[0].pageSize().id() == QPageSize.PageSizeId.A4
    assert offered[0].orientation() == QPageLayout.Orientation.Portrait
