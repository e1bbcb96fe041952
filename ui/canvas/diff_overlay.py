"""DiffOverlay: what changes from another map or version, drawn on the map on screen.

The map on screen is the NEW side of the diff (the to-be); the overlay marks, on one layer
above the cards (never children of them, so the scene may rebuild its items freely):
- added cards: a thick outline and a "new" tag;
- removed cards: ghosts (dashed, with their title) in the cell they had, when that cell is
  still on the map;
- moved cards: a faint arrow from the cell they left and a "moved" tag;
- changed cards: a "Δ n" badge (hover lists the fields); RACI changes: a "RACI" badge;
- connections: added ones traced thick, removed ones dashed between their cards (when both
  are still on the map), changed ones traced thin.
Colours are the Okabe-Ito set (distinct for the common colour-vision deficiencies) and
every mark also differs in shape or line style. The overlay is a view: it changes nothing.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from journeymap.diff import MapDiff
from journeymap.diff.text import shown_value
from journeymap.layout import route_connection
from journeymap.model import Map

from .overlay_items import LOD_TEXT, Layer, OverlayHost, OverlayItem, route_path
from .safety import guarded

ADDED, REMOVED, MOVED, CHANGED, RACI = "#009e73", "#d55e00", "#0072b2", "#e69f00", "#cc79a7"
GHOST_H = 26.0
# Fields the Facilitation panel can hide from the room, by the card field they are.
HIDDEN_FIELDS = frozenset({"channel", "owner", "experience", "raci", "votes"})  # scene units: a removed card's ghost is a slim bar with its title


class DiffOverlay(QObject, OverlayHost):
    """Shows one `MapDiff` (old → the map on screen); `set_diff(None)` clears it."""

    def __init__(self, scene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self._diff: MapDiff | None = None
        self._old: Map | None = None
        self._layer: Layer | None = None
        self._items: list[OverlayItem] = []
        scene.relaid_out.connect(self.redraw)
        scene.destroyed.connect(self._scene_gone)

    # -- public ----------------------------------------------------------------------------
    def set_diff(self, diff: MapDiff | None, old: Map | None = None) -> None:
        self._diff, self._old = diff, old
        self.redraw()

    def diff(self) -> MapDiff | None:
        return self._diff

    def items(self, kind: str | None = None) -> list[OverlayItem]:
        """The marks, or those of one kind: added, removed, moved, moved_arrow, changed,
        raci, link_added, link_removed, link_changed."""
        return [item for item in self._items if kind is None or item.kind == kind]

    def detach(self) -> None:
        self._clear()
        if self.scene is not None:
            self.scene.relaid_out.disconnect(self.redraw)
            self.scene.destroyed.disconnect(self._scene_gone)
            self.scene = None

    def redraw(self) -> None:
        self._clear()
        if self.scene is None or self._diff is None or self.scene.layout is None:
            return
        self._layer = Layer()
        self.scene.addItem(self._layer)
        _Drawing(self, self._diff, self._old).draw()

    # -- for the items (and OverlayHost's dark, font, metrics) -------------------------------
    def add(self, item: OverlayItem) -> None:
        item.setParentItem(self._layer)
        self._items.append(item)

    def _clear(self) -> None:
        layer, self._layer = self._layer, None
        self._items = []
        if layer is not None and layer.scene() is not None:
            layer.scene().removeItem(layer)

    def _scene_gone(self, *args) -> None:
        self.scene, self._layer, self._items = None, None, []


class _Drawing:
    def __init__(self, overlay: DiffOverlay, diff: MapDiff, old: Map | None) -> None:
        self.overlay, self.diff, self.old = overlay, diff, old
        self.scene = overlay.scene
        self.map = self.scene.document.map
        self.layout = self.scene.layout

    def draw(self) -> None:
        for tp_id, title in self.diff.added:
            self._outline(tp_id, "added", ADDED, "new", f"Added: {title}")
        for move in self.diff.moved:
            self._moved(move)
        hidden = HIDDEN_FIELDS & set(self.scene.style.hidden)  # from the room
        raci_by_card: dict[str, list[str]] = defaultdict(list)
        for change in ([] if "raci" in hidden else self.diff.raci):
            raci_by_card[change.touchpoint_id].append(
                f"{change.role}: {change.old or '–'} → {change.new or '–'}")
        for change in self.diff.changed:
            rect = self.layout.card_rects.get(change.new_id)
            if rect is None:
                continue
            lines = [f"{name.replace('_', ' ')}: {shown_value(old)} → {shown_value(new)}"
                     for name, (old, new) in change.fields.items() if name not in hidden]
            if not lines:
                continue  # only fields the room does not see changed
            tip = f"Changed: {change.title}\n" + "\n".join(lines)
            self.overlay.add(_Pill(self.overlay, "changed", f"Δ {len(lines)}", CHANGED,
                                   QPointF(rect.right - 4, rect.y - 2), tip))
        for tp_id, lines in raci_by_card.items():
            rect = self.layout.card_rects.get(tp_id)
            if rect is not None:
                tip = "RACI changed:\n" + "\n".join(lines)
                self.overlay.add(_Pill(self.overlay, "raci", "RACI", RACI,
                                       QPointF(rect.right - 4, rect.bottom + 2), tip))
        self._ghosts()
        self._links()

    def _outline(self, tp_id: str, kind: str, colour: str, tag: str, tip: str) -> None:
        rect = self.layout.card_rects.get(tp_id)
        if rect is None:
            return
        box = QRectF(rect.x, rect.y, rect.w, rect.h).adjusted(-4, -4, 4, 4)
        self.overlay.add(_Frame(self.overlay, kind, box, colour, tip))
        self.overlay.add(_Pill(self.overlay, f"{kind}_tag", tag, colour,
                               QPointF(box.left() + 4, box.top()), tip, align="left"))

    def _moved(self, move) -> None:
        rect = self.layout.card_rects.get(move.new_id)
        if rect is None:
            return
        where = f"{move.old_cell.stage} · {move.old_cell.lane}"
        tip = f"Moved: {move.title}\nfrom {where}\nto {move.new_cell.stage} · {move.new_cell.lane}"
        box = QRectF(rect.x, rect.y, rect.w, rect.h).adjusted(-3, -3, 3, 3)
        self.overlay.add(_Frame(self.overlay, "moved", box, MOVED, tip, dashed=True))
        self.overlay.add(_Pill(self.overlay, "moved_tag", "moved", MOVED,
                               QPointF(box.left() + 4, box.top()), tip, align="left"))
        cell = self._old_cell(move.old_id)
        if cell is not None:
            start = QPointF(cell.x + cell.w / 2, cell.y + cell.h / 2)
            end = QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2)
            self.overlay.add(_Arrow(self.overlay, start, end, MOVED, tip))

    def _old_cell(self, old_tp_id: str):
        """The rect, on the map on screen, of the cell an old card was in (None if gone)."""
        if self.old is None:
            return None
        tp = self.old.touchpoint(old_tp_id)
        if tp is None:
            return None
        stage = self.diff.stage_pairs.get(tp.stage)
        lane = self.diff.lane_pairs.get(tp.lane)
        return self.layout.cell_rects.get((stage, lane)) if stage and lane else None

    def _ghosts(self) -> None:
        stacked: dict[tuple[float, float], int] = defaultdict(int)
        for tp_id, title in self.diff.removed:
            cell = self._old_cell(tp_id)
            if cell is None:
                continue
            place = stacked[(cell.x, cell.y)]
            stacked[(cell.x, cell.y)] += 1
            top = cell.bottom - (place + 1) * (GHOST_H + 4)
            box = QRectF(cell.x + 8, max(cell.y + 2, top), cell.w - 16, GHOST_H)
            self.overlay.add(_Ghost(self.overlay, box, title, f"Removed: {title}"))

    def _links(self) -> None:
        by_id = {c.id: c for c in self.map.connections}
        for ends in self.diff.connections_added:
            self._trace(by_id.get(ends.id), "link_added", ADDED, 4.0, False,
                        f"Connection added: {ends.source} → {ends.target}")
        for change in self.diff.connections_changed:
            fields = ", ".join(change.fields)
            self._trace(by_id.get(change.new_id), "link_changed", CHANGED, 2.5, False,
                        f"Connection changed ({fields}): {change.source} → {change.target}")
        if self.old is None:
            return
        old_links = {c.id: c for c in self.old.connections}
        for ends in self.diff.connections_removed:
            gone = old_links.get(ends.id)
            if gone is None:
                continue
            source = self.diff.touchpoint_pairs.get(gone.source)
            target = self.diff.touchpoint_pairs.get(gone.target)
            src, dst = self.layout.card_rects.get(source), self.layout.card_rects.get(target)
            if src is None or dst is None:
                continue
            start = QPointF(src.right, src.y + src.h / 2)
            end = QPointF(dst.x, dst.y + dst.h / 2)
            self.overlay.add(_Arrow(self.overlay, start, end, REMOVED,
                                    f"Connection removed: {ends.source} → {ends.target}",
                                    kind="link_removed", dashed=True))

    def _trace(self, conn, kind: str, colour: str, width: float, dashed: bool, tip: str) -> None:
        if conn is None:
            return
        route = route_connection(self.layout, conn, self.map)
        if route is not None:
            self.overlay.add(_Path(self.overlay, kind, route, colour, width, tip))


# -- items ------------------------------------------------------------------------------------
def _pen(colour: str, width: float, dashed: bool = False) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(True)
    if dashed:
        pen.setDashPattern([4, 3])
    return pen


class _Frame(OverlayItem):
    def __init__(self, overlay, kind: str, rect: QRectF, colour: str, tip: str,
                 dashed: bool = False) -> None:
        super().__init__(overlay, tip)
        self.kind, self.rect, self.colour, self.dashed = kind, rect, colour, dashed

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-3, -3, 3, 3)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(_pen(self.colour, 2.0 if self.dashed else 3.0, self.dashed))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.rect, 8, 8)


class _Pill(OverlayItem):
    """A tag of text anchored at a point (right-aligned unless `align` is "left")."""

    def __init__(self, overlay, kind: str, text: str, colour: str, anchor: QPointF, tip: str,
                 align: str = "right") -> None:
        super().__init__(overlay, tip)
        self.kind, self.text, self.colour = kind, text, QColor(colour)
        metrics = overlay.metrics(overlay.font())
        width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 2
        x = anchor.x() if align == "left" else anchor.x() - width
        self.rect = QRectF(x, anchor.y() - height / 2, width, height)
        self.setZValue(1)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_TEXT:
            return
        from .palette import readable_on

        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        radius = self.rect.height() / 2
        painter.drawRoundedRect(self.rect, radius, radius)
        painter.setPen(readable_on(self.colour))
        painter.setFont(self.overlay.font())
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)


class _Ghost(OverlayItem):
    kind = "removed"

    def __init__(self, overlay, rect: QRectF, title: str, tip: str) -> None:
        super().__init__(overlay, tip)
        self.rect, self.title = rect, title

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(REMOVED)
        fill.setAlpha(40)
        painter.setPen(_pen(REMOVED, 1.5, dashed=True))
        painter.setBrush(fill)
        painter.drawRoundedRect(self.rect, 6, 6)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_TEXT:
            return
        font = self.overlay.font()
        font.setStrikeOut(True)
        painter.setFont(font)
        painter.setPen(QColor("#e8e8e8") if self.overlay.dark() else QColor("#5b2a10"))
        text_rect = self.rect.adjusted(8, 0, -8, 0)
        metrics = self.overlay.metrics(font)
        shown = metrics.elidedText(f"✕ {self.title}", Qt.TextElideMode.ElideRight,
                                   text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         shown)


class _Arrow(OverlayItem):
    """A straight, faint arrow (a moved card from its old cell; a removed connection)."""

    def __init__(self, overlay, start: QPointF, end: QPointF, colour: str, tip: str,
                 kind: str = "moved_arrow", dashed: bool = False) -> None:
        super().__init__(overlay, tip)
        self.kind, self.start, self.end, self.dashed = kind, start, end, dashed
        self.colour = QColor(colour)
        self.colour.setAlpha(200 if dashed else 110)

    def boundingRect(self) -> QRectF:
        return QRectF(self.start, self.end).normalized().adjusted(-12, -12, 12, 12)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        import math

        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.colour, 2.0)
        pen.setCosmetic(True)
        if self.dashed:
            pen.setDashPattern([4, 3])
        painter.setPen(pen)
        painter.drawLine(self.start, self.end)
        dx, dy = self.end.x() - self.start.x(), self.end.y() - self.start.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        size = 10.0
        base = QPointF(self.end.x() - ux * size, self.end.y() - uy * size)
        side = QPointF(-uy * size / 2, ux * size / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawPolygon([self.end, base + side, base - side])


class _Path(OverlayItem):
    def __init__(self, overlay, kind: str, route, colour: str, width: float, tip: str) -> None:
        super().__init__(overlay, tip)
        self.kind, self.colour, self.width = kind, QColor(colour), width
        self.path = route_path(route)

    def boundingRect(self) -> QRectF:
        return self.path.controlPointRect().adjusted(-8, -8, 8, 8)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(_pen(self.colour.name(), self.width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
