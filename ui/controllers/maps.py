"""The map commands: new (from a template or blank), rename, duplicate, delete and restore.

Deleting a map is undone here (Edit ▸ Restore deleted map, or the status bar's offer), not on
the map's undo stack, which is gone with it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from journeymap.errors import JourneymapError


class MapsController(QObject):
    undo_delete_offered = Signal(str)  # the deleted map's name: offer to bring it back
    undo_delete_withdrawn = Signal()  # it is back: the offer goes

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    @property
    def _session(self):
        return self.window.workspace.session

    def _writable(self) -> bool:
        return self.window.workspace.require_writable()

    def new_map_interactive(self) -> None:
        if not self._writable():
            return
        from journeymap.templates import list_templates

        choice = self.window.new_map_dialog(self.window, list_templates())
        if choice is not None:
            self.new_map(*choice)

    def new_map(self, name: str, template: str | None = None) -> str | None:
        """Create a map (from `template`, or blank), store it, show it; returns its id."""
        if not self._writable():
            return None
        try:
            if template:
                from journeymap.templates import build_template

                journey_map = build_template(template, name or None)
            else:
                from journeymap.templates import blank_map

                journey_map = blank_map(name or "New journey")
            stored = self._session.add_map(journey_map)
        except JourneymapError as error:
            self.window.report("error", "Cannot create the map", str(error))
            return None
        self._show_new(stored, f"Created '{stored.name}'.")
        return stored.id

    def _show_new(self, stored, message: str) -> None:
        navigator = self.window.navigator
        navigator.refresh_map_list()
        navigator.show_map(stored.id)
        self.window.show_status(message)

    def rename_map(self, map_id: str, name: str) -> bool:
        navigator = self.window.navigator
        if not self._writable():
            navigator.refresh_map_list()
            return False
        try:
            self._session.rename(map_id, name)
        except JourneymapError as error:
            self.window.show_status(str(error))
            navigator.refresh_map_list()
            return False
        navigator.refresh_map_list()
        self.window.update_title()
        return True

    def duplicate_map(self, map_id: str) -> str | None:
        if not self._writable():
            return None
        try:
            self.window.inspector.finish_pending()
            stored = self._session.duplicate(map_id)
        except JourneymapError as error:
            self.window.report("error", "Cannot duplicate the map", str(error))
            return None
        self._show_new(stored, f"Made a copy: '{stored.name}'.")
        return stored.id

    def delete_map(self, map_id: str) -> bool:
        if not self._writable():
            return False
        navigator = self.window.navigator
        on_screen = map_id == navigator.current_id
        if on_screen:
            self.window.inspector.finish_pending()
        ids = [s.id for s in self._session.summaries()]
        try:
            if on_screen:
                navigator.close_map()  # let go of its document before it is forgotten
            deleted = self._session.delete(map_id)
        except JourneymapError as error:
            self.window.report("error", "Cannot delete the map", str(error))
            return False
        navigator.refresh_map_list()
        if navigator.current_id is None:
            rest = [i for i in ids if i != map_id]
            following = ids[ids.index(map_id) + 1:] if map_id in ids else []
            nxt = next((i for i in following if i in rest), rest[-1] if rest else None)
            if nxt:
                navigator.show_map(nxt)
            else:
                navigator.show_empty_state()
        self.update_restore_action()
        self.undo_delete_offered.emit(deleted.name)
        self.window.show_status(
            f"Deleted '{deleted.name}'. Edit ▸ Restore deleted map brings it back.")
        return True

    def restore_deleted_map(self) -> str | None:
        if not self._writable() or not self._session.deleted:
            return None
        try:
            stored = self._session.restore_deleted()
        except JourneymapError as error:
            self.window.report("error", "Cannot restore the map", str(error))
            return None
        self.undo_delete_withdrawn.emit()
        self.update_restore_action()
        self._show_new(stored, f"Restored '{stored.name}'.")
        return stored.id

    def update_restore_action(self) -> None:
        """Edit ▸ Restore deleted map names the map it would bring back."""
        deleted = self._session.deleted if self._session else []
        action = self.window.actions.restore_map
        action.setEnabled(bool(deleted))
        action.setText(f"Restore deleted map '{deleted[-1].name}'" if deleted
                       else "Restore deleted map")
