"""The RACI matrix as a PDF: the matrix grouped by stage, a per-role summary, the checks.

Tables are cut into page-sized chunks by this module (rows have a fixed height, so the cut
is exact); each chunk is its own `Table(repeatRows=1)`, which keeps the header row on every
page and spares reportlab from splitting one 2,000-row table again and again. Plain cells
are plain strings in the embedded DejaVu face; only text that needs a fallback font or
right-to-left shaping goes through a small Flowable using the map PDF's text engine.
"""

from __future__ import annotations

import io
import re

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Table

from ...io.safe_output import binary_output
from ...model import Map
from ..pdf import theme, typeset
from ..pdf.canvas import binary_streams
from ..pdf.fonts import ensure_fonts, font_for_char, font_name
from .matrix import RaciMatrix, RaciRow

ROW_H = 13.0
HEAD_LINES = 3
HEAD_H = HEAD_LINES * 8.5 + 7
TEXT_PT = 7.5
HEADER_BAND = 34.0
FOOTER_BAND = 16.0
MIN_ROLE_W = 26.0
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


class _Cell(Flowable):
    """Text drawn with the map PDF's text engine (fallback fonts, RTL), wrapped to at most
    `lines` lines with an ellipsis on the last."""

    def __init__(self, text: str, style: str = "cond", size: float = TEXT_PT, colour=theme.INK,
                 lines: int = 1, align: str = "left") -> None:
        super().__init__()
        self.text, self.style, self.size, self.colour = text, style, size, colour
        self.lines, self.align = lines, align
        self._wrapped: list[str] = []

    def wrap(self, avail_w, avail_h):
        self.width = avail_w
        self._wrapped = typeset.wrap(self.text, self.style, self.size, avail_w, self.lines)[0] or [""]
        self.height = len(self._wrapped) * self.size * 1.15
        return avail_w, self.height

    def draw(self):
        c = self.canv
        c.setFillColor(self.colour)
        y = self.height - self.size * 0.95
        for line in self._wrapped:
            x = {"left": 0, "center": self.width / 2, "right": self.width}[self.align]
            typeset.draw(c, x, y, line, self.style, self.size, self.align)
            y -= self.size * 1.15


class _Bar(Flowable):
    def __init__(self, share: float, overloaded: bool) -> None:
        super().__init__()
        self.share, self.overloaded = share, overloaded

    def wrap(self, avail_w, avail_h):
        self.width, self.height = avail_w, 7
        return avail_w, 7

    def draw(self):
        c = self.canv
        c.setFillColor(theme.PANEL)
        c.rect(0, 0, self.width, 7, fill=1, stroke=0)
        c.setFillColor(theme.ERROR if self.overloaded else theme.ACCENT)
        c.rect(0, 0, self.width * min(1.0, self.share), 7, fill=1, stroke=0)


def _plain(text: str, style: str) -> bool:
    """Can reportlab draw this as a plain string in the style's own face?"""
    if text.isascii():
        return True
    own = font_name(style)
    return not _RTL.search(text) and all(font_for_char(style, ch) == own for ch in text)


def _text_cell(text: str, width: float, style: str = "cond", size: float = TEXT_PT):
    text = typeset.clean(text)
    if _plain(text, style):
        return typeset.ellipsize(text, style, size, width)
    return _Cell(text, style, size)


def _base_style(columns: int) -> list:
    return [
        ("FONTNAME", (0, 0), (-1, -1), font_name("cond")),
        ("FONTSIZE", (0, 0), (-1, -1), TEXT_PT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), theme.INK),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, theme.RULE),
    ]


# -- the matrix ---------------------------------------------------------------------------------
def _role_groups(roles: list[str], width: float) -> tuple[list[list[int]], float]:
    title_w = max(160.0, min(420.0, width * 0.34))
    per_group = max(1, int((width - title_w) // MIN_ROLE_W))
    indices = list(range(len(roles)))
    groups = [indices[i:i + per_group] for i in range(0, len(indices), per_group)] or [[]]
    return groups, title_w


def _matrix_story(matrix: RaciMatrix, width: float, height: float) -> list:
    story: list = []
    groups, title_w = _role_groups(matrix.roles, width)
    for number, group in enumerate(groups):
        if number:
            story.append(PageBreak())
        role_w = min(70.0, (width - title_w) / max(1, len(group)))
        widths = [width - role_w * len(group)] + [role_w] * len(group)
        header = [_Cell("Touchpoint", "cond-bold", TEXT_PT, theme.WHITE, 1)] + [
            _Cell(matrix.roles[i], "cond-bold", 7.0, theme.WHITE, HEAD_LINES, "center") for i in group]
        per_page = max(1, int((height - HEAD_H - 2) // ROW_H))
        body = _matrix_rows(matrix.rows, group, widths[0])
        story += [_matrix_table(header, chunk, widths) for chunk in _pages(body, per_page)]
    return story


def _pages(body: list, per_page: int) -> list[list]:
    """Page-sized chunks; a page that goes on with a stage starts with a "(continued)"
    stage row, and a stage row never ends a page."""
    chunks: list[list] = []
    start = 0
    while start < len(body) or not chunks:
        chunk: list = []
        if start and not isinstance(body[start], tuple):
            chunk.append(("stage", f"{_stage_of_continuation(body, start)} (continued)"))
        take = max(1, per_page - len(chunk))
        if take > 1 and start + take < len(body) and isinstance(body[start + take - 1], tuple):
            take -= 1
        chunk += body[start:start + take]
        chunks.append(chunk)
        start += take
    return chunks


def _matrix_rows(rows: list[RaciRow], group: list[int], title_w: float) -> list:
    """Table rows with a stage row before each stage's touchpoints; a stage row is a tuple
    ("stage", name) until the chunk is known."""
    out: list = []
    stage = None
    for row in rows:
        if row.stage_id != stage:
            stage = row.stage_id
            out.append(("stage", row.stage))
        out.append([_text_cell(row.title, title_w - 6)] + [row.cells[i] for i in group])
    return out


def _matrix_table(header: list, chunk: list, widths: list[float]) -> Table:
    data = [header]
    style = _base_style(len(widths)) + [
        ("FONTNAME", (1, 1), (-1, -1), font_name("bold")),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("LINEAFTER", (0, 0), (-2, -1), 0.25, theme.RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [theme.WHITE, theme.tint(theme.PANEL, 0.4)]),
    ]
    for item in chunk:
        if isinstance(item, tuple):
            row = len(data)
            data.append([_text_cell(item[1], widths[0] - 6, "cond-bold", 8.0)]
                        + [""] * (len(widths) - 1))
            style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), theme.PANEL),
                      ("FONTNAME", (0, row), (-1, row), font_name("cond-bold"))]
        else:
            data.append(item)
    heights = [HEAD_H] + [ROW_H] * (len(data) - 1)
    return Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, style=style)


def _stage_of_continuation(rows: list, start: int) -> str | None:
    for item in reversed(rows[:start]):
        if isinstance(item, tuple):
            return item[1]
    return None


# -- summary and checks --------------------------------------------------------------------------
class _Heading(Flowable):
    def __init__(self, title: str, note: str = "") -> None:
        super().__init__()
        self.title, self.note = title, note

    def wrap(self, avail_w, avail_h):
        self.width, self.height = avail_w, 34
        return avail_w, 34

    def draw(self):
        c = self.canv
        c.setFillColor(theme.INK)
        typeset.draw(c, 0, 18, self.title, "bold", 13)
        if self.note:
            c.setFillColor(theme.MUTED)
            typeset.draw(c, 0, 5, typeset.ellipsize(self.note, "cond", 8, self.width), "cond", 8)


def _summary_story(matrix: RaciMatrix, width: float) -> list:
    widths = [width * 0.3] + [36.0] * 5 + [60.0]
    widths.append(width - sum(widths))
    header = ["Role", "R", "A", "C", "I", "Total", "R+A share", "Load (longest bar = largest share)"]
    data: list = [header]
    style = _base_style(len(widths)) + [
        ("TEXTCOLOR", (0, 0), (-1, 0), theme.WHITE),
        ("FONTNAME", (0, 0), (-1, 0), font_name("cond-bold")),
        ("ALIGN", (1, 0), (6, -1), "CENTER"),
    ]
    top = max((load.share for load in matrix.loads), default=0.0) or 1.0
    for index, load in enumerate(matrix.loads, start=1):
        note = "  overloaded" if load.overloaded else ""
        data.append([_text_cell(load.name + note, widths[0] - 6),
                     *(str(load.counts[x]) for x in "RACI"), str(load.total),
                     f"{load.share * 100:.0f} %", _Bar(load.share / top, load.overloaded)])
        if load.overloaded:
            style += [("BACKGROUND", (0, index), (-1, index), theme.tint(theme.ERROR, 0.85)),
                      ("TEXTCOLOR", (0, index), (-1, index), theme.ERROR),
                      ("FONTNAME", (0, index), (-1, index), font_name("cond-bold"))]
    over = [load.name for load in matrix.loads if load.overloaded]
    note = ("Overloaded: " + ", ".join(over) + " — a share of R and A above "
            "max(40 %, 2 / number of roles).") if over else "No role carries a disproportionate share."
    return [_Heading("Roles", note),
            Table(data, colWidths=widths, rowHeights=[ROW_H + 2] * len(data), repeatRows=1,
                  style=style)]


def _checks_story(matrix: RaciMatrix, width: float, height: float, room: float) -> list:
    """`height` of a page's frame; `room` left on the page where the checks begin."""
    count = len(matrix.checks)
    note = (f"{count} problem{'s' if count != 1 else ''}: every touchpoint needs exactly one "
            "accountable (A) and at least one responsible (R) role." if count
            else "Every touchpoint has one accountable and a responsible role.")
    story: list = [_Heading("Checks", note)]
    if not count:
        return story
    widths = [width * 0.22, width * 0.43, width * 0.35]
    header = ["Stage", "Touchpoint", "Problem"]
    rows = [[_text_cell(c.stage, widths[0] - 6), _text_cell(c.title, widths[1] - 6),
             _text_cell(c.problem, widths[2] - 6)] for c in matrix.checks]
    style = _base_style(3) + [("TEXTCOLOR", (0, 0), (-1, 0), theme.WHITE),
                              ("FONTNAME", (0, 0), (-1, 0), font_name("cond-bold")),
                              ("TEXTCOLOR", (2, 1), (2, -1), theme.ERROR)]
    first = int((room - 34 - ROW_H - 2) // ROW_H)
    if first < 3:
        story.insert(0, PageBreak())
        first = int((height - 34 - ROW_H - 2) // ROW_H)
    per_page = max(1, int((height - ROW_H - 2) // ROW_H))
    start = 0
    while start < len(rows):
        size = first if start == 0 else per_page
        chunk = rows[start:start + size]
        story.append(Table([header] + chunk, colWidths=widths,
                           rowHeights=[ROW_H] * (len(chunk) + 1), repeatRows=1, style=style))
        start += size
    return story


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
    story = _matrix_story(matrix, width, height)
    story += [PageBreak()] + _summary_story(matrix, width)
    room = height - _summary_height(matrix) % height
    story += _checks_story(matrix, width, height, room)
    with binary_streams():
        doc.build(story)
    with binary_output(out) as stream:
        stream.write(pdf.getvalue())


def _summary_height(matrix: RaciMatrix) -> float:
    return 34 + (ROW_H + 2) * (len(matrix.loads) + 1)


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
        typeset.draw(canvas, page[0] - mg, top - 14, typeset.ellipsize(facts, "cond", 8, page[0] * 0.35),
               "cond", 8, "right")
        canvas.setStrokeColor(theme.INK)
        canvas.setLineWidth(1)
        canvas.line(mg, top - 20, page[0] - mg, top - 20)
        canvas.setFillColor(theme.MUTED)
        typeset.draw(canvas, mg, mg + 2, "R responsible · A accountable · C consulted · I informed",
               "cond", theme.FOOTER_PT)
        typeset.draw(canvas, page[0] - mg, mg + 2, f"page {doc.page}", "cond", theme.FOOTER_PT, "right")
    return on_page

