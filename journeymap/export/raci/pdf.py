"""The RACI matrix as a PDF: the matrix grouped by stage, a per-role summary, the checks.

The matrix is laid out before anything is drawn (`matrix_layout.fit`): the touchpoint
column is as wide as its longest title measured in the real fonts (up to a limit; longer
titles wrap), and a matrix that fits on one page grows its type and rows to use the sheet,
up to a comfortable maximum. Rows have known heights, so the matrix is cut into pages here
(`cells.pages`), each page one Flowable that writes its fills, text and rules straight into
the content stream (`matrix_page`), with the header row repeated on every page. The summary
and the checks are reportlab Tables (`summary`). Letters are coloured per letter (`palette`,
the workbook's colours).
"""

from __future__ import annotations

import io

from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
)

from ...io.safe_output import binary_output
from ...model import Map
from ..pdf import theme, typeset
from ..pdf.canvas import binary_streams
from ..pdf.fonts import ensure_fonts
from .cells import FILLS, FOOTER_BAND, HEADER_BAND, INKS, LETTER_FONTS
from .matrix import RaciMatrix
from .matrix_page import matrix_story
from .palette import LETTER_STYLES
from .summary import checks_story, summary_story


# -- the document ---------------------------------------------------------------------------------
def write_pdf(matrix: RaciMatrix, m: Map, out, *, paper: str = "A3",
              portrait: bool = False) -> None:
    """Write the RACI PDF to `out`: a path (replaced all or nothing) or a binary stream."""
    page = theme.page_size(paper, portrait)
    base = ensure_fonts()
    mg = theme.margin(page)
    width = page[0] - 2 * mg
    height = page[1] - 2 * mg - HEADER_BAND - FOOTER_BAND
    frame = Frame(mg, mg + FOOTER_BAND, width, height, 0, 0, 0, 0, id="body")
    pdf = io.BytesIO()  # the whole file is made before anything is written to `out`
    doc = BaseDocTemplate(pdf, pagesize=page, title=f"RACI — {m.name}", author=m.owner,
                          subject="Responsibility matrix (RACI) of a journey map",
                          creator="Journeymap", initialFontName=base, initialFontSize=9,
                          leftMargin=mg, rightMargin=mg, topMargin=mg, bottomMargin=mg)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_chrome(m, page, mg))])
    story = matrix_story(matrix, width, height, page)
    summary, used = summary_story(matrix, width, height)
    story += [PageBreak()] + summary
    story += checks_story(matrix, width, height, height - used)
    with binary_streams():
        doc.build(story)
    with binary_output(out) as stream:
        stream.write(pdf.getvalue())


def _chrome(m: Map, page: tuple[float, float], mg: float):
    def on_page(canvas, doc) -> None:
        top = page[1] - mg
        canvas.setFillColor(theme.INK)
        w = typeset.draw(canvas, mg, top - 14, typeset.ellipsize(m.name, "bold", 12, page[0] * 0.5),
                         "bold", 12)
        canvas.setFillColor(theme.MUTED)
        typeset.draw(canvas, mg + w + 10, top - 14, "RACI matrix", "cond", 9)
        facts = " · ".join(x for x in (m.owner, m.date, f"version {m.version}" if m.version
                                       else "") if x)
        typeset.draw(canvas, page[0] - mg, top - 14,
                     typeset.ellipsize(facts, "cond", 8, page[0] * 0.35), "cond", 8, "right")
        canvas.setStrokeColor(theme.INK)
        canvas.setLineWidth(1)
        canvas.line(mg, top - 20, page[0] - mg, top - 20)
        _legend(canvas, mg, mg + 2)
        canvas.setFillColor(theme.MUTED)
        typeset.draw(canvas, page[0] - mg, mg + 2, f"page {doc.page}", "cond", theme.FOOTER_PT,
                     "right")
    return on_page


def _legend(canvas, x: float, y: float) -> None:
    """The letters' key in the footer: each letter in its cell colours, then its meaning."""
    size = theme.FOOTER_PT + 0.5
    for letter, style in LETTER_STYLES.items():
        box = size * 1.6
        canvas.setFillColor(FILLS[letter])
        canvas.rect(x, y - size * 0.35, box, size * 1.45, fill=1, stroke=0)
        canvas.setFillColor(INKS[letter])
        typeset.draw(canvas, x + box / 2, y, letter, LETTER_FONTS[letter], size, "center")
        canvas.setFillColor(theme.MUTED)
        x += box + 3 + typeset.draw(canvas, x + box + 3, y, style.meaning, "cond", theme.FOOTER_PT)
        x += 10
