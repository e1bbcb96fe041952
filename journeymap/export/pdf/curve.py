"""The experience band under the sheet's grid: the core curve (see
`journeymap.emotion_curve`) drawn as dots, stage ranges, gaps and low-point tags."""

from __future__ import annotations

from dataclasses import replace

from ...emotion_curve import value_y
from ...layout import Rect
from . import paint, theme, typeset
from .shapes import draw_text
from .view import SheetView

DOT_R = 5.0
LOW_TAG_H = 13.0


def draw_emotion(c, view: SheetView) -> None:
    """One dot per rated touchpoint (see `journeymap.emotion_curve`), joined in display
    order; each stage's range shaded behind its dots; low points tagged with their card's
    index number and title; a stage with nothing rated breaks the line and says so."""
    rect = view.layout.emotion_rect
    curve = view.emotion
    paint.fill(c, theme.PANEL)
    paint.rect(c, rect.x, -rect.bottom, rect.w, rect.h)
    paint.line_width(c, 0.5)
    for value in (-2, -1, 0, 1, 2):
        y = value_y(rect, value)
        paint.stroke(c, theme.FAINT if value == 0 else theme.RULE)
        if value == 0:
            c.setDash(3, 2)
        paint.line(c, rect.x, -y, rect.right, -y)
        c.setDash()
    for gap in curve.gaps:
        _draw_gap(c, rect, gap)
    for band in curve.ranges:
        if band.high > band.low:
            top, bottom = value_y(rect, band.high), value_y(rect, band.low)
            paint.fill(c, theme.tint(theme.ACCENT, 0.8))
            paint.round_rect(c, band.x0, -(bottom + DOT_R + 3), band.x1 - band.x0,
                             bottom - top + 2 * DOT_R + 6, 4)
    paint.stroke(c, theme.INK)
    paint.line_width(c, 1.6)
    draw_curve_line(c, rect, curve)
    for point in curve.points:
        x, y = point.x, value_y(rect, point.value)
        paint.fill(c, theme.experience_colour(point.value))
        paint.stroke(c, theme.WHITE)
        paint.line_width(c, 1.2)
        c.circle(x, -y, DOT_R, fill=1, stroke=1)
        if not point.low:  # a low point's value is on its tag
            above = y - 8 if point.value < 2 else y + 16
            draw_text(c, x, above, theme.experience_label(point.value), "cond-bold",
                      theme.CURVE_LABEL, theme.INK, "center")
    _draw_low_tags(c, view, rect)


def _draw_gap(c, rect: Rect, gap) -> None:
    """A dashed, blank box over the stage's part of the band: no line is drawn through it."""
    x0, x1 = gap.x0 + 6, gap.x1 - 6
    top, bottom = rect.y + 6, rect.bottom - 6
    paint.fill(c, theme.WHITE)
    paint.stroke(c, theme.FAINT)
    paint.line_width(c, 0.6)
    c.setDash(3, 2)
    paint.rect(c, x0, -bottom, x1 - x0, bottom - top, do_stroke=True)
    c.setDash()
    text = typeset.ellipsize("gap: no rated touchpoint", "cond", theme.CURVE_LABEL, x1 - x0 - 8)
    draw_text(c, (x0 + x1) / 2, (top + bottom) / 2 + 3.5, text, "cond", theme.CURVE_LABEL,
              theme.MUTED, "center")


def _draw_low_tags(c, view: SheetView, rect: Rect) -> None:
    """A white tag under each low point, kept inside its stage's column and no wider than
    the room to the neighbouring low points."""
    columns = {stage.id: stage.column for stage in view.stages}
    lows = view.emotion.lows
    xs = [p.x for p in lows]
    for i, point in enumerate(lows):
        column = columns[point.stage_id]
        room = min([150.0, column.w - 8]
                   + [abs(xs[j] - point.x) - 4 for j in (i - 1, i + 1) if 0 <= j < len(xs)])
        text = _low_text(point, room - 8)
        w = typeset.width(text, "cond-bold", theme.CURVE_LABEL) + 8
        x = min(max(point.x, column.x + 4 + w / 2), column.right - 4 - w / 2)
        top = value_y(rect, point.value) + DOT_R + 2
        paint.fill(c, theme.WHITE)
        paint.stroke(c, theme.experience_colour(point.value))
        paint.line_width(c, 0.8)
        paint.round_rect(c, x - w / 2, -(top + LOW_TAG_H), w, LOW_TAG_H, 3, do_stroke=True)
        draw_text(c, x, top + 9.5, text, "cond-bold", theme.CURVE_LABEL, theme.INK, "center")


def _low_text(point, room: float) -> str:
    """The low point's label cut to `room`, but never its value and card number."""
    if typeset.fits(point.label, "cond-bold", theme.CURVE_LABEL, room):
        return point.label
    key = point.label_key
    rest = room - typeset.width(key + " ", "cond-bold", theme.CURVE_LABEL)
    title = typeset.ellipsize(point.label[len(key) + 1:], "cond-bold", theme.CURVE_LABEL, rest)
    return f"{key} {title}" if rest > 0 and title.strip("…") else key


def draw_curve_line(c, rect, curve) -> None:
    """The curve's line through its points, broken at its gaps, in the current stroke."""
    for run in curve.runs:
        if len(run) > 1:
            path = c.beginPath()
            path.moveTo(run[0].x, -value_y(rect, run[0].value))
            for point in run[1:]:
                path.lineTo(point.x, -value_y(rect, point.value))
            c.drawPath(path, stroke=1, fill=0)

def emotion_in(view: SheetView, region: Rect) -> SheetView:
    """The view with only the curve's points a tile shows: the labels of the others would
    be drawn (clipped away, but in the file's text) off the sheet."""
    whole = view.layout.grid_rect
    if region.x <= whole.x and region.right >= whole.right:
        return view
    def shown(x0: float, x1: float) -> bool:
        return x0 >= region.x - 0.5 and x1 <= region.right + 0.5

    curve = view.emotion
    runs = tuple(run for run in (tuple(p for p in run if shown(p.x, p.x)) for run in curve.runs) if run)
    curve = replace(curve, points=tuple(p for p in curve.points if shown(p.x, p.x)),
                    ranges=tuple(b for b in curve.ranges if shown(b.x0, b.x1)),
                    gaps=tuple(g for g in curve.gaps if shown(g.x0, g.x1)), runs=runs)
    return replace(view, emotion=curve)

