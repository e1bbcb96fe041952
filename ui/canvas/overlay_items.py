"""The items of the compare overlay (see `overlay`): the flows, badges and veils it draws,
their colours, and the geometry of the arrows. Items never take the mouse."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from journeymap.label_placement import bezier_point
from journeymap.layout import Rect, Route

from .safety import guarded

if TYPE_CHECKING:
    from .overlay import CompareOverlay

Z_OVERLAY = 4.0  # above cards (2) and the emotion curve (3), below the headers (5)
MIN_PX, MAX_PX = 1.5, 11.0  # line widths for the least and the most travelled step
MARGIN = 36.0  # scene units around a flow's path that its pixels may cover
LOD_TEXT = 0.3  # below this zoom badges are not drawn


@dataclass(frozen=True)
class Colours:
    traffic: QColor
    deviation: QColor
    slow: QColor
    ended: QColor
    goal: QColor
    veil: QColor
    veil_line: QColor


def colours(dark: bool) -> Colours:
    """Okabe-Ito blue (traffic), vermillion (deviations), orange (slow), reddish purple
    (ended) and bluish green (goal); lighter variants on the dark canvas."""
    if dark:
        return Colours(QColor(86, 180, 233, 150), QColor("#ff8a4c"), QColor("#e69f00"),
                       QColor("#d98cb8"), QColor("#3fc59b"), QColor(18, 20, 23, 170),
                       QColor("#8a949f"))
    return Colours(QColor(0, 114, 178, 120), QColor("#d55e00"), QColor("#e69f00"),
                   QColor("#cc79a7"), QColor("#007a5a"), QColor(238, 240, 243, 185),
                   QColor("#8a949f"))


def traffic_width(count: int, most: int) -> float:
    """Pixels: square-root scaled so a step taken 4x as often looks 2x as wide."""
    if most <= 0 or count <= 0:
        return MIN_PX
    return MIN_PX + (MAX_PX - MIN_PX) * math.sqrt(count / most)


# -- geometry ------------------------------------------------------------------------------
BUCKET_W, BUCKET_H = 160.0, 40.0


def buckets(rect: QRectF):
    """The grid buckets a rectangle touches (for finding badges near another)."""
    for bx in range(int(rect.left() // BUCKET_W), int(rect.right() // BUCKET_W) + 1):
        for by in range(int(rect.top() // BUCKET_H), int(rect.bottom() // BUCKET_H) + 1):
            yield bx, by


def bezier(route: Route, t: float) -> QPointF:
    return QPointF(*bezier_point(route, t))


def arch_over(src: Rect, dst: Rect, ceiling: float) -> Route:
    """A route leaving the top of `src` and entering the top of `dst`, arching above both
    (but not above `ceiling`, the top of the grid); a card to itself gets a small loop."""
    if src == dst:
        x, y = src.right - 18, src.y
        return Route((x, y), (x + 10, y - 34), (src.right + 28, y + 6), (src.right, y + 16), False)
    leftward = dst.x < src.x
    start = (src.x + src.w * (0.3 if leftward else 0.7), src.y)
    end = (dst.x + dst.w * (0.7 if leftward else 0.3), dst.y)
    top = min(start[1], end[1])
    rise = 26 + 0.12 * abs(end[0] - start[0])
    peak = max(top - rise, ceiling + 6)  # a cubic with both controls at y reaches 3/4 of it
    control = top - (top - peak) / 0.75
    return Route(start, (start[0], control), (end[0], control), end, leftward)


def route_path(route: Route) -> QPainterPath:
    path = QPainterPath(QPointF(*route.start))
    for _start, c1, c2, end in route.segments():
        path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
    return path


class OverlayHost:
    """What overlay items ask the overlay that owns them (the compare and the diff overlay):
    whether the canvas is dark, and its small font."""

    scene = None

    def dark(self) -> bool:
        return bool(self.scene is not None and self.scene.style.theme.dark)

    def font(self):
        return self.scene.style.fonts.small

    def metrics(self, font):
        return self.scene.style.metrics(font)


# -- items ---------------------------------------------------------------------------------
class Layer(QGraphicsItem):
    """The parent of every overlay item: one z-value, one thing to remove."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(Z_OVERLAY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return QRectF()

    @guarded
    def paint(self, painter, option, widget=None) -> None:
        pass


class OverlayItem(QGraphicsItem):
    """Overlay items never take the mouse: clicks and drags reach the cards below."""

    kind = ""

    def __init__(self, overlay: CompareOverlay, tooltip: str) -> None:
        super().__init__()
        self.overlay = overlay
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(tooltip)

    def colours(self) -> Colours:
        return colours(self.overlay.dark())


class FlowItem(OverlayItem):
    """A travelled step: a designed connection ("traffic") or a deviation (dashed)."""

    def __init__(self, overlay, kind: str, route: Route, count: int, width: float,
                 tooltip: str) -> None:
        super().__init__(overlay, tooltip)
        self.kind, self.route, self.count, self.width = kind, route, count, width
        self.path = route_path(route)
        self._bounds = self.path.controlPointRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self._shape: QPainterPath | None = None

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """A band along the line (for tooltips); built on first use."""
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._shape = stroker.createStroke(self.path)
        return self._shape

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        budget = MARGIN * lod  # pixels the bounding margin covers at this zoom
        width = min(self.width, budget / 3)
        colour = self.colours().traffic if self.kind == "traffic" else self.colours().deviation
        pen = QPen(colour, width)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if self.kind == "deviation":
            pen.setDashPattern([max(7 / width, 1.2), max(5 / width, 0.9)])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        if self.kind == "deviation":
            self._paint_head(painter, colour, min(9 + width * 1.4, budget))

    def _paint_head(self, painter: QPainter, colour: QColor, size: float) -> None:
        """An arrow head of `size` pixels, drawn in device space like the cosmetic line."""
        transform = painter.worldTransform()
        tip = transform.map(QPointF(*self.route.end))
        back = transform.map(bezier(self.route, 0.9))
        dx, dy = tip.x() - back.x(), tip.y() - back.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
        side = QPointF(-uy * size * 0.5, ux * size * 0.5)
        painter.save()
        painter.resetTransform()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([tip, base + side, base - side]))
        painter.restore()


class BadgeItem(OverlayItem):
    """A pill of text anchored at a scene point: kind ended, goal, slow, deviation_count or
    not_visited."""

    def __init__(self, overlay, kind: str, text: str, anchor: QPointF, align: str,
                 tooltip: str) -> None:
        super().__init__(overlay, tooltip)
        self.kind, self.text = kind, text
        font = overlay.font()
        metrics = overlay.metrics(font)
        width = metrics.horizontalAdvance(text) + 12
        height = metrics.height() + 4
        x = {"left": anchor.x(), "right": anchor.x() - width}.get(align, anchor.x() - width / 2)
        self.rect = QRectF(x, anchor.y() - height / 2, width, height)
        self.setZValue(1)  # above the flows of the same layer

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    def fill(self) -> QColor:
        c = self.colours()
        return {"ended": c.ended, "goal": c.goal, "slow": c.slow,
                "deviation_count": c.deviation, "not_visited": c.veil_line}[self.kind]

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_TEXT:
            return
        from .palette import readable_on

        fill = self.fill()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        radius = self.rect.height() / 2
        painter.drawRoundedRect(self.rect, radius, radius)
        painter.setPen(readable_on(fill))
        painter.setFont(self.overlay.font())
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)


class VeilItem(OverlayItem):
    """Greys out a touchpoint no case visited."""

    kind = "skipped"

    def __init__(self, overlay, rect: QRectF, tooltip: str) -> None:
        super().__init__(overlay, tooltip)
        self.rect = rect

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        c = self.colours()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(c.veil_line, 1.2)
        pen.setCosmetic(True)
        pen.setDashPattern([3, 3])
        painter.setPen(pen)
        painter.setBrush(c.veil)
        painter.drawRoundedRect(self.rect, 6, 6)
