"""The sheet colours a link "goes back, not marked as a loop" by exactly the journey check's
`backward-flow` rule: a link to an earlier stage. A link to a card further left in the same
stage is routed under the cards like a loop, but it is not a warning on the sheet either."""

from __future__ import annotations

import pdfplumber

from journeymap.analysis import analyse
from journeymap.document import Document
from journeymap.export.pdf import theme
from journeymap.export.sheet.writer import write_map_pdf
from journeymap.layout import compute_layout
from journeymap.model import Map

ORANGE = tuple(round(v, 3) for v in theme.BACKWARD.rgb())


def orange_strokes(path) -> int:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        return sum(1 for item in page.curves + page.lines
                   if tuple(round(float(v), 3) for v in (item.get("stroking_color") or ())) == ORANGE)


def map_with(link: str) -> Map:
    doc = Document(Map(id="map-links", name="Links"))
    first, second = doc.add_stage("First"), doc.add_stage("Second")
    lane = doc.add_lane("Customer", kind="customer")
    cards = [doc.add_touchpoint(first.id, lane.id, f"Card {n}") for n in range(6)]
    later = doc.add_touchpoint(second.id, lane.id, "Later card")
    layout = compute_layout(doc.map)
    xs = {tp.id: layout.card_rects[tp.id].x for tp in cards}
    leftmost, rightmost = min(xs, key=xs.get), max(xs, key=xs.get)
    assert xs[rightmost] > xs[leftmost], "the cell holds its cards in more than one column"
    if link == "left in the same stage":
        doc.add_connection(rightmost, leftmost)
    elif link == "none":
        pass
    elif link == "to an earlier stage":
        doc.add_connection(later.id, leftmost)
    else:
        doc.add_connection(later.id, leftmost, loop=True)
    return doc.map


def orange_links(m: Map, tmp_path) -> int:
    """Orange strokes on the sheet beyond the legend's sample (the same map without links)."""
    write_map_pdf(m, tmp_path / "m.pdf")
    write_map_pdf(map_with("none"), tmp_path / "bare.pdf")
    return orange_strokes(tmp_path / "m.pdf") - orange_strokes(tmp_path / "bare.pdf")


def codes(m: Map) -> set[str]:
    return {problem.code for problem in analyse(m).problems}


def test_a_link_left_within_its_stage_is_neither_a_warning_nor_orange(tmp_path):
    m = map_with("left in the same stage")
    assert "backward-flow" not in codes(m)
    assert orange_links(m, tmp_path) == 0


def test_a_link_to_an_earlier_stage_is_a_warning_and_orange(tmp_path):
    m = map_with("to an earlier stage")
    assert "backward-flow" in codes(m)
    assert orange_links(m, tmp_path) >= 1


def test_a_marked_loop_back_is_neither_a_warning_nor_orange(tmp_path):
    m = map_with("marked loop")
    assert "backward-flow" not in codes(m)
    assert orange_links(m, tmp_path) == 0
