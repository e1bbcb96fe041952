"""No number is ever cut on a sheet: a figure is printed whole or the layout makes room
(the type of a tile shrinks, a lane's capacity goes on its own line)."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from journeymap.document import Document
from journeymap.export.sheet.writer import write_map_pdf
from journeymap.templates import build_template, list_templates

CUT_NUMBER = re.compile(r"\d[\d.,/ ]*…")


def pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.parametrize("paper,portrait", [("A3", False), ("A4", True)])
@pytest.mark.parametrize("key", [key for key, _ in list_templates()])
def test_no_figure_of_a_template_sheet_ends_in_an_ellipsis(tmp_path, key, paper, portrait):
    m = build_template(key)
    write_map_pdf(m, tmp_path / "m.pdf", paper=paper, portrait=portrait)
    text = pdf_text(tmp_path / "m.pdf")
    assert not CUT_NUMBER.findall(text)
    for lane in m.lanes:
        if lane.capacity is not None:
            assert f"capacity {lane.capacity:g}/wk" in text


def test_wide_figures_make_their_tiles_smaller_or_take_a_second_row(tmp_path):
    m = build_template("upsell")
    doc = Document(m)
    for n, conn in enumerate(m.connections):  # a critical path of tens of thousands of days
        doc.update("connection", conn.id, days=1234.5 + n)
    write_map_pdf(m, tmp_path / "m.pdf", paper="A4", portrait=True)
    text = pdf_text(tmp_path / "m.pdf")
    assert not CUT_NUMBER.findall(text)
    assert re.search(r"\b\d{4,}(\.\d)? d\b", text)
