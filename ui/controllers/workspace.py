"""The workspace the window edits: opening it (with the first-start sample, and a way out when
it cannot be opened), switching to another one, closing it, and the recent lists kept in the
settings (workspaces for File ▸ Open recent, the last map shown in each workspace)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from journeymap.errors import JourneymapError, WorkspaceReadOnlyRoleError
from journeymap.storage import Workspace
from journeymap.storage.address import ServerAddress, is_server, parse
from journeymap.storage.integrity import damaged_warning

from .. import dialogs
from ..session import Session

log = logging.getLogger(__name__)
RECENT_SHOWN, RECENT_KEPT = 8, 10


class WorkspaceController(QObject):
    """Owns the `Session` (ui/session.py) of the open workspace, or None."""

    session_opened = Signal(object)  # the new Session, once it is the one the window edits

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.session: Session | None = None
        self.sample_ids: list[str] = []  # maps of a sample workspace made at start-up

    # -- opening and closing ----------------------------------------------------------------
    def open(self, path, *, readonly: bool = False, sample_if_missing: bool = False) -> bool:
        """Open `path`, a file (the sample is made first if asked and it is missing) or a
        server's address; on trouble ask the user how to go on. Returns whether a workspace
        is now open from this call."""
        path = parse(path)
        if not isinstance(path, ServerAddress):
            path = path.absolute()
        if self.session is not None and self.session.path == path and (
                self.session.readonly == readonly):
            return True
        while True:
            try:
                workspace = self._open_or_create(path, readonly, sample_if_missing)
                break
            except WorkspaceReadOnlyRoleError as error:  # a server role that may only read
                log.info("%s", error)
                self.window.show_status(str(error))
                readonly = True
                continue
            except JourneymapError as error:
                log.warning("%s", error)
                exists = isinstance(path, ServerAddress) or path.exists()
                choice = self.window.problem_dialog(self.window, path, str(error),
                                                    can_read_only=exists and not readonly)
            if choice.action == "readonly":
                readonly = True
            elif choice.action in ("open", "new") and choice.path is not None:
                path, readonly, sample_if_missing = parse(choice.path), False, False
                if not isinstance(path, ServerAddress):
                    path = path.absolute()
            else:
                self.window.navigator.show_empty_state()
                return False
        self._set_session(Session(workspace, self.window.undo_group, self.window))
        if workspace.damage:  # opened read-only on purpose: say why it cannot be changed
            self.window.report("warning", "Damaged workspace",
                               damaged_warning(workspace.path, workspace.damage))
        return True

    def _open_or_create(self, path: Path, readonly: bool, sample_if_missing: bool) -> Workspace:
        if (sample_if_missing and not readonly and not isinstance(path, ServerAddress)
                and not path.exists()):
            from journeymap.sample import create_sample_workspace

            self.sample_ids = create_sample_workspace(path)
            self.window.show_status("Welcome! This sample workspace holds a map for each template.")
        if self.session is not None and self.session.path == path:
            self.close()  # reopening ours in another mode: let go of our lock first
        return Workspace.open(path, readonly=readonly)

    def _set_session(self, session: Session) -> None:
        self.close()
        self.session = session
        self._remember_workspace(session.path)
        self.session_opened.emit(session)

    def close(self) -> None:
        """Commit typing in progress, take the map off screen and let go of the workspace."""
        if self.session is None:
            return
        self.window.inspector.finish_pending()
        self.window.navigator.close_map()
        self.session.close()
        self.session.deleteLater()
        self.session = None

    def require_writable(self) -> bool:
        """Whether maps can be changed now; if not, the status bar says why."""
        if self.session is None:
            self.window.show_status("Open a workspace first.")
            return False
        if self.session.readonly:
            self.window.show_status("This workspace is open read-only (view only).")
            return False
        return True

    # -- switching ---------------------------------------------------------------------------
    def open_interactive(self) -> None:
        path = dialogs.choose_workspace_to_open(self.window, self._folder())
        if path is not None:
            self.switch(path)

    def open_server_interactive(self) -> None:
        servers = [p for p in self._stored_workspaces() if is_server(p)]
        text = dialogs.ask_server_address(self.window, servers[0] if servers else "")
        if text is None:
            return
        if not is_server(text):
            self.window.report("error", "Not a server address",
                               "A server workspace's address starts with postgresql://, as "
                               "in postgresql://ana@db.example.org:5432/journeys.")
            return
        try:
            address = parse(text)
        except JourneymapError as error:
            self.window.report("error", "Not a server address", str(error))
            return
        self.switch(address)

    def new_interactive(self) -> None:
        path = dialogs.choose_new_workspace(self.window, self._folder())
        if path is not None:
            self.switch(path)

    def _folder(self) -> Path:
        if self.session is None or self.session.workspace.on_server:
            return Path.home()
        return self.session.path.parent

    def switch(self, path: Path, readonly: bool = False) -> bool:
        """Edit the workspace at `path` instead, showing its first map."""
        if self.open(path, readonly=readonly):
            navigator = self.window.navigator
            if navigator.current_id is None and self.session is not None:
                navigator.open_first_map(None)
            return True
        return False

    # -- recent lists ------------------------------------------------------------------------
    def fill_recent_menu(self, menu) -> None:
        menu.clear()
        for path in self._recent_workspaces():
            action = menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.switch(p))
        if menu.isEmpty():
            menu.addAction("No other workspaces yet").setEnabled(False)

    def _stored_workspaces(self) -> list[str]:
        value = self.settings.value("recent/workspaces", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _recent_workspaces(self) -> list[str]:
        current = str(self.session.path) if self.session else None
        paths = self._stored_workspaces()
        # A server's address is kept as printed: without any password.
        return [p for p in paths
                if p != current and (is_server(p) or Path(p).exists())][:RECENT_SHOWN]

    def _remember_workspace(self, path: Path) -> None:
        paths = [str(path)] + [p for p in self._stored_workspaces() if p != str(path)]
        self.settings.setValue("recent/workspaces", paths[:RECENT_KEPT])

    def _recent_maps(self) -> dict:
        try:
            value = json.loads(str(self.settings.value("recent/maps", "{}")))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def last_map(self) -> str | None:
        """The id of the map last shown in this workspace, if the settings remember one."""
        return self._recent_maps().get(str(self.session.path)) if self.session else None

    def remember_map(self, map_id: str) -> None:
        recent = self._recent_maps()
        recent[str(self.session.path)] = map_id
        self.settings.setValue("recent/maps", json.dumps(recent))
