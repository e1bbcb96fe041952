"""The emotion curve: the customer's experience stage by stage, under the grid.

Each stage's point is the mean experience of the rated touchpoints in customer lanes (all
lanes when the map has no customer lane); stages with nothing rated are skipped. Single
touchpoints are drawn as small ticks at their card's x, so the spread shows too.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from journeymap.layout import Layout
from journeymap.model import EXPERIENCE_RANGE, Map

from .grid import qrect
from .palette import readable_on
from .safety import guarded

LOW, HIGH = EXPERIENCE_RANGE


@dataclass(frozen=True)
class CurvePoint:
    x: float
    value: float


def experience_points(m: Map, layout: Layout) -> tuple[list[CurvePoint], list[CurvePoint]]:
    """(stage means, single ratings) in scene x and experience value."""
    lanes = {ln.id for ln in m.lanes if ln.kind == "customer"} or {ln.id for ln in m.lanes}
    by_stage: dict[str, list[int]] = {}
    ticks = []
    for tp in m.touchpoints:
        if tp.lane in lanes and tp.experience is not None and tp.id in layout.card_rects:
            by_stage.setdefault(tp.stage, []).append(tp.experience)
            rect = layout.card_rects[tp.id]
            ticks.append(CurvePoint(rect.x + rect.w / 2, tp.experience))
    means = []
    for stage in m.stages:
        values = by_stage.get(stage.id)
        if values and stage.id in layout.stage_rects:
            rect = layout.stage_rects[stage.id]
            means.append(CurvePoint(rect.x + rect.w / 2, sum(values) / len(values)))
    return means, ticks


def mean_label(value: float) -> str:
    """+1, −0.5, 0: whole numbers without decimals, a true minus sign."""
    value = round(value, 1)
    if value == 0:
        return "0"
    text = f"{value:+.0f}" if value == int(value) else f"{value:+.1f}"
    return text.replace("-", "\u2212")


def smooth_path(points: list[QPointF]) -> QPainterPath:
    """A Catmull-Rom spline through the points, as cubic Béziers."""
    path = QPainterPath(points[0])
    for i in range(len(points) - 1):
        p0 = points[max(0, i - 1)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(len(points) - 1, i + 2)]
        c1 = p1 + (p2 - p0) / 6
        c2 = p2 - (p3 - p1) / 6
        path.cubicTo(c1, c2, p2)
    return path


class EmotionItem(QGraphicsItem):
    def __init__(self, host) -> None:
        super().__init__()
        self.host = host
        self.layout: Layout | None = None
        self.means: list[CurvePoint] = []
        self.ticks: list[CurvePoint] = []
        self._bounds = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_layout(self, layout: Layout) -> None:
        self.prepareGeometryChange()
        self.layout = layout
        band = layout.emotion_rect
        self.setVisible(band is not None and self.host.style.shows("emotion"))
        if band is None:
            self._bounds = QRectF()
            return
        self._bounds = QRectF(0, band.y, band.right, band.h)
        self.means, self.ticks = experience_points(self.host.document.map, layout)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _y(self, value: float) -> float:
        band = self.layout.emotion_rect
        top, bottom = band.y + 16, band.bottom - 14
        return bottom - (value - LOW) / (HIGH - LOW) * (bottom - top)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.layout is None or self.layout.emotion_rect is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_frame(painter)
        self._paint_ticks(painter)
        if self.means:
            self._paint_curve(painter)

    def _paint_frame(self, painter: QPainter) -> None:
        style, band = self.host.style, self.layout.emotion_rect
        theme = style.theme
        painter.fillRect(qrect(band), theme.band)
        label_col = QRectF(0, band.y, band.x, band.h)
        painter.fillRect(label_col, theme.header)
        painter.setPen(QPen(theme.divider, 0))
        painter.drawLine(QPointF(0, band.bottom), QPointF(band.right, band.bottom))
        painter.drawLine(QPointF(band.x, band.y), QPointF(band.x, band.bottom))
        painter.setFont(style.fonts.header)
        painter.setPen(theme.header_text)
        painter.drawText(QPointF(16, band.y + 14 + style.metrics(style.fonts.header).ascent()),
                         "Experience")
        painter.setFont(style.fonts.small)
        fm = style.metrics(style.fonts.small)
        for value in range(LOW, HIGH + 1):
            y = self._y(value)
            guide = QPen(theme.divider if value else theme.header_muted, 0)
            guide.setStyle(Qt.PenStyle.DashLine if value == 0 else Qt.PenStyle.SolidLine)
            painter.setPen(guide)
            painter.drawLine(QPointF(band.x, y), QPointF(band.right, y))
            if value in (LOW, 0, HIGH):
                text = f"{value:+d}".replace("-", "\u2212") if value else "0"
                painter.setPen(theme.header_muted)
                width = fm.horizontalAdvance(text)
                painter.drawText(QPointF(band.x - 8 - width, y + fm.ascent() / 2 - 1), text)

    def _paint_ticks(self, painter: QPainter) -> None:
        theme = self.host.style.theme
        colour = QColor(theme.header_muted)
        colour.setAlpha(150)
        painter.setPen(QPen(colour, 1.4))
        for tick in self.ticks:
            y = self._y(tick.value)
            painter.drawLine(QPointF(tick.x - 4, y), QPointF(tick.x + 4, y))

    def _paint_curve(self, painter: QPainter) -> None:
        style = self.host.style
        theme = style.theme
        points = [QPointF(p.x, self._y(p.value)) for p in self.means]
        curve = smooth_path(points) if len(points) > 1 else QPainterPath(points[0])
        self._paint_area(painter, curve, points)
        painter.setPen(QPen(theme.curve, 2.6 if style.presentation else 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(curve)
        fm = style.metrics(style.fonts.small)
        painter.setFont(style.fonts.small)
        for point, mean in zip(points, self.means, strict=True):
            fill = theme.experience(round(mean.value))
            text = mean_label(mean.value)
            width = max(22.0, fm.horizontalAdvance(text) + 12)
            pill = QRectF(point.x() - width / 2, point.y() - 9, width, 18)
            painter.setPen(QPen(theme.card, 2.0))
            painter.setBrush(fill)
            painter.drawRoundedRect(pill, 9, 9)
            painter.setPen(readable_on(fill))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_area(self, painter: QPainter, curve: QPainterPath, points: list[QPointF]) -> None:
        if len(points) < 2:
            return
        band = self.layout.emotion_rect
        zero = self._y(0)
        area = QPainterPath(curve)
        area.lineTo(points[-1].x(), zero)
        area.lineTo(points[0].x(), zero)
        area.closeSubpath()
        for value, clip in ((HIGH, QRectF(band.x, band.y, band.w, zero - band.y)),
                            (LOW, QRectF(band.x, zero, band.w, band.bottom - zero))):
            colour = QColor(self.host.style.theme.experience(value))
            colour.setAlpha(60 if self.host.style.theme.dark else 45)
            painter.save()
            painter.setClipRect(clip)
            painter.fillPath(area, colour)
            painter.restore()
