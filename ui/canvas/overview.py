"""A small view of the same scene in a corner of the canvas, showing the visible part.

Cards paint themselves as plain blocks at this scale (level of detail), so the overview stays
cheap on big maps. Click or drag in it to move the main view there.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QFrame, QGraphicsView

from .safety import guarded

SIZE = (240, 150)
MARGIN = 12


class Overview(QGraphicsView):
    def __init__(self, main) -> None:
        super().__init__(main.scene(), main)
        self.main = main
        self.setObjectName("canvasOverview")
        self.setInteractive(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.Box)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setFixedSize(*SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolTip("Overview: click to jump there")

    def refit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.viewport().update()

    def visible_rect(self) -> QRectF:
        return self.main.mapToScene(self.main.viewport().rect()).boundingRect()

    @guarded
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, self.main.scene().style.theme.background)

    @guarded
    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        theme = self.main.scene().style.theme
        shown = self.visible_rect().intersected(self.sceneRect())
        outside = QPainterPath()
        outside.addRect(self.sceneRect())
        inside = QPainterPath()
        inside.addRect(shown)
        painter.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 70 if theme.dark else 40))
        pen = QPen(theme.selection, 2)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(shown)

    def _jump(self, event) -> None:
        self.main.centerOn(self.mapToScene(event.position().toPoint()))
        event.accept()

    @guarded
    def mousePressEvent(self, event) -> None:
        self._jump(event)

    @guarded
    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event)

    def mouseReleaseEvent(self, event) -> None:
        event.accept()

    def wheelEvent(self, event) -> None:
        event.accept()

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.refit()
