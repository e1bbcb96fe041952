"""Drawing one page of the matrix straight into the canvas's content stream (as the map
sheet does): fills, then the text of each cell, then the rules — what a styled `Table`
would draw, written once per page."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import ShapedStr
from reportlab.platypus import (
    Flowable,
    PageBreak,
)

from ..pdf import theme, typeset
from .cells import FILLS, INKS, LEADING, LETTER_FONTS, Row, pages
from .matrix import RaciMatrix
from .matrix_layout import Layout, body_rows, fit, header_cells, stage_row
from .palette import cell_letter


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


class MatrixPage(Flowable):
    """A page of the matrix: the header row and a chunk of rows, drawn straight on the canvas.
    reportlab's Table applies style commands cell by cell and draws every string through its
    text object, which made the letter cells the bulk of a big matrix's time. This draws what
    that Table drew, in its order (fills, text, rules): each cell's lines centred in its row
    as reportlab centres a string cell, the touchpoint column and stage rows left-aligned,
    rules below each row and between columns (not across a stage row), a box around."""

    def __init__(self, header: list[list[str]], head_h: float, rows: list[Row],
                 widths: list[float], lay: Layout) -> None:
        super().__init__()
        self.header, self.head_h, self.rows, self.widths, self.lay = header, head_h, rows, widths, lay
        self.width = sum(widths)
        self.hAlign = "CENTER"  # a narrow matrix (a few roles) sits in the middle of the page
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


def matrix_story(matrix: RaciMatrix, width: float, height: float, page) -> list:
    lay = fit(matrix, width, height, page)
    story: list = []
    for number, group in enumerate(lay.groups):
        if number:
            story.append(PageBreak())
        header, head_h = header_cells(matrix, lay, group)
        body = body_rows(matrix, lay, group)

        def continued(start: int, body=body, group=group) -> Row:
            name = next(r.cells[1] for r in reversed(body[:start]) if r.is_stage)
            return stage_row(f"{name} (continued)", lay, group)

        room = height - head_h
        widths = [lay.title_w] + [lay.role_w] * len(group)
        story += [MatrixPage(header, head_h, chunk, widths, lay)
                  for chunk in pages(body, room, room, continued)]
    return story
