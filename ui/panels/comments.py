"""The Comments panel: the map's comments, oldest first, and a box to add one.

A new comment goes on the selected card (or on the map when no card is selected); a row
selects and frames its card; Resolve / Reopen toggles the selected comment. Every change is
an edit of the document (journeymap/comments.py), so Ctrl+Z undoes it. Cards with open
comments carry a speech-bubble badge on the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymap import comments
from journeymap.document import Document
from journeymap.errors import JourneymapError

from .common import follow_changes

ID_ROLE = Qt.ItemDataRole.UserRole


class CommentsPanel(QWidget):
    card_chosen = Signal(str)  # a row's card: select and frame it
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.selection: list[str] = []
        self.list = QTreeWidget()
        self.list.setObjectName("commentList")
        self.list.setHeaderLabels(["On", "By", "When (UTC)", "Comment"])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._row_chosen)
        self.list.itemSelectionChanged.connect(self._show_buttons)
        self.show_resolved = QCheckBox("Show resolved")
        self.show_resolved.setObjectName("showResolved")
        self.show_resolved.setChecked(True)
        self.show_resolved.toggled.connect(lambda _on: self.refresh())
        self.resolve = QPushButton("Resolve")
        self.resolve.setObjectName("resolveComment")
        self.resolve.clicked.connect(self._toggle_resolved)
        self.text = QPlainTextEdit()
        self.text.setObjectName("commentText")
        self.text.setPlaceholderText("Write a comment…")
        self.text.setMaximumHeight(80)
        self.target = QLabel()
        self.target.setObjectName("hint")
        self.target.setWordWrap(True)
        self.add = QPushButton("Comment")
        self.add.setObjectName("addComment")
        self.add.clicked.connect(self.add_comment)
        top = QHBoxLayout()
        top.addWidget(self.show_resolved)
        top.addStretch(1)
        top.addWidget(self.resolve)
        bottom = QHBoxLayout()
        bottom.addWidget(self.target, 1)
        bottom.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.text)
        layout.addLayout(bottom)
        self.refresh()

    # -- what the window tells it -------------------------------------------------------------
    def set_document(self, document: Document | None) -> None:
        follow_changes(self.document, document, self._on_changed)
        self.document = document
        self.selection = []
        self.refresh()

    def set_selection(self, ids: list[str]) -> None:
        self.selection = list(ids)
        self._show_target()

    def _on_changed(self, changes) -> None:
        if any(c.kind in ("comment", "touchpoint") for c in changes):
            self.refresh()

    def refresh(self) -> None:
        chosen = self.selected_comment()
        self.list.clear()
        m = self.document.map if self.document else None
        for comment in (m.comments if m else []):
            if comment.resolved and not self.show_resolved.isChecked():
                continue
            title, deleted = comments.on_card(m, comment)
            where = "the map" if title is None else (f"{title} (deleted card)" if deleted
                                                    else title)
            text = ("✓ " if comment.resolved else "") + comment.text
            row = QTreeWidgetItem([where, comment.author, comment.created.replace("T", " ")
                                   .removesuffix("Z"), text])
            row.setData(0, ID_ROLE, comment.id)
            row.setToolTip(3, comment.text)
            if comment.resolved:
                for column in range(4):
                    row.setForeground(column, self.palette().placeholderText())
            self.list.addTopLevelItem(row)
            if comment.id == chosen:
                row.setSelected(True)
        self.list.resizeColumnToContents(1)
        enabled = self.document is not None and self.document.may_comment()
        self.text.setEnabled(enabled)
        self.add.setEnabled(enabled)
        self._show_target()
        self._show_buttons()

    def selected_comment(self) -> str | None:
        items = self.list.selectedItems()
        return items[0].data(0, ID_ROLE) if items else None

    # -- asking the document -------------------------------------------------------------------
    def add_comment(self) -> str | None:
        if self.document is None:
            return None
        card = self._card()
        try:
            made = comments.add_comment(self.document, self.text.toPlainText(),
                                        card.id if card else None)
        except JourneymapError as error:
            self.status.emit(str(error))
            return None
        self.text.clear()
        self.status.emit("Comment added (Ctrl+Z takes it back).")
        return made.id

    def _toggle_resolved(self) -> None:
        comment_id = self.selected_comment()
        if self.document is None or comment_id is None:
            return
        current = self.document.map.find("comment", comment_id)
        try:
            comments.resolve_comment(self.document, comment_id, not current.resolved)
        except JourneymapError as error:
            self.status.emit(str(error))

    # -- internals ------------------------------------------------------------------------------
    def _card(self):
        if self.document is None or len(self.selection) != 1:
            return None
        return self.document.map.touchpoint(self.selection[0])

    def _show_target(self) -> None:
        card = self._card()
        self.target.setText(f"On the card “{card.title}”" if card else
                            "On the map (select one card to comment on it)")

    def _show_buttons(self) -> None:
        comment_id = self.selected_comment()
        found = self.document.map.find("comment", comment_id) if (
            self.document and comment_id) else None
        self.resolve.setEnabled(found is not None and self.document.may_comment())
        self.resolve.setText("Reopen" if found is not None and found.resolved else "Resolve")

    def _row_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        found = self.document.map.find("comment", item.data(0, ID_ROLE)) if self.document \
            else None
        if found is not None and found.touchpoint and self.document.map.touchpoint(
                found.touchpoint) is not None:
            self.card_chosen.emit(found.touchpoint)
