"""Pure geometry of a map: where every header, cell and card goes.

The canvas draws this layout and the PDF exporter draws the same layout scaled to paper, so
print matches screen. Units are points at 100 % zoom (1 unit = 1/72 inch when printed 1:1).

Cards in a cell are laid out in a small grid: a stage gets as many card columns as its fullest
cell needs for a roughly square block (at least three cards stacked before a second column);
a lane is as tall as its tallest cell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .model import Connection, Map


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom


@dataclass(frozen=True)
class Metrics:
    card_w: float = 168.0
    card_h: float = 88.0
    gap: float = 12.0  # between cards, and the padding inside a cell
    stage_header_h: float = 48.0
    lane_header_w: float = 136.0
    emotion_h: float = 96.0  # the emotion-curve band under the grid (0 = none)
    min_rows: int = 3  # cards stacked in a cell before a second column opens
    max_rows: int = 0  # > 0: at most this many cards stacked, then a new column (print fit)


@dataclass
class Layout:
    metrics: Metrics
    width: float = 0.0
    height: float = 0.0
    stage_rects: dict[str, Rect] = field(default_factory=dict)  # header + column, full height
    stage_header_rects: dict[str, Rect] = field(default_factory=dict)
    lane_rects: dict[str, Rect] = field(default_factory=dict)  # header + row, full width
    lane_header_rects: dict[str, Rect] = field(default_factory=dict)
    cell_rects: dict[tuple[str, str], Rect] = field(default_factory=dict)
    card_rects: dict[str, Rect] = field(default_factory=dict)
    stage_columns: dict[str, int] = field(default_factory=dict)  # card columns per stage
    grid_rect: Rect = Rect(0, 0, 0, 0)  # cells only, without headers
    emotion_rect: Rect | None = None
    # (id, source, target) of the map's connections: their ports and routes are worked out
    # together on first use (`link_routing`), so a layout nobody draws links on costs nothing
    connections: tuple[tuple[str, str, str], ...] = ()
    _routing: object = field(default=None, repr=False, compare=False)

    def routing(self):
        """The ports and routes of every connection of the map (`link_routing.Routing`)."""
        if self._routing is None:
            from .link_routing import route_links  # it builds on this module's geometry

            self._routing = route_links(self)
        return self._routing

    @property
    def ports(self) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
        """Connection id -> (where it leaves its source card, where it enters its target):
        the links using one card edge spread along it, in the order of their other ends."""
        return self.routing().ports

    def cell_at(self, x: float, y: float) -> tuple[str, str] | None:
        for key, rect in self.cell_rects.items():
            if rect.contains(x, y):
                return key
        return None

    def slot_in_cell(self, stage_id: str, lane_id: str, x: float, y: float) -> int:
        """The index within a cell that a card dropped at (x, y) should take."""
        rect = self.cell_rects[(stage_id, lane_id)]
        m = self.metrics
        cols = self.stage_columns.get(stage_id, 1)
        col = min(cols - 1, max(0, int((x - rect.x - m.gap / 2) // (m.card_w + m.gap))))
        row = max(0, int((y - rect.y - m.gap / 2 + m.card_h / 2) // (m.card_h + m.gap)))
        return row * cols + col


def _columns_for(count: int, min_rows: int, max_rows: int = 0) -> int:
    if max_rows > 0:
        return max(1, math.ceil(count / max_rows))
    if count <= min_rows:
        return 1
    rows = max(min_rows, math.ceil(math.sqrt(count)))
    return math.ceil(count / rows)


def compute_layout(m: Map, metrics: Metrics | None = None) -> Layout:
    """Where every header, cell and card of `m` goes (see the module docstring)."""
    metrics = metrics or Metrics()
    cells: dict[tuple[str, str], list[str]] = {}
    for tp in m.touchpoints:
        cells.setdefault((tp.stage, tp.lane), []).append(tp.id)

    def count(stage_id: str, lane_id: str) -> int:
        return len(cells.get((stage_id, lane_id), ()))

    columns = {
        s.id: _columns_for(max((count(s.id, ln.id) for ln in m.lanes), default=0), metrics.min_rows,
                           metrics.max_rows)
        for s in m.stages
    }
    rows = {
        ln.id: max([1] + [math.ceil(count(s.id, ln.id) / columns[s.id]) for s in m.stages])
        for ln in m.lanes
    }
    step_x, step_y = metrics.card_w + metrics.gap, metrics.card_h + metrics.gap
    stage_x, grid_right = _spans(
        metrics.lane_header_w, {s.id: columns[s.id] * step_x + metrics.gap for s in m.stages}
    )
    lane_y, grid_bottom = _spans(
        metrics.stage_header_h, {ln.id: rows[ln.id] * step_y + metrics.gap for ln in m.lanes}
    )
    layout = Layout(metrics=metrics, stage_columns=columns,
                    connections=tuple((c.id, c.source, c.target) for c in m.connections))
    _frame(layout, grid_right, grid_bottom)
    _headers(layout, stage_x, lane_y)
    for lane_id, (ly, lh) in lane_y.items():
        for stage_id, (sx, sw) in stage_x.items():
            cell = layout.cell_rects[(stage_id, lane_id)] = Rect(sx, ly, sw, lh)
            _place_cards(layout, cell, cells.get((stage_id, lane_id), []), columns[stage_id])
    return layout


def _spans(start: float, sizes: dict[str, float]) -> tuple[dict[str, tuple[float, float]], float]:
    """({id: (position, size)} laid end to end from `start` in the dict's order, the end)."""
    spans = {}
    for key, size in sizes.items():
        spans[key] = (start, size)
        start += size
    return spans, start


def _frame(layout: Layout, grid_right: float, grid_bottom: float) -> None:
    """Overall size, the grid of cells, and the emotion band under it."""
    m = layout.metrics
    layout.grid_rect = Rect(
        m.lane_header_w, m.stage_header_h, grid_right - m.lane_header_w, grid_bottom - m.stage_header_h
    )
    if m.emotion_h > 0:
        layout.emotion_rect = Rect(m.lane_header_w, grid_bottom, grid_right - m.lane_header_w,
                                   m.emotion_h)
    layout.width = grid_right
    layout.height = grid_bottom + max(m.emotion_h, 0)


def _headers(layout: Layout, stage_x: dict, lane_y: dict) -> None:
    m = layout.metrics
    for stage_id, (sx, sw) in stage_x.items():
        layout.stage_header_rects[stage_id] = Rect(sx, 0, sw, m.stage_header_h)
        layout.stage_rects[stage_id] = Rect(sx, 0, sw, layout.height)
    for lane_id, (ly, lh) in lane_y.items():
        layout.lane_header_rects[lane_id] = Rect(0, ly, m.lane_header_w, lh)
        layout.lane_rects[lane_id] = Rect(0, ly, layout.width, lh)


def _place_cards(layout: Layout, cell: Rect, tp_ids: list[str], cols: int) -> None:
    """Cards fill a cell row by row, `cols` to a row, in their list order."""
    m = layout.metrics
    for index, tp_id in enumerate(tp_ids):
        row, col = divmod(index, cols)
        layout.card_rects[tp_id] = Rect(
            cell.x + m.gap + col * (m.card_w + m.gap),
            cell.y + m.gap + row * (m.card_h + m.gap),
            m.card_w,
            m.card_h,
        )


Point = tuple[float, float]


@dataclass(frozen=True)
class Route:
    """A connection drawn as a cubic Bézier from `start` to `end` with two control points,
    or as a chain of cubics: `via` then holds, between `c1` and `c2`, three points per
    further segment (the segment's end, then the next segment's two controls). `c1` is
    always the tangent out of `start` and `c2` the tangent into `end` (the arrowhead)."""

    start: Point
    c1: Point
    c2: Point
    end: Point
    backward: bool  # goes to an earlier stage or further left: drawn as a loop under the cards
    via: tuple[Point, ...] = ()

    @property
    def points(self) -> tuple[Point, ...]:
        """start, then three points per segment: its two controls and its end."""
        return (self.start, self.c1, *self.via, self.c2, self.end)

    def segments(self) -> list[tuple[Point, Point, Point, Point]]:
        """The cubic segments, each (start, control, control, end)."""
        p = self.points
        return [(p[i], p[i + 1], p[i + 2], p[i + 3]) for i in range(0, len(p) - 1, 3)]

    def moved(self, dx: float, dy: float) -> Route:
        def move(point: Point) -> Point:
            return (point[0] + dx, point[1] + dy)

        return Route(move(self.start), move(self.c1), move(self.c2), move(self.end),
                     self.backward, tuple(move(v) for v in self.via))


def route_connection(layout: Layout, conn: Connection, m: Map | None = None) -> Route | None:
    """Forward links leave a card's right edge and enter the target's left edge; links that
    go back (loops) leave from the bottom and return into the target's bottom, arching below
    both cards so they read as loops and do not cross the cards in between. A connection
    of the map the layout was computed for takes its ports and route from `layout.routing()`
    (ends spread along the card edges, long links bent through the gutters between cards);
    any other, mid-edge points."""
    src = layout.card_rects.get(conn.source)
    dst = layout.card_rects.get(conn.target)
    if src is None or dst is None:
        return None
    routed = layout.routing().routes.get(conn.id) if layout.connections else None
    if routed is not None and routed[0] == (conn.source, conn.target):
        return routed[1]
    return route_between(src, dst, layout.metrics)


def link_kind(src: Rect, dst: Rect) -> str:
    """How a link between two cards runs: "forward" (to a card column further right),
    "down" / "up" (within a card column) or "back" (a loop under the cards)."""
    if dst.x > src.right - 1:
        return "forward"
    if abs(dst.x - src.x) < 1 and dst.y != src.y:
        return "down" if dst.y > src.y else "up"
    return "back"


# The card edges a link of each kind leaves from and enters.
EDGES = {"forward": ("right", "left"), "down": ("right", "right"), "up": ("left", "left"),
         "back": ("bottom", "bottom")}


def edge_middle(rect: Rect, edge: str) -> Point:
    if edge == "right":
        return (rect.right, rect.y + rect.h / 2)
    if edge == "left":
        return (rect.x, rect.y + rect.h / 2)
    return (rect.x + rect.w / 2, rect.bottom)


def route_between(src: Rect, dst: Rect, metrics: Metrics, start: Point | None = None,
                  end: Point | None = None) -> Route:
    """The route between two card rectangles (the canvas calls it while a card is dragged),
    from `start` to `end` (points on the edges `EDGES` names; the edges' middles unless
    given)."""
    kind = link_kind(src, dst)
    out_edge, in_edge = EDGES[kind]
    start = start or edge_middle(src, out_edge)
    end = end or edge_middle(dst, in_edge)
    if kind == "forward":
        bend = max(24.0, (end[0] - start[0]) / 2)
        return Route(start, (start[0] + bend, start[1]), (end[0] - bend, end[1]), end, False)
    if kind in ("down", "up"):  # same column: vertical link on the side
        # Downward links run on the right, upward ones on the left, so a pair of opposite
        # links (a step and its loop back) does not draw one line over the other.
        bulge = metrics.gap * 2.5 * (1 if kind == "down" else -1)
        return Route(start, (start[0] + bulge, start[1]), (end[0] + bulge, end[1]), end, False)
    depth = metrics.gap * 3 + abs(start[0] - end[0]) * 0.08
    low = max(start[1], end[1]) + depth
    return Route(start, (start[0], low), (end[0], low), end, True)
