"""Dialogs of the window: a workspace that cannot be opened, and a new map from a template.

Each is a plain function returning the user's choice, so the window keeps them as
overridable hooks (`MainWindow.problem_dialog`, `MainWindow.new_map_dialog`) and tests
replace them instead of clicking through modal boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

WORKSPACE_FILTER = "Journeymap workspaces (*.journeymap);;All files (*)"
WORKSPACE_SUFFIX = ".journeymap"


@dataclass(frozen=True)
class WorkspaceChoice:
    """What to do about a workspace that could not be opened for editing."""

    action: str  # "open" (another file), "new", "readonly", or "cancel"
    path: Path | None = None


def workspace_problem_dialog(parent: QWidget | None, path: Path, message: str, *,
                             can_read_only: bool) -> WorkspaceChoice:
    """Explain why `path` cannot be edited and offer a way forward."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Journeymap — workspace not available")
    box.setText(f"<b>The workspace {path.name} cannot be opened for editing.</b>")
    box.setInformativeText(message)
    read_only = None
    if can_read_only:
        read_only = box.addButton("Open read-only (view only)", QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton("Open another workspace…", QMessageBox.ButtonRole.ActionRole)
    new = box.addButton("Create a new one…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only or other)
    box.exec()
    clicked = box.clickedButton()
    if read_only is not None and clicked is read_only:
        return WorkspaceChoice("readonly", path)
    if clicked is other:
        chosen = choose_workspace_to_open(parent, path.parent)
        return WorkspaceChoice("open", chosen) if chosen else WorkspaceChoice("cancel")
    if clicked is new:
        chosen = choose_new_workspace(parent, path.parent)
        return WorkspaceChoice("new", chosen) if chosen else WorkspaceChoice("cancel")
    return WorkspaceChoice("cancel")


def choose_workspace_to_open(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open workspace", str(folder), WORKSPACE_FILTER)
    return Path(name) if name else None


def ask_server_address(parent: QWidget | None, last: str = "") -> str | None:
    """A server workspace's URL; the password comes from ~/.pgpass or PGPASSWORD."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(
        parent, "Open server workspace",
        "PostgreSQL URL of the team workspace, e.g. postgresql://ana@db.example.org/journeys\n"
        "(the password comes from ~/.pgpass or PGPASSWORD; create the schema once with\n"
        "'journeymap init --workspace URL'):", QLineEdit.EchoMode.Normal, last)
    return text.strip() if ok and text.strip() else None


def choose_new_workspace(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Create a new workspace", str(folder / f"Journeys{WORKSPACE_SUFFIX}"),
        WORKSPACE_FILTER, options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(WORKSPACE_SUFFIX)


# -- new map ---------------------------------------------------------------------------------
BLANK_KEY = ""  # the list entry for a map without a template


class NewMapDialog(QDialog):
    """A name and a starting point: blank or one of the templates (with its description)."""

    def __init__(self, templates: list[tuple[str, str]], parent: QWidget | None = None,
                 names: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New map")
        self.setMinimumWidth(520)
        self.names = names or {}
        self.name = QLineEdit()
        self.name.setObjectName("newMapName")
        self.templates = QListWidget()
        self.templates.setObjectName("templateList")
        blank = QListWidgetItem("Blank map")
        blank.setData(Qt.ItemDataRole.UserRole, BLANK_KEY)
        blank.setToolTip("Reach, engage, enroll, retain, develop; five usual departments; no cards")
        self.templates.addItem(blank)
        for key, description in templates:
            item = QListWidgetItem(self.names.get(key, key.replace("_", " ").replace("-", " ").capitalize()))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(description)
            self.templates.addItem(item)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setObjectName("hint")
        self.templates.currentItemChanged.connect(self._show_description)
        self.templates.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create map")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Name", self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Start from"))
        layout.addWidget(self.templates, 1)
        layout.addWidget(self.description)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.templates.setCurrentRow(1 if templates else 0)
        self.name.setFocus()

    def _show_description(self, item, _previous=None) -> None:
        if item is None:
            return
        self.description.setText(item.toolTip())
        self.name.setPlaceholderText(
            "New journey" if item.data(Qt.ItemDataRole.UserRole) == BLANK_KEY else item.text())

    def choice(self) -> tuple[str, str | None]:
        """(name, template key or None for blank); an empty name takes the placeholder."""
        item = self.templates.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item else BLANK_KEY
        name = self.name.text().strip() or self.name.placeholderText()
        return name, (key or None)


def ask_new_map(parent: QWidget | None, templates: list[tuple[str, str]],
                names: dict[str, str] | None = None) -> tuple[str, str | None] | None:
    dialog = NewMapDialog(templates, parent, names)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


# -- plain file and message dialogs (the window's default hooks) ----------------------------
def message_dialog(parent, kind: str, title: str, text: str) -> None:
    icon = {"error": QMessageBox.Icon.Warning, "info": QMessageBox.Icon.Information}
    box = QMessageBox(icon.get(kind, QMessageBox.Icon.Information), f"Journeymap — {title}",
                      text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def save_file_dialog(parent, title: str, suggested: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(name) if name else None


def open_file_dialog(parent, title: str, folder: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return Path(name) if name else None


def text_dialog(parent, title: str, label: str, text: str = "") -> str | None:
    """One line of text (a map name …), or None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, f"Journeymap — {title}", label, text=text)
    return value if ok else None


def choose_dialog(parent, title: str, label: str, choices: list[str]) -> int | None:
    """The index of one of `choices`, or None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    if not choices:
        return None
    value, ok = QInputDialog.getItem(parent, f"Journeymap — {title}", label, choices, 0, False)
    return choices.index(value) if ok and value in choices else None
