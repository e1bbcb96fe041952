"""The sheet plan for printing a map: one sheet, or an overview and tiles, decided as the PDF
export decides (same thresholds, same tile cutter in `journeymap.export.sheet.tiles`).

Pure geometry in points on a *virtual* page: like the PDF, sheets larger than A3 are drawn on
a virtual page scaled up by `sheet_zoom` (the square root of the paper's size: A1 x1.4, A0
x2), and the one-sheet threshold (the tiles' 6.5 pt) is in real points, so a bigger
sheet holds more. The canvas's own layout is printed (the export may also re-pack and widen
cards for the sheet; printing renders the canvas scene as it is). No Qt here, so the plan is
easy to test and reason about.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.export.pdf import theme
from journeymap.export.pdf.frame import paper_ratio
from journeymap.export.sheet.tiles import Tile, TilePlan, fit_scale, plan_tiles
from journeymap.export.sheet.writer import sheet_zoom
from journeymap.layout import Layout, Rect
from journeymap.model import Map

HEADER_H = 24.0  # map name and the sheet line, with a rule under them
FOOTER_H = 12.0
GAP = 10.0
GUTTER = 14.0  # around a tile's grid: its "continued" arrows


@dataclass(frozen=True)
class SheetPlan:
    zoom: float  # virtual points -> real points
    page: Rect  # the printable area, virtual points, origin at its top-left
    area: Rect  # where the grid goes (with its headers)
    scale: float  # layout units -> virtual points
    tiles: TilePlan | None  # None: the whole map on one sheet

    @property
    def page_count(self) -> int:
        return 1 if self.tiles is None else 1 + len(self.tiles.tiles)  # overview + tiles

    def body(self, tile: Tile, layout: Layout) -> Rect:
        """Where a tile's part of the grid body goes on its sheet."""
        m, s, a = layout.metrics, self.scale, self.area
        return Rect(a.x + m.lane_header_w * s, a.y + m.stage_header_h * s,
                    tile.region.w * s, tile.region.h * s)


def plan_sheets(layout: Layout, paper: tuple[float, float], printable: Rect) -> SheetPlan:
    """`paper` is the sheet's (width, height) and `printable` the area inside the printer's
    margins, both in points."""
    zoom = sheet_zoom(paper)
    page = Rect(0, 0, printable.w / zoom, printable.h / zoom)
    top = HEADER_H + GAP
    area = Rect(0, top, page.w, page.h - top - FOOTER_H - GAP)
    fit = fit_scale(layout, area.w, area.h)
    if fit >= theme.TILE_SCALE / zoom or not layout.card_rects:  # as legible as a tile
        cap = theme.FIT_MAX_SCALE * paper_ratio(paper) / zoom
        return SheetPlan(zoom, page, area, min(fit, cap), None)
    room = Rect(area.x + GUTTER, area.y + GUTTER, area.w - 2 * GUTTER, area.h - 2 * GUTTER)
    tiles = plan_tiles(layout, room.w, room.h, theme.TILE_SCALE / zoom)
    return SheetPlan(zoom, page, room, tiles.scale, tiles)


def neighbours(plan: TilePlan, tile: Tile) -> list[tuple[int, int, Tile]]:
    """(row step, column step, sheet) of the sheets a tile continues on, in reading order:
    left, up, right, down."""
    found = []
    for dr, dc in ((0, -1), (-1, 0), (0, 1), (1, 0)):
        other = plan.at(tile.row + dr, tile.col + dc)
        if other is not None:
            found.append((dr, dc, other))
    return found


def continued_line(plan: TilePlan, tile: Tile) -> str:
    words = {(0, -1): "← sheet {}", (-1, 0): "↑ sheet {}", (0, 1): "sheet {} →",
             (1, 0): "↓ sheet {}"}
    notes = [words[(dr, dc)].format(other.number) for dr, dc, other in neighbours(plan, tile)]
    return "continued: " + " · ".join(notes) if notes else ""


def tile_caption(m: Map, layout: Layout, region: Rect) -> str:
    """Which stages and lanes a tile shows, e.g. "stages Use – Renewal · lanes Sales"."""
    stages = [s.name for s in m.stages if s.id in layout.stage_rects
              and _overlaps(layout.stage_rects[s.id].x, layout.stage_rects[s.id].right,
                            region.x, region.right)]
    lanes = [ln.name for ln in m.lanes if ln.id in layout.lane_rects
             and _overlaps(layout.lane_rects[ln.id].y, layout.lane_rects[ln.id].bottom,
                           region.y, region.bottom)]
    parts = [_span("stage", stages), _span("lane", lanes)]
    curve = layout.emotion_rect
    if curve is not None and _overlaps(curve.y, curve.bottom, region.y, region.bottom):
        parts.append("experience curve")
    return " · ".join(part for part in parts if part)


def map_facts(m: Map) -> str:
    """The line under the name on a single sheet: kind, owner, version, date."""
    facts = [f"{m.kind.capitalize()} journey map" if m.kind else "Journey map"]
    if m.owner.strip():
        facts.append(f"owner {m.owner.strip()}")
    if m.version.strip():
        facts.append(f"version {m.version.strip()}")
    if m.date.strip():
        facts.append(m.date.strip())
    return " · ".join(facts)


def _overlaps(a0: float, a1: float, b0: float, b1: float) -> bool:
    return a1 > b0 + 1 and a0 < b1 - 1


def _span(noun: str, names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return f"{noun} {names[0]}"
    return f"{noun}s {names[0]} – {names[-1]}"
