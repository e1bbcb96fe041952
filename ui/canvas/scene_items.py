"""The scene's items kept in step with the document: built once, then reconciled per change.

Functions of a `JourneyScene` (its own implementation, so they use its {id: item} maps and
private bookkeeping): building every item of a map, dropping and re-adding the items whose
model object went or was replaced, and repainting the ones whose object was updated. Where
the items go is `scene_layout`'s part; a change always ends with the scene's relayout.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

from journeymap.commands import Change
from journeymap.model import Connection, Map, Touchpoint

from . import scene_layout
from .card_item import CardItem
from .connection_item import LinkItem
from .emotion import EmotionItem
from .grid import CornerItem, DropMarker, GridItem, HeaderBand, LaneContainer
from .headers import LaneHeaderItem, StageHeaderItem

Z_GRID, Z_LINKS, Z_CARDS, Z_EMOTION, Z_HEADERS = 0.0, 1.0, 2.0, 3.0, 5.0


def bsp_depth(items: int) -> int:
    """A shallower item index than Qt's automatic one: that one grows with log2(items), and
    every long link is filed in each leaf it crosses, so on a 10,000-card map building it
    took ~1.8 s of the first paint (depth 9: 60 ms), while the leaves stay small enough."""
    return max(4, min(9, math.ceil(math.log2(max(items, 1) / 64))))


# -- building ---------------------------------------------------------------------------
def build(scene) -> None:
    m = scene.document.map
    scene.grid = GridItem(scene)
    scene.grid.setZValue(Z_GRID)
    scene.addItem(scene.grid)
    scene.corner = CornerItem(scene)
    scene.corner.setZValue(Z_HEADERS + 0.3)
    scene.addItem(scene.corner)
    scene.top_band, scene.left_band = HeaderBand(scene), HeaderBand(scene)
    scene.top_band.setZValue(Z_HEADERS - 0.1)  # over cards, under the stage headers
    scene.left_band.setZValue(Z_HEADERS + 0.1)  # over stage headers, under lane headers
    scene.addItem(scene.top_band)
    scene.addItem(scene.left_band)
    scene._pin = QPointF()
    scene.emotion = EmotionItem(scene)
    scene.emotion.setZValue(Z_EMOTION)
    scene.addItem(scene.emotion)
    scene.drop_marker = DropMarker(scene)
    scene.addItem(scene.drop_marker)
    for stage in m.stages:
        add_header(scene, stage, "stage")
    for lane in m.lanes:
        add_header(scene, lane, "lane")
    for tp in m.touchpoints:
        add_card(scene, tp)
    for conn in m.connections:
        add_link(scene, conn)
    # Labels come with the relayout: about one per link.
    scene.setBspTreeDepth(bsp_depth(len(scene.cards) + 2 * len(scene.links)))
    scene.relayout()


def add_header(scene, obj, kind: str) -> None:
    if kind == "stage":
        header = StageHeaderItem(obj, scene)
        scene.stage_headers[obj.id] = header
    else:
        header = LaneHeaderItem(obj, scene)
        scene.lane_headers[obj.id] = header
        header.setZValue(Z_HEADERS + 0.2)
        container = LaneContainer()
        container.setZValue(Z_CARDS)
        scene.containers[obj.id] = container
        scene.addItem(container)
    if kind == "stage":
        header.setZValue(Z_HEADERS)
    header.pin(QPointF(0, scene._pin.y()) if kind == "stage" else QPointF(scene._pin.x(), 0))
    scene.addItem(header)


def add_card(scene, tp: Touchpoint) -> None:
    card = CardItem(tp, scene)
    container = scene.containers.get(tp.lane)
    if container is not None:
        card.setParentItem(container)
    else:  # a card outside the grid (a broken file): kept, hidden until it has a cell
        scene.addItem(card)
    scene.cards[tp.id] = card


def add_link(scene, conn: Connection) -> None:
    link = LinkItem(conn, scene)
    link.setZValue(Z_LINKS)
    scene.addItem(link)
    scene.links[conn.id] = link


def drop_item(scene, item: QGraphicsItem) -> None:
    if isinstance(item, LinkItem):
        item.drop_label()
    scene.removeItem(item)  # ownership returns to Python; the last reference deletes it


# -- following the document ---------------------------------------------------------
def on_changed(scene, changes: list[Change]) -> None:
    touched: dict[str, set[str]] = {}
    updated: dict[str, set[str]] = {}
    for change in changes:
        touched.setdefault(change.kind, set()).add(change.id)
        if change.action == "update":
            updated.setdefault(change.kind, set()).add(change.id)
    m = scene.document.map
    # Remove links and cards before their lanes go; add lanes before their cards come.
    links = _stale(scene, scene.links, "connection", touched.get("connection", set()), m)
    cards = _stale(scene, scene.cards, "touchpoint", touched.get("touchpoint", set()), m)
    for kind in ("stage", "lane"):
        headers = scene.stage_headers if kind == "stage" else scene.lane_headers
        for _, obj in _stale(scene, headers, kind, touched.get(kind, set()), m):
            add_header(scene, obj, kind)
    for _, tp in cards:
        add_card(scene, tp)
    for _, conn in links:
        add_link(scene, conn)
    _refresh_updated(scene, updated)
    if "comment" in touched:  # the badges of the cards commented on, before and after
        before = scene._comment_counts or {}
        scene._comment_counts = None
        for tp_id in set(before) | {c.touchpoint for c in m.comments if c.touchpoint}:
            if tp_id in scene.cards:
                scene.cards[tp_id].refresh()
    scene.relayout()


def _stale(scene, items: dict, kind: str, ids: set[str], m: Map) -> list[tuple[str, object]]:
    """Drop the items of `ids` whose model object is gone or was replaced; return the
    (id, object) pairs that need a new item."""
    ids.discard("")
    if not ids:
        return []
    current = {obj.id: obj for obj in m.collection(kind) if obj.id in ids}
    missing = []
    for item_id in ids:
        item, obj = items.get(item_id), current.get(item_id)
        if item is not None and (obj is None or item.obj_ref() is not obj):
            drop_item(scene, items.pop(item_id))
            scene._placed.pop(item_id, None)
            if kind == "lane":
                _drop_container(scene, item_id)
            item = None
        if item is None and obj is not None:
            missing.append((item_id, obj))
    return missing


def _drop_container(scene, lane_id: str) -> None:
    container = scene.containers.pop(lane_id)
    for child in container.childItems():  # re-homed by the next relayout
        child.setParentItem(None)
        scene._placed.pop(getattr(child, "tp_id", ""), None)
    drop_item(scene, container)


def _refresh_updated(scene, updated: dict[str, set[str]]) -> None:
    for tp_id in updated.get("touchpoint", ()):
        if tp_id in scene.cards:
            scene.cards[tp_id].refresh()
    for conn_id in updated.get("connection", ()):
        if conn_id in scene.links:
            scene.links[conn_id].refresh()
    for stage_id in updated.get("stage", ()):
        if stage_id in scene.stage_headers:
            scene.stage_headers[stage_id].refresh()
    for lane_id in updated.get("lane", ()):
        if lane_id in scene.lane_headers:
            scene.lane_headers[lane_id].refresh()
            scene.grid.update()
    if "role" in updated:  # a renamed role shows on every card that names it
        scene.refresh_all()
    if "map" in updated:
        scene.corner.update()


def refresh_all(scene) -> None:
    """Repaint every item in the current style (theme, hidden fields, role names, fonts):
    styles only, no item is rebuilt; link labels are placed again only when the fonts
    changed (presentation mode), since only then do their sizes change."""
    scene.style.generation += 1
    for card in scene.cards.values():
        card.refresh()
    for group in (scene.links, scene.stage_headers, scene.lane_headers):
        for item in group.values():
            item.refresh()
    for item in (scene.grid, scene.corner, scene.emotion, scene.drop_marker):
        item.update()
    if scene.layout is not None:
        scene.emotion.set_layout(scene.layout)
        if scene.style.fonts is not scene._label_fonts:
            scene_layout.place_link_labels(scene, scene.layout)
