"""Workshop facilitation: dot voting, a countdown timer, and hiding fields from the room.

- Dot voting: with voting on, a click on a card gives it one dot from the current
  participant (`Document.vote`, one undo step); Shift+click takes one back. Clicks in voting
  mode never drag or select, so a busy room cannot move cards by accident. The participants
  (each with the colour of their dots), the dot budget and its enforcement are the map's
  (journeymap/voting.py); the legend lists who has how many dots left, and picks the current
  participant (number keys 1-9 on the canvas too). The ranking shares ranks on ties and
  exports as CSV; dots are cleared for everyone or one participant, undoably.
- The countdown timer is in countdown.py.
- Hide fields: what the room should not see yet (owner, RACI, votes …) is hidden on the cards.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journeymap import voting
from journeymap.document import Document
from journeymap.errors import JourneymapError
from journeymap.validation.values import BUDGET_MAXIMUM

from ..safety import guarded
from .common import follow_changes
from .wheel import guard_wheel_in

try:  # the canvas names what it can hide; keep a copy in case it is not importable
    from ui.canvas.style import HIDEABLE
except ImportError:  # pragma: no cover
    HIDEABLE = ("channel", "owner", "experience", "raci", "votes", "badges", "emotion",
                "comments")

HIDEABLE_LABELS = {
    "channel": "Channel",
    "owner": "Owner",
    "experience": "Experience rating",
    "raci": "RACI roles",
    "votes": "Dots (votes)",
    "badges": "Problem badges",
    "emotion": "Emotion curve",
    "comments": "Comment badges",
}


def _swatch(colour: str) -> QIcon:
    """A round icon in a participant's colour."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(2, 2, 12, 12)
    painter.end()
    return QIcon(pixmap)


# -- dot voting -------------------------------------------------------------------------------
class VoteClicks(QObject):
    """While installed on the canvas viewport, a click on a card votes instead of selecting."""

    voted = Signal(str, int)  # touchpoint id, +1 or -1
    participant_key = Signal(int)  # 1-9 pressed on the canvas: the n-th participant

    def __init__(self, canvas, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas

    @guarded(fallback=False)
    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9 \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.participant_key.emit(event.key() - Qt.Key.Key_0)
            return True
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            pos = self.canvas.mapToScene(event.position().toPoint())
            card = self.canvas.scene().card_at(pos)
            if card is not None:
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.voted.emit(card.tp_id, -1 if shift else 1)
                return True
        # No drags and no new cards while the room votes.
        return kind in (QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove) and bool(
            event.buttons() & Qt.MouseButton.LeftButton
        )


class FacilitationPanel(QWidget):
    """The Facilitation dock: voting controls and ranking, and the fields hidden from the room."""

    voting_toggled = Signal(bool)
    hidden_fields_changed = Signal(set)
    card_chosen = Signal(str)  # a ranked card was clicked: select it on the canvas
    export_ranking_requested = Signal()
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.voting = QPushButton("Start dot voting")
        self.voting.setObjectName("votingButton")
        self.voting.setCheckable(True)
        self.voting.toggled.connect(self._voting_toggled)
        self.participant = QComboBox()
        self.participant.setObjectName("participant")
        self.participant.setEditable(True)
        self.participant.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.participant.lineEdit().setPlaceholderText("Participant's name")
        self.participant.currentTextChanged.connect(lambda _text: self._show_budget())
        self.budget = QSpinBox()
        self.budget.setObjectName("dotBudget")
        self.budget.setRange(0, BUDGET_MAXIMUM)
        self.budget.setSpecialValueText("no limit")
        self.budget.setToolTip("Dots each participant may give (kept with the map)")
        self.budget.valueChanged.connect(self._budget_changed)
        self.left = QLabel()
        self.left.setObjectName("dotsLeft")
        self.legend = QListWidget()
        self.legend.setObjectName("participants")
        self.legend.setToolTip("Who votes, in their dots' colour, and how many dots each has "
                               "left; click one (or press 1-9 on the map) to vote as them")
        self.legend.setMaximumHeight(130)
        self.legend.itemClicked.connect(
            lambda item: self.choose_participant(item.data(Qt.ItemDataRole.UserRole)))
        self.remove_participant = QPushButton("Remove")
        self.remove_participant.setObjectName("removeParticipant")
        self.remove_participant.setToolTip("Remove the current participant and their dots")
        self.remove_participant.clicked.connect(self._remove_participant)
        self.ranking = QListWidget()
        self.ranking.setObjectName("ranking")
        self.ranking.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ranking.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ranking.itemClicked.connect(
            lambda item: self.card_chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.clear = QPushButton("Clear all dots")
        self.clear.clicked.connect(self.clear_votes)
        self.clear_one = QPushButton("Clear theirs")
        self.clear_one.setObjectName("clearOne")
        self.clear_one.setToolTip("Take away the current participant's dots")
        self.clear_one.clicked.connect(lambda: self.clear_votes(self.participant_name()))
        self.export = QPushButton("Export ranking…")
        self.export.setObjectName("exportRanking")
        self.export.setToolTip("The ranking as a CSV file (rank, card, stage, lane, dots per "
                               "participant)")
        self.export.clicked.connect(self.export_ranking_requested)

        form = QFormLayout()
        form.addRow("Participant", self.participant)
        form.addRow("Dots each", self.budget)
        form.addRow("", self.left)
        hint = QLabel("While voting, click a card to give it a dot; Shift+click takes one back.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(self._header("Dot voting"))
        layout.addWidget(self.voting)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.legend)
        layout.addWidget(self.remove_participant, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel("Most dots (tied cards share a rank)"))
        layout.addWidget(self.ranking, 1)
        buttons = QHBoxLayout()
        for button in (self.clear, self.clear_one, self.export):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self._header("Hide from the room"))
        self.hide_boxes: dict[str, QCheckBox] = {}
        for name in HIDEABLE:
            box = QCheckBox(HIDEABLE_LABELS.get(name, name.capitalize()))
            box.setObjectName(f"hide_{name}")
            box.toggled.connect(lambda _on: self.hidden_fields_changed.emit(self.hidden_fields()))
            self.hide_boxes[name] = box
            layout.addWidget(box)
        guard_wheel_in(self)

    def _header(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionHeader")
        return label

    # -- document ----------------------------------------------------------------------------
    def set_document(self, document: Document | None) -> None:
        follow_changes(self.document, document, self._on_changed)
        self.document = document
        self.refresh()

    def _on_changed(self, changes) -> None:
        if any(c.kind in ("touchpoint", "map") for c in changes):
            self.refresh()

    def refresh(self) -> None:
        self.ranking.clear()
        m = self.document.map if self.document else None
        ranked = voting.ranking(m) if m else []
        for entry in ranked:
            tp = entry.touchpoint
            item = QListWidgetItem(f"{voting.rank_text(entry):>3}  ● {entry.dots:<3} {tp.title}")
            item.setData(Qt.ItemDataRole.UserRole, tp.id)
            item.setToolTip(", ".join(f"{name} {count}" for name, count in tp.votes.items()))
            self.ranking.addItem(item)
        names = list(m.participants) if m else []
        names += sorted({n for tp in (m.touchpoints if m else []) for n in tp.votes} - set(names))
        typed = self.participant.currentText()
        self.participant.blockSignals(True)
        self.participant.clear()
        self.participant.addItems(names)
        self.participant.setEditText(typed)
        self.participant.blockSignals(False)
        self.budget.blockSignals(True)
        self.budget.setValue((m.dot_budget or 0) if m else 0)
        self.budget.setEnabled(m is not None)
        self.budget.blockSignals(False)
        self._fill_legend(m)
        self.clear.setEnabled(bool(ranked))
        self.export.setEnabled(bool(ranked))
        self._show_budget()

    def _fill_legend(self, m) -> None:
        self.legend.clear()
        if m is None:
            return
        for number, (name, colour) in enumerate(m.participants.items(), 1):
            left = voting.dots_left(m, name)
            dots = voting.given(m, name)
            state = f"{left} of {m.dot_budget} left" if left is not None else f"{dots} dots"
            key = f"{number}  " if number <= 9 else "   "
            item = QListWidgetItem(_swatch(colour), f"{key}{name} — {state}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.legend.addItem(item)
            if name == self.participant_name():
                item.setSelected(True)

    # -- voting ------------------------------------------------------------------------------
    def show_voting(self, on: bool) -> None:
        """Show whether the room is voting (the window decides; emits nothing). A vote needs a
        name, so an empty participant becomes "Room"."""
        self.voting.blockSignals(True)
        self.voting.setChecked(on)
        self.voting.blockSignals(False)
        self.voting.setText("Stop dot voting" if on else "Start dot voting")
        if on and not self.participant_name():
            self.participant.setEditText("Room")

    def participant_name(self) -> str:
        return self.participant.currentText().strip()

    def choose_participant(self, name: str) -> None:
        self.participant.setEditText(name)
        self.status.emit(f"Voting as {name}.")
        if self.document is not None:
            self._fill_legend(self.document.map)

    def choose_number(self, number: int) -> None:
        """The n-th participant of the legend (keys 1-9 on the canvas while voting)."""
        names = list(self.document.map.participants) if self.document else []
        if 1 <= number <= len(names):
            self.choose_participant(names[number - 1])
        else:
            self.status.emit(f"There is no participant {number} yet; type a name to add one.")

    def _voting_toggled(self, on: bool) -> None:
        self.show_voting(on)
        self.voting_toggled.emit(on)

    def given(self, participant: str) -> int:
        return voting.given(self.document.map, participant) if self.document else 0

    def vote(self, tp_id: str, delta: int = 1) -> bool:
        """Give (or take back) one dot of the current participant; False if refused (the
        sentence why goes to `status`, and `refused` holds it)."""
        self.refused = ""
        if self.document is None:
            return False
        who = self.participant_name()
        if not who:
            self.refused = "Type the participant's name before voting."
            self.status.emit(self.refused)
            self.participant.setFocus()
            return False
        try:
            self.document.vote(tp_id, who, delta)
        except JourneymapError as error:
            self.refused = str(error)
            self.status.emit(self.refused)
            return False
        return True

    def clear_votes(self, participant: str | None = None) -> None:
        """Everyone's dots, or one participant's, in one undoable step."""
        if self.document is None:
            return
        try:
            removed = voting.clear_votes(self.document, participant or None)
        except JourneymapError as error:
            self.status.emit(str(error))
            return
        if removed:
            whose = f"{participant}'s" if participant else "All"
            self.status.emit(f"{whose} dots cleared ({removed}); Undo brings them back.")

    def _budget_changed(self, value: int) -> None:
        if self.document is None:
            return
        try:
            voting.set_budget(self.document, value or None)
        except JourneymapError as error:
            self.status.emit(str(error))
            self.refresh()

    def _remove_participant(self) -> None:
        who = self.participant_name()
        if self.document is None or not who:
            return
        try:
            voting.remove_participant(self.document, who)
        except JourneymapError as error:
            self.status.emit(str(error))
            return
        self.participant.setEditText("")
        self.status.emit(f"Removed {who} and their dots; Undo brings them back.")

    def _show_budget(self) -> None:
        who = self.participant_name()
        m = self.document.map if self.document else None
        if not who or m is None:
            self.left.setText("")
            return
        left = voting.dots_left(m, voting.known_name(m, who) or who)
        if left is not None:
            self.left.setText(f"{who}: {left} of {m.dot_budget} dots left")
        else:
            self.left.setText(f"{who}: {self.given(who)} dots given")
        self.clear_one.setEnabled(self.given(who) > 0)
        self.remove_participant.setEnabled(voting.known_name(m, who) is not None)

    # -- hidden fields -----------------------------------------------------------------------
    def hidden_fields(self) -> set[str]:
        return {name for name, box in self.hide_boxes.items() if box.isChecked()}

