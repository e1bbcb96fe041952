"""CanvasView: the widget that shows a JourneyScene.

Input rules (also in the README):
- wheel scrolls vertically, Shift+wheel horizontally, Ctrl+wheel zooms around the cursor;
  a touchpad pinch (native zoom gesture) or a touch-screen pinch zooms too;
- Ctrl+= / Ctrl++ zoom in, Ctrl+- zoom out, Ctrl+0 actual size;
- pan with the scrollbars, a middle-button drag, or Space held while dragging;
- arrows move the selection to the nearest card that way, Tab / Shift+Tab to the next /
  previous card in map order; Enter or F2 edits the title; Delete removes the selection;
  Ctrl+C / Ctrl+V / Ctrl+D copy, paste, duplicate; Ctrl+A selects every card; Esc clears.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPixmapCache,
    QTransform,
    QUndoStack,
)
from PySide6.QtWidgets import QGraphicsView

from journeymap.document import Document

from ..undo import UndoBinding
from .actions import CanvasActions
from .card_item import CardItem
from .connection_item import LinkItem
from .editor import InlineEditor
from .headers import HeaderItem
from .menus import build_menu
from .navigation import neighbour, step
from .overview import MARGIN as OVERVIEW_MARGIN
from .overview import Overview
from .palette import DARK, LIGHT, current_theme
from .safety import guarded
from .scene import JourneyScene
from .style import CanvasStyle

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.1, 4.0, 1.2
PIXMAP_CACHE_KB = 256 * 1024
_ARROWS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up",
           Qt.Key.Key_Down: "down"}
_INTERACTIVE = (CardItem, HeaderItem, LinkItem)


class CanvasView(CanvasActions, QGraphicsView):
    selection_changed = Signal(list)  # touchpoint ids, in map order
    zoom_changed = Signal(float)  # 1.0 = actual size
    message = Signal(str)  # a refused edit, as one sentence for the status bar

    def __init__(self, document: Document, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self._zoom = 1.0
        self._pan_from: QPoint | None = None
        self._space = False
        self._last_cell: tuple[str, str] | None = None
        self._current: str | None = None  # the card keyboard navigation starts from
        self._selection: list[str] = []
        self._quiet = False  # set while selecting programmatically: one signal at the end
        self._style = CanvasStyle(theme=current_theme())
        self._follow_system = True  # until set_theme is given an explicit choice
        self._overview: Overview | None = None
        self.overview_enabled = True
        self._shown_once = False
        self._configure()
        self.editor = InlineEditor(self.viewport())
        self.editor.committed.connect(self._commit_edit)
        self.editor.closed.connect(lambda: self.setFocus(Qt.FocusReason.OtherFocusReason))
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._follow_system_theme)
        self.set_document(document, undo_stack)

    def _configure(self) -> None:
        # Item caches live in QPixmapCache (10 MB by default): too small for a screenful of
        # cards on a HiDPI display, which would then re-render on every repaint.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Top-left, not centred: a map that grows past the window (a drop widening a column)
        # must not shift everything on screen.
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)

    # -- documents ---------------------------------------------------------------------------
    def set_document(self, document: Document, undo_stack: QUndoStack) -> None:
        """Show another map (the old scene stops listening and is deleted)."""
        self.editor.commit()  # what was typed belongs to the map being left
        old = self.scene()
        self.document = document
        self.undo_stack = undo_stack
        UndoBinding.ensure(document, undo_stack)
        scene = JourneyScene(document, self._style, parent=self)
        scene.setBackgroundBrush(self._style.theme.background)
        scene.selectionChanged.connect(self._on_selection)
        scene.edit_requested.connect(self._on_edit_requested)
        scene.message.connect(self.message)
        scene.relaid_out.connect(self._after_relayout)
        scene.dropped.connect(self._keep_under_pointer)
        self.setScene(scene)
        if self._overview is not None:
            self._overview.invalidate()
        if old is not None:
            old.detach()
            old.deleteLater()
        self._selection, self._current, self._last_cell = [], None, None
        self.selection_changed.emit([])
        self._after_relayout()
        self.show_top_left()

    def show_top_left(self) -> None:
        """Scroll to where a map starts: the first stage and the first lane."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())

    def scene(self) -> JourneyScene:
        return super().scene()

    # -- selection ------------------------------------------------------------------------------
    def selected_touchpoints(self) -> list[str]:
        return list(self._selection)

    def select_touchpoints(self, ids: list[str], frame: bool = True) -> None:
        scene = self.scene()
        self._quiet = True
        try:
            scene.clearSelection()
            for tp_id in ids:
                if tp_id in scene.cards:
                    scene.cards[tp_id].setSelected(True)
        finally:
            self._quiet = False
        self._on_selection()
        if ids:
            self._current = ids[-1]
        if frame:
            self._frame(ids)

    def _frame(self, ids: list[str]) -> None:
        rects = [r for r in (self.scene().card_rect(tp_id) for tp_id in ids) if r is not None]
        if not rects:
            return
        union = rects[0]
        for rect in rects[1:]:
            union = union.united(rect)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if union.width() < visible.width() - 80 and union.height() < visible.height() - 80:
            self.ensureVisible(union, 40, 40)
        else:
            self.centerOn(union.center())

    def _on_selection(self) -> None:
        if self._quiet:
            return
        chosen = {card.tp_id for card in self.scene().selected_cards()}
        ordered = [tp.id for tp in self.document.map.touchpoints if tp.id in chosen]
        if ordered != self._selection:
            self._selection = ordered
            if ordered and self._current not in chosen:
                self._current = ordered[0]
            self.selection_changed.emit(list(ordered))

    # -- display options --------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        """Larger type and bolder lines for a projector; secondary lines are hidden."""
        self._style.set_presentation(on)
        self.scene().refresh_all()

    def set_problem_badges(self, badges: dict[str, str]) -> None:
        old = self._style.badges
        self._style.badges = dict(badges)
        for tp_id in set(old) | set(badges):
            card = self.scene().cards.get(tp_id)
            if card is not None and old.get(tp_id) != badges.get(tp_id):
                card.refresh()

    def set_hidden_fields(self, fields: set[str]) -> None:
        if frozenset(fields) == self._style.hidden:
            return  # unchanged (the window sets it on every new canvas): no repaint
        self._style.hidden = frozenset(fields)
        self.scene().refresh_all()

    def set_theme(self, dark: bool | None = None) -> None:
        """Light or dark canvas; None follows the system colour scheme (and its changes)."""
        self._follow_system = dark is None
        theme = current_theme() if dark is None else (DARK if dark else LIGHT)
        if theme is self._style.theme:
            return  # the same colours: nothing to repaint
        self._style.theme = theme
        self.scene().setBackgroundBrush(theme.background)
        self.scene().refresh_all()
        if self._overview is not None:
            self._overview.invalidate()

    def _follow_system_theme(self, *args) -> None:
        if self._follow_system:
            self.set_theme(None)

    @guarded
    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange and self._follow_system:
            self.set_theme(None)

    # -- zoom and pan -------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self._zoom

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit_to_window(self) -> None:
        rect = self.scene().sceneRect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return
        factor = min(view.width() / rect.width(), view.height() / rect.height())
        self.set_zoom(factor)
        self.centerOn(rect.center())

    def set_zoom(self, zoom: float, anchor: QPoint | None = None) -> None:
        """Zoom keeping the scene point under `anchor` (default: the centre) in place."""
        zoom = max(ZOOM_MIN, min(ZOOM_MAX, zoom))
        if abs(zoom - self._zoom) < 1e-9:
            return
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self._zoom = zoom
        moved = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self.zoom_changed.emit(zoom)
        self._pin_headers()
        self._update_overview()
        self._place_editor()

    @guarded
    def wheelEvent(self, event) -> None:
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y() / 120 or event.pixelDelta().y() / 60
            self.set_zoom(self._zoom * (ZOOM_STEP ** delta), event.position().toPoint())
            event.accept()
        elif mods & Qt.KeyboardModifier.ShiftModifier:
            delta = event.angleDelta().y() or event.angleDelta().x()
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - delta)
            event.accept()
        else:
            super().wheelEvent(event)

    @guarded(fallback=False)
    def viewportEvent(self, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if pinch is not None:
                anchor = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                self.set_zoom(self._zoom * pinch.scaleFactor(), anchor)
                event.accept()
                return True
        if kind == QEvent.Type.NativeGesture and \
                event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.set_zoom(self._zoom * (1 + event.value()), event.position().toPoint())
            return True
        return super().viewportEvent(event)

    def _start_pan(self, pos: QPoint) -> None:
        self._pan_from = pos
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def _pan_to(self, pos: QPoint) -> None:
        delta = pos - self._pan_from
        self._pan_from = pos
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())

    @guarded
    def focusOutEvent(self, event) -> None:
        # Another window or a dialog took the keyboard: a drag in progress is abandoned, so
        # no frame is left on screen and no drop happens later from a stale gesture.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.scene().cancel_drag()
        super().focusOutEvent(event)

    def _pin_headers(self) -> None:
        scene = self.scene()
        if scene is not None:
            scene.pin_headers(self.mapToScene(self.viewport().rect()).boundingRect())

    def _keep_under_pointer(self, tp_id: str, grab: QPointF, pointer: QPointF) -> None:
        """After a drop's relayout, scroll so the dropped card sits under the pointer again."""
        rect = self.scene().card_rect(tp_id)
        if rect is None:
            return
        shift = self.mapFromScene(rect.topLeft() + grab) - self.mapFromScene(pointer)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + shift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + shift.y())

    @guarded
    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._pin_headers()
        self._place_editor()
        if self._overview is not None and self._overview.isVisible():
            self._overview.update()

    # -- mouse ------------------------------------------------------------------------------------
    def _scene_pos(self, event):
        return self.mapToScene(event.position().toPoint())

    def _interactive_item_at(self, pos):
        for item in self.scene().items(pos):
            if isinstance(item, _INTERACTIVE) and item.isVisible():
                return item
        return None

    @guarded
    def mousePressEvent(self, event) -> None:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
                button == Qt.MouseButton.LeftButton and self._space):
            self._start_pan(event.position().toPoint())
            event.accept()
            return
        if self.editor.is_open():
            self.editor.commit()
        layout = self.scene().layout
        pos = self._scene_pos(event)
        cell = layout.cell_at(pos.x(), pos.y()) if layout else None
        if cell is not None:
            self._last_cell = cell
        super().mousePressEvent(event)

    @guarded
    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            self._pan_to(event.position().toPoint())
            event.accept()
            return
        super().mouseMoveEvent(event)

    @guarded
    def mouseReleaseEvent(self, event) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space
                                      else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    @guarded
    def mouseDoubleClickEvent(self, event) -> None:
        pos = self._scene_pos(event)
        layout = self.scene().layout
        if event.button() == Qt.MouseButton.LeftButton and \
                self._interactive_item_at(pos) is None and layout is not None:
            cell = layout.cell_at(pos.x(), pos.y())
            if cell is not None:
                index = layout.slot_in_cell(cell[0], cell[1], pos.x(), pos.y())
                self.new_touchpoint(cell[0], cell[1], index)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    @guarded
    def contextMenuEvent(self, event) -> None:
        pos = self.mapToScene(event.pos())
        item = self._interactive_item_at(pos)
        if isinstance(item, (CardItem, LinkItem)) and not item.isSelected():
            self.scene().clearSelection()
            item.setSelected(True)
        build_menu(self, item, pos).exec(event.globalPos())
        event.accept()

    # -- keyboard ------------------------------------------------------------------------------------
    @guarded(fallback=False)
    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab walks the cards (keyPressEvent) instead of leaving the canvas.
        return False if self.scene().cards else super().focusNextPrevChild(forward)

    @guarded
    def keyPressEvent(self, event) -> None:
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return True
        if key in _ARROWS and not ctrl:
            self._navigate(_ARROWS[key])
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not ctrl:
            forward = key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
            self._tab(forward)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and self._selection:
            self.edit_title(self._current if self._current in self._selection
                            else self._selection[0])
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selection()
            return True
        if key == Qt.Key.Key_Escape:
            if not self.scene().cancel_drag():  # the first Escape ends a drag, the next deselects
                self.scene().clearSelection()
            return True
        return self._handle_shortcut(event)

    def _handle_shortcut(self, event) -> bool:
        actions = (
            (QKeySequence.StandardKey.Copy, self.copy_selection),
            (QKeySequence.StandardKey.Paste, self.paste),
            (QKeySequence.StandardKey.SelectAll, self.select_all),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
        )
        for sequence, action in actions:
            if event.matches(sequence):
                action()
                return True
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            by_key = {Qt.Key.Key_D: self.duplicate_selection, Qt.Key.Key_0: self.reset_zoom,
                      Qt.Key.Key_Equal: self.zoom_in, Qt.Key.Key_Plus: self.zoom_in,
                      Qt.Key.Key_Minus: self.zoom_out}
            action = by_key.get(event.key())
            if action is not None:
                action()
                return True
        return False

    @guarded
    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if self._pan_from is None:
                self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)

    def select_all(self) -> None:
        self.select_touchpoints([tp.id for tp in self.document.map.touchpoints], frame=False)

    def _navigate(self, direction: str) -> None:
        layout = self.scene().layout
        if layout is None or not layout.card_rects:
            return
        if self._current not in layout.card_rects:
            self._tab(True)
            return
        target = neighbour(layout.card_rects, self._current, direction)
        if target is not None:
            self.select_touchpoints([target], frame=True)

    def _tab(self, forward: bool) -> None:
        order = [tp.id for tp in self.document.map.touchpoints_in_display_order()]
        current = self._current if self._selection else None
        target = step(order, current, forward)
        if target is not None:
            self.select_touchpoints([target], frame=True)

    # -- the in-place editor ---------------------------------------------------------------
    def _on_edit_requested(self, kind: str, item_id: str) -> None:
        if kind == "touchpoint":
            self.edit_title(item_id)
        elif kind in ("stage", "lane"):
            self.rename(kind, item_id)
        elif kind == "connection":
            self.edit_link_label(item_id)

    def _open_editor(self, kind: str, item_id: str, field: str, text: str,
                     scene_rect: QRectF) -> None:
        self._editor_rect = scene_rect
        font = self._style.fonts.header if kind in ("stage", "lane") else self._style.fonts.title
        font = type(font)(font)
        font.setPixelSize(max(8, round(font.pixelSize() * self._zoom)))
        self.editor.open(kind, item_id, field, text, self._editor_geometry(), font,
                         self._style.theme)

    def _editor_geometry(self):
        return self.mapFromScene(self._editor_rect).boundingRect()

    def _place_editor(self) -> None:
        if self.editor.is_open():
            self.editor.place(self._editor_geometry())

    def title_editor(self) -> InlineEditor:
        """The in-place editor widget (tests and the window may look at it)."""
        return self.editor

    # -- overview and relayout ----------------------------------------------------------------
    def _after_relayout(self) -> None:
        self._pin_headers()
        if self._current is not None and self._current not in self.scene().cards:
            self._current = None
        self._on_selection()
        if self._overview is not None:
            self._overview.invalidate()
        self._update_overview()

    def set_overview_enabled(self, on: bool) -> None:
        self.overview_enabled = on
        self._update_overview()

    def overview(self) -> Overview | None:
        return self._overview

    def _update_overview(self) -> None:
        rect = self.scene().sceneRect()
        view = self.viewport().size()
        # Only for maps well beyond the window: a small overflow is one scroll away.
        wanted = self.overview_enabled and (rect.width() * self._zoom > view.width() * 1.5
                                            or rect.height() * self._zoom > view.height() * 1.5)
        if wanted and self._overview is None:
            self._overview = Overview(self)
        if self._overview is None:
            return
        self._overview.setVisible(wanted)
        if wanted:
            self._overview.fit_size()
            self._place_overview()
            self._overview.update()

    def _place_overview(self) -> None:
        vp = self.viewport().geometry()
        size = self._overview.size()
        self._overview.move(vp.right() - size.width() - OVERVIEW_MARGIN,
                            vp.bottom() - size.height() - OVERVIEW_MARGIN)
        self._overview.raise_()

    @guarded
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.show_top_left()

    @guarded
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._pin_headers()
        self._update_overview()
        self._place_editor()
