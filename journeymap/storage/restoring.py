"""Bringing a backup back: check it is sound, bring an older one to the current schema, and
swap every row of the workspace for the backup's in one transaction."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Connection, delete

from ..errors import WorkspaceDamagedError
from . import integrity, migrations, opening, sqlite
from .backups import BackupInfo
from .schema import ALL_TABLES, maps


@contextlib.contextmanager
def usable_copy(backup: BackupInfo) -> Iterator[Path]:
    """The backup's file, or a scratch copy upgraded to the current schema (removed after)."""
    facts = sqlite.inspect(backup.path)
    flaw = integrity.checked_problem(backup.path, immutable=facts.immutable)
    if flaw:
        raise WorkspaceDamagedError(
            f"The backup {backup.name} is damaged too ({flaw}); choose another one "
            f"(`journeymap backups` lists them)."
        )
    scratch = backup.path.with_name(backup.name + ".partial")
    try:
        if facts.version < migrations.current_version():
            yield opening.upgraded_copy(backup.path, scratch)
        else:
            yield backup.path
    finally:
        scratch.unlink(missing_ok=True)


def copy_rows(
    conn: Connection, source: Path, transaction: Callable[[str], contextlib.AbstractContextManager]
) -> None:
    """Swap all rows for those of another workspace file, in one `transaction`."""
    raw = conn.connection.driver_connection
    raw.execute("ATTACH DATABASE ? AS backup", (sqlite.uri(source, readonly=True),))
    try:
        with transaction("restore a backup") as tx:
            tx.execute(delete(maps))  # cascades to everything else
            for table in ALL_TABLES:
                names = ", ".join(f'"{column.name}"' for column in table.columns)
                tx.exec_driver_sql(
                    f'INSERT INTO main."{table.name}" ({names}) '
                    f'SELECT {names} FROM backup."{table.name}"'
                )
    finally:
        raw.execute("DETACH DATABASE backup")
