"""Connections drawn along `layout.route_connection`, and the rubber line of a new link."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from journeymap.layout import Route
from journeymap.model import Connection

from .hover import Hoverable
from .safety import guarded
from .text import elide

ARROW = 9.0
LABEL_Z = 2.5  # above cards (2), under the emotion band and the headers
LABEL_MAX_W = 130.0  # longer connection labels are elided
LOD_SKETCH = 0.35  # below this zoom links are hairlines without arrow and label
LOD_HIDE = 0.12  # below this a map of thousands of links is a hairball: skip them


def route_path(route: Route) -> QPainterPath:
    path = QPainterPath(QPointF(*route.start))
    path.cubicTo(QPointF(*route.c1), QPointF(*route.c2), QPointF(*route.end))
    return path


def arrow_head(route: Route, size: float = ARROW) -> QPolygonF:
    """A triangle at the route's end, along the curve's tangent there (end - c2)."""
    (x, y), (cx, cy) = route.end, route.c2
    dx, dy = x - cx, y - cy
    length = math.hypot(dx, dy) or 1.0
    bx, by = dx / length, dy / length
    sx, sy = -by * size * 0.45, bx * size * 0.45
    base_x, base_y = x - bx * size, y - by * size
    return QPolygonF([QPointF(x, y), QPointF(base_x + sx, base_y + sy),
                      QPointF(base_x - sx, base_y - sy)])


def point_at(route: Route, t: float) -> QPointF:
    """The Bézier point at parameter t."""
    u = 1 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return QPointF(a * route.start[0] + b * route.c1[0] + c * route.c2[0] + d * route.end[0],
                   a * route.start[1] + b * route.c1[1] + c * route.c2[1] + d * route.end[1])


def midpoint(route: Route) -> QPointF:
    return point_at(route, 0.5)


# Where along a link its label may sit, best first: the middle, then further out.
LABEL_STOPS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)


def control_bounds(route: Route, margin: float) -> QRectF:
    xs = (route.start[0], route.c1[0], route.c2[0], route.end[0])
    ys = (route.start[1], route.c1[1], route.c2[1], route.end[1])
    return QRectF(min(xs) - margin, min(ys) - margin,
                  max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin)


def link_label(conn: Connection) -> str:
    parts = [conn.label.strip()] if conn.label.strip() else []
    if conn.days is not None:
        parts.append(f"{conn.days:g} d")
    return " · ".join(parts)


class LinkItem(Hoverable, QGraphicsItem):
    """One connection; `kind` is "forward", "loop" (deliberate) or "backward" (a warning)."""

    def __init__(self, conn: Connection, host) -> None:
        super().__init__()
        self.conn = conn
        self.host = host
        self.route: Route | None = None
        self.kind = "forward"
        self._path: QPainterPath | None = None
        self._shape: QPainterPath | None = None
        self._mid = QPointF()
        self._label_at = QPointF()
        self.label_item: LinkLabel | None = None
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        if host.style.interactive:
            self.setAcceptHoverEvents(True)
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def obj_ref(self):
        """The model object this item draws (the scene checks it was not replaced)."""
        return self.conn

    @property
    def conn_id(self) -> str:
        return self.conn.id

    def set_route(self, route: Route | None, kind: str) -> None:
        """Cheap on purpose (thousands per relayout): paths and shapes are built on demand."""
        if route == self.route and kind == self.kind:
            return
        self.prepareGeometryChange()
        self.route, self.kind = route, kind
        self._path = self._shape = None
        self._mid = midpoint(route) if route else QPointF()
        self._bounds = self._geometry()
        self.setVisible(route is not None)
        self.sync_label()

    def _place_label(self) -> QPointF:
        """The label's centre: the spot along the link, centred on it or hanging to either
        side, that covers the least of any card; the middle when nothing is in the way."""
        label = link_label(self.conn)
        scene = self.scene()
        if not label or self.route is None or scene is None:
            return QPointF(self._mid)
        half = self._label_rect(label, QPointF()).width() / 2 - 4
        best, best_cover = QPointF(self._mid), float("inf")
        for t in LABEL_STOPS:
            on_link = point_at(self.route, t)
            for shift in (0.0, -half, half):
                at = on_link + QPointF(shift, 0)
                cover = self._cover(scene, self._label_rect(label, at), self.label_item)
                if cover < best_cover:
                    best, best_cover = at, cover
                if cover == 0:
                    return best
        return best

    @staticmethod
    def _cover(scene, rect: QRectF, own_label) -> float:
        """How much of `rect` lies on cards or on other links' labels."""
        cover = 0.0
        for item in scene.items(rect):
            if getattr(item, "tp_id", None):
                hit = rect.intersected(item.mapRectToScene(item.card_rect()))
            elif isinstance(item, LinkLabel) and item is not own_label:
                hit = rect.intersected(item.rect)
            else:
                continue
            cover += hit.width() * hit.height()
        return cover

    def _geometry(self) -> QRectF:
        if self.route is None:
            return QRectF()
        return control_bounds(self.route, ARROW + 8)

    def refresh(self) -> None:
        self.prepareGeometryChange()
        self._bounds = self._geometry()
        self.update()
        self.sync_label()

    def sync_label(self) -> None:
        """Keep the label item (drawn above the cards so they cannot hide it) in step."""
        text = link_label(self.conn) if self.route is not None else ""
        scene = self.scene()
        if not text or scene is None:
            self.drop_label()
            return
        self._label_at = self._place_label()
        if self.label_item is None:
            self.label_item = LinkLabel(self)
            scene.addItem(self.label_item)
        self.label_item.set_rect(self._label_rect(text), text)

    def drop_label(self) -> None:
        if self.label_item is not None:
            if self.label_item.scene() is not None:
                self.label_item.scene().removeItem(self.label_item)
            self.label_item = None

    def path(self) -> QPainterPath:
        if self._path is None:
            self._path = route_path(self.route) if self.route else QPainterPath()
        return self._path

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(12)
            self._shape = stroker.createStroke(self.path())
        return self._shape

    def _pen(self) -> QPen:
        theme = self.host.style.theme
        width = 2.2 if self.host.style.presentation else 1.6
        colour = {"loop": theme.loop, "backward": theme.warning}.get(self.kind, theme.connection)
        if self.isSelected():
            colour, width = theme.selection, width + 1.4
        elif self._hover:
            width += 0.8
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if self.kind == "loop":
            pen.setDashPattern([5, 3.5])
        return pen

    def midpoint(self) -> QPointF:
        return QPointF(self._mid)

    def _label_rect(self, label: str, at: QPointF | None = None) -> QRectF:
        fm = self.host.style.metrics(self.host.style.fonts.meta)
        mid = self._label_at if at is None else at
        width = min(fm.horizontalAdvance(label), LABEL_MAX_W) + 10
        return QRectF(mid.x() - width / 2, mid.y() - fm.height() / 2 - 2, width, fm.height() + 4)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.route is None:
            return
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_HIDE:
            return
        pen = self._pen()
        if lod < LOD_SKETCH:  # far zoom: a thin hairline, no arrow or label
            sketch = QPen(pen.color(), 0)
            painter.setPen(sketch)
            painter.drawPath(self.path())
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen.color())
        painter.drawPolygon(arrow_head(self.route, ARROW + pen.widthF() - 1.6))
        if self.label_item is not None:
            self.label_item.update()

    @guarded
    def mouseDoubleClickEvent(self, event) -> None:
        self.host.edit_requested.emit("connection", self.conn.id)
        event.accept()


class LinkLabel(QGraphicsItem):
    """A connection's label pill. A separate top-level item so it can sit above the cards;
    clicks on it select its connection."""

    def __init__(self, link: LinkItem) -> None:
        super().__init__()
        self.link = link
        self.rect = QRectF()
        self.text = ""
        self.setZValue(LABEL_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

    def set_rect(self, rect: QRectF, text: str) -> None:
        if rect != self.rect:
            self.prepareGeometryChange()
            self.rect = rect
        self.text = text
        self.update()

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_SKETCH or not self.link.isVisible():
            return
        style = self.link.host.style
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.link._pen().color(), 1.0))
        painter.setBrush(style.theme.card)
        painter.drawRoundedRect(self.rect, self.rect.height() / 2, self.rect.height() / 2)
        painter.setFont(style.fonts.meta)
        painter.setPen(style.theme.card_text)
        fm = style.metrics(style.fonts.meta)
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter,
                         elide(self.text, fm, self.rect.width() - 8))

    @guarded
    def mousePressEvent(self, event) -> None:
        scene = self.scene()
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            scene.clearSelection()
        self.link.setSelected(True)
        event.accept()

    @guarded
    def mouseDoubleClickEvent(self, event) -> None:
        self.link.host.edit_requested.emit("connection", self.link.conn.id)
        event.accept()


class LinkPreview(QGraphicsItem):
    """The dashed line that follows the mouse while a new connection is being drawn."""

    def __init__(self, host, start: QPointF) -> None:
        super().__init__()
        self.host = host
        self.source = None  # the card the link starts from
        self.start = start
        self.end = start
        self.setZValue(100)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_end(self, end: QPointF) -> None:
        self.prepareGeometryChange()
        self.end = end

    def boundingRect(self) -> QRectF:
        return self._path().controlPointRect().adjusted(-12, -12, 12, 12)

    def _path(self) -> QPainterPath:
        bend = max(30.0, abs(self.end.x() - self.start.x()) / 2)
        path = QPainterPath(self.start)
        path.cubicTo(self.start + QPointF(bend, 0), self.end - QPointF(bend, 0), self.end)
        return path

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        theme = self.host.style.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(theme.selection, 2.0)
        pen.setDashPattern([4, 3])
        painter.setPen(pen)
        path = self._path()
        painter.drawPath(path)
