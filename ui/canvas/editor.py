"""The in-place editor: a QLineEdit laid over the viewport, above a card title, a header
name or a connection label. Enter commits, Escape cancels, leaving the field commits."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QWidget

from .safety import guarded


class InlineEditor(QLineEdit):
    committed = Signal(str, str, str, str)  # kind, id, field, text
    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.target: tuple[str, str, str] | None = None  # kind, id, field
        self.setFrame(False)
        self.setObjectName("canvasInlineEditor")
        self.hide()

    def is_open(self) -> bool:
        return self.target is not None

    def open(self, kind: str, item_id: str, field: str, text: str, rect: QRect,
             font: QFont, theme=None) -> None:
        self.target = (kind, item_id, field)
        if theme is not None:
            self.setStyleSheet(
                f"QLineEdit#canvasInlineEditor {{ border: 2px solid {theme.selection.name()};"
                f" border-radius: 4px; padding: 0 3px; background: {theme.card.name()};"
                f" color: {theme.card_text.name()};"
                f" selection-background-color: {theme.selection.name()}; }}")
        self.setFont(font)
        self.setText(text)
        self.setGeometry(rect)
        self.selectAll()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def place(self, rect: QRect) -> None:
        self.setGeometry(rect)

    def commit(self) -> None:
        if self.target is None:
            return
        target, self.target = self.target, None
        self._close()
        self.committed.emit(*target, self.text())

    def cancel(self) -> None:
        if self.target is None:
            return
        self.target = None
        self._close()

    def _close(self) -> None:
        self.hide()
        self.closed.emit()

    @guarded
    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    @guarded
    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()
