"""The checks: each takes the JourneyGraph and returns its problems, one per offending item."""

from __future__ import annotations

from collections import defaultdict

from ..model import Touchpoint
from .graph import JourneyGraph
from .problems import Problem, problem

# raci-overload: a role is overloaded when its share of all R and A letters exceeds
# max(OVERLOAD_SHARE, OVERLOAD_FACTOR / number of roles), in a map with at least
# OVERLOAD_MIN_ROLES roles and OVERLOAD_MIN_TOUCHPOINTS touchpoints.
OVERLOAD_SHARE = 0.4
OVERLOAD_FACTOR = 2.0
OVERLOAD_MIN_ROLES = 3
OVERLOAD_MIN_TOUCHPOINTS = 5


def run_checks(g: JourneyGraph) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        problems += check(g)
    return problems


# -- flow ----------------------------------------------------------------------------------
def _where(g: JourneyGraph, tp: Touchpoint) -> str:
    stage = g.m.stage(tp.stage)
    lane = g.m.lane(tp.lane)
    return f"stage {stage.name if stage else '?'}, lane {lane.name if lane else '?'}"


def orphans(g: JourneyGraph) -> list[Problem]:
    return [
        problem(
            "orphan",
            f'"{tp.title}" has no connection at all: nothing leads to it and it leads nowhere '
            f"({_where(g, tp)}).",
            [tp],
        )
        for tp in g.m.touchpoints
        if g.is_orphan(tp)
    ]


def unreachable(g: JourneyGraph) -> list[Problem]:
    first = g.first_stage.name if g.first_stage else ""
    return [
        problem(
            "unreachable",
            f'"{tp.title}" cannot be reached: no path from the entry touchpoints of stage '
            f"{first} leads to it ({_where(g, tp)}).",
            [tp],
        )
        for tp in g.m.touchpoints
        if tp.id not in g.reachable and not g.is_orphan(tp)
    ]


def dead_ends(g: JourneyGraph) -> list[Problem]:
    last_id = g.last_stage.id if g.last_stage else None
    found = []
    for tp in g.m.touchpoints:
        if tp.stage == last_id or g.successors[tp.id] or g.is_orphan(tp):
            continue
        stage = g.m.stage(tp.stage)
        found.append(
            problem(
                "dead-end",
                f'"{tp.title}" leads nowhere: it is in stage {stage.name if stage else "?"}, '
                f"not the last stage, and has no outgoing connection.",
                [tp],
            )
        )
    return found


# -- RACI ----------------------------------------------------------------------------------
def _holders(g: JourneyGraph, tp: Touchpoint, letter: str) -> list[str]:
    """Names of the map's roles holding `letter` on `tp`, in role order."""
    roles = g.role_order
    held = [roles[r] for r, letters in tp.raci.items() if letter in letters and r in roles]
    if len(held) > 1:
        held.sort()
    return [name for _, name in held]


def raci_rules(g: JourneyGraph) -> list[Problem]:
    no_roles = not g.m.roles
    hint_a = (
        "the map has no roles yet, so add roles and give one of them the A"
        if no_roles
        else "give exactly one role the A"
    )
    hint_r = (
        "the map has no roles yet, so add roles and give at least one of them the R"
        if no_roles
        else "give at least one role the R"
    )
    by_code: dict[str, list[Problem]] = defaultdict(list)
    for tp in g.m.touchpoints:
        accountable = _holders(g, tp, "A")
        if not accountable:
            message = f'"{tp.title}" has no accountable role: {hint_a}.'
            by_code["raci-no-accountable"].append(problem("raci-no-accountable", message, [tp]))
        elif len(accountable) > 1:
            message = (
                f'"{tp.title}" has {len(accountable)} accountable roles '
                f"({', '.join(accountable)}): keep the A on exactly one of them."
            )
            by_code["raci-multiple-accountable"].append(
                problem("raci-multiple-accountable", message, [tp], roles=accountable)
            )
        if not _holders(g, tp, "R"):
            message = f'"{tp.title}" has no responsible role: {hint_r}.'
            by_code["raci-no-responsible"].append(problem("raci-no-responsible", message, [tp]))
    codes = ("raci-no-accountable", "raci-multiple-accountable", "raci-no-responsible")
    return [found for code in codes for found in by_code[code]]


def role_loads(m) -> tuple[dict[str, int], float, bool]:
    """Each role's R and A letters, the share above which one role is overloaded, and
    whether the map is big enough to judge (the RACI sheet draws the same figures)."""
    roles = m.roles
    load = {r.id: 0 for r in roles}
    for tp in m.touchpoints:
        for role_id, letters in tp.raci.items():
            if role_id in load:
                load[role_id] += ("R" in letters) + ("A" in letters)
    limit = max(OVERLOAD_SHARE, OVERLOAD_FACTOR / len(roles)) if roles else 1.0
    judged = len(roles) >= OVERLOAD_MIN_ROLES and len(m.touchpoints) >= OVERLOAD_MIN_TOUCHPOINTS
    return load, limit, judged


def raci_overload(g: JourneyGraph) -> list[Problem]:
    load, limit, judged = role_loads(g.m)
    if not judged:
        return []
    total = sum(load.values())
    found = []
    for role in g.m.roles:
        share = load[role.id] / total if total else 0.0
        if share <= limit:
            continue
        cards = [tp for tp in g.m.touchpoints if set(tp.raci.get(role.id, "")) & {"R", "A"}]
        message = (
            f"Role {role.name} carries {share:.0%} of all R and A assignments "
            f"({load[role.id]} of {total}), more than the {limit:.0%} a single role should."
        )
        found.append(
            problem("raci-overload", message, cards, role=role.name, share=round(share, 3))
        )
    return found


# -- capacity, shape -----------------------------------------------------------------------
def _num(value: float) -> str:
    return f"{value:g}"


def capacity(g: JourneyGraph) -> list[Problem]:
    found = []
    for lane in g.m.lanes:
        if lane.capacity is None:
            continue
        cards = [tp for tp in g.m.touchpoints if tp.lane == lane.id and tp.volume is not None]
        volume = sum(tp.volume for tp in cards)
        if volume > lane.capacity:
            message = (
                f"Lane {lane.name} is planned to handle {_num(volume)} cases a week but its "
                f"capacity is {_num(lane.capacity)}."
            )
            found.append(
                problem(
                    "capacity-exceeded",
                    message,
                    cards,
                    lane=lane.name,
                    volume=volume,
                    capacity=lane.capacity,
                )
            )
    return found


def backward_flow(g: JourneyGraph) -> list[Problem]:
    found = []
    for conn in g.connections:
        if conn.loop or not g.is_backward(conn):
            continue
        source, target = g.by_id[conn.source], g.by_id[conn.target]
        message = (
            f'The connection from "{source.title}" (stage {g.m.stage(source.stage).name}) back '
            f'to "{target.title}" (stage {g.m.stage(target.stage).name}) goes to an earlier '
            "stage but is not marked as a loop."
        )
        # [from, to] rather than map order: the pair reads as the connection's direction.
        found.append(
            problem(
                "backward-flow",
                message,
                [source, target],
                **{"from": source.title, "to": target.title},
            )
        )
    return found


def empty_stages(g: JourneyGraph) -> list[Problem]:
    return _empty(g, "stage", g.m.stages)


def empty_lanes(g: JourneyGraph) -> list[Problem]:
    return _empty(g, "lane", g.m.lanes)


def _empty(g: JourneyGraph, kind: str, items: list) -> list[Problem]:
    """`empty-stage` / `empty-lane`: one problem per stage or lane no touchpoint is in."""
    used = {getattr(tp, kind) for tp in g.m.touchpoints}
    return [
        problem(f"empty-{kind}", f"{kind.capitalize()} {item.name} has no touchpoints.",
                **{kind: item.name})
        for item in items
        if item.id not in used
    ]


def duplicate_titles(g: JourneyGraph) -> list[Problem]:
    by_title: dict[str, list[Touchpoint]] = defaultdict(list)
    for tp in g.m.touchpoints:
        by_title[tp.title].append(tp)
    return [
        problem(
            "duplicate-title",
            f'{len(cards)} touchpoints share the title "{title}", so links and event-log '
            "activities cannot tell them apart.",
            cards,
            title=title,
        )
        for title, cards in by_title.items()
        if len(cards) > 1
    ]


# In report order: errors first, then warnings (see problems.SEVERITY).
CHECKS = (
    orphans,
    unreachable,
    dead_ends,
    raci_rules,
    capacity,
    backward_flow,
    empty_stages,
    empty_lanes,
    raci_overload,
    duplicate_titles,
)
