"""The workspace: one SQLite file (or PostgreSQL database) holding many maps, their saved
comparisons and (for a file) backups.

On a file, a writer (the editor, or a CLI command that changes things) holds a lock file so
there is only ever one; readers take no lock and never write, so `journeymap export` works
while the editor is open, and on a read-only file. On a server many write at once: a map's
items are changed only under its edit lease (server/leases.py), and every change is
announced to the other editors (LISTEN/NOTIFY).

This class holds the connection, lock and transactions; its jobs live beside it: opening.py,
map_rows.py, change_writes.py (the rows one edit needs), saved_comparisons.py, backups.py,
restoring.py, and autosave.py (saves open documents' changes through `save_changes`).
"""

from __future__ import annotations

import contextlib
import copy
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.exc import DBAPIError

from ..commands import Change
from ..errors import (
    AmbiguousNameError,
    MapBeingEditedError,
    NotFoundError,
    ValidationError,
    WorkspaceDamagedError,
    WorkspaceError,
)
from ..events import Event
from ..model import Map, new_id
from ..stamps import current_user
from ..validation import check_structure
from . import (
    change_writes,
    codec,
    integrity,
    map_rows,
    opening,
    restoring,
    rowcheck,
    saved_comparisons,
    sqlite,
    walcopy,
)
from . import versions as map_versions
from .address import ServerAddress, parse
from .backups import BackupInfo, BackupStore, valid_reason
from .lock import WriterLock
from .schema import ITEM_TABLES, comparisons, maps
from .server import connect as server_connect
from .server.editing import FileEditing, ServerEditing

log = logging.getLogger(__name__)


@dataclass
class MapSummary:
    id: str
    name: str
    touchpoints: int
    updated: str  # ISO-8601 UTC, e.g. "2026-11-23T18:44:11Z"


@dataclass(frozen=True)
class MapRef:
    """What a MAP argument names: a map, or one of its versions (read-only)."""

    map: MapSummary
    version: map_versions.VersionInfo | None = None

    @property
    def is_version(self) -> bool:
        return self.version is not None


class Workspace:
    """Open with `Workspace.open(path)`; use as a context manager or call `close()`."""

    def __init__(self, path: Path | ServerAddress, readonly: bool, engine,
                 lock: WriterLock | None) -> None:
        self.path = path  # a server's address prints without its password
        self.readonly = readonly
        self.on_server = isinstance(path, ServerAddress)
        self._engine = engine
        try:
            self._conn: Connection | None = engine.connect()
        except DBAPIError as error:
            engine.dispose()
            if self.on_server:
                raise server_connect.failure(path, "open the workspace", error) from error
            raise sqlite.unreadable(path, error.orig) from error
        self._lock = lock
        self._backups = None if self.on_server else BackupStore(path)
        # Who may change which map (server/editing.py): on a file, this writer, every map.
        self._editing = (ServerEditing(self._transaction) if self.on_server
                         else FileEditing())
        self._known: dict[str, change_writes.Known] = {}  # map id -> stored positions, per kind
        self.restored = Event()  # emit(): a restore replaced the content under open documents
        self.damage: str | None = None  # what the integrity check found; None: sound
        self._private_copy: Path | None = None  # see walcopy.py

    # -- opening and closing ---------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | ServerAddress, *, readonly: bool = False,
             allow_damaged: bool = False) -> Workspace:
        """Open a reader (no lock, never writes) or a writer (on a file, the one writer).

        `path` is a file path or a server address (`postgresql://USER@HOST:PORT/DB`).
        A writer on a file that fails its integrity check is refused with
        WorkspaceDamagedError, unless `allow_damaged` (for `restore`, the one thing that
        may then be done); a reader on one logs a warning and reads what it can.
        """
        target = parse(path)
        if isinstance(target, ServerAddress):
            from .server.opening import open_server

            return open_server(cls, target, readonly=readonly)
        path = opening.resolved(target)
        if readonly:
            return opening.open_reader(cls, path)
        return opening.open_writer(cls, path, allow_damaged)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._engine.dispose()  # the last connection checkpoints and removes the -wal
        if self._lock is not None:
            self._lock.release()
        if self._private_copy is not None:
            walcopy.remove_copy(self._private_copy)
            self._private_copy = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.readonly else "writer"
        return f"<Workspace {self.path} ({mode})>"

    # -- maps ----------------------------------------------------------------------------------
    def list_maps(self) -> list[MapSummary]:
        with self._transaction("list the maps", snapshot=True) as conn:
            self._check_rows(conn, maps, "1")
            # By code point on both kinds (a server's default collation would sort by locale).
            name = maps.c.name.collate("C") if self.on_server else maps.c.name
            rows = conn.execute(map_rows.summaries().order_by(name, maps.c.id)).all()
        return [MapSummary(*row) for row in rows]

    # -- who edits what (a server's leases; a file has one writer) -------------------------------
    def editors(self) -> dict[str, str]:
        """map id -> "user@host" of whoever holds its edit lease (always empty on a file)."""
        return self._editing.editors()

    def try_edit(self, map_id: str) -> MapBeingEditedError | None:
        """Take the edit lease of a map (a server only; a file's writer may always edit):
        None when this session may edit it, else the refusal saying who is editing it
        (`holder_sentence` without the advice to try again)."""
        if self.readonly:
            return None
        return self._editing.try_edit(map_id)

    def end_edit(self, map_id: str) -> None:
        """Give back a map's edit lease (the editor moved to another map)."""
        if self._conn is not None:
            self._editing.end(map_id)

    def notices(self):
        """Others' changes as they are committed (server/notices.py); None on a file."""
        if not self.on_server:
            return None
        from .server.notices import Notices

        def own_pid() -> int:
            with self._transaction("listen for changes") as conn:
                return conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()

        try:
            return Notices(self._engine, own_pid)
        except DBAPIError as error:
            raise server_connect.failure(self.path, "listen for changes", error) from error

    def find_map(self, name_or_id: str) -> MapSummary:
        """A map by exact id, else by exact name (which must then be unique)."""
        with self._transaction("find a map") as conn:
            self._check_rows(conn, maps, "1")
            found = conn.execute(map_rows.summaries().where(maps.c.id == name_or_id)).all()
            if not found:
                found = conn.execute(
                    map_rows.summaries().where(maps.c.name == name_or_id).order_by(maps.c.id)
                ).all()
        if not found:
            raise NotFoundError(
                f"There is no map named or with id '{name_or_id}' in the workspace {self.path}."
            )
        if len(found) > 1:
            ids = ", ".join(row.id for row in found)
            raise AmbiguousNameError(
                f"{len(found)} maps are named '{name_or_id}' (ids {ids}); name one by its id."
            )
        return MapSummary(*found[0])

    def find(self, ref: str) -> MapRef:
        """MAP or MAP@VERSION: an exact map id, else an exact map name (so a map named
        `a@b` is found); only then split at the last `@` into a map and a version id or
        exact label (a label shared by several versions is refused, listing their ids)."""
        try:
            return MapRef(self.find_map(ref))
        except NotFoundError as missing:
            head, at, tail = ref.rpartition("@")
            if not at or not head or not tail:
                raise
            try:
                summary = self.find_map(head)
            except NotFoundError:
                raise missing from None
        with self._transaction("find a version") as conn:
            found = map_versions.find(conn, summary.id, summary.name, tail)
        if found is None:
            raise NotFoundError(
                f"The map '{summary.name}' has no version with the id or label '{tail}' "
                f"('journeymap versions {head}' lists them)."
            )
        return MapRef(summary, found)

    def load(self, ref: MapRef) -> Map:
        """The map, or the state a version holds (same map id, the name it had then)."""
        if ref.version is None:
            return self.load_map(ref.map.id)
        with self._transaction("load a version", snapshot=True) as conn:
            return map_versions.load(conn, ref.version, str(self.path))

    def load_map(self, map_id: str) -> Map:
        with self._transaction("load a map", snapshot=True) as conn:
            row = conn.execute(select(maps).where(maps.c.id == map_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"There is no map with id '{map_id}' in {self.path}.")
            for table in (maps, *ITEM_TABLES.values()):
                column = "id" if table is maps else "map_id"
                self._check_rows(conn, table, f'"{column}" = :map_id', map_id=map_id)
            journey = codec.map_from_row(row)
            known = map_rows.read_items(conn, journey)
            self._editing.read(conn, map_id)
        if not self.readonly:
            self._known[map_id] = known
        return journey

    def add_map(self, m: Map, *, versions: list[map_versions.StoredVersion] = (),
                comparisons: list[dict] = ()) -> Map:
        """Store a whole map in one transaction; returns the stored copy (maybe a fresh id).

        `versions` and `comparisons` (a copy's or a restored map's history, as
        `stored_versions` and `comparisons` give them) go in the same transaction: the map
        arrives with all of it or not at all. A version id in use here gets a fresh one, and
        the comparisons follow it."""
        self._check_writer()
        check_structure(m)  # ids unique, references resolve
        with self._transaction(f"add the map '{m.name}'") as conn:
            map_id = m.id
            while not map_id or map_rows.map_exists(conn, map_id):
                map_id = new_id("map")
            now = codec.utc_now()
            conn.execute(
                maps.insert(), {**codec.map_row(m), "id": map_id, "created": now, "updated": now}
            )
            known = {kind: map_rows.insert_items(conn, m, map_id, kind) for kind in ITEM_TABLES}
            ids = map_versions.put_back(conn, [replace(v, info=replace(v.info, map_id=map_id))
                                               for v in versions]) if versions else {}
            for entry in comparisons:
                version = entry.get("version")
                saved_comparisons.insert(conn, map_id, saved_comparisons.as_text(entry["result"]),
                                         entry["created"], ids.get(version, version))
            self._editing.saved(conn, map_id, "created", counts=False)
            self._editing.read(conn, map_id)  # as made (an id used before keeps its count)
        self._known[map_id] = known
        stored = copy.deepcopy(m)
        stored.id = map_id
        return stored

    def delete_map(self, map_id: str) -> None:
        self._check_writer()
        with self._editing.leased(map_id), self._transaction("delete a map") as conn:
            # Items and comparisons go with it (ON DELETE CASCADE).
            if conn.execute(delete(maps).where(maps.c.id == map_id)).rowcount == 0:
                raise NotFoundError(f"There is no map with id '{map_id}' in {self.path}.")
            self._editing.saved(conn, map_id, "deleted")
        self._known.pop(map_id, None)
        self.end_edit(map_id)

    def rename_map(self, map_id: str, name: str) -> None:
        from ..document import checked_map_name  # the document's rule for names

        self._check_writer()
        values = {"name": checked_map_name(name), "updated": codec.utc_now()}
        with self._editing.leased(map_id), self._transaction("rename a map") as conn:
            result = conn.execute(update(maps).where(maps.c.id == map_id).values(values))
            if result.rowcount == 0:
                raise NotFoundError(f"There is no map with id '{map_id}' in {self.path}.")
            self._editing.saved(conn, map_id, "renamed")

    # -- saving edits (autosave.py calls this) -------------------------------------------------
    def save_changes(self, m: Map, changes: list[Change]) -> None:
        """Write what `changes` changed in `m` (and bump its `updated`) in one transaction.

        On a server this needs the map's edit lease, except for comments alone: a reviewer
        comments while the author edits."""
        self._check_writer()
        if not changes:
            return
        comments_only = all(change.kind == "comment" for change in changes)
        if not comments_only:
            if not self._editing.holds(m.id):
                self._known.pop(m.id, None)  # its positions are read afresh under the lease
            self._editing.take(m.id, m.name)
            self._editing.check_fresh(m.id, m.name)
        known = self._known.setdefault(m.id, {})
        if self.on_server:
            known.pop("comment", None)  # others add comments: read their positions afresh
        try:
            with self._transaction(f"save the changes to map '{m.name}'") as conn:
                plans = change_writes.write(conn, m, changes, known, codec.utc_now())
                self._editing.saved(conn, m.id, "comments" if comments_only else "saved",
                                    counts=not comments_only)
        except BaseException:
            self._known.pop(m.id, None)  # the cached positions may be ahead of the file
            raise
        change_writes.remember(known, plans)

    # -- versions ------------------------------------------------------------------------------
    def snapshot(self, map_id: str, label: str | None = None) -> tuple[map_versions.VersionInfo, bool]:
        """Save the map's stored state as a version; an identical state's existing version
        is returned instead (with False: nothing was made)."""
        self._check_writer()
        label = map_versions.checked_label(label)
        journey = self.load_map(map_id)
        with self._transaction(f"save a version of '{journey.name}'") as conn:
            made = map_versions.snapshot(conn, journey, label, current_user())
            self._editing.saved(conn, map_id, "versions", counts=False)
            return made

    def versions(self, map_id: str) -> list[map_versions.VersionInfo]:
        """Oldest first."""
        with self._transaction("list the versions", snapshot=True) as conn:
            self._check_map_exists(conn, map_id)
            return map_versions.listed(conn, map_id)

    def stored_versions(self, map_id: str) -> list[map_versions.StoredVersion]:
        """Every version of a map with its content (kept to undo deleting the map)."""
        with self._transaction("read the versions", snapshot=True) as conn:
            return map_versions.stored(conn, map_id)

    def delete_version(self, version_id: str) -> map_versions.StoredVersion:
        """Delete one version; returns it, so `put_versions` can bring it back."""
        self._check_writer()
        with self._transaction("delete a version") as conn:
            return map_versions.remove(conn, version_id, str(self.path))

    def put_versions(self, map_id: str, stored: list[map_versions.StoredVersion]
                     ) -> dict[str, str]:
        """Store versions again as they were, for map `map_id` (a restored map's id, or a
        copy's); returns {id given: id stored} (an id in use here gets a fresh one)."""
        self._check_writer()
        with self._transaction("bring versions back") as conn:
            self._check_map_exists(conn, map_id)
            return map_versions.put_back(conn, [replace(v, info=replace(v.info, map_id=map_id))
                                                for v in stored])

    # -- comparisons ---------------------------------------------------------------------------
    def save_comparison(self, map_id: str, result: dict) -> int:
        """Save a comparison with the version equal to the map's stored state (made now if
        no version holds that state)."""
        self._check_writer()
        text = saved_comparisons.as_text(result)
        with self._editing.leased(map_id):
            journey = self.load_map(map_id)
            with self._transaction("save a comparison") as conn:
                version, _made = map_versions.snapshot(conn, journey, None, current_user())
                return saved_comparisons.insert(conn, map_id, text, codec.utc_now(), version.id)

    def comparisons(self, map_id: str) -> list[dict]:
        """The saved comparisons of a map, oldest first."""
        with self._transaction("read the comparisons", snapshot=True) as conn:
            self._check_map_exists(conn, map_id)
            self._check_rows(conn, comparisons, "map_id = :map_id", map_id=map_id)
            return saved_comparisons.read(conn, map_id)

    # -- backups -------------------------------------------------------------------------------
    def backups(self) -> list[BackupInfo]:
        """Newest first."""
        self._live()
        self._check_file_backups()
        return self._backups.list()

    def _check_file_backups(self) -> None:
        if self.on_server:
            raise WorkspaceError(
                f"The workspace {self.path} is on a PostgreSQL server, whose own backups "
                f"(pg_dump, or the server's backup plan) apply; Journeymap keeps backups "
                f"only of workspace files.")

    def backup_now(self, reason: str = "manual") -> BackupInfo:
        self._check_file_backups()
        self._check_writer()
        if not isinstance(reason, str) or not valid_reason(reason):
            raise ValidationError(
                f"A backup reason is lower-case words joined by dashes, not '{reason}'."
            )
        return self._backups.make(reason)

    def restore(self, backup_name: str) -> BackupInfo:
        """Replace the content with a backup's; the current state is backed up first.

        Open documents no longer match the file: `restored` is emitted, so the autosave
        forgets them; load the maps again and follow the new documents.
        """
        self._check_file_backups()
        self._check_writer(damaged_ok=True)
        backup = self._backups.find(backup_name)
        with restoring.usable_copy(backup) as source:
            if self.damage:
                # SQLite cannot copy or rewrite a damaged file: keep its bytes, replace it.
                safety = self._backups.copy_as_is("damaged", prune=False)
                self._replace_file(source)
            else:
                safety = self._backups.make("before-restore", prune=False)
                restoring.copy_rows(self._live(), source, self._transaction)
        self._known.clear()
        self.restored.emit()
        self._backups.prune()
        log.info("Restored %s from %s", self.path, backup.name)
        return safety

    # -- helpers -------------------------------------------------------------------------------
    def _live(self) -> Connection:
        if self._conn is None:
            raise WorkspaceError(f"The workspace {self.path} is closed.")
        return self._conn

    def _check_writer(self, *, damaged_ok: bool = False) -> None:
        self._live()
        if self.readonly:
            raise WorkspaceError(
                f"The workspace {self.path} was opened read-only, so it cannot be changed."
            )
        if self.damage and not damaged_ok:
            raise integrity.damaged_error(self.path, self.damage)

    def _replace_file(self, source: Path) -> None:
        """Put a copy of `source` where the workspace is, in one rename (we hold the lock)."""
        self._conn.close()
        self._conn = None
        self._engine.dispose()
        opening.replace_with_copy(self.path, source)
        self._engine = sqlite.make_engine(self.path, writer=True)
        self._conn = self._engine.connect()
        self.damage = None

    @contextlib.contextmanager
    def _transaction(self, action: str, *, snapshot: bool = False) -> Iterator[Connection]:
        """One transaction. A `snapshot` read on a server sees one state throughout (a
        file's transaction always does): not half of someone else's save."""
        conn = self._live()
        try:
            with conn.begin():
                if snapshot and self.on_server:
                    conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                yield conn
        except (DBAPIError, sqlite3.Error) as error:
            if self.on_server:
                if getattr(error, "connection_invalidated", False):
                    self._editing.connection_lost()
                    self._known.clear()
                raise server_connect.failure(self.path, action, error) from error
            detail = getattr(error, "orig", None) or error
            if getattr(detail, "sqlite_errorname", "").startswith(
                ("SQLITE_CORRUPT", "SQLITE_NOTADB")
            ):
                raise WorkspaceDamagedError(
                    f"Could not {action} in the workspace {self.path}: it is damaged "
                    f"({detail}); {integrity.restore_hint()}."
                ) from error
            raise WorkspaceError(
                f"Could not {action} in the workspace {self.path} ({detail})."
            ) from error
        except UnicodeEncodeError as error:  # a server takes UTF-8 only: no lone surrogates
            raise WorkspaceError(
                f"Could not {action} in the workspace {self.path}: some text is not valid "
                f"Unicode ({error.reason} at character {error.start})."
            ) from error

    def _check_rows(self, conn: Connection, table, where: str, **params) -> None:
        """Refuse rows whose values the model cannot take, before anything is built on them.
        (A server's columns are typed: it refuses such values when they are written.)"""
        if self.on_server:
            return
        bad = rowcheck.first_bad_value(conn, table, where, **params)
        if bad is not None:
            raise WorkspaceDamagedError(
                f"The workspace {self.path} holds a value Journeymap cannot use: "
                f"{bad.describe()}; it was not changed, and {integrity.restore_hint()}."
            )

    def _check_map_exists(self, conn: Connection, map_id: str) -> None:
        if not map_rows.map_exists(conn, map_id):
            raise NotFoundError(f"There is no map with id '{map_id}' in {self.path}.")
