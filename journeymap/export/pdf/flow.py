"""A small column flow for the text pages (index, report, summary), drawn straight on the
canvas: blocks of pre-wrapped lines fill columns and pages, a block is kept together when it
fits a column, and a heading always stays with the block after it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...layout import Rect
from . import theme, typeset


@dataclass
class Seg:
    text: str
    style: str = "cond"
    size: float = theme.BODY_PT
    colour: object = theme.INK
    advance: float | None = None  # move on by this much instead of the drawn width


@dataclass
class Line:
    segs: list[Seg]
    height: float  # line advance
    indent: float = 0.0
    space_before: float = 0.0
    band: object = None  # background colour behind the line (headings)


def text_lines(text: str, width: float, *, style: str = "cond", size: float = theme.BODY_PT,
               colour=theme.INK, indent: float = 0.0, label: str = "",
               label_w: float | None = None, direction: str | None = None) -> list[Line]:
    """Wrap text into Lines; a label, if given, leads in bold with the text hanging beside it
    (at `label_w` when given, so labels of several blocks line up). `direction`: see
    `typeset.wrap` (bidi.LTR for Journeymap's own sentences and lists; None for a user's
    text, whose first strong letter decides)."""
    lead = size * 1.25
    natural = typeset.width(label + "  ", "cond-bold", size) if label else 0.0
    label_w = natural if label_w is None or natural > label_w else label_w
    lines, _ = typeset.wrap(text, style, size, max(width - indent - label_w, 40),
                            direction=direction)
    out: list[Line] = []
    for index, line in enumerate(lines or [""]):
        segs = [Seg(line, style, size, colour)]
        if label and index == 0:
            segs.insert(0, Seg(label + "  ", "cond-bold", size, theme.MUTED, advance=label_w))
            out.append(Line(segs, lead, indent))
        else:
            out.append(Line(segs, lead, indent + label_w))
    return out


@dataclass
class Flow:
    canvas: object
    area: Rect  # content area of every page, PDF points, y = bottom edge
    start_page: Callable[[], None]  # draws a fresh page's chrome
    columns: int = 1
    gutter: float = 18.0
    _column: int = field(default=-1, init=False)
    _cursor: float = field(default=0.0, init=False)
    _pending: list[Line] = field(default_factory=list, init=False)
    pages: int = field(default=0, init=False)
    _first: Rect | None = field(default=None, init=False)  # part of the page begun before

    @property
    def width(self) -> float:
        return (self.area.w - self.gutter * (self.columns - 1)) / self.columns

    def heading(self, lines: list[Line]) -> None:
        self._pending.extend(lines)

    def add(self, lines: list[Line], keep: bool = True) -> None:
        lines = self._pending + lines
        self._pending = []
        if not lines:
            return
        if self._column < 0:
            self._next_column()
        need = sum(line.height + line.space_before for line in lines)
        if keep and need > self._room() and need <= self._box().h:
            self._next_column()
        for line in lines:
            space = line.space_before if self._cursor < self._top() else 0.0
            if line.height + space > self._room():
                self._next_column()
                space = 0.0
            self._cursor -= space
            self._draw(line)
            self._cursor -= line.height

    def continue_in(self, first: Rect) -> None:
        """Fill `first` (same columns) on the page already begun before any new page."""
        self._first = first
        self.pages = 1
        self._column = 0
        self._cursor = first.y + first.h

    def _box(self) -> Rect:
        return self._first if self._first is not None else self.area

    def _top(self) -> float:
        return self._box().y + self._box().h

    def _room(self) -> float:
        return self._cursor - self._box().y

    def _next_column(self) -> None:
        self._column += 1
        if self._column >= self.columns or self.pages == 0:
            self._column = 0
            self._first = None
            self.start_page()  # also ends the page before, if any
            self.pages += 1
        self._cursor = self._top()

    def _x(self) -> float:
        return self._box().x + self._column * (self.width + self.gutter)

    def _draw(self, line: Line) -> None:
        c = self.canvas
        x = self._x() + line.indent
        if line.band is not None:
            c.setFillColor(line.band)
            c.rect(self._x(), self._cursor - line.height, self.width, line.height, fill=1, stroke=0)
        size = max(seg.size for seg in line.segs)
        baseline = self._cursor - line.height / 2 - size * 0.35
        right = _right_to_left(line)
        for seg in line.segs:
            c.setFillColor(seg.colour)
            if seg is right:
                typeset.draw(c, self._x() + self.width, baseline, seg.text, seg.style, seg.size,
                             "right")
                continue
            drawn = typeset.draw(c, x, baseline, seg.text, seg.style, seg.size)
            x += drawn if seg.advance is None else seg.advance


def _right_to_left(line: Line) -> Seg | None:
    """The line's text when it is a line of a right-to-left paragraph, which lines up on the
    column's right edge; a label in front of it stays on the left. Lines of several pieces
    (a number, a title, a chip) keep their left-to-right order."""
    text = line.segs[-1]
    if text.advance is None and all(seg.advance is not None for seg in line.segs[:-1]) \
            and typeset.starts_right(text.text):
        return text
    return None
