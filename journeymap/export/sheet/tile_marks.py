"""How a tile page says where it sits in the map: its caption (the stages, lanes and the
experience curve it shows) and an arrow at each edge where the map goes on to another sheet.
Plain helpers with no page state, so the writer keeps only the pages' order and placement
(the cover's list of sheets uses the same captions as the tile pages)."""

from __future__ import annotations

from ...layout import Rect
from ..pdf import theme
from ..pdf.view import SheetView


def edge_arrow(c, body: Rect, dr: int, dc: int) -> None:
    cx = body.x + body.w / 2 + dc * (body.w / 2 + 7)
    cy = body.y + body.h / 2 - dr * (body.h / 2 + 7)
    size = 6.0
    c.setFillColor(theme.ACCENT)
    path = c.beginPath()
    if dc:
        path.moveTo(cx + dc * size, cy)
        path.lineTo(cx - dc * size, cy + size)
        path.lineTo(cx - dc * size, cy - size)
    else:
        path.moveTo(cx, cy - dr * size)
        path.lineTo(cx + size, cy + dr * size)
        path.lineTo(cx - size, cy + dr * size)
    path.close()
    c.drawPath(path, fill=1, stroke=0)


def tile_caption(view: SheetView, region: Rect) -> str:
    stages = [s.name for s in view.stages if s.column.right > region.x + 1 and s.column.x < region.right - 1]
    lanes = [ln.name for ln in view.lanes if ln.row.bottom > region.y + 1 and ln.row.y < region.bottom - 1]
    emotion = view.layout.emotion_rect
    parts = []
    if stages:
        parts.append("stage " + stages[0] if len(stages) == 1 else f"stages {stages[0]} – {stages[-1]}")
    if lanes:
        parts.append("lane " + lanes[0] if len(lanes) == 1 else f"lanes {lanes[0]} – {lanes[-1]}")
    if emotion is not None and emotion.bottom > region.y + 1 and emotion.y < region.bottom - 1:
        parts.append("experience curve")
    return " · ".join(parts)
