"""Connections drawn along `layout.route_connection`, and the rubber line of a new link."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from journeymap.layout import Route
from journeymap.model import Connection

from .safety import guarded
from .text import elide

ARROW = 9.0


def route_path(route: Route) -> QPainterPath:
    path = QPainterPath(QPointF(*route.start))
    path.cubicTo(QPointF(*route.c1), QPointF(*route.c2), QPointF(*route.end))
    return path


def arrow_head(path: QPainterPath, size: float = ARROW) -> QPolygonF:
    tip = path.pointAtPercent(1.0)
    angle = math.radians(path.angleAtPercent(1.0))
    back = QPointF(math.cos(angle), -math.sin(angle))
    side = QPointF(-back.y(), back.x())
    base = tip - back * size
    return QPolygonF([tip, base + side * (size * 0.45), base - side * (size * 0.45)])


def link_label(conn: Connection) -> str:
    parts = [conn.label.strip()] if conn.label.strip() else []
    if conn.days is not None:
        parts.append(f"{conn.days:g} d")
    return " · ".join(parts)


class LinkItem(QGraphicsItem):
    """One connection; `kind` is "forward", "loop" (deliberate) or "backward" (a warning)."""

    def __init__(self, conn: Connection, host) -> None:
        super().__init__()
        self.conn = conn
        self.host = host
        self.route: Route | None = None
        self.kind = "forward"
        self._path = QPainterPath()
        self._shape = QPainterPath()
        self._bounds = QRectF()
        self._hover = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        if host.style.interactive:
            self.setAcceptHoverEvents(True)

    def obj_ref(self):
        """The model object this item draws (the scene checks it was not replaced)."""
        return self.conn

    @property
    def conn_id(self) -> str:
        return self.conn.id

    def set_route(self, route: Route | None, kind: str) -> None:
        if route == self.route and kind == self.kind:
            return
        self.prepareGeometryChange()
        self.route, self.kind = route, kind
        self._path = route_path(route) if route else QPainterPath()
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        self._shape = stroker.createStroke(self._path) if route else QPainterPath()
        self._bounds = self._shape.boundingRect().adjusted(-ARROW, -ARROW - 12, ARROW, ARROW + 12)
        self.setVisible(route is not None)

    def refresh(self) -> None:
        self.prepareGeometryChange()
        self.update()

    def boundingRect(self) -> QRectF:
        label = link_label(self.conn)
        if not label or self.route is None:
            return self._bounds
        return self._bounds.united(self._label_rect(label))

    def shape(self) -> QPainterPath:
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
        return self._path.pointAtPercent(0.5)

    def _label_rect(self, label: str) -> QRectF:
        fm = self.host.style.metrics(self.host.style.fonts.meta)
        mid = self.midpoint()
        width = min(fm.horizontalAdvance(label), 160) + 10
        return QRectF(mid.x() - width / 2, mid.y() - fm.height() / 2 - 2, width, fm.height() + 4)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.route is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = self._pen()
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen.color())
        painter.drawPolygon(arrow_head(self._path, ARROW + pen.widthF()))
        label = link_label(self.conn)
        if label:
            self._paint_label(painter, label, pen)

    def _paint_label(self, painter: QPainter, label: str, pen: QPen) -> None:
        style = self.host.style
        rect = self._label_rect(label)
        painter.setPen(QPen(pen.color(), 1.0))
        painter.setBrush(style.theme.card)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setFont(style.fonts.meta)
        painter.setPen(style.theme.card_text)
        fm = style.metrics(style.fonts.meta)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, elide(label, fm, rect.width() - 8))

    @guarded
    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    @guarded
    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()

    @guarded
    def mouseDoubleClickEvent(self, event) -> None:
        self.host.edit_requested.emit("connection", self.conn.id)
        event.accept()


class LinkPreview(QGraphicsItem):
    """The dashed line that follows the mouse while a new connection is being drawn."""

    def __init__(self, host, start: QPointF) -> None:
        super().__init__()
        self.host = host
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
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.selection)
        painter.drawPolygon(arrow_head(path))
