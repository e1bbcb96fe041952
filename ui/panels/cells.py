"""Table cells that save while you type, like the form fields (see `fields.py`).

A text cell's editor commits `SAVE_DELAY_MS` after the last key and stays open, so a burst of
typing is one document command; `finish_pending()` commits at once (before the selection or
the map changes, and when the window closes). The table reloads from the document after each
commit: an editor already showing the stored text is left alone, so the cursor stays put,
and so is one whose text was refused (the status bar says why; closing it puts the stored
value back).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from ..safety import guarded
from .fields import SAVE_DELAY_MS


class SavingCellDelegate(QStyledItemDelegate):
    unsaved_changed = Signal(bool)  # a cell holds typed text that waits for its save
    committed = Signal(str)  # the column's header, once a burst went to the model

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._timers: dict[QLineEdit, tuple[QTimer, str]] = {}  # open editor: timer, column
        self._saving: QLineEdit | None = None

    @property
    def unsaved(self) -> bool:
        return any(timer.isActive() for timer, _column in self._timers.values())

    @guarded
    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            timer = QTimer(editor)
            timer.setSingleShot(True)
            timer.setInterval(SAVE_DELAY_MS)
            timer.timeout.connect(lambda e=editor: self._save(e))
            editor.textEdited.connect(lambda _text, t=timer: self._typed(t))
            editor.destroyed.connect(lambda _obj=None, e=editor: self._forget(e))
            column = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
            self._timers[editor] = (timer, str(column))
        return editor

    @guarded
    def setEditorData(self, editor, index):
        if editor is self._saving or (
                isinstance(editor, QLineEdit) and editor.text() == (index.data() or "")):
            return  # the reload after our own save: keep the text and the cursor as they are
        super().setEditorData(editor, index)

    def finish_pending(self) -> None:
        for editor, (timer, _column) in list(self._timers.items()):
            if timer.isActive():
                self._save(editor)

    def _typed(self, timer: QTimer) -> None:
        was = self.unsaved
        timer.start()
        if not was:
            self.unsaved_changed.emit(True)

    def _save(self, editor: QLineEdit) -> None:
        timer, column = self._timers[editor]
        timer.stop()
        self._saving = editor  # "2," saved as 2, or refused text: the typist keeps what they typed
        try:
            self.commitData.emit(editor)  # the view writes the cell; the table's slot saves it
        finally:
            self._saving = None
        self.unsaved_changed.emit(self.unsaved)
        self.committed.emit(column)

    def _forget(self, editor) -> None:
        """A closed editor: its text was committed by the view on closing."""
        if self._timers.pop(editor, None) is not None:
            self.unsaved_changed.emit(self.unsaved)
