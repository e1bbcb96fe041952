"""Map and workspace commands of the main window: new, rename, duplicate, delete and restore a
map; open, create and switch workspaces; the recent lists.

A mixin for `MainWindow` (kept apart so the window module stays readable); it uses the
window's `session`, `_show_map`, `refresh_map_list`, `report` and `show_status`.
"""

from __future__ import annotations

import json
from pathlib import Path

from journeymap.errors import JourneymapError

from . import dialogs

UNDO_DELETE_MS = 30_000  # how long the status bar offers to undo a map deletion


class MapCommands:
    # -- map list actions -------------------------------------------------------------------
    def _writable(self) -> bool:
        if self.session is None:
            self.show_status("Open a workspace first.")
            return False
        if self.session.readonly:
            self.show_status("This workspace is open read-only (view only).")
            return False
        return True

    def new_map_interactive(self) -> None:
        if not self._writable():
            return
        from journeymap.templates import list_templates

        choice = self.new_map_dialog(self, list_templates())
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
            stored = self.session.add_map(journey_map)
        except JourneymapError as error:
            self.report("error", "Cannot create the map", str(error))
            return None
        self.refresh_map_list()
        self._show_map(stored.id)
        self.show_status(f"Created '{stored.name}'.")
        return stored.id

    def rename_map(self, map_id: str, name: str) -> bool:
        if not self._writable():
            self.refresh_map_list()
            return False
        try:
            self.session.rename(map_id, name)
        except JourneymapError as error:
            self.show_status(str(error))
            self.refresh_map_list()
            return False
        self.refresh_map_list()
        self._update_title()
        return True

    def duplicate_map(self, map_id: str) -> str | None:
        if not self._writable():
            return None
        try:
            self.inspector.finish_pending()
            stored = self.session.duplicate(map_id)
        except JourneymapError as error:
            self.report("error", "Cannot duplicate the map", str(error))
            return None
        self.refresh_map_list()
        self._show_map(stored.id)
        self.show_status(f"Made a copy: '{stored.name}'.")
        return stored.id

    def delete_map(self, map_id: str) -> bool:
        if not self._writable():
            return False
        if map_id == self.current_id:
            self.inspector.finish_pending()
        ids = [s.id for s in self.session.summaries()]
        try:
            if map_id == self.current_id:
                self._show_document(None)  # let go of its document before it is forgotten
                self.current_id = None
            deleted = self.session.delete(map_id)
        except JourneymapError as error:
            self.report("error", "Cannot delete the map", str(error))
            return False
        self.refresh_map_list()
        if self.current_id is None:
            rest = [i for i in ids if i != map_id]
            following = ids[ids.index(map_id) + 1:] if map_id in ids else []
            nxt = next((i for i in following if i in rest), rest[-1] if rest else None)
            if nxt:
                self._show_map(nxt)
            else:
                self._show_empty_state()
        self._update_restore_action()
        self.undo_delete_button.setText(f"Undo delete of '{deleted.name}'")
        self.undo_delete_button.show()
        self._undo_delete_timer.start(UNDO_DELETE_MS)
        self.show_status(f"Deleted '{deleted.name}'. Edit ▸ Restore deleted map brings it back.")
        return True

    def restore_deleted_map(self) -> str | None:
        if not self._writable() or not self.session.deleted:
            return None
        try:
            stored = self.session.restore_deleted()
        except JourneymapError as error:
            self.report("error", "Cannot restore the map", str(error))
            return None
        self.undo_delete_button.hide()
        self._update_restore_action()
        self.refresh_map_list()
        self._show_map(stored.id)
        self.show_status(f"Restored '{stored.name}'.")
        return stored.id

    def _update_restore_action(self) -> None:
        deleted = self.session.deleted if self.session else []
        action = self.actions.restore_map
        action.setEnabled(bool(deleted))
        action.setText(f"Restore deleted map '{deleted[-1].name}'" if deleted
                       else "Restore deleted map")

    # -- workspace actions ----------------------------------------------------------------
    def open_workspace_interactive(self) -> None:
        folder = self.session.path.parent if self.session else Path.home()
        path = dialogs.choose_workspace_to_open(self, folder)
        if path is not None:
            self.switch_workspace(path)

    def new_workspace_interactive(self) -> None:
        folder = self.session.path.parent if self.session else Path.home()
        path = dialogs.choose_new_workspace(self, folder)
        if path is not None:
            self.switch_workspace(path)

    def switch_workspace(self, path: Path, readonly: bool = False) -> bool:
        if self.open_workspace(path, readonly=readonly):
            if self.current_id is None and self.session is not None:
                self._open_first_map(None)
            return True
        return False

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        for path in self._recent_workspaces():
            action = menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.switch_workspace(Path(p)))
        if menu.isEmpty():
            menu.addAction("No other workspaces yet").setEnabled(False)

    def _recent_workspaces(self) -> list[str]:
        value = self.settings.value("recent/workspaces", [])
        paths = [value] if isinstance(value, str) else list(value or [])
        current = str(self.session.path) if self.session else None
        return [p for p in paths if p != current and Path(p).exists()][:8]

    def _remember_workspace(self, path: Path) -> None:
        value = self.settings.value("recent/workspaces", [])
        paths = [value] if isinstance(value, str) else list(value or [])
        paths = [str(path)] + [p for p in paths if p != str(path)]
        self.settings.setValue("recent/workspaces", paths[:10])

    def _recent_maps(self) -> dict:
        try:
            value = json.loads(str(self.settings.value("recent/maps", "{}")))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

