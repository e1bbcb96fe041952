"""What the current -> target sheet marks on the to-be map's grid, worked out from a `MapDiff`
and its two maps. Plain values only (no drawing).

The grid is the new map's, laid out with a few extra cards: each removed touchpoint as a
ghost in its old stage and lane, where the new map still has both (matched by id, then by
name, as the diff matches them). Cards are a little taller than the sheet's, for a row of
change tags at their foot.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...diff import MapDiff
from ...diff.matching import name_key
from ...diff.result import Cell
from ...layout import Metrics, Rect, Route, route_between
from ...model import Map, Touchpoint
from ..pdf.view import CardView, SheetView, build_view

MARK_H = 18.0  # the row of change tags at a marked card's foot, layout units
GHOST = "ghost:"  # id prefix of a removed touchpoint's ghost card


def field_label(name: str) -> str:
    """A touchpoint's, connection's or map's field as the sheet names it."""
    return {"position": "place in its cell", "kpi": "KPI",
            "moment_of_truth": "moment of truth"}.get(name, name.replace("_", " "))


@dataclass
class CardMarks:
    added: bool = False
    fields: list[str] = field(default_factory=list)  # changed fields, as the diff names them
    moved_from: Cell | None = None  # old stage and lane names
    raci: int = 0  # roles whose letters changed

    @property
    def any(self) -> bool:
        return bool(self.added or self.fields or self.moved_from or self.raci)


@dataclass
class LinkMark:
    route: Route
    kind: str  # "added", "removed" or "changed"


@dataclass
class DiffView:
    """The new map's sheet view with its ghosts and what to mark where."""

    view: SheetView  # cards: the new map's cards, then the ghosts
    marks: dict[str, CardMarks]  # card id -> its marks (cards with none are left out)
    ghosts: dict[str, str]  # ghost card id -> the removed touchpoint's old id
    unplaced: list[str] = field(default_factory=list)  # removed titles with no cell to show
    display: Map | None = None  # the to-be map with the ghosts, as laid out
    links: list[LinkMark] = field(default_factory=list)  # added, removed, changed
    moves: list[tuple[Route, str]] = field(default_factory=list)  # old cell -> card, card id
    stage_marks: dict[str, str] = field(default_factory=dict)  # new stage id -> "new" / old name
    lane_marks: dict[str, str] = field(default_factory=dict)

    def is_ghost(self, card: CardView) -> bool:
        return card.id in self.ghosts


BASE = Metrics(emotion_h=0, card_h=Metrics().card_h + MARK_H)  # no experience band


def diff_view(old: Map, new: Map, diff: MapDiff, metrics: Metrics | None = None) -> DiffView:
    """The view of the to-be map with its ghosts, laid out with `metrics` (default `BASE`)."""
    stage_of = _counterparts(old.stages, new.stages, diff.stages.removed_ids)
    lane_of = _counterparts(old.lanes, new.lanes, diff.lanes.removed_ids)
    ghosts, unplaced, shown = [], [], {}
    old_tps = {tp.id: tp for tp in old.touchpoints}
    for old_id, title in diff.removed:
        tp = old_tps.get(old_id)
        stage, lane = (stage_of.get(tp.stage), lane_of.get(tp.lane)) if tp else (None, None)
        if stage is None or lane is None:
            unplaced.append(title)
            continue
        ghost = replace(tp, id=GHOST + old_id, stage=stage, lane=lane, raci={})
        ghosts.append(ghost)
        shown[ghost.id] = old_id
    display = replace(new, touchpoints=[*new.touchpoints, *ghosts])
    view = build_view(display, metrics or BASE)
    _renumber(view, new)
    result = DiffView(view, _card_marks(diff), shown, unplaced, display)
    _links(result, old, new, diff, {**diff.touchpoint_pairs, **{v: k for k, v in shown.items()}})
    _moves(result, old_tps, diff, stage_of, lane_of)
    _header_marks(result, old, new, diff)
    return result


def _counterparts(old: list, new: list, removed_ids: list[str]) -> dict[str, str]:
    """Old stage (or lane) id -> the new one that is the same, as the diff matched them:
    by id, else by name (renamed ones keep their id or are reported renamed)."""
    new_ids = {item.id for item in new}
    by_name: dict[str, str] = {}
    for item in new:
        by_name.setdefault(name_key(item.name), item.id)
    gone = set(removed_ids)
    out = {}
    for item in old:
        if item.id in gone:
            continue
        found = item.id if item.id in new_ids else by_name.get(name_key(item.name))
        if found is not None:
            out[item.id] = found
    return out


def _renumber(view: SheetView, new: Map) -> None:
    """Cards keep the numbers of the to-be map's own touchpoint index; ghosts have none."""
    numbers = {tp.id: index for index, tp in enumerate(new.touchpoints_in_display_order(), 1)}
    view.cards = [replace(card, number=numbers.get(card.id, 0)) for card in view.cards]


def _card_marks(diff: MapDiff) -> dict[str, CardMarks]:
    marks: dict[str, CardMarks] = {}

    def of(tp_id: str) -> CardMarks:
        return marks.setdefault(tp_id, CardMarks())

    for new_id, _title in diff.added:
        of(new_id).added = True
    for change in diff.changed:
        of(change.new_id).fields = list(change.fields)
    for move in diff.moved:
        of(move.new_id).moved_from = move.old_cell
    for change in diff.raci:
        of(change.touchpoint_id).raci += 1
    return marks


def _links(result: DiffView, old: Map, new: Map, diff: MapDiff, where: dict[str, str]) -> None:
    """Routes of the removed connections whose ends are both on the grid (a kept card or a
    ghost), and which of the drawn links are added or changed."""
    rects = result.view.layout.card_rects
    metrics = result.view.layout.metrics
    old_conns = {c.id: c for c in old.connections}
    for ends in diff.connections_removed:
        conn = old_conns.get(ends.id)
        if conn is None:
            continue
        src, dst = rects.get(where.get(conn.source, "")), rects.get(where.get(conn.target, ""))
        if src is not None and dst is not None and src is not dst:
            result.links.append(LinkMark(route_between(src, dst, metrics), "removed"))
    added = {ends.id for ends in diff.connections_added}
    changed = {change.new_id for change in diff.connections_changed}
    for conn in new.connections:
        src, dst = rects.get(conn.source), rects.get(conn.target)
        if src is None or dst is None:
            continue
        kind = "added" if conn.id in added else ("changed" if conn.id in changed else "")
        if kind:
            result.links.append(LinkMark(route_between(src, dst, metrics), kind))


def _moves(result: DiffView, old_tps: dict[str, Touchpoint], diff: MapDiff,
           stage_of: dict[str, str], lane_of: dict[str, str]) -> None:
    """A faint arrow from a moved card's old cell, where the new map still has that cell."""
    layout = result.view.layout
    for move in diff.moved:
        tp = old_tps.get(move.old_id)
        card = layout.card_rects.get(move.new_id)
        if tp is None or card is None:
            continue
        cell = layout.cell_rects.get((stage_of.get(tp.stage, ""), lane_of.get(tp.lane, "")))
        if cell is None:
            continue
        dot = Rect(cell.x + cell.w / 2 - 1, cell.y + min(cell.h / 2, 40.0) - 1, 2, 2)
        result.moves.append((route_between(dot, card, layout.metrics), move.new_id))


def _header_marks(result: DiffView, old: Map, new: Map, diff: MapDiff) -> None:
    for marks, items, named in ((result.stage_marks, new.stages, diff.stages),
                                (result.lane_marks, new.lanes, diff.lanes)):
        renamed = dict(named.renamed)
        was = {name: old_name for old_name, name in renamed.items()}
        added = set(named.added_ids)
        for item in items:
            if item.id in added:
                marks[item.id] = "new"
            elif item.name in was:
                marks[item.id] = f"was {was[item.name]}"
