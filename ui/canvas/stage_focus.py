"""Stage focus in presentation mode: PageDown / PageUp walk the room through the journey
one stage at a time; the current stage fills the view and the others are dimmed.

The dimming is one item per other stage, above the cards and below the sticky headers,
that never takes the mouse; a relayout redraws it. Escape (the view's) leaves the focus
before it leaves presentation mode.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsRectItem

LEGIBLE_PX = 16.0  # a title smaller than this on screen is too small for the room to read
ROOM_PX = 28.0  # the title size a tall stage is shown at (from its top, scrolling for more)
Z_DIM = 4.5  # above the cards and the overlays, below the headers (5)
MARGIN = 24.0  # scene units around the framed stage


def title_px(view) -> float:
    """The card titles' pixel size in scene units (the view's zoom makes it screen pixels)."""
    return float(view.scene().style.fonts.title.pixelSize())


def legible_zoom(view) -> float:
    """The least zoom at which the room can still read the card titles."""
    return LEGIBLE_PX / title_px(view)


class StageFocus:
    def __init__(self, view) -> None:
        self.view = view
        self.stage_id: str | None = None
        self._dims: list[QGraphicsRectItem] = []

    @property
    def active(self) -> bool:
        return self.stage_id is not None

    def step(self, delta: int) -> str | None:
        """The next (1) or previous (-1) stage; from no focus, the first or the last."""
        stages = [s.id for s in self.view.document.map.stages]
        if not stages:
            return None
        if self.stage_id not in stages:
            index = 0 if delta > 0 else len(stages) - 1
        else:
            index = max(0, min(len(stages) - 1, stages.index(self.stage_id) + delta))
        self.show(stages[index])
        return self.stage_id

    def show(self, stage_id: str) -> None:
        self.stage_id = stage_id
        self.redraw()
        rect = self._column(stage_id)
        if rect is None:
            return
        view = self.view
        port = view.viewport().rect()
        wide = port.width() / rect.width()
        zoom = min(wide, port.height() / rect.height())
        if zoom < legible_zoom(view):  # a tall stage: room-sized cards from its top
            zoom = min(wide, ROOM_PX / title_px(view))
            view.set_zoom(zoom)
            view.centerOn(rect.center().x(), rect.top() + port.height() / zoom / 2)
        else:
            view.set_zoom(zoom)
            view.centerOn(rect.center())
        name = next((s.name for s in view.document.map.stages if s.id == stage_id), "")
        view.message.emit(f"Stage {self.index() + 1} of {len(view.document.map.stages)}: "
                          f"{name} (PageDown next, PageUp back, Esc the whole map)")

    def index(self) -> int:
        ids = [s.id for s in self.view.document.map.stages]
        return ids.index(self.stage_id) if self.stage_id in ids else -1

    def leave(self) -> bool:
        """Back to the whole map; False if no stage had the focus."""
        if self.stage_id is None:
            return False
        self.stage_id = None
        self._clear()
        self.view.fit_to_window()
        self.view.message.emit("")  # the "Stage 2 of 5" line no longer holds
        return True

    def forget(self) -> None:
        """Another map is shown: no focus (the old scene took the dimming with it)."""
        self.stage_id, self._dims = None, []

    def redraw(self) -> None:
        """After a relayout: the dimming follows the new geometry."""
        self._clear()
        layout = self.view.scene().layout
        if self.stage_id is None or layout is None:
            return
        if self.stage_id not in layout.stage_rects:
            self.stage_id = None
            return
        colour = QColor(self.view.scene().style.theme.background)
        colour.setAlpha(200)
        for stage_id, r in layout.stage_rects.items():
            if stage_id == self.stage_id:
                continue
            item = QGraphicsRectItem(QRectF(r.x, r.y, r.w, r.h))
            item.setBrush(colour)
            item.setPen(Qt.PenStyle.NoPen)
            item.setZValue(Z_DIM)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.view.scene().addItem(item)
            self._dims.append(item)

    def _column(self, stage_id: str) -> QRectF | None:
        layout = self.view.scene().layout
        r = layout.stage_rects.get(stage_id) if layout is not None else None
        if r is None:
            return None
        return QRectF(r.x, r.y, r.w, r.h).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def _clear(self) -> None:
        for item in self._dims:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self._dims = []
