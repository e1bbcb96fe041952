"""The legend of the current -> target sheet, in points: one symbol per mark the grid uses."""

from __future__ import annotations

from ...layout import Rect
from ..compare_sheet.legend import line_symbol
from ..pdf import chrome, theme, typeset
from .grid import ADDED, CHANGED, MOVED, RACI, REMOVED

ITEMS: list[tuple[str, tuple]] = [
    ("added touchpoint", ("outline", ADDED, "+ new")),
    ("changed: the fields named, or their count", ("tag", CHANGED, "Δ")),
    ("moved: its old stage · lane, dotted arrow from there", ("tag", MOVED, "↪")),
    ("RACI changed", ("tag", RACI, "RACI")),
    ("removed, in its old cell", ("ghost",)),
    ("connection added", ("line", ADDED, 2.4, None)),
    ("connection removed", ("line", REMOVED, 1.2, (3, 2))),
    ("connection changed", ("line", CHANGED, 1.8, None)),
    ("leads to", ("line", theme.LINK, 1.0, None)),
    ("loop", ("line", theme.LOOP, 1.0, (3, 2))),
    ("stage or lane: new · was its old name", ("tag", CHANGED, "was")),
    ("cards as on the to-be map's sheet · #n = its index number · the change list names "
     "every change", ("none",)),
]


def _symbol_w(symbol: tuple) -> float:
    kind = symbol[0]
    if kind == "none":
        return 0.0
    if kind in ("tag", "outline"):
        return typeset.width(symbol[2], "cond-bold", theme.LEGEND_PT - 0.5) + 10
    return 20.0 if kind == "line" else 16.0


def legend_height(width: float) -> float:
    return chrome.legend_rows_height(chrome.legend_rows(ITEMS, _symbol_w, width))


def draw_legend(c, box: Rect) -> None:
    chrome.draw_legend_rows(c, box, chrome.legend_rows(ITEMS, _symbol_w, box.w), _symbol_w,
                            _symbol)


def _symbol(c, x: float, y: float, symbol: tuple) -> None:
    kind = symbol[0]
    if kind in ("tag", "outline"):
        colour, text = symbol[1], symbol[2]
        w = _symbol_w(symbol) - 4
        c.setFillColor(theme.tint(colour, 0.88))
        c.setStrokeColor(colour)
        c.setLineWidth(1.6 if kind == "outline" else 0.6)
        c.roundRect(x, y - 2.5, w, 9, 2, fill=1, stroke=1)
        c.setFillColor(colour)
        typeset.draw(c, x + 3, y, text, "cond-bold", theme.LEGEND_PT - 0.5)
    elif kind == "ghost":
        c.setFillColor(theme.PANEL)
        c.setStrokeColor(REMOVED)
        c.setLineWidth(0.7)
        c.setDash(1.5, 1)
        c.roundRect(x, y - 2.5, 12, 9, 1.5, fill=1, stroke=1)
        c.setDash()
    elif kind == "line":
        line_symbol(c, x, y, *symbol[1:])
