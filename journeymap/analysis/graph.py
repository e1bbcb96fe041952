"""The connection graph of a map: entries, goals, reachability and the critical path.

Built once per analysis (`JourneyGraph.of(m)`) so every check and figure shares the same
indexes; the model's own lookups are linear and would make a 2,000-card map quadratic.
Reachability is a plain BFS over a dict (faster than building a networkx graph for it); the
critical path runs on a networkx DiGraph of the forward connections.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Connection, Map, Stage, Touchpoint, goes_back


@dataclass
class JourneyGraph:
    m: Map
    by_id: dict[str, Touchpoint]
    stage_pos: dict[str, int]
    connections: list[Connection]  # those whose two ends are touchpoints of the map
    successors: dict[str, list[str]]
    has_incoming: set[str]
    stages_used: list[Stage] = field(default_factory=list)  # non-empty stages, in order

    @classmethod
    def of(cls, m: Map) -> JourneyGraph:
        by_id = {tp.id: tp for tp in m.touchpoints}
        connections = [c for c in m.connections if c.source in by_id and c.target in by_id]
        successors: dict[str, list[str]] = {tp_id: [] for tp_id in by_id}
        for conn in connections:
            successors[conn.source].append(conn.target)
        used = {tp.stage for tp in m.touchpoints}
        return cls(
            m=m,
            by_id=by_id,
            stage_pos={stage.id: index for index, stage in enumerate(m.stages)},
            connections=connections,
            successors=successors,
            has_incoming={c.target for c in connections},
            stages_used=[stage for stage in m.stages if stage.id in used],
        )

    # -- stages, entries, goals ----------------------------------------------------------
    @property
    def first_stage(self) -> Stage | None:
        return self.stages_used[0] if self.stages_used else None

    @property
    def last_stage(self) -> Stage | None:
        return self.stages_used[-1] if self.stages_used else None

    def in_stage(self, stage: Stage | None) -> list[Touchpoint]:
        if stage is None:
            return []
        return [tp for tp in self.m.touchpoints if tp.stage == stage.id]

    @cached_property
    def entries(self) -> list[Touchpoint]:
        return self.in_stage(self.first_stage)

    @cached_property
    def goals(self) -> list[Touchpoint]:
        last = self.in_stage(self.last_stage)
        ends = [tp for tp in last if not self.successors[tp.id]]
        return ends or last  # a loop out of every card of the last stage leaves none

    @cached_property
    def role_order(self) -> dict[str, tuple[int, str]]:
        """Role id -> (position, name), to list roles in map order."""
        return {role.id: (index, role.name) for index, role in enumerate(self.m.roles)}

    def is_orphan(self, tp: Touchpoint) -> bool:
        return not self.successors[tp.id] and tp.id not in self.has_incoming

    # -- reachability --------------------------------------------------------------------
    @cached_property
    def reachable(self) -> set[str]:
        """Ids of touchpoints some path from an entry reaches (loops count), entries included."""
        seen = {tp.id for tp in self.entries}
        queue = deque(seen)
        while queue:
            for nxt in self.successors[queue.popleft()]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        return seen

    # -- critical path -------------------------------------------------------------------
    def is_backward(self, conn: Connection) -> bool:
        return goes_back(self.stage_pos, self.by_id[conn.source].stage,
                         self.by_id[conn.target].stage)

    def days(self, conn: Connection) -> float:
        """Expected days of a connection: its own, else its source card's, else 0."""
        if conn.days is not None:
            return conn.days
        source_days = self.by_id[conn.source].days
        return source_days if source_days is not None else 0.0

    @cached_property
    def critical_path(self) -> tuple[list[Touchpoint], float | None]:
        """The longest path in days from an entry to a goal, on the DAG of forward connections.

        Loops and backward connections are left out; a cycle inside one stage is broken at the
        connection that closes it (depth first from the entries). Ties go to the path with more
        steps, then to the goal first in map order. ([], None) when no goal can be reached.
        """
        import networkx as nx

        dag = nx.DiGraph()
        dag.add_nodes_from(self.by_id)
        for conn in self.connections:
            if not conn.loop and not self.is_backward(conn) and conn.source != conn.target:
                dag.add_edge(conn.source, conn.target, days=self.days(conn))
        try:
            order = list(nx.topological_sort(dag))
        except nx.NetworkXUnfeasible:  # a cycle inside one stage
            dag.remove_edges_from(_edges_closing_cycles(dag, [tp.id for tp in self.entries]))
            order = list(nx.topological_sort(dag))
        best: dict[str, tuple[float, int]] = {tp.id: (0.0, 0) for tp in self.entries}
        before: dict[str, str] = {}
        for node in order:
            if node not in best:
                continue
            days, steps = best[node]
            for nxt, data in dag.succ[node].items():
                candidate = (days + data["days"], steps + 1)
                if nxt not in best or candidate > best[nxt]:
                    best[nxt] = candidate
                    before[nxt] = node
        ends = [tp for tp in self.goals if tp.id in best]
        if not ends:
            return [], None
        end = max(ends, key=lambda tp: best[tp.id])  # max keeps the first of equals
        path = [end.id]
        while path[-1] in before:
            path.append(before[path[-1]])
        return [self.by_id[tp_id] for tp_id in reversed(path)], best[end.id][0]


def _edges_closing_cycles(dag, roots: list[str]) -> list[tuple[str, str]]:
    """Back edges of an iterative depth-first search, started at `roots`, then at every node."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    closing = []
    for root in [*roots, *dag.nodes]:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(dag.succ[root]))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if state.get(child) == 1:
                    closing.append((node, child))
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(dag.succ[child])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return closing


def entry_touchpoints(m: Map) -> list[Touchpoint]:
    """All touchpoints of the first non-empty stage, in map order."""
    return JourneyGraph.of(m).entries


def goal_touchpoints(m: Map) -> list[Touchpoint]:
    """Touchpoints of the last non-empty stage with no outgoing connection (Next or Loops);
    if none qualifies (a loop leaves each of them), all touchpoints of that stage."""
    return JourneyGraph.of(m).goals
