"""Cutting a map too big for one sheet into tiles.

Cuts fall between stages and between lanes (the experience band counts as a lane), never
through one. Only a stage wider than a whole tile (or a lane taller than one) is cut inside,
between two of its card columns (rows), and only as often as its size needs; its header
then says "(continued)" on the sheets after the first. No cut goes through a card. Every
tile repeats the stage and lane headers, so a tile read on its own still says where it is.
The pieces are evened out so the last sheet is not a sliver, and greedy filling means two
neighbouring pieces never fit on one sheet together.
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


Bounds = tuple[list[float], list[float]]  # (between stages or lanes, inside one)


def _cuts(bounds: Bounds, start: float, end: float, room: float) -> list[tuple[float, float]]:
    """Fewest pieces no longer than room, then evened out: the smallest room that still
    needs no more pieces and no more cuts inside a stage or lane, so the last sheet is not
    a sliver."""
    first = _greedy(bounds, start, end, room)
    count, inside = len(first), _inside(bounds, first)
    low, high = (end - start) / count, room
    for _ in range(30):
        mid = (low + high) / 2
        trial = _greedy(bounds, start, end, mid)
        if len(trial) <= count and _inside(bounds, trial) <= inside:
            high = mid
        else:
            low = mid
    return _greedy(bounds, start, end, high)


def _inside(bounds: Bounds, cuts: list[tuple[float, float]]) -> int:
    edges = set(bounds[0])
    return sum(1 for _, b in cuts[:-1] if b not in edges)


def _greedy(bounds: Bounds, start: float, end: float, room: float) -> list[tuple[float, float]]:
    """Each piece as long as fits: up to the furthest stage (lane) edge within room, and
    only when no edge is within room, to the furthest card column (row) inside."""
    edges, inner = bounds
    cuts = []
    a = start
    while a < end - 0.5:
        b = _furthest(edges, a, room) or _furthest(inner, a, room) or min(a + room, end)
        cuts.append((a, b))
        a = b
    return cuts or [(start, end)]


def _furthest(bounds: list[float], a: float, room: float) -> float | None:
    fitting = [b for b in bounds if a + 0.5 < b <= a + room]
    return max(fitting) if fitting else None


def _x_bounds(layout: Layout) -> Bounds:
    m = layout.metrics
    step = m.card_w + m.gap
    edges = [layout.grid_rect.right]
    inner = []
    for stage_id, rect in layout.stage_rects.items():
        edges.append(rect.x)
        for k in range(1, layout.stage_columns.get(stage_id, 1)):
            inner.append(rect.x + m.gap / 2 + k * step)
    return sorted(set(edges)), sorted(set(inner))


def _y_bounds(layout: Layout) -> Bounds:
    m = layout.metrics
    step = m.card_h + m.gap
    edges = [layout.height]
    inner = []
    if layout.emotion_rect is not None:
        edges.append(layout.emotion_rect.y)
    for rect in layout.lane_rects.values():
        edges.append(rect.y)
        y = rect.y + m.gap / 2 + step
        while y < rect.bottom - m.gap:
            inner.append(y)
            y += step
    return sorted(set(edges)), sorted(set(inner))


def is_edge(layout: Layout, axis: str, position: float) -> bool:
    """Whether a cut at `position` ("x" or "y", layout units) falls between two stages
    (lanes) or at the grid's edge, rather than inside one."""
    edges = (_x_bounds if axis == "x" else _y_bounds)(layout)[0]
    return any(abs(position - edge) < 0.01 for edge in edges + [layout.grid_rect.x, layout.grid_rect.y])
