"""Journey analysis on a large map: analyse() vs baselines measured in the same run.

Map: 10 stages x 8 lanes, 2,000 touchpoints, ~2,500 connections (some loops, a few unmarked
backward links), 12 roles with a full RACI, volumes and lane capacities. Target: analyse()
under 50 ms (median). Baselines: building a networkx DiGraph of all connections, and that
plus one multi-source BFS (nx.descendants) from the entries.

    .venv/bin/python bench/bench_analysis.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journeymap.analysis import analyse, format_report  # noqa: E402
from journeymap.model import Connection, Lane, Map, Role, Stage, Touchpoint  # noqa: E402

STAGES, LANES, PER_CELL, ROLES = 10, 8, 25, 12


def build_map(seed: int = 7) -> Map:
    rng = random.Random(seed)
    m = Map(id="map-bench", name="Bench")
    m.stages = [Stage(id=f"st-{s}", name=f"Stage {s}", days=14.0) for s in range(STAGES)]
    m.lanes = [Lane(id=f"ln-{i}", name=f"Lane {i}", capacity=5000.0) for i in range(LANES)]
    m.roles = [Role(id=f"ro-{r}", name=f"Role {r}") for r in range(ROLES)]
    by_stage: list[list[str]] = [[] for _ in range(STAGES)]
    for s in range(STAGES):
        for lane in range(LANES):
            for k in range(PER_CELL):
                tp_id = f"tp-{s}-{lane}-{k}"
                accountable, responsible = rng.sample(range(ROLES), 2)
                raci = {f"ro-{accountable}": "A", f"ro-{responsible}": "R"}
                m.touchpoints.append(
                    Touchpoint(
                        id=tp_id,
                        title=f"Touchpoint {s}.{lane}.{k}",
                        stage=f"st-{s}",
                        lane=f"ln-{lane}",
                        channel=rng.choice(["web", "email", "phone", "store"]),
                        experience=rng.choice([None, -2, -1, 0, 1, 2]),
                        days=rng.choice([None, 1.0, 2.5, 7.0]),
                        volume=rng.choice([None, 10.0, 50.0]),
                        evidence=rng.choice(["assumption", "observed", "measured"]),
                        raci=raci,
                    )
                )
                by_stage[s].append(tp_id)
    m.connections = _connections(rng, by_stage)
    return m


def _connections(rng: random.Random, by_stage: list[list[str]]) -> list[Connection]:
    pairs: dict[tuple[str, str], bool] = {}
    for s in range(STAGES - 1):  # every card leads on to one card of the next stage
        targets = list(by_stage[s + 1])
        rng.shuffle(targets)
        for tp_id, target in zip(by_stage[s], targets, strict=True):
            pairs[(tp_id, target)] = False
    while len(pairs) < 2_400:  # skips and links within a stage
        s = rng.randrange(STAGES - 1)
        pairs[(rng.choice(by_stage[s]), rng.choice(by_stage[rng.randrange(s, STAGES)]))] = False
    while len(pairs) < 2_500:  # feedback loops, a few of them not marked
        s = rng.randrange(1, STAGES)
        pairs[(rng.choice(by_stage[s]), rng.choice(by_stage[rng.randrange(s)]))] = (
            rng.random() < 0.9
        )
    return [
        Connection(id=f"cn-{i}", source=a, target=b, loop=loop, days=rng.choice([None, 3.0]))
        for i, ((a, b), loop) in enumerate(pairs.items())
    ]


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def baseline_digraph(m: Map):
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(tp.id for tp in m.touchpoints)
    graph.add_edges_from((c.source, c.target) for c in m.connections)
    return graph


def baseline_bfs(m: Map) -> int:
    import networkx as nx

    graph = baseline_digraph(m)
    entries = [tp.id for tp in m.touchpoints if tp.stage == m.stages[0].id]
    graph.add_edges_from(("start", e) for e in entries)
    return len(nx.descendants(graph, "start"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    m = build_map()
    analyse(m)  # warm up (imports networkx)
    report = analyse(m)
    rows = [
        (
            "baseline: networkx DiGraph of all connections",
            median_ms(lambda: baseline_digraph(m), args.runs),
        ),
        (
            "baseline: DiGraph + one BFS from the entries",
            median_ms(lambda: baseline_bfs(m), args.runs),
        ),
        ("analyse()", median_ms(lambda: analyse(m), args.runs)),
        ("format_report()", median_ms(lambda: format_report(report, m), args.runs)),
    ]
    print(
        f"map: {len(m.touchpoints)} touchpoints, {len(m.connections)} connections "
        f"({sum(c.loop for c in m.connections)} loops), {len(m.roles)} roles; "
        f"{len(report.problems)} problems found; median of {args.runs} runs"
    )
    for label, ms in rows:
        print(f"  {label:<48} {ms:8.2f} ms")
    print(f"  analyse() target < 50 ms: {'met' if rows[2][1] < 50 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
