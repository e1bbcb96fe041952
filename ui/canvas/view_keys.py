"""The keyboard on a `CanvasView`: Space for panning, arrows and Tab between cards, Enter or
F2 to edit, Delete, Escape and the Ctrl shortcuts (the rules are in `view`'s docstring).

Functions of the view; `handle_key` says whether the key was the canvas's, so the view
passes the others on to Qt. Which card an arrow or Tab goes to is `navigation`'s part.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from .navigation import neighbour, step

ARROWS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up",
          Qt.Key.Key_Down: "down"}


def handle_key(view, event) -> bool:
    key, mods = event.key(), event.modifiers()
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    if key == Qt.Key.Key_Space and not event.isAutoRepeat():
        view._space = True
        view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        return True
    if key in ARROWS and not ctrl:
        navigate(view, ARROWS[key])
        return True
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not ctrl:
        forward = key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
        tab(view, forward)
        return True
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and view._selection:
        view.edit_title(view._current if view._current in view._selection
                        else view._selection[0])
        return True
    if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
        view.delete_selection()
        return True
    if key == Qt.Key.Key_Escape:
        # The first Escape ends a drag, the next leaves the stage focus, the next deselects
        # (and in presentation mode, with nothing left to cancel, the window leaves it).
        if not view.scene().cancel_drag() and not view.stage_focus.leave():
            view.scene().clearSelection()
        return True
    if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and view._style.presentation:
        view.stage_focus.step(1 if key == Qt.Key.Key_PageDown else -1)
        return True
    return _handle_shortcut(view, event)


def escape_is_mine(view) -> bool:
    """An Escape the canvas needs before the window's (which leaves presentation mode):
    a drag to cancel or a stage focus to leave."""
    return view.scene().drag.active or view.stage_focus.active


def _handle_shortcut(view, event) -> bool:
    actions = (
        (QKeySequence.StandardKey.Copy, view.copy_selection),
        (QKeySequence.StandardKey.Paste, view.paste),
        (QKeySequence.StandardKey.SelectAll, view.select_all),
        (QKeySequence.StandardKey.ZoomIn, view.zoom_in),
        (QKeySequence.StandardKey.ZoomOut, view.zoom_out),
    )
    for sequence, action in actions:
        if event.matches(sequence):
            action()
            return True
    if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        by_key = {Qt.Key.Key_D: view.duplicate_selection, Qt.Key.Key_0: view.reset_zoom,
                  Qt.Key.Key_Equal: view.zoom_in, Qt.Key.Key_Plus: view.zoom_in,
                  Qt.Key.Key_Minus: view.zoom_out}
        action = by_key.get(event.key())
        if action is not None:
            action()
            return True
    return False


def handle_key_release(view, event) -> bool:
    """Letting go of Space ends the pan mode (a pan in progress keeps its cursor)."""
    if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
        view._space = False
        if view._pan_from is None:
            view.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        return True
    return False


def navigate(view, direction: str) -> None:
    layout = view.scene().layout
    if layout is None or not layout.card_rects:
        return
    if view._current not in layout.card_rects:
        tab(view, True)
        return
    target = neighbour(layout.card_rects, view._current, direction)
    if target is not None:
        view.select_touchpoints([target], frame=True)


def tab(view, forward: bool) -> None:
    order = [tp.id for tp in view.document.map.touchpoints_in_display_order()]
    current = view._current if view._selection else None
    target = step(order, current, forward)
    if target is not None:
        view.select_touchpoints([target], frame=True)
