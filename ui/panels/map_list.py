"""The map list: the workspace's maps with their touchpoint counts, a search box, and the
New / Rename / Duplicate / Delete buttons.

The panel only shows and asks: it emits what the user wants and the window does it against
the workspace (and refreshes the list), so the panel never touches storage itself.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..safety import guarded
from .common import tool_button

ID_ROLE = Qt.ItemDataRole.UserRole
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1


class _MapDelegate(QStyledItemDelegate):
    """Name on the left, the touchpoint count on the right in a quieter colour."""

    @guarded
    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(10, 0, -10, 0)
        count = f"{index.data(COUNT_ROLE) or 0}"
        painter.save()
        small = opt.font
        small.setPointSizeF(max(opt.font.pointSizeF() - 1, 7))
        painter.setFont(small)
        count_width = painter.fontMetrics().horizontalAdvance(count) + 6
        quiet = opt.palette.color(group)
        if not selected:
            quiet = opt.palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(quiet)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
        painter.setFont(option.font)
        painter.setPen(opt.palette.color(group))
        name_rect = rect.adjusted(0, 0, -count_width - 6, 0)
        elided = painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.restore()

    @guarded
    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 14))


class MapListPanel(QWidget):
    map_selected = Signal(str)
    new_requested = Signal()
    rename_requested = Signal(str, str)  # id, new name
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("mapSearch")
        self.search.setPlaceholderText("Search maps")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setObjectName("mapList")
        self.list.setItemDelegate(_MapDelegate(self.list))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemChanged.connect(self._item_renamed)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.setToolTip("The maps of this workspace; the number is their touchpoints.")
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(lambda: self._emit_for_current(self.delete_requested))

        self.new_button = tool_button("New…", "Create a map from a template or blank (Ctrl+N)",
                                       self.new_requested.emit)
        self.rename_button = tool_button("Rename", "Rename the selected map (F2)",
                                          self.start_rename)
        self.duplicate_button = tool_button("Duplicate", "Copy the selected map",
                                             lambda: self._emit_for_current(self.duplicate_requested))
        self.delete_button = tool_button("Delete", "Delete the selected map (Undo brings it back)",
                                          lambda: self._emit_for_current(self.delete_requested))
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for button in (self.new_button, self.rename_button, self.duplicate_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- contents ------------------------------------------------------------------------
    def set_maps(self, summaries, current_id: str | None = None) -> None:
        """Show `summaries` (MapSummary: id, name, touchpoints) in their order."""
        self.list.blockSignals(True)
        self.list.clear()
        for summary in summaries:
            item = QListWidgetItem(summary.name)
            item.setData(ID_ROLE, summary.id)
            item.setData(COUNT_ROLE, summary.touchpoints)
            item.setToolTip(f"{summary.name}\n{summary.touchpoints} touchpoints · id {summary.id}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._filter(self.search.text())
        self.set_current(current_id)

    def is_searching(self) -> bool:
        """Whether the user is typing in the search box (showing a map must not steal it)."""
        return self.search.hasFocus()

    def set_current(self, map_id: str | None) -> None:
        self.list.blockSignals(True)
        item = self.item(map_id) if map_id else None
        self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_buttons()

    def update_map(self, map_id: str, name: str, touchpoints: int) -> None:
        item = self.item(map_id)
        if item is not None:
            self.list.blockSignals(True)
            item.setText(name)
            item.setData(COUNT_ROLE, touchpoints)
            item.setToolTip(f"{name}\n{touchpoints} touchpoints · id {map_id}")
            self.list.blockSignals(False)

    def item(self, map_id: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == map_id:
                return self.list.item(row)
        return None

    def visible_names(self) -> list[str]:
        return [
            self.list.item(row).text()
            for row in range(self.list.count())
            if not self.list.item(row).isHidden()
        ]

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None

    # -- user actions --------------------------------------------------------------------
    def start_rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _current_changed(self, current, _previous) -> None:
        self._update_buttons()
        if current is not None:
            self.map_selected.emit(current.data(ID_ROLE))

    def _item_renamed(self, item: QListWidgetItem) -> None:
        self.rename_requested.emit(item.data(ID_ROLE), item.text())

    def _emit_for_current(self, signal) -> None:
        map_id = self.current_id()
        if map_id:
            signal.emit(map_id)

    def _update_buttons(self) -> None:
        has = self.list.currentItem() is not None
        for button in (self.rename_button, self.duplicate_button, self.delete_button):
            button.setEnabled(has)

    def _context_menu(self, pos) -> None:
        item = self.list.itemAt(pos)
        menu = QMenu(self)
        menu.addAction(QAction("New map…", menu, triggered=self.new_requested.emit))
        if item is not None:
            self.list.setCurrentItem(item)
            menu.addSeparator()
            menu.addAction(QAction("Rename", menu, triggered=self.start_rename))
            menu.addAction(QAction("Duplicate", menu,
                                   triggered=lambda: self.duplicate_requested.emit(item.data(ID_ROLE))))
            menu.addAction(QAction("Delete", menu,
                                   triggered=lambda: self.delete_requested.emit(item.data(ID_ROLE))))
        menu.exec(self.list.viewport().mapToGlobal(pos))
