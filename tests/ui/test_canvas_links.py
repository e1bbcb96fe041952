"""The canvas draws the core's link routes on its own layout: every link end at its own
point of a card edge, no forward link under a card, no label over an arrowhead."""

from __future__ import annotations

import math

from journeymap.document import Document
from journeymap.label_placement import arrow_box, bezier_point, place_labels
from journeymap.layout import route_connection
from journeymap.templates import build_template
from ui.canvas.connection_item import ARROW
from ui.canvas.scene import JourneyScene


def test_the_canvas_draws_the_routed_links(qtbot):
    doc = Document(build_template("renewal", "Renewal"))
    scene = JourneyScene(doc)
    layout = scene.layout
    ends = []
    for conn in doc.map.connections:
        route = scene.links[conn.id].route
        assert route == route_connection(layout, conn, doc.map)
        ends += [route.start, route.end]
    for k, point in enumerate(ends):
        assert all(math.dist(point, other) > 2.0 for other in ends[k + 1:])
    for conn in doc.map.connections:
        src, dst = layout.card_rects[conn.source], layout.card_rects[conn.target]
        route = scene.links[conn.id].route
        if route.backward or dst.x <= src.right:
            continue
        others = [r for key, r in layout.card_rects.items() if key not in (conn.source, conn.target)]
        n = 40 * len(route.segments())
        for i in range(n + 1):
            x, y = bezier_point(route, i / n)
            assert not any(r.x + 0.5 < x < r.right - 0.5 and r.y + 0.5 < y < r.bottom - 0.5
                           for r in others)
    # a label keeps off the arrowheads wherever it finds a clear spot (the canvas shows a
    # label with none where it covers least: there is no legend to list it by)
    heads = [arrow_box(link.route, ARROW) for link in scene.links.values()]
    requests = [link.label_request() for link in scene.links.values()]
    placed = place_labels(list(layout.card_rects.values()) + heads,
                          [r for r in requests if r is not None]).labels
    for key, label in placed.items():
        rect = scene.links[key].label_item.rect
        on_head = any(rect.left() < h.right and h.x < rect.right() and rect.top() < h.bottom
                      and h.y < rect.bottom() for h in heads)
        assert not (label.clear and on_head)
        assert abs(rect.center().x() - label.rect.center[0]) < 0.01  # the same placement
    scene.detach()
