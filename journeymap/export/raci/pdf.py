"""The RACI matrix as a PDF: the matrix grouped by stage, a per-role summary, the checks.

The matrix is laid out before anything is drawn (`_fit`): the touchpoint column is as wide
as its longest title measured in the real fonts (up to a limit; longer titles wrap), and a
matrix that fits on one page grows its type and rows to use the sheet, up to a comfortable
maximum. Rows have known heights, so tables are cut into page-sized chunks here; each chunk
is its own `Table(repeatRows=1)`, which keeps the header row on every page and spares
reportlab from splitting one 2,000-row table again and again.

Letters are coloured per letter (`palette`, the workbook's colours). Plain cells are plain
strings in the embedded DejaVu faces (reportlab centres them in the row); only text that
needs a fallback font or right-to-left shaping, and cells with several letters, go through
small Flowables using the map PDF's text engine, drawn to sit where a string would.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

from ...io.safe_output import binary_output
from ...model import Map
from ..pdf import theme, typeset
from ..pdf.canvas import binary_streams
from ..pdf.fonts import ensure_fonts, font_for_char, font_name
from .matrix import RaciMatrix
from .palette import LETTER_STYLES, cell_letter

BASE_PT = 7.5  # the matrix's type when it runs over several pages; the summary and checks
LEADING = 1.2  # line spacing, times the type size
ROW_PAD = 0.53  # a one-line row is (LEADING + ROW_PAD) x the type size high
MAX_ROW_PAD = 1.1  # ... at most, when a small matrix stretches its rows to the page
GROW_PT = 12.0  # a small matrix's type grows up to this on A4/A3, more on bigger sheets
SIDE_PAD = 0.4  # left and right cell padding, times the type size
MIN_ROLE_W = 3.5  # a role column's narrowest and widest, times the type size
MAX_ROLE_W = 9.0
HEADER_BAND = 34.0
FOOTER_BAND = 18.0
HEADING_H = 30.0  # a section heading: title and note
HEADING_GAP = 10.0  # between a heading and its table
SECTION_GAP = 22.0  # between one section's table and the next heading
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")

INKS = {letter: colors.HexColor("#" + style.ink) for letter, style in LETTER_STYLES.items()}
FILLS = {letter: colors.HexColor("#" + style.fill) for letter, style in LETTER_STYLES.items()}
LETTER_FONTS = {letter: "bold" if style.bold else "regular"
                for letter, style in LETTER_STYLES.items()}


# -- cells ------------------------------------------------------------------------------------
class _Lines(Flowable):
    """Pre-wrapped lines drawn with the map PDF's text engine (fallback fonts, RTL), placed
    exactly as reportlab places a string cell of the same lines."""

    def __init__(self, lines: list[str], style: str, size: float, colour,
                 align: str = "left") -> None:
        super().__init__()
        self.lines, self.style, self.size, self.colour, self.align = lines, style, size, colour, align

    def wrap(self, avail_w, avail_h):
        self.width, self.height = avail_w, len(self.lines) * self.size * LEADING
        return avail_w, self.height

    def draw(self):
        c = self.canv
        c.setFillColor(self.colour)
        x = {"left": 0, "center": self.width / 2, "right": self.width}[self.align]
        y = self.height - self.size
        for line in self.lines:
            typeset.draw(c, x, y, line, self.style, self.size, self.align)
            y -= self.size * LEADING


class _Letters(Flowable):
    """A cell with several letters ("R/A"): each letter in its own ink and weight."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.value = value
        self.segments = []
        for index, letter in enumerate(value.split("/")):
            if index:
                self.segments.append(("/", "regular", size, theme.MUTED))
            self.segments.append((letter, LETTER_FONTS[letter], size, INKS[letter]))
        self.size = size

    def wrap(self, avail_w, avail_h):
        self.width, self.height = avail_w, self.size * LEADING
        return avail_w, self.height

    def draw(self):
        typeset.draw_segments(self.canv, self.width / 2, self.height - self.size, self.segments,
                              "center")


def letters_width(value: str, size: float) -> float:
    parts = value.split("/")
    return (sum(typeset.width(p, LETTER_FONTS[p], size) for p in parts)
            + typeset.width("/", "regular", size) * (len(parts) - 1))


def _plain(text: str, style: str) -> bool:
    """Can reportlab draw this as a plain string in the style's own face?"""
    if text.isascii():
        return True
    own = font_name(style)
    return not _RTL.search(text) and all(font_for_char(style, ch) == own for ch in text)


def _wrapped(text: str, style: str, size: float, width: float, colour=theme.INK,
             align: str = "left"):
    """(cell value, line count): the whole text wrapped to `width`, never cut."""
    lines = typeset.wrap(text, style, size, width)[0] or [""]
    if all(_plain(line, style) for line in lines):
        return "\n".join(lines), len(lines)
    return _Lines(lines, style, size, colour, align), len(lines)


def _base_style(size: float, pad: float) -> list:
    return [
        ("FONTNAME", (0, 0), (-1, -1), font_name("cond")),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), theme.INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("BACKGROUND", (0, 0), (-1, 0), theme.INK),
        ("TEXTCOLOR", (0, 0), (-1, 0), theme.WHITE),
        ("FONTNAME", (0, 0), (-1, 0), font_name("cond-bold")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, theme.RULE),
    ]


def _row_height(lines: int, size: float, pad: float = ROW_PAD) -> float:
    return (lines * LEADING + pad) * size


@dataclass
class _Row:
    cells: list  # values, or a ("stage", name) marker until the chunk is known
    height: float

    @property
    def is_stage(self) -> bool:
        return isinstance(self.cells, tuple)


def _pages(rows: list[_Row], first_room: float, room: float, continued) -> list[list[_Row]]:
    """Chunks that fit: `first_room` on the first page, `room` on the others. `continued`
    (or None) makes the row that opens a page in the middle of a group."""
    chunks: list[list[_Row]] = []
    start = 0
    while start < len(rows) or not chunks:
        space = room if chunks else first_room
        chunk: list[_Row] = []
        if chunks and continued is not None and not rows[start].is_stage:
            chunk.append(continued(start))
        used = sum(r.height for r in chunk)
        end = start
        while end < len(rows) and (used + rows[end].height <= space or end == start):
            used += rows[end].height
            end += 1
        if end - start > 1 and end < len(rows) and rows[end - 1].is_stage:
            end -= 1  # a stage row never ends a page
        chunk += rows[start:end]
        chunks.append(chunk)
        start = end
    return chunks


# -- the matrix ---------------------------------------------------------------------------------
@dataclass
class _Layout:
    size: float
    pad: float  # side padding
    title_w: float
    role_w: float
    groups: list[list[int]]
    row_pad: float = ROW_PAD

    @property
    def head_size(self) -> float:
        return self.size * 0.95


def _layout(matrix: RaciMatrix, width: float, size: float) -> _Layout:
    pad = SIDE_PAD * size
    longest = max((typeset.width(row.title, "cond", size) for row in matrix.rows), default=0.0)
    head = typeset.width("Touchpoint", "cond-bold", size * 0.95)
    n_roles = max(1, len(matrix.roles))
    widest_cell = max((letters_width(value, size) for row in matrix.rows for value in row.cells
                       if value), default=0.0)
    # a role column holds its widest cell and each word of the role names whole (a word
    # longer than the widest column breaks)
    longest_word = max((typeset.width(word, "cond-bold", size * 0.95) for role in matrix.roles
                        for word in role.split()), default=0.0)
    min_role = max(MIN_ROLE_W * size, widest_cell + 2 * pad,
                   min(MAX_ROLE_W * size, longest_word + 2 * pad + 1))
    # the touchpoint column: as wide as the longest title, leaving room for the roles
    limit = max(width * 0.25, min(width * 0.45, width - min(n_roles, 8) * min_role))
    title_w = min(limit, max(longest, head) + 2 * pad + 1)
    per_group = max(1, int((width - title_w) // min_role))
    count = math.ceil(n_roles / per_group)
    per_group = math.ceil(n_roles / count)  # balanced: 7 + 7 rather than 11 + 3
    indices = list(range(len(matrix.roles)))
    groups = [indices[i:i + per_group] for i in range(0, len(indices), per_group)] or [[]]
    role_w = max(min_role, min(MAX_ROLE_W * size, (width - title_w) / per_group))
    return _Layout(size, pad, title_w, role_w, groups)


def _header(matrix: RaciMatrix, lay: _Layout, group: list[int]) -> tuple[list, float]:
    size, inner = lay.head_size, lay.role_w - 2 * lay.pad
    cells = [_wrapped("Touchpoint", "cond-bold", size, lay.title_w - 2 * lay.pad, theme.WHITE)[0]]
    lines = 1
    for i in group:
        cell, count = _wrapped(matrix.roles[i], "cond-bold", size, inner, theme.WHITE, "center")
        cells.append(cell)
        lines = max(lines, count)
    return cells, _row_height(lines, size, ROW_PAD + 0.4)


def _body(matrix: RaciMatrix, lay: _Layout, group: list[int]) -> list[_Row]:
    """The rows with a stage row before each stage's touchpoints."""
    size, inner = lay.size, lay.title_w - 2 * lay.pad
    out: list[_Row] = []
    stage = None
    for row in matrix.rows:
        if row.stage_id != stage:
            stage = row.stage_id
            out.append(_Row(("stage", row.stage), _stage_height(row.stage, lay, group)))
        title, lines = _wrapped(row.title, "cond", size, inner)
        cells = [title] + [_letter_cell(row.cells[i], size) for i in group]
        out.append(_Row(cells, _row_height(lines, size, lay.row_pad)))
    return out


def _letter_cell(value: str, size: float):
    return value if "/" not in value else _Letters(value, size)


def _table_w(lay: _Layout, group: list[int]) -> float:
    return lay.title_w + lay.role_w * len(group)


def _stage_height(name: str, lay: _Layout, group: list[int]) -> float:
    lines = len(typeset.wrap(name, "cond-bold", lay.size, _table_w(lay, group) - 2 * lay.pad)[0])
    return _row_height(max(1, lines), lay.size, lay.row_pad)


def _fits_one_page(matrix: RaciMatrix, lay: _Layout, height: float) -> bool:
    return all(_header(matrix, lay, g)[1] + sum(r.height for r in _body(matrix, lay, g)) <= height
               for g in lay.groups)


def _fit(matrix: RaciMatrix, width: float, height: float, page) -> _Layout:
    """The biggest type (from BASE_PT up) at which each role group's matrix still fits on one
    page with no more groups than at BASE_PT, then rows stretched toward the page height.
    A matrix longer than a page keeps BASE_PT."""
    base = _layout(matrix, width, BASE_PT)
    if not _fits_one_page(matrix, base, height):
        return base
    top = GROW_PT * max(1.0, min(page) / 842.0)
    size = math.floor(top * 2) / 2
    while size > BASE_PT:
        lay = _layout(matrix, width, size)
        if len(lay.groups) <= len(base.groups) and _fits_one_page(matrix, lay, height):
            break
        size -= 0.5
    else:
        lay = base
    # stretch the rows into the space left, up to MAX_ROW_PAD
    tallest = max(_header(matrix, lay, g)[1] + sum(r.height for r in _body(matrix, lay, g))
                  for g in lay.groups)
    count = max(len(_body(matrix, lay, g)) for g in lay.groups)
    if count:
        lay.row_pad = min(MAX_ROW_PAD, ROW_PAD + (height - tallest) / count / lay.size * 0.999)
    return lay


def _matrix_story(matrix: RaciMatrix, width: float, height: float, page) -> list:
    lay = _fit(matrix, width, height, page)
    story: list = []
    for number, group in enumerate(lay.groups):
        if number:
            story.append(PageBreak())
        header, head_h = _header(matrix, lay, group)
        body = _body(matrix, lay, group)

        def continued(start: int, body=body, group=group) -> _Row:
            name = next(r.cells[1] for r in reversed(body[:start]) if r.is_stage)
            text = f"{name} (continued)"
            return _Row(("stage", text), _stage_height(text, lay, group))

        room = height - head_h
        widths = [lay.title_w] + [lay.role_w] * len(group)
        story += [_matrix_table(header, head_h, chunk, widths, lay)
                  for chunk in _pages(body, room, room, continued)]
    return story


def _matrix_table(header: list, head_h: float, chunk: list[_Row], widths: list[float],
                  lay: _Layout) -> Table:
    data = [header]
    heights = [head_h]
    style = _base_style(lay.size, lay.pad) + [
        ("FONTSIZE", (0, 0), (-1, 0), lay.head_size),
        ("LEADING", (0, 0), (-1, 0), lay.head_size * LEADING),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("LINEAFTER", (0, 0), (-2, -1), 0.25, theme.RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, theme.CARD_EDGE),
    ]
    for item in chunk:
        row = len(data)
        heights.append(item.height)
        if item.is_stage:
            text, _lines = _wrapped(item.cells[1], "cond-bold", lay.size, sum(widths) - 2 * lay.pad)
            data.append([text] + [""] * (len(widths) - 1))
            style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), theme.PANEL),
                      ("FONTNAME", (0, row), (-1, row), font_name("cond-bold")),
                      ("ALIGN", (0, row), (-1, row), "LEFT")]
            continue
        data.append(item.cells)
        for col, value in enumerate(item.cells[1:], start=1):
            if not value:
                continue
            letter = cell_letter(value if isinstance(value, str) else value.value)
            style.append(("BACKGROUND", (col, row), (col, row), FILLS[letter]))
            if isinstance(value, str):
                style += [("TEXTCOLOR", (col, row), (col, row), INKS[letter]),
                          ("FONTNAME", (col, row), (col, row), font_name(LETTER_FONTS[letter]))]
    return Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, style=style,
                 hAlign="LEFT")


# -- summary and checks --------------------------------------------------------------------------
class _Heading(Flowable):
    """A section title with a one-line note under it, and a gap before the table."""

    def __init__(self, title: str, note: str = "") -> None:
        super().__init__()
        self.title, self.note = title, note

    def wrap(self, avail_w, avail_h):
        self.width, self.height = avail_w, HEADING_H + HEADING_GAP
        return avail_w, self.height

    def draw(self):
        c = self.canv
        c.setFillColor(theme.INK)
        typeset.draw(c, 0, HEADING_GAP + HEADING_H - 13, self.title, "bold", 13)
        if self.note:
            c.setFillColor(theme.MUTED)
            typeset.draw(c, 0, HEADING_GAP + 3,
                         typeset.ellipsize(self.note, "cond", 8, self.width), "cond", 8)


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


def _small_row(cells_and_lines: list[tuple]) -> _Row:
    lines = max(count for _cell, count in cells_and_lines)
    return _Row([cell for cell, _count in cells_and_lines], _row_height(lines, BASE_PT))


def _summary_rows(matrix: RaciMatrix, widths: list[float]) -> tuple[list[_Row], list]:
    pad = SIDE_PAD * BASE_PT
    top = max((load.share for load in matrix.loads), default=0.0) or 1.0
    rows, style = [], []
    for index, load in enumerate(matrix.loads, start=1):
        name = load.name + ("  overloaded" if load.overloaded else "")
        cells = [_wrapped(name, "cond", BASE_PT, widths[0] - 2 * pad)]
        cells += [(str(load.counts[x]), 1) for x in "RACI"]
        cells += [(str(load.total), 1), (f"{load.share * 100:.0f} %", 1),
                  (_Bar(load.share / top, load.overloaded), 1)]
        rows.append(_small_row(cells))
        if load.overloaded:
            style += [("BACKGROUND", (0, index), (-1, index), theme.tint(theme.ERROR, 0.85)),
                      ("TEXTCOLOR", (0, index), (-1, index), theme.ERROR),
                      ("FONTNAME", (0, index), (-1, index), font_name("cond-bold"))]
    return rows, style


def _summary_story(matrix: RaciMatrix, width: float, height: float) -> tuple[list, float]:
    """The story and the height its last page uses."""
    widths = [width * 0.3] + [36.0] * 5 + [60.0]
    widths.append(width - sum(widths))
    header = ["Role", "R", "A", "C", "I", "Total", "R+A share", "Load (longest bar = largest share)"]
    rows, extra = _summary_rows(matrix, widths)
    style = _base_style(BASE_PT, SIDE_PAD * BASE_PT) + [("ALIGN", (1, 0), (6, -1), "CENTER")]
    for col, letter in enumerate("RACI", start=1):  # the letter columns in the letters' colours
        style += [("BACKGROUND", (col, 0), (col, 0), FILLS[letter]),
                  ("TEXTCOLOR", (col, 0), (col, 0), INKS[letter]),
                  ("FONTNAME", (col, 0), (col, 0), font_name(LETTER_FONTS[letter]))]
    over = [load.name for load in matrix.loads if load.overloaded]
    note = ("Overloaded: " + ", ".join(over) + " — a share of R and A above "
            "max(40 %, 2 / number of roles).") if over else "No role carries a disproportionate share."
    story: list = [_Heading("Roles", note)]
    used = _paged_tables(story, header, rows, widths, style, extra,
                         height - HEADING_H - HEADING_GAP, height)
    return story, used


def _paged_tables(story: list, header: list, rows: list[_Row], widths: list[float],
                  style: list, row_style: list, first_room: float, room: float) -> float:
    """Append the rows as page-sized tables with the header repeated; `row_style` commands
    address rows of the whole list (1 = the first body row). Returns the height used on
    the last page."""
    head_h = _row_height(1, BASE_PT)
    chunks = _pages(rows, first_room - head_h, room - head_h, None)
    start = 0
    used = 0.0
    for chunk in chunks:
        shift = start
        local = [(cmd, (c0, r0 - shift), (c1, r1 - shift), *rest)
                 for cmd, (c0, r0), (c1, r1), *rest in row_style
                 if shift < r0 <= shift + len(chunk)]
        table = Table([header] + [r.cells for r in chunk], colWidths=widths,
                      rowHeights=[head_h] + [r.height for r in chunk], repeatRows=1,
                      style=style + local, hAlign="LEFT")
        story.append(table)
        used = head_h + sum(r.height for r in chunk)
        start += len(chunk)
    return used + (room - first_room if len(chunks) == 1 else 0)


def _checks_story(matrix: RaciMatrix, width: float, height: float, room: float) -> list:
    """`height` of a page's frame; `room` left on the page where the checks begin."""
    count = len(matrix.checks)
    note = (f"{count} problem{'s' if count != 1 else ''}: every touchpoint needs exactly one "
            "accountable (A) and at least one responsible (R) role." if count
            else "Every touchpoint has one accountable and a responsible role.")
    story: list = [Spacer(1, SECTION_GAP), _Heading("Checks", note)]
    room -= SECTION_GAP + HEADING_H + HEADING_GAP
    if not count:
        return story
    pad = SIDE_PAD * BASE_PT
    widths = [width * 0.22, width * 0.43, width * 0.35]
    rows = [_small_row([_wrapped(c.stage, "cond", BASE_PT, widths[0] - 2 * pad),
                        _wrapped(c.title, "cond", BASE_PT, widths[1] - 2 * pad),
                        _wrapped(c.problem, "cond", BASE_PT, widths[2] - 2 * pad, theme.ERROR)])
            for c in matrix.checks]
    style = _base_style(BASE_PT, pad) + [("TEXTCOLOR", (2, 1), (2, -1), theme.ERROR)]
    head_h = _row_height(1, BASE_PT)
    if room < head_h + 3 * rows[0].height:  # not even a few rows: the checks start a page
        story = [PageBreak()] + story[1:]
        room = height - HEADING_H - HEADING_GAP
    _paged_tables(story, ["Stage", "Touchpoint", "Problem"], rows, widths, style, [], room,
                  height)
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
    story = _matrix_story(matrix, width, height, page)
    summary, used = _summary_story(matrix, width, height)
    story += [PageBreak()] + summary
    story += _checks_story(matrix, width, height, height - used)
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
