"""Key figures of a journey (documented key by key in the package docstring)."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise

from ..model import EVIDENCE_LEVELS, Touchpoint
from .graph import JourneyGraph


def compute_figures(g: JourneyGraph) -> dict:
    m = g.m
    path, path_days = g.critical_path
    reachable = [tp for tp in m.touchpoints if tp.id in g.reachable]
    return {
        "touchpoints": len(m.touchpoints),
        "connections": len(g.connections),
        "loops": sum(1 for c in g.connections if c.loop),
        "stages": len(m.stages),
        "lanes": len(m.lanes),
        "roles": len(m.roles),
        "entries": [tp.title for tp in g.entries],
        "goals": [tp.title for tp in g.goals],
        "reach": {"main_path": _reach(g, path), "reachable": _reach(g, reachable)},
        "depth": len({tp.stage for tp in reachable}),
        "handoffs": {
            "total": sum(1 for c in g.connections if _crosses(g, c.source, c.target)),
            "main_path": sum(1 for a, b in pairwise(path) if _crosses(g, a.id, b.id)),
        },
        "channels": _channels(g),
        "critical_path": {
            "titles": [tp.title for tp in path],
            "days": None if path_days is None else round(path_days, 6),
            "planned_stage_days": _planned_days(g),
        },
        "evidence": _evidence(g),
        "experience": _experience(g),
        "touchpoints_per_lane": _per_lane(g),
    }


def _reach(g: JourneyGraph, cards: list[Touchpoint]) -> dict:
    used = {tp.lane for tp in cards}
    names = [lane.name for lane in g.m.lanes if lane.id in used]
    return {"lanes": len(names), "lane_names": names, "touchpoints": len(cards)}


def _crosses(g: JourneyGraph, source: str, target: str) -> bool:
    return g.by_id[source].lane != g.by_id[target].lane


def _stage_names(g: JourneyGraph) -> dict[str, str]:
    return {stage.id: stage.name for stage in g.m.stages}


def _channels(g: JourneyGraph) -> dict[str, dict[str, int]]:
    """{stage name: {channel: touchpoints}}; stages sharing a name are merged, "" = no channel."""
    names = _stage_names(g)
    result: dict[str, Counter] = {name: Counter() for name in names.values()}
    for tp in g.m.touchpoints:
        if tp.stage in names:
            result[names[tp.stage]][tp.channel.strip()] += 1
    return {stage: dict(counts.most_common()) for stage, counts in result.items()}


def _experience(g: JourneyGraph) -> dict[str, float | None]:
    names = _stage_names(g)
    ratings: dict[str, list[int]] = {name: [] for name in names.values()}
    for tp in g.m.touchpoints:
        if tp.stage in names and tp.experience is not None:
            ratings[names[tp.stage]].append(tp.experience)
    return {
        stage: round(sum(values) / len(values), 2) if values else None
        for stage, values in ratings.items()
    }


def _planned_days(g: JourneyGraph) -> float | None:
    planned = [stage.days for stage in g.m.stages if stage.days is not None]
    return round(sum(planned), 6) if planned else None


def _evidence(g: JourneyGraph) -> dict[str, float]:
    counts = Counter(tp.evidence for tp in g.m.touchpoints)
    total = len(g.m.touchpoints)
    return {level: round(counts[level] / total, 3) if total else 0.0 for level in EVIDENCE_LEVELS}


def _per_lane(g: JourneyGraph) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for lane in g.m.lanes:
        counts[lane.name] += 0
    lane_names = {lane.id: lane.name for lane in g.m.lanes}
    for tp in g.m.touchpoints:
        if tp.lane in lane_names:
            counts[lane_names[tp.lane]] += 1
    return dict(counts)
