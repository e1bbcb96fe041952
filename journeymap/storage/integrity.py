"""Is a workspace file sound? SQLite's `PRAGMA quick_check`, and the sentences about damage.

quick_check reads every page and checks the b-trees, but skips the index-versus-table
comparison of `integrity_check`, which makes it linear in the file size (bench/
bench_integrity.py measures it). It runs once when a workspace is opened: a writer refuses a
damaged file, so nothing is ever written on top of damage, and a reader warns.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import WorkspaceDamagedError
from .sqlite import connect_raw, unreadable

# quick_check stops after this many problems; one is enough to know, a few help the log.
_MAX_PROBLEMS = 5


def problem(path: Path, *, immutable: bool = False) -> str | None:
    """What SQLite finds wrong with the file (its first complaint), or None if it is sound."""
    try:
        conn = connect_raw(path, immutable=immutable)
        try:
            rows = conn.execute(f"PRAGMA quick_check({_MAX_PROBLEMS})").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        raise  # locked, cannot open ...: not damage; the caller says what it is
    except sqlite3.DatabaseError as error:  # "database disk image is malformed" ...
        return str(error)
    found = [str(row[0]) for row in rows]
    return None if found == ["ok"] else found[0]


def checked_problem(path: Path, *, immutable: bool) -> str | None:
    """`problem`, with a file SQLite cannot even open turned into one sentence."""
    try:
        return problem(path, immutable=immutable)
    except sqlite3.OperationalError as error:
        raise unreadable(path, error) from error


def restore_hint() -> str:
    return "`journeymap backups` lists its backups and `journeymap restore BACKUP` brings one back"


def damaged_error(path: Path, detail: str, *, readable: bool = True) -> WorkspaceDamagedError:
    still = " (reading commands still work)" if readable else ""
    return WorkspaceDamagedError(
        f"The workspace {path} is damaged ({detail}), so Journeymap will not change it; "
        f"{restore_hint()}{still}."
    )


def damaged_warning(path: Path, detail: str) -> str:
    return (
        f"The workspace {path} is damaged ({detail}); what can be read is shown, but it "
        f"cannot be changed until it is restored: {restore_hint()}."
    )
