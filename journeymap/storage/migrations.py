"""Schema versions. A fresh workspace gets the current tables; older files are upgraded.

`MIGRATIONS[n]` upgrades a file from schema n+1 to n+2 inside the caller's transaction, so
a failed upgrade leaves the file as it was (and a backup is made before any upgrade).
To add schema 2: change the tables in schema.py and append a function here that brings a
schema-1 file to the same shape (ALTER TABLE ... ADD COLUMN, copying data ...).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection

log = logging.getLogger(__name__)

Migration = Callable[[Connection], None]

MIGRATIONS: list[Migration] = []


def current_version() -> int:
    return 1 + len(MIGRATIONS)


def get_version(conn: Connection) -> int:
    return conn.exec_driver_sql("PRAGMA user_version").scalar_one()


def set_version(conn: Connection, version: int) -> None:
    # PRAGMA takes no bound parameters; int() keeps it a plain number.
    conn.exec_driver_sql(f"PRAGMA user_version={int(version)}")


def create(conn: Connection) -> None:
    """Create the current tables in an empty file and stamp it (caller's transaction)."""
    from .schema import APPLICATION_ID, metadata

    metadata.create_all(conn)
    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    set_version(conn, current_version())


def upgrade(conn: Connection) -> int:
    """Run the migrations a file needs, in the caller's transaction; return the new version."""
    version = get_version(conn)
    for step in range(version - 1, len(MIGRATIONS)):
        log.info("Upgrading workspace schema %s -> %s", step + 1, step + 2)
        MIGRATIONS[step](conn)
        set_version(conn, step + 2)
    return get_version(conn)
