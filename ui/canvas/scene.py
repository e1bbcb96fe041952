"""JourneyScene: draws a Document's map and follows its `changed` event.

The scene never edits the model directly: user gestures become one document call each (one
undo step), and the scene updates from the resulting `Change`s. Items are kept in {id: item}
maps and reconciled incrementally; positions always come from `journeymap.layout`, the same
geometry the PDF export uses.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from journeymap.commands import Change
from journeymap.document import Document
from journeymap.errors import JourneymapError
from journeymap.label_placement import place_labels
from journeymap.layout import Layout, Metrics, Rect, compute_layout, route_between, route_connection
from journeymap.model import Connection, Map, Touchpoint, goes_back

from . import collector
from .card_drag import CardDrag, Drop
from .card_item import CardItem
from .connection_item import LinkItem, LinkPreview
from .emotion import EmotionItem
from .grid import CornerItem, DropMarker, GridItem, HeaderBand, LaneContainer, qrect
from .headers import HeaderItem, LaneHeaderItem, StageHeaderItem
from .palette import current_theme
from .style import CanvasStyle

log = logging.getLogger(__name__)

Z_GRID, Z_LINKS, Z_CARDS, Z_EMOTION, Z_HEADERS = 0.0, 1.0, 2.0, 3.0, 5.0
MARGIN = 40.0


def bsp_depth(items: int) -> int:
    """A shallower item index than Qt's automatic one: that one grows with log2(items), and
    every long link is filed in each leaf it crosses, so on a 10,000-card map building it
    took ~1.8 s of the first paint (depth 9: 60 ms), while the leaves stay small enough."""
    return max(4, min(9, math.ceil(math.log2(max(items, 1) / 64))))


def link_kind(m: Map, conn: Connection, stage_pos: dict[str, int], by_id: dict) -> str:
    """"loop" when marked, "backward" when it goes to an earlier stage unmarked (a warning)."""
    if conn.loop:
        return "loop"
    src, dst = by_id.get(conn.source), by_id.get(conn.target)
    if src and dst and goes_back(stage_pos, src.stage, dst.stage):
        return "backward"
    return "forward"


class JourneyScene(QGraphicsScene):
    edit_requested = Signal(str, str)  # kind ("touchpoint", "stage", "lane", "connection"), id
    message = Signal(str)  # an edit was refused; one sentence for the status bar
    relaid_out = Signal()
    dropped = Signal(str, QPointF, QPointF)  # card id, pointer offset in the card, scene pos

    def __init__(self, document: Document, style: CanvasStyle | None = None,
                 metrics: Metrics | None = None, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.style = style or CanvasStyle(theme=current_theme())
        self.metrics = metrics or Metrics()
        self.card_size = (self.metrics.card_w, self.metrics.card_h)
        self.layout: Layout | None = None
        self.cards: dict[str, CardItem] = {}
        self.links: dict[str, LinkItem] = {}
        self.containers: dict[str, LaneContainer] = {}
        self.stage_headers: dict[str, StageHeaderItem] = {}
        self.lane_headers: dict[str, LaneHeaderItem] = {}
        self._placed: dict[str, tuple] = {}  # tp id -> (lane, x, y) last set, to skip no-op setPos
        self._stage_numbers: dict[str, int] = {}
        self._stage_counts: dict[str, int] = {}
        self.drag = CardDrag(self)
        self._link_preview: LinkPreview | None = None
        self._link_target: CardItem | None = None
        self.relayout_count = 0
        self._label_fonts = None  # the fonts link labels were last measured in
        with collector.building():
            self._build()
        document.changed.connect(self._on_changed)

    def detach(self) -> None:
        """Stop following the document (before switching maps); a drag in progress ends.
        The items are let go of: items and scene refer to each other, a cycle only the
        collector could free."""
        self.drag.cancel()
        self.document.changed.disconnect(self._on_changed)
        for items in (self.cards, self.links, self.containers, self.stage_headers,
                      self.lane_headers):
            items.clear()
        collector.release()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        m = self.document.map
        self.grid = GridItem(self)
        self.grid.setZValue(Z_GRID)
        self.addItem(self.grid)
        self.corner = CornerItem(self)
        self.corner.setZValue(Z_HEADERS + 0.3)
        self.addItem(self.corner)
        self.top_band, self.left_band = HeaderBand(self), HeaderBand(self)
        self.top_band.setZValue(Z_HEADERS - 0.1)  # over cards, under the stage headers
        self.left_band.setZValue(Z_HEADERS + 0.1)  # over stage headers, under lane headers
        self.addItem(self.top_band)
        self.addItem(self.left_band)
        self._pin = QPointF()
        self.emotion = EmotionItem(self)
        self.emotion.setZValue(Z_EMOTION)
        self.addItem(self.emotion)
        self.drop_marker = DropMarker(self)
        self.addItem(self.drop_marker)
        for stage in m.stages:
            self._add_header(stage, "stage")
        for lane in m.lanes:
            self._add_header(lane, "lane")
        for tp in m.touchpoints:
            self._add_card(tp)
        for conn in m.connections:
            self._add_link(conn)
        # Labels come with the relayout: about one per link.
        self.setBspTreeDepth(bsp_depth(len(self.cards) + 2 * len(self.links)))
        self.relayout()

    def _add_header(self, obj, kind: str) -> None:
        if kind == "stage":
            header = StageHeaderItem(obj, self)
            self.stage_headers[obj.id] = header
        else:
            header = LaneHeaderItem(obj, self)
            self.lane_headers[obj.id] = header
            header.setZValue(Z_HEADERS + 0.2)
            container = LaneContainer()
            container.setZValue(Z_CARDS)
            self.containers[obj.id] = container
            self.addItem(container)
        if kind == "stage":
            header.setZValue(Z_HEADERS)
        header.pin(QPointF(0, self._pin.y()) if kind == "stage" else QPointF(self._pin.x(), 0))
        self.addItem(header)

    def _add_card(self, tp: Touchpoint) -> None:
        card = CardItem(tp, self)
        container = self.containers.get(tp.lane)
        if container is not None:
            card.setParentItem(container)
        else:  # a card outside the grid (a broken file): kept, hidden until it has a cell
            self.addItem(card)
        self.cards[tp.id] = card

    def _add_link(self, conn: Connection) -> None:
        link = LinkItem(conn, self)
        link.setZValue(Z_LINKS)
        self.addItem(link)
        self.links[conn.id] = link

    def _drop_item(self, item: QGraphicsItem) -> None:
        if isinstance(item, LinkItem):
            item.drop_label()
        self.removeItem(item)  # ownership returns to Python; the last reference deletes it

    # -- following the document ---------------------------------------------------------
    def _on_changed(self, changes: list[Change]) -> None:
        touched: dict[str, set[str]] = {}
        updated: dict[str, set[str]] = {}
        for change in changes:
            touched.setdefault(change.kind, set()).add(change.id)
            if change.action == "update":
                updated.setdefault(change.kind, set()).add(change.id)
        m = self.document.map
        # Remove links and cards before their lanes go; add lanes before their cards come.
        links = self._stale(self.links, "connection", touched.get("connection", set()), m)
        cards = self._stale(self.cards, "touchpoint", touched.get("touchpoint", set()), m)
        for kind in ("stage", "lane"):
            headers = self.stage_headers if kind == "stage" else self.lane_headers
            for _, obj in self._stale(headers, kind, touched.get(kind, set()), m):
                self._add_header(obj, kind)
        for _, tp in cards:
            self._add_card(tp)
        for _, conn in links:
            self._add_link(conn)
        self._refresh_updated(updated)
        self.relayout()

    def _stale(self, items: dict, kind: str, ids: set[str], m: Map) -> list[tuple[str, object]]:
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
                self._drop_item(items.pop(item_id))
                self._placed.pop(item_id, None)
                if kind == "lane":
                    self._drop_container(item_id)
                item = None
            if item is None and obj is not None:
                missing.append((item_id, obj))
        return missing

    def _drop_container(self, lane_id: str) -> None:
        container = self.containers.pop(lane_id)
        for child in container.childItems():  # re-homed by the next relayout
            child.setParentItem(None)
            self._placed.pop(getattr(child, "tp_id", ""), None)
        self._drop_item(container)

    def _refresh_updated(self, updated: dict[str, set[str]]) -> None:
        for tp_id in updated.get("touchpoint", ()):
            if tp_id in self.cards:
                self.cards[tp_id].refresh()
        for conn_id in updated.get("connection", ()):
            if conn_id in self.links:
                self.links[conn_id].refresh()
        for stage_id in updated.get("stage", ()):
            if stage_id in self.stage_headers:
                self.stage_headers[stage_id].refresh()
        for lane_id in updated.get("lane", ()):
            if lane_id in self.lane_headers:
                self.lane_headers[lane_id].refresh()
                self.grid.update()
        if "role" in updated:  # a renamed role shows on every card that names it
            self.refresh_all()
        if "map" in updated:
            self.corner.update()

    def refresh_all(self) -> None:
        """Repaint every item in the current style (theme, hidden fields, role names, fonts):
        styles only, no item is rebuilt; link labels are placed again only when the fonts
        changed (presentation mode), since only then do their sizes change."""
        self.style.generation += 1
        for card in self.cards.values():
            card.refresh()
        for group in (self.links, self.stage_headers, self.lane_headers):
            for item in group.values():
                item.refresh()
        for item in (self.grid, self.corner, self.emotion, self.drop_marker):
            item.update()
        if self.layout is not None:
            self.emotion.set_layout(self.layout)
            if self.style.fonts is not self._label_fonts:
                self._place_link_labels(self.layout)

    # -- layout -------------------------------------------------------------------------------
    def relayout(self) -> None:
        """Place every item from `compute_layout`; only items whose place changed are moved."""
        m = self.document.map
        layout = compute_layout(m, self.metrics)
        self.layout = layout
        self.relayout_count += 1
        self.setSceneRect(QRectF(-MARGIN, -MARGIN, layout.width + 2 * MARGIN,
                                 layout.height + 2 * MARGIN))
        self.grid.set_layout(layout)
        self.corner.place(self.metrics.lane_header_w, self.metrics.stage_header_h)
        self._stage_numbers = {s.id: i + 1 for i, s in enumerate(m.stages)}
        self._stage_counts = {s.id: 0 for s in m.stages}
        for tp in m.touchpoints:
            self._stage_counts[tp.stage] = self._stage_counts.get(tp.stage, 0) + 1
        for stage in m.stages:
            self.stage_headers[stage.id].place(layout.stage_header_rects[stage.id])
            self.stage_headers[stage.id].update()
        for lane in m.lanes:
            self.lane_headers[lane.id].place(layout.lane_header_rects[lane.id])
            self.containers[lane.id].place(layout.lane_rects[lane.id])
        self._place_cards(m, layout)
        self._route_links(m, layout)
        self.emotion.set_layout(layout)
        self._apply_pin()
        self.relaid_out.emit()

    # -- sticky headers ---------------------------------------------------------------------
    def pin_headers(self, visible: QRectF) -> None:
        """Keep stage headers at the top and lane headers at the left of `visible` (the
        view's scene area), so a scrolled or zoomed map still says what each row and column is."""
        if self.layout is None:
            return
        grid = self.layout.grid_rect
        dx = min(max(0.0, visible.left()), max(0.0, grid.right - self.metrics.lane_header_w))
        dy = min(max(0.0, visible.top()), max(0.0, grid.bottom - self.metrics.stage_header_h))
        if QPointF(dx, dy) != self._pin:
            self._pin = QPointF(dx, dy)
            self._apply_pin()

    def _apply_pin(self) -> None:
        if self.layout is None:
            return
        dx, dy = self._pin.x(), self._pin.y()
        for header in self.stage_headers.values():
            header.pin(QPointF(0, dy))
        for header in self.lane_headers.values():
            header.pin(QPointF(dx, 0))
        self.corner.setPos(dx, dy)
        width, height = self.layout.width, self.layout.grid_rect.bottom
        m = self.metrics
        self.top_band.set_rect(QRectF(0, dy, width, m.stage_header_h))
        self.top_band.setVisible(dy > 0)
        self.left_band.set_rect(QRectF(dx, 0, m.lane_header_w, height))
        self.left_band.setVisible(dx > 0)

    def _place_cards(self, m: Map, layout: Layout) -> None:
        lane_y = {lane_id: rect.y for lane_id, rect in layout.lane_rects.items()}
        for tp in m.touchpoints:
            rect = layout.card_rects.get(tp.id)
            card = self.cards[tp.id]
            if rect is None or tp.lane not in self.containers:
                card.hide()
                self._placed.pop(tp.id, None)
                continue
            if not card.isVisible():
                card.show()
            place = (tp.lane, rect.x, rect.y - lane_y[tp.lane])
            if self._placed.get(tp.id) == place:
                continue
            container = self.containers[tp.lane]
            if card.parentItem() is not container:
                card.setParentItem(container)
            card.setPos(place[1], place[2])
            self._placed[tp.id] = place

    def _route_links(self, m: Map, layout: Layout) -> None:
        if not m.connections:
            return
        stage_pos = m.stage_index()
        by_id = {tp.id: tp for tp in m.touchpoints}
        for conn in m.connections:
            self.links[conn.id].set_route(route_connection(layout, conn, m),
                                          link_kind(m, conn, stage_pos, by_id))
        self._place_link_labels(layout)

    def _place_link_labels(self, layout: Layout) -> None:
        """Every link label at once, clear of the cards and of each other where there is
        room (the rule the PDF uses, in `journeymap.label_placement`): no scene queries."""
        self._label_fonts = self.style.fonts
        requests = []
        for conn in self.document.map.connections:
            link = self.links[conn.id]
            request = link.label_request()
            if request is None:
                link.show_label(None)
            else:
                requests.append(request)
        if not requests:
            return
        placed = place_labels(layout.card_rects.values(), requests).labels
        for request in requests:
            self.links[request.key].show_label(placed.get(request.key))

    def snap_back(self) -> None:
        """Put every card back where the layout says (after a refused or empty drop)."""
        self._placed.clear()
        self.relayout()

    # -- facts headers show ---------------------------------------------------------------
    def stage_number(self, stage_id: str) -> int:
        return self._stage_numbers.get(stage_id, 0)

    def stage_count(self, stage_id: str) -> int:
        return self._stage_counts.get(stage_id, 0)

    def raci_names(self, tp: Touchpoint) -> list[tuple[str, str]]:
        """(letter, role name) for the accountable and responsible roles, A first."""
        names = {role.id: role.name for role in self.document.map.roles}
        result = []
        for letter in ("A", "R"):
            for role_id in tp.roles_with(letter):
                if role_id in names:
                    result.append((letter, names[role_id]))
        return result

    # -- queries ------------------------------------------------------------------------------
    def card_at(self, pos: QPointF, exclude: CardItem | None = None) -> CardItem | None:
        for item in self.items(pos):
            if isinstance(item, CardItem) and item is not exclude:
                return item
        return None

    def selected_cards(self) -> list[CardItem]:
        return [item for item in self.selectedItems() if isinstance(item, CardItem)]

    def selected_links(self) -> list[LinkItem]:
        return [item for item in self.selectedItems() if isinstance(item, LinkItem)]

    def card_rect(self, tp_id: str) -> QRectF | None:
        if self.layout is None or tp_id not in self.layout.card_rects:
            return None
        return qrect(self.layout.card_rects[tp_id])

    # -- card drag (card_drag.CardDrag moves the items; the drop is one command) ---------
    dragging_z = Z_CARDS + 0.5  # the lanes of dragged cards rise above the other lanes

    def links_of(self, ids: set[str]) -> list[LinkItem]:
        return [self.links[c.id] for c in self.document.map.connections
                if (c.source in ids or c.target in ids) and c.id in self.links]

    def follow_drag(self, links: list[LinkItem], scene_pos: QPointF) -> None:
        self._follow_links(links)
        self._mark_drop(scene_pos)

    def end_drag_visuals(self) -> None:
        self.drop_marker.hide()
        for container in self.containers.values():
            container.setZValue(Z_CARDS)

    def cancel_drag(self) -> bool:
        """Escape, focus loss or a map switch: dragged cards go back, the drop frame goes."""
        return self.drag.cancel()

    def _follow_links(self, links: list[LinkItem]) -> None:
        for link in links:
            src, dst = self.cards.get(link.conn.source), self.cards.get(link.conn.target)
            if src is None or dst is None:
                continue
            route = route_between(self._live_rect(src), self._live_rect(dst), self.metrics)
            link.set_route(route, link.kind)

    def _live_rect(self, card: CardItem) -> Rect:
        pos = card.scenePos()
        return Rect(pos.x(), pos.y(), card.w, card.h)

    def _mark_drop(self, pos: QPointF) -> None:
        layout = self.layout
        key = layout.cell_at(pos.x(), pos.y())
        if key is None:
            self.drop_marker.hide()
            return
        cell = qrect(layout.cell_rects[key])
        slot = layout.slot_in_cell(key[0], key[1], pos.x(), pos.y())
        self.drop_marker.show_at(cell, self._slot_bar(key, slot))

    def _slot_bar(self, key: tuple[str, str], slot: int) -> QRectF:
        m, layout = self.metrics, self.layout
        cell = layout.cell_rects[key]
        cols = layout.stage_columns.get(key[0], 1)
        row, col = divmod(slot, cols)
        x = cell.x + m.gap + col * (m.card_w + m.gap)
        y = cell.y + m.gap / 2 + row * (m.card_h + m.gap)
        return QRectF(x, y - 2, m.card_w, 4)

    def cards_dropped(self, drop: Drop) -> None:
        """The drag is over (its state already idle): make the drop one document edit."""
        for tp_id in drop.ids:  # the dragged cards are off their place, whatever the edit does
            self._placed.pop(tp_id, None)
        count = self.relayout_count
        pos = drop.scene_pos
        key = self.layout.cell_at(pos.x(), pos.y())
        if key is not None:
            self._move_cards_to(drop, key)
        if self.relayout_count == count:  # nothing changed: put the cards back
            self.snap_back()
        self.dropped.emit(drop.anchor.tp_id, drop.grab_offset, pos)

    def _move_cards_to(self, drop: Drop, key: tuple[str, str]) -> None:
        """Cards from one cell go into the target cell at the pointer's slot; a selection
        spanning several cells moves by the anchor's steps and keeps its shape."""
        stage_id, lane_id = key
        pos, ids = drop.scene_pos, drop.ids
        slot = self.layout.slot_in_cell(stage_id, lane_id, pos.x(), pos.y())
        m = self.document.map
        cell = [tp.id for tp in m.touchpoints if tp.stage == stage_id and tp.lane == lane_id]
        index = slot - sum(1 for tp_id in cell[:slot] if tp_id in ids)
        homes = {(tp.stage, tp.lane) for tp in m.touchpoints if tp.id in ids}
        if len(homes) <= 1:
            self.try_edit(self.document.move_touchpoints, ids, stage_id, lane_id, index)
            return
        anchor = drop.anchor.tp
        stage_pos, lane_pos = m.stage_index(), {ln.id: i for i, ln in enumerate(m.lanes)}
        self.try_edit(self.document.shift_touchpoints, ids,
                      stage_pos[stage_id] - stage_pos[anchor.stage],
                      lane_pos[lane_id] - lane_pos[anchor.lane], anchor=anchor.id, index=index)

    def try_edit(self, edit, *args, **kwargs):
        """Run a document edit; a refused edit becomes a `message`, never an exception."""
        try:
            return edit(*args, **kwargs)
        except JourneymapError as error:
            log.info("edit refused: %s", error)
            self.message.emit(str(error))
            return None

    # -- header drag --------------------------------------------------------------------------
    def _header_target(self, header: HeaderItem, pos: QPointF) -> int:
        rects = (self.layout.stage_header_rects if header.kind == "stage"
                 else self.layout.lane_header_rects)
        along = pos.x() if header.kind == "stage" else pos.y()
        order = self.document.map.collection(header.kind)
        centres = [rects[o.id].center[0 if header.kind == "stage" else 1]
                   for o in order if o.id != header.item_id]
        return sum(1 for centre in centres if centre < along)

    def header_moving(self, header: HeaderItem, pos: QPointF) -> None:
        index = self._header_target(header, pos)
        others = [o for o in self.document.map.collection(header.kind) if o.id != header.item_id]
        grid = self.layout.grid_rect
        if header.kind == "stage":
            rects = self.layout.stage_rects
            x = rects[others[index].id].x if index < len(others) else grid.right
            if index >= len(others) and not others:
                x = grid.x
            bar = QRectF(x - 2, 0, 4, grid.bottom)
        else:
            rects = self.layout.lane_rects
            y = rects[others[index].id].y if index < len(others) else grid.bottom
            bar = QRectF(0, y - 2, grid.right, 4)
        self.drop_marker.show_at(QRectF(), bar)

    def header_dropped(self, header: HeaderItem, pos: QPointF) -> None:
        self.drop_marker.hide()
        index = self._header_target(header, pos)
        self.try_edit(self.document.move, header.kind, header.item_id, index)

    # -- drawing a new connection -------------------------------------------------------
    def begin_link(self, card: CardItem, pos: QPointF) -> None:
        start = card.mapToScene(QPointF(card.w, card.h / 2))
        self._link_preview = LinkPreview(self, start)
        self._link_preview.source = card
        self.addItem(self._link_preview)

    def drag_link(self, pos: QPointF) -> None:
        if self._link_preview is None:
            return
        self._link_preview.set_end(pos)
        self._mark_link_target(self.card_at(pos, exclude=self._link_preview.source))

    def _mark_link_target(self, card: CardItem | None) -> None:
        if card is not self._link_target:
            if self._link_target is not None:
                self._link_target.set_link_target(False)
            if card is not None:
                card.set_link_target(True)
            self._link_target = card

    def end_link(self, card: CardItem, pos: QPointF | None) -> None:
        """Finish drawing a connection; with no position (the gesture was lost) add nothing."""
        self._mark_link_target(None)
        if self._link_preview is not None:
            self._drop_item(self._link_preview)
            self._link_preview = None
        if pos is None:
            return
        target = self.card_at(pos, exclude=card)
        if target is not None:
            self.try_edit(self.document.add_connection, card.tp_id, target.tp_id)

    # -- display options ----------------------------------------------------------------------
