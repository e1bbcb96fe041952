"""Fitting a map's grid to the space a sheet has.

The canvas's layout is one shape for every screen; a sheet has a known aspect. So the sheet
chooses its own Metrics: first how the cards of a cell are packed (stacked, or side by side
in more card columns), the packing that lets the type print largest; then it widens the
cards (or makes them taller) so the grid fills the width *and* the height it has at that
scale. The type grows with the scale, up to a cap (a comfortable poster size).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...layout import Layout, Metrics, compute_layout
from ...model import Map
from .tiles import fit_scale

WIDEST_CARD = 1.8  # cards grow to at most 1.8 x their width ...
TALLEST_CARD = 1.35  # ... and 1.35 x their height
PACKINGS = 12  # stacking limits tried (1 ... 12 cards to a card column)


@dataclass(frozen=True)
class SheetFit:
    metrics: Metrics
    layout: Layout
    scale: float  # layout units -> points
    natural: tuple[float, float]  # the grid's size at that scale before it was stretched


def fit_sheet(m: Map, width: float, height: float, max_scale: float,
              base: Metrics | None = None) -> SheetFit:
    """The metrics, layout and scale that print `m` largest in width x height points, no
    larger than `max_scale`, with the grid stretched to fill the area."""
    base = base or Metrics()
    best: tuple[float, Metrics, Layout] | None = None
    for metrics in packings(m, base):
        layout = compute_layout(m, metrics)
        scale = min(fit_scale(layout, width, height), max_scale)
        if best is None or scale > best[0] * 1.001:  # the first (the canvas's) wins a tie
            best = (scale, metrics, layout)
    scale, metrics, layout = best
    natural = (layout.width * scale, layout.height * scale)
    stretched = stretch_cards(m, metrics, layout, width / scale, height / scale)
    if stretched is not metrics:
        layout = compute_layout(m, stretched)
        scale = min(fit_scale(layout, width, height), max_scale)
    return SheetFit(stretched, layout, scale, natural)


def packings(m: Map, base: Metrics) -> list[Metrics]:
    """The canvas's packing, then "at most k cards stacked" for every k that changes it."""
    counts: dict[tuple[str, str], int] = {}
    for tp in m.touchpoints:
        counts[(tp.stage, tp.lane)] = counts.get((tp.stage, tp.lane), 0) + 1
    fullest = max(counts.values(), default=0)
    return [base] + [replace(base, max_rows=k) for k in range(1, min(fullest, PACKINGS + 1))]


def stretch_cards(m: Map, metrics: Metrics, layout: Layout, room_w: float, room_h: float) -> Metrics:
    """Wider (or taller) cards taking up the room the grid leaves, in layout units."""
    card_columns = sum(layout.stage_columns.get(s.id, 1) for s in m.stages)
    step_y = metrics.card_h + metrics.gap
    card_rows = sum(round((rect.h - metrics.gap) / step_y) for rect in layout.lane_header_rects.values())
    grow_w = grow_h = 0.0
    if card_columns and room_w - layout.width > 1:
        grow_w = min((room_w - layout.width) / card_columns, metrics.card_w * (WIDEST_CARD - 1))
    if card_rows and room_h - layout.height > 1:
        grow_h = min((room_h - layout.height) / card_rows, metrics.card_h * (TALLEST_CARD - 1))
    if grow_w <= 0 and grow_h <= 0:
        return metrics
    # Shave a hair off, so rounding never makes the stretched grid overflow its area.
    return replace(metrics, card_w=metrics.card_w + max(grow_w - 0.05, 0),
                   card_h=metrics.card_h + max(grow_h - 0.05, 0))
