"""How much of the map a `CanvasView` shows, and where: zoom, fit, pan, scrolling to cards,
and the corner overview that appears while the zoomed map is well beyond the window.

Functions of the view (they keep its `_zoom` and `_pan_from`); its Qt event handlers call
them, so the view module keeps the input rules in one place and this one the arithmetic.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QTransform

from .overview import MARGIN as OVERVIEW_MARGIN
from .overview import Overview

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.1, 4.0, 1.2


# -- zoom -------------------------------------------------------------------------------------
def fit_to_window(view) -> None:
    rect = view.scene().sceneRect()
    viewport = view.viewport().rect()
    if rect.isEmpty() or viewport.isEmpty():
        return
    factor = min(viewport.width() / rect.width(), viewport.height() / rect.height())
    view.set_zoom(factor)
    view.centerOn(rect.center())


def set_zoom(view, zoom: float, anchor: QPoint | None = None) -> None:
    """Zoom keeping the scene point under `anchor` (default: the centre) in place."""
    zoom = max(ZOOM_MIN, min(ZOOM_MAX, zoom))
    if abs(zoom - view._zoom) < 1e-9:
        return
    anchor = anchor if anchor is not None else view.viewport().rect().center()
    fixed = view.mapToScene(anchor)
    view.setTransform(QTransform.fromScale(zoom, zoom))
    view._zoom = zoom
    moved = view.mapFromScene(fixed) - anchor
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + moved.x())
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + moved.y())
    view.zoom_changed.emit(zoom)
    view._pin_headers()
    update_overview(view)
    view._place_editor()


def wheel(view, event) -> bool:
    """Ctrl+wheel zooms around the cursor, Shift+wheel scrolls sideways; False for a plain
    wheel, which the view scrolls as usual."""
    mods = event.modifiers()
    if mods & Qt.KeyboardModifier.ControlModifier:
        delta = event.angleDelta().y() / 120 or event.pixelDelta().y() / 60
        view.set_zoom(view._zoom * (ZOOM_STEP ** delta), event.position().toPoint())
        event.accept()
        return True
    if mods & Qt.KeyboardModifier.ShiftModifier:
        delta = event.angleDelta().y() or event.angleDelta().x()
        bar = view.horizontalScrollBar()
        bar.setValue(bar.value() - delta)
        event.accept()
        return True
    return False


def pinch(view, event) -> bool:
    """A touch-screen pinch or a touchpad's native zoom gesture zooms; True when handled."""
    kind = event.type()
    if kind == QEvent.Type.Gesture:
        gesture = event.gesture(Qt.GestureType.PinchGesture)
        if gesture is not None:
            anchor = view.viewport().mapFromGlobal(gesture.centerPoint().toPoint())
            view.set_zoom(view._zoom * gesture.scaleFactor(), anchor)
            event.accept()
            return True
    if kind == QEvent.Type.NativeGesture and \
            event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
        view.set_zoom(view._zoom * (1 + event.value()), event.position().toPoint())
        return True
    return False


# -- pan and scroll -----------------------------------------------------------------------
def start_pan(view, pos: QPoint) -> None:
    view._pan_from = pos
    view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)


def pan_to(view, pos: QPoint) -> None:
    delta = pos - view._pan_from
    view._pan_from = pos
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() - delta.x())
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() - delta.y())


def end_pan(view) -> None:
    view._pan_from = None
    view.viewport().setCursor(Qt.CursorShape.OpenHandCursor if view._space
                              else Qt.CursorShape.ArrowCursor)


def frame(view, ids: list[str]) -> None:
    """Scroll so the cards of `ids` are in sight: with a margin when they fit, else centred."""
    rects = [r for r in (view.scene().card_rect(tp_id) for tp_id in ids) if r is not None]
    if not rects:
        return
    union = rects[0]
    for rect in rects[1:]:
        union = union.united(rect)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    if union.width() < visible.width() - 80 and union.height() < visible.height() - 80:
        view.ensureVisible(union, 40, 40)
    else:
        view.centerOn(union.center())


def keep_under_pointer(view, tp_id: str, grab: QPointF, pointer: QPointF) -> None:
    """After a drop's relayout, scroll so the dropped card sits under the pointer again."""
    rect = view.scene().card_rect(tp_id)
    if rect is None:
        return
    shift = view.mapFromScene(rect.topLeft() + grab) - view.mapFromScene(pointer)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + shift.x())
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + shift.y())


# -- the overview ---------------------------------------------------------------------------
def update_overview(view) -> None:
    rect = view.scene().sceneRect()
    size = view.viewport().size()
    # Only for maps well beyond the window: a small overflow is one scroll away.
    wanted = view.overview_enabled and (rect.width() * view._zoom > size.width() * 1.5
                                        or rect.height() * view._zoom > size.height() * 1.5)
    if wanted and view._overview is None:
        view._overview = Overview(view)
    if view._overview is None:
        return
    view._overview.setVisible(wanted)
    if wanted:
        view._overview.fit_size()
        _place_overview(view)
        view._overview.update()


def _place_overview(view) -> None:
    vp = view.viewport().geometry()
    size = view._overview.size()
    view._overview.move(vp.right() - size.width() - OVERVIEW_MARGIN,
                        vp.bottom() - size.height() - OVERVIEW_MARGIN)
    view._overview.raise_()
