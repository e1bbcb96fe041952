"""The in-place editor: a QLineEdit laid over the viewport, above a card title, a header
name or a connection label. Enter commits, Escape cancels, leaving the field commits.

Typing also saves on its own, about a second after the last key (one undo step per burst,
as in the inspector), so a crash while the editor is open loses nothing. Escape after such
a save puts the text back as it was when the editor opened."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit, QWidget

from .safety import guarded


class InlineEditor(QLineEdit):
    committed = Signal(str, str, str, str)  # kind, id, field, text
    saved = Signal(str)  # the text a pause in typing just saved (tests wait for it)
    closed = Signal()
    SAVE_DELAY_MS = 1000

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.target: tuple[str, str, str] | None = None  # kind, id, field
        self._original = self._saved = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SAVE_DELAY_MS)
        self._timer.timeout.connect(self._save_pause)
        self.textEdited.connect(lambda _text: self._timer.start())
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
        self._original = self._saved = text
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
        self._timer.stop()
        target, self.target = self.target, None
        self._close()
        if self.text() != self._saved:
            self.committed.emit(*target, self.text())

    def cancel(self) -> None:
        if self.target is None:
            return
        self._timer.stop()
        target, self.target = self.target, None
        self._close()
        if self._saved != self._original:  # a pause already saved some typing: undo it
            self.committed.emit(*target, self._original)

    def _save_pause(self) -> None:
        text = self.text()
        if self.target is None or text == self._saved or not text.strip():
            return  # an empty title is refused: it is judged when the editor closes
        self._saved = text
        self.committed.emit(*self.target, text)
        self.saved.emit(text)

    def _close(self) -> None:
        self.hide()
        self.closed.emit()

    @guarded(fallback=False)
    def event(self, event) -> bool:
        # Escape cancels the edit before any window shortcut (leaving presentation) sees it.
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return True
        return super().event(event)

    @guarded
    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    @guarded
    def hideEvent(self, event) -> None:
        # The window closes or the canvas goes away: what was typed is kept, and no pause
        # timer fires later into a canvas that is gone.
        super().hideEvent(event)
        self.commit()

    @guarded
    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()
