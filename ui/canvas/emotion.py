"""The emotion curve under the grid: the same curve the sheet prints.

The points, stage ranges, low points and gaps all come from `journeymap.emotion_curve`: one
dot per rated touchpoint of the customer lanes (every lane when the map has no customer
lane), joined in display order; each stage's range shaded behind its dots; low points tagged
with their card's index number and title; stages with nothing rated break the line.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from journeymap.emotion_curve import EmotionCurve, emotion_curve, signed, value_y
from journeymap.layout import Layout
from journeymap.model import EXPERIENCE_RANGE

from .grid import qrect
from .safety import guarded
from .text import elide, wrap

LOW, HIGH = EXPERIENCE_RANGE
DOT_R = 5.5
TAG_H = 16.0
GAP_TEXT = "gap: no rated touchpoint"


def low_text(point, fm, room: float) -> str:
    """The low point's label elided to `room`, but never its value and card number."""
    if fm.horizontalAdvance(point.label) <= room:
        return point.label
    key = point.label_key
    title = elide(point.label[len(key) + 1:], fm, room - fm.horizontalAdvance(key + " "))
    return f"{key} {title}" if title.strip("…") else key


class EmotionItem(QGraphicsItem):
    def __init__(self, host) -> None:
        super().__init__()
        self.host = host
        self.layout: Layout | None = None
        self.curve = EmotionCurve()
        self._bounds = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_layout(self, layout: Layout) -> None:
        """Called on every relayout (a card moved, a rating or a lane changed)."""
        self.prepareGeometryChange()
        self.layout = layout
        band = layout.emotion_rect
        # The curve is made of the ratings: hiding the experience from the room hides it too.
        style = self.host.style
        self.setVisible(band is not None and style.shows("emotion") and style.shows("experience"))
        if band is None:
            self._bounds = QRectF()
            self.curve = EmotionCurve()
            return
        self._bounds = QRectF(0, band.y, band.right, band.h)
        self.curve = emotion_curve(self.host.document.map, layout)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _y(self, value: float) -> float:
        return value_y(self.layout.emotion_rect, value)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.layout is None or self.layout.emotion_rect is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_frame(painter)
        for gap in self.curve.gaps:
            self._paint_gap(painter, gap)
        self._paint_ranges(painter)
        for run in self.curve.runs:
            self._paint_run(painter, run)
        self._paint_dots(painter)
        self._paint_low_tags(painter)

    def _paint_frame(self, painter: QPainter) -> None:
        style, band = self.host.style, self.layout.emotion_rect
        theme = style.theme
        painter.fillRect(qrect(band), theme.band)
        label_col = QRectF(0, band.y, band.x, band.h)
        painter.fillRect(label_col, theme.header)
        painter.setPen(QPen(theme.divider, 0))
        painter.drawLine(QPointF(0, band.bottom), QPointF(band.right, band.bottom))
        painter.drawLine(QPointF(band.x, band.y), QPointF(band.x, band.bottom))
        labels = self.frame_labels()
        title, title_font, title_rect = labels["title"]
        painter.setFont(title_font)
        painter.setPen(theme.header_text)
        painter.drawText(title_rect.bottomLeft() - QPointF(0, QFontMetricsF(title_font).descent()),
                         title)
        painter.setFont(style.fonts.small)
        painter.setPen(theme.header_muted)
        fm = style.metrics(style.fonts.small)
        for line, rect in labels["caption"]:
            painter.drawText(QPointF(rect.left(), rect.top() + fm.ascent()), line)
        for value in range(LOW, HIGH + 1):
            y = self._y(value)
            guide = QPen(theme.divider if value else theme.header_muted, 0)
            guide.setStyle(Qt.PenStyle.DashLine if value == 0 else Qt.PenStyle.SolidLine)
            painter.setPen(guide)
            painter.drawLine(QPointF(band.x, y), QPointF(band.right, y))
        painter.setPen(theme.header_muted)
        for text, rect in labels["axis"]:
            painter.drawText(QPointF(rect.left(), rect.top() + fm.ascent()), text)

    def frame_labels(self) -> dict:
        """The label column's texts and where they go (scene coordinates): the title
        ("Experience", made smaller when the column is narrow, so it never runs into the
        axis numbers), the caption lines that fit the band, and the +2 / 0 / -2 numbers."""
        style, band = self.host.style, self.layout.emotion_rect
        fm = style.metrics(style.fonts.small)
        axis = []
        for value in (HIGH, 0, LOW):
            text = signed(value)
            width = fm.horizontalAdvance(text)
            y = self._y(value)
            axis.append((text, QRectF(band.x - 8 - width, y - fm.ascent() / 2 - 1,
                                      width, fm.height())))
        room = band.x - 16 - 14 - max(rect.width() for _, rect in axis)
        title_font = QFont(style.fonts.header)
        head = style.metrics(style.fonts.header)
        wide = head.horizontalAdvance("Experience")
        if wide > room > 0:
            title_font.setPixelSize(max(8, int(title_font.pixelSize() * room / wide)))
            head = QFontMetricsF(title_font)
        top = band.y + 14
        title_rect = QRectF(16, top, head.horizontalAdvance("Experience"), head.height())
        caption = []
        y = band.y + 18 + head.height()
        lines = wrap("each rated touchpoint", style.fonts.small, band.x - 50, 2)
        lines += wrap(self.curve.source, style.fonts.small, band.x - 50, 2)
        for line in [] if style.presentation else lines:  # the room reads the curve
            if y + fm.height() > band.bottom - 2:
                break  # a low band (presentation's) keeps the lines it has room for
            caption.append((line, QRectF(16, y, fm.horizontalAdvance(line), fm.height())))
            y += fm.height()
        return {"title": ("Experience", title_font, title_rect), "caption": caption,
                "axis": axis}

    def _paint_gap(self, painter: QPainter, gap) -> None:
        """A dashed, blank box: no line runs through a stage with nothing rated."""
        style, band = self.host.style, self.layout.emotion_rect
        box = QRectF(gap.x0 + 6, band.y + 6, gap.x1 - gap.x0 - 12, band.h - 12)
        pen = QPen(style.theme.header_muted, 0)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(style.theme.header)
        painter.drawRect(box)
        painter.setFont(style.fonts.small)
        text = elide(GAP_TEXT, style.metrics(style.fonts.small), box.width() - 8)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_ranges(self, painter: QPainter) -> None:
        colour = QColor(self.host.style.theme.selection)
        colour.setAlpha(40 if self.host.style.theme.dark else 30)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for band in self.curve.ranges:
            if band.high > band.low:
                top, bottom = self._y(band.high), self._y(band.low)
                painter.drawRoundedRect(QRectF(band.x0, top - DOT_R - 3, band.x1 - band.x0,
                                               bottom - top + 2 * DOT_R + 6), 5, 5)

    def _paint_run(self, painter: QPainter, run) -> None:
        style = self.host.style
        points = [QPointF(p.x, self._y(p.value)) for p in run]
        if len(points) < 2:
            return
        line = QPainterPath(points[0])
        for point in points[1:]:
            line.lineTo(point)
        self._paint_area(painter, points)
        painter.setPen(QPen(style.theme.curve, 2.6 if style.presentation else 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(line)

    def _paint_area(self, painter: QPainter, points: list[QPointF]) -> None:
        """The area between the line and 0, tinted good above and poor below. The two halves
        are cut out as paths, not painted under a clip: the SVG writer ignores clipping and
        filled the whole area twice."""
        band = self.layout.emotion_rect
        zero = self._y(0)
        area = QPainterPath(QPointF(points[0].x(), zero))
        for point in points:
            area.lineTo(point)
        area.lineTo(points[-1].x(), zero)
        area.closeSubpath()
        halves = ((HIGH, QRectF(band.x, band.y, band.w, zero - band.y)),
                  (LOW, QRectF(band.x, zero, band.w, band.bottom - zero)))
        painter.setPen(Qt.PenStyle.NoPen)
        for value, rect in halves:
            half = QPainterPath()
            half.addRect(rect)
            colour = QColor(self.host.style.theme.experience(value))
            colour.setAlpha(60 if self.host.style.theme.dark else 45)
            painter.fillPath(area.intersected(half), colour)

    def _paint_dots(self, painter: QPainter) -> None:
        style = self.host.style
        theme = style.theme
        fm = style.metrics(style.fonts.small)
        painter.setFont(style.fonts.small)
        for point in self.curve.points:
            centre = QPointF(point.x, self._y(point.value))
            painter.setPen(QPen(theme.card, 2.0))
            painter.setBrush(theme.experience(point.value))
            painter.drawEllipse(centre, DOT_R, DOT_R)
            if point.low:  # its value is on its tag
                continue
            text = signed(point.value)
            below = point.value == HIGH  # +2 sits at the top: its number goes underneath
            y = centre.y() + DOT_R + 2 + fm.ascent() if below else centre.y() - DOT_R - 3
            painter.setPen(theme.header_text)
            painter.drawText(QPointF(centre.x() - fm.horizontalAdvance(text) / 2, y), text)

    def low_tag_rects(self) -> list[tuple[str, QRectF]]:
        """(text, rect) of each low point's tag: under its dot, inside its stage's column and
        no wider than the room to the neighbouring low points."""
        style = self.host.style
        fm = style.metrics(style.fonts.small)
        lows = self.curve.lows
        tags = []
        for i, point in enumerate(lows):
            column = self.layout.stage_rects[point.stage_id]
            room = min([200.0, column.w - 8]
                       + [abs(lows[j].x - point.x) - 4 for j in (i - 1, i + 1) if 0 <= j < len(lows)])
            text = low_text(point, fm, room - 10)
            w = fm.horizontalAdvance(text) + 10
            x = min(max(point.x, column.x + 4 + w / 2), column.right - 4 - w / 2)
            top = self._y(point.value) + DOT_R + 2
            tags.append((text, QRectF(x - w / 2, top, w, TAG_H)))
        return tags

    def _paint_low_tags(self, painter: QPainter) -> None:
        theme = self.host.style.theme
        painter.setFont(self.host.style.fonts.small)
        for (text, rect), point in zip(self.low_tag_rects(), self.curve.lows, strict=True):
            fill = theme.experience(point.value)
            painter.setPen(QPen(fill, 1.2))
            painter.setBrush(theme.card)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(theme.card_text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
