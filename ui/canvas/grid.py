"""The passive items of the canvas: cell grid, lane containers, corner label, drop marker."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

from journeymap.layout import Layout, Rect

from .safety import guarded
from .text import wrap


def qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


class GridItem(QGraphicsItem):
    """Lane bands tinted by lane colour, alternate stage shading and the cell dividers."""

    def __init__(self, host) -> None:
        super().__init__()
        self.host = host
        self.layout: Layout | None = None
        self._bounds = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_layout(self, layout: Layout) -> None:
        self.prepareGeometryChange()
        self.layout = layout
        self._bounds = qrect(layout.grid_rect).adjusted(-1, -1, 1, 1)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        layout, theme = self.layout, self.host.style.theme
        if layout is None:
            return
        exposed = option.exposedRect
        grid = qrect(layout.grid_rect)
        shade = QColor(0, 0, 0, 10) if not theme.dark else QColor(255, 255, 255, 6)
        for lane in self.host.document.map.lanes:
            rect = layout.lane_rects.get(lane.id)
            if rect is None:
                continue
            band = qrect(rect).intersected(grid)
            if band.intersects(exposed):
                painter.fillRect(band, theme.lane_tint(lane.color))
        for index, stage in enumerate(self.host.document.map.stages):
            column = layout.stage_rects.get(stage.id)
            if column is None or index % 2 == 0:
                continue
            shaded = qrect(column).intersected(grid)
            if shaded.intersects(exposed):
                painter.fillRect(shaded, shade)
        pen = QPen(theme.divider, 0)
        painter.setPen(pen)
        for rect in layout.stage_rects.values():
            painter.drawLine(QPointF(rect.right, grid.top()), QPointF(rect.right, grid.bottom()))
        for rect in layout.lane_rects.values():
            painter.drawLine(QPointF(grid.left(), rect.bottom), QPointF(grid.right(), rect.bottom))


class LaneContainer(QGraphicsItem):
    """Parent of one lane's cards: moving a card only touches a few dozen containers' children,
    and reordering lanes moves one container instead of every card."""

    def __init__(self) -> None:
        super().__init__()
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def place(self, rect: Rect) -> None:
        bounds = QRectF(0, 0, rect.w, rect.h)
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        if self.pos().y() != rect.y:
            self.setPos(0, rect.y)

    def boundingRect(self) -> QRectF:
        return self._bounds

    @guarded
    def paint(self, painter, option, widget=None) -> None:  # has no contents
        pass


class CornerItem(QGraphicsItem):
    """The top-left corner: the map's name above the lane headers."""

    def __init__(self, host) -> None:
        super().__init__()
        self.host = host
        self.w = self.h = 0.0
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def place(self, w: float, h: float) -> None:
        self.prepareGeometryChange()
        self.w, self.h = w, h

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.w, self.h)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        style = self.host.style
        painter.fillRect(self.boundingRect(), style.theme.background)  # cards pass under it
        fm = style.metrics(style.fonts.header_sub)
        painter.setFont(style.fonts.header_sub)
        painter.setPen(style.theme.header_muted)
        # Two lines when the corner is narrow (presentation's): "Customer acquisition".
        lines = wrap(self.host.document.map.name, style.fonts.header_sub, self.w - 20,
                     max(1, min(2, int(self.h // fm.lineSpacing()))))
        y = (self.h - len(lines) * fm.lineSpacing()) / 2 + fm.ascent()
        for line in lines:
            painter.drawText(QPointF(12, y), line)
            y += fm.lineSpacing()


class HeaderBand(QGraphicsItem):
    """The background behind pinned headers, so cards scrolled under them do not show."""

    def __init__(self, host) -> None:
        super().__init__()
        self.host = host
        self.rect = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def set_rect(self, rect: QRectF) -> None:
        if rect != self.rect:
            self.prepareGeometryChange()
            self.rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self.rect

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.fillRect(self.rect, self.host.style.theme.background)


class DropMarker(QGraphicsItem):
    """Shows where dragged cards or headers will land: the target cell and an insertion bar."""

    def __init__(self, host) -> None:
        super().__init__()
        self.host = host
        self.cell = QRectF()
        self.bar = QRectF()
        self.setZValue(0.5)  # over the grid, under links and cards: it must not tint them
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def show_at(self, cell: QRectF, bar: QRectF) -> None:
        if cell == self.cell and bar == self.bar and self.isVisible():
            return
        self.prepareGeometryChange()
        self.cell, self.bar = cell, bar
        self.show()

    def boundingRect(self) -> QRectF:
        return self.cell.united(self.bar).adjusted(-3, -3, 3, 3)

    @guarded
    def paint(self, painter: QPainter, option, widget=None) -> None:
        colour = QColor(self.host.style.theme.drop)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.cell.isEmpty():
            pen = QPen(colour, 2.0)
            pen.setDashPattern([4, 3])
            painter.setPen(pen)
            colour.setAlpha(22)
            painter.setBrush(colour)
            painter.drawRoundedRect(self.cell.adjusted(2, 2, -2, -2), 6, 6)
        if not self.bar.isEmpty():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.host.style.theme.drop)
            painter.drawRoundedRect(self.bar, 2, 2)
