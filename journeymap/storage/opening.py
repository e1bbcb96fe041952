"""What happens before a Workspace exists: permission checks, creating a new file, upgrading,
and the order of them when a reader or the writer opens a file.

Kept apart from workspace.py so the order of the checks is easy to read: nothing here writes
to an existing file before it is known to be one of ours, at a schema we can read, writable,
and locked by us.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from sqlalchemy import Engine

from ..errors import WorkspaceError
from ..io.durable import fsync_file, fsync_folder
from . import integrity, migrations, sqlite, walcopy
from .backups import BackupStore
from .lock import WriterLock

log = logging.getLogger(__name__)


def resolved(path: Path) -> Path:
    """The real path, so two spellings of one file (a symlink, "..") share one lock file."""
    try:
        return path.resolve()
    except RuntimeError as error:  # Python 3.11 reports a symlink loop this way
        raise WorkspaceError(
            f"The workspace path {path} is a symbolic link that leads round in a loop."
        ) from error
    except OSError as error:
        raise WorkspaceError(
            f"The workspace path {path} cannot be followed ({error.strerror or error})."
        ) from error


def is_writable(path: Path) -> bool:
    # Root may write anything, so a file or folder without write bits counts as read-only too.
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def check_writable(path: Path) -> None:
    """Refuse a writer on a read-only file, or in a folder where lock/journal can't be made."""
    folder = path.parent
    if path.exists() and not is_writable(path):
        raise WorkspaceError(
            f"The workspace {path} is read-only; it can be read (list, export, check), "
            f"but make the file writable to edit it."
        )
    if folder.exists() and not is_writable(folder):
        raise WorkspaceError(
            f"The workspace {path} is read-only because its folder {folder} cannot be "
            f"written to (its lock, journal and backups live beside it)."
        )


def ensure_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkspaceError(
            f"The folder {path.parent} for the workspace {path} cannot be created "
            f"({error.strerror})."
        ) from error


def create_file(path: Path) -> None:
    """Build a new, empty workspace beside `path` and move it into place in one step."""
    scratch = path.with_name(f".{path.name}.new-{os.getpid()}")
    scratch.unlink(missing_ok=True)
    engine = sqlite.make_engine(scratch, writer=True, create=True, wal=False)
    try:
        with engine.begin() as conn:
            migrations.create(conn)
    finally:
        engine.dispose()
    fsync_file(scratch)
    os.replace(scratch, path)  # never a half-made workspace at `path`, even after a crash
    fsync_folder(path.parent)
    log.info("Created workspace %s", path)


def replace_with_copy(path: Path, source: Path) -> None:
    """Replace the file at `path` (no connection open on it) by a copy of `source`.

    The old -wal and -shm go first: SQLite would otherwise replay the old file's journal
    onto the new one.
    """
    scratch = path.with_name(f".{path.name}.restore-{os.getpid()}")
    try:
        shutil.copyfile(source, scratch)
        fsync_file(scratch)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        os.replace(scratch, path)
        fsync_folder(path.parent)
    except OSError as error:
        scratch.unlink(missing_ok=True)
        raise WorkspaceError(
            f"The workspace {path} could not be replaced by {source.name} "
            f"({error.strerror or error})."
        ) from error


def upgrade(path: Path, engine: Engine, backups: BackupStore, version: int) -> None:
    """Back up an older file, then bring it to the current schema in one transaction."""
    backups.make("before-migration")
    try:
        with engine.begin() as conn:
            migrations.upgrade(conn)
    except Exception as error:
        raise WorkspaceError(
            f"The workspace {path} could not be upgraded from schema {version} to "
            f"{migrations.current_version()} ({error}); it was left as it was."
        ) from error


def upgraded_copy(source: Path, scratch: Path) -> Path:
    """A copy of an older backup brought to the current schema (for restore)."""
    shutil.copyfile(source, scratch)
    engine = sqlite.make_engine(scratch, writer=True, wal=False)
    try:
        with engine.begin() as conn:
            migrations.upgrade(conn)
    finally:
        engine.dispose()
    return scratch


def open_reader(cls, path: Path):
    """A reader (no lock, never writes) of `cls` (the Workspace class) on `path`."""
    facts = sqlite.inspect(path)
    if facts.version < migrations.current_version():
        raise WorkspaceError(
            f"The workspace {path} was made by an older Journeymap (schema "
            f"{facts.version}); open it once for editing to upgrade it."
        )
    source, copied = path, None
    if facts.immutable and walcopy.has_unread_changes(path):
        source = copied = walcopy.private_copy(path)
        facts = sqlite.inspect(copied)
    try:
        damage = integrity.checked_problem(source, immutable=facts.immutable)
        if damage:
            log.warning("%s", integrity.damaged_warning(path, damage))
        engine = sqlite.make_engine(source, writer=False, immutable=facts.immutable)
        workspace = cls(path, True, engine, None)
    except BaseException:
        if copied is not None:
            walcopy.remove_copy(copied)
        raise
    workspace.damage, workspace._private_copy = damage, copied
    return workspace


def open_writer(cls, path: Path, allow_damaged: bool):
    """The one writer (`cls`: the Workspace class) on `path`, created if missing."""
    if path.exists():
        sqlite.check_header(path)  # refuse foreign or newer files before touching anything
    check_writable(path)
    ensure_folder(path)
    lock = WriterLock(path)
    lock.acquire()
    workspace = None
    try:
        created = not path.exists()
        if created:
            create_file(path)
        # Again, now that we hold the lock: the last writer may have changed it.
        quiet = not walcopy.wal_path(path).exists()
        facts = sqlite.inspect(path, immutable=quiet)
        damage = integrity.checked_problem(path, immutable=quiet or facts.immutable)
        if damage and not allow_damaged:
            raise integrity.damaged_error(path, damage)
        if damage:  # only restore may go on: it replaces the file, and reads meanwhile
            workspace = cls(path, False, sqlite.make_engine(path, writer=False), lock)
            workspace.damage = damage
            return workspace
        workspace = cls(path, False, sqlite.make_engine(path, writer=True), lock)
        if facts.version < migrations.current_version():
            upgrade(path, workspace._engine, workspace._backups, facts.version)
        if not created:
            workspace._backups.make_daily()
    except BaseException:
        if workspace is not None:
            workspace.close()
        lock.release()
        raise
    return workspace
