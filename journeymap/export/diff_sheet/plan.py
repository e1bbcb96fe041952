"""Where the grid and the band go on the current -> target sheet: the band beside or below
the grid, whichever lets the grid print larger, the cards packed and stretched to fill the
room as the journey sheet fits its grid (`sheet.fit.fit_sheet`); the band on a page of its
own when the grid would otherwise print too small to read; a map too big to label at all in
shapes, with the band beside it."""

from __future__ import annotations

from dataclasses import dataclass

from ...layout import Metrics, Rect
from ...model import Map
from ..pdf import theme
from ..pdf.frame import GAP, Frame
from ..sheet.fit import fit_sheet
from .marks import BASE

BAND_MIN, BAND_MAX = 300.0, 400.0
NOTE_H = 24.0  # a line or two under a shapes-only grid say why it has no text


@dataclass
class DiffSheetPlan:
    grid: Rect
    scale: float
    band: Rect | None  # None: the band has a page of its own
    wide: bool  # the band is wide (below the grid): the change list in columns beside
    labels: bool = True  # False: the grid prints too small for text; shapes only
    metrics: Metrics | None = None  # the grid's, fitted to its area



def plan_sheet(frame: Frame, display: Map, min_scale: float) -> DiffSheetPlan:
    """The plan for the grid of `display` (the to-be map with its ghosts) in `frame`."""
    mid = frame.middle
    best = max([fitted(side(frame), display, frame), fitted(bottom(frame), display, frame)],
               key=lambda option: option.scale)  # the first wins a tie
    if best.scale >= min_scale:
        return best
    bare = fitted(DiffSheetPlan(mid, 0.0, None, True), display, frame)
    if bare.scale >= min_scale:
        return bare
    grid = Rect(best.grid.x, best.grid.y + NOTE_H, best.grid.w, best.grid.h - NOTE_H)
    plan = fitted(DiffSheetPlan(grid, 0.0, best.band, best.wide), display, frame)
    plan.labels = False
    return plan


def fitted(plan: DiffSheetPlan, display: Map, frame: Frame) -> DiffSheetPlan:
    """The plan with the metrics that print the grid largest in its area; room the grid
    leaves (its cards grow only so far) goes to the band."""
    fit = fit_sheet(display, plan.grid.w, plan.grid.h, theme.MAX_GRID_SCALE, BASE)
    plan.scale, plan.metrics = fit.scale, fit.metrics
    w, h = fit.layout.width * fit.scale, fit.layout.height * fit.scale
    mid, band = frame.middle, plan.band
    if band is not None and not plan.wide and plan.grid.w - w > 1:
        grow = min(plan.grid.w - w, mid.w * 0.45 - band.w)
        if grow > 0:
            plan.band = Rect(band.x - grow, band.y, band.w + grow, band.h)
            plan.grid = Rect(plan.grid.x, plan.grid.y, plan.grid.w - grow, plan.grid.h)
    elif band is not None and plan.wide and plan.grid.h - h > 1:
        grow = min(plan.grid.h - h, mid.h * 0.55 - band.h)
        if grow > 0:
            plan.band = Rect(band.x, band.y, band.w, band.h + grow)
            plan.grid = Rect(plan.grid.x, plan.grid.y + grow, plan.grid.w, plan.grid.h - grow)
    return plan


def side(frame: Frame) -> DiffSheetPlan:
    mid = frame.middle
    gap = GAP * 1.5
    band_w = min(BAND_MAX, max(BAND_MIN, mid.w * 0.3))
    return DiffSheetPlan(Rect(mid.x, mid.y, mid.w - band_w - gap, mid.h), 0.0,
                         Rect(mid.right - band_w, mid.y, band_w, mid.h), False)


def bottom(frame: Frame) -> DiffSheetPlan:
    mid = frame.middle
    gap = GAP * 1.5
    band_h = min(340.0, max(270.0, mid.h * 0.4))
    return DiffSheetPlan(Rect(mid.x, mid.y + band_h + gap, mid.w, mid.h - band_h - gap), 0.0,
                         Rect(mid.x, mid.y, mid.w, band_h), True)
