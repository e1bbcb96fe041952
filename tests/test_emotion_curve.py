"""The experience curve's core: one point per rated customer touchpoint, stage ranges, low
points and gaps, the same for the sheet and the canvas."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.emotion_curve import emotion_curve, value_y
from journeymap.layout import compute_layout
from journeymap.model import Lane, Map, Stage, Touchpoint
from journeymap.templates import build_template, list_templates


def make_map(cards, lanes=(("cu", "customer"), ("ops", "backstage")), stages=("s1", "s2", "s3")):
    """cards: (id, stage, lane, experience) in the map's own (storage) order."""
    return Map(
        id="m", name="Curve",
        stages=[Stage(s, s.upper()) for s in stages],
        lanes=[Lane(lane_id, lane_id, kind=kind) for lane_id, kind in lanes],
        touchpoints=[Touchpoint(tp_id, f"Card {tp_id}", stage, lane, experience=exp)
                     for tp_id, stage, lane, exp in cards],
    )


def curve_of(m: Map):
    return emotion_curve(m, compute_layout(m))


def test_a_stage_with_a_minus_two_and_a_plus_two_shows_both_not_their_average():
    curve = curve_of(make_map([("a", "s1", "cu", -2), ("b", "s1", "cu", 2)]))
    assert [p.value for p in curve.points] == [-2, 2]
    (stage,) = curve.ranges
    assert (stage.stage_id, stage.low, stage.high, stage.count) == ("s1", -2, 2, 2)


def test_unrated_touchpoints_are_skipped_not_read_as_zero():
    curve = curve_of(make_map([("a", "s1", "cu", None), ("b", "s1", "cu", 1),
                               ("c", "s2", "cu", None)]))
    assert [p.touchpoint_id for p in curve.points] == ["b"]
    assert [r.low for r in curve.ranges] == [1]
    assert [g.stage_id for g in curve.gaps] == ["s2", "s3"]


def test_only_customer_lanes_count_when_the_map_has_one():
    curve = curve_of(make_map([("a", "s1", "ops", -2), ("b", "s1", "cu", 1)]))
    assert [p.touchpoint_id for p in curve.points] == ["b"]
    assert curve.customer_lanes and curve.source == "customer lanes"


def test_a_map_without_a_customer_lane_plots_every_lane():
    m = make_map([("a", "s1", "p", -1), ("b", "s2", "q", 2)],
                 lanes=(("p", "partner"), ("q", "frontstage")))
    curve = curve_of(m)
    assert [p.touchpoint_id for p in curve.points] == ["a", "b"]
    assert not curve.customer_lanes and "all lanes" in curve.source


def test_points_follow_display_order_stage_then_lane_then_cell_order():
    # stored out of order: a later stage first, the second customer lane before the first
    m = make_map([("late", "s3", "cu", 0), ("peer", "s1", "cu2", 1), ("first", "s1", "cu", -1),
                  ("second", "s1", "cu", 2)],
                 lanes=(("cu", "customer"), ("cu2", "customer")))
    curve = curve_of(m)
    assert [p.touchpoint_id for p in curve.points] == ["first", "second", "peer", "late"]
    # the index numbers are the sheet's: display order over the whole map
    assert [p.number for p in curve.points] == [1, 2, 3, 4]


def test_points_sit_at_their_card_centres_or_spread_over_a_shared_column():
    m = make_map([("a", "s1", "cu", 1), ("b", "s2", "cu", -1), ("c", "s2", "cu", 1)])
    layout = compute_layout(m)
    curve = emotion_curve(m, layout)
    a, b, c = curve.points
    card = layout.card_rects["a"]
    assert a.x == a.card_x == card.x + card.w / 2
    # b and c are stacked in one cell: same card centre, but two distinct x inside the card
    assert b.card_x == c.card_x
    column = layout.card_rects["b"]
    assert column.x < b.x < c.x < column.right
    stage = curve.ranges[1]
    assert (stage.x0, stage.x1) == (column.x, column.right)


def test_a_stage_with_nothing_rated_is_a_gap_that_breaks_the_line():
    m = make_map([("a", "s1", "cu", 1), ("b", "s1", "cu", 0), ("c", "s3", "cu", -1),
                  ("d", "s2", "ops", 2)])
    layout = compute_layout(m)
    curve = emotion_curve(m, layout)
    (gap,) = curve.gaps
    column = layout.stage_rects["s2"]
    assert (gap.stage_id, gap.x0, gap.x1) == ("s2", column.x, column.right)
    assert [[p.touchpoint_id for p in run] for run in curve.runs] == [["a", "b"], ["c"]]


def test_neighbouring_rated_stages_form_one_run():
    curve = curve_of(make_map([("a", "s1", "cu", 1), ("b", "s2", "cu", 0), ("c", "s3", "cu", 2)]))
    assert curve.gaps == ()
    assert [[p.touchpoint_id for p in run] for run in curve.runs] == [["a", "b", "c"]]


def test_every_minus_two_and_each_stages_lowest_point_at_minus_one_are_labelled():
    m = make_map([("a", "s1", "cu", -2), ("b", "s1", "cu", -2), ("c", "s1", "cu", 1),
                  ("d", "s2", "cu", -1), ("e", "s2", "cu", 0), ("f", "s3", "cu", 0),
                  ("g", "s3", "cu", 2)])
    curve = curve_of(m)
    assert [p.touchpoint_id for p in curve.lows] == ["a", "b", "d"]
    assert curve.lows[0].label == "\u22122 #1 Card a"
    assert curve.lows[2].label == "\u22121 #4 Card d"


def test_a_low_label_names_the_card_by_its_index_number_and_title():
    m = make_map([("x", "s1", "ops", None), ("y", "s2", "cu", -2)])
    m.touchpoints[1].title = "Invoice  is\nwrong"
    (low,) = curve_of(m).lows
    assert low.label == "\u22122 #2 Invoice is wrong"


def test_values_map_to_the_band_from_plus_two_at_the_top_to_minus_two_at_the_bottom():
    m = make_map([("a", "s1", "cu", 0)])
    band = compute_layout(m).emotion_rect
    ys = [value_y(band, v) for v in (2, 1, 0, -1, -2)]
    assert ys == sorted(ys) and band.y < ys[0] and ys[-1] < band.bottom


def test_cards_outside_the_layout_are_left_out():
    m = make_map([("a", "s1", "cu", 1), ("lost", "gone", "cu", -2)])
    assert [p.touchpoint_id for p in curve_of(m).points] == ["a"]


def test_the_upsell_template_curve_is_no_longer_flat():
    curve = curve_of(build_template("upsell"))
    decide = [r for r in curve.ranges if r.high > r.low]
    assert decide and decide[0].low == -1 and decide[0].high == 1


cards = st.lists(
    st.tuples(st.sampled_from(["s1", "s2", "s3", "s4"]), st.sampled_from(["cu", "ops", "cu2"]),
              st.one_of(st.none(), st.integers(-2, 2))),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(cards, st.booleans())
def test_points_are_exactly_the_rated_customer_touchpoints_in_display_order(spec, customer):
    kinds = ("customer", "backstage", "customer") if customer else ("partner",) * 3
    m = make_map([(f"t{i}", s, ln, exp) for i, (s, ln, exp) in enumerate(spec)],
                 lanes=tuple(zip(("cu", "ops", "cu2"), kinds, strict=True)),
                 stages=("s1", "s2", "s3", "s4"))
    counted = {ln.id for ln in m.lanes if ln.kind == "customer"} or {ln.id for ln in m.lanes}
    curve = curve_of(m)
    expected = [tp for tp in m.touchpoints_in_display_order()
                if tp.lane in counted and tp.experience is not None]
    assert [p.touchpoint_id for p in curve.points] == [tp.id for tp in expected]
    assert [p.value for p in curve.points] == [tp.experience for tp in expected]
    xs = [p.x for p in curve.points]
    assert xs == sorted(set(xs))  # the line runs left to right, no two points share an x
    assert [p for run in curve.runs for p in run] == list(curve.points)
    rated = {tp.stage for tp in expected}
    assert {g.stage_id for g in curve.gaps} == {"s1", "s2", "s3", "s4"} - rated
    for stage in curve.ranges:
        values = [tp.experience for tp in expected if tp.stage == stage.stage_id]
        assert (stage.low, stage.high, stage.count) == (min(values), max(values), len(values))
        lows = {p.touchpoint_id for p in curve.lows if p.stage_id == stage.stage_id}
        assert lows == ({tp.id for tp in expected if tp.stage == stage.stage_id
                         and tp.experience == stage.low} if stage.low <= -1 else set())


def test_every_template_gives_a_curve_whose_points_lie_on_their_stage():
    for key, _ in list_templates():
        m = build_template(key)
        layout = compute_layout(m)
        for point in emotion_curve(m, layout).points:
            column = layout.stage_rects[point.stage_id]
            assert column.x < point.x < column.right
