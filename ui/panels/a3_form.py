"""The A3 header of a map: the lean one-page story printed above the journey.

Background, current condition, goal, analysis, countermeasures, plan and follow-up, with the
owner, date and version. Each field commits one `set_map_fields` command when editing ends.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget

from journeymap.document import Document

from .fields import FieldSet, MultiLineField, TextField

# (field, label, hint) in the order the A3 sheet prints them.
A3_LAYOUT = (
    ("owner", "Owner", "Who owns this journey and its improvement"),
    ("background", "Background", "Why this journey matters now"),
    ("current_condition", "Current condition", "What happens today, with facts"),
    ("goal", "Goal", "The measurable target"),
    ("analysis", "Analysis", "Root causes of the gap"),
    ("countermeasures", "Countermeasures", "What we will change"),
    ("plan", "Plan", "Who does what by when"),
    ("follow_up", "Follow-up", "How and when we check the effect"),
    ("date", "Date", "e.g. 2026-11"),
    ("version", "Version", "e.g. 1.2"),
)
_SINGLE_LINE = {"owner", "date", "version"}


class A3Form(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.fields = FieldSet(self._apply, self)
        self.status = self.fields.status
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for name, label, hint in A3_LAYOUT:
            if name in _SINGLE_LINE:
                field = TextField(name, label=label)
                field.widget.setPlaceholderText(hint)
            else:
                field = MultiLineField(name, label=label)
                field.widget.setPlaceholderText(hint)
            field.widget.setObjectName(f"a3_{name}")
            self.fields.add(field)
            layout.addRow(label, field.widget)

    def show_map(self, document: Document) -> None:
        self.document = document
        self.fields.load(document.map)

    def _apply(self, name: str, value) -> None:
        self.document.set_map_fields(**{name: value})
