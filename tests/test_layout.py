"""The shared geometry of a map (canvas and PDF draw the same layout)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.layout import Metrics, compute_layout, route_connection
from journeymap.model import Connection, Lane, Map, Stage, Touchpoint


def grid_map(cells: list[tuple[int, int]], stages: int = 3, lanes: int = 2) -> Map:
    m = Map(id="m", name="Grid")
    m.stages = [Stage(f"s{i}", f"S{i}") for i in range(stages)]
    m.lanes = [Lane(f"l{i}", f"L{i}") for i in range(lanes)]
    m.touchpoints = [
        Touchpoint(f"t{n}", f"T{n}", f"s{s}", f"l{ln}") for n, (s, ln) in enumerate(cells)
    ]
    return m


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1)), max_size=40))
def test_cards_sit_inside_their_cell_without_overlap_and_drop_back_on_their_slot(cells):
    m = grid_map(cells)
    layout = compute_layout(m)
    for tp in m.touchpoints:
        card, cell = layout.card_rects[tp.id], layout.cell_rects[(tp.stage, tp.lane)]
        assert cell.x <= card.x and card.right <= cell.right
        assert cell.y <= card.y and card.bottom <= cell.bottom
        index = [t.id for t in m.cell(tp.stage, tp.lane)].index(tp.id)
        assert layout.slot_in_cell(tp.stage, tp.lane, *card.center) == index
    rects = list(layout.card_rects.values())
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y


def test_a_stage_opens_a_second_column_after_three_cards_and_lanes_fit_their_tallest_cell():
    m = grid_map([(0, 0)] * 3 + [(1, 0)] * 4 + [(2, 1)])
    layout = compute_layout(m)
    assert layout.stage_columns == {"s0": 1, "s1": 2, "s2": 1}
    metrics = Metrics()
    step_y = metrics.card_h + metrics.gap
    assert layout.lane_rects["l0"].h == 3 * step_y + metrics.gap
    assert layout.lane_rects["l1"].h == 1 * step_y + metrics.gap
    assert layout.width == layout.grid_rect.right
    assert layout.height == layout.grid_rect.bottom + metrics.emotion_h
    assert layout.emotion_rect.y == layout.grid_rect.bottom


def test_an_empty_map_has_only_headers_room_and_no_emotion_band_when_asked():
    layout = compute_layout(Map(id="m", name="Empty"), Metrics(emotion_h=0))
    metrics = Metrics()
    assert (layout.width, layout.height) == (metrics.lane_header_w, metrics.stage_header_h)
    assert layout.emotion_rect is None and layout.card_rects == {}


def test_forward_links_go_right_and_links_back_arch_below_as_loops():
    m = grid_map([(0, 0), (1, 0)])
    layout = compute_layout(m)
    forward = route_connection(layout, Connection("c1", "t0", "t1"))
    back = route_connection(layout, Connection("c2", "t1", "t0"))
    assert not forward.backward and forward.start[0] < forward.end[0]
    assert back.backward and back.c1[1] > layout.card_rects["t0"].bottom
    assert route_connection(layout, Connection("c3", "t0", "gone")) is None
