"""Incremental saving: turn a Document's list of Changes into the few row writes they need.

Changes are reduced to their net effect first (insert + update + remove of one item is
nothing to write) and then written from the map's current state: an item that exists in the
map but not in the file is inserted, one gone from the map is deleted, the rest get an
UPDATE of just the fields that changed. Positions are rewritten only for rows that moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

from sqlalchemy import Connection, bindparam, delete, select, update

from ..commands import Change
from ..errors import NotFoundError
from ..model import Map
from . import codec, positions
from .schema import ITEM_TABLES, maps

KINDS = tuple(ITEM_TABLES)  # parents first
Known = dict[str, dict[str, int]]  # kind -> {id: stored position}


@dataclass
class NetEdit:
    map_fields: set[str] = field(default_factory=set)
    items: dict[str, dict[str, set[str] | None]] = field(default_factory=dict)  # None: all
    reordered: set[str] = field(default_factory=set)


def summarize(changes: list[Change]) -> NetEdit:
    net = NetEdit()
    for change in changes:
        if change.kind == "map":
            net.map_fields.update(change.fields)
            continue
        touched = net.items.setdefault(change.kind, {})
        if change.action in ("insert", "remove"):
            touched[change.id] = None
        elif change.action == "update":
            if change.id not in touched:
                touched[change.id] = set(change.fields)
            elif touched[change.id] is not None:
                touched[change.id].update(change.fields)
        if change.action in ("insert", "move", "reorder"):
            net.reordered.add(change.kind)
    return net


def load_known(conn: Connection, map_id: str, kind: str) -> dict[str, int]:
    table = ITEM_TABLES[kind]
    rows = conn.execute(select(table.c.id, table.c.pos).where(table.c.map_id == map_id))
    return {row.id: row.pos for row in rows}


@dataclass
class KindPlan:
    kind: str
    gone: list[str]
    new: list[str]
    updates: list[tuple[str, tuple[str, ...]]]
    moved: dict[str, int]
    items: dict[str, object]  # id -> the item in the map


def write(conn: Connection, m: Map, changes: list[Change], known: Known, now: str):
    """Write the net effect of `changes`; return the plans to update `known` after commit."""
    net = summarize(changes)
    touch_map(conn, m, net.map_fields, now)
    plans = [
        _plan(m, kind, net, _known_for(conn, m.id, kind, known))
        for kind in KINDS
        if kind in net.items or kind in net.reordered
    ]
    for plan in reversed(plans):  # children first
        _delete(conn, m.id, plan)
    for plan in plans:
        _insert(conn, m, plan)
        _update(conn, m, plan)
        _reposition(conn, m.id, plan)
    return plans


def remember(known: Known, plans: list[KindPlan]) -> None:
    for plan in plans:
        stored = known[plan.kind]
        for item_id in plan.gone:
            stored.pop(item_id, None)
        stored.update(plan.moved)


def touch_map(conn: Connection, m: Map, names, now: str) -> None:
    values = codec.field_values("map", m, sorted(names))
    values["updated"] = now
    result = conn.execute(update(maps).where(maps.c.id == m.id).values(values))
    if result.rowcount == 0:
        raise NotFoundError(f"The map '{m.name}' (id {m.id}) is not in this workspace.")


def _known_for(conn: Connection, map_id: str, kind: str, known: Known) -> dict[str, int]:
    if kind not in known:
        known[kind] = load_known(conn, map_id, kind)
    return known[kind]


def _plan(m: Map, kind: str, net: NetEdit, stored: dict[str, int]) -> KindPlan:
    items = m.collection(kind)
    present = {item.id: item for item in items}
    touched = net.items.get(kind, {})
    plan = KindPlan(kind, [], [], [], {}, present)
    for item_id, names in touched.items():
        if item_id not in present:
            if item_id in stored:
                plan.gone.append(item_id)
        elif item_id not in stored:
            plan.new.append(item_id)
        else:
            fields = codec.FIELDS[kind][1:] if names is None else tuple(sorted(names))
            if fields:
                plan.updates.append((item_id, fields))
    if plan.new or kind in net.reordered:
        plan.moved = positions.plan([item.id for item in items], stored)
    return plan


def _delete(conn: Connection, map_id: str, plan: KindPlan) -> None:
    if plan.gone:
        rows = [{"_map": map_id, "_id": item_id} for item_id in plan.gone]
        conn.execute(_delete_statement(plan.kind), rows)


def _insert(conn: Connection, m: Map, plan: KindPlan) -> None:
    if plan.new:
        rows = [
            codec.item_row(plan.kind, plan.items[item_id], m.id, plan.moved[item_id])
            for item_id in plan.new
        ]
        conn.execute(ITEM_TABLES[plan.kind].insert(), rows)


def _update(conn: Connection, m: Map, plan: KindPlan) -> None:
    by_fields: dict[tuple[str, ...], list[dict]] = {}
    for item_id, names in plan.updates:
        values = codec.field_values(plan.kind, plan.items[item_id], names)
        values.update(_map=m.id, _id=item_id)
        by_fields.setdefault(names, []).append(values)
    for names, rows in by_fields.items():
        conn.execute(_update_statement(plan.kind, names), rows)


def _reposition(conn: Connection, map_id: str, plan: KindPlan) -> None:
    new = set(plan.new)
    rows = [
        {"_map": map_id, "_id": item_id, "_pos": pos}
        for item_id, pos in plan.moved.items()
        if item_id not in new
    ]
    if rows:
        conn.execute(_position_statement(plan.kind), rows)


# Statements are built once per shape; SQLAlchemy then reuses their compiled form.
@cache
def _delete_statement(kind: str):
    table = ITEM_TABLES[kind]
    return delete(table).where(table.c.map_id == bindparam("_map"), table.c.id == bindparam("_id"))


@lru_cache(maxsize=256)
def _update_statement(kind: str, names: tuple[str, ...]):
    table = ITEM_TABLES[kind]
    return (
        update(table)
        .where(table.c.map_id == bindparam("_map"), table.c.id == bindparam("_id"))
        .values({name: bindparam(name) for name in names})
    )


@cache
def _position_statement(kind: str):
    table = ITEM_TABLES[kind]
    return (
        update(table)
        .where(table.c.map_id == bindparam("_map"), table.c.id == bindparam("_id"))
        .values(pos=bindparam("_pos"))
    )
