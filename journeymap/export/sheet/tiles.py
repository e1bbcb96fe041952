"""Cutting a map too big for one sheet into tiles.

Cuts fall between stages and lanes where possible, else between card columns or rows inside
a stage or lane, never through a card. Every tile repeats the stage and lane headers, so a
tile read on its own still says where it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...layout import Layout, Rect


@dataclass(frozen=True)
class Tile:
    number: int  # sheet number among the tiles, 1-based, reading order
    row: int
    col: int
    region: Rect  # the part of the grid body it shows, layout units


@dataclass
class TilePlan:
    scale: float
    columns: list[tuple[float, float]]
    rows: list[tuple[float, float]]
    tiles: list[Tile]

    def at(self, row: int, col: int) -> Tile | None:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.columns):
            return self.tiles[row * len(self.columns) + col]
        return None


def fit_scale(layout: Layout, width: float, height: float) -> float:
    if layout.width <= 0 or layout.height <= 0:
        return 1.0
    return min(width / layout.width, height / layout.height)


def plan_tiles(layout: Layout, width: float, height: float, scale: float,
               max_scale: float = 1.0) -> TilePlan:
    """Tiles for a content area of width x height points at `scale` or, when the tiles
    leave room, somewhat larger (up to max_scale)."""
    m = layout.metrics
    room_x = max(width / scale - m.lane_header_w, m.card_w + m.gap)
    room_y = max(height / scale - m.stage_header_h, m.card_h + m.gap)
    grid = layout.grid_rect
    columns = _cuts(_x_bounds(layout), grid.x, grid.right, room_x)
    rows = _cuts(_y_bounds(layout), grid.y, layout.height, room_y)
    tiles = []
    for r, (y0, y1) in enumerate(rows):
        for c, (x0, x1) in enumerate(columns):
            tiles.append(Tile(len(tiles) + 1, r, c, Rect(x0, y0, x1 - x0, y1 - y0)))
    # The evened-out tiles may leave room: print them all larger by the same factor, so the
    # sheets still fit together edge to edge.
    widest = max(x1 - x0 for x0, x1 in columns) + m.lane_header_w
    tallest = max(y1 - y0 for y0, y1 in rows) + m.stage_header_h
    grown = min(width / widest, height / tallest, max_scale)
    return TilePlan(max(scale, grown), columns, rows, tiles)


def _cuts(bounds: list[float], start: float, end: float, room: float) -> list[tuple[float, float]]:
    """Fewest pieces no longer than room, then evened out: the smallest room that still
    needs no more pieces, so the last sheet is not a sliver."""
    count = len(_greedy(bounds, start, end, room))
    low, high = (end - start) / count, room
    for _ in range(30):
        mid = (low + high) / 2
        if len(_greedy(bounds, start, end, mid)) <= count:
            high = mid
        else:
            low = mid
    return _greedy(bounds, start, end, high)


def _greedy(bounds: list[float], start: float, end: float, room: float) -> list[tuple[float, float]]:
    cuts = []
    a = start
    while a < end - 0.5:
        fitting = [b for b in bounds if a + 0.5 < b <= a + room]
        b = max(fitting) if fitting else min(a + room, end)
        cuts.append((a, b))
        a = b
    return cuts or [(start, end)]


def _x_bounds(layout: Layout) -> list[float]:
    m = layout.metrics
    step = m.card_w + m.gap
    bounds = [layout.grid_rect.right]
    for stage_id, rect in layout.stage_rects.items():
        bounds.append(rect.x)
        for k in range(1, layout.stage_columns.get(stage_id, 1)):
            bounds.append(rect.x + m.gap / 2 + k * step)
    return sorted(set(bounds))


def _y_bounds(layout: Layout) -> list[float]:
    m = layout.metrics
    step = m.card_h + m.gap
    bounds = [layout.height]
    if layout.emotion_rect is not None:
        bounds.append(layout.emotion_rect.y)
    for rect in layout.lane_rects.values():
        bounds.append(rect.y)
        y = rect.y + m.gap / 2 + step
        while y < rect.bottom - m.gap:
            bounds.append(y)
            y += step
    return sorted(set(bounds))
