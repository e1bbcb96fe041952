"""Stages and lanes of a map as two small tables in the inspector.

The canvas renames, inserts, recolours and deletes them in place; what it cannot show is
edited here: a stage's expected days and goal, a lane's kind and weekly capacity (the
capacity check needs it). A text cell saves while you type (`cells.SavingCellDelegate`) and
when its editor closes, one document command per burst; a value the model refuses is put
back and the reason goes to the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymap.document import Document
from journeymap.errors import JourneymapError
from journeymap.model import LANE_KINDS

from ..safety import guarded
from .cells import SavingCellDelegate
from .common import tool_button
from .fields import InputError, format_number, parse_number

# (field, header, kind of value) per table
STAGE_COLUMNS = (("name", "Stage", "text"), ("days", "Days", "number"), ("goal", "Goal", "text"))
LANE_COLUMNS = (("name", "Lane", "text"), ("kind", "Kind", "kind"),
                ("capacity", "Capacity/wk", "number"))
ID_ROLE = Qt.ItemDataRole.UserRole


class _KindDelegate(QStyledItemDelegate):
    """A list of the lane kinds instead of free text."""

    @guarded
    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.addItems(list(LANE_KINDS))
        return combo

    @guarded
    def setEditorData(self, editor, index):
        editor.setCurrentText(index.data() or LANE_KINDS[0])

    @guarded
    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText())


class ItemTable(QWidget):
    """One table (stages or lanes) with Add, Remove, Up and Down."""

    status = Signal(str)

    def __init__(self, kind: str, columns, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = columns
        self.document: Document | None = None
        self.table = QTableWidget(0, len(columns))
        self.table.setObjectName(f"{kind}Table")
        self.table.setHorizontalHeaderLabels([header for _, header, _ in columns])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(columns) - 1 if kind == "stage" else 0,
                                    QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegate(SavingCellDelegate(self.table))
        for column, (_name, _header, value_kind) in enumerate(columns):
            if value_kind == "kind":
                self.table.setItemDelegateForColumn(column, _KindDelegate(self.table))
        self.table.itemChanged.connect(self._cell_edited)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for text, tip, slot in (
            ("Add", f"Add a {kind} at the end", self.add),
            ("Remove", f"Remove the selected {kind} and its cards (Undo brings them back)",
             self.remove_selected),
            ("▲", f"Move the {kind} earlier", lambda: self.move_selected(-1)),
            ("▼", f"Move the {kind} later", lambda: self.move_selected(1)),
        ):
            buttons.addWidget(tool_button(text, tip, slot))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def show_map(self, document: Document) -> None:
        self.document = document
        selected = self.selected_id()
        items = document.map.collection(self.kind)
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            for column, (name, _header, value_kind) in enumerate(self.columns):
                value = getattr(item, name)
                text = format_number(value) if value_kind == "number" else (value or "")
                cell = self.table.item(row, column)
                if cell is None:  # cells are reused: replacing one would close its editor
                    cell = QTableWidgetItem()
                    self.table.setItem(row, column, cell)
                cell.setText(text)
                cell.setData(ID_ROLE, item.id)
                if value_kind == "number":
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 0 and self.kind == "lane":
                    cell.setData(Qt.ItemDataRole.DecorationRole, QColor(item.color))
        self.table.blockSignals(False)
        ids = [item.id for item in items]
        if selected in ids and self.selected_id() != selected:
            self.table.selectRow(ids.index(selected))  # moves the current cell: closes editors
        height = sum(self.table.rowHeight(r) for r in range(len(items)))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + height + 4)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            item = self.table.item(rows[0].row(), 0)
            return item.data(ID_ROLE) if item else None
        return None

    # -- editing -----------------------------------------------------------------------------
    def _cell_edited(self, cell: QTableWidgetItem) -> None:
        name, header, value_kind = self.columns[cell.column()]
        item_id = cell.data(ID_ROLE)
        try:
            value = parse_number(cell.text(), header) if value_kind == "number" else cell.text()
            self.document.update(self.kind, item_id, **{name: value})
        except (InputError, JourneymapError) as error:
            self.status.emit(str(error))
            self.show_map(self.document)  # put the model's value back

    def add(self) -> None:
        count = len(self.document.map.collection(self.kind)) + 1
        add = self.document.add_stage if self.kind == "stage" else self.document.add_lane
        self._run(lambda: add(f"New {self.kind} {count}"))
        self.table.selectRow(self.table.rowCount() - 1)

    def remove_selected(self) -> None:
        item_id = self.selected_id()
        if item_id is not None:
            self._run(lambda: self.document.remove(self.kind, item_id))

    def move_selected(self, delta: int) -> None:
        item_id = self.selected_id()
        if item_id is None:
            return
        index = self.document.map.index_of(self.kind, item_id) + delta
        if 0 <= index < len(self.document.map.collection(self.kind)):
            self._run(lambda: self.document.move(self.kind, item_id, index))

    def _run(self, edit) -> None:
        try:
            edit()
        except JourneymapError as error:
            self.status.emit(str(error))
