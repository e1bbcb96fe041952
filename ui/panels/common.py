"""Small pieces several panels build the same way."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton


def tool_button(text: str, tip: str, slot) -> QToolButton:
    """A flat text button that calls `slot` when clicked."""
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.clicked.connect(slot)
    return button


def follow_changes(old, new, listener) -> None:
    """Move `listener` from `old` document's `changed` signal to `new`'s (either may be None)."""
    if old is not None:
        old.changed.disconnect(listener)
    if new is not None:
        new.changed.connect(listener)
