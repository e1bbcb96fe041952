"""Form fields that save while the user types, and refuse bad input visibly.

A `Field` wraps one widget and one model attribute. `load(value)` shows a model value without
emitting anything. A text field saves while you type: about a second after the last key
(`SAVE_DELAY_MS`, one single-shot timer restarted by every key) it parses its text and emits
`commit(name, value)` once, so a burst of typing is one document command, one undo step, and
is in the workspace file within a second. Focus out, Return, a choice picked, and
`finish()` (called before the selection or the map changes, and when the window closes)
commit at once, so nothing typed is lost. A value that cannot be parsed emits
`refused(name, message)` instead, and the widget is marked invalid until the next load or a
good commit, so the model is never touched by a half-typed number.

`unsaved_changed(bool)` tells whether the field holds text the model does not have yet (a
burst waiting for its timer, or refused text), so the window can say "Unsaved changes".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from journeymap.errors import ValidationError
from journeymap.validation import typed_amount

from ..safety import guarded
from .wheel import guard_wheel, has_focus

# How long after the last key a burst of typing is saved (ms).
SAVE_DELAY_MS = 1000


class InputError(ValueError):
    """Text the user typed that is not a value of the field (the message says why)."""


class CommitTextEdit(QPlainTextEdit):
    """A multi-line editor that reports when editing finishes (focus out or Ctrl+Return)."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on through the form, as in a line edit
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

    @guarded
    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    @guarded
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)


class Field(QObject):
    commit = Signal(str, object)  # attribute name, parsed value
    refused = Signal(str, str)  # attribute name, message for the status bar
    unsaved_changed = Signal(bool)  # holds text the model does not have (see module doc)

    def __init__(self, name: str, widget: QWidget, label: str | None = None) -> None:
        super().__init__(widget)
        self.name = name
        self.widget = widget
        self.label = label or name.replace("_", " ").capitalize()
        self.invalid = False
        self._loaded = None
        self._timer: QTimer | None = None
        self._announced_unsaved = False

    def _save_while_typing(self, edited) -> None:
        """Commit `SAVE_DELAY_MS` after the last `edited` signal (user edits only)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.finish)
        edited.connect(self._typed)

    def _typed(self, *_args) -> None:
        self._timer.start()
        self._announce()

    # -- for the form ------------------------------------------------------------------
    @property
    def typing(self) -> bool:
        """A burst of typing waits for its save."""
        return self._timer is not None and self._timer.isActive()

    @property
    def unsaved(self) -> bool:
        return self.typing or (self.invalid and self.is_dirty())

    def load(self, value) -> None:
        """Show `value` from the model; a field being typed into keeps the user's text."""
        if self._busy_editing() and self._loaded == value:
            return
        self._loaded = value
        if not self._shows(value):  # repainting the same value would move the cursor
            self._stop_timer()  # the model changed underneath (undo): it wins
            self.widget.blockSignals(True)
            try:
                self._show(value)
            finally:
                self.widget.blockSignals(False)
        self.mark_invalid(None)
        self._announce()

    def is_dirty(self) -> bool:
        """The widget shows something other than the last loaded value."""
        return not self._shows(self._loaded)

    def finish(self) -> None:
        """Editing finished: emit commit (parsed value) or refused (message)."""
        self._stop_timer()
        try:
            value = self.parse()
        except InputError as error:
            self.mark_invalid(str(error))
            self.refused.emit(self.name, str(error))
            self._announce()
            return
        if value != self._loaded or self.invalid:
            self.commit.emit(self.name, value)
        self._announce()

    def discard(self) -> None:
        """Forget a burst whose target is gone (the card was deleted meanwhile)."""
        self._stop_timer()
        self._announce()

    def mark_invalid(self, message: str | None) -> None:
        self.invalid = message is not None
        self.widget.setProperty("invalid", self.invalid)
        self.widget.setToolTip(message or "")
        style = self.widget.style()
        style.unpolish(self.widget)
        style.polish(self.widget)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    def _announce(self) -> None:
        unsaved = self.unsaved
        if unsaved != self._announced_unsaved:
            self._announced_unsaved = unsaved
            self.unsaved_changed.emit(unsaved)

    def _shows(self, value) -> bool:
        try:
            return self.parse() == value
        except InputError:
            return False

    # -- per widget kind ---------------------------------------------------------------
    def _show(self, value) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def parse(self):  # pragma: no cover - interface
        raise NotImplementedError

    def _busy_editing(self) -> bool:
        return self.widget.hasFocus() and self.is_dirty()


class TextField(Field):
    """One line of text; `required` refuses an empty value (a title, a name)."""

    def __init__(self, name: str, widget: QLineEdit | None = None, *, required: bool = False,
                 label: str | None = None) -> None:
        super().__init__(name, widget or QLineEdit(), label)
        self.required = required
        self.widget.editingFinished.connect(self.finish)
        self._save_while_typing(self.widget.textEdited)

    def _show(self, value) -> None:
        self.widget.setText(value or "")
        self.widget.setCursorPosition(0)

    def parse(self):
        text = self.widget.text()
        if self.required and not text.strip():
            raise InputError(f"{self.label} cannot be empty.")
        return text.strip() if self.required else text


class MultiLineField(Field):
    def __init__(self, name: str, label: str | None = None) -> None:
        super().__init__(name, CommitTextEdit(), label)
        self.widget.editingFinished.connect(self.finish)
        self._save_while_typing(self.widget.textChanged)  # loads block the widget's signals

    def _show(self, value) -> None:
        self.widget.setPlainText(value or "")

    def parse(self):
        return self.widget.toPlainText()


class NumberField(Field):
    """A decimal of zero or more, or empty for 'not planned'. Accepts 2.5 and 2,5."""

    def __init__(self, name: str, label: str | None = None, placeholder: str = "") -> None:
        super().__init__(name, QLineEdit(), label)
        self.widget.setPlaceholderText(placeholder)
        self.widget.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.widget.editingFinished.connect(self.finish)
        self._save_while_typing(self.widget.textEdited)

    def _show(self, value) -> None:
        self.widget.setText(format_number(value))

    def parse(self):
        return parse_number(self.widget.text(), self.label)


class ChoiceField(Field):
    """A fixed list of (label, value) choices; commits when one is picked."""

    def __init__(self, name: str, choices: list[tuple[str, object]], label: str | None = None):
        super().__init__(name, QComboBox(), label)
        for text, value in choices:
            self.widget.addItem(text, value)
        guard_wheel(self.widget)
        self.widget.activated.connect(lambda _index: self.finish())

    def set_choices(self, choices: list[tuple[str, object]]) -> None:
        self.widget.blockSignals(True)
        self.widget.clear()
        for text, value in choices:
            self.widget.addItem(text, value)
        self.widget.blockSignals(False)
        self._show(self._loaded)

    def _show(self, value) -> None:
        index = self.widget.findData(value)
        self.widget.setCurrentIndex(max(index, 0))

    def parse(self):
        return self.widget.currentData()

    def _busy_editing(self) -> bool:
        return False  # a pick commits at once; nothing half-typed to protect


class ComboTextField(Field):
    """Free text with suggestions (the channel): an editable combo box."""

    def __init__(self, name: str, suggestions: list[str], label: str | None = None) -> None:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        super().__init__(name, combo, label)
        self.set_suggestions(suggestions)
        guard_wheel(combo)
        combo.lineEdit().editingFinished.connect(self.finish)
        combo.activated.connect(lambda _index: self.finish())
        self._save_while_typing(combo.lineEdit().textEdited)

    def set_suggestions(self, suggestions: list[str]) -> None:
        combo = self.widget
        if [combo.itemText(i) for i in range(combo.count())] == list(suggestions):
            return  # the same list: leave the text being typed, and its cursor, alone
        line = combo.lineEdit()
        text, cursor = combo.currentText(), line.cursorPosition()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(suggestions)
        combo.setEditText(text)
        line.setCursorPosition(cursor)
        combo.blockSignals(False)

    def _show(self, value) -> None:
        self.widget.setEditText(value or "")

    def parse(self):
        return self.widget.currentText().strip()

    def _busy_editing(self) -> bool:
        return self.widget.lineEdit().hasFocus() and self.is_dirty()


class CheckField(Field):
    def __init__(self, name: str, text: str, label: str | None = None) -> None:
        super().__init__(name, QCheckBox(text), label)
        self.widget.clicked.connect(lambda _checked: self.finish())

    def _show(self, value) -> None:
        self.widget.setChecked(bool(value))

    def parse(self):
        return self.widget.isChecked()

    def _busy_editing(self) -> bool:
        return False


# -- numbers ---------------------------------------------------------------------------------
def format_number(value) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"


def parse_number(text: str, label: str) -> float | None:
    """The amount typed, by the core's rule for typed amounts (`InputError` if refused)."""
    try:
        return typed_amount(text, label)
    except ValidationError as error:
        raise InputError(str(error)) from None


class FieldSet(QObject):
    """Fields editing one object: `load(obj)` fills them, a commit calls `apply(name, value)`.

    `apply` runs the document command and raises JourneymapError when the model refuses the
    value; the field is then marked and `status` carries the model's sentence. `committed`
    is emitted once the model (and so the autosaved workspace) has the value.
    """

    status = Signal(str)
    committed = Signal(str)  # attribute name
    unsaved_changed = Signal(bool)  # any field holds text the model does not have

    def __init__(self, apply, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.apply = apply
        self.fields: dict[str, Field] = {}

    def add(self, field: Field) -> Field:
        self.fields[field.name] = field
        field.commit.connect(self._commit)
        field.refused.connect(lambda _name, message: self.status.emit(message))
        field.unsaved_changed.connect(lambda _unsaved: self.unsaved_changed.emit(self.unsaved))
        return field

    @property
    def unsaved(self) -> bool:
        return any(field.unsaved for field in self.fields.values())

    def load(self, obj) -> None:
        for name, field in self.fields.items():
            field.load(getattr(obj, name))

    def finish_pending(self) -> None:
        """Commit whatever is typed but not yet committed (before the selection changes)."""
        for field in self.fields.values():
            if field.typing or has_focus(field.widget):
                field.finish()

    def discard_pending(self) -> None:
        for field in self.fields.values():
            field.discard()

    def _commit(self, name: str, value) -> None:
        from journeymap.errors import JourneymapError

        field = self.fields[name]
        was_invalid = field.invalid
        try:
            self.apply(name, value)
        except JourneymapError as error:
            field.mark_invalid(str(error))
            self.status.emit(str(error))
            return
        field.mark_invalid(None)
        if was_invalid:
            self.status.emit("")  # the complaint about this field no longer holds
        self.committed.emit(name)
