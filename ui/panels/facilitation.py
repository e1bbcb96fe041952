"""Workshop facilitation: dot voting, a countdown timer, and hiding fields from the room.

- Dot voting: with voting on, a click on a card gives it one dot from the current
  participant (`Document.vote`, one undo step); Shift+click takes one back. Clicks in voting
  mode never drag or select, so a busy room cannot move cards by accident. An optional budget
  of dots per person is enforced; the ranking lists the cards with the most dots.
- The countdown timer lives in the toolbar so the room sees it, also in presentation mode.
  It reads a monotonic clock (injectable for tests) instead of counting ticks, so it stays
  right when the event loop is busy.
- Hide fields: what the room should not see yet (owner, RACI, votes …) is hidden on the cards.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeymap.document import Document
from journeymap.errors import JourneymapError

from ..safety import guarded
from .common import follow_changes
from .wheel import guard_wheel, guard_wheel_in

try:  # the canvas names what it can hide; keep a copy in case it is not importable
    from ui.canvas.style import HIDEABLE
except ImportError:  # pragma: no cover
    HIDEABLE = ("channel", "owner", "experience", "raci", "votes", "badges", "emotion")

HIDEABLE_LABELS = {
    "channel": "Channel",
    "owner": "Owner",
    "experience": "Experience rating",
    "raci": "RACI roles",
    "votes": "Dots (votes)",
    "badges": "Problem badges",
    "emotion": "Emotion curve",
}


# -- countdown timer --------------------------------------------------------------------------
class CountdownTimer(QWidget):
    """mm:ss countdown with minutes, start/pause and reset; turns red when time is up."""

    finished = Signal()

    def __init__(self, parent: QWidget | None = None, clock=time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("countdown")
        self.clock = clock
        self.duration = 5 * 60.0
        self._left = self.duration  # seconds left while paused
        self._started_at: float | None = None  # clock value when (re)started
        self._done = False
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 180)
        self.minutes.setValue(5)
        self.minutes.setSuffix(" min")
        self.minutes.setToolTip("Length of the timebox")
        self.minutes.valueChanged.connect(self._minutes_changed)
        self.display = QLabel()
        self.display.setObjectName("countdownDisplay")
        self.display.setMinimumWidth(64)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = QToolButton()
        self.start_button.setObjectName("timerStart")
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QToolButton()
        self.reset_button.setText("Reset")
        self.reset_button.clicked.connect(self.reset)
        self.ticker = QTimer(self)
        self.ticker.setInterval(200)
        self.ticker.timeout.connect(self.tick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(4)
        icon = QLabel("Timer")
        icon.setToolTip("Timebox for the room")
        layout.addWidget(icon)
        layout.addWidget(self.display)
        layout.addWidget(self.start_button)
        layout.addWidget(self.reset_button)
        layout.addWidget(self.minutes)
        guard_wheel(self.minutes)  # scrolling past it must not change the timebox
        self._show()

    def running(self) -> bool:
        return self._started_at is not None

    def remaining(self) -> float:
        if self._started_at is None:
            return self._left
        return max(0.0, self._left - (self.clock() - self._started_at))

    def toggle(self) -> None:
        if self.running():
            self.pause()
        else:
            self.start()

    def start(self) -> None:
        if self._done or self._left <= 0:
            self.reset()
        self._started_at = self.clock()
        self.ticker.start()
        self._show()

    def pause(self) -> None:
        self._left = self.remaining()
        self._started_at = None
        self.ticker.stop()
        self._show()

    def reset(self) -> None:
        self.ticker.stop()
        self._started_at = None
        self._done = False
        self._left = self.duration
        self._show()

    def tick(self) -> None:
        if self.running() and self.remaining() <= 0:
            self._left, self._started_at, self._done = 0.0, None, True
            self.ticker.stop()
            QApplication.beep()
            self.finished.emit()
        self._show()

    def text(self) -> str:
        seconds = int(self.remaining() + 0.999)  # 4:59.2 left shows 5:00 … 0:00.4 shows 0:01
        return f"{seconds // 60:02d}:{seconds % 60:02d}"

    def _minutes_changed(self, value: int) -> None:
        self.duration = value * 60.0
        if not self.running():
            self.reset()

    def _show(self) -> None:
        self.display.setText(self.text())
        self.display.setProperty("state", "done" if self._done else
                                 "running" if self.running() else "idle")
        self.display.style().unpolish(self.display)
        self.display.style().polish(self.display)
        self.start_button.setText("Pause" if self.running() else "Start")
        self.start_button.setToolTip("Pause the timer" if self.running() else "Start the timer")


# -- dot voting -------------------------------------------------------------------------------
class VoteClicks(QObject):
    """While installed on the canvas viewport, a click on a card votes instead of selecting."""

    voted = Signal(str, int)  # touchpoint id, +1 or -1

    def __init__(self, canvas, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas

    @guarded(fallback=False)
    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
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
        self.budget.setRange(0, 99)
        self.budget.setValue(3)
        self.budget.setSpecialValueText("no limit")
        self.budget.setToolTip("Dots each participant may give (0 = no limit)")
        self.budget.valueChanged.connect(lambda _value: self._show_budget())
        self.left = QLabel()
        self.left.setObjectName("dotsLeft")
        self.ranking = QListWidget()
        self.ranking.setObjectName("ranking")
        self.ranking.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ranking.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ranking.itemClicked.connect(
            lambda item: self.card_chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.clear = QPushButton("Clear all dots")
        self.clear.clicked.connect(self.clear_votes)

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
        layout.addWidget(QLabel("Most dots"))
        layout.addWidget(self.ranking, 1)
        layout.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignLeft)
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
        if any(c.kind == "touchpoint" for c in changes):
            self.refresh()

    def refresh(self) -> None:
        self.ranking.clear()
        cards = self.document.map.touchpoints if self.document else []
        voted = sorted((tp for tp in cards if tp.vote_total), key=lambda t: -t.vote_total)
        for tp in voted:
            item = QListWidgetItem(f"{tp.vote_total:>3}  ●  {tp.title}")
            item.setData(Qt.ItemDataRole.UserRole, tp.id)
            self.ranking.addItem(item)
        names = sorted({name for tp in cards for name in tp.votes})
        typed = self.participant.currentText()
        self.participant.blockSignals(True)
        self.participant.clear()
        self.participant.addItems(names)
        self.participant.setEditText(typed)
        self.participant.blockSignals(False)
        self.clear.setEnabled(bool(voted))
        self._show_budget()

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

    def _voting_toggled(self, on: bool) -> None:
        self.show_voting(on)
        self.voting_toggled.emit(on)

    def given(self, participant: str) -> int:
        cards = self.document.map.touchpoints if self.document else []
        return sum(tp.votes.get(participant, 0) for tp in cards)

    def vote(self, tp_id: str, delta: int = 1) -> bool:
        """Give (or take back) one dot of the current participant; False if refused."""
        if self.document is None:
            return False
        who = self.participant_name()
        if not who:
            self.status.emit("Type the participant's name before voting.")
            self.participant.setFocus()
            return False
        limit = self.budget.value()
        if delta > 0 and limit and self.given(who) >= limit:
            self.status.emit(f"{who} has used all {limit} dots; Shift+click a card to move one.")
            return False
        try:
            self.document.vote(tp_id, who, delta)
        except JourneymapError as error:
            self.status.emit(str(error))
            return False
        return True

    def clear_votes(self) -> None:
        if self.document is None:
            return
        ids = [tp.id for tp in self.document.map.touchpoints if tp.votes]
        if ids:
            self.document.batch(
                "Clear all dots",
                lambda d: [d.update("touchpoint", tp_id, votes={}) for tp_id in ids],
            )
            self.status.emit("All dots cleared (Undo brings them back).")

    def _show_budget(self) -> None:
        who = self.participant_name()
        limit = self.budget.value()
        if not who:
            self.left.setText("")
        elif limit:
            self.left.setText(f"{who}: {max(0, limit - self.given(who))} of {limit} dots left")
        else:
            self.left.setText(f"{who}: {self.given(who)} dots given")

    # -- hidden fields -----------------------------------------------------------------------
    def hidden_fields(self) -> set[str]:
        return {name for name, box in self.hide_boxes.items() if box.isChecked()}
