"""The inspector's form for one touchpoint: every field of the card, its place, flow, RACI,
votes and notes. Each field commits one document command per burst of typing (see
`fields.FieldSet`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from journeymap.document import Document
from journeymap.errors import JourneymapError

from .fields import (
    CheckField,
    ChoiceField,
    ComboTextField,
    FieldSet,
    MultiLineField,
    NumberField,
    TextField,
)
from .form_parts import EVIDENCE_CHOICES, EXPERIENCE_CHOICES, USUAL_CHANNELS, section
from .raci_grid import RaciGrid

# What hiding a field from the room (`ui.canvas.style.HIDEABLE`) takes out of this form.
ROOM_FIELDS = {
    "channel": ("channel",),
    "owner": ("owner",),
    "experience": ("experience",),
    "badges": ("pain_points", "opportunities", "moment_of_truth"),
}


class TouchpointForm(QWidget):
    """All fields of one touchpoint."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.tp_id: str | None = None
        self._forms: list[QFormLayout] = []
        self.fields = FieldSet(self._apply, self)
        self.fields.status.connect(self.status)
        self.place = FieldSet(self._move, self)
        self.place.status.connect(self.status)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(section("Touchpoint"))
        layout.addLayout(self._card_form())
        self._sections: dict[str, QWidget] = {}
        layout.addWidget(self._section("badges", "Customer view"))
        layout.addLayout(self._form(
            MultiLineField("pain_points", label="Pain points"),
            MultiLineField("opportunities", label="Opportunities"),
            CheckField("moment_of_truth", "Moment of truth", label="Moment"),
        ))
        layout.addWidget(section("Planning"))
        layout.addLayout(self._form(
            NumberField("days", label="Expected days", placeholder="days to the next step"),
            NumberField("volume", label="Volume", placeholder="cases per week"),
            NumberField("cost", label="Cost", placeholder="per case"),
            MultiLineField("resources", label="Resources"),
            TextField("kpi", label="KPI"),
            ChoiceField("evidence", EVIDENCE_CHOICES, label="Evidence"),
        ))
        self.fields.fields["resources"].widget.setPlaceholderText(
            "People, budget, tools and collateral it needs")
        layout.addWidget(self._section("raci", "Responsibility (RACI)"))
        self.raci = RaciGrid()
        self.raci.status.connect(self.status)
        layout.addWidget(self.raci)
        layout.addWidget(self._section("votes", "Votes"))
        layout.addLayout(self._votes_row())
        layout.addWidget(section("Notes"))
        layout.addLayout(self._form(MultiLineField("notes", label="Notes")))
        layout.addStretch(1)

    def _section(self, hideable: str, title: str) -> QWidget:
        self._sections[hideable] = label = section(title)
        return label

    def hide_from_room(self, hidden: set[str]) -> None:
        """Leave out the fields hidden from the room (while presenting): a card's owner,
        channel, experience, badges (pain points, opportunities, moment of truth), RACI and
        votes are neither shown nor editable here then; an empty set shows them all."""
        for hideable, names in ROOM_FIELDS.items():
            for name in names:
                widget = self.fields.fields[name].widget
                for form in self._forms:
                    if form.indexOf(widget) >= 0:
                        form.setRowVisible(widget, hideable not in hidden)
        self._sections["badges"].setVisible("badges" not in hidden)
        for widget in (self._sections["raci"], self.raci):
            widget.setVisible("raci" not in hidden)
        for widget in (self._sections["votes"], self.votes, self.clear_votes):
            widget.setVisible("votes" not in hidden)

    def shown_fields(self) -> list[str]:
        """The names of the fields the form shows (tests, and what the room may see)."""
        shown = [name for name, field in self.fields.fields.items()
                 if field.widget.isVisibleTo(self)]
        if self.raci.isVisibleTo(self):
            shown.append("raci")
        if self.votes.isVisibleTo(self):
            shown.append("votes")
        return shown

    def _card_form(self) -> QFormLayout:
        form = self._form(
            TextField("title", required=True, label="Title"),
            ComboTextField("channel", list(USUAL_CHANNELS), label="Channel"),
            TextField("owner", label="Owner"),
            ChoiceField("experience", EXPERIENCE_CHOICES, label="Experience"),
            MultiLineField("description", label="Description"),
        )
        for name, label in (("stage", "Stage"), ("lane", "Lane")):
            field = self.place.add(ChoiceField(name, [], label=label))
            field.widget.setObjectName(f"field_{name}")
            form.insertRow(1 if name == "stage" else 2, label, field.widget)
        self.flow = QLabel()
        self.flow.setObjectName("flowLabel")
        self.flow.setWordWrap(True)
        self.flow.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow("Flow", self.flow)
        return form

    def _form(self, *fields) -> QFormLayout:
        form = QFormLayout()
        self._forms.append(form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in fields:
            self.fields.add(field)
            field.widget.setObjectName(f"field_{field.name}")
            form.addRow(field.label, field.widget)
        return form

    def _votes_row(self) -> QHBoxLayout:
        self.votes = QLabel()
        self.votes.setObjectName("votesLabel")
        self.votes.setWordWrap(True)
        self.clear_votes = QPushButton("Clear")
        self.clear_votes.setToolTip("Remove this card's dots")
        self.clear_votes.clicked.connect(
            lambda: self._run(lambda: self.document.update("touchpoint", self.tp_id, votes={}))
        )
        row = QHBoxLayout()
        row.addWidget(self.votes, 1)
        row.addWidget(self.clear_votes)
        return row

    # -- showing ---------------------------------------------------------------------------
    def show_touchpoint(self, document: Document, tp_id: str) -> None:
        self.document, self.tp_id = document, tp_id
        self.refresh()

    def refresh(self) -> None:
        m = self.document.map
        tp = m.touchpoint(self.tp_id)
        channels = sorted({t.channel for t in m.touchpoints if t.channel} - set(USUAL_CHANNELS))
        self.fields.fields["channel"].set_suggestions([*USUAL_CHANNELS, *channels])
        self.place.fields["stage"].set_choices([(s.name, s.id) for s in m.stages])
        self.place.fields["lane"].set_choices([(ln.name, ln.id) for ln in m.lanes])
        self.fields.load(tp)
        self.place.load(tp)
        self.raci.show_touchpoint(self.document, self.tp_id)
        self._show_flow(tp)
        self._show_votes(tp)

    def _show_flow(self, tp) -> None:
        m = self.document.map
        title = {t.id: t.title for t in m.touchpoints}
        to = [title.get(c.target, "?") + (" (loop)" if c.loop else "") for c in m.outgoing(tp.id)]
        came = [title.get(c.source, "?") for c in m.incoming(tp.id)]
        self.flow.setText(
            f"From: {', '.join(came) or '— (an entry, or unreachable)'}\n"
            f"To: {', '.join(to) or '— (a goal, or a dead end)'}"
        )

    def _show_votes(self, tp) -> None:
        total = tp.vote_total
        if not total:
            self.votes.setText("No dots yet.")
        else:
            people = ", ".join(f"{name} {count}" for name, count in sorted(tp.votes.items()))
            self.votes.setText(f"{total} dot{'s' if total != 1 else ''} — {people}")
        self.clear_votes.setEnabled(bool(total))

    # -- editing ---------------------------------------------------------------------------
    def _apply(self, name: str, value) -> None:
        self.document.update("touchpoint", self.tp_id, **{name: value})

    def _move(self, name: str, value) -> None:
        tp = self.document.map.touchpoint(self.tp_id)
        stage = value if name == "stage" else tp.stage
        lane = value if name == "lane" else tp.lane
        self.document.move_touchpoints([self.tp_id], stage, lane)

    def _run(self, edit) -> None:
        try:
            edit()
        except JourneymapError as error:
            self.status.emit(str(error))

    def finish_pending(self) -> None:
        self.fields.finish_pending()
