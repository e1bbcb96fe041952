"""Stage and lane headers: they paint their name and small facts, rename on double-click,
and reorder by dragging along their axis (the scene turns the drop into `document.move`)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QGraphicsItem

from journeymap.layout import Rect

from .safety import guarded
from .text import elide, fitting_font, wrap

NOTCH = 10.0  # depth of the chevron point on stage headers
GAP = 3.0  # space between neighbouring chevrons


def _number(value: float) -> str:
    return f"{value:g}"


class HeaderItem(QGraphicsItem):
    kind = ""
    axis = "x"

    def __init__(self, obj, host) -> None:
        super().__init__()
        self.obj = obj  # the live Stage or Lane
        self.host = host
        self.w = self.h = 0.0
        self._press: QPointF | None = None
        self._home = QPointF()
        self._pin = QPointF()  # how far the view keeps the header in sight (sticky headers)
        self.dragging = False
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def obj_ref(self):
        """The model object this item draws (the scene checks it was not replaced)."""
        return self.obj

    @property
    def item_id(self) -> str:
        return self.obj.id

    def place(self, rect: Rect) -> None:
        if (self.w, self.h) != (rect.w, rect.h):
            self.prepareGeometryChange()
            self.w, self.h = rect.w, rect.h
        self._home = QPointF(rect.x, rect.y)
        if not self.dragging:
            self.setPos(self._home + self._pin)
        self.setToolTip(self.tooltip())

    def pin(self, offset: QPointF) -> None:
        """Shift the header off its layout place so it stays in the visible area."""
        if offset == self._pin:
            return
        self._pin = QPointF(offset)
        if not self.dragging:
            self.setPos(self._home + self._pin)

    def tooltip(self) -> str:
        return self.obj.name

    def refresh(self) -> None:
        self.setToolTip(self.tooltip())
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.w + NOTCH, self.h)

    # -- drag to reorder ------------------------------------------------------------------
    @guarded
    def mousePressEvent(self, event) -> None:
        self._press = event.scenePos()
        self.dragging = False
        event.accept()

    @guarded
    def mouseMoveEvent(self, event) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        delta = event.scenePos() - self._press
        along = delta.x() if self.axis == "x" else delta.y()
        if not self.dragging and abs(along) < QApplication.startDragDistance():
            return
        if not self.dragging:
            self.dragging = True
            self.setZValue(self.zValue() + 10)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.setOpacity(0.85)
        offset = QPointF(along, 0) if self.axis == "x" else QPointF(0, along)
        self.setPos(self._home + self._pin + offset)
        self.host.header_moving(self, event.scenePos())

    @guarded
    def mouseReleaseEvent(self, event) -> None:
        was_dragging, self.dragging, self._press = self.dragging, False, None
        if not was_dragging:
            return
        self.setZValue(self.zValue() - 10)
        self.setOpacity(1.0)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.host.header_dropped(self, event.scenePos())
        self.setPos(self._home + self._pin)

    @guarded
    def mouseDoubleClickEvent(self, event) -> None:
        self.host.edit_requested.emit(self.kind, self.item_id)
        event.accept()


class StageHeaderItem(HeaderItem):
    kind = "stage"
    axis = "x"

    def _outline(self) -> QPainterPath:
        w, h = self.w - GAP, self.h - 8
        path = QPainterPath()
        path.moveTo(0, 4)
        path.lineTo(w, 4)
        path.lineTo(w + NOTCH - GAP, 4 + h / 2)
        path.lineTo(w, 4 + h)
        path.lineTo(0, 4 + h)
        path.lineTo(NOTCH - GAP, 4 + h / 2)
        path.closeSubpath()
        return path

    def tooltip(self) -> str:
        goal = self.obj.goal.strip()
        return f"{self.obj.name}\nGoal: {goal}" if goal else self.obj.name

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        style = self.host.style
        theme = style.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.divider, 1.0))
        painter.setBrush(theme.header)
        painter.drawPath(self._outline())
        fonts = style.fonts
        name_fm, sub_fm = style.metrics(fonts.header), style.metrics(fonts.header_sub)
        x = self._paint_number(painter, NOTCH + 6)
        width = self.w - x - 8
        facts = []
        if self.obj.days is not None:
            facts.append(f"{_number(self.obj.days)} days")
        if not style.presentation:
            count = self.host.stage_count(self.obj.id)
            facts.append(f"{count} touchpoint{'' if count == 1 else 's'}")
        top = (self.h - name_fm.height() - sub_fm.height()) / 2
        painter.setFont(fonts.header)
        painter.setPen(theme.header_text)
        painter.drawText(QPointF(x, top + name_fm.ascent()), elide(self.obj.name, name_fm, width))
        painter.setFont(fonts.header_sub)
        painter.setPen(theme.header_muted)
        sub = elide("  ·  ".join(facts), sub_fm, width)
        painter.drawText(QPointF(x, top + name_fm.height() + sub_fm.ascent()), sub)


    def _paint_number(self, painter: QPainter, x: float) -> float:
        """The stage's position as a small disc before its name; returns the text's x."""
        index = self.host.stage_number(self.obj.id)
        if not index:
            return x + 2
        style = self.host.style
        radius = style.fonts.small.pixelSize() * 0.95
        centre = QPointF(x + radius, self.h / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.theme.header_text)
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(style.theme.header)
        painter.setFont(style.fonts.small)
        box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(index))
        return x + 2 * radius + 7


class LaneHeaderItem(HeaderItem):
    kind = "lane"
    axis = "y"

    def tooltip(self) -> str:
        return f"{self.obj.name} ({self.obj.kind})"

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.w, self.h)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        style = self.host.style
        theme, fonts = style.theme, style.fonts
        rect = QRectF(0, 0, self.w, self.h)
        painter.fillRect(rect, theme.header)
        painter.fillRect(QRectF(0, 0, 6, self.h), QColor(self.obj.color))
        painter.setPen(QPen(theme.divider, 0))
        painter.drawLine(QPointF(0, self.h), QPointF(self.w, self.h))
        painter.drawLine(QPointF(self.w, 0), QPointF(self.w, self.h))
        x, width = 16.0, self.w - 24
        name_font = fitting_font(self.obj.name, fonts.header, width)
        name_fm, sub_fm = QFontMetricsF(name_font), style.metrics(fonts.header_sub)
        lines = wrap(self.obj.name, name_font, width, 3)
        kind = self.obj.kind.capitalize()
        facts = [] if kind.casefold() == self.obj.name.strip().casefold() else [kind]
        if self.obj.capacity is not None and not style.presentation:  # the room reads names
            facts.append(f"capacity {_number(self.obj.capacity)}/wk")
        subs = wrap("  ·  ".join(facts), fonts.header_sub, width, 2)
        y = 14 + name_fm.ascent()
        painter.setFont(name_font)
        painter.setPen(theme.header_text)
        for line in lines:
            painter.drawText(QPointF(x, y), line)
            y += name_fm.lineSpacing()
        painter.setFont(fonts.header_sub)
        painter.setPen(theme.header_muted)
        y += 2
        for line in subs:
            if y + sub_fm.descent() > self.h - 2:
                break  # a low lane (presentation's) keeps its name, not every fact
            painter.drawText(QPointF(x, y), line)
            y += sub_fm.lineSpacing()
