"""Where the scene's items go: every place from `journeymap.layout`, the PDF's geometry.

Functions of a `JourneyScene`: the relayout after each change (only items whose place
changed are moved), the link routes and labels, and the sticky headers that stay in sight
of a scrolled view. Which items exist is `scene_items`' part.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from journeymap.label_placement import arrow_box, place_labels, stops_for
from journeymap.layout import Layout, compute_layout, route_connection
from journeymap.model import Connection, Map, goes_back

from .connection_item import ARROW
from .presentation import MARGIN as ROOM_MARGIN

MARGIN = 40.0


def link_kind(m: Map, conn: Connection, stage_pos: dict[str, int], by_id: dict) -> str:
    """"loop" when marked, "backward" when it goes to an earlier stage unmarked (a warning)."""
    if conn.loop:
        return "loop"
    src, dst = by_id.get(conn.source), by_id.get(conn.target)
    if src and dst and goes_back(stage_pos, src.stage, dst.stage):
        return "backward"
    return "forward"


def relayout(scene) -> None:
    """Place every item from `compute_layout`; only items whose place changed are moved."""
    m = scene.document.map
    layout = compute_layout(m, scene.metrics)
    scene.layout = layout
    scene.relayout_count += 1
    margin = ROOM_MARGIN if scene.style.presentation else MARGIN  # the room's fills the screen
    scene.setSceneRect(QRectF(-margin, -margin, layout.width + 2 * margin,
                              layout.height + 2 * margin))
    scene.grid.set_layout(layout)
    scene.corner.place(scene.metrics.lane_header_w, scene.metrics.stage_header_h)
    scene._stage_numbers = {s.id: i + 1 for i, s in enumerate(m.stages)}
    scene._stage_counts = {s.id: 0 for s in m.stages}
    for tp in m.touchpoints:
        scene._stage_counts[tp.stage] = scene._stage_counts.get(tp.stage, 0) + 1
    for stage in m.stages:
        scene.stage_headers[stage.id].place(layout.stage_header_rects[stage.id])
        scene.stage_headers[stage.id].update()
    for lane in m.lanes:
        scene.lane_headers[lane.id].place(layout.lane_header_rects[lane.id])
        scene.containers[lane.id].place(layout.lane_rects[lane.id])
    _place_cards(scene, m, layout)
    _route_links(scene, m, layout)
    scene.emotion.set_layout(layout)
    apply_pin(scene)
    scene.relaid_out.emit()


# -- sticky headers ---------------------------------------------------------------------
def pin_headers(scene, visible: QRectF) -> None:
    """Keep stage headers at the top and lane headers at the left of `visible` (the
    view's scene area), so a scrolled or zoomed map still says what each row and column is."""
    if scene.layout is None:
        return
    grid = scene.layout.grid_rect
    dx = min(max(0.0, visible.left()), max(0.0, grid.right - scene.metrics.lane_header_w))
    dy = min(max(0.0, visible.top()), max(0.0, grid.bottom - scene.metrics.stage_header_h))
    if QPointF(dx, dy) != scene._pin:
        scene._pin = QPointF(dx, dy)
        apply_pin(scene)


def apply_pin(scene) -> None:
    if scene.layout is None:
        return
    dx, dy = scene._pin.x(), scene._pin.y()
    for header in scene.stage_headers.values():
        header.pin(QPointF(0, dy))
    for header in scene.lane_headers.values():
        header.pin(QPointF(dx, 0))
    scene.corner.setPos(dx, dy)
    width, height = scene.layout.width, scene.layout.grid_rect.bottom
    m = scene.metrics
    scene.top_band.set_rect(QRectF(0, dy, width, m.stage_header_h))
    scene.top_band.setVisible(dy > 0)
    scene.left_band.set_rect(QRectF(dx, 0, m.lane_header_w, height))
    scene.left_band.setVisible(dx > 0)


# -- cards and links ----------------------------------------------------------------------
def _place_cards(scene, m: Map, layout: Layout) -> None:
    lane_y = {lane_id: rect.y for lane_id, rect in layout.lane_rects.items()}
    for tp in m.touchpoints:
        rect = layout.card_rects.get(tp.id)
        card = scene.cards[tp.id]
        if rect is None or tp.lane not in scene.containers:
            card.hide()
            scene._placed.pop(tp.id, None)
            continue
        if not card.isVisible():
            card.show()
        place = (tp.lane, rect.x, rect.y - lane_y[tp.lane])
        if scene._placed.get(tp.id) == place:
            continue
        container = scene.containers[tp.lane]
        if card.parentItem() is not container:
            card.setParentItem(container)
        card.setPos(place[1], place[2])
        scene._placed[tp.id] = place


def _route_links(scene, m: Map, layout: Layout) -> None:
    if not m.connections:
        return
    stage_pos = m.stage_index()
    by_id = {tp.id: tp for tp in m.touchpoints}
    for conn in m.connections:
        scene.links[conn.id].set_route(route_connection(layout, conn, m),
                                       link_kind(m, conn, stage_pos, by_id))
    place_link_labels(scene, layout)


def place_link_labels(scene, layout: Layout) -> None:
    """Every link label at once, clear of the cards and of each other where there is
    room (the rule the PDF uses, in `journeymap.label_placement`): no scene queries."""
    scene._label_fonts = scene.style.fonts
    requests = []
    m = scene.document.map
    stops = stops_for(sum(1 for conn in m.connections if conn.label or conn.days is not None))
    for conn in m.connections:
        link = scene.links[conn.id]
        request = link.label_request(stops)
        if request is None:
            link.show_label(None)
        else:
            requests.append(request)
    if not requests:
        return
    # labels keep off the cards and off the arrowheads (a label there hides where a link
    # arrives)
    heads = [arrow_box(link.route, ARROW) for link in scene.links.values()
             if link.route is not None]
    placed = place_labels(list(layout.card_rects.values()) + heads, requests).labels
    for request in requests:
        scene.links[request.key].show_label(placed.get(request.key))
