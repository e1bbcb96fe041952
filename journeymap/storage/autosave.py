"""The one autosave path: the editor window, the tests and the benches all save through it.

- `follow(document)`: every committed change of the document (do, undo, redo) is written at
  once with `Workspace.save_changes`, one transaction per change.
- A failed save is kept, not lost: its changes are written again with the document's next
  change, or by `retry()` (every document that waits), so once a save lands the file holds
  every edit, not just the last one. The edit itself stands in the document either way.
- `on_failed(sentence)` says why a save failed; `on_saved()` is called only when nothing of
  any followed document is left unsaved (`all_saved`), never while something still waits.
- A read-only workspace saves nothing: its documents refuse every edit with one sentence
  (`READ_ONLY`), which the canvas and the inspector show as they show any refusal.
- A restore replaces the file under the documents, so they are forgotten then: load the
  maps again and follow the new documents.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from ..commands import Change
from ..document import Document
from ..errors import JourneymapError, MapChangedElsewhereError
from .workspace import Workspace

log = logging.getLogger(__name__)

READ_ONLY = (
    "This workspace is open read-only (view only), so the map cannot be changed; "
    "open it for editing once no other Journeymap window has it."
)


@dataclass
class _Followed:
    document: Document
    listener: Callable[[list[Change]], None]
    unsaved: list[Change] = field(default_factory=list)  # changes whose save failed


class Autosave:
    """Save the followed documents' changes into `workspace` as they are committed."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        on_saved: Callable[[], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        on_outdated: Callable[[Document], None] | None = None,
    ) -> None:
        self.workspace = workspace
        self.on_saved = on_saved or (lambda: None)
        self.on_failed = on_failed or (lambda _sentence: None)
        # A document whose changes can never be saved (on a server, someone else saved the
        # map after it was read): it is made read-only; its owner forgets it and reads anew.
        self.on_outdated = on_outdated or (lambda _document: None)
        self._followed: dict[int, _Followed] = {}  # id(document) -> its entry
        workspace.restored.connect(self._forget_all)

    @property
    def all_saved(self) -> bool:
        """Every committed change of every followed document is in the workspace file."""
        return not any(entry.unsaved for entry in self._followed.values())

    def is_saved(self, document: Document) -> bool:
        """Every committed change of this one document is in the workspace."""
        entry = self._followed.get(id(document))
        return entry is None or not entry.unsaved

    def follow(self, document: Document) -> Document:
        """Save every change of `document` from now on (its map must be in the workspace)."""
        if self.workspace.readonly:
            document.read_only = READ_ONLY  # nothing to save: no edit is ever committed
            return document
        self.forget(document)
        entry = _Followed(document, lambda changes: self._changed(entry, changes))
        self._followed[id(document)] = entry
        document.changed.connect(entry.listener)
        return document

    def forget(self, document: Document) -> None:
        """Stop saving `document`; changes of it that failed to save no longer count."""
        entry = self._followed.pop(id(document), None)
        if entry is not None:
            document.changed.disconnect(entry.listener)

    def retry(self) -> bool:
        """Write again whatever failed to save; True when everything is saved now."""
        if not self.all_saved:
            self._save([e for e in self._followed.values() if e.unsaved])
        return self.all_saved

    def close(self) -> None:
        self._forget_all()
        self.workspace.restored.disconnect(self._forget_all)

    # -- saving ------------------------------------------------------------------------------
    def _changed(self, entry: _Followed, changes: list[Change]) -> None:
        entry.unsaved.extend(changes)
        self._save([entry])

    def _save(self, waiting: list[_Followed]) -> None:
        """Save each document's waiting changes in its own transaction; report once."""
        failure = None
        for entry in waiting:
            try:
                self.workspace.save_changes(entry.document.map, entry.unsaved)
            except MapChangedElsewhereError as error:  # refused whole, and ever after
                entry.document.read_only = str(error)  # (unsaved until it is forgotten)
                failure = failure or str(error)
                self.on_outdated(entry.document)
            except Exception as error:  # noqa: BLE001 - reported as a sentence, logged in full
                log.exception("Autosave of map %s failed", entry.document.map.id)
                failure = failure or _sentence(error)
            else:
                entry.unsaved = []
        if failure is not None:
            self.on_failed(failure)
        elif self.all_saved:
            self.on_saved()

    def _forget_all(self) -> None:
        for entry in list(self._followed.values()):
            self.forget(entry.document)


def _sentence(error: Exception) -> str:
    if isinstance(error, JourneymapError):
        return str(error)
    return f"Could not save the last change ({type(error).__name__}: {error})."
