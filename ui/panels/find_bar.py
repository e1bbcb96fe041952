"""The find bar under the canvas (Ctrl+F): type to select matching cards, Enter steps through.

It only asks the canvas (`find(text) -> ids`, `select_touchpoints`), so it knows nothing of
what is searched; Esc closes it and gives the focus back to the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit

from ..safety import guarded
from .common import tool_button


class FindBar(QFrame):
    closed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.canvas = None
        self.matches: list[str] = []
        self.index = -1
        self.edit = QLineEdit()
        self.edit.setObjectName("findText")
        self.edit.setPlaceholderText("Find cards by title, description, owner or channel")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self.next)
        self.edit.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(90)
        previous = tool_button("◀", "Previous match (Shift+Enter)", self.previous)
        following = tool_button("▶", "Next match (Enter)", self.next)
        close = tool_button("✕", "Close (Esc)", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.hide()

    def open_bar(self, canvas) -> None:
        self.canvas = canvas
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        if self.edit.text():
            self.search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def search(self, text: str) -> None:
        if self.canvas is None:
            return
        self.matches = self.canvas.find(text) if text.strip() else []
        self.index = -1
        self._show_count()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.matches:
            return
        self.index = (self.index + delta) % len(self.matches)
        self.canvas.select_touchpoints([self.matches[self.index]], frame=True)
        self._show_count()

    def _show_count(self) -> None:
        text = self.edit.text().strip()
        if not text:
            self.count.setText("")
        elif not self.matches:
            self.count.setText("No cards")
        elif self.index < 0:
            self.count.setText(f"{len(self.matches)} card{'s' if len(self.matches) != 1 else ''}")
        else:
            self.count.setText(f"{self.index + 1} of {len(self.matches)}")
        self.count.setProperty("none", bool(text) and not self.matches)
        self.count.style().unpolish(self.count)
        self.count.style().polish(self.count)

    @guarded(fallback=False)
    def eventFilter(self, watched, event) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.previous()
                return True
        return super().eventFilter(watched, event)
