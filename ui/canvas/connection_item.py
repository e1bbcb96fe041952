"""Connections drawn along `layout.route_connection`, and the rubber line of a new link.

Link labels are placed by the scene, all at once per relayout, with
`journeymap.label_placement` (the rule the PDF uses too); a link only measures its label,
shows it where it was put, and keeps it at that spot along the link while a card is dragged.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from journeymap.label_placement import (
    LABEL_STOPS,
    LabelRequest,
    PlacedLabel,
    bezier_point,
    route_spots,
    spot_offset,
)
from journeymap.layout import Route
from journeymap.model import Connection

from .hover import Hoverable
from .safety import guarded
from .text import elide

ARROW = 9.0
PIECES = 16  # boxes along a link when testing whether a repaint touches its curve
LABEL_Z = 2.5  # above cards (2), under the emotion band and the headers
LABEL_MAX_W = 130.0  # longer connection labels are elided
LOD_SKETCH = 0.35  # below this zoom links are hairlines without arrow and label
LOD_HIDE = 0.12  # below this a map of thousands of links is a hairball: skip them


def route_path(route: Route) -> QPainterPath:
    path = QPainterPath(QPointF(*route.start))
    for _start, c1, c2, end in route.segments():
        path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
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
    return QPointF(*bezier_point(route, t))


def midpoint(route: Route) -> QPointF:
    return point_at(route, 0.5)


def control_bounds(route: Route, margin: float) -> QRectF:
    xs = [p[0] for p in route.points]
    ys = [p[1] for p in route.points]
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
        self._label_spot = (0.5, 0.0)  # (t, dx) of the label's spot along the link
        self._label_size: tuple | None = None  # (text, fonts, w, h) last measured
        self._label_colour = None  # the link colour the label was last asked to show
        self.label_item: LinkLabel | None = None
        self._bounds = QRectF()
        self._pieces: list[QRectF] | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        # Qt then hands paint() the exposed rectangle: a long link whose bounding box
        # overlaps a dragged card but whose curve is elsewhere is not stroked at all.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        if host.style.interactive:
            self.setAcceptHoverEvents(True)

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
        if kind != self.kind and self.label_item is not None:
            self.label_item.update()  # its outline takes the kind's colour
        self.route, self.kind = route, kind
        self._path = self._shape = self._pieces = None
        self._mid = midpoint(route) if route else QPointF()
        self._bounds = self._geometry()
        self.setVisible(route is not None)
        self._follow_label()

    # -- the label (placed by the scene with journeymap.label_placement) -----------------
    def label_text(self) -> str:
        return link_label(self.conn) if self.route is not None else ""

    def measure_label(self, text: str) -> tuple[float, float]:
        """The label pill's (width, height) in the canvas's font; remembered per text."""
        fonts = self.host.style.fonts
        cached = self._label_size
        if cached is not None and cached[0] == text and cached[1] is fonts:
            return cached[2], cached[3]
        fm = self.host.style.metrics(fonts.meta)
        w = min(self.host.style.text_width(fonts.meta, text), LABEL_MAX_W) + 10
        h = fm.height() + 4
        self._label_size = (text, fonts, w, h)
        return w, h

    def label_request(self, stops=LABEL_STOPS) -> LabelRequest | None:
        """What the placement needs to know of this link's label; None when it has none."""
        text = self.label_text()
        if not text:
            return None
        w, h = self.measure_label(text)
        return LabelRequest(self.conn.id, w, h,
                            route_spots(self.route, self._label_shift(w), stops))

    @staticmethod
    def _label_shift(w: float) -> float:
        return w / 2 - 4  # a label hanging beside its link still touches it

    def show_label(self, placed: PlacedLabel | None) -> None:
        """Show the label in the rectangle the placement chose (None: no label)."""
        text = self.label_text()
        scene = self.scene()
        if placed is None or not text or scene is None:
            self.drop_label()
            return
        r = placed.rect
        self._label_spot = spot_offset(placed.spot, self._label_shift(r.w))
        if self.label_item is None:
            self.label_item = LinkLabel(self)
            scene.addItem(self.label_item)
        self.label_item.set_rect(QRectF(r.x, r.y, r.w, r.h), text)

    def _follow_label(self) -> None:
        """While the link moves (a card is dragged) its label keeps its spot along it; the
        relayout after the drop places every label afresh."""
        if self.label_item is None or self.route is None:
            return
        t, dx = self._label_spot
        x, y = bezier_point(self.route, t)
        rect = QRectF(self.label_item.rect)
        rect.moveCenter(QPointF(x + dx, y))
        self.label_item.set_rect(rect, self.label_item.text)

    def _geometry(self) -> QRectF:
        if self.route is None:
            return QRectF()
        return control_bounds(self.route, ARROW + 8)

    def refresh(self) -> None:
        """Repaint in the current style (the scene places labels again on relayout)."""
        self.update()
        if self.label_item is not None:
            self.label_item.update()

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

    def _path_pieces(self) -> list[QRectF]:
        """Small boxes that together cover the curve (and its arrow head): the chords between
        points along the Bézier, widened by what the curve can bulge past a chord."""
        if self._pieces is None:
            box = self._bounds
            margin = ARROW + 4 + (box.width() + box.height()) / 300
            points = [bezier_point(self.route, i / PIECES) for i in range(PIECES + 1)]
            self._pieces = [
                QRectF(min(x0, x1) - margin, min(y0, y1) - margin,
                       abs(x1 - x0) + 2 * margin, abs(y1 - y0) + 2 * margin)
                for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False)
            ]
        return self._pieces

    def _crosses(self, exposed: QRectF) -> bool:
        if exposed.contains(self._bounds):
            return True
        return any(piece.intersects(exposed) for piece in self._path_pieces())

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

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.route is None:
            return
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_HIDE:
            return
        pen = self._pen()
        # The label's outline has this colour (selection changes it): repaint the label only
        # when it changed, since repainting the label repaints this link under it.
        if self.label_item is not None and pen.color() != self._label_colour:
            self._label_colour = pen.color()
            self.label_item.update()
        if not self._crosses(option.exposedRect):
            return
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
        elif text == self.text:
            return  # unchanged: no repaint (a relayout touches every label)
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
