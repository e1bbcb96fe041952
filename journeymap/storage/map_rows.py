"""Reading and writing a whole map's rows: summaries, the items of one map, a fresh insert."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from ..model import Map
from . import codec, positions
from .change_writes import Known
from .schema import ITEM_TABLES, maps, touchpoints


def summaries():
    """id, name, number of touchpoints and `updated` of every map (add a where/order)."""
    count = (
        select(func.count())
        .select_from(touchpoints)
        .where(touchpoints.c.map_id == maps.c.id)
        .scalar_subquery()
    )
    return select(maps.c.id, maps.c.name, count.label("touchpoints"), maps.c.updated)


def map_exists(conn: Connection, map_id: str) -> bool:
    return conn.execute(select(maps.c.id).where(maps.c.id == map_id)).first() is not None


def read_items(conn: Connection, journey: Map) -> Known:
    """Fill `journey`'s collections from its rows, in stored order; return their positions."""
    known: Known = {}
    for kind, table in ITEM_TABLES.items():
        columns = [table.c[name] for name in codec.FIELDS[kind]]
        query = select(table.c.pos, *columns).where(table.c.map_id == journey.id)
        rows = _plain_rows(conn, query.order_by(table.c.pos))
        journey.collection(kind)[:] = [codec.item_from_row(kind, r[1:]) for r in rows]
        known[kind] = {r[1]: r[0] for r in rows}
    return known


def _plain_rows(conn: Connection, query) -> list[tuple]:
    """The rows as plain tuples from the driver's cursor, the query still bound by
    parameters: building SQLAlchemy Row objects costs a third of loading a large map."""
    compiled = query.compile(dialect=conn.dialect)
    if conn.dialect.paramstyle != "qmark" or compiled.positiontup is None:
        return [tuple(row) for row in conn.execute(query)]
    params = [compiled.params[name] for name in compiled.positiontup]
    cursor = conn.connection.driver_connection.execute(str(compiled), params)
    return cursor.fetchall()


def insert_items(conn: Connection, m: Map, map_id: str, kind: str) -> dict[str, int]:
    items = m.collection(kind)
    places = positions.initial(len(items))
    if items:
        rows = [
            codec.item_row(kind, item, map_id, pos) for item, pos in zip(items, places, strict=True)
        ]
        conn.execute(ITEM_TABLES[kind].insert(), rows)
    return {item.id: pos for item, pos in zip(items, places, strict=True)}
