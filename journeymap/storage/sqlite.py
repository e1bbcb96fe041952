"""Opening SQLite files: URIs, engines with our pragmas, and a look at a file before we trust it.

Nothing here writes to a file that is not (yet) known to be one of our workspaces: the first
look goes through a `mode=ro` connection and starts with the header bytes.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from ..errors import WorkspaceError
from . import migrations
from .schema import APPLICATION_ID, SQLITE_HEADER, tables_of_schema

BUSY_TIMEOUT_SECONDS = 5.0
# FULL: each autosave commit is on disk before the edit is reported saved, also through a
# power cut. Measured by bench/bench_storage.py well under the 5 ms budget per edit.
SYNCHRONOUS = "FULL"


def uri(
    path: Path, *, readonly: bool = False, immutable: bool = False, create: bool = False
) -> str:
    posix = path.absolute().as_posix()
    if sys.platform == "win32":  # pragma: no cover - drive letters need a leading slash
        posix = "/" + posix
    # As bytes: a path that is not valid UTF-8 (undecodable bytes kept as surrogates by
    # Python) still reaches SQLite as the very bytes the file system knows.
    text = "file:" + quote(os.fsencode(posix), safe="/:")
    if immutable:
        return text + "?mode=ro&immutable=1"
    if readonly:
        return text + "?mode=ro"
    return text + ("?mode=rwc" if create else "?mode=rw")


def connect_raw(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only sqlite3 connection (no implicit transactions)."""
    return sqlite3.connect(
        uri(path, readonly=True, immutable=immutable),
        uri=True,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_SECONDS,
    )


@dataclass(frozen=True)
class FileFacts:
    version: int
    immutable: bool  # readable only with immutable=1 (its -wal/-shm cannot be created)


def inspect(path: Path, *, immutable: bool = False) -> FileFacts:
    """Check that `path` is one of our workspaces and that this version can read it.

    The header bytes are checked first, so a foreign or newer file is refused before SQLite
    opens it (which, for a WAL file, would create -wal and -shm files beside it). SQLite then
    has the last word, as a newer page 1 may still sit in the -wal.

    `immutable` is for a writer that holds the lock on a file without a -wal: nobody else
    can be writing it, and a refusal then leaves no -wal/-shm files behind.
    """
    check_header(path)
    try:
        try:
            return _inspect_with(path, immutable=immutable)
        except sqlite3.OperationalError as error:
            if not _cannot_open(error):
                raise
            # e.g. a WAL file in a read-only folder: its -wal/-shm cannot be created.
            return _inspect_with(path, immutable=True)
    except sqlite3.DatabaseError as error:
        raise unreadable(path, error) from error


def _cannot_open(error: sqlite3.Error) -> bool:
    return getattr(error, "sqlite_errorname", "").startswith("SQLITE_CANTOPEN")


def unreadable(path: Path, error: sqlite3.Error) -> WorkspaceError:
    """One sentence for an SQLite error met while opening or reading a workspace."""
    from . import integrity  # it uses this module to connect

    name = getattr(error, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return WorkspaceError(
            f"The workspace {path} is locked by another program that is using it ({error}); "
            f"try again once it has finished."
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return integrity.damaged_error(path, str(error), readable=False)
    if name.startswith("SQLITE_CANTOPEN"):
        return WorkspaceError(f"The workspace {path} cannot be opened ({error}).")
    return WorkspaceError(f"The file {path} cannot be read as a Journeymap workspace ({error}).")


def check_header(path: Path) -> int:
    """Refuse anything but our own workspace at a readable schema, from its first 100 bytes."""
    check_regular_file(path)
    check_side_files(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise WorkspaceError(f"The workspace {path} cannot be read ({error.strerror}).") from error
    if not header:
        raise WorkspaceError(f"The file {path} is empty, not a Journeymap workspace.")
    if not header.startswith(SQLITE_HEADER):
        raise WorkspaceError(
            f"The file {path} is not a Journeymap workspace (it is not an SQLite database)."
        )
    if len(header) < 100:
        raise WorkspaceError(f"The workspace {path} is damaged: its header is cut short.")
    # SQLite's header: user_version at byte 60, application_id at byte 68 (big-endian).
    version = int.from_bytes(header[60:64], "big", signed=True)
    _check_marks(path, int.from_bytes(header[68:72], "big", signed=True), version)
    return version


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def check_regular_file(path: Path) -> None:
    """Refuse a missing path, and anything but a regular file, before it is opened (opening
    a FIFO would wait forever for a writer)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise WorkspaceError(f"There is no workspace at {path}.") from None
    except OSError as error:
        raise WorkspaceError(
            f"The workspace {path} cannot be read ({error.strerror or error})."
        ) from error
    if stat.S_ISREG(mode):
        return
    kind = next(
        (name for test, name in _KINDS if test(mode)), "something other than a regular file"
    )
    raise WorkspaceError(f"{path} is {kind}, not a Journeymap workspace file.")


def check_side_files(path: Path) -> None:
    """SQLite's -wal and -shm beside the file, where they exist, must be plain files too."""
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        try:
            mode = side.lstat().st_mode
        except OSError:
            continue
        if not stat.S_ISREG(mode):
            kind = next(
                (name for test, name in _KINDS if test(mode)), "something other than a regular file"
            )
            raise WorkspaceError(
                f"The workspace {path} cannot be opened: {side.name} beside it, where SQLite "
                f"keeps its journal, is {kind}; move it away."
            )


def _check_marks(path: Path, app_id: int, version: int) -> None:
    if app_id != APPLICATION_ID:
        raise WorkspaceError(
            f"The file {path} is not a Journeymap workspace (it is an SQLite database of "
            f"another program)."
        )
    newest = migrations.current_version()
    if version > newest:
        raise WorkspaceError(
            f"The workspace {path} was made by a newer Journeymap (schema {version}; this "
            f"version reads up to {newest}); open it with that newer version."
        )


def _inspect_with(path: Path, *, immutable: bool) -> FileFacts:
    conn = connect_raw(path, immutable=immutable)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    finally:
        conn.close()
    _check_marks(path, app_id, version)
    if version < 1 or not tables >= tables_of_schema(version):
        raise WorkspaceError(f"The workspace {path} is damaged: some of its tables are missing.")
    return FileFacts(version, immutable)


def make_engine(
    path: Path, *, writer: bool, immutable: bool = False, create: bool = False, wal: bool = True
) -> Engine:
    """An engine whose transactions we BEGIN ourselves (IMMEDIATE for the writer).

    `create` makes the file if missing; `wal=False` is for scratch files that are renamed or
    copied afterwards (a WAL file must not be moved without its -wal).
    """
    target = uri(path, readonly=not writer, immutable=immutable, create=create)

    def creator():
        return sqlite3.connect(
            target, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
        )

    engine = create_engine("sqlite://", creator=creator, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # sqlite3 must not BEGIN on its own
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        if not writer:
            dbapi_connection.execute("PRAGMA query_only=ON")  # a reader never writes
            return
        if wal:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute(f"PRAGMA synchronous={SYNCHRONOUS}")

    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql(begin)

    return engine
