"""CanvasView: the widget that shows a JourneyScene.

Input rules (also in the README):
- wheel scrolls vertically, Shift+wheel horizontally, Ctrl+wheel zooms around the cursor;
  a touchpad pinch (native zoom gesture) or a touch-screen pinch zooms too;
- Ctrl+= / Ctrl++ zoom in, Ctrl+- zoom out, Ctrl+0 actual size;
- pan with the scrollbars, a middle-button drag, or Space held while dragging;
- arrows move the selection to the nearest card that way, Tab / Shift+Tab to the next /
  previous card in map order; Enter or F2 edits the title; Delete removes the selection;
  Ctrl+C / Ctrl+V / Ctrl+D copy, paste, duplicate; Ctrl+A selects every card; Esc clears.

The handlers here apply those rules; the work is in `view_zoom` (zoom, pan, scrolling, the
overview), `view_keys` (the keyboard) and `actions.CanvasActions` (the edits).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPixmapCache, QUndoStack
from PySide6.QtWidgets import QGraphicsView

from journeymap.document import Document
from journeymap.layout import Metrics

from ..undo import UndoBinding
from . import view_keys, view_zoom
from .actions import CanvasActions
from .card_item import CardItem
from .connection_item import LinkItem
from .editor import InlineEditor
from .headers import HeaderItem
from .menus import build_menu
from .overview import Overview
from .palette import DARK, LIGHT, current_theme
from .presentation import fit_presentation, wants_dots
from .safety import guarded
from .scene import JourneyScene
from .stage_focus import StageFocus
from .style import CanvasStyle

PIXMAP_CACHE_KB = 256 * 1024


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
        self._voting = False
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.refit_for_room)
        self._configure()
        self.stage_focus = StageFocus(self)
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
        if old is not None:
            self.document.changed.disconnect(self._on_document_changed)
        self.document = document
        document.changed.connect(self._on_document_changed)
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
        self.stage_focus.forget()  # its dimming went with the old scene
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
            view_zoom.frame(self, ids)

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
        if not on:
            self.stage_focus.leave()
        self._style.set_presentation(on)
        self.scene().refresh_all()
        self.fit_presentation_grid()

    def fit_presentation_grid(self) -> None:
        """In presentation mode the grid takes the viewport's shape: the presentation cards
        packed and sized so their titles show largest, uncut, once the map fills the screen
        (`presentation.fit_presentation`); otherwise the canvas's own geometry."""
        metrics = Metrics()
        port = self.viewport().size()
        style = self._style
        if style.presentation and port.width() > 100 and port.height() > 100:
            m = self.document.map
            style.dots_row = wants_dots(m, self._voting, style.shows("votes"))
            fonts = vars(style.fonts)
            metrics = fit_presentation(m, port.width(), port.height(), fonts, style.dots_row,
                                       style.shows("experience")).metrics
        self.scene().set_metrics(metrics)

    def refit_for_room(self) -> None:
        """While presenting, after an edit, a vote or another hidden field: the grid fitted
        again (a longer title must not be cut) and, if that changed it, framed again."""
        if not self._style.presentation:
            return
        metrics, dots = self.scene().metrics, self._style.dots_row
        self.fit_presentation_grid()
        if self.scene().metrics == metrics:
            if self._style.dots_row != dots:
                self.scene().refresh_all()
            return
        if self.stage_focus.active:
            self.stage_focus.show(self.stage_focus.stage_id)
        else:
            self.fit_to_window()

    def set_voting(self, on: bool) -> None:
        """Dot voting began or ended: presentation cards make room for the dots."""
        self._voting = on
        self.refit_for_room()

    def _on_document_changed(self, changes) -> None:
        if self._style.presentation:
            self._refit.start()  # once, after the command's changes are all in

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
        self.refit_for_room()  # the pill or the dots row came or went

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

    # -- zoom and pan (view_zoom) ----------------------------------------------------------------
    def zoom(self) -> float:
        return self._zoom

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * view_zoom.ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / view_zoom.ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit_to_window(self) -> None:
        view_zoom.fit_to_window(self)

    def set_zoom(self, zoom: float, anchor: QPoint | None = None) -> None:
        view_zoom.set_zoom(self, zoom, anchor)

    @guarded
    def wheelEvent(self, event) -> None:
        if not view_zoom.wheel(self, event):
            super().wheelEvent(event)

    @guarded(fallback=False)
    def viewportEvent(self, event) -> bool:
        return view_zoom.pinch(self, event) or super().viewportEvent(event)

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
        view_zoom.keep_under_pointer(self, tp_id, grab, pointer)

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
            view_zoom.start_pan(self, event.position().toPoint())
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
            view_zoom.pan_to(self, event.position().toPoint())
            event.accept()
            return
        super().mouseMoveEvent(event)

    @guarded
    def mouseReleaseEvent(self, event) -> None:
        if self._pan_from is not None:
            view_zoom.end_pan(self)
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

    # -- keyboard (view_keys) -------------------------------------------------------------------
    @guarded(fallback=False)
    def focusNextPrevChild(self, forward: bool) -> bool:
        # Tab walks the cards (keyPressEvent) instead of leaving the canvas.
        return False if self.scene().cards else super().focusNextPrevChild(forward)

    @guarded(fallback=False)
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and \
                event.key() == Qt.Key.Key_Escape and view_keys.escape_is_mine(self):
            event.accept()  # the key press comes to keyPressEvent, not to the window
            return True
        return super().event(event)

    @guarded
    def keyPressEvent(self, event) -> None:
        if not view_keys.handle_key(self, event):
            super().keyPressEvent(event)

    @guarded
    def keyReleaseEvent(self, event) -> None:
        if not view_keys.handle_key_release(self, event):
            super().keyReleaseEvent(event)

    def select_all(self) -> None:
        self.select_touchpoints([tp.id for tp in self.document.map.touchpoints], frame=False)

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
        if self.stage_focus.active:
            self.stage_focus.redraw()
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
        view_zoom.update_overview(self)

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
