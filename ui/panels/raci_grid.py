"""The RACI grid of one touchpoint: a row per role, a checkbox per letter R, A, C, I.

Roles belong to the map, so adding, renaming or removing one here changes every card; each of
those, like each tick, is one document command (one undo step). Below the grid a line says
whether the card follows the RACI rules (exactly one A, at least one R).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymap.document import Document
from journeymap.errors import JourneymapError
from journeymap.model import RACI_LETTERS

from .cells import SavingCellDelegate

LETTER_NAMES = {
    "R": "Responsible: does the work",
    "A": "Accountable: owns the result (exactly one)",
    "C": "Consulted: asked before",
    "I": "Informed: told after",
}


class RaciGrid(QWidget):
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.tp_id: str | None = None
        self._role_ids: list[str] = []
        self.table = QTableWidget(0, 1 + len(RACI_LETTERS))
        self.table.setObjectName("raciTable")
        self.table.setHorizontalHeaderLabels(["Role", *RACI_LETTERS])
        for column, letter in enumerate(RACI_LETTERS, start=1):
            self.table.horizontalHeaderItem(column).setToolTip(LETTER_NAMES[letter])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 1 + len(RACI_LETTERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, 34)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setItemDelegateForColumn(0, SavingCellDelegate(self.table))  # role names
        self.table.itemChanged.connect(self._role_renamed)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.new_role = QLineEdit()
        self.new_role.setPlaceholderText("New role, e.g. Account manager")
        self.new_role.returnPressed.connect(self.add_role)
        self.add_button = QPushButton("Add role")
        self.add_button.clicked.connect(self.add_role)
        self.remove_button = QPushButton("Remove role")
        self.remove_button.setToolTip("Remove the selected role from the map (every card)")
        self.remove_button.clicked.connect(self.remove_selected_role)
        self.verdict = QLabel()
        self.verdict.setObjectName("raciVerdict")
        self.verdict.setWordWrap(True)

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_role, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.verdict)
        layout.addLayout(add_row)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)

    # -- showing -----------------------------------------------------------------------------
    def show_touchpoint(self, document: Document, tp_id: str) -> None:
        self.document, self.tp_id = document, tp_id
        self.refresh()

    def refresh(self) -> None:
        tp = self.document.map.touchpoint(self.tp_id) if self.document else None
        if tp is None:
            return
        roles = self.document.map.roles
        selected = self.selected_role_id()
        self._role_ids = [role.id for role in roles]
        self.table.blockSignals(True)
        self.table.setRowCount(len(roles))
        for row, role in enumerate(roles):
            self._fill_row(row, role, tp.raci.get(role.id, ""))
        self.table.blockSignals(False)
        if selected in self._role_ids and self.selected_role_id() != selected:
            self.table.selectRow(self._role_ids.index(selected))  # would close a cell editor
        rows_height = sum(self.table.rowHeight(r) for r in range(len(roles)))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows_height + 4)
        self._show_verdict(tp, roles)
        self._update_buttons()

    def _fill_row(self, row: int, role, letters: str) -> None:
        name = self.table.item(row, 0)
        if name is None:
            name = QTableWidgetItem()
            self.table.setItem(row, 0, name)
        name.setText(role.name)
        name.setToolTip("Double-click to rename this role in the whole map")
        for column, letter in enumerate(RACI_LETTERS, start=1):
            box = self.checkbox(row, letter)
            if box is None:
                box = self._make_checkbox(row, column)
            box.blockSignals(True)
            box.setChecked(letter in letters)
            box.blockSignals(False)
            box.setToolTip(f"{role.name} — {LETTER_NAMES[letter]}")

    def _make_checkbox(self, row: int, column: int) -> QCheckBox:
        holder = QWidget()
        box = QCheckBox(holder)
        box.setObjectName("raciBox")
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(box)
        self.table.setCellWidget(row, column, holder)
        # The role is looked up when clicked: rows are reused when roles change.
        box.clicked.connect(lambda _checked, h=holder: self._letter_clicked(h))
        return box

    def checkbox(self, row: int, letter: str) -> QCheckBox | None:
        holder = self.table.cellWidget(row, 1 + RACI_LETTERS.index(letter))
        return holder.findChild(QCheckBox) if holder else None

    def _show_verdict(self, tp, roles) -> None:
        known = {role.id: role.name for role in roles}
        accountable = [known[r] for r in tp.roles_with("A") if r in known]
        responsible = [known[r] for r in tp.roles_with("R") if r in known]
        if not roles:
            text, ok = "Add the roles that work on this journey, then tick R, A, C, I.", False
        elif len(accountable) != 1:
            text = "Nobody is accountable (A)." if not accountable else (
                f"{len(accountable)} roles are accountable; keep exactly one A.")
            ok = False
        elif not responsible:
            text, ok = "Nobody is responsible (R) for doing the work.", False
        else:
            text, ok = f"{accountable[0]} is accountable; {', '.join(responsible)} responsible.", True
        self.verdict.setText(("✓ " if ok else "⚠ ") + text)
        self.verdict.setProperty("ok", ok)
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected_role_id() is not None)

    def selected_role_id(self) -> str | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) == 1:
            row = rows.pop()
            if row < len(self._role_ids):
                return self._role_ids[row]
        return None

    # -- editing -----------------------------------------------------------------------------
    def _letter_clicked(self, holder: QWidget) -> None:
        for row in range(self.table.rowCount()):
            for column in range(1, 1 + len(RACI_LETTERS)):
                if self.table.cellWidget(row, column) is holder:
                    self._commit_row(row)
                    return

    def _commit_row(self, row: int) -> None:
        letters = "".join(
            letter for letter in RACI_LETTERS if self.checkbox(row, letter).isChecked()
        )
        self._run(lambda: self.document.set_raci(self.tp_id, self._role_ids[row], letters))

    def set_letters(self, role_id: str, letters: str) -> None:
        self._run(lambda: self.document.set_raci(self.tp_id, role_id, letters))

    def add_role(self) -> None:
        name = self.new_role.text().strip()
        if not name:
            self.status.emit("Type the new role's name first.")
            self.new_role.setFocus()
            return
        if self._run(lambda: self.document.add_role(name)):
            self.new_role.clear()
            self.status.emit(f"Added role '{name}' to the map.")

    def remove_selected_role(self) -> None:
        role_id = self.selected_role_id()
        if role_id is None:
            return
        name = self.document.map.role(role_id).name
        if self._run(lambda: self.document.remove("role", role_id)):
            self.status.emit(f"Removed role '{name}' from every card (Undo brings it back).")

    def _role_renamed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or item.row() >= len(self._role_ids):
            return
        role_id = self._role_ids[item.row()]
        if not self._run(lambda: self.document.update("role", role_id, name=item.text())):
            self.refresh()

    def _run(self, edit) -> bool:
        try:
            edit()
        except JourneymapError as error:
            self.status.emit(str(error))
            self.refresh()
            return False
        return True
