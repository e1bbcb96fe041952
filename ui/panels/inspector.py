"""The inspector: every field of the selected touchpoint, or of the map when none is selected.

Each field commits one document command per burst of typing (about a second after the last
key, see `fields.SAVE_DELAY_MS`) or when editing finishes (Return, Tab, focus out, a pick from
a list, the selection or map changing), never per keystroke; text the model refuses stays in
the field, marked, with the reason in the status bar, and the model is unchanged.
`edit_committed` says a value reached the document (and so the autosaved workspace);
`unsaved_changed` says whether any field holds text the document does not have yet. The mouse
wheel scrolls the inspector; it changes a list or number only in the field that has focus. The inspector holds no copy of model
state: it reloads from the document whenever the document announces a change, so undo, redo
and edits made on the canvas show up here at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journeymap.document import Document
from journeymap.errors import JourneymapError
from journeymap.model import EVIDENCE_LEVELS, JOURNEY_KINDS

from .a3_form import A3Form
from .cells import SavingCellDelegate
from .common import follow_changes
from .fields import (
    CheckField,
    ChoiceField,
    ComboTextField,
    Field,
    FieldSet,
    MultiLineField,
    NumberField,
    TextField,
)
from .personas import PersonaEditor
from .raci_grid import RaciGrid
from .structure import LANE_COLUMNS, STAGE_COLUMNS, ItemTable
from .wheel import guard_wheel_in

# Changes of these kinds leave the map form as it was but for its summary line.
CARD_KINDS = frozenset({"touchpoint", "connection"})
# The channels facilitators name most; the map's own channels are added to the list.
USUAL_CHANNELS = (
    "web", "email", "phone", "chat", "app", "social", "event", "in person", "mail",
    "community", "document", "video call", "store", "partner",
)
EXPERIENCE_CHOICES = [
    ("Not rated", None),
    ("+2  Delighted", 2),
    ("+1  Good", 1),
    ("0  Neutral", 0),
    ("−1  Poor", -1),
    ("−2  Painful", -2),
]
EVIDENCE_CHOICES = [
    ("Assumption — we believe it", "assumption"),
    ("Observed — we saw it happen", "observed"),
    ("Measured — we have the data", "measured"),
]
assert [value for _, value in EVIDENCE_CHOICES] == list(EVIDENCE_LEVELS)


def section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionHeader")
    return label


class TouchpointForm(QWidget):
    """All fields of one touchpoint."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.tp_id: str | None = None
        self.fields = FieldSet(self._apply, self)
        self.fields.status.connect(self.status)
        self.place = FieldSet(self._move, self)
        self.place.status.connect(self.status)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(section("Touchpoint"))
        layout.addLayout(self._card_form())
        layout.addWidget(section("Customer view"))
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
        layout.addWidget(section("Responsibility (RACI)"))
        self.raci = RaciGrid()
        self.raci.status.connect(self.status)
        layout.addWidget(self.raci)
        layout.addWidget(section("Votes"))
        layout.addLayout(self._votes_row())
        layout.addWidget(section("Notes"))
        layout.addLayout(self._form(MultiLineField("notes", label="Notes")))
        layout.addStretch(1)

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
        if all(c.kind in CARD_KINDS for c in changes):
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
        form = QFormLayout()
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


class Inspector(QScrollArea):
    """The dock's content: one of the forms above, for the current document and selection."""

    status = Signal(str)
    edit_committed = Signal(str)  # the field's attribute name, once the document has it
    unsaved_changed = Signal(bool)  # typed text waits for its save (or was refused)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document: Document | None = None
        self.selection: list[str] = []
        self.touchpoint = TouchpointForm()
        self.map_form = MapForm()
        self.multi = SelectionForm()
        self.empty = QLabel("Open or create a map to edit it here.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("hint")
        self.pages = QStackedWidget()
        for page in (self.empty, self.map_form, self.touchpoint, self.multi):
            self.pages.addWidget(page)
            if hasattr(page, "status"):
                page.status.connect(self.status)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addWidget(self.pages)
        self.setWidget(holder)
        guard_wheel_in(self)
        self._unsaved = False
        self.field_sets = holder.findChildren(FieldSet)
        for fields in self.field_sets:
            fields.committed.connect(self.edit_committed)
            fields.unsaved_changed.connect(self._field_unsaved_changed)
        self.cell_delegates = holder.findChildren(SavingCellDelegate)
        for delegate in self.cell_delegates:
            delegate.unsaved_changed.connect(self._field_unsaved_changed)
            delegate.committed.connect(self.edit_committed)

    @property
    def unsaved(self) -> bool:
        return any(fields.unsaved for fields in self.field_sets) or any(
            delegate.unsaved for delegate in self.cell_delegates)

    def _field_unsaved_changed(self, _unsaved: bool) -> None:
        unsaved = self.unsaved
        if unsaved != self._unsaved:
            self._unsaved = unsaved
            self.unsaved_changed.emit(unsaved)

    def field(self, name: str) -> Field:
        """The field `name` of the page shown (e.g. "title" of the selected card)."""
        return self.pages.currentWidget().fields.fields[name]

    def set_document(self, document: Document | None) -> None:
        self.finish_pending()
        follow_changes(self.document, document, self._on_changed)
        self.document = document
        self.selection = []
        self.refresh()

    def set_selection(self, ids: list[str]) -> None:
        if list(ids) == self.selection:
            return  # e.g. the canvas announcing "nothing selected" for a map just shown
        self.finish_pending()
        self.selection = list(ids)
        self.refresh()

    def finish_pending(self) -> None:
        """Commit a field being typed into, to the item it belongs to, before switching."""
        if self.document is None:
            return
        for delegate in self.cell_delegates:
            delegate.finish_pending()
        page = self.pages.currentWidget()
        if hasattr(page, "finish_pending"):
            page.finish_pending()

    def refresh(self) -> None:
        doc = self.document
        if doc is None:
            self._show_page(self.empty)
            return
        live = [i for i in self.selection if doc.map.touchpoint(i) is not None]
        if live != self.selection:  # cards went away under the form (undo of a paste)
            for fields in self.field_sets:
                fields.discard_pending()
        self.selection = live
        if len(live) == 1:
            self.touchpoint.show_touchpoint(doc, live[0])
            self._show_page(self.touchpoint)
        elif live:
            self.multi.show_selection(doc, live)
            self._show_page(self.multi)
        else:
            self.map_form.show_map(doc)
            self._show_page(self.map_form)

    def _show_page(self, page: QWidget) -> None:
        """Show `page`; the others stop counting for the height, so no needless scrolling."""
        ignored, preferred = QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        for index in range(self.pages.count()):
            other = self.pages.widget(index)
            other.setSizePolicy(preferred if other is page else ignored,
                                preferred if other is page else ignored)
        self.pages.setCurrentWidget(page)
        self.pages.adjustSize()

    def _on_changed(self, changes) -> None:
        if self.pages.currentWidget() is self.map_form and not self.selection:
            self.map_form.changed(changes)
        else:
            self.refresh()
