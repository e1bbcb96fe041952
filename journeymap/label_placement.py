"""Where connection labels go: once per layout, clear of the cards and of each other.

Qt-free on purpose: the canvas and the PDF export each pass their own geometry (card
rectangles, link routes) and label sizes measured with their own fonts (Qt font metrics,
reportlab's `stringWidth`), and get back one rectangle per label.

Each label has candidate spots, best first (along its link, centred on it or hanging to
either side). Labels are placed in the order given; a label takes the first spot that covers
nothing, else the spot covering the least area of cards and already-placed labels. The
rectangles live in a uniform grid, so a spot is tested against the few rectangles near it,
never against the whole map: placing n labels costs O(n), not O(n²).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .layout import Rect, Route

# Where along a link its label may sit, best first: the middle, then further out.
LABEL_STOPS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
# On a very large map (thousands of labelled links) each label tries fewer places along its
# link: the placement is most of the time a 10,000-card map takes to open, and at that
# density the farther stops rarely find room the nearer ones did not.
FEW_STOPS = (0.5, 0.36, 0.64)
MIDDLE_STOP = (0.5,)  # the middle of the link, on it or beside it
MANY_LABELS = 4000
VERY_MANY_LABELS = 8000


def stops_for(labels: int) -> tuple[float, ...]:
    """Seven stops along each link; three above 4,000 labels; the middle alone above
    8,000 (a 10,000-card map: the placement then takes a fifth of the time, and a quarter
    fewer labels find a spot clear of everything, on a map far denser than a workshop's)."""
    if labels <= MANY_LABELS:
        return LABEL_STOPS
    return FEW_STOPS if labels <= VERY_MANY_LABELS else MIDDLE_STOP

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
SHARED_CELLS = 16  # a label whose spots span more grid cells looks each spot up on its own


class LabelRequest(NamedTuple):  # tuples: thousands are made per relayout
    """One label to place: its size and its candidate centres, best first."""

    key: Hashable
    w: float
    h: float
    spots: Sequence[tuple[float, float]]


class PlacedLabel(NamedTuple):
    key: Hashable
    rect: Rect
    spot: int  # index into the request's spots
    cover: float  # area of the label lying on cards or earlier labels; 0 = in the clear

    @property
    def clear(self) -> bool:
        return self.cover == 0


@dataclass
class Placement:
    labels: dict[Hashable, PlacedLabel]
    tests: int  # rectangle-against-rectangle tests made (shows how the work scales)


def bezier_point(route: Route, t: float) -> tuple[float, float]:
    """The point at parameter t of a route's cubic Bézier; on a chain of cubics, each
    segment takes an equal share of t (0 ... 1 over the whole route)."""
    if route.via:
        points = route.points
        index, t = _on_segment(len(route.via) // 3 + 1, t)
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[3 * index:3 * index + 4]
    else:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = route.start, route.c1, route.c2, route.end
    a, b, c, d = _bernstein(t)
    return (a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)


def _on_segment(segments: int, t: float) -> tuple[int, float]:
    """(segment, t within it) of parameter t over a chain of `segments` cubics."""
    index = min(int(t * segments), segments - 1)
    return index, t * segments - index


# (segment, Bernstein weights) of the label stops on a chain of n cubics, by n
_CHAIN_WEIGHTS: dict[tuple, list[tuple[int, tuple[float, float, float, float]]]] = {}


def _chain_weights(n: int, stops: Sequence[float] = LABEL_STOPS
                   ) -> list[tuple[int, tuple[float, float, float, float]]]:
    weights = _CHAIN_WEIGHTS.get((n, stops))
    if weights is None:
        weights = _CHAIN_WEIGHTS[(n, stops)] = [(index, _bernstein(local)) for index, local in
                                                (_on_segment(n, t) for t in stops)]
    return weights


def _bernstein(t: float) -> tuple[float, float, float, float]:
    u = 1 - t
    return (u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t)


_STOP_WEIGHTS = [_bernstein(t) for t in LABEL_STOPS]
_FEW_WEIGHTS = [_bernstein(t) for t in FEW_STOPS]


def route_spots(route: Route, shift: float,
                stops: Sequence[float] = LABEL_STOPS) -> list[tuple[float, float]]:
    """Candidate centres along a route: at each stop, on the link, then `shift` to the left
    and to the right of it (a label hanging beside a steep link leaves the link readable)."""
    if route.via and stops in (LABEL_STOPS, FEW_STOPS, MIDDLE_STOP):
        chain = route.points
        points = []
        for index, (a, b, c, d) in _chain_weights(len(route.via) // 3 + 1, stops):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = chain[3 * index:3 * index + 4]
            points.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    elif route.via:
        points = [bezier_point(route, t) for t in stops]
    else:
        weights = _STOP_WEIGHTS if stops is LABEL_STOPS else (
            _FEW_WEIGHTS if stops is FEW_STOPS else [_bernstein(t) for t in stops])
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = route.start, route.c1, route.c2, route.end
        points = [(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)
                  for a, b, c, d in weights]
    spots = []
    for x, y in points:
        if shift > 0:
            spots += ((x, y), (x - shift, y), (x + shift, y))
        else:
            spots.append((x, y))
    return spots


def arrow_box(route: Route, length: float) -> Rect:
    """The box around a route's arrowhead, `length` long: labels keep off it, so a label
    never hides where a link arrives."""
    (x, y), (cx, cy) = route.end, route.c2
    dx, dy = x - cx, y - cy
    norm = math.hypot(dx, dy) or 1.0
    bx, by = x - dx / norm * length, y - dy / norm * length
    half = length * 0.45
    x0, x1 = min(x, bx) - half * abs(dy / norm), max(x, bx) + half * abs(dy / norm)
    y0, y1 = min(y, by) - half * abs(dx / norm), max(y, by) + half * abs(dx / norm)
    return Rect(x0, y0, x1 - x0, y1 - y0)


def spot_offset(index: int, shift: float,
                stops: Sequence[float] = LABEL_STOPS) -> tuple[float, float]:
    """(t, dx) of spot `index` of `route_spots(route, shift, stops)`: where along the route
    it is and how far to the side, so a label can keep its spot while its link moves."""
    if shift <= 0:
        return stops[index], 0.0
    stop, side = divmod(index, 3)
    return stops[stop], (0.0, -shift, shift)[side]


class GridIndex:
    """Axis-aligned rectangles in a uniform grid of square cells `cell` wide."""

    def __init__(self, cell: float) -> None:
        if not cell > 0 or math.isinf(cell):
            raise ValueError(f"grid cell size must be a positive number, not {cell!r}")
        self.cell = cell
        self.boxes: list[Box] = []
        self._cells: dict[tuple[int, int], list[int]] = {}
        self.tests = 0

    def cells_in(self, box: Box) -> int:
        i0, i1, j0, j1 = self.span(box)
        return (i1 - i0 + 1) * (j1 - j0 + 1)

    def add(self, box: Box) -> None:
        index = len(self.boxes)
        self.boxes.append(box)
        i0, i1, j0, j1 = self.span(box)
        cells = self._cells
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                cells.setdefault((i, j), []).append(index)

    def span(self, box: Box) -> tuple[int, int, int, int]:
        """The first and last grid column and row that `box` touches."""
        c = self.cell
        return int(box[0] // c), int(box[2] // c), int(box[1] // c), int(box[3] // c)

    def near(self, box: Box) -> list[Box]:
        """The rectangles in the cells `box` touches (a superset of those it overlaps), each
        once, in the order they were added."""
        return self.near_span(self.span(box))

    def near_span(self, span: tuple[int, int, int, int]) -> list[Box]:
        i0, i1, j0, j1 = span
        cells, boxes = self._cells, self.boxes
        if i0 == i1 and j0 == j1:
            return [boxes[k] for k in cells.get((i0, j0), ())]
        found: set[int] = set()
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                hit = cells.get((i, j))
                if hit:
                    found.update(hit)
        return [boxes[k] for k in sorted(found)]

    def cover(self, box: Box, limit: float = math.inf) -> float:
        """The area of `box` lying on indexed rectangles (overlaps counted once per
        rectangle); stops adding once it reaches `limit`."""
        return self.cover_among(box, self.near(box), limit)

    def cover_among(self, box: Box, near: list[Box], limit: float = math.inf) -> float:
        """`cover` over the candidates `near` (from `near()`); the caller's inner loop."""
        x0, y0, x1, y1 = box
        total = 0.0
        self.tests += len(near)
        for a0, b0, a1, b1 in near:
            if a1 <= x0 or a0 >= x1 or b1 <= y0 or b0 >= y1:
                continue  # plain comparisons: this loop runs ~10^5 times on a large map
            w = (a1 if a1 < x1 else x1) - (a0 if a0 > x0 else x0)
            h = (b1 if b1 < y1 else y1) - (b0 if b0 > y0 else y0)
            total += w * h
            if total >= limit:
                break
        return total


def _median(values: list[float]) -> float:
    values = sorted(v for v in values if v > 0 and math.isfinite(v))
    return values[len(values) // 2] if values else 0.0


def _cell_size(obstacles: list[Box], requests: list[LabelRequest]) -> float:
    """About a card's size, and at least twice a label's: a spot then touches few cells and
    a card lies in few of them."""
    card = _median([max(b[2] - b[0], b[3] - b[1]) for b in obstacles])
    label = _median([max(r.w, r.h) for r in requests])
    return max(card, 2 * label, 1.0)


def place_labels(obstacles: Iterable[Rect], requests: Iterable[LabelRequest],
                 cell: float | None = None, only_clear: bool = False) -> Placement:
    """Place every request (in order) avoiding `obstacles` and the labels placed before it;
    a request without spots is left out, and with `only_clear` (print: a tag on a card would
    hide its text) so is one that finds no clear spot, which then blocks no later label.
    Deterministic: the same input, the same result."""
    boxes = [(r.x, r.y, r.x + r.w, r.y + r.h) for r in obstacles]
    requests = list(requests)
    index = GridIndex(cell or _cell_size(boxes, requests))
    for box in boxes:
        index.add(box)
    placed: dict[Hashable, PlacedLabel] = {}
    for request in requests:
        label = _place_one(index, request)
        if label is not None and (label.clear or not only_clear):
            placed[request.key] = label
            r = label.rect
            index.add((r.x, r.y, r.right, r.bottom))
    return Placement(placed, index.tests)


def _place_one(index: GridIndex, request: LabelRequest) -> PlacedLabel | None:
    if not request.spots:
        return None
    hw, hh = request.w / 2, request.h / 2
    xs = [x for x, _ in request.spots]
    ys = [y for _, y in request.spots]
    around = (min(xs) - hw, min(ys) - hh, max(xs) + hw, max(ys) + hh)
    # The spots of a short link lie close together: one grid look-up serves them all. A long
    # link (a loop across the map) spreads them out: then each spot looks up its own cells.
    shared = index.cells_in(around) <= SHARED_CELLS
    near = _overlapping(index.near(around), around) if shared else None
    looked_up: dict[tuple, list[Box]] = {}  # spots side by side often touch the same cells
    best, best_cover = 0, math.inf
    for number, (x, y) in enumerate(request.spots):
        box = (x - hw, y - hh, x + hw, y + hh)
        if not shared:
            span = index.span(box)
            near = looked_up.get(span)
            if near is None:
                near = looked_up[span] = index.near_span(span)
        cover = index.cover_among(box, near, best_cover)
        if cover < best_cover:
            best, best_cover = number, cover
            if cover == 0:
                break
    x, y = request.spots[best]
    return PlacedLabel(request.key, Rect(x - hw, y - hh, request.w, request.h), best, best_cover)


def _overlapping(boxes: list[Box], around: Box) -> list[Box]:
    x0, y0, x1, y1 = around
    return [b for b in boxes if b[2] > x0 and b[0] < x1 and b[3] > y0 and b[1] < y1]
