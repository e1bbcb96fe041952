"""The to-be grid without text, for a map too big to label on the paper (its text would print
below 6 pt): lane rows, links, and cards whose outline and foot say what changed — the same
colours and line styles as the labelled grid and its legend. The change list names them all.
"""

from __future__ import annotations

from ..pdf import paint as paint
from ..pdf import theme, typeset
from .grid import ADDED, CHANGED, MOVED, RACI, REMOVED, draw_links
from .marks import MARK_H, DiffView


def draw_diff_shapes(c, dv: DiffView) -> None:
    view = dv.view
    layout = view.layout
    metrics = layout.metrics
    paint.fill(c, theme.PANEL)
    paint.rect(c, metrics.lane_header_w, -metrics.stage_header_h,
               layout.width - metrics.lane_header_w, metrics.stage_header_h)
    for index, lane in enumerate(view.lanes):
        colour = theme.hex_colour(lane.colour)
        paint.fill(c, theme.tint(colour, 0.9 if index % 2 else 0.86))
        paint.rect(c, 0, -lane.row.bottom, lane.row.w, lane.row.h)
        paint.fill(c, colour)
        paint.rect(c, 0, -lane.row.bottom, metrics.lane_header_w * 0.25, lane.row.h)
    paint.stroke(c, theme.RULE)
    paint.line_width(c, 1.0)
    for stage in view.stages:
        paint.line(c, stage.column.x, 0, stage.column.x, -layout.height)
    draw_links(c, dv)
    for card in view.cards:
        r = card.rect
        if dv.is_ghost(card):
            paint.fill(c, theme.PANEL)
            paint.stroke(c, REMOVED)
            paint.line_width(c, 2.0)
            c.setDash(6, 4)
            paint.rect(c, r.x, -r.bottom, r.w, r.h, do_stroke=True)
            c.setDash()
            continue
        marks = dv.marks.get(card.id)
        added = marks is not None and marks.added
        paint.fill(c, theme.WHITE)
        paint.stroke(c, ADDED if added else theme.CARD_EDGE)
        paint.line_width(c, 6.0 if added else 1.0)
        paint.rect(c, r.x, -r.bottom, r.w, r.h, do_stroke=True)
        if marks is None:
            continue
        # the foot in a block per mark, in the order of the tags
        colours = [colour for flag, colour in ((marks.fields, CHANGED), (marks.raci, RACI),
                                               (marks.moved_from, MOVED)) if flag]
        if not colours:
            continue
        w = (r.w - 8) / len(colours)
        for index, colour in enumerate(colours):
            paint.fill(c, colour)
            paint.rect(c, r.x + 4 + index * w, -(r.bottom - 3), w - 2, MARK_H * 1.5)


def draw_shape_titles(c, dv: DiffView, x0: float, top: float, scale: float,
                      size: float = theme.MIN_PT + 0.5) -> None:
    """Card titles in points over a shapes-only grid, on the cards wide and tall enough for a
    line of them (a title that does not fit whole is cut, marked with an ellipsis: the change
    list names every changed card whole)."""
    lead = size * 1.2
    for card in dv.view.cards:
        r = card.rect
        w = r.w * scale - 8
        room = (r.h - MARK_H * 1.6) * scale - 4  # above the foot's blocks
        lines = int(room // lead)
        if w < 50 or lines < 1:  # narrower, titles would break inside their words
            continue
        shown, _ = typeset.wrap(card.title, "cond-bold", size, w, max_lines=min(lines, 3))
        c.setFillColor(theme.MUTED if dv.is_ghost(card) else theme.INK)
        y = top - r.y * scale - 3 - size
        for line in shown:
            typeset.draw(c, x0 + r.x * scale + 4, y, line, "cond-bold", size)
            y -= lead
