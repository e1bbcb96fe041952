"""Values of the wrong type in a workspace's rows: found by SQLite, named in one sentence.

Journeymap writes every column with the type of its model field, but SQLite stores whatever
it is given (text in an INTEGER column, NULL in a title), so a file edited by another tool,
or damaged, can hold values the model cannot take. Before a map is built from its rows, one
query per table asks SQLite (`typeof`, `json_valid`, in C, so a large map costs a few ms)
whether any of its rows breaks the rules; only then is the first offender looked up.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields

from sqlalchemy import Connection, Table, text

from ..model import CLASS_OF_KIND, Map
from .schema import ITEM_TABLES, comparisons, maps

_TEXT = "typeof({c}) = 'text'"
# Only the type: which numbers make sense is the model's rule, checked where values come in.
_NUMBER = "typeof({c}) IN ('integer', 'real', 'null')"


def _json_object(values: str) -> str:
    # CASE, because SQLite may evaluate both sides of an AND and json_each() fails on bad JSON.
    return (
        "CASE WHEN typeof({c}) = 'text' AND json_valid({c}) AND json_type({c}) = 'object' "
        "THEN NOT EXISTS (SELECT 1 FROM json_each({c}) WHERE json_each.type NOT IN ("
        + values
        + ")) ELSE 0 END"
    )


# What a field's type hint requires of its column, and how a message calls it.
_RULES = {
    str: (_TEXT, "text"),
    int | None: ("typeof({c}) IN ('integer', 'null')", "a whole number or empty"),
    float | None: (_NUMBER, "a number or empty"),
    bool: ("typeof({c}) = 'integer'", "true or false"),
    dict[str, int]: (_json_object("'integer'"), "a JSON object of whole numbers"),
    dict[str, str]: (_json_object("'text'"), "a JSON object of texts"),
}


@dataclass(frozen=True)
class BadValue:
    table: str
    column: str
    row_id: object
    value: object
    expected: str

    def describe(self) -> str:
        shown = repr(self.value)
        if len(shown) > 40:
            shown = shown[:37] + "..."
        return (
            f"the column {self.table}.{self.column} of the row '{self.row_id}' holds {shown}, "
            f"not {self.expected}"
        )


def _columns(cls) -> dict[str, tuple[str, str]]:
    hints = typing.get_type_hints(cls)
    return {f.name: _RULES[hints[f.name]] for f in fields(cls) if hints[f.name] in _RULES}


def _map_rules() -> dict[str, tuple[str, str]]:
    rules = _columns(Map)
    rules.update(created=_RULES[str], updated=_RULES[str])
    return rules


def _item_rules(kind: str) -> dict[str, tuple[str, str]]:
    rules = _columns(CLASS_OF_KIND[kind])
    rules["pos"] = ("typeof({c}) = 'integer'", "a whole number")
    return rules


RULES: dict[str, dict[str, tuple[str, str]]] = {
    maps.name: _map_rules(),
    **{table.name: _item_rules(kind) for kind, table in ITEM_TABLES.items()},
    comparisons.name: {
        "created": _RULES[str],
        "result": (
            "CASE WHEN typeof({c}) = 'text' THEN json_valid({c}) ELSE 0 END",
            "JSON text",
        ),
    },
}


def first_bad_value(conn: Connection, table: Table, where: str, **params) -> BadValue | None:
    """The first value in `table`'s rows matching `where` that breaks its column's rule."""
    rules = RULES[table.name]
    key = "id"
    checks = {name: "(" + rule.format(c=f'"{name}"') + ")" for name, (rule, _) in rules.items()}
    flags = ", ".join(f'coalesce({check}, 0) AS "{name}"' for name, check in checks.items())
    any_bad = " OR ".join(f"NOT coalesce({check}, 0)" for check in checks.values())
    query = f'SELECT "{key}" AS _key, {flags} FROM "{table.name}" WHERE ({where}) AND ({any_bad}) LIMIT 1'
    row = conn.execute(text(query), params).mappings().first()
    if row is None:
        return None
    column = next(name for name in rules if not row[name])
    value = conn.execute(
        text(f'SELECT "{column}" FROM "{table.name}" WHERE ({where}) AND "{key}" IS :_key'),
        {**params, "_key": row["_key"]},
    ).scalar()
    return BadValue(table.name, column, row["_key"], value, rules[column][1])
