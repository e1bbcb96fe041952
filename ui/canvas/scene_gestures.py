"""What the pointer's gestures show and do on the scene: the drop frame of a card drag and
its drop, a header dragged to a new place, a new connection drawn from card to card.

Functions of a `JourneyScene`. The gesture itself lives in the items (`card_drag.CardDrag`,
the headers, the cards); these functions draw its feedback and turn its end into one
document edit (one undo step) through the scene's `try_edit`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from journeymap.layout import Rect, route_between

from .card_drag import Drop
from .card_item import CardItem
from .connection_item import LinkItem, LinkPreview
from .grid import qrect
from .headers import HeaderItem
from .scene_items import Z_CARDS, drop_item


# -- card drag (card_drag.CardDrag moves the items; the drop is one command) ---------
def follow_drag(scene, links: list[LinkItem], scene_pos: QPointF) -> None:
    _follow_links(scene, links)
    _mark_drop(scene, scene_pos)


def end_drag_visuals(scene) -> None:
    scene.drop_marker.hide()
    for container in scene.containers.values():
        container.setZValue(Z_CARDS)


def _follow_links(scene, links: list[LinkItem]) -> None:
    for link in links:
        src, dst = scene.cards.get(link.conn.source), scene.cards.get(link.conn.target)
        if src is None or dst is None:
            continue
        route = route_between(_live_rect(src), _live_rect(dst), scene.metrics)
        link.set_route(route, link.kind)


def _live_rect(card: CardItem) -> Rect:
    pos = card.scenePos()
    return Rect(pos.x(), pos.y(), card.w, card.h)


def _mark_drop(scene, pos: QPointF) -> None:
    layout = scene.layout
    key = layout.cell_at(pos.x(), pos.y())
    if key is None:
        scene.drop_marker.hide()
        return
    cell = qrect(layout.cell_rects[key])
    slot = layout.slot_in_cell(key[0], key[1], pos.x(), pos.y())
    scene.drop_marker.show_at(cell, _slot_bar(scene, key, slot))


def _slot_bar(scene, key: tuple[str, str], slot: int) -> QRectF:
    m, layout = scene.metrics, scene.layout
    cell = layout.cell_rects[key]
    cols = layout.stage_columns.get(key[0], 1)
    row, col = divmod(slot, cols)
    x = cell.x + m.gap + col * (m.card_w + m.gap)
    y = cell.y + m.gap / 2 + row * (m.card_h + m.gap)
    return QRectF(x, y - 2, m.card_w, 4)


def cards_dropped(scene, drop: Drop) -> None:
    """The drag is over (its state already idle): make the drop one document edit."""
    for tp_id in drop.ids:  # the dragged cards are off their place, whatever the edit does
        scene._placed.pop(tp_id, None)
    count = scene.relayout_count
    pos = drop.scene_pos
    key = scene.layout.cell_at(pos.x(), pos.y())
    if key is not None:
        _move_cards_to(scene, drop, key)
    if scene.relayout_count == count:  # nothing changed: put the cards back
        scene.snap_back()
    scene.dropped.emit(drop.anchor.tp_id, drop.grab_offset, pos)


def _move_cards_to(scene, drop: Drop, key: tuple[str, str]) -> None:
    """Cards from one cell go into the target cell at the pointer's slot; a selection
    spanning several cells moves by the anchor's steps and keeps its shape."""
    stage_id, lane_id = key
    pos, ids = drop.scene_pos, drop.ids
    slot = scene.layout.slot_in_cell(stage_id, lane_id, pos.x(), pos.y())
    m = scene.document.map
    cell = [tp.id for tp in m.touchpoints if tp.stage == stage_id and tp.lane == lane_id]
    index = slot - sum(1 for tp_id in cell[:slot] if tp_id in ids)
    homes = {(tp.stage, tp.lane) for tp in m.touchpoints if tp.id in ids}
    if len(homes) <= 1:
        scene.try_edit(scene.document.move_touchpoints, ids, stage_id, lane_id, index)
        return
    anchor = drop.anchor.tp
    stage_pos, lane_pos = m.stage_index(), {ln.id: i for i, ln in enumerate(m.lanes)}
    scene.try_edit(scene.document.shift_touchpoints, ids,
                   stage_pos[stage_id] - stage_pos[anchor.stage],
                   lane_pos[lane_id] - lane_pos[anchor.lane], anchor=anchor.id, index=index)


# -- header drag --------------------------------------------------------------------------
def _header_target(scene, header: HeaderItem, pos: QPointF) -> int:
    rects = (scene.layout.stage_header_rects if header.kind == "stage"
             else scene.layout.lane_header_rects)
    along = pos.x() if header.kind == "stage" else pos.y()
    order = scene.document.map.collection(header.kind)
    centres = [rects[o.id].center[0 if header.kind == "stage" else 1]
               for o in order if o.id != header.item_id]
    return sum(1 for centre in centres if centre < along)


def header_moving(scene, header: HeaderItem, pos: QPointF) -> None:
    index = _header_target(scene, header, pos)
    others = [o for o in scene.document.map.collection(header.kind) if o.id != header.item_id]
    grid = scene.layout.grid_rect
    if header.kind == "stage":
        rects = scene.layout.stage_rects
        x = rects[others[index].id].x if index < len(others) else grid.right
        if index >= len(others) and not others:
            x = grid.x
        bar = QRectF(x - 2, 0, 4, grid.bottom)
    else:
        rects = scene.layout.lane_rects
        y = rects[others[index].id].y if index < len(others) else grid.bottom
        bar = QRectF(0, y - 2, grid.right, 4)
    scene.drop_marker.show_at(QRectF(), bar)


def header_dropped(scene, header: HeaderItem, pos: QPointF) -> None:
    scene.drop_marker.hide()
    index = _header_target(scene, header, pos)
    scene.try_edit(scene.document.move, header.kind, header.item_id, index)


# -- drawing a new connection -------------------------------------------------------
def begin_link(scene, card: CardItem, pos: QPointF) -> None:
    start = card.mapToScene(QPointF(card.w, card.h / 2))
    scene._link_preview = LinkPreview(scene, start)
    scene._link_preview.source = card
    scene.addItem(scene._link_preview)


def drag_link(scene, pos: QPointF) -> None:
    if scene._link_preview is None:
        return
    scene._link_preview.set_end(pos)
    _mark_link_target(scene, scene.card_at(pos, exclude=scene._link_preview.source))


def _mark_link_target(scene, card: CardItem | None) -> None:
    if card is not scene._link_target:
        if scene._link_target is not None:
            scene._link_target.set_link_target(False)
        if card is not None:
            card.set_link_target(True)
        scene._link_target = card


def end_link(scene, card: CardItem, pos: QPointF | None) -> None:
    """Finish drawing a connection; with no position (the gesture was lost) add nothing."""
    _mark_link_target(scene, None)
    if scene._link_preview is not None:
        drop_item(scene, scene._link_preview)
        scene._link_preview = None
    if pos is None:
        return
    target = scene.card_at(pos, exclude=card)
    if target is not None:
        scene.try_edit(scene.document.add_connection, card.tp_id, target.tp_id)
