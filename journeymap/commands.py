"""Reversible edits, Qt-free.

Every edit of a map is a `Command`: a label for the Edit menu and a list of primitive
operations. Applying an operation returns its inverse, so undo is just applying the recorded
inverses in reverse order; redo re-applies the originals. The Qt undo stack in `ui/` wraps these.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import Any

from .model import COLLECTIONS, Map


@dataclass(frozen=True)
class Change:
    """What one primitive operation changed: action is insert, remove, update, move or map."""

    action: str
    kind: str  # persona, stage, lane, role, touchpoint, connection, or "map"
    id: str
    fields: tuple[str, ...] = ()


class Op:
    """A primitive operation on a Map; `apply` mutates it and returns (inverse, change)."""

    def apply(self, m: Map) -> tuple[Op, Change]:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass
class Insert(Op):
    kind: str
    item: Any
    index: int

    def apply(self, m: Map):
        items = m.collection(self.kind)
        index = max(0, min(self.index, len(items)))
        items.insert(index, copy.deepcopy(self.item))
        return Remove(self.kind, self.item.id), Change("insert", self.kind, self.item.id)


@dataclass
class Remove(Op):
    kind: str
    id: str

    def apply(self, m: Map):
        items = m.collection(self.kind)
        index = m.index_of(self.kind, self.id)
        item = items.pop(index)
        return Insert(self.kind, item, index), Change("remove", self.kind, self.id)


@dataclass
class Update(Op):
    kind: str
    id: str
    values: dict[str, Any]

    def apply(self, m: Map):
        item = m.find(self.kind, self.id)
        old = {name: copy.deepcopy(getattr(item, name)) for name in self.values}
        for name, value in self.values.items():
            setattr(item, name, copy.deepcopy(value))
        return Update(self.kind, self.id, old), Change(
            "update", self.kind, self.id, tuple(self.values)
        )


@dataclass
class Move(Op):
    """Move an item to a new position in its collection (list order is display order)."""

    kind: str
    id: str
    index: int

    def apply(self, m: Map):
        items = m.collection(self.kind)
        old_index = m.index_of(self.kind, self.id)
        item = items.pop(old_index)
        items.insert(max(0, min(self.index, len(items))), item)
        return Move(self.kind, self.id, old_index), Change("move", self.kind, self.id)


@dataclass
class Reorder(Op):
    """Put a whole collection in a new order, given as the full list of ids."""

    kind: str
    ids: list[str]

    def apply(self, m: Map):
        items = m.collection(self.kind)
        old = [item.id for item in items]
        by_id = {item.id: item for item in items}
        items[:] = [by_id[item_id] for item_id in self.ids]
        return Reorder(self.kind, old), Change("reorder", self.kind, "")


@dataclass
class UpdateMap(Op):
    values: dict[str, Any]

    def apply(self, m: Map):
        old = {name: copy.deepcopy(getattr(m, name)) for name in self.values}
        for name, value in self.values.items():
            setattr(m, name, copy.deepcopy(value))
        return UpdateMap(old), Change("update", "map", m.id, tuple(self.values))


MAP_SCALAR_FIELDS = tuple(
    f.name
    for f in fields(Map)
    if f.name != "id" and f.name not in COLLECTIONS
)


@dataclass
class Command:
    """One undo step: the ops to do, and (after the first `do`) the inverses to undo them."""

    label: str
    ops: list[Op]
    inverses: list[Op] = field(default_factory=list)

    def do(self, m: Map) -> list[Change]:
        changes: list[Change] = []
        inverses: list[Op] = []
        try:
            for op in self.ops:
                inverse, change = op.apply(m)
                inverses.append(inverse)
                changes.append(change)
        except Exception:
            # Roll back what was applied so the edit is refused whole.
            for inverse in reversed(inverses):
                inverse.apply(m)
            raise
        self.inverses = inverses
        return changes

    def undo(self, m: Map) -> list[Change]:
        changes = []
        for inverse in reversed(self.inverses):
            _, change = inverse.apply(m)
            changes.append(change)
        return changes
