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
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import ShapedStr
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
    cells: list  # the cells, or ("stage", name, lines) for a stage row of the matrix
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


def _lines(text: str, style: str, size: float, width: float) -> list[str]:
    """The whole text wrapped to `width`, never cut."""
    return typeset.wrap(text, style, size, width)[0] or [""]


def _header(matrix: RaciMatrix, lay: _Layout, group: list[int]) -> tuple[list, float]:
    """Each header cell's lines, and the header row's height."""
    size, inner = lay.head_size, lay.role_w - 2 * lay.pad
    cells = [_lines("Touchpoint", "cond-bold", size, lay.title_w - 2 * lay.pad)]
    cells += [_lines(matrix.roles[i], "cond-bold", size, inner) for i in group]
    return cells, _row_height(max(len(lines) for lines in cells), size, ROW_PAD + 0.4)


def _body(matrix: RaciMatrix, lay: _Layout, group: list[int]) -> list[_Row]:
    """The rows (the title's lines, then the group's letters) with a stage row before each
    stage's touchpoints."""
    size, inner = lay.size, lay.title_w - 2 * lay.pad
    out: list[_Row] = []
    stage = None
    for row in matrix.rows:
        if row.stage_id != stage:
            stage = row.stage_id
            out.append(_stage_row(row.stage, lay, group))
        title = _lines(row.title, "cond", size, inner)
        out.append(_Row([title] + [row.cells[i] for i in group],
                        _row_height(len(title), size, lay.row_pad)))
    return out


def _table_w(lay: _Layout, group: list[int]) -> float:
    return lay.title_w + lay.role_w * len(group)


def _stage_row(name: str, lay: _Layout, group: list[int]) -> _Row:
    lines = _lines(name, "cond-bold", lay.size, _table_w(lay, group) - 2 * lay.pad)
    return _Row(("stage", name, lines), _row_height(len(lines), lay.size, lay.row_pad))


def _group_height(matrix: RaciMatrix, lay: _Layout, group: list[int]) -> tuple[float, int]:
    """A group's whole matrix: its height and its number of rows (stage rows included)."""
    body = _body(matrix, lay, group)
    return _header(matrix, lay, group)[1] + sum(r.height for r in body), len(body)


def _fits_one_page(matrix: RaciMatrix, lay: _Layout, height: float) -> bool:
    # every row has at least one line: a matrix too long even so needs no wrapping to know
    rows = len(matrix.rows) + len({row.stage_id for row in matrix.rows})
    if rows * _row_height(1, lay.size, lay.row_pad) > height:
        return False
    return all(_group_height(matrix, lay, g)[0] <= height for g in lay.groups)


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
    measured = [_group_height(matrix, lay, g) for g in lay.groups]
    tallest = max(h for h, _count in measured)
    count = max(n for _h, n in measured)
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
            return _stage_row(f"{name} (continued)", lay, group)

        room = height - head_h
        widths = [lay.title_w] + [lay.role_w] * len(group)
        story += [_MatrixPage(header, head_h, chunk, widths, lay)
                  for chunk in _pages(body, room, room, continued)]
    return story


# -- drawing a page of the matrix ------------------------------------------------------------
def _rgb(colour, op: str) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f} {op}"


def _letter_segments(value: str, size: float) -> tuple:
    """A letter cell ("R/A"): each letter in its own ink and weight, the slashes muted."""
    segments = []
    for index, letter in enumerate(value.split("/")):
        if index:
            segments.append(("/", "regular", size, theme.MUTED))
        segments.append((letter, LETTER_FONTS[letter], size, INKS[letter]))
    return tuple(segments)


def _text_ops(canvas, segments) -> tuple[str | None, float]:
    """The operators that draw (text, style, size, colour) segments after a text origin,
    and their width; None for text that needs shaping (reportlab's text object draws it).
    Written as `typeset` writes a line: reportlab's text object formats each number in pure
    Python, and a matrix draws tens of thousands of cells."""
    doc, escape = canvas._doc, canvas._escape
    code, total = [], 0.0
    for text, style, size, colour in segments:
        code.append(_rgb(colour, "rg"))
        for run in typeset.runs(text, style):
            if isinstance(run.text, ShapedStr):
                return None, 0.0
            total += run.width * size
            font = getFont(run.font)
            for subset, chunk in font.splitString(run.text, doc):
                code.append(f"{font.getSubsetInternalName(subset, doc)} {size:.3f} Tf "
                            f"({escape(chunk)}) Tj")
    return " ".join(code), total


class _Ops:
    """The PDF operators of one matrix page, collected and written to the canvas at once."""

    def __init__(self, canvas) -> None:
        self.canvas = canvas
        self.code: list[str] = []
        self.fill = None
        self.letters: dict[str, tuple[str | None, float]] = {}  # per document: font subsets

    def rect(self, colour, x: float, y: float, w: float, h: float) -> None:
        if colour is not self.fill:
            self.code.append(_rgb(colour, "rg"))
            self.fill = colour
        self.code.append(f"n {x:.3f} {y:.3f} {w:.3f} {h:.3f} re f")

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.code.append(f"n {x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l S")

    def text(self, x: float, y: float, segments, align: str, ops=None) -> None:
        """One line with its baseline at y; `ops`: its `_text_ops`, when already known."""
        self.fill = None
        ops, total = ops or _text_ops(self.canvas, segments)
        if ops is None:
            self.flush()
            typeset.draw_segments(self.canvas, x, y, segments, align)
        elif total:
            x -= {"left": 0.0, "center": total / 2}[align]
            self.code.append(f"BT 1 0 0 1 {x:.3f} {y:.3f} Tm {ops} ET")

    def letter(self, x: float, y: float, value: str, size: float) -> None:
        ops = self.letters.get(value)
        if ops is None:
            ops = self.letters[value] = _text_ops(self.canvas, _letter_segments(value, size))
        self.text(x, y, _letter_segments(value, size), "center", ops)

    def flush(self) -> None:
        if self.code:
            self.canvas._code.append("\n".join(self.code))
            self.code = []


class _MatrixPage(Flowable):
    """A page of the matrix: the header row and a chunk of rows, drawn straight on the canvas.
    reportlab's Table applies style commands cell by cell and draws every string through its
    text object, which made the letter cells the bulk of a big matrix's time. This draws what
    that Table drew, in its order (fills, text, rules): each cell's lines centred in its row
    as reportlab centres a string cell, the touchpoint column and stage rows left-aligned,
    rules below each row and between columns (not across a stage row), a box around."""

    def __init__(self, header: list[list[str]], head_h: float, rows: list[_Row],
                 widths: list[float], lay: _Layout) -> None:
        super().__init__()
        self.header, self.head_h, self.rows, self.widths, self.lay = header, head_h, rows, widths, lay
        self.width = sum(widths)
        self.height = head_h + sum(row.height for row in rows)

    def wrap(self, avail_w, avail_h):
        return self.width, self.height

    def draw(self):
        widths = self.widths
        xs = [0.0]
        for w in widths:
            xs.append(xs[-1] + w)
        full = xs[-1]
        bottoms = [self.height - self.head_h]
        for row in self.rows:
            bottoms.append(bottoms[-1] - row.height)
        ops = _Ops(self.canv)
        self.canv.saveState()
        ops.rect(theme.INK, 0, bottoms[0], full, self.head_h)
        for row, bottom in zip(self.rows, bottoms[1:], strict=True):
            if row.is_stage:
                ops.rect(theme.PANEL, 0, bottom, full, row.height)
                continue
            for col, value in enumerate(row.cells[1:], start=1):
                if value:
                    ops.rect(FILLS[cell_letter(value)], xs[col], bottom, widths[col], row.height)
        self._text(ops, xs, bottoms)
        self._rules(ops, xs, bottoms, full)
        ops.flush()
        self.canv.restoreState()

    def _text(self, ops: _Ops, xs: list[float], bottoms: list[float]) -> None:
        lay, widths = self.lay, self.widths
        size, head = lay.size, lay.head_size

        def lines(cell: list[str], style: str, size: float, colour, x: float, bottom: float,
                  h: float, align: str) -> None:
            y = bottom + (h + len(cell) * size * LEADING) / 2 - size
            for line in cell:
                ops.text(x, y, ((line, style, size, colour),), align)
                y -= size * LEADING

        for col, cell in enumerate(self.header):
            x, align = (xs[0] + lay.pad, "left") if col == 0 else (xs[col] + widths[col] / 2, "center")
            lines(cell, "cond-bold", head, theme.WHITE, x, bottoms[0], self.head_h, align)
        for row, bottom in zip(self.rows, bottoms[1:], strict=True):
            if row.is_stage:
                lines(row.cells[2], "cond-bold", size, theme.INK, lay.pad, bottom, row.height,
                      "left")
                continue
            lines(row.cells[0], "cond", size, theme.INK, lay.pad, bottom, row.height, "left")
            y = bottom + (row.height + size * LEADING) / 2 - size
            for col, value in enumerate(row.cells[1:], start=1):
                if value:
                    ops.letter(xs[col] + widths[col] / 2, y, value, size)

    def _rules(self, ops: _Ops, xs: list[float], bottoms: list[float], full: float) -> None:
        ops.code.append("1 J 1 j 0.25 w " + _rgb(theme.RULE, "RG"))
        for y in bottoms:
            ops.line(0, y, full, y)
        top = self.height  # column rules run from the top down, broken by each stage row
        for row, bottom in zip(self.rows, bottoms[1:], strict=True):
            if row.is_stage:
                if top > bottom + row.height:
                    for x in xs[1:-1]:
                        ops.line(x, top, x, bottom + row.height)
                top = bottom
        if top > 0:
            for x in xs[1:-1]:
                ops.line(x, top, x, 0)
        ops.code.append("0.5 w " + _rgb(theme.CARD_EDGE, "RG"))
        ops.line(0, self.height, full, self.height)
        ops.line(0, 0, full, 0)
        ops.line(0, 0, 0, self.height)
        ops.line(full, 0, full, self.height)


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
