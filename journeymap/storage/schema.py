"""The workspace's tables (SQLAlchemy Core) and the marks that identify our files.

One SQLite file holds many maps. Every item row is keyed by (map_id, id): ids belong to a
map, not to the workspace. `pos` keeps list order (display order) with gaps between values,
so a move rewrites only the rows that moved (see positions.py).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

# PRAGMA application_id: "JMAP" — tells our files from other programs' SQLite databases.
APPLICATION_ID = 0x4A4D4150
SQLITE_HEADER = b"SQLite format 3\x00"

metadata = MetaData()


# SQLite's INTEGER holds 64 bits, a server's 32: there the model's whole numbers (and the
# positions, GAP = 2**32 apart, see positions.py) are BIGINT.
WHOLE = Integer().with_variant(BigInteger(), "postgresql")


def _pos() -> Column:
    return Column("pos", WHOLE, nullable=False)


def _map_id() -> Column:
    return Column("map_id", String, ForeignKey("maps.id", ondelete="CASCADE"), primary_key=True)


def _deferred_fk(columns: list[str], target: str) -> ForeignKeyConstraint:
    # Deferred: an autosave writes a whole edit before the references are checked at commit.
    # No cascade: a row is only ever deleted because the map no longer has it, never as a
    # side effect (a card moved out of a deleted stage in the same edit must survive).
    return ForeignKeyConstraint(
        columns,
        [f"{target}.map_id", f"{target}.id"],
        deferrable=True,
        initially="DEFERRED",
    )


maps = Table(
    "maps",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("description", Text),
    Column("kind", Text),
    Column("owner", Text),
    Column("background", Text),
    Column("current_condition", Text),
    Column("goal", Text),
    Column("analysis", Text),
    Column("countermeasures", Text),
    Column("plan", Text),
    Column("follow_up", Text),
    Column("date", Text),
    Column("version", Text),
    Column("mapping", Text, nullable=False),  # JSON object
    Column("participants", Text, nullable=False, server_default="{}"),  # JSON (schema 3)
    Column("dot_budget", WHOLE),  # schema 3
    Column("created", Text, nullable=False),  # ISO-8601 UTC
    Column("updated", Text, nullable=False),
)

personas = Table(
    "personas",
    metadata,
    _map_id(),
    Column("id", String, primary_key=True),
    _pos(),
    Column("name", Text),
    Column("description", Text),
    Column("goals", Text),
    Column("frustrations", Text),
)

stages = Table(
    "stages",
    metadata,
    _map_id(),
    Column("id", String, primary_key=True),
    _pos(),
    Column("name", Text),
    Column("days", Float),
    Column("goal", Text),
)

lanes = Table(
    "lanes",
    metadata,
    _map_id(),
    Column("id", String, primary_key=True),
    _pos(),
    Column("name", Text),
    Column("color", Text),
    Column("kind", Text),
    Column("capacity", Float),
)

roles = Table(
    "roles",
    metadata,
    _map_id(),
    Column("id", String, primary_key=True),
    _pos(),
    Column("name", Text),
)

touchpoints = Table(
    "touchpoints",
    metadata,
    _map_id(),
    Column("id", String, primary_key=True),
    _pos(),
    Column("title", Text),
    Column("stage", String, nullable=False),
    Column("lane", String, nullable=False),
    Column("channel", Text),
    Column("description", Text),
    Column("owner", Text),
    Column("experience", WHOLE),
    Column("pain_points", Text),
    Column("opportunities", Text),
    Column("days", Float),
    Column("volume", Float),
    Column("cost", Float),
    Column("resources", Text),
    Column("kpi", Text),
    Column("evidence", Text),
    Column("moment_of_truth", Boolean),
    Column("votes", Text, nullable=False),  # JSON object
    Column("notes", Text),
    Column("raci", Text, nullable=False),  # JSON object
    _deferred_fk(["map_id", "stage"], "stages"),
    _deferred_fk(["map_id", "lane"], "lanes"),
    # Indexes on the referencing columns keep deletes of stages and lanes linear.
    Index("touchpoints_stage", "map_id", "stage"),
    Index("touchpoints_lane", "map_id", "lane"),
)

connections = Table(
    "connections",
    metadata,
    _map_id(),
    Column("id", String, primary_key=True),
    _pos(),
    Column("source", String, nullable=False),
    Column("target", String, nullable=False),
    Column("label", Text),
    Column("days", Float),
    Column("loop", Boolean),
    _deferred_fk(["map_id", "source"], "touchpoints"),
    _deferred_fk(["map_id", "target"], "touchpoints"),
    Index("connections_source", "map_id", "source"),
    Index("connections_target", "map_id", "target"),
)

# Comments (schema 4): `touchpoint` is no reference, since a comment outlives its card.
comments = Table(
    "comments",
    metadata,
    _map_id(),
    Column("id", String, primary_key=True),
    _pos(),
    Column("text", Text),
    Column("author", Text),
    Column("created", Text),
    Column("touchpoint", String),
    Column("card_title", Text),
    Column("resolved", Boolean),
)

comparisons = Table(
    "comparisons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("map_id", String, ForeignKey("maps.id", ondelete="CASCADE"), nullable=False),
    Column("created", Text, nullable=False),
    Column("result", Text, nullable=False),  # JSON object
    Column("version", String),  # the version equal to the map's state then (schema 2)
    Index("comparisons_map", "map_id", "id"),
)

# A version: a map's whole state as its map file (JSON), read-only once made. `seq` keeps
# them in the order they were made; `digest` finds an identical state, stored only once.
versions = Table(
    "versions",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("id", String, nullable=False, unique=True),
    Column("map_id", String, ForeignKey("maps.id", ondelete="CASCADE"), nullable=False),
    Column("label", Text),
    Column("created", Text, nullable=False),  # ISO-8601 UTC
    Column("author", Text),
    Column("touchpoints", Integer, nullable=False),
    Column("digest", String, nullable=False),  # sha256 of `content`
    Column("content", Text, nullable=False),  # the map file's canonical JSON
    Index("versions_map", "map_id", "digest"),
)

# Item tables by model kind, parents before children (the order to insert in).
ITEM_TABLES = {
    "persona": personas,
    "stage": stages,
    "lane": lanes,
    "role": roles,
    "touchpoint": touchpoints,
    "connection": connections,
    "comment": comments,
}
ALL_TABLES = (maps, *ITEM_TABLES.values(), versions, comparisons)
TABLE_NAMES = frozenset(table.name for table in ALL_TABLES)
# The schema that added a table (the others are there since schema 1).
TABLE_SINCE = {"versions": 2, "comments": 4}


def tables_of_schema(version: int) -> frozenset[str]:
    """The tables a workspace file of schema `version` must have."""
    return frozenset(name for name in TABLE_NAMES if TABLE_SINCE.get(name, 1) <= version)
