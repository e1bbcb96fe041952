"""The inspector: every field of the selected touchpoint, or of the map when none is selected.

Each field commits one document command per burst of typing (about a second after the last
key, see `fields.SAVE_DELAY_MS`) or when editing finishes (Return, Tab, focus out, a pick from
a list, the selection or map changing), never per keystroke; text the model refuses stays in
the field, marked, with the reason in the status bar, and the model is unchanged.
`edit_committed` says a value reached the document (and so the autosaved workspace);
`unsaved_changed` says whether any field holds text the document does not have yet. The mouse
wheel scrolls the inspector; it changes a list or number only in the field that has focus.
The inspector holds no copy of model state: it reloads from the document whenever the document
announces a change, so undo, redo and edits made on the canvas show up here at once.

The forms it switches between: `touchpoint_form.py` (one card), `selection_form.py` (several
cards), `map_form.py` (the map itself, when no card is selected).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journeymap.document import Document

from .cells import SavingCellDelegate
from .common import follow_changes
from .fields import Field, FieldSet
from .map_form import MapForm
from .selection_form import SelectionForm
from .touchpoint_form import TouchpointForm
from .wheel import guard_wheel_in


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
        self.room_hidden: set[str] = set()
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

    def hide_from_room(self, hidden: set[str]) -> None:
        """While presenting, the fields hidden from the room are left out of the forms (an
        inspector opened in front of the room shows no more than the cards); an empty set
        shows every field again."""
        self.room_hidden = set(hidden)
        self.touchpoint.hide_from_room(self.room_hidden)
        self.multi.hide_from_room(self.room_hidden)

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
