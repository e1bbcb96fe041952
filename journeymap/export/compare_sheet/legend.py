"""The legend of the planned-vs-actual sheet, in points: one symbol per mark the grid uses."""

from __future__ import annotations

from ...layout import Rect
from ..pdf import chrome, theme
from .grid import DEVIATION, LATE, ON_TIME, TRAFFIC, UNUSED

ITEMS: list[tuple[str, tuple]] = [
    ("designed step · width by cases, tag = cases", ("line", TRAFFIC, 3.5, None)),
    ("designed, never taken", ("line", UNUSED, 0.8, (1.5, 2))),
    ("designed loop", ("line", theme.LOOP, 1.6, (4, 2))),
    ("designed, goes back", ("line", theme.BACKWARD, 1.6, None)),
    ("deviation: a step the map does not design · ×cases", ("line", DEVIATION, 1.6, (4, 2))),
    ("median within plan", ("pill", ON_TIME)),
    ("median slower than expected", ("pill", LATE)),
    ("goal touchpoint", ("strip", theme.GOOD)),
    ("never visited", ("card",)),
    ("↻ again: cases that repeated the touchpoint straight away", ("none",)),
    ("visits = events at the touchpoint · end here = cases whose last event it is · "
     "badge = its busiest designed step: median / expected days", ("none",)),
]


def _symbol_w(symbol: tuple) -> float:
    return {"none": 0.0, "line": 20.0, "pill": 16.0}.get(symbol[0], 14.0)


def legend_height(width: float) -> float:
    return chrome.legend_rows_height(chrome.legend_rows(ITEMS, _symbol_w, width))


def draw_legend(c, box: Rect) -> None:
    chrome.draw_legend_rows(c, box, chrome.legend_rows(ITEMS, _symbol_w, box.w), _symbol_w, _symbol)


def _symbol(c, x: float, y: float, symbol: tuple) -> None:
    painter = _PAINTERS.get(symbol[0])
    if painter is not None:
        painter(c, x, y, *symbol[1:])


def line_symbol(c, x: float, y: float, colour, width: float, dash) -> None:
    """A legend's arrow: a short line in `colour` (dashed if `dash`) with its head."""
    c.setStrokeColor(colour)
    c.setFillColor(colour)
    c.setLineWidth(width)
    if dash:
        c.setDash(*dash)
    c.line(x, y + 2.5, x + 12, y + 2.5)
    c.setDash()
    head = 2.5 + width * 0.5
    path = c.beginPath()
    path.moveTo(x + 16, y + 2.5)
    path.lineTo(x + 11, y + 2.5 + head)
    path.lineTo(x + 11, y + 2.5 - head)
    path.close()
    c.drawPath(path, fill=1, stroke=0)


def _pill(c, x: float, y: float, colour) -> None:
    c.setFillColor(theme.tint(colour, 0.88))
    c.setStrokeColor(colour)
    c.setLineWidth(0.6)
    c.roundRect(x, y - 2, 12, 8, 3, fill=1, stroke=1)


def _strip(c, x: float, y: float, colour) -> None:
    c.setFillColor(theme.WHITE)
    c.setStrokeColor(theme.CARD_EDGE)
    c.setLineWidth(0.5)
    c.roundRect(x, y - 2.5, 10, 9, 1.5, fill=1, stroke=1)
    c.setFillColor(colour)
    c.rect(x, y - 2.5, 2.5, 9, fill=1, stroke=0)


def _card(c, x: float, y: float) -> None:
    c.setFillColor(theme.PANEL)
    c.setStrokeColor(theme.FAINT)
    c.setLineWidth(0.5)
    c.setDash(1.5, 1)
    c.roundRect(x, y - 2.5, 10, 9, 1.5, fill=1, stroke=1)
    c.setDash()


_PAINTERS = {"line": line_symbol, "pill": _pill, "strip": _strip, "card": _card}
