"""Which touchpoint an activity stands for, and the map seen by titles.

The one place that works out a touchpoint's *canonical title*: titles equal but for case or
spacing (`journeymap.mapping.normalise`) are one title, the first in map order, and that
title's first touchpoint stands for all of them. `compare` labels the log with these titles,
and the overlay, the panel and the PDF find cards for the result's labels through the same
`TitleIndex`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..mapping import normalise, resolve
from ..model import Map
from .result import step_key


class TitleIndex:
    """A map's canonical titles: per touchpoint id its title, per title its first touchpoint."""

    def __init__(self, m: Map) -> None:
        first: dict[str, tuple[str, str]] = {}  # normalised -> (title, touchpoint id)
        for tp in m.touchpoints:
            first.setdefault(normalise(tp.title), (tp.title, tp.id))
        self._first = first
        self.title_of: dict[str, str] = {
            tp.id: first[normalise(tp.title)][0] for tp in m.touchpoints
        }

    def title(self, tp_id: str) -> str | None:
        """The canonical title of touchpoint `tp_id` (None: no such touchpoint)."""
        return self.title_of.get(tp_id)

    def touchpoint(self, label: str) -> str | None:
        """The id of the first touchpoint titled `label` (case and spacing ignored)."""
        found = self._first.get(normalise(label))
        return found[1] if found is not None else None

    def titles(self) -> set[str]:
        return {title for title, _ in self._first.values()}

    def ids_of(self, labels: Iterable[str], unmatched: Iterable[str] = ()) -> dict[str, str]:
        """{label: touchpoint id} of the labels that are touchpoints (not `unmatched`)."""
        leave = set(unmatched)
        ids = {}
        for label in labels:
            tp_id = None if label in leave else self.touchpoint(label)
            if tp_id is not None:
                ids[label] = tp_id
        return ids


@dataclass
class Plan:
    """The map seen by titles, and the code of every label in the log."""

    names: list[str] = field(default_factory=list)  # code -> label
    code_of: dict[str, int] = field(default_factory=dict)  # activity -> code
    matched: set[int] = field(default_factory=set)  # codes that are touchpoint titles
    titles: list[str] = field(default_factory=list)  # display order, each once
    stage_of: dict[str, int] = field(default_factory=dict)  # title -> stage position
    successors: dict[str, set[str]] = field(default_factory=dict)
    designed: set[tuple[str, str]] = field(default_factory=set)
    # 'A -> B' -> (A, B, days) of designed connections with expected days, map order; keyed
    # by the contract's key, so two pairs printing alike keep the first, as the JSON does.
    expected: dict[str, tuple[str, str, float]] = field(default_factory=dict)
    goals: list[str] = field(default_factory=list)
    stages: list[tuple[int, str, float | None]] = field(default_factory=list)  # pos, name, days
    index: TitleIndex | None = None

    def __post_init__(self) -> None:
        self._index: dict[str, int] = {}  # label -> code
        self._reach: dict[str, set[str]] = {}  # title -> titles it leads to

    def label_code(self, label: str) -> int:
        if label not in self._index:
            self._index[label] = len(self.names)
            self.names.append(label)
        return self._index[label]

    def code_of_pair(self, source: str, target: str, n: int) -> int | None:
        """The pair code of two titles, or None when one of them is not in the log."""
        a, b = self._index.get(source), self._index.get(target)
        if a is None or b is None or a not in self.matched or b not in self.matched:
            return None
        return a * n + b

    def leads_to(self, source: str, target: str) -> bool:
        """Whether designed connections lead from title `source` to title `target`."""
        if source not in self._reach:
            seen: set[str] = set()
            queue = deque([source])
            while queue:
                for nxt in self.successors.get(queue.popleft(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        queue.append(nxt)
            self._reach[source] = seen
        return target in self._reach[source]

    def touchpoint_id(self, code: int) -> str | None:
        """The touchpoint a label code stands for (None: an unmatched activity)."""
        if code not in self.matched or self.index is None:
            return None
        return self.index.touchpoint(self.names[code])


def make_plan(m: Map, activities: list[str], mapping: dict[str, str] | None) -> Plan:
    """The plan of `m` for a log with these distinct `activities`."""
    from ..analysis import goal_touchpoints

    index = TitleIndex(m)
    plan = Plan(index=index)

    def title(tp) -> str:
        return index.title_of[tp.id]

    stage_pos = m.stage_index()
    for tp in m.touchpoints_in_display_order():
        if title(tp) not in plan.stage_of:
            plan.titles.append(title(tp))
            plan.stage_of[title(tp)] = stage_pos.get(tp.stage, 0)
            plan.successors[title(tp)] = set()
    by_id = {tp.id: tp for tp in m.touchpoints}
    for conn in m.connections:
        source, target = by_id.get(conn.source), by_id.get(conn.target)
        if source is None or target is None:
            continue
        plan.designed.add((title(source), title(target)))
        plan.successors[title(source)].add(title(target))
        days = conn.days if conn.days is not None else source.days
        if days is not None:
            key = step_key(title(source), title(target))
            plan.expected.setdefault(key, (title(source), title(target), days))
    plan.goals = list(dict.fromkeys(title(tp) for tp in goal_touchpoints(m)))
    used = {tp.stage for tp in m.touchpoints}
    plan.stages = [(i, s.name, s.days) for i, s in enumerate(m.stages) if s.id in used]
    matches = resolve(m, activities, mapping)
    for activity in activities:
        tp = matches.get(activity)
        code = plan.label_code(title(tp) if tp else activity)
        plan.code_of[activity] = code
        if tp is not None:
            plan.matched.add(code)
    return plan
