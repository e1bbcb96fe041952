"""The comparisons saved with a map: each result kept as JSON text with its UTC date."""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from ..errors import ValidationError
from .schema import comparisons


def as_text(result: dict) -> str:
    try:
        return json.dumps(result, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise ValidationError(f"A comparison result must be plain JSON data ({error}).") from error


def insert(conn: Connection, map_id: str, text: str, created: str,
           version: str | None = None) -> int:
    values = {"map_id": map_id, "created": created, "result": text, "version": version}
    return conn.execute(comparisons.insert().values(values)).inserted_primary_key[0]


def read(conn: Connection, map_id: str) -> list[dict]:
    """Oldest first."""
    table = comparisons
    query = select(table.c.id, table.c.created, table.c.version, table.c.result).where(
        table.c.map_id == map_id)
    rows = conn.execute(query.order_by(table.c.id))
    return [{"id": r.id, "created": r.created, "version": r.version,
             "result": json.loads(r.result)} for r in rows]
