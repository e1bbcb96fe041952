"""The open workspace and the maps open in the window, without any widget.

- One `Document` and one `QUndoStack` per map opened since the workspace was opened; the
  stacks live in the window's `QUndoGroup`, so Edit ▸ Undo follows the map on screen and
  every map keeps its own history while the window lives.
- Saving is the core's `journeymap.storage.Autosave`, the one path the tests and benches use
  too: every committed change is saved at once, a failed one is retried with the next
  change. The session only turns its callbacks into Qt signals: `save_failed(sentence)`
  for the status bar, and `saved`, emitted only when no change of any open map is unsaved.
- Workspace-level undo is separate from the maps' stacks: deleting a map keeps the Map in
  memory (and the workspace makes a backup first); `restore_deleted()` adds it back with its
  id. It is separate because a deleted map has no stack left to hold the step, and undoing
  Ctrl+Z inside a map should never resurrect a different map.
- Read-only (a locked or write-protected workspace opened to look at): the autosave marks the
  documents read-only, so they refuse every edit with one clear sentence, which the canvas
  and inspector show as they show any refusal.
- On a server, a map is edited under its edit lease: one that someone else is editing opens
  read-only (`busy`), and the session gives back a map's lease when the window moves on to
  another map (`leave`). Others' changes arrive as notices, polled here every half second
  and turned into `others_changed(map ids, kinds)`; every few seconds the maps held by
  others are checked too, so a lease freed by a crash is seen without a notice.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from journeymap.document import Document, duplicate_map
from journeymap.errors import JourneymapError
from journeymap.model import Map
from journeymap.storage import Autosave, MapSummary, Workspace

from .undo import UndoBinding

log = logging.getLogger(__name__)

NOTICE_POLL_MS = 500  # others' changes show within about a second (the issue asks two)
LEASE_CHECK_TICKS = 4  # and a map held by someone who crashed frees itself in two seconds


def version_key(map_id: str, version_id: str) -> str:
    """The key of an open version in `Session.open_maps` (map ids never hold an `@`)."""
    return f"{map_id}@{version_id}"


@dataclass
class OpenMap:
    document: Document
    stack: QUndoStack
    binding: UndoBinding
    listener: object = field(default=None, repr=False)


class Session(QObject):
    saved = Signal()
    save_failed = Signal(str)
    map_changed = Signal(str, list)  # map id, changes
    others_changed = Signal(object)  # {map id: set of kinds}; on a server only

    def __init__(self, workspace: Workspace, undo_group: QUndoGroup,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.undo_group = undo_group
        self.open_maps: dict[str, OpenMap] = {}
        self.deleted: list[Map] = []
        self._deleted_versions: dict[str, list] = {}
        self.versions_shown: dict[str, object] = {}  # open_maps key -> VersionInfo  # deleted map id -> its StoredVersions
        self.autosave = Autosave(workspace, on_saved=self.saved.emit,
                                 on_failed=self.save_failed.emit,
                                 on_outdated=self._outdated)
        self.busy: dict[str, str] = {}  # map id -> who edits it ("… is being edited by …")
        self._notices = None
        self._ticks = 0
        if workspace.on_server:
            self._notices = workspace.notices()
            self._poll_timer = QTimer(self)
            self._poll_timer.setInterval(NOTICE_POLL_MS)
            self._poll_timer.timeout.connect(self.poll_others)
            self._poll_timer.start()

    @property
    def readonly(self) -> bool:
        return self.workspace.readonly

    @property
    def path(self):
        return self.workspace.path

    # -- maps -------------------------------------------------------------------------------
    def summaries(self) -> list[MapSummary]:
        return self.workspace.list_maps()

    def find(self, name_or_id: str) -> MapSummary:
        return self.workspace.find_map(name_or_id)

    def open(self, map_id: str) -> OpenMap:
        """The open map `map_id`, loading it and making its undo stack on first use."""
        found = self.open_maps.get(map_id)
        if found is not None:
            return found
        taken = self.workspace.try_edit(map_id)  # on a server: this map's edit lease
        try:
            document = self.autosave.follow(Document(self.workspace.load_map(map_id)))
        except JourneymapError:
            self.workspace.end_edit(map_id)  # e.g. deleted meanwhile: keep nobody out
            raise
        if taken is not None:
            self.busy[map_id] = taken.holder_sentence
            document.read_only = (f"{taken.holder_sentence}; it is shown read-only and follows "
                                  "their saved changes until they close it.")
            document.comments_open = True  # a reviewer comments while the author edits
        stack = QUndoStack(self.undo_group)
        stack.setUndoLimit(0)  # unlimited: a workshop day of edits is a few thousand steps
        opened = OpenMap(document, stack, UndoBinding(document, stack))
        # Connected after the autosave's listener, so a change is saved before it is announced.
        opened.listener = lambda changes, m=map_id: self.map_changed.emit(m, list(changes))
        document.changed.connect(opened.listener)
        self.open_maps[map_id] = opened
        return opened

    def current_map(self, map_id: str) -> Map:
        """The freshest state of a map: the open document's, else the stored one."""
        opened = self.open_maps.get(map_id)
        return opened.document.map if opened else self.workspace.load_map(map_id)

    def add_map(self, journey_map: Map) -> Map:
        return self.workspace.add_map(journey_map)

    def rename(self, map_id: str, name: str) -> None:
        """Through the document when open, so Ctrl+Z undoes it; else straight to storage."""
        opened = self.open_maps.get(map_id)
        if opened is not None:
            opened.document.set_map_fields(name=name)
        else:
            self.workspace.rename_map(map_id, name)

    def duplicate(self, map_id: str, name: str | None = None) -> Map:
        return self.workspace.add_map(duplicate_map(self.current_map(map_id), name))

    def delete(self, map_id: str) -> Map:
        """Delete a map, keeping it in memory for `restore_deleted`; returns it."""
        kept = copy.deepcopy(self.current_map(map_id))
        versions = self.workspace.stored_versions(map_id)
        if not self.workspace.on_server:  # a server's own backups apply
            try:
                self.workspace.backup_now("before-delete")
            except JourneymapError as error:  # a failed backup must not block the user
                log.warning("%s", error)
        self.workspace.delete_map(map_id)
        self._deleted_versions[map_id] = versions
        self._forget(map_id)
        self.deleted.append(kept)
        return kept

    def restore_deleted(self) -> Map | None:
        if not self.deleted:
            return None
        journey_map = self.deleted[-1]
        versions = self._deleted_versions.get(journey_map.id, [])
        stored = self.workspace.add_map(journey_map, versions=versions)  # they come back with it
        self._deleted_versions.pop(journey_map.id, None)
        self.deleted.pop()
        return stored

    # -- versions (read-only documents, shown like maps under a key of their own) -----------
    def open_version(self, map_id: str, version) -> str:
        """Open a version read-only; returns the key `show_map` takes for it."""
        from journeymap.storage import MapRef

        key = version_key(map_id, version.id)
        if key not in self.open_maps:
            summary = self.workspace.find_map(map_id)
            document = Document(self.workspace.load(MapRef(summary, version)))
            label = f"'{version.label}'" if version.label else version.id
            document.read_only = (f"This is the version {label} of '{summary.name}'; versions "
                                  "are read-only (Versions ▸ Start a to-be from here to edit it).")
            stack = QUndoStack(self.undo_group)
            self.open_maps[key] = OpenMap(document, stack, UndoBinding(document, stack))
            self.versions_shown[key] = version
        return key

    # -- others at work (a server) ----------------------------------------------------------
    def leave(self, map_id: str) -> None:
        """The window moved on from a map: on a server, give back its lease (and drop its
        document: someone else may change it before it is shown again)."""
        if not self.workspace.on_server or map_id not in self.open_maps:
            return
        if not self.autosave.is_saved(self.open_maps[map_id].document):
            return  # its lease stays until its changes are in
        self.reload(map_id)
        self.workspace.end_edit(map_id)

    def reload(self, map_id: str) -> None:
        """Forget an open map, so the next `open` reads its newest saved state."""
        self._forget(map_id)
        self.busy.pop(map_id, None)

    def _outdated(self, document: Document) -> None:
        """Someone else saved this map after it was read here (a server whose connection
        was lost meanwhile): show their state instead, once this save has been reported."""
        map_id = document.map.id
        QTimer.singleShot(0, self, lambda: self.others_changed.emit({map_id: {"outdated"}}))

    def poll_others(self) -> None:
        """Turn the notices that arrived into one `others_changed`; look at held maps now and
        then, as a holder that died sends no notice."""
        if self._notices is None:
            return
        changed: dict[str, set[str]] = {}
        for notice in self._notices.poll():
            if notice.what == "reconnected":  # what others did meanwhile went unheard
                for map_id in self.busy:
                    changed.setdefault(map_id, set()).add("saved")
            changed.setdefault(notice.map_id, set()).add(notice.what)
        self._ticks += 1
        if self.busy and self._ticks % LEASE_CHECK_TICKS == 0:
            try:
                editing = self.workspace.editors()
            except JourneymapError as error:  # the server is away: nobody is known freed
                log.warning("%s", error)
                editing = None
            for map_id in self.busy if editing is not None else ():
                if map_id not in editing:
                    changed.setdefault(map_id, set()).add("released")
        if changed:
            self.others_changed.emit(changed)

    def _forget(self, map_id: str) -> None:
        opened = self.open_maps.pop(map_id, None)
        if opened is None:
            return
        self.autosave.forget(opened.document)  # a deleted map's failed changes no longer count
        opened.document.changed.disconnect(opened.listener)
        opened.binding.detach()
        self.undo_group.removeStack(opened.stack)
        opened.stack.deleteLater()

    # -- saving -----------------------------------------------------------------------------
    @property
    def all_saved(self) -> bool:
        """Every change of every open map is in the workspace file."""
        return self.autosave.all_saved

    def close(self) -> None:
        if self._notices is not None:
            self._poll_timer.stop()
            self._notices.close()
            self._notices = None
        for map_id in list(self.open_maps):
            self._forget(map_id)
        self.autosave.close()
        self.workspace.close()
