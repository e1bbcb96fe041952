"""Compare two maps item by item (see matching.py for which items are the same)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields

from ..commands import MAP_SCALAR_FIELDS
from ..model import Map, Touchpoint, normalise_raci
from .matching import kept_in_order, match_connections, match_items, name_key
from .result import (
    Cell,
    ConnectionChange,
    Endpoints,
    MapDiff,
    MovedTouchpoint,
    NamedListDiff,
    RaciChange,
    TouchpointChange,
)

# Compared field by field; stage and lane make a move, raci has its own list.
TOUCHPOINT_FIELDS = tuple(f.name for f in fields(Touchpoint)
                          if f.name not in ("id", "stage", "lane", "raci"))
CONNECTION_FIELDS = ("label", "days", "loop")


def diff_maps(old: Map, new: Map, old_name: str | None = None, new_name: str | None = None,
              *, figures: bool = True, old_figures: dict | None = None) -> MapDiff:
    """What changes from `old` to `new`; `old_name`/`new_name` as the user named them.
    `old_figures`: `headline(old)` when the caller has it (a diff redrawn as the new map is
    edited: the old side does not change)."""
    result = MapDiff(old_name=old_name or old.name, new_name=new_name or new.name)
    stage_pairs = match_items(old.stages, new.stages, lambda s: name_key(s.name))
    lane_pairs = match_items(old.lanes, new.lanes, lambda lane: name_key(lane.name))
    role_pairs = match_items(old.roles, new.roles, lambda r: name_key(r.name))
    result.stages = _named_list(old.stages, new.stages, stage_pairs)
    result.lanes = _named_list(old.lanes, new.lanes, lane_pairs)
    result.roles = _named_list(old.roles, new.roles, role_pairs)
    tp_pairs = match_items(old.touchpoints, new.touchpoints, lambda t: name_key(t.title))
    result.touchpoint_pairs, result.stage_pairs, result.lane_pairs = (
        tp_pairs, stage_pairs, lane_pairs)
    twins = _twins(old, new, tp_pairs)
    _touchpoints(result, old, new, tp_pairs, twins, stage_pairs, lane_pairs)
    _raci(result, old, new, twins, role_pairs)
    _connections(result, old, new, tp_pairs)
    # The names head the diff (as given); a to-be map is named apart from its as-is map.
    result.map_fields = {
        name: (getattr(old, name), getattr(new, name))
        for name in MAP_SCALAR_FIELDS
        if name != "name" and getattr(old, name) != getattr(new, name)
    }
    if figures:
        before, after = old_figures or headline(old), headline(new)
        result.figures = {key: (value, after[key]) for key, value in before.items()}
    return result


def headline(m: Map) -> dict:
    """The figures a diff shows side by side."""
    from ..analysis.checks import run_checks
    from ..analysis.graph import JourneyGraph
    from ..analysis.problems import ERROR

    graph = JourneyGraph.of(m)
    rated = [tp.experience for tp in m.touchpoints if tp.experience is not None]
    _path, days = graph.critical_path
    return {
        "touchpoints": len(m.touchpoints),
        "connections": len(graph.connections),
        "errors": sum(1 for p in run_checks(graph) if p.severity == ERROR),
        "experience": round(sum(rated) / len(rated), 2) if rated else None,
        "expected_days": None if days is None else round(days, 6),
    }


def _named_list(old: list, new: list, pairs: dict[str, str]) -> NamedListDiff:
    matched_new = set(pairs.values())
    by_id = {item.id: item for item in new}
    diff = NamedListDiff(
        added=[item.name for item in new if item.id not in matched_new],
        removed=[item.name for item in old if item.id not in pairs],
        renamed=[(item.name, by_id[pairs[item.id]].name) for item in old
                 if item.id in pairs and item.name != by_id[pairs[item.id]].name],
        added_ids=[item.id for item in new if item.id not in matched_new],
        removed_ids=[item.id for item in old if item.id not in pairs],
    )
    old_order = [pairs[item.id] for item in old if item.id in pairs]
    new_order = [item.id for item in new if item.id in matched_new]
    diff.reordered = old_order != new_order
    return diff


def _twins(old: Map, new: Map, pairs: dict[str, str]) -> list[tuple[Touchpoint, Touchpoint]]:
    """(old card, new card) of every card in both maps, in the new map's order."""
    by_id = {tp.id: tp for tp in old.touchpoints}
    old_of = {new_id: by_id[old_id] for old_id, new_id in pairs.items()}
    return [(old_of[tp.id], tp) for tp in new.touchpoints if tp.id in old_of]


def _touchpoints(result: MapDiff, old: Map, new: Map, pairs: dict[str, str], twins: list,
                 stage_pairs: dict[str, str], lane_pairs: dict[str, str]) -> None:
    matched_new = set(pairs.values())
    result.added = [(tp.id, tp.title) for tp in new.touchpoints if tp.id not in matched_new]
    result.removed = [(tp.id, tp.title) for tp in old.touchpoints if tp.id not in pairs]
    old_names = _cell_names(old)
    new_names = _cell_names(new)
    staying: dict[tuple[str, str], list[str]] = defaultdict(list)  # new cell -> new ids
    for before, tp in twins:
        if stage_pairs.get(before.stage) != tp.stage or lane_pairs.get(before.lane) != tp.lane:
            result.moved.append(MovedTouchpoint(
                before.id, tp.id, tp.title,
                old_names(before.stage, before.lane), new_names(tp.stage, tp.lane)))
        else:
            staying[(tp.stage, tp.lane)].append(tp.id)
    old_by_new = {tp.id: before.id for before, tp in twins}
    positions = _position_changes(staying, old, old_by_new)
    for before, tp in twins:
        changes = {name: (_plain(getattr(before, name)), _plain(getattr(tp, name)))
                   for name in TOUCHPOINT_FIELDS if getattr(before, name) != getattr(tp, name)}
        if tp.id in positions:
            changes["position"] = positions[tp.id]
        if changes:
            result.changed.append(TouchpointChange(before.id, tp.id, tp.title, changes))


def _cell_names(m: Map):
    stages = {stage.id: stage.name for stage in m.stages}
    lanes = {lane.id: lane.name for lane in m.lanes}
    return lambda stage, lane: Cell(stages.get(stage, ""), lanes.get(lane, ""))


def _position_changes(staying: dict[tuple[str, str], list[str]], old: Map,
                      old_by_new: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Cards whose order among the matched cards of their cell changed: those outside the
    longest run that kept its order, with their 1-based places before and after."""
    old_index = {tp.id: index for index, tp in enumerate(old.touchpoints)}
    changes: dict[str, tuple[int, int]] = {}
    for new_order in staying.values():
        if len(new_order) < 2:
            continue
        old_order = sorted(new_order, key=lambda new_id: old_index[old_by_new[new_id]])
        if old_order == new_order:
            continue
        kept = kept_in_order(old_order, new_order)
        before = {new_id: place for place, new_id in enumerate(old_order, 1)}
        for place, new_id in enumerate(new_order, 1):
            if new_id not in kept:
                changes[new_id] = (before[new_id], place)
    return changes


def _raci(result: MapDiff, old: Map, new: Map, twins: list,
          role_pairs: dict[str, str]) -> None:
    new_role_old = {new_id: old_id for old_id, new_id in role_pairs.items()}
    removed_roles = [role for role in old.roles if role.id not in role_pairs]
    for before, tp in twins:
        for role in new.roles:
            was = normalise_raci(before.raci.get(new_role_old.get(role.id, ""), ""))
            now = normalise_raci(tp.raci.get(role.id, ""))
            if was != now:
                result.raci.append(RaciChange(tp.id, tp.title, role.name, was, now))
        for role in removed_roles:
            was = normalise_raci(before.raci.get(role.id, ""))
            if was:
                result.raci.append(RaciChange(tp.id, tp.title, role.name, was, ""))


def _connections(result: MapDiff, old: Map, new: Map, tp_pairs: dict[str, str]) -> None:
    pairs = match_connections(old.connections, new.connections, tp_pairs)
    matched_new = set(pairs.values())
    old_titles = {tp.id: tp.title for tp in old.touchpoints}
    new_titles = {tp.id: tp.title for tp in new.touchpoints}
    new_by_id = {c.id: c for c in new.connections}

    def ends(c, titles) -> Endpoints:
        return Endpoints(c.id, titles.get(c.source, ""), titles.get(c.target, ""), c.source,
                         c.target)

    result.connections_added = [ends(c, new_titles) for c in new.connections
                                if c.id not in matched_new]
    result.connections_removed = [ends(c, old_titles) for c in old.connections
                                  if c.id not in pairs]
    old_by_new = {new_id: old_id for old_id, new_id in pairs.items()}
    old_by_id = {c.id: c for c in old.connections}
    for c in new.connections:
        if c.id not in old_by_new:
            continue
        before = old_by_id[old_by_new[c.id]]
        changes = {name: (getattr(before, name), getattr(c, name))
                   for name in CONNECTION_FIELDS if getattr(before, name) != getattr(c, name)}
        if changes:
            twin = new_by_id[c.id]
            result.connections_changed.append(ConnectionChange(
                before.id, c.id, new_titles.get(twin.source, ""),
                new_titles.get(twin.target, ""), changes))


def _plain(value):
    """A field's value as JSON shows it (a copy of a dict, so the result shares nothing)."""
    return dict(sorted(value.items())) if isinstance(value, dict) else value
