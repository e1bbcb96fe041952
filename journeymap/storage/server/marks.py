"""What a server workspace has besides the maps' tables: the schema mark (the file's
`PRAGMA user_version` and `application_id`) and the leases table naming who edits a map."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Connection, Integer, MetaData, String, Table, Text

APPLICATION = "journeymap"

server_metadata = MetaData()

schema_mark = Table(
    "journeymap_schema",
    server_metadata,
    Column("application", String, primary_key=True),
    Column("version", Integer, nullable=False),
)

# Who holds a map's edit lease. A row counts only while its session still holds the advisory
# lock `lock_key` (pg_locks says so): a dead holder's row is ignored and overwritten. `writes`
# counts the saves made under the map's leases (kept across holders): a session that read the
# map before it held the lease may save only if nobody wrote in between.
leases = Table(
    "journeymap_leases",
    server_metadata,
    Column("map_id", String, primary_key=True),
    Column("lock_key", BigInteger, nullable=False),
    Column("backend_pid", Integer, nullable=False),
    Column("holder_user", Text, nullable=False),
    Column("holder_host", Text, nullable=False),
    Column("since", Text, nullable=False),  # ISO 8601 with the holder's offset
    Column("writes", BigInteger, nullable=False, server_default="0"),
)

SERVER_TABLES = frozenset(t.name for t in server_metadata.sorted_tables)


def table_names(conn: Connection) -> set[str]:
    rows = conn.exec_driver_sql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return {row[0] for row in rows}


def get_version(conn: Connection) -> int | None:
    """The schema of the workspace in this database; None where it has none."""
    if schema_mark.name not in table_names(conn):
        return None
    return conn.execute(
        schema_mark.select().with_only_columns(schema_mark.c.version)
        .where(schema_mark.c.application == APPLICATION)
    ).scalar()


def set_version(conn: Connection, version: int) -> None:
    updated = conn.execute(schema_mark.update().where(schema_mark.c.application == APPLICATION)
                           .values(version=version)).rowcount
    if not updated:
        conn.execute(schema_mark.insert().values(application=APPLICATION, version=version))


def create(conn: Connection) -> None:
    server_metadata.create_all(conn)
