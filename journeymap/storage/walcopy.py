"""Reading a WAL workspace whose `-shm` file cannot be made (a read-only folder, a CD …).

SQLite then opens the file only as `immutable`, which ignores the `-wal` file and so any
changes committed there but not yet copied into the main file: the reader would silently
show an older state. When the `-wal` holds frames, the two files are copied into a private
temporary folder instead and read there, where SQLite can make its `-shm` and read them all.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from ..errors import WorkspaceError

log = logging.getLogger(__name__)

_WAL_HEADER_BYTES = 32  # a -wal no longer than its header holds no changes


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def has_unread_changes(path: Path) -> bool:
    try:
        return wal_path(path).stat().st_size > _WAL_HEADER_BYTES
    except OSError:
        return False


def private_copy(path: Path) -> Path:
    """Copies of the workspace and its -wal in a new temporary folder; returns the copy."""
    folder = Path(tempfile.mkdtemp(prefix="journeymap-read-"))
    copy = folder / path.name
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(wal_path(path), wal_path(copy))
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise WorkspaceError(
            f"The latest changes to the workspace {path} are in its file {wal_path(path).name}, "
            f"which SQLite cannot read in the read-only folder {path.parent}, and copying it "
            f"aside to read it failed ({error.strerror or error}); open it once where its "
            f"folder can be written to."
        ) from error
    log.info("Reading %s through a private copy in %s (its folder is read-only)", path, folder)
    return copy


def remove_copy(copy: Path) -> None:
    shutil.rmtree(copy.parent, ignore_errors=True)
