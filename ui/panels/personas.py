"""The personas of a map: who travels the journey, with their goals and frustrations."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journeymap.document import Document
from journeymap.errors import JourneymapError

from .fields import FieldSet, MultiLineField, TextField


class PersonaEditor(QWidget):
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.shown_id: str | None = None  # the persona the fields show (and save to)
        self.list = QListWidget()
        self.list.setObjectName("personaList")
        self.list.setMaximumHeight(96)
        self.list.currentItemChanged.connect(self._current_changed)
        self.add_button = QPushButton("Add persona")
        self.add_button.clicked.connect(self.add_persona)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_current)

        self.fields = FieldSet(self._apply, self)
        self.fields.status.connect(self.status)
        self.detail = QWidget()
        form = QFormLayout(self.detail)
        form.setContentsMargins(0, 0, 0, 0)
        for field in (
            TextField("name", required=True, label="Name"),
            MultiLineField("description", label="Description"),
            MultiLineField("goals", label="Goals"),
            MultiLineField("frustrations", label="Frustrations"),
        ):
            field.widget.setObjectName(f"persona_{field.name}")
            self.fields.add(field)
            form.addRow(field.label, field.widget)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.detail)

    def show_map(self, document: Document) -> None:
        self.document = document
        current = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for persona in document.map.personas:
            item = QListWidgetItem(persona.name)
            item.setData(Qt.ItemDataRole.UserRole, persona.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [p.id for p in document.map.personas]
        if ids:
            self.list.setCurrentRow(ids.index(current) if current in ids else 0)
        self._current_changed()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _current_changed(self, *_args) -> None:
        persona = self.document.map.find("persona", self.current_id()) if self.document else None
        if persona is None or persona.id != self.shown_id:
            self._finish_or_drop_typing()
        self.shown_id = persona.id if persona is not None else None
        self.detail.setVisible(persona is not None)
        self.remove_button.setEnabled(persona is not None)
        if persona is not None:
            self.fields.load(persona)

    def _finish_or_drop_typing(self) -> None:
        """Text typed for the persona shown so far goes to it, unless it is gone."""
        if self.document is not None and self.document.map.find("persona", self.shown_id):
            self.fields.finish_pending()
        else:
            self.fields.discard_pending()

    def add_persona(self) -> None:
        number = len(self.document.map.personas) + 1
        try:
            persona = self.document.add_persona(f"Persona {number}")
        except JourneymapError as error:
            self.status.emit(str(error))
            return
        ids = [p.id for p in self.document.map.personas]
        self.list.setCurrentRow(ids.index(persona.id))
        self.fields.fields["name"].widget.setFocus()
        self.fields.fields["name"].widget.selectAll()

    def remove_current(self) -> None:
        persona_id = self.current_id()
        if persona_id is None:
            return
        name = self.document.map.find("persona", persona_id).name
        try:
            self.document.remove("persona", persona_id)
        except JourneymapError as error:
            self.status.emit(str(error))
            return
        self.status.emit(f"Removed persona '{name}' (Undo brings it back).")

    def _apply(self, name: str, value) -> None:
        self.document.update("persona", self.shown_id, **{name: value})
