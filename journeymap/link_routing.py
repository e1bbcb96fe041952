"""Where links run: their ports on the card edges, and routes clear of the cards.

Worked out once per layout for all of a map's connections (`Layout.routing()`), so the
canvas and the PDF sheet, each on its own layout, draw the same kind of routes:

- Ports. The links using one card edge (a forward link leaves its source's right edge and
  enters its target's left edge, a loop uses the bottom edges, a link within a card column
  the side) get points spread evenly along that edge, a margin away from the corners, in
  the order of where they go (the gutter they bend into, or their other end), so arrowheads
  meet a card at distinct points and the links leaving one edge do not cross.
- Routes. A forward link whose plain S-curve would run under a card of the columns in
  between bends instead into the nearest free horizontal gutter (between card rows, or
  between lanes), runs along it and bends out again in front of its target: a chain of
  cubic segments (`Route.via`), each lying inside a rectangle free of cards (a cubic stays
  in the hull of its control points), so the route crosses no card. A bend rising more
  than two corners is a rounded corner, a straight run up or down its gutter and a rounded
  corner; a small one a plain S-curve. Links to the next card column, and within a column,
  bend the same way in the gutter between; loops keep their arch under the cards.
- Tracks. The bends that share a vertical gutter over overlapping heights, and the runs
  that share a horizontal gutter over overlapping widths, each get their own line across
  the gutter (off its middle where a stage or lane boundary is ruled), so links running
  side by side stay apart and parallel.

Card rows line up across every stage and card columns across every lane (`compute_layout`),
so the gutters between them run free across the whole grid.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .layout import EDGES, Layout, Point, Rect, Route, link_kind, route_between

EDGE_MARGIN = 0.14  # share of a card edge kept free of ports at each corner
CLEARANCE = 1.5  # a plain curve passing closer than this to a card counts as under it
SAMPLES = 32  # points along a plain curve tested against the cards in its way
NEAREST = 4  # gutters between a detour's two ends considered, nearest its source first


@dataclass
class Routing:
    ports: dict[str, tuple[Point, Point]]  # connection id -> (start, end)
    routes: dict[str, tuple[tuple[str, str], Route]]  # id -> ((source, target), route)
    detours: int = 0  # forward links bent through a gutter


@dataclass(eq=False)  # hashed by identity: a key of the track tables
class _Link:
    id: str
    source: str
    target: str
    src: Rect
    dst: Rect
    kind: str
    col_from: int = -1
    col_to: int = -1
    gutter: int | None = None  # the horizontal gutter a detour runs along
    run_y: float = 0.0
    start: Point = (0.0, 0.0)
    end: Point = (0.0, 0.0)


class _Grid:
    """The card columns and rows of a layout, and the gutters between them."""

    def __init__(self, layout: Layout) -> None:
        m = layout.metrics
        cards = layout.card_rects.values()
        self.xs = sorted({r.x for r in cards})
        self.col = {x: i for i, x in enumerate(self.xs)}
        ys = sorted({r.y for r in cards})
        self.w, self.h = m.card_w, m.card_h
        grid = layout.grid_rect
        self.left, self.right = grid.x, grid.right
        # where the sheet rules a stage or lane boundary (in the middle of its gutter)
        self.stage_lines = [r.x for r in layout.stage_rects.values()]
        self.lane_lines = [r.y for r in layout.lane_rects.values()]
        # Horizontal gutters as (top, bottom): above the first row, between rows, below.
        bounds = [grid.y] + [v for y in ys for v in (y, y + m.card_h)] + [grid.bottom]
        self.gutters = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)
                        if bounds[i + 1] - bounds[i] > 1]
        self.middles = [(top + bottom) / 2 for top, bottom in self.gutters]
        # the tops of each card column's cards, top to bottom (a point's card: a bisection)
        self.tops: dict[int, list[float]] = {}
        for r in sorted(cards, key=lambda r: r.y):
            self.tops.setdefault(self.col[r.x], []).append(r.y)

    def vgutter(self, k: int) -> tuple[float, float]:
        """The gutter right of card column k (-1: left of the first): (left, right)."""
        left = self.xs[k] + self.w if k >= 0 else self.left
        right = self.xs[k + 1] if k + 1 < len(self.xs) else self.right
        return left, right

    def blocked(self, route: Route, link: _Link) -> bool:
        """Whether the single cubic `route` passes over a card of the columns between."""
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = route.start, route.c1, route.c2, route.end
        e, w, h, xs = CLEARANCE, self.w, self.h, self.xs
        first, last = link.col_from + 1, link.col_to - 1
        for a, b, c, d in _SAMPLE_WEIGHTS:  # from the source on: a card in the way shows early
            x, y = a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3
            k = bisect_right(xs, x + e) - 1  # the card column the point may be over
            if k < first or k > last or x >= xs[k] + w + e:
                continue
            tops = self.tops.get(k)
            if tops:
                row = bisect_right(tops, y + e) - 1  # the card above it in that column
                if row >= 0 and y < tops[row] + h + e:
                    return True
        return False


def _weights(t: float) -> tuple[float, float, float, float]:
    u = 1 - t
    return (u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t)


_SAMPLE_WEIGHTS = [_weights(i / SAMPLES) for i in range(1, SAMPLES)]


def route_links(layout: Layout) -> Routing:
    """The ports and routes of `layout.connections` (see the module docstring)."""
    cards = layout.card_rects
    links = [_Link(cid, s, t, cards[s], cards[t], link_kind(cards[s], cards[t]))
             for cid, s, t in layout.connections if s in cards and t in cards]
    if not links:
        return Routing({}, {})
    grid = _Grid(layout)
    metrics = layout.metrics
    for link in links:
        if link.kind == "forward":
            link.col_from, link.col_to = grid.col[link.src.x], grid.col[link.dst.x]
            if link.col_to - link.col_from > 1:  # cards in between that a curve may cross
                middle = route_between(link.src, link.dst, metrics)
                if grid.blocked(middle, link):
                    link.gutter = _nearest_gutter(grid, middle.start[1], middle.end[1])
    ports = _ports(grid, links)
    detours = 0
    for link in links:
        link.start, link.end = ports[link.id]
        # the ports moved the ends: a curve that was clear may now clip a corner
        if (link.kind == "forward" and link.gutter is None and link.col_to - link.col_from > 1
                and grid.blocked(route_between(link.src, link.dst, metrics, link.start,
                                               link.end), link)):
            link.gutter = _nearest_gutter(grid, link.start[1], link.end[1])
        detours += link.gutter is not None
    _run_tracks(grid, [link for link in links if link.gutter is not None])
    bend_x = _bend_tracks(grid, links)
    routes = {}
    for link in links:
        routes[link.id] = ((link.source, link.target), _route(grid, link, bend_x, metrics))
    return Routing(ports, routes, detours)


def _nearest_gutter(grid: _Grid, y0: float, y1: float) -> int:
    """The horizontal gutter the fewest steps away from both ends (the wider of two): one
    between the two ends' heights (of those, among the few nearest the source, where the
    link then turns at once), or the nearest above or below them."""
    def cost(index: int) -> tuple[float, float, float]:
        top, bottom = grid.gutters[index]
        middle = grid.middles[index]
        return (round(abs(y0 - middle) + abs(y1 - middle), 3), -(bottom - top), abs(y0 - middle))

    first = bisect_left(grid.middles, min(y0, y1))
    last = bisect_right(grid.middles, max(y0, y1))
    near = range(first, min(first + NEAREST, last)) if y1 >= y0 else \
        range(max(first, last - NEAREST), last)
    candidates = [k for k in (first - 1, last, *near) if 0 <= k < len(grid.gutters)]
    return min(candidates, key=cost)


# -- ports -------------------------------------------------------------------------------
def _ports(grid: _Grid, links: list[_Link]) -> dict[str, tuple[Point, Point]]:
    """Every link end spread along its card edge, in the order of where the link goes."""
    ends: dict[tuple[str, str], list[tuple[tuple, str, int]]] = {}
    for link in links:
        out_edge, in_edge = EDGES[link.kind]
        for side, card, rect, other, edge in ((0, link.source, link.src, link.dst, out_edge),
                                              (1, link.target, link.dst, link.src, in_edge)):
            key = _order(grid, link, rect, other, edge)
            ends.setdefault((card, edge), []).append((key, link.id, side))
    points: dict[str, list[Point]] = {link.id: [(0.0, 0.0), (0.0, 0.0)] for link in links}
    rects = {link.source: link.src for link in links} | {link.target: link.dst for link in links}
    for (card, edge), users in ends.items():
        users.sort()
        rect = rects[card]
        for k, (_key, link_id, side) in enumerate(users):
            points[link_id][side] = _spot(rect, edge, (k + 0.5) / len(users))
    return {key: (value[0], value[1]) for key, value in points.items()}


def _order(grid: _Grid, link: _Link, rect: Rect, other: Rect, edge: str) -> tuple:
    """Where along its edge an end goes (smaller: nearer the top, or the left): by the
    height it heads for on a side edge; on a bottom edge (loops nest, the longer outside)
    first the loops to the left, each group with its farther ends inwards."""
    ox, oy = other.center
    if edge == "bottom":
        return (ox >= rect.center[0], -ox, oy, link.id)
    toward = oy
    if link.gutter is not None:
        top, bottom = grid.gutters[link.gutter]
        toward = (top + bottom) / 2
    return (toward, ox if edge == "right" else -ox, link.id)


def _spot(rect: Rect, edge: str, share: float) -> Point:
    if edge == "bottom":
        margin = rect.w * EDGE_MARGIN
        return (rect.x + margin + (rect.w - 2 * margin) * share, rect.bottom)
    margin = rect.h * EDGE_MARGIN
    y = rect.y + margin + (rect.h - 2 * margin) * share
    return (rect.right if edge == "right" else rect.x, y)


# -- tracks ------------------------------------------------------------------------------
def _ruled(lines: list[float], lo: float, hi: float) -> bool:
    return any(lo + 1 < v < hi - 1 for v in lines)


def _slot(k: int, n: int, ruled: bool) -> float:
    """Where the k-th of n tracks crosses a gutter (0 ... 1). A ruled gutter (a stage or
    lane boundary down its middle) keeps its middle for the rule: a link there would hide
    in it."""
    if not ruled or n % 2 == 0:
        return (k + 1) / (n + 1)
    return (k + 1) / (n + 2) if k < (n + 1) // 2 else (k + 2) / (n + 2)


def _spread(items: list[tuple[float, float, tuple, object]], lo: float, hi: float,
            ruled: bool = False) -> dict[object, float]:
    """Items (from, to, order key, id) sharing a gutter [lo, hi]: each group of overlapping
    spans spread over the gutter's width in key order (`_slot`)."""
    result: dict[object, float] = {}
    items = sorted(items, key=lambda item: (item[0], item[1]))
    group: list = []
    reach = -float("inf")
    for item in items + [None]:
        if item is None or item[0] > reach:
            group.sort(key=lambda g: g[2])
            for k, g in enumerate(group):
                result[g[3]] = lo + (hi - lo) * _slot(k, len(group), ruled)
            group, reach = [], -float("inf")
        if item is not None:
            group.append(item)
            reach = max(reach, item[1])
    return result


def _run_tracks(grid: _Grid, detours: list[_Link]) -> None:
    """The height each detour runs at along its gutter."""
    by_gutter: dict[int, list] = {}
    for link in detours:
        x0 = grid.xs[link.col_from + 1]
        x1 = grid.xs[link.col_to - 1] + grid.w
        key = ((link.start[1] + link.end[1]) / 2, link.id)
        by_gutter.setdefault(link.gutter, []).append((x0 - 2, x1 + 2, key, link))
    for index, items in by_gutter.items():
        top, bottom = grid.gutters[index]
        for link, y in _spread(items, top, bottom, _ruled(grid.lane_lines, top, bottom)).items():
            link.run_y = y


def _bends(grid: _Grid, link: _Link) -> list[tuple[int, Point, Point, str]]:
    """(vertical gutter, from, to, name) of the bends a link makes: one for a link to the
    next card column or within one, two for a detour; none for a loop."""
    if link.kind in ("down", "up"):  # beside its card column, down on the right, up on the left
        col = grid.col[link.src.x]
        return [(col if link.kind == "down" else col - 1, link.start, link.end, "only")]
    if link.kind != "forward":
        return []
    if link.gutter is None:
        if link.col_to - link.col_from == 1 and abs(link.start[1] - link.end[1]) >= 1:
            return [(link.col_from, link.start, link.end, "only")]
        return []
    into = (grid.xs[link.col_from + 1], link.run_y)
    out_of = (grid.xs[link.col_to - 1] + grid.w, link.run_y)
    return [(link.col_from, link.start, into, "in"), (link.col_to - 1, out_of, link.end, "out")]


def _bend_tracks(grid: _Grid, links: list[_Link]) -> dict[tuple[str, str], float]:
    """The x each bend turns at in its vertical gutter: (link id, name) -> x."""
    by_gutter: dict[int, list] = {}
    for link in links:
        for gutter, a, b, name in _bends(grid, link):
            lo, hi = min(a[1], b[1]), max(a[1], b[1])
            if hi - lo < 1:
                continue
            middle = (lo + hi) / 2
            # Going down, the lower bend turns further left; going up, the higher one: then
            # bends side by side do not cross.
            key = (0, -middle) if b[1] > a[1] else (1, middle)
            by_gutter.setdefault(gutter, []).append((lo - 2, hi + 2, key + (link.id, name),
                                                     (link.id, name)))
    result: dict[tuple[str, str], float] = {}
    for gutter, items in by_gutter.items():
        left, right = grid.vgutter(gutter)
        result.update(_spread(items, left, right, _ruled(grid.stage_lines, left, right)))
    return result


CORNER = 10.0  # radius of a bend's corners, in layout units


def _bend(a: Point, b: Point, x: float) -> list[Point]:
    """The points after `a` of a bend from `a` to `b` (both horizontal there) turning at
    `x`: a plain S-curve when the rise is small, else a rounded corner, a straight run up
    or down the gutter at `x` and a rounded corner (links side by side stay parallel)."""
    rise = b[1] - a[1]
    if abs(rise) <= 2 * CORNER:
        return [(x, a[1]), (x, b[1]), b]
    r = CORNER if rise > 0 else -CORNER
    p1, p2 = (x, a[1] + r), (x, b[1] - r)
    third = (p2[1] - p1[1]) / 3
    return [(x, a[1]), (x, a[1]), p1, (x, p1[1] + third), (x, p2[1] - third), p2,
            (x, b[1]), (x, b[1]), b]


def _route(grid: _Grid, link: _Link, bend_x: dict, metrics) -> Route:
    bends = _bends(grid, link)
    if not bends:
        return route_between(link.src, link.dst, metrics, link.start, link.end)
    points: list[Point] = [link.start]
    for _gutter, a, b, name in bends:
        if points[-1] != a:  # the run along the gutter, between the two bends
            third = (a[0] - points[-1][0]) / 3
            points += [(points[-1][0] + third, a[1]), (a[0] - third, a[1]), a]
        points += _bend(a, b, bend_x.get((link.id, name), (a[0] + b[0]) / 2))
    return Route(points[0], points[1], points[-2], points[-1], False, tuple(points[2:-2]))
