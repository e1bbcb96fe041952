"""What the RACI PDF's tables are made of: the type and row sizes, the letters' colours,
cell text (plain strings, or small Flowables for fallback fonts and right-to-left text),
rows of known height and the cutting of rows into pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import (
    Flowable,
)

from ..pdf import theme, typeset
from ..pdf.fonts import font_for_char, font_name
from .palette import LETTER_STYLES

BASE_PT = 7.5  # the matrix's type when it runs over several pages; the summary and checks
LEADING = 1.2  # line spacing, times the type size
ROW_PAD = 0.53  # a one-line row is (LEADING + ROW_PAD) x the type size high
MAX_ROW_PAD = 1.1  # ... at most, when a small matrix stretches its rows to the page
GROW_PT = 12.0  # a small matrix's type grows up to this on A4/A3, more on bigger sheets
SIDE_PAD = 0.4  # left and right cell padding, times the type size
MIN_ROLE_W = 3.5  # a role column's narrowest and widest, times the type size
MAX_ROLE_W = 9.0
FILL_ROLE_W = 16.0  # ... and how wide one may grow so that a few roles still use the page
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


def wrapped(text: str, style: str, size: float, width: float, colour=theme.INK,
             align: str = "left"):
    """(cell value, line count): the whole text wrapped to `width`, never cut."""
    lines = typeset.wrap(text, style, size, width)[0] or [""]
    if all(_plain(line, style) for line in lines):
        return "\n".join(lines), len(lines)
    return _Lines(lines, style, size, colour, align), len(lines)


def base_style(size: float, pad: float) -> list:
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


def row_height(lines: int, size: float, pad: float = ROW_PAD) -> float:
    return (lines * LEADING + pad) * size


@dataclass
class Row:
    cells: list  # the cells, or ("stage", name, lines) for a stage row of the matrix
    height: float

    @property
    def is_stage(self) -> bool:
        return isinstance(self.cells, tuple)


def pages(rows: list[Row], first_room: float, room: float, continued) -> list[list[Row]]:
    """Chunks that fit: `first_room` on the first page, `room` on the others. `continued`
    (or None) makes the row that opens a page in the middle of a group."""
    chunks: list[list[Row]] = []
    start = 0
    while start < len(rows) or not chunks:
        space = room if chunks else first_room
        chunk: list[Row] = []
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


