"""The experience curve of a map: one point per rated touchpoint of the customer lanes.

The sheet, its tiled overview and the canvas all draw this one result, so they show the same
points. A per-stage average would hide the extremes (a -2 and a +2 average to 0), so every
rated touchpoint is a point of its own, in display order (stage, then lane, then cell order).
Per stage the curve also gives the range of its points (drawn as a band, so a stage's spread
stays visible), the low points worth a label, and the stages with nothing rated: the curve
breaks there instead of bridging them as if they had been measured.

Which touchpoints count: those in lanes of kind "customer"; a map with no customer lane
(an employee's or a partner's journey built from other lanes) uses every lane. Unrated
touchpoints are skipped, never read as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Layout, Rect
from .model import EXPERIENCE_RANGE, Map

LOW_LABEL_AT = -1  # a stage's lowest points are labelled when they are this low or lower
BAND_TOP, BAND_BOTTOM = 14.0, 26.0  # the band's padding above +2 and below -2 (low labels)


@dataclass(frozen=True)
class CurvePoint:
    touchpoint_id: str
    number: int  # the card's index number (1-based, display order over the whole map)
    title: str
    stage_id: str
    x: float  # where the point is plotted (see `_stage_xs`)
    card_x: float  # the centre x of its card in the layout
    value: int
    low: bool  # a low point: labelled so a reader finds the card

    @property
    def label(self) -> str:
        """What a low point is tagged with: its value, its card's index number and title
        ("−2 #7 Internal budget approval"), so a reader finds the card."""
        return f"{self.label_key} {' '.join(self.title.split())}"

    @property
    def label_key(self) -> str:
        """The part of the label kept when the title must be cut: value and index number."""
        return f"{signed(self.value)} #{self.number}"


@dataclass(frozen=True)
class StageRange:
    """The spread of one stage's points: drawn as a band from `low` to `high`."""

    stage_id: str
    low: int
    high: int
    x0: float  # the horizontal extent of the stage's points
    x1: float
    count: int


@dataclass(frozen=True)
class Gap:
    """A stage with no rated touchpoint in the curve's lanes: the curve breaks here."""

    stage_id: str
    x0: float  # the stage's column
    x1: float


@dataclass(frozen=True)
class EmotionCurve:
    points: tuple[CurvePoint, ...] = ()
    ranges: tuple[StageRange, ...] = ()
    gaps: tuple[Gap, ...] = ()
    customer_lanes: bool = True  # False: the map has no customer lane, every lane counts
    runs: tuple[tuple[CurvePoint, ...], ...] = ()  # the pieces of the line between gaps

    @property
    def lows(self) -> tuple[CurvePoint, ...]:
        return tuple(p for p in self.points if p.low)

    @property
    def source(self) -> str:
        """Which touchpoints the curve plots, for a caption."""
        return "customer lanes" if self.customer_lanes else "all lanes (no customer lane)"


def signed(value: int) -> str:
    """+1, −2, 0: with a true minus sign."""
    return f"{value:+d}".replace("-", "\u2212") if value else "0"


def value_y(band: Rect, value: float) -> float:
    """The y of an experience value in the curve's band (layout units, y grows down), the
    same on the sheet and the canvas."""
    low, high = EXPERIENCE_RANGE
    return band.y + BAND_TOP + (high - value) / (high - low) * (band.h - BAND_TOP - BAND_BOTTOM)


def emotion_curve(m: Map, layout: Layout) -> EmotionCurve:
    """The curve of `m` over `layout` (see the module docstring). Touchpoints without a card
    in the layout (their stage or lane is missing) and stages without a column are left out."""
    customer = {ln.id for ln in m.lanes if ln.kind == "customer"}
    lanes = customer or {ln.id for ln in m.lanes}
    ordered = m.touchpoints_in_display_order()
    numbers = {tp.id: i + 1 for i, tp in enumerate(ordered)}
    by_stage: dict[str, list] = {}
    for tp in ordered:
        if tp.lane in lanes and tp.experience is not None and tp.id in layout.card_rects:
            by_stage.setdefault(tp.stage, []).append(tp)
    points: list[CurvePoint] = []
    ranges: list[StageRange] = []
    gaps: list[Gap] = []
    runs: list[list[CurvePoint]] = []
    broken = True  # the next point starts a new run
    for stage in m.stages:
        column = layout.stage_rects.get(stage.id)
        if column is None:
            continue
        rated = by_stage.get(stage.id, [])
        if not rated:
            gaps.append(Gap(stage.id, column.x, column.right))
            broken = True
            continue
        rects = [layout.card_rects[tp.id] for tp in rated]
        lowest = min(tp.experience for tp in rated)
        stage_points = [
            CurvePoint(tp.id, numbers[tp.id], tp.title, stage.id, x, rect.x + rect.w / 2,
                       tp.experience, lowest <= LOW_LABEL_AT and tp.experience == lowest)
            for tp, rect, x in zip(rated, rects, _stage_xs(rects), strict=True)
        ]
        points += stage_points
        if broken:
            runs.append([])
            broken = False
        runs[-1] += stage_points
        ranges.append(StageRange(stage.id, lowest, max(tp.experience for tp in rated),
                                 min(r.x for r in rects), max(r.right for r in rects),
                                 len(rated)))
    return EmotionCurve(tuple(points), tuple(ranges), tuple(gaps), bool(customer),
                        tuple(tuple(run) for run in runs))


def _stage_xs(rects: list) -> list[float]:
    """Where a stage's points go, in display order: at their cards' centres while those run
    left to right; when cards share a column (stacked in one cell, or one above the other in
    two lanes) or the order runs back, the points are spread evenly over the cards' span
    instead, so the curve still moves left to right and no two points share an x."""
    centres = [r.x + r.w / 2 for r in rects]
    if all(a < b for a, b in zip(centres, centres[1:], strict=False)):
        return centres
    left, right = min(r.x for r in rects), max(r.right for r in rects)
    step = (right - left) / len(rects)
    return [left + step * (i + 0.5) for i in range(len(rects))]
