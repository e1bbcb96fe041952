"""The inspector's form for the map itself (shown when no card is selected): name, kind,
description, stages, lanes, personas and the A3 header."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from journeymap.document import Document
from journeymap.model import JOURNEY_KINDS

from .a3_form import A3Form
from .fields import ChoiceField, FieldSet, MultiLineField, TextField
from .form_parts import section
from .personas import PersonaEditor
from .structure import LANE_COLUMNS, STAGE_COLUMNS, ItemTable

# Changes of these kinds leave the map form as it was but for its summary line.
CARD_KINDS = frozenset({"touchpoint", "connection"})


class MapForm(QWidget):
    """The map's own fields, personas and A3 header: shown when no card is selected."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.fields = FieldSet(self._apply, self)
        self.fields.status.connect(self.status)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        kinds = [(kind.capitalize() + " journey", kind) for kind in JOURNEY_KINDS]
        for field in (
            TextField("name", required=True, label="Name"),
            ChoiceField("kind", kinds, label="Journey of"),
            MultiLineField("description", label="Description"),
        ):
            self.fields.add(field)
            field.widget.setObjectName(f"map_{field.name}")
            form.addRow(field.label, field.widget)
        self.summary = QLabel()
        self.summary.setObjectName("mapSummary")
        self.summary.setWordWrap(True)
        form.addRow("Contents", self.summary)
        self.stages = ItemTable("stage", STAGE_COLUMNS)
        self.lanes = ItemTable("lane", LANE_COLUMNS)
        for table in (self.stages, self.lanes):
            table.status.connect(self.status)
        self.personas = PersonaEditor()
        self.personas.status.connect(self.status)
        self.a3 = A3Form()
        self.a3.status.connect(self.status)

        hint = QLabel("Select a card on the canvas to edit it. These are the map's own fields.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(section("Map"))
        layout.addLayout(form)
        layout.addWidget(section("Stages"))
        layout.addWidget(self.stages)
        layout.addWidget(section("Lanes (departments)"))
        layout.addWidget(self.lanes)
        layout.addWidget(section("Personas"))
        layout.addWidget(self.personas)
        layout.addWidget(section("A3 sheet"))
        layout.addWidget(self.a3)
        layout.addStretch(1)

    def show_map(self, document: Document) -> None:
        self.document = document
        self.refresh()

    def refresh(self) -> None:
        self.fields.load(self.document.map)
        self._show_summary()
        self.stages.show_map(self.document)
        self.lanes.show_map(self.document)
        self.personas.show_map(self.document)
        self.a3.show_map(self.document)

    def changed(self, changes) -> None:
        """Cards and connections only count in the summary: a room voting or cards being moved
        must not rebuild the stage and lane tables, personas and A3 form at every step."""
        if all(c.kind in CARD_KINDS or _voting_only(c) for c in changes):
            self._show_summary()
        else:
            self.refresh()

    def _show_summary(self) -> None:
        m = self.document.map
        self.summary.setText(
            f"{len(m.stages)} stages, {len(m.lanes)} lanes, {len(m.touchpoints)} touchpoints, "
            f"{len(m.connections)} connections, {len(m.roles)} roles"
        )

    def _apply(self, name: str, value) -> None:
        self.document.set_map_fields(**{name: value})

    def finish_pending(self) -> None:
        for fields in (self.fields, self.personas.fields, self.a3.fields):
            fields.finish_pending()


VOTING_FIELDS = frozenset({"participants", "dot_budget"})  # the Facilitation panel's


def _voting_only(change) -> bool:
    return change.kind == "map" and bool(change.fields) and set(change.fields) <= VOTING_FIELDS
