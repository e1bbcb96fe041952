"""The mouse wheel scrolls panels; it changes a value only in the widget the user is working in.

Qt lets a combo box, spin box or slider take every wheel event that passes over it, even
without focus, so scrolling down the inspector could move a card to another stage. A value
widget given to `guard_wheel` takes focus only by click or Tab (StrongFocus, not the wheel) and
hands a wheel event it gets without focus to the nearest scroll area around it, which scrolls.
Outside any scroll area the event is dropped: the value never changes by accident.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

from ..safety import guarded

# The widgets whose value the wheel changes.
VALUE_WIDGETS = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def has_focus(widget: QWidget) -> bool:
    """The widget, or a part of it (an editable combo box's line edit), has the keyboard."""
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class _WheelGuard(QObject):
    @guarded(fallback=False)
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if has_focus(watched):
            return False  # the user is working in it: the wheel may change the value
        area = scroll_area_around(watched)
        if area is not None:
            _forward(event, area.viewport())
        event.accept()
        return True


def _forward(event: QWheelEvent, viewport: QWidget) -> None:
    """The same wheel turn, delivered to the scroll area's viewport at the same screen spot."""
    position = viewport.mapFromGlobal(event.globalPosition())
    forwarded = QWheelEvent(position, event.globalPosition(), event.pixelDelta(),
                            event.angleDelta(), event.buttons(), event.modifiers(),
                            event.phase(), event.inverted(), event.source())
    QCoreApplication.sendEvent(viewport, forwarded)


_guard: _WheelGuard | None = None


def guard_wheel(*widgets: QWidget) -> None:
    """Let the wheel change these widgets only while they have focus (see the module doc)."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard(QCoreApplication.instance())
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.removeEventFilter(_guard)  # installing twice would filter twice
        widget.installEventFilter(_guard)


def guard_wheel_in(root: QWidget) -> None:
    """`guard_wheel` every combo box, spin box and slider inside `root` (and root itself)."""
    found = [w for kind in VALUE_WIDGETS for w in root.findChildren(kind)]
    if isinstance(root, VALUE_WIDGETS):
        found.append(root)
    # A scroll bar is a slider too, but wheeling over it is how one scrolls.
    guard_wheel(*[w for w in found if not isinstance(w, QScrollBar)])
