"""A small overview of the whole map in a corner of the canvas, showing the visible part.

Drawn from the same layout as the scene (lane bands and cards as blocks, coloured by
experience) into a cached pixmap that is redrawn only after a relayout, never during a
drag. A live second QGraphicsView of the scene was tried first: it repainted every item on
each card move and doubled the cost of a drag on a 2,000-card map (bench/bench_canvas.py).
Click or drag in it to move the main view there.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from .safety import guarded

SIZE = QSize(240, 160)  # the largest the overview gets; it takes the map's aspect ratio
MARGIN = 12
DELAY_MS = 120  # coalesce bursts of relayouts (undo of a big paste) into one redraw


class Overview(QWidget):
    def __init__(self, main) -> None:
        super().__init__(main)
        self.main = main
        self._pixmap: QPixmap | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._redraw)
        self.setObjectName("canvasOverview")
        self.setFixedSize(SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolTip("Overview: click to jump there")

    def invalidate(self) -> None:
        self._timer.start()

    def _world(self) -> QRectF:
        """The map itself, without the scene's outer margin."""
        layout = self.main.scene().layout
        if layout is None:
            return self.main.scene().sceneRect()
        return QRectF(0, 0, layout.width, layout.height).adjusted(-6, -6, 6, 6)

    def fit_size(self) -> None:
        """Take the map's aspect ratio within SIZE, so there is no empty border."""
        rect = self._world()
        aspect = rect.width() / max(1.0, rect.height())
        width = min(SIZE.width(), SIZE.height() * aspect)
        size = QSize(max(40, round(width)), max(30, round(width / aspect)))
        if size != self.size():
            self.setFixedSize(size)
            self._pixmap = None

    # -- geometry: scene <-> widget -------------------------------------------------------------
    def _fit(self) -> tuple[float, QPointF]:
        rect = self._world()
        inner = QRectF(self.rect())
        scale = min(inner.width() / max(1.0, rect.width()), inner.height() / max(1.0, rect.height()))
        offset = QPointF(inner.x() + (inner.width() - rect.width() * scale) / 2 - rect.x() * scale,
                         inner.y() + (inner.height() - rect.height() * scale) / 2 - rect.y() * scale)
        return scale, offset

    def to_widget(self, rect: QRectF) -> QRectF:
        scale, offset = self._fit()
        return QRectF(rect.x() * scale + offset.x(), rect.y() * scale + offset.y(),
                      rect.width() * scale, rect.height() * scale)

    def to_scene(self, point: QPointF) -> QPointF:
        scale, offset = self._fit()
        return QPointF((point.x() - offset.x()) / scale, (point.y() - offset.y()) / scale)

    # -- drawing ---------------------------------------------------------------------------------
    def _redraw(self) -> None:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        scene = self.main.scene()
        pixmap.fill(scene.style.theme.background)
        painter = QPainter(pixmap)
        scale, offset = self._fit()
        painter.translate(offset)
        painter.scale(scale, scale)
        self._draw_map(painter, scene)
        painter.end()
        self._pixmap = pixmap
        self.update()

    def _draw_map(self, painter: QPainter, scene) -> None:
        layout, theme, m = scene.layout, scene.style.theme, scene.document.map
        if layout is None:
            return
        for lane in m.lanes:
            rect = layout.lane_rects.get(lane.id)
            if rect is not None:
                painter.fillRect(QRectF(rect.x, rect.y, rect.w, rect.h), theme.lane_tint(lane.color, 2))
                painter.fillRect(QRectF(0, rect.y, scene.metrics.lane_header_w, rect.h),
                                 QColor(lane.color))
        by_colour: dict[str, list[QRectF]] = {}
        for tp in m.touchpoints:
            rect = layout.card_rects.get(tp.id)
            if rect is None:
                continue
            colour = theme.experience(tp.experience) or theme.card_border
            by_colour.setdefault(colour.name(), []).append(QRectF(rect.x, rect.y, rect.w, rect.h))
        painter.setPen(Qt.PenStyle.NoPen)
        for name, rects in by_colour.items():
            painter.setBrush(QColor(name))
            painter.drawRects(rects)

    @guarded
    def paintEvent(self, event) -> None:
        if self._pixmap is None or self._pixmap.size() != self.size() * self.devicePixelRatioF():
            self._redraw()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        theme = self.main.scene().style.theme
        shown = self.to_widget(self.main.mapToScene(self.main.viewport().rect()).boundingRect())
        shown = shown.intersected(QRectF(self.rect()))
        outside = QPainterPath()
        outside.addRect(QRectF(self.rect()))
        inside = QPainterPath()
        inside.addRect(shown)
        painter.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 70 if theme.dark else 36))
        painter.setPen(QPen(theme.selection, 2))
        painter.drawRect(shown.adjusted(1, 1, -1, -1))
        painter.setPen(QPen(theme.divider, 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))

    # -- jumping ---------------------------------------------------------------------------------
    def _jump(self, event) -> None:
        self.main.centerOn(self.to_scene(event.position()))
        event.accept()

    @guarded
    def mousePressEvent(self, event) -> None:
        self._jump(event)

    @guarded
    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event)

    @guarded
    def wheelEvent(self, event) -> None:
        event.accept()

