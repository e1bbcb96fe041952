"""The document: the only place that mutates a Map.

Every public method validates first, then builds one `Command` and runs it, so an edit is
applied whole or refused whole (`ValidationError`, map untouched). `changed` is emitted with
the list of `Change`s after every do, undo and redo; the canvas and the autosave listen to it.

By default the document keeps its own undo and redo stacks. The Qt layer replaces `executor`
so commands go onto a `QUndoStack` instead, which then calls `apply` and `revert`.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable, Iterable

from .commands import (
    MAP_SCALAR_FIELDS,
    Change,
    Command,
    Insert,
    Move,
    Remove,
    Reorder,
    Update,
    UpdateMap,
)
from .errors import NotFoundError, ValidationError, WorkspaceError
from .events import Event
from .model import (
    CLASS_OF_KIND,
    EVIDENCE_LEVELS,
    EXPERIENCE_RANGE,
    JOURNEY_KINDS,
    LANE_KINDS,
    Connection,
    Lane,
    Map,
    Persona,
    Role,
    Stage,
    Touchpoint,
    new_id,
    normalise_raci,
)
from .number_rules import VOTES_MAXIMUM, amount_problem, shown_number
from .text_rules import escaped, is_multiline, normalise_line_breaks, problem

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ID_PREFIX = {
    "persona": "pe",
    "stage": "st",
    "lane": "ln",
    "role": "ro",
    "touchpoint": "tp",
    "connection": "cn",
}
_TEXT_LIMIT = 20_000


class Document:
    def __init__(self, journey_map: Map) -> None:
        self.map = journey_map
        self.changed = Event()  # emit(list[Change])
        self.undo_stack: list[Command] = []
        self.redo_stack: list[Command] = []
        self.executor: Callable[[Command], None] = self._push
        # None, or the one sentence every edit is refused with (a read-only workspace's map).
        self.read_only: str | None = None

    # -- running commands ----------------------------------------------------------------
    def run(self, command: Command) -> None:
        if command.ops:
            if self.read_only:
                raise WorkspaceError(self.read_only)
            self.executor(command)

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
        for name, value in values.items():
            if name not in MAP_SCALAR_FIELDS:
                raise ValidationError(f"A map has no field '{name}'.")
            if name == "kind" and value not in JOURNEY_KINDS:
                raise ValidationError(
                    f"Journey kind must be one of {', '.join(JOURNEY_KINDS)}, not '{value}'."
                )
            if name == "name":
                values[name] = checked_map_name(value)
            elif name == "mapping":
                values[name] = _mapping(value)
            else:
                values[name] = _text(value, name)
        self.run(Command(_label("Edit map", values), [UpdateMap(values)]))

    # -- stages and lanes ------------------------------------------------------------------
    def add_stage(self, name: str, index: int | None = None, **values) -> Stage:
        stage = Stage(id=values.pop("id", None) or self._fresh_id("stage"), name=name)
        _assign(stage, _checked("stage", {"name": name, **values}))
        return self._add("stage", stage, index, f"Add stage {stage.name}")

    def add_lane(self, name: str, index: int | None = None, **values) -> Lane:
        lane = Lane(id=values.pop("id", None) or self._fresh_id("lane"), name=name)
        _assign(lane, _checked("lane", {"name": name, **values}))
        return self._add("lane", lane, index, f"Add lane {lane.name}")

    def add_role(self, name: str, index: int | None = None) -> Role:
        role = Role(id=self._fresh_id("role"), name=_required_text(name, "A role name"))
        if any(r.name == role.name for r in self.map.roles):
            raise ValidationError(f"There is already a role named '{role.name}'.")
        return self._add("role", role, index, f"Add role {role.name}")

    def add_persona(self, name: str, **values) -> Persona:
        persona = Persona(id=self._fresh_id("persona"), name=name)
        _assign(persona, _checked("persona", {"name": name, **values}))
        return self._add("persona", persona, None, f"Add persona {persona.name}")

    def update(self, kind: str, item_id: str, **values) -> None:
        """Change fields of a stage, lane, role, persona, touchpoint or connection."""
        item = self._get(kind, item_id)
        checked = _checked(kind, values)
        if kind == "touchpoint":
            self._check_cell(checked.get("stage", item.stage), checked.get("lane", item.lane))
        if kind == "touchpoint" and "raci" in checked:
            self._check_raci_roles(checked["raci"])
        if kind == "role" and "name" in checked and any(
            r.name == checked["name"] and r.id != item_id for r in self.map.roles
        ):
            raise ValidationError(f"There is already a role named '{checked['name']}'.")
        if kind == "connection":
            self._check_ends(checked.get("source", item.source), checked.get("target", item.target))
        changed = {k: v for k, v in checked.items() if getattr(item, k) != v}
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
        _assign(tp, _checked("touchpoint", {"title": title, **values}))
        self._check_raci_roles(tp.raci)
        order = self._order_with([tp.id], stage, lane, index, existing=False)
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
        order = self._order_with(ids, stage, lane, index, existing=True)
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
        stage_ids = [s.id for s in self.map.stages]
        lane_ids = [ln.id for ln in self.map.lanes]
        targets: dict[str, tuple[str, str]] = {}
        for tp_id in ids:
            tp = self.map.touchpoint(tp_id)
            s = stage_ids.index(tp.stage) + stages
            ln = lane_ids.index(tp.lane) + lanes
            if not 0 <= s < len(stage_ids):
                end = "last" if stages > 0 else "first"
                raise ValidationError(
                    f"'{tp.title}' would go past the {end} stage; nothing was moved.")
            if not 0 <= ln < len(lane_ids):
                end = "last" if lanes > 0 else "first"
                raise ValidationError(
                    f"'{tp.title}' would go past the {end} lane; nothing was moved.")
            targets[tp_id] = (stage_ids[s], lane_ids[ln])
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
            position = self._insert_position(order, cells, cell, at)
            order[position:position] = members
            cells.update(dict.fromkeys(members, cell))
        if order != [t.id for t in self.map.touchpoints]:
            ops.append(Reorder("touchpoint", order))
        self.run(Command(f"Move {len(ids)} touchpoints" if len(ids) > 1 else "Move touchpoint",
                         ops))

    def _insert_position(self, order: list[str], cells: dict[str, tuple[str, str]],
                         cell: tuple[str, str], index: int | None) -> int:
        """Where cards go in `order` to sit at `index` in `cell` (the end when None)."""
        inside = [tp_id for tp_id in order if cells[tp_id] == cell]
        if index is not None and 0 <= index < len(inside):
            return order.index(inside[index])
        if inside:
            return order.index(inside[-1]) + 1
        stage_pos = self.map.stage_index()
        lane_pos = {ln.id: i for i, ln in enumerate(self.map.lanes)}
        key = (stage_pos[cell[0]], lane_pos[cell[1]])
        for position, tp_id in enumerate(order):
            stage, lane = cells[tp_id]
            if (stage_pos.get(stage, 0), lane_pos.get(lane, 0)) > key:
                return position
        return len(order)

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
        for tp in touchpoints:  # pasted cards may come from another program's clipboard
            _check_item("touchpoint", tp)
        mapping = {tp.id: new_id("tp") for tp in touchpoints}
        copies = []
        for tp in touchpoints:
            twin = copy.deepcopy(tp)
            twin.id = mapping[tp.id]
            twin.stage = stage or tp.stage
            twin.lane = lane or tp.lane
            if twin.stage not in self._ids("stage") or twin.lane not in self._ids("lane"):
                raise ValidationError(f"Touchpoint '{tp.title}' has no cell to be pasted into.")
            twin.raci = {r: v for r, v in twin.raci.items() if r in self._ids("role")}
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
        tp = self._get("touchpoint", tp_id)
        participant = _required_text(participant, "A participant's name")
        votes = dict(tp.votes)
        votes[participant] = min(VOTES_MAXIMUM, max(0, votes.get(participant, 0) + delta))
        if votes[participant] == 0:
            del votes[participant]
        if votes != tp.votes:
            self.run(Command("Vote", [Update("touchpoint", tp_id, {"votes": votes})]))

    # -- connections -----------------------------------------------------------------------
    def add_connection(self, source: str, target: str, **values) -> Connection:
        self._check_ends(source, target)
        if any(c.source == source and c.target == target for c in self.map.connections):
            raise ValidationError("These two touchpoints are already connected.")
        conn = Connection(
            id=values.pop("id", None) or self._fresh_id("connection"), source=source, target=target
        )
        _assign(conn, _checked("connection", values))
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
        items = self.map.collection(kind)
        if any(existing.id == item.id for existing in items):
            raise ValidationError(f"A {kind} with id '{item.id}' already exists.")
        position = len(items) if index is None else index
        self.run(Command(label, [Insert(kind, item, position)]))
        return self.map.find(kind, item.id)

    def _fresh_id(self, kind: str) -> str:
        return new_id(_ID_PREFIX[kind], self._ids(kind))

    def _get(self, kind: str, item_id: str):
        if kind not in CLASS_OF_KIND:
            raise ValidationError(f"Unknown kind '{kind}'.")
        item = self.map.find(kind, item_id)
        if item is None:
            raise NotFoundError(f"There is no {kind} with id '{item_id}' in map '{self.map.name}'.")
        return item

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

    def _order_with(self, ids, stage, lane, index, existing: bool) -> list[str]:
        """The touchpoint id order after placing `ids` in a cell at `index` within it."""
        moving = set(ids)
        rest = [t for t in self.map.touchpoints if t.id not in moving]
        cell = [t.id for t in rest if t.stage == stage and t.lane == lane]
        order = [t.id for t in rest]
        if index is not None and 0 <= index < len(cell):
            position = order.index(cell[index])
        elif cell:
            position = order.index(cell[-1]) + 1
        else:
            position = self._first_position_after_cell(order, stage, lane)
        return order[:position] + list(ids) + order[position:]

    def _first_position_after_cell(self, order: list[str], stage: str, lane: str) -> int:
        """Where an empty cell's first card goes so the list stays in display order."""
        stage_pos = self.map.stage_index()
        lane_pos = {ln.id: i for i, ln in enumerate(self.map.lanes)}
        key = (stage_pos[stage], lane_pos[lane])
        by_id = {t.id: t for t in self.map.touchpoints}
        for position, tp_id in enumerate(order):
            tp = by_id[tp_id]
            if (stage_pos.get(tp.stage, 0), lane_pos.get(tp.lane, 0)) > key:
                return position
        return len(order)

    def _remove_touchpoint_ops(self, ids: list[str]) -> list:
        doomed = set(ids)
        ops: list = [
            Remove("connection", c.id)
            for c in self.map.connections
            if c.source in doomed or c.target in doomed
        ]
        ops += [Remove("touchpoint", tp_id) for tp_id in ids]
        return ops


# -- validation ------------------------------------------------------------------------------
def checked_map_name(value, what: str = "A map name") -> str:
    """A map name as the document keeps it (trimmed, not empty, not too long, no control
    characters), or `ValidationError`: for callers that name a map without a document
    (rename, duplicate, import); `what` is the subject of the error's sentence."""
    return _required_text(value, what)


def duplicate_map(m: Map, name: str | None = None) -> Map:
    """A copy of `m` under a new id, named `name` or "<name> (copy)" (the name rule applies
    either way): the one duplicate for the command line and the editor."""
    twin = copy.deepcopy(m)
    twin.id = new_id("map")
    given = name if name is not None and name.strip() else f"{m.name} (copy)"
    twin.name = checked_map_name(given)
    return twin


def _text(value, name: str) -> str:
    """Free text for the field `name` (may be empty; CR/CRLF as newline in multi-line
    fields), following text_rules."""
    if value is None:
        return ""
    what = f"The {name.replace('_', ' ')}"
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text.")
    if len(value) > _TEXT_LIMIT:
        raise ValidationError(f"{what} is longer than {_TEXT_LIMIT} characters.")
    return _accepted(value, what, multiline=is_multiline(name))


def _required_text(value, what: str) -> str:
    """`what` is the subject of the sentence, e.g. "A map name"."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{what} cannot be empty.")
    if len(value.strip()) > _TEXT_LIMIT:
        raise ValidationError(f"{what} cannot be longer than {_TEXT_LIMIT} characters.")
    # The untrimmed text too: str.strip would silently drop control characters at the ends.
    _accepted(value, what, multiline=True)
    return _accepted(value.strip(), what, multiline=False)


def _accepted(text: str, what: str, *, multiline: bool) -> str:
    if multiline:
        text = normalise_line_breaks(text)
    clause = problem(text, multiline=multiline)
    if clause is not None:
        raise ValidationError(f"{what} {clause}.")
    return text


def _mapping(value) -> dict[str, str]:
    """A saved log mapping: activity name -> touchpoint id, both one-line text."""
    if not isinstance(value, dict):
        raise ValidationError("A log mapping must be a dictionary.")
    for activity, tp_id in value.items():
        if not isinstance(activity, str) or not isinstance(tp_id, str):
            raise ValidationError("A log mapping must map activity names to touchpoint ids.")
        _accepted(activity, "An activity name in the log mapping", multiline=False)
        _accepted(tp_id, "A touchpoint id in the log mapping", multiline=False)
    return value


def _number(value, name: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"The {name} must be a number.")
    if isinstance(value, float) and math.isinf(value):
        raise ValidationError(f"The {name} must be a finite number, not {shown_number(value)}.")
    clause = amount_problem(value, name)
    if clause is not None:
        raise ValidationError(f"The {name} {shown_number(value)} {clause}.")
    return float(value)


def _votes(value) -> dict[str, int]:
    if not isinstance(value, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= VOTES_MAXIMUM
        for v in value.values()
    ):
        raise ValidationError(
            f"Votes must map participants to whole numbers of dots from 0 to {VOTES_MAXIMUM:,}."
        )
    return {
        _accepted(str(k), "A participant's name", multiline=False): int(v)
        for k, v in value.items()
        if v
    }


def _experience(value) -> int | None:
    if value is None or value == "":
        return None
    low, high = EXPERIENCE_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        shown = shown_number(value) if isinstance(value, int | float) else escaped(str(value))[:40]
        raise ValidationError(f"Experience must be a whole number from {low} to {high}, not {shown}.")
    return value


def _choice(value, choices, what: str) -> str:
    if value not in choices:
        raise ValidationError(f"{what} must be one of {', '.join(choices)}, not '{value}'.")
    return value


_NUMBER_FIELDS = {"days", "volume", "cost", "capacity"}
_TITLE_FIELDS = {"name", "title"}


def _checked(kind: str, values: dict) -> dict:
    """Validate and normalise field values for an item of `kind`; raise on the first bad one."""
    cls = CLASS_OF_KIND[kind]
    known = cls.__dataclass_fields__
    result = {}
    for name, value in values.items():
        if name not in known or name == "id":
            raise ValidationError(f"A {kind} has no field '{name}' that can be edited.")
        if name in _TITLE_FIELDS:
            result[name] = _required_text(value, f"A {kind} {name}")
        elif name in _NUMBER_FIELDS:
            result[name] = _number(value, name)
        elif name == "experience":
            result[name] = _experience(value)
        elif name == "evidence":
            result[name] = _choice(value, EVIDENCE_LEVELS, "Evidence")
        elif name == "kind" and kind == "lane":
            result[name] = _choice(value, LANE_KINDS, "Lane kind")
        elif name == "color":
            if not isinstance(value, str) or not _COLOR.match(value):
                raise ValidationError(f"A colour must look like #1f77b4, not '{value}'.")
            result[name] = value.lower()
        elif name in ("moment_of_truth", "loop"):
            result[name] = bool(value)
        elif name == "votes":
            result[name] = _votes(value)
        elif name == "raci":
            if not isinstance(value, dict):
                raise ValidationError("A RACI must map role ids to letters.")
            result[name] = {r: normalise_raci(v) for r, v in value.items() if normalise_raci(v)}
        elif name in ("stage", "lane", "source", "target"):
            result[name] = value
        else:
            result[name] = _text(value, name)
    return result


_REFERENCE_FIELDS = {"id", "stage", "lane", "source", "target", "raci"}


def _check_item(kind: str, item) -> None:
    """Validate every field of a whole item (as an edit of it would be); raise on the first."""
    _checked(kind, {
        name: getattr(item, name)
        for name in CLASS_OF_KIND[kind].__dataclass_fields__
        if name not in _REFERENCE_FIELDS
    })


def _assign(item, values: dict) -> None:
    for name, value in values.items():
        setattr(item, name, value)


def _label(prefix: str, values: dict) -> str:
    names = ", ".join(name.replace("_", " ") for name in values)
    return f"{prefix} ({names})" if names else prefix
