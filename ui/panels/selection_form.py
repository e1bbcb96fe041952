"""The inspector's form for several selected cards: the few fields that can be set on all
of them at once, in one undo step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from journeymap.document import Document

from .fields import ChoiceField, ComboTextField, FieldSet, TextField
from .form_parts import EVIDENCE_CHOICES, USUAL_CHANNELS


class SelectionForm(QWidget):
    """Several cards selected: a few fields that can be set on all of them at once."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.ids: list[str] = []
        self.heading = QLabel()
        self.heading.setObjectName("selectionHeading")
        self.fields = FieldSet(self._apply, self)
        self.fields.status.connect(self.status)
        self.form = form = QFormLayout()
        for field in (
            TextField("owner", label="Owner"),
            ComboTextField("channel", list(USUAL_CHANNELS), label="Channel"),
            ChoiceField("evidence", [("(mixed)", None), *EVIDENCE_CHOICES], label="Evidence"),
        ):
            self.fields.add(field)
            field.widget.setObjectName(f"multi_{field.name}")
            form.addRow(field.label, field.widget)
        hint = QLabel("A value typed here is given to every selected card (one undo step).")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addStretch(1)

    def hide_from_room(self, hidden: set[str]) -> None:
        """Leave out the owner and channel when they are hidden from the room."""
        for name in ("owner", "channel"):
            self.form.setRowVisible(self.fields.fields[name].widget, name not in hidden)

    def show_selection(self, document: Document, ids: list[str]) -> None:
        self.document, self.ids = document, list(ids)
        self.refresh()

    def refresh(self) -> None:
        cards = [t for t in self.document.map.touchpoints if t.id in set(self.ids)]
        self.heading.setText(f"{len(cards)} touchpoints selected")
        for name, field in self.fields.fields.items():
            values = {getattr(t, name) for t in cards}
            field.load(values.pop() if len(values) == 1 else (None if name == "evidence" else ""))

    def _apply(self, name: str, value) -> None:
        if value is None:
            return
        ids = [t.id for t in self.document.map.touchpoints if t.id in set(self.ids)]
        label = f"Edit {len(ids)} touchpoints ({name})"
        self.document.batch(label, lambda d: [d.update("touchpoint", i, **{name: value}) for i in ids])

    def finish_pending(self) -> None:
        self.fields.finish_pending()
