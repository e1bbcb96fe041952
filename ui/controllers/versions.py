"""Versions of the map on screen, and diffs drawn on it: what the Versions panel asks for.

- Snapshot, list, delete (undoable while the window lives), open a version read-only (a
  document of its own that refuses every edit), start a to-be from one (a new map keeping
  every item id, so the diff matches card by card).
- Compare: the map on screen is the new side; the old side is one of its versions or
  another map. The change list fills the panel and the DiffOverlay marks the canvas; both
  follow the map while it is edited (the diff is recomputed after a pause in the edits).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from journeymap.diff import diff_maps
from journeymap.diff.compute import headline
from journeymap.document import duplicate_map
from journeymap.errors import JourneymapError
from journeymap.storage import MapRef, VersionInfo

log = logging.getLogger(__name__)
REDIFF_MS = 300


class VersionsController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._deleted: list = []  # StoredVersions, newest last (for Undo delete)
        self._old = None  # the old side of the diff shown: (name as shown, Map, its figures)
        self._overlay = None
        self._rediff = QTimer(self)
        self._rediff.setSingleShot(True)
        self._rediff.setInterval(REDIFF_MS)
        self._rediff.timeout.connect(self._recompute)

    def attach(self, panel) -> None:
        self.panel = panel
        panel.snapshot_requested.connect(self.snapshot)
        panel.open_requested.connect(self.open_version)
        panel.to_be_requested.connect(self.start_to_be)
        panel.compare_requested.connect(self.compare_with_version)
        panel.delete_requested.connect(self.delete_version)
        panel.undo_delete_requested.connect(self.undo_delete)
        panel.compare_other_requested.connect(self.compare_with_other)
        panel.clear_requested.connect(self.clear_diff)
        panel.cards_chosen.connect(self.window.navigator.select_cards)

    # -- which map --------------------------------------------------------------------------
    @property
    def _session(self):
        return self.window.session

    def base_map_id(self) -> str | None:
        """The map on screen, or the map whose version is on screen."""
        key = self.window.current_id
        if key is None or self._session is None:
            return None
        shown = self._session.versions_shown.get(key)
        return shown.map_id if shown is not None else key

    def _summary(self, map_id: str):
        return self._session.find(map_id)

    def _writable(self) -> bool:
        return self._session is not None and not self._session.readonly

    # -- listing ------------------------------------------------------------------------------
    def map_shown(self, _key: str | None = None) -> None:
        """Another map (or version) is on screen: its versions; the diff of the last one goes."""
        self.clear_diff()
        self.refresh()

    def refresh(self) -> None:
        map_id = self.base_map_id()
        if map_id is None:
            self.panel.set_versions([], writable=False)
            return
        try:
            versions = self._session.workspace.versions(map_id)
        except JourneymapError as error:
            self.window.show_status(str(error))
            versions = []
        shown = self._session.versions_shown.get(self.window.current_id)
        self.panel.set_versions(versions, writable=self._writable(),
                                current=shown.id if shown else None)

    def versions(self) -> list:
        map_id = self.base_map_id()
        return self._session.workspace.versions(map_id) if map_id else []

    def _version(self, version_id: str):
        return next((v for v in self.versions() if v.id == version_id), None)

    # -- snapshot, delete ------------------------------------------------------------------------
    def snapshot(self, label: str = "") -> str | None:
        map_id = self.base_map_id()
        if map_id is None or not self._writable():
            return None
        self.window.inspector.finish_pending()  # typed text belongs to the state saved
        try:
            info, made = self._session.workspace.snapshot(map_id, label or None)
        except JourneymapError as error:
            self.window.report("error", "Cannot save a version", str(error))
            return None
        name = f"'{info.label}'" if info.label else info.id
        self.window.show_status(f"Saved the version {name}." if made else
                                f"Nothing changed since the version {name}.")
        self.refresh()
        self.panel.select_version(info.id)
        return info.id

    def delete_version(self, version_id: str) -> None:
        info = self._version(version_id)
        if info is None or not self._writable():
            return
        try:
            stored = self._session.workspace.delete_version(version_id)
        except JourneymapError as error:
            self.window.report("error", "Cannot delete the version", str(error))
            return
        self._deleted.append(stored)
        self.panel.show_undo_delete(f"'{info.label}'" if info.label else info.id)
        self.window.show_status(f"Deleted the version {info.label or info.id}.")
        self.refresh()

    def undo_delete(self) -> None:
        if not self._deleted or not self._writable():
            return
        stored = self._deleted.pop()
        try:
            self._session.workspace.put_versions(stored.info.map_id, [stored])
        except JourneymapError as error:
            self.window.report("error", "Cannot bring the version back", str(error))
            return
        last = self._deleted[-1].info if self._deleted else None
        self.panel.show_undo_delete((f"'{last.label}'" if last.label else last.id)
                                    if last else None)
        self.refresh()

    # -- open, to-be ---------------------------------------------------------------------------
    def open_version(self, version_id: str) -> None:
        info = self._version(version_id)
        if info is None:
            return
        try:
            key = self._session.open_version(info.map_id, info)
        except JourneymapError as error:
            self.window.report("error", "Cannot open the version", str(error))
            return
        self.window.navigator.show_map(key)

    def start_to_be(self, version_id: str) -> str | None:
        info = self._version(version_id)
        if info is None or not self._writable():
            return None
        summary = self._summary(info.map_id)
        name = self.window.text_dialog(self.window, "Start a to-be", "Name of the new map:",
                                       f"{summary.name} (to-be)")
        if name is None:
            return None
        try:
            old = self._session.workspace.load(MapRef(summary, info))
            stored = self._session.add_map(duplicate_map(old, name))
        except JourneymapError as error:
            self.window.report("error", "Cannot start a to-be", str(error))
            return None
        self.window.navigator.refresh_map_list()
        self.window.navigator.show_map(stored.id)
        return stored.id

    # -- diffs ------------------------------------------------------------------------------------
    def compare_with_version(self, version_id: str) -> None:
        info = self._version(version_id)
        if info is None:
            return
        summary = self._summary(info.map_id)
        try:
            old = self._session.workspace.load(MapRef(summary, info))
        except JourneymapError as error:
            self.window.report("error", "Cannot read the version", str(error))
            return
        self.show_diff(f"{summary.name}@{info.label or info.id}", old)

    def compare_with_other(self) -> None:
        """Choose a version of this map or another map to compare the map on screen with."""
        map_id = self.base_map_id()
        if map_id is None:
            return
        choices: list[tuple[str, object]] = []
        name = self._summary(map_id).name
        for info in reversed(self.versions()):
            choices.append((f"{name} @ {info.label or info.id}  ({info.created})", info))
        for summary in self._session.summaries():
            if summary.id != map_id:
                choices.append((f"{summary.name}  (map, {summary.touchpoints} cards)", summary))
        index = self.window.choose_dialog(self.window, "Compare with version or map",
                                          "What changes from:", [text for text, _ in choices])
        if index is None:
            return
        chosen = choices[index][1]
        if isinstance(chosen, VersionInfo):
            self.compare_with_version(chosen.id)
            return
        try:
            old = self._session.current_map(chosen.id)
        except JourneymapError as error:
            self.window.report("error", "Cannot read the map", str(error))
            return
        self.show_diff(chosen.name, old)

    def show_diff(self, old_name: str, old) -> None:
        self._old = (old_name, old, headline(old))
        self._recompute()

    def current_diff(self):
        return self._overlay.diff() if self._overlay is not None else None

    def overlay(self):
        return self._overlay

    def clear_diff(self) -> None:
        self._old = None
        self._rediff.stop()
        if self._overlay is not None:
            self._overlay.detach()
            self._overlay = None
        self.panel.show_diff(None)

    def refresh_diff(self, *_args) -> None:
        """Draw the diff again (the fields hidden from the room changed)."""
        if self._old is not None:
            self._recompute()

    def map_changed(self, map_id: str, _changes: list) -> None:
        if self._old is not None and map_id == self.window.current_id:
            self._rediff.start()

    def _recompute(self) -> None:
        document = self.window.document()
        canvas = self.window.canvas
        if self._old is None or document is None or canvas is None:
            return
        old_name, old, old_figures = self._old
        diff = diff_maps(old, document.map, old_name, document.map.name,
                         old_figures=old_figures)
        scene = canvas.scene()
        if self._overlay is not None and self._overlay.scene is not scene:
            self._overlay.detach()
            self._overlay = None
        if self._overlay is None:
            from ..canvas.diff_overlay import DiffOverlay

            self._overlay = DiffOverlay(scene, self)
        self._overlay.set_diff(diff, old)
        self.panel.show_diff(diff)
        self.window.versions_dock.show()
        self.window.versions_dock.raise_()
