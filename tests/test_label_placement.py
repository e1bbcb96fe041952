"""Connection labels are placed once per layout by `journeymap.label_placement`: clear of the
cards and of each other when there is room, the same every time, with work that grows with
the map, not with its square."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.label_placement import (
    LabelRequest,
    bezier_point,
    place_labels,
    route_spots,
    spot_offset,
)
from journeymap.layout import Metrics, Rect, Route, compute_layout, route_connection
from journeymap.model import Connection, Lane, Map, Stage, Touchpoint


def overlap_area(a: Rect, b: Rect) -> float:
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0


def grid_map(count: int, stages: int = 12, lanes: int = 10) -> Map:
    """Cards over stages x lanes, each linked to the card one stage on, every link labelled."""
    m = Map(id="m", name="Labels")
    m.stages = [Stage(id=f"s{i}", name=f"S{i}") for i in range(stages)]
    m.lanes = [Lane(id=f"l{i}", name=f"L{i}") for i in range(lanes)]
    m.touchpoints = [Touchpoint(id=f"t{i}", title=f"T{i}", stage=f"s{i % stages}",
                                lane=f"l{(i // stages) % lanes}") for i in range(count)]
    m.touchpoints = m.touchpoints_in_display_order()
    m.connections = [Connection(id=f"c{i}", source=f"t{i}", target=f"t{i + 1}", days=3)
                     for i in range(count - 1)]
    return m


def map_requests(m: Map, width: float = 40.0, height: float = 14.0, gap: float = 12.0):
    layout = compute_layout(m, Metrics(gap=gap))
    requests = []
    for conn in m.connections:
        route = route_connection(layout, conn, m)
        if route is not None:
            requests.append(LabelRequest(conn.id, width, height, route_spots(route, width / 2)))
    return list(layout.card_rects.values()), requests


def test_a_label_with_room_takes_the_middle_of_its_link():
    route = Route((0, 0), (50, 0), (50, 0), (100, 0), False)
    cards = [Rect(-80, -20, 80, 40), Rect(100, -20, 80, 40)]
    placed = place_labels(cards, [LabelRequest("a", 30, 12, route_spots(route, 15))])
    label = placed.labels["a"]
    assert label.spot == 0 and label.clear
    assert label.rect == Rect(35, -6, 30, 12)


def test_a_label_moves_along_its_link_off_a_card_in_the_middle():
    route = Route((0, 0), (100, 0), (200, 0), (300, 0), False)
    middle_card = Rect(120, -30, 60, 60)
    placed = place_labels([middle_card], [LabelRequest("a", 30, 12, route_spots(route, 15))])
    label = placed.labels["a"]
    assert label.clear and label.spot > 0
    assert overlap_area(label.rect, middle_card) == 0


def test_two_labels_at_the_same_spot_do_not_stack():
    route = Route((0, 0), (100, 0), (200, 0), (300, 0), False)
    spots = route_spots(route, 20)
    placed = place_labels([], [LabelRequest("a", 40, 12, spots), LabelRequest("b", 40, 12, spots)])
    a, b = placed.labels["a"], placed.labels["b"]
    assert a.clear and b.clear
    assert overlap_area(a.rect, b.rect) == 0


def test_with_no_room_a_label_takes_the_spot_covering_least_and_says_so():
    wall = Rect(-1000, -1000, 2000, 2000)
    spots = [(0.0, 0.0), (995.0, 0.0), (10.0, 10.0)]  # the second hangs half off the wall
    label = place_labels([wall], [LabelRequest("a", 20, 10, spots)]).labels["a"]
    assert label.spot == 1
    assert label.cover == 15 * 10
    assert not label.clear


def test_only_clear_leaves_out_a_covered_label_and_lets_a_later_one_take_its_spot():
    wall = Rect(0, 0, 100, 100)
    spots = [(50.0, 50.0), (150.0, 50.0)]
    placed = place_labels([wall], [LabelRequest("a", 20, 10, spots[:1]),
                                   LabelRequest("b", 20, 10, spots[1:]),
                                   LabelRequest("c", 20, 10, spots[1:])], only_clear=True)
    assert set(placed.labels) == {"b"}  # "c" had only b's spot; "a" was on the wall
    kept = place_labels([wall], [LabelRequest("a", 20, 10, spots[:1])]).labels
    assert not kept["a"].clear


def test_a_request_without_spots_is_left_out():
    assert place_labels([], [LabelRequest("a", 20, 10, [])]).labels == {}


def test_labels_on_a_roomy_map_never_overlap_cards_or_each_other_when_clear():
    cards, requests = map_requests(grid_map(300), gap=40)
    placed = place_labels(cards, requests).labels
    clear = [label for label in placed.values() if label.clear]
    assert len(clear) > len(placed) // 2  # most find room on such a map
    for label in clear:
        assert all(overlap_area(label.rect, card) == 0 for card in cards)
    others = list(placed.values())
    for i, label in enumerate(others):
        if label.clear:  # a clear label avoids every label placed before it, and after it
            assert all(overlap_area(label.rect, o.rect) == 0 for o in others[:i])


def test_placement_is_the_same_every_time():
    cards, requests = map_requests(grid_map(400))
    first = place_labels(cards, requests)
    shuffled_cards = cards[:]
    random.Random(3).shuffle(shuffled_cards)
    again = place_labels(shuffled_cards, requests)
    assert first.labels == place_labels(cards, requests).labels
    assert {k: v.rect for k, v in first.labels.items()} == \
           {k: v.rect for k, v in again.labels.items()}


def test_the_work_per_label_does_not_grow_with_the_map():
    # Two cards a cell in both maps: the same density, 25 times the cards.
    small = place_labels(*map_requests(grid_map(200, stages=10, lanes=10)))
    large = place_labels(*map_requests(grid_map(5000, stages=50, lanes=50)))
    per_small = small.tests / len(small.labels)
    per_large = large.tests / len(large.labels)
    # Quadratic work would test ~25x more rectangles per label on the 25x larger map.
    assert per_large < 2 * per_small


def test_route_spots_start_on_the_middle_of_the_link():
    route = Route((0, 0), (30, 40), (70, 40), (100, 0), False)
    spots = route_spots(route, 10)
    assert spots[0] == bezier_point(route, 0.5)
    assert spots[1] == (spots[0][0] - 10, spots[0][1])
    assert spots[2] == (spots[0][0] + 10, spots[0][1])


# -- property: whatever the geometry, a label said to be clear overlaps nothing ---------------
coord = st.floats(min_value=-500, max_value=500, allow_nan=False)
size = st.floats(min_value=1, max_value=200, allow_nan=False)
rects = st.builds(Rect, coord, coord, size, size)
spot_lists = st.lists(st.tuples(coord, coord), min_size=0, max_size=6)
requests_strategy = st.lists(st.tuples(size, size, spot_lists), max_size=25)


def brute_force_cover(rect: Rect, others: list[Rect]) -> float:
    return sum(overlap_area(rect, other) for other in others)


@settings(max_examples=150, deadline=None)
@given(cards=st.lists(rects, max_size=25), wanted=requests_strategy)
def test_clear_labels_overlap_no_card_and_no_label(cards, wanted):
    requests = [LabelRequest(i, w, h, spots) for i, (w, h, spots) in enumerate(wanted)]
    placed = place_labels(cards, requests).labels
    assert set(placed) == {r.key for r in requests if r.spots}
    before: list[Rect] = []
    for request in requests:
        label = placed.get(request.key)
        if label is None:
            continue
        obstacles = cards + before
        # The cover reported is the true one, and no spot of the request covers less.
        assert abs(label.cover - brute_force_cover(label.rect, obstacles)) < 1e-6 * max(
            1.0, label.cover)
        best = min(brute_force_cover(Rect(x - request.w / 2, y - request.h / 2,
                                          request.w, request.h), obstacles)
                   for x, y in request.spots)
        assert label.cover <= best + 1e-6 * max(1.0, best)
        if label.clear:
            assert all(overlap_area(label.rect, other) == 0 for other in obstacles)
        before.append(label.rect)


def test_spot_offset_names_the_stop_and_side_of_each_spot():
    route = Route((0, 0), (30, 40), (70, 40), (100, 0), False)
    spots = route_spots(route, 12)
    for index, (x, y) in enumerate(spots):
        t, dx = spot_offset(index, 12)
        bx, by = bezier_point(route, t)
        assert (bx + dx, by) == (x, y)


def test_a_very_large_map_tries_fewer_places_per_label():
    from journeymap.label_placement import (
        FEW_STOPS,
        LABEL_STOPS,
        MANY_LABELS,
        MIDDLE_STOP,
        VERY_MANY_LABELS,
        stops_for,
    )
    from journeymap.layout import Route

    assert stops_for(MANY_LABELS) == LABEL_STOPS and stops_for(MANY_LABELS + 1) == FEW_STOPS
    assert stops_for(VERY_MANY_LABELS + 1) == MIDDLE_STOP
    route = Route((0.0, 0.0), (40.0, 0.0), (60.0, 50.0), (100.0, 50.0), False)
    assert len(route_spots(route, 10.0, FEW_STOPS)) == 3 * len(FEW_STOPS)
    assert route_spots(route, 10.0, FEW_STOPS)[0] == route_spots(route, 10.0)[0]  # middle first
