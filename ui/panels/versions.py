"""The Versions panel: the versions of the map on screen, and the change list of a diff.

Top: a label field and "Snapshot", the versions oldest first (label, when, by whom, cards),
and what can be done with the one selected: open it read-only, start a to-be from it,
compare the map on screen with it, delete it (with an Undo button while the deletion is
fresh). Bottom: the changes from the version or map compared with, one row each; a row
selects and frames its cards. The panel only shows and asks: the Versions controller
(ui/controllers/versions.py) does the work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymap.diff import MapDiff
from journeymap.diff.text import FIGURE_NAMES, shown_value

ID_ROLE = Qt.ItemDataRole.UserRole


class VersionsPanel(QWidget):
    snapshot_requested = Signal(str)  # label ("" for none)
    open_requested = Signal(str)  # version id
    to_be_requested = Signal(str)
    compare_requested = Signal(str)
    delete_requested = Signal(str)
    undo_delete_requested = Signal()
    compare_other_requested = Signal()  # "Compare with version or map…"
    clear_requested = Signal()
    cards_chosen = Signal(list)  # touchpoint ids to select and frame

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("versionLabel")
        self.label_edit.setPlaceholderText("Label, e.g. as-is after workshop 1")
        self.label_edit.returnPressed.connect(self._snapshot)
        self.snapshot_button = QPushButton("Snapshot")
        self.snapshot_button.setObjectName("snapshot")
        self.snapshot_button.setToolTip("Save the map's state now as a read-only version")
        self.snapshot_button.clicked.connect(self._snapshot)
        self.list = QTreeWidget()
        self.list.setObjectName("versionList")
        self.list.setHeaderLabels(["Version", "Saved (UTC)", "By", "Cards"])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda *_: self._emit(self.open_requested))
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, signal, tip in (
            ("open", "Open", self.open_requested, "Show this version on the canvas, read-only"),
            ("to_be", "Start a to-be…", self.to_be_requested,
             "A new map from this version, keeping every item id (so diffs match)"),
            ("compare", "Compare", self.compare_requested,
             "Mark on the map on screen what changed since this version"),
            ("delete", "Delete", self.delete_requested, "Delete this version (undoable)"),
        ):
            button = QPushButton(text)
            button.setObjectName(f"version-{key}")
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, s=signal: self._emit(s))
            self.buttons[key] = button
            row.addWidget(button)
        self.undo_button = QPushButton("Undo delete")
        self.undo_button.setObjectName("version-undo-delete")
        self.undo_button.clicked.connect(self.undo_delete_requested)
        self.undo_button.hide()
        self.empty_note = QLabel("No versions yet: a snapshot keeps the map as it is now, "
                                 "e.g. the as-is before a workshop changes it.")
        self.empty_note.setObjectName("hint")
        self.empty_note.setWordWrap(True)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        snap = QHBoxLayout()
        snap.addWidget(self.label_edit, 1)
        snap.addWidget(self.snapshot_button)
        top_layout.addLayout(snap)
        top_layout.addWidget(self.empty_note)
        top_layout.addWidget(self.list, 1)
        top_layout.addLayout(row)
        top_layout.addWidget(self.undo_button)

        self.changes_title = QLabel("Changes")
        self.changes_title.setObjectName("changesTitle")
        self.changes_title.setWordWrap(True)
        self.other_button = QPushButton("Compare with version or map…")
        self.other_button.setObjectName("compareOther")
        self.other_button.clicked.connect(self.compare_other_requested)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setObjectName("clearDiff")
        self.clear_button.setToolTip("Take the changes off the canvas")
        self.clear_button.clicked.connect(self.clear_requested)
        self.changes = QTreeWidget()
        self.changes.setObjectName("changeList")
        self.changes.setHeaderLabels(["Change", "Item", "Detail"])
        self.changes.setRootIsDecorated(False)
        self.changes.setAlternatingRowColors(True)
        header = self.changes.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 170)
        self.changes.itemClicked.connect(self._change_chosen)
        self.changes.itemActivated.connect(self._change_chosen)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.changes_title, 1)
        heading.addWidget(self.clear_button)
        bottom_layout.addLayout(heading)
        bottom_layout.addWidget(self.other_button)
        bottom_layout.addWidget(self.changes, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.set_versions([], writable=False)
        self.show_diff(None)

    # -- what the controller tells it ---------------------------------------------------------
    def set_versions(self, versions: list, *, writable: bool, current: str | None = None
                     ) -> None:
        self.list.clear()
        for info in versions:
            item = QTreeWidgetItem([info.label or info.id, info.created.replace("T", " ")
                                    .removesuffix("Z"), info.author or "", str(info.touchpoints)])
            item.setData(0, ID_ROLE, info.id)
            item.setToolTip(0, f"{info.label or '(no label)'} — id {info.id}")
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
            self.list.addTopLevelItem(item)
            if info.id == current:
                item.setSelected(True)
        for column in range(4):
            self.list.resizeColumnToContents(column)
        self.empty_note.setVisible(not versions)
        self.writable = writable
        self.label_edit.setEnabled(writable)
        self.snapshot_button.setEnabled(writable)
        self._selection_changed()

    def selected_version(self) -> str | None:
        items = self.list.selectedItems()
        return items[0].data(0, ID_ROLE) if items else None

    def select_version(self, version_id: str) -> None:
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            item.setSelected(item.data(0, ID_ROLE) == version_id)

    def show_undo_delete(self, label: str | None) -> None:
        self.undo_button.setVisible(label is not None)
        if label is not None:
            self.undo_button.setText(f"Undo delete of {label}")

    def show_diff(self, diff: MapDiff | None) -> None:
        """The change list of `diff` (None: nothing compared)."""
        self.changes.clear()
        self.clear_button.setEnabled(diff is not None)
        if diff is None:
            self.changes_title.setText("Changes — compare the map with a version or another "
                                       "map to see what changes.")
            return
        count = diff.count()
        self.changes_title.setText(
            f"Changes from {diff.old_name} to {diff.new_name}: "
            + (f"{count} change{'s' if count != 1 else ''}" if count else "none"))
        for kind, item, detail, ids in change_rows(diff):
            row = QTreeWidgetItem([kind, item, detail])
            row.setData(0, ID_ROLE, ids)
            row.setToolTip(1, item)
            row.setToolTip(2, detail)
            self.changes.addTopLevelItem(row)

    # -- internals ------------------------------------------------------------------------------
    def _snapshot(self) -> None:
        if self.writable:
            self.snapshot_requested.emit(self.label_edit.text())
            self.label_edit.clear()

    def _emit(self, signal) -> None:
        version = self.selected_version()
        if version is not None:
            signal.emit(version)

    def _selection_changed(self) -> None:
        chosen = self.selected_version() is not None
        for key, button in self.buttons.items():
            needs_writer = key in ("to_be", "delete")
            button.setEnabled(chosen and (self.writable or not needs_writer))

    def _change_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        ids = item.data(0, ID_ROLE) or []
        if ids:
            self.cards_chosen.emit(list(ids))


def change_rows(diff: MapDiff) -> list[tuple[str, str, str, list[str]]]:
    """(kind, item, detail, card ids on the new map) of every change, in the diff's order."""
    rows = []
    for what, named in (("stage", diff.stages), ("lane", diff.lanes), ("role", diff.roles)):
        rows += [(f"{what} added", name, "", []) for name in named.added]
        rows += [(f"{what} removed", name, "", []) for name in named.removed]
        rows += [(f"{what} renamed", new, f"was {old}", []) for old, new in named.renamed]
        if named.reordered:
            rows.append((f"{what}s reordered", "", "", []))
    for name, (old, new) in diff.map_fields.items():
        rows.append(("map changed", name.replace("_", " "),
                     f"{shown_value(old)} → {shown_value(new)}", []))
    rows += [("added", title, "", [tp_id]) for tp_id, title in diff.added]
    rows += [("removed", title, "", []) for _id, title in diff.removed]
    rows += [("moved", m.title, f"{m.old_cell.stage} · {m.old_cell.lane} → "
              f"{m.new_cell.stage} · {m.new_cell.lane}", [m.new_id]) for m in diff.moved]
    for c in diff.changed:
        detail = "; ".join(f"{name.replace('_', ' ')}: {shown_value(old)} → {shown_value(new)}"
                           for name, (old, new) in c.fields.items())
        rows.append(("changed", c.title, detail, [c.new_id]))
    rows += [("RACI", r.touchpoint, f"{r.role}: {r.old or '–'} → {r.new or '–'}",
              [r.touchpoint_id]) for r in diff.raci]
    rows += [("link added", f"{c.source} → {c.target}", "", [c.source_id, c.target_id])
             for c in diff.connections_added]
    pairs = diff.touchpoint_pairs
    rows += [("link removed", f"{c.source} → {c.target}", "",
              [pairs[i] for i in (c.source_id, c.target_id) if i in pairs])
             for c in diff.connections_removed]
    rows += [("link changed", f"{c.source} → {c.target}", ", ".join(c.fields), [])
             for c in diff.connections_changed]
    for key, (old, new) in diff.figures.items():
        if old != new:
            rows.append(("figure", FIGURE_NAMES.get(key, key),
                         f"{shown_value(old)} → {shown_value(new)}", []))
    return rows
