"""The document: the only place that mutates a Map.

Every public method validates first (the rules live in `journeymap.validation`), then builds
one `Command` and runs it, so an edit is applied whole or refused whole (`ValidationError`,
map untouched). `changed` is emitted with
the list of `Change`s after every do, undo and redo; the canvas and the autosave listen to it.

By default the document keeps its own undo and redo stacks. The Qt layer replaces `executor`
so commands go onto a `QUndoStack` instead, which then calls `apply` and `revert`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable

from .card_order import insert_position, order_with, shifted_cells
from .commands import Change, Command, Insert, Move, Remove, Reorder, Update, UpdateMap
from .errors import ValidationError, WorkspaceError
from .events import Event
from .model import Connection, Lane, Map, Persona, Role, Stage, Touchpoint, new_id, normalise_raci
from .validation import (
    check_item,
    check_new_connection,
    check_new_id,
    check_role_name,
    checked,
    checked_map_name,
    checked_map_values,
    checked_raci,
    find,
    required_text,
)

__all__ = ["Document", "checked_map_name", "duplicate_map"]

_ID_PREFIX = {
    "persona": "pe",
    "stage": "st",
    "lane": "ln",
    "role": "ro",
    "touchpoint": "tp",
    "connection": "cn",
}


class Document:
    def __init__(self, journey_map: Map) -> None:
        self.map = journey_map
        self.changed = Event()  # emit(list[Change])
        self.undo_stack: list[Command] = []
        self.redo_stack: list[Command] = []
        self.executor: Callable[[Command], None] = self._push
        # None, or the one sentence every edit is refused with (a read-only workspace's map).
        self.read_only: str | None = None
        # Comments are still welcome on a read-only map someone else is editing (a server
        # workspace): they need no edit lease.
        self.comments_open = False

    # -- running commands ----------------------------------------------------------------
    def run(self, command: Command) -> None:
        if command.ops:
            if self.read_only and not (self.comments_open and self.only_comments(command)):
                raise WorkspaceError(self.read_only)
            self.executor(command)

    @staticmethod
    def only_comments(command: Command) -> bool:
        return all(getattr(op, "kind", None) == "comment" for op in command.ops)

    def may_comment(self) -> bool:
        return not self.read_only or self.comments_open

    def apply(self, command: Command) -> list[Change]:
        changes = command.do(self.map)
        self.changed.emit(changes)
        return changes

    def revert(self, command: Command) -> list[Change]:
        changes = command.undo(self.map)
        self.changed.emit(changes)
        return changes

    def _push(self, command: Command) -> None:
        self.apply(command)
        self.undo_stack.append(command)
        self.redo_stack.clear()

    def undo(self) -> str | None:
        if not self.undo_stack:
            return None
        command = self.undo_stack.pop()
        self.revert(command)
        self.redo_stack.append(command)
        return command.label

    def redo(self) -> str | None:
        if not self.redo_stack:
            return None
        command = self.redo_stack.pop()
        self.apply(command)
        self.undo_stack.append(command)
        return command.label

    # -- map fields ------------------------------------------------------------------------
    def set_map_fields(self, **values) -> None:
        values = checked_map_values(values)
        self.run(Command(_label("Edit map", values), [UpdateMap(values)]))

    # -- stages and lanes ------------------------------------------------------------------
    def add_stage(self, name: str, index: int | None = None, **values) -> Stage:
        stage = Stage(id=values.pop("id", None) or self._fresh_id("stage"), name=name)
        _assign(stage, checked("stage", {"name": name, **values}))
        return self._add("stage", stage, index, f"Add stage {stage.name}")

    def add_lane(self, name: str, index: int | None = None, **values) -> Lane:
        lane = Lane(id=values.pop("id", None) or self._fresh_id("lane"), name=name)
        _assign(lane, checked("lane", {"name": name, **values}))
        return self._add("lane", lane, index, f"Add lane {lane.name}")

    def add_role(self, name: str, index: int | None = None) -> Role:
        role = Role(id=self._fresh_id("role"), name=required_text(name, "A role name"))
        check_role_name(self.map, role.name)
        return self._add("role", role, index, f"Add role {role.name}")

    def add_persona(self, name: str, **values) -> Persona:
        persona = Persona(id=self._fresh_id("persona"), name=name)
        _assign(persona, checked("persona", {"name": name, **values}))
        return self._add("persona", persona, None, f"Add persona {persona.name}")

    def update(self, kind: str, item_id: str, **values) -> None:
        """Change fields of a stage, lane, role, persona, touchpoint or connection."""
        item = self._get(kind, item_id)
        new = checked(kind, values)
        if kind == "touchpoint":
            self._check_cell(new.get("stage", item.stage), new.get("lane", item.lane))
        if kind == "touchpoint" and "raci" in new:
            self._check_raci_roles(new["raci"])
        if kind == "role" and "name" in new:
            check_role_name(self.map, new["name"], item_id)
        if kind == "connection":
            self._check_ends(new.get("source", item.source), new.get("target", item.target))
        changed = {k: v for k, v in new.items() if getattr(item, k) != v}
        if changed:
            self.run(Command(_label(f"Edit {kind}", changed), [Update(kind, item_id, changed)]))

    def move(self, kind: str, item_id: str, index: int) -> None:
        """Reorder a stage, lane, role or persona (dragging a header)."""
        self._get(kind, item_id)
        if kind in ("touchpoint", "connection"):
            raise ValidationError("Move touchpoints with move_touchpoints.")
        index = max(0, min(index, len(self.map.collection(kind)) - 1))
        if self.map.index_of(kind, item_id) != index:
            self.run(Command(f"Move {kind}", [Move(kind, item_id, index)]))

    def remove(self, kind: str, item_id: str) -> None:
        """Delete a stage or lane with the cards in it, a role with its RACI letters, etc."""
        item = self._get(kind, item_id)
        ops = []
        if kind in ("stage", "lane"):
            doomed = [t.id for t in self.map.touchpoints if getattr(t, kind) == item_id]
            ops += self._remove_touchpoint_ops(doomed)
        elif kind == "role":
            for tp in self.map.touchpoints:
                if item_id in tp.raci:
                    raci = {r: v for r, v in tp.raci.items() if r != item_id}
                    ops.append(Update("touchpoint", tp.id, {"raci": raci}))
        elif kind == "touchpoint":
            ops += self._remove_touchpoint_ops([item_id])
        if kind != "touchpoint":
            ops.append(Remove(kind, item_id))
        name = getattr(item, "name", None) or getattr(item, "title", None) or kind
        self.run(Command(f"Delete {kind} {name}", ops))

    # -- touchpoints -----------------------------------------------------------------------
    def add_touchpoint(
        self, stage: str, lane: str, title: str, index: int | None = None, **values
    ) -> Touchpoint:
        """Add a card to a cell; `index` is its place within the cell (None = last)."""
        self._check_cell(stage, lane)
        tp = Touchpoint(
            id=values.pop("id", None) or self._fresh_id("touchpoint"), title=title, stage=stage,
            lane=lane,
        )
        _assign(tp, checked("touchpoint", {"title": title, **values}))
        self._check_raci_roles(tp.raci)
        check_new_id(self.map, "touchpoint", tp.id)
        order = order_with(self.map, [tp.id], stage, lane, index)
        ops = [Insert("touchpoint", tp, len(self.map.touchpoints)), Reorder("touchpoint", order)]
        self.run(Command(f"Add touchpoint {tp.title}", ops))
        return self.map.touchpoint(tp.id)

    def move_touchpoints(
        self, ids: Iterable[str], stage: str, lane: str, index: int | None = None
    ) -> None:
        """Move cards (in their current order) into a cell at `index` within it, as one step."""
        ids = self._ordered_ids(ids)
        self._check_cell(stage, lane)
        ops: list = []
        for tp_id in ids:
            tp = self.map.touchpoint(tp_id)
            if (tp.stage, tp.lane) != (stage, lane):
                ops.append(Update("touchpoint", tp_id, {"stage": stage, "lane": lane}))
        order = order_with(self.map, ids, stage, lane, index)
        if order != [t.id for t in self.map.touchpoints]:
            ops.append(Reorder("touchpoint", order))
        label = "Move touchpoint" if len(ids) == 1 else f"Move {len(ids)} touchpoints"
        self.run(Command(label, ops))

    def shift_touchpoints(
        self, ids: Iterable[str], stages: int, lanes: int,
        anchor: str | None = None, index: int | None = None,
    ) -> None:
        """Move cards each by the same number of stages and lanes, as one step.

        A group dragged across the grid keeps its shape, as on a wall of sticky notes. The
        `anchor` card (the one the pointer held) goes to `index` within its new cell; the
        others go to the end of theirs. Refused whole when any card would leave the grid.
        """
        ids = self._ordered_ids(ids)
        targets = shifted_cells(self.map, ids, stages, lanes)
        cells = {t.id: (t.stage, t.lane) for t in self.map.touchpoints}
        ops: list = [Update("touchpoint", tp_id, {"stage": cell[0], "lane": cell[1]})
                     for tp_id, cell in targets.items() if cell != cells[tp_id]]
        for tp_id in targets:
            del cells[tp_id]  # the others' cells, where the moved cards are inserted
        order = [t.id for t in self.map.touchpoints if t.id not in targets]
        groups: dict[tuple[str, str], list[str]] = {}
        for tp_id in ids:
            groups.setdefault(targets[tp_id], []).append(tp_id)
        for cell, members in groups.items():
            at = index if anchor in members else None
            position = insert_position(self.map, order, cells, cell, at)
            order[position:position] = members
            cells.update(dict.fromkeys(members, cell))
        if order != [t.id for t in self.map.touchpoints]:
            ops.append(Reorder("touchpoint", order))
        self.run(Command(f"Move {len(ids)} touchpoints" if len(ids) > 1 else "Move touchpoint",
                         ops))

    def remove_touchpoints(self, ids: Iterable[str]) -> None:
        ids = self._ordered_ids(ids)
        label = "Delete touchpoint" if len(ids) == 1 else f"Delete {len(ids)} touchpoints"
        self.run(Command(label, self._remove_touchpoint_ops(ids)))

    def copy_touchpoints(
        self, touchpoints: list[Touchpoint], stage: str | None = None, lane: str | None = None
    ) -> list[Touchpoint]:
        """Paste or duplicate cards (with fresh ids), keeping connections among them.

        With no stage and lane each copy goes right after its original's cell position.
        A card given twice is copied once. A copy starts without dots: votes are what the
        room gave the original, not the copy.
        """
        if stage is not None or lane is not None:
            self._check_cell(stage, lane)
        touchpoints = list({tp.id: tp for tp in touchpoints}.values())
        # Pasted cards may come from another program's clipboard: each is held to the
        # rules of an edit, and refused whole with the same sentence.
        values = [check_item("touchpoint", tp) for tp in touchpoints]
        mapping = {tp.id: new_id("tp") for tp in touchpoints}
        copies = []
        for tp, checked_values in zip(touchpoints, values, strict=True):
            twin = copy.deepcopy(tp)
            _assign(twin, checked_values)
            twin.id = mapping[tp.id]
            twin.stage = stage or tp.stage
            twin.lane = lane or tp.lane
            if twin.stage not in self._ids("stage") or twin.lane not in self._ids("lane"):
                raise ValidationError(f"Touchpoint '{tp.title}' has no cell to be pasted into.")
            roles = self._ids("role")
            twin.raci = {r: v for r, v in checked_raci(tp.raci).items() if r in roles}
            twin.votes = {}
            copies.append(twin)
        ops: list = []
        order = [t.id for t in self.map.touchpoints]
        for tp, twin in zip(touchpoints, copies, strict=True):
            ops.append(Insert("touchpoint", twin, len(order)))
            if tp.id in order and stage is None and lane is None:
                order.insert(order.index(tp.id) + 1, twin.id)
            else:
                order.append(twin.id)
        ops.append(Reorder("touchpoint", order))
        inner = [c for c in self.map.connections if c.source in mapping and c.target in mapping]
        for position, conn in enumerate(inner, start=len(self.map.connections)):
            twin_conn = copy.deepcopy(conn)
            twin_conn.id = new_id("cn")
            twin_conn.source = mapping[conn.source]
            twin_conn.target = mapping[conn.target]
            ops.append(Insert("connection", twin_conn, position))  # after all, in order
        label = "Paste touchpoint" if len(copies) == 1 else f"Paste {len(copies)} touchpoints"
        self.run(Command(label, ops))
        return [self.map.touchpoint(twin.id) for twin in copies]

    def set_raci(self, tp_id: str, role_id: str, letters: str) -> None:
        tp = self._get("touchpoint", tp_id)
        self._get("role", role_id)
        raci = dict(tp.raci)
        letters = normalise_raci(letters)
        if letters:
            raci[role_id] = letters
        else:
            raci.pop(role_id, None)
        if raci != tp.raci:
            self.run(Command("Edit RACI", [Update("touchpoint", tp_id, {"raci": raci})]))

    def vote(self, tp_id: str, participant: str, delta: int = 1) -> None:
        """One dot of `participant` given or taken back (the rules: journeymap/voting.py)."""
        from .voting import vote

        vote(self, tp_id, participant, delta)

    # -- connections -----------------------------------------------------------------------
    def add_connection(self, source: str, target: str, **values) -> Connection:
        check_new_connection(self.map, source, target)
        conn = Connection(
            id=values.pop("id", None) or self._fresh_id("connection"), source=source, target=target
        )
        _assign(conn, checked("connection", values))
        check_new_id(self.map, "connection", conn.id)
        self.run(Command("Add connection", [Insert("connection", conn, len(self.map.connections))]))
        return self.map.find("connection", conn.id)

    def remove_connections(self, ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(ids))
        for conn_id in ids:
            self._get("connection", conn_id)
        label = "Delete connection" if len(ids) == 1 else f"Delete {len(ids)} connections"
        self.run(Command(label, [Remove("connection", conn_id) for conn_id in ids]))

    # -- bulk ---------------------------------------------------------------------------
    def batch(self, label: str, edits: Callable[[Document], None]) -> None:
        """Run several edits as one undo step: `edits` gets a scratch document to edit."""
        scratch = Document(copy.deepcopy(self.map))
        recorded: list[Command] = []
        scratch.executor = lambda cmd: (scratch.apply(cmd), recorded.append(cmd))
        edits(scratch)
        ops = [op for cmd in recorded for op in cmd.ops]
        self.run(Command(label, ops))

    # -- helpers ---------------------------------------------------------------------------
    def _add(self, kind: str, item, index: int | None, label: str):
        check_new_id(self.map, kind, item.id)
        position = len(self.map.collection(kind)) if index is None else index
        self.run(Command(label, [Insert(kind, item, position)]))
        return self.map.find(kind, item.id)

    def _fresh_id(self, kind: str) -> str:
        return new_id(_ID_PREFIX[kind], self._ids(kind))

    def _get(self, kind: str, item_id: str):
        return find(self.map, kind, item_id)

    def _ids(self, kind: str) -> set[str]:
        return {item.id for item in self.map.collection(kind)}

    def _ordered_ids(self, ids: Iterable[str]) -> list[str]:
        wanted = set(ids)
        for tp_id in wanted:
            self._get("touchpoint", tp_id)
        return [t.id for t in self.map.touchpoints if t.id in wanted]

    def _check_cell(self, stage: str, lane: str) -> None:
        self._get("stage", stage)
        self._get("lane", lane)

    def _check_ends(self, source: str, target: str) -> None:
        self._get("touchpoint", source)
        self._get("touchpoint", target)

    def _check_raci_roles(self, raci: dict) -> None:
        for role_id in raci:
            self._get("role", role_id)

    def _remove_touchpoint_ops(self, ids: list[str]) -> list:
        doomed = set(ids)
        ops: list = [
            Remove("connection", c.id)
            for c in self.map.connections
            if c.source in doomed or c.target in doomed
        ]
        ops += [Remove("touchpoint", tp_id) for tp_id in ids]
        # Comments outlive their card, keeping its last title.
        ops += [Update("comment", c.id, {"card_title": self.map.touchpoint(c.touchpoint).title})
                for c in self.map.comments if c.touchpoint in doomed]
        return ops


def duplicate_map(m: Map, name: str | None = None) -> Map:
    """A copy of `m` under a new id, named `name` or "<name> (copy)" (the name rule applies
    either way): the one duplicate for the command line and the editor."""
    twin = copy.deepcopy(m)
    twin.id = new_id("map")
    given = name if name is not None and name.strip() else f"{m.name} (copy)"
    twin.name = checked_map_name(given)
    return twin


def _assign(item, values: dict) -> None:
    for name, value in values.items():
        setattr(item, name, value)


def _label(prefix: str, values: dict) -> str:
    names = ", ".join(name.replace("_", " ") for name in values)
    return f"{prefix} ({names})" if names else prefix
