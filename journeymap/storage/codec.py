"""Rows <-> model dataclasses. Dict fields are JSON text; everything else maps column to field."""

from __future__ import annotations

import json
from dataclasses import fields

from ..commands import MAP_SCALAR_FIELDS
from ..model import CLASS_OF_KIND, Map
from ..stamps import utc_now  # noqa: F401 - storage stamps its rows with codec.utc_now (tests freeze it)

JSON_FIELDS = frozenset({"votes", "raci", "mapping", "participants"})

# Field names of each item kind, in dataclass order (so a row can be passed positionally).
FIELDS = {kind: tuple(f.name for f in fields(cls)) for kind, cls in CLASS_OF_KIND.items()}


def _encode(name: str, value):
    if name in JSON_FIELDS:
        return json.dumps(value, ensure_ascii=False)
    return value


def item_row(kind: str, item, map_id: str, pos: int) -> dict:
    """All columns of an item's row."""
    row = {name: _encode(name, getattr(item, name)) for name in FIELDS[kind]}
    row["map_id"] = map_id
    row["pos"] = pos
    return row


def field_values(kind: str, item, names) -> dict:
    """The columns for some fields of an item (an update of what changed)."""
    return {name: _encode(name, getattr(item, name)) for name in names}


def item_from_row(kind: str, values) -> object:
    """Build an item from values in FIELDS[kind] order."""
    values = list(values)
    for index in _JSON_INDEXES[kind]:
        text = values[index]
        values[index] = {} if text == "{}" else json.loads(text)  # most cards: no dots, no RACI
    for index in _BOOL_INDEXES[kind]:  # SQLite hands back 0 and 1
        values[index] = bool(values[index])
    return CLASS_OF_KIND[kind](*values)


_JSON_INDEXES = {kind: [i for i, name in enumerate(names) if name in JSON_FIELDS]
                 for kind, names in FIELDS.items()}
_BOOL_INDEXES = {kind: [i for i, f in enumerate(fields(CLASS_OF_KIND[kind])) if f.type == "bool"]
                 for kind in FIELDS}


def map_row(m: Map) -> dict:
    """The `maps` row of a map, without timestamps."""
    row = {name: _encode(name, getattr(m, name)) for name in MAP_SCALAR_FIELDS}
    row["id"] = m.id
    return row


def map_from_row(row) -> Map:
    values = {name: row[name] for name in MAP_SCALAR_FIELDS}
    values["mapping"] = json.loads(values["mapping"])
    values["participants"] = json.loads(values["participants"])
    return Map(id=row["id"], **values)
