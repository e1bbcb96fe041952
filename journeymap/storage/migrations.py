"""Schema versions. A fresh workspace gets the current tables; older files are upgraded.

`MIGRATIONS[n]` upgrades a file from schema n+1 to n+2 inside the caller's transaction, so
a failed upgrade leaves the file as it was (and a backup is made before any upgrade).
To add a schema: change the tables in schema.py and append a function here that brings a
file of the schema before to the same shape (ALTER TABLE ... ADD COLUMN, copying data ...).
Schema 2 added map versions, schema 3 workshop participants, schema 4 comments.
Server workspaces (PostgreSQL) began at schema 4: steps from 4 on must run on both kinds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection

log = logging.getLogger(__name__)

Migration = Callable[[Connection], None]



def _add_versions(conn: Connection) -> None:
    """Schema 1 -> 2: versions of maps, and the version each saved comparison ran against.
    Plain DDL (not schema.py's tables), so this step stays what it was when schema.py moves on."""
    conn.exec_driver_sql(
        "CREATE TABLE versions ("
        " seq INTEGER NOT NULL PRIMARY KEY,"
        " id VARCHAR NOT NULL UNIQUE,"
        " map_id VARCHAR NOT NULL REFERENCES maps (id) ON DELETE CASCADE,"
        " label TEXT, created TEXT NOT NULL, author TEXT,"
        " touchpoints INTEGER NOT NULL, digest VARCHAR NOT NULL, content TEXT NOT NULL)"
    )
    conn.exec_driver_sql("CREATE INDEX versions_map ON versions (map_id, digest)")
    conn.exec_driver_sql("ALTER TABLE comparisons ADD COLUMN version VARCHAR")


def _add_participants(conn: Connection) -> None:
    """Schema 2 -> 3: a map's workshop participants (name -> dot colour) and dot budget."""
    conn.exec_driver_sql("ALTER TABLE maps ADD COLUMN participants TEXT NOT NULL DEFAULT '{}'")
    conn.exec_driver_sql("ALTER TABLE maps ADD COLUMN dot_budget INTEGER")


def _add_comments(conn: Connection) -> None:
    """Schema 3 -> 4: comments on a map or one of its touchpoints."""
    position = "BIGINT" if _on_server(conn) else "INTEGER"
    conn.exec_driver_sql(
        "CREATE TABLE comments ("
        " map_id VARCHAR NOT NULL REFERENCES maps (id) ON DELETE CASCADE,"
        f" id VARCHAR NOT NULL, pos {position} NOT NULL, text TEXT, author TEXT, created TEXT,"
        " touchpoint VARCHAR, card_title TEXT, resolved BOOLEAN,"
        " PRIMARY KEY (map_id, id))"
    )


MIGRATIONS: list[Migration] = [_add_versions, _add_participants, _add_comments]


def current_version() -> int:
    return 1 + len(MIGRATIONS)


def _on_server(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def get_version(conn: Connection) -> int:
    if _on_server(conn):
        from .server import marks

        return marks.get_version(conn) or 0
    return conn.exec_driver_sql("PRAGMA user_version").scalar_one()


def set_version(conn: Connection, version: int) -> None:
    if _on_server(conn):
        from .server import marks

        marks.set_version(conn, int(version))
        return
    # PRAGMA takes no bound parameters; int() keeps it a plain number.
    conn.exec_driver_sql(f"PRAGMA user_version={int(version)}")


def create(conn: Connection) -> None:
    """Create the current tables in an empty file or database and stamp it (caller's
    transaction)."""
    from .schema import APPLICATION_ID, metadata

    metadata.create_all(conn)
    if _on_server(conn):
        from .server import marks

        marks.create(conn)
    else:
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
