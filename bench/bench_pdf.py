"""PDF export speed, each figure beside a naive reportlab baseline measured in the same run.

    .venv/bin/python bench/bench_pdf.py

1. A3 journey map of 500 touchpoints (target < 1 s): the whole tiled set as written by
   `write_map_pdf` (cover, overview, sheets, index, journey check) vs a naive reportlab
   rendering of the same number of pages: the cards spread over the sheet pages as a
   rectangle and one Paragraph each, and the index as a platypus story of Paragraphs
   (every field of every touchpoint). Also the cards alone on one sheet, our canvas-level
   drawing vs one Paragraph per card (same geometry).
2. RACI PDF of 2,000 touchpoints x 12 roles (target < 2 s) vs one plain-string
   Table(repeatRows=1) of the same size.

Each time is the best of a few runs after a warm-up (fonts loaded, caches filled), because
these machines are noisy.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table  # noqa: E402

from journeymap.export.pdf import (
    fonts,  # noqa: E402
    grid,  # noqa: E402
    theme,  # noqa: E402
)
from journeymap.export.pdf.canvas import binary_streams, new_canvas  # noqa: E402
from journeymap.export.pdf.view import build_view  # noqa: E402
from journeymap.export.raci.matrix import raci_matrix, write_raci_pdf, write_raci_xlsx  # noqa: E402
from journeymap.export.sheet.writer import write_map_pdf  # noqa: E402
from tests.synthetic_maps import sample_map  # noqa: E402

RUNS = 3


def best(fn, runs: int = RUNS) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cards_ours(view, out: Path) -> None:
    page = theme.page_size("A3", False)
    with binary_streams():
        c = new_canvas(out, page, title="bench", author="", subject="")
        scale = min(page[0] / view.layout.width, page[1] / view.layout.height)
        c.translate(0, page[1])
        c.scale(scale, scale)
        for card in view.cards:
            grid.draw_card(c, card)
        c.save()


def cards_paragraphs(view, out: Path) -> None:
    """The naive way: a rectangle and one Paragraph (escaped markup) per card."""
    page = theme.page_size("A3", False)
    style = ParagraphStyle("card", fontName=fonts.font_name("cond"), fontSize=10, leading=12)
    with binary_streams():
        c = new_canvas(out, page, title="bench", author="", subject="")
        scale = min(page[0] / view.layout.width, page[1] / view.layout.height)
        c.translate(0, page[1])
        c.scale(scale, scale)
        for card in view.cards:
            r = card.rect
            c.roundRect(r.x, -r.bottom, r.w, r.h, 4)
            raci = " · ".join(f"<b>{k}</b> {escape(', '.join(v))}" for k, v in card.raci)
            markup = (f"<b>{escape(card.title)}</b><br/>{escape(card.channel)} · "
                      f"{escape(card.owner)}<br/>{raci}")
            para = Paragraph(markup, style)
            para.wrapOn(c, r.w - 12, r.h - 8)
            para.drawOn(c, r.x + 6, -r.y - 4 - para.height)
        c.save()


def naive_export(m, view, pages: int, out: Path) -> int:
    """The naive whole export: a platypus index of every field, then as many card pages as
    it takes to reach `pages` in all. Returns the pages written."""
    style = ParagraphStyle("entry", fontName=fonts.font_name("cond"), fontSize=7, leading=8.5)
    head = ParagraphStyle("head", fontName=fonts.font_name("cond-bold"), fontSize=9, leading=11)
    story = []
    stage = None
    for entry in view.index:
        if entry.stage != stage:
            stage = entry.stage
            story.append(Paragraph(f"Stage: {escape(stage)}", head))
        story.append(Paragraph(f"<b>{entry.number} {escape(entry.title)}</b>", style))
        facts = " · ".join(filter(None, [entry.lane, entry.channel, entry.owner, entry.evidence]))
        story.append(Paragraph(escape(facts), style))
        for label, text in entry.details:
            story.append(Paragraph(f"<b>{escape(label)}</b> {escape(text)}", style))
    index = SimpleDocTemplate(str(out.with_suffix(".index.pdf")),
                              pagesize=theme.page_size("A3", False))
    with binary_streams():
        index.build(story)
    index_pages = index.page
    sheets = max(1, pages - index_pages)
    page = theme.page_size("A3", False)
    card_style = ParagraphStyle("card", fontName=fonts.font_name("cond"), fontSize=10, leading=12)
    with binary_streams():
        c = new_canvas(out, page, title="bench", author="", subject="")
        per_page = -(-len(view.cards) // sheets)
        for number in range(sheets):
            cards = view.cards[number * per_page:(number + 1) * per_page]
            left = min((card.rect.x for card in cards), default=0)
            top = min((card.rect.y for card in cards), default=0)
            c.saveState()
            c.translate(20 - left * 0.5, page[1] - 20 + top * 0.5)
            c.scale(0.5, 0.5)
            for card in cards:
                r = card.rect
                c.roundRect(r.x, -r.bottom, r.w, r.h, 4)
                raci = " · ".join(f"<b>{k}</b> {escape(', '.join(v))}" for k, v in card.raci)
                para = Paragraph(f"<b>{escape(card.title)}</b><br/>{escape(card.channel)} · "
                                 f"{escape(card.owner)}<br/>{raci}", card_style)
                para.wrapOn(c, r.w - 12, r.h - 8)
                para.drawOn(c, r.x + 6, -r.y - 4 - para.height)
            c.restoreState()
            c.showPage()
        c.save()
    return index_pages + sheets


def raci_baseline(m, out: Path) -> None:
    matrix = raci_matrix(m)
    data = [["Stage", "Touchpoint", *matrix.roles]]
    data += [[row.stage, row.title, *row.cells] for row in matrix.rows]
    doc = SimpleDocTemplate(str(out), pagesize=theme.page_size("A3", False),
                            initialFontName=fonts.ensure_fonts())
    style = [("FONTNAME", (0, 0), (-1, -1), fonts.font_name("cond")),
             ("FONTSIZE", (0, 0), (-1, -1), 7.5)]
    with binary_streams():
        doc.build([Table(data, repeatRows=1, style=style)])


def main() -> None:
    fonts.ensure_fonts()
    tmp = Path(tempfile.mkdtemp(prefix="jm-bench-"))
    m500 = sample_map(stages=10, lanes=5, per_cell=10, roles=12)
    view = build_view(m500)
    print(f"map: {len(m500.touchpoints)} touchpoints, {len(m500.connections)} connections")
    full = best(lambda: write_map_pdf(m500, tmp / "map.pdf", summary=False))
    full_summary = best(lambda: write_map_pdf(m500, tmp / "map-summary.pdf"))
    pages = len(PdfReader(tmp / "map-summary.pdf").pages)
    naive_pages = naive_export(m500, view, pages, tmp / "naive.pdf")
    naive_full = best(lambda: naive_export(m500, view, pages, tmp / "naive.pdf"))
    ours = best(lambda: cards_ours(view, tmp / "cards.pdf"))
    naive = best(lambda: cards_paragraphs(view, tmp / "cards-para.pdf"))
    print(f"  write_map_pdf, A3 tiled set, no summary : {full:6.3f} s  (target < 1 s)")
    print(f"  write_map_pdf, with journey-check page  : {full_summary:6.3f} s  ({pages} pages)")
    print(f"  naive: Paragraph cards + platypus index : {naive_full:6.3f} s  ({naive_pages} pages; "
          f"baseline, ours is {full_summary / naive_full:.2f}x its time)")
    print(f"  500 cards, canvas-level drawing         : {ours:6.3f} s")
    print(f"  500 cards, one Paragraph per card       : {naive:6.3f} s  (baseline, "
          f"{naive / ours:.1f}x slower)")

    m2000 = sample_map(stages=10, lanes=5, per_cell=40, roles=12)
    print(f"RACI: {len(m2000.touchpoints)} touchpoints x {len(m2000.roles)} roles")
    raci = best(lambda: write_raci_pdf(m2000, tmp / "raci.pdf"), runs=2)
    table = best(lambda: raci_baseline(m2000, tmp / "raci-plain.pdf"), runs=2)
    xlsx = best(lambda: write_raci_xlsx(m2000, tmp / "raci.xlsx"), runs=1)
    print(f"  write_raci_pdf (matrix, roles, checks)  : {raci:6.3f} s  (target < 2 s)")
    print(f"  one plain-string Table(repeatRows=1)    : {table:6.3f} s  (baseline, matrix only)")
    print(f"  write_raci_xlsx                         : {xlsx:6.3f} s")


if __name__ == "__main__":
    main()
