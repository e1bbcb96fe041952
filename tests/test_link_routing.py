"""Links a reader can follow (issue 13 §4): every link end at its own point of a card edge,
links side by side kept apart, no forward link under a card, labels clear of each other and
of the cards, and on the sheet the labels with no free spot as numbered callouts listed
beside the legend."""

from __future__ import annotations

import math

import pdfplumber
import pytest

from journeymap.document import Document
from journeymap.export.pdf import theme
from journeymap.export.pdf.fonts import ensure_fonts
from journeymap.export.pdf.links import link_callouts, link_tags
from journeymap.export.sheet.writer import MapSheetWriter, write_map_pdf
from journeymap.label_placement import bezier_point
from journeymap.layout import (
    EDGES,
    Layout,
    Metrics,
    Rect,
    compute_layout,
    link_kind,
    route_between,
    route_connection,
)
from journeymap.model import Map
from journeymap.templates import build_template, list_templates
from tests.synthetic_maps import sample_map

TEMPLATES = [key for key, _ in list_templates()]


def synthetic() -> list[Map]:
    return [sample_map(stages=6, lanes=5, per_cell=2, name="sixty"),
            sample_map(stages=4, lanes=3, per_cell=5, seed=3, name="packed cells"),
            sample_map(stages=8, lanes=4, per_cell=1, seed=11, name="one a cell")]


def all_maps() -> list[tuple[str, Map]]:
    return [(key, build_template(key, key)) for key in TEMPLATES] + \
        [(m.name, m) for m in synthetic()] + [("long links", long_links_map())]


def long_links_map() -> Map:
    """Links that skip stages, over full cells, within a lane and across lanes."""
    doc = Document(Map(id="map-long", name="Long links"))
    stages = [doc.add_stage(f"Stage {n}") for n in range(5)]
    lanes = [doc.add_lane(f"Lane {n}") for n in range(3)]
    cards = {(s, ln): [doc.add_touchpoint(stage.id, lane.id, f"S{s} L{ln} #{k}").id
                       for k in range(2)]
             for s, stage in enumerate(stages) for ln, lane in enumerate(lanes)}
    for ln in range(3):
        doc.add_connection(cards[(0, ln)][0], cards[(3, ln)][0], days=3.0)
        doc.add_connection(cards[(0, ln)][1], cards[(4, (ln + 1) % 3)][1], days=5.0)
        doc.add_connection(cards[(1, ln)][0], cards[(4, ln)][1], label="hand-over")
    doc.add_connection(cards[(0, 0)][0], cards[(2, 2)][1], days=1.0)
    doc.add_connection(cards[(1, 2)][1], cards[(3, 0)][0], days=2.0)
    return doc.map


def sample(route, per_segment: int = 40) -> list[tuple[float, float]]:
    n = len(route.segments()) * per_segment
    return [bezier_point(route, i / n) for i in range(n + 1)]


def routes(m: Map, layout: Layout):
    for conn in m.connections:
        route = route_connection(layout, conn, m)
        if route is not None:
            yield conn, route


def inside(rect: Rect, x: float, y: float, margin: float = 0.5) -> bool:
    return rect.x + margin < x < rect.right - margin and rect.y + margin < y < rect.bottom - margin


# -- ports ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name,m", all_maps(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_two_link_ends_on_a_card_edge_coincide(name, m):
    layout = compute_layout(m)
    ends: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for conn, route in routes(m, layout):
        src, dst = layout.card_rects[conn.source], layout.card_rects[conn.target]
        out_edge, in_edge = EDGES[link_kind(src, dst)]
        ends.setdefault((conn.source, out_edge), []).append(route.start)
        ends.setdefault((conn.target, in_edge), []).append(route.end)
    for (card, edge), points in ends.items():
        rect = layout.card_rects[card]
        for k, (x, y) in enumerate(points):
            # on the edge, a margin away from its corners
            if edge in ("left", "right"):
                assert x == (rect.x if edge == "left" else rect.right)
                assert rect.y + 0.1 * rect.h <= y <= rect.bottom - 0.1 * rect.h
            else:
                assert y == rect.bottom and rect.x + 0.1 * rect.w <= x <= rect.right - 0.1 * rect.w
            for other in points[k + 1:]:
                assert math.dist((x, y), other) > 2.0, f"{name}: two ends meet at {card} {edge}"


def test_ends_on_an_edge_go_in_the_order_of_their_other_ends():
    doc = Document(Map(id="map-fan", name="Fan"))
    first, second = doc.add_stage("First"), doc.add_stage("Second")
    lanes = [doc.add_lane(f"Lane {n}") for n in range(3)]
    source = doc.add_touchpoint(first.id, lanes[1].id, "Source")
    targets = [doc.add_touchpoint(second.id, lane.id, f"Target {n}") for n, lane in enumerate(lanes)]
    for target in reversed(targets):
        doc.add_connection(source.id, target.id)
    layout = compute_layout(doc.map)
    starts = {conn.target: route.start[1] for conn, route in routes(doc.map, layout)}
    ys = [starts[t.id] for t in targets]
    assert ys == sorted(ys) and len(set(ys)) == 3  # top target, top port


def test_a_dragged_card_keeps_mid_edge_points():
    metrics = Metrics()
    src, dst = Rect(0, 0, 168, 88), Rect(300, 200, 168, 88)
    route = route_between(src, dst, metrics)
    assert route.start == (168, 44) and route.end == (300, 244) and not route.via


# -- routes --------------------------------------------------------------------------------
def under_cards(m: Map, layout: Layout) -> tuple[int, int]:
    """(sampled points of forward links inside a card other than their own two, points)."""
    hits = total = 0
    for conn, route in routes(m, layout):
        src, dst = layout.card_rects[conn.source], layout.card_rects[conn.target]
        if link_kind(src, dst) != "forward":
            continue
        others = [r for key, r in layout.card_rects.items() if key not in (conn.source, conn.target)]
        for x, y in sample(route):
            total += 1
            hits += any(inside(r, x, y) for r in others)
    return hits, total


@pytest.mark.parametrize("name,m", all_maps(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_forward_link_runs_under_a_card(name, m):
    layout = compute_layout(m)
    hits, total = under_cards(m, layout)
    assert total > 0
    assert hits == 0, f"{name}: {hits} of {total} sampled points under a card"


def test_the_plain_curves_ran_under_cards_before():
    """The share the gutter routes take away: the mid-edge S-curves of the long-links map
    run under cards of the stages in between."""
    m = long_links_map()
    layout = compute_layout(m)
    hits = 0
    for conn in m.connections:
        src, dst = layout.card_rects[conn.source], layout.card_rects[conn.target]
        route = route_between(src, dst, layout.metrics)
        others = [r for key, r in layout.card_rects.items() if key not in (conn.source, conn.target)]
        hits += sum(any(inside(r, x, y) for r in others) for x, y in sample(route))
    assert hits > 50
    assert layout.routing().detours >= 5
    assert under_cards(m, layout)[0] == 0


def longest_run_together(a: list, b: list, near: float) -> float:
    """The longest stretch (arc length) of `a` lying within `near` of `b`."""
    cell: dict[tuple[int, int], list] = {}
    for p in b:
        cell.setdefault((int(p[0] // near), int(p[1] // near)), []).append(p)

    def close(p) -> bool:
        i, j = int(p[0] // near), int(p[1] // near)
        return any(math.dist(p, q) < near for di in (-1, 0, 1) for dj in (-1, 0, 1)
                   for q in cell.get((i + di, j + dj), ()))

    best = run = 0.0
    for p, q in zip(a, a[1:], strict=False):
        if close(p) and close(q):
            run += math.dist(p, q)
            best = max(best, run)
        else:
            run = 0.0
    return best


@pytest.mark.parametrize("name,m", all_maps(), ids=lambda v: v if isinstance(v, str) else "")
def test_links_side_by_side_stay_apart(name, m):
    """No two links run along each other: beyond where they leave or reach one card, no
    stretch longer than a card's corner of one lies within 1 unit of the other."""
    layout = compute_layout(m)
    found = list(routes(m, layout))
    samples = [sample(route) for _, route in found]
    for i in range(len(found)):
        for k in range(i + 1, len(found)):
            a, b = found[i][0], found[k][0]
            if {a.source, a.target} & {b.source, b.target} and found[i][1].backward:
                continue  # loops share their arch's shape by design
            together = longest_run_together(samples[i], samples[k], 1.0)
            assert together < 12.0, f"{name}: {a.id} and {b.id} run together for {together:.0f}"


def test_two_links_down_one_gutter_take_their_own_tracks():
    """Two cards stacked in one cell, each linked to a card stacked two lanes further down in
    the next stage: their bends share the gutter between the stages over the same height."""
    doc = Document(Map(id="map-tracks", name="Tracks"))
    first, second = doc.add_stage("First"), doc.add_stage("Second")
    lanes = [doc.add_lane(f"Lane {n}") for n in range(3)]
    sources = [doc.add_touchpoint(first.id, lanes[0].id, f"A{n}") for n in range(2)]
    targets = [doc.add_touchpoint(second.id, lanes[2].id, f"B{n}") for n in range(2)]
    for a, b in zip(sources, targets, strict=True):
        doc.add_connection(a.id, b.id)
    layout = compute_layout(doc.map)
    (_, one), (_, two) = routes(doc.map, layout)
    near = min(math.dist(p, q) for p in sample(one) for q in sample(two))
    assert near > 4.0
    # each runs straight down the gutter at its own x
    middle = layout.lane_rects[lanes[1].id]
    xs = [{round(x, 3) for x, y in sample(r) if middle.y < y < middle.bottom} for r in (one, two)]
    assert all(len(x) == 1 for x in xs) and xs[0] != xs[1]


# -- labels on the sheet ---------------------------------------------------------------------
def sheet(m: Map) -> MapSheetWriter:
    ensure_fonts()
    writer = MapSheetWriter(None, m, theme.page_size("A3", False), False)
    choice = writer._choose_sheet()
    assert choice is not None, "the map fits one sheet"
    writer._make_room_for_callouts(choice)
    return writer


def overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


@pytest.mark.parametrize("key", TEMPLATES)
def test_sheet_labels_overlap_no_card_and_no_other_label(key):
    view = sheet(build_template(key, key)).view
    tags = link_tags(view)
    marks = link_callouts(view)
    labelled = sum(1 for link in view.links if link.label)
    assert len(tags) + len(marks) == labelled  # every label shown: as a tag or a callout
    boxes = [t.rect for t in tags] + [mark.rect for mark in marks]
    for i, box in enumerate(boxes):
        assert not any(overlap(box, card.rect) for card in view.cards) or i >= len(tags)
        assert not any(overlap(box, other) for other in boxes[i + 1:])


def dense_map() -> Map:
    """Every card of one stage linked with a day label to every card of the next: far more
    labels than the gutter between them holds."""
    doc = Document(Map(id="map-dense", name="Dense"))
    first, second = doc.add_stage("First"), doc.add_stage("Second")
    lane = doc.add_lane("Customer", kind="customer")
    left = [doc.add_touchpoint(first.id, lane.id, f"Left {n}") for n in range(3)]
    right = [doc.add_touchpoint(second.id, lane.id, f"Right {n}") for n in range(3)]
    for n, a in enumerate(left):
        for k, b in enumerate(right):
            doc.add_connection(a.id, b.id, days=float(n * 3 + k + 1))
    return doc.map


def test_labels_with_no_free_spot_become_callouts_listed_by_the_legend(tmp_path):
    m = dense_map()
    writer = sheet(m)
    marks = link_callouts(writer.view)
    assert marks, "the dense map's labels cannot all fit"
    assert [mark.number for mark in marks] == list(range(1, len(marks) + 1))
    out = tmp_path / "dense.pdf"
    write_map_pdf(m, out, summary=False)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        legend_top = min(w["top"] for w in page.extract_words() if w["text"] == "Legend")
        legend_words = [w["text"] for w in page.extract_words() if w["top"] >= legend_top - 1]
    for mark in marks:
        days = mark.link.label  # e.g. "5 d"
        assert f"{days}  {mark.link.source_title} → {mark.link.target_title}".replace("  ", " ") \
            in text.replace("  ", " ")
    assert "→" in legend_words or any("→" in w for w in legend_words)
    # every callout's number is printed in the legend
    for mark in marks:
        assert str(mark.number) in legend_words


def test_printed_labels_lie_clear_of_the_cards(tmp_path):
    """Read the sheet back: the words of every printed day label lie off the cards."""
    m = build_template("renewal", "Renewal")
    writer = sheet(m)
    out = tmp_path / "renewal.pdf"
    write_map_pdf(m, out, summary=False)
    tags = link_tags(writer.view)
    assert tags
    ratio = writer.view.layout.metrics.card_w / writer.view.layout.metrics.card_h
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        shapes = page.rects + page.curves
        words = page.extract_words()
    # the cards: the shapes of a card's proportions
    cards = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in shapes
             if r["height"] > 20 and abs(r["width"] / r["height"] - ratio) < 0.03]
    assert len(cards) >= len(writer.view.cards)
    grid_top = min(w["bottom"] for w in words if w["text"] == "lanes")
    days = [w for w in words if w["text"] == "d" and w["top"] > grid_top + 10]
    assert len(days) >= len([t for t in tags if t.text.endswith(" d")])
    for w in days:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        assert not any(x0 < cx < x1 and y0 < cy < y1 for x0, y0, x1, y1 in cards), \
            f"a label's 'd' at {cx:.0f},{cy:.0f} lies on a card"


def test_on_tiles_each_callout_shows_on_one_sheet():
    from journeymap.export.pdf.links import callout_in
    from journeymap.export.sheet.tiles import plan_tiles

    ensure_fonts()
    m = sample_map(stages=8, lanes=6, per_cell=2, name="tiled")
    writer = MapSheetWriter(None, m, theme.page_size("A3", False), False)
    assert writer._choose_sheet() is None, "the map goes on tiles"
    area = writer._tile_area()
    plan = plan_tiles(writer.view.layout, area.w, area.h, writer.tile_scale)
    marks = link_callouts(writer.view)
    assert marks
    for mark in marks:
        assert sum(callout_in(mark, tile.region) for tile in plan.tiles) == 1
