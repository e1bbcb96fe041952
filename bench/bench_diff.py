"""The diff of two 2,000-card maps: diff_maps() against a naive baseline in the same run.

Maps: 10 stages x 8 lanes x 25 cards (tests/synthetic_maps.py: long titles, channels,
RACI, connections along each lane), and a to-be made from it the way a team reworks a map:
5 % of cards retitled or re-rated, 3 % moved to another cell, 50 added, 50 removed, a stage
renamed. Two cases: the to-be keeps the ids (`new --from`), and the to-be was imported
again (fresh ids, so everything matches by title). Target: well under a second.
Baseline: the naive match, every old card compared with every new card (id, then title).

    .venv/bin/python bench/bench_diff.py [--runs N]
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journeymap.diff import diff_maps, to_json_dict  # noqa: E402
from journeymap.diff.matching import name_key  # noqa: E402
from journeymap.document import Document  # noqa: E402
from journeymap.model import new_id  # noqa: E402
from tests.synthetic_maps import sample_map  # noqa: E402


def to_be(m, seed: int = 11):
    rng = random.Random(seed)
    document = Document(copy.deepcopy(m))
    cards = list(document.map.touchpoints)

    def rework(d: Document) -> None:
        for tp in rng.sample(cards, len(cards) // 20):
            d.update("touchpoint", tp.id, title=tp.title + " (reworked)",
                     experience=rng.choice((-2, -1, 0, 1, 2)))
        stages, lanes = d.map.stages, d.map.lanes
        for tp in rng.sample(cards, len(cards) * 3 // 100):
            if d.map.touchpoint(tp.id) is not None:
                d.move_touchpoints([tp.id], rng.choice(stages).id, rng.choice(lanes).id)
        d.remove_touchpoints([tp.id for tp in rng.sample(cards, 50)])
        for n in range(50):
            d.add_touchpoint(rng.choice(stages).id, rng.choice(lanes).id, f"New step {n}")
        d.update("stage", stages[0].id, name="First contact")

    document.batch("Rework", rework)
    return document.map


def reimported(m):
    """The same map with fresh ids everywhere, as a second import of its sheet gives."""
    twin = copy.deepcopy(m)
    ids = {}
    for kind in ("stage", "lane", "role", "touchpoint", "connection", "persona"):
        for item in twin.collection(kind):
            ids[item.id] = item.id = new_id(kind[:2])
    for tp in twin.touchpoints:
        tp.stage, tp.lane = ids[tp.stage], ids[tp.lane]
        tp.raci = {ids[r]: letters for r, letters in tp.raci.items()}
    for c in twin.connections:
        c.source, c.target = ids[c.source], ids[c.target]
    return twin


def naive_pairs(old, new) -> dict[str, str]:
    pairs = {}
    for a in old.touchpoints:
        for b in new.touchpoints:
            if a.id == b.id or name_key(a.title) == name_key(b.title):
                pairs[a.id] = b.id
                break
    return pairs


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    as_is = sample_map(stages=10, lanes=8, per_cell=25, roles=12, seed=5, name="As-is")
    target = to_be(as_is)
    again = reimported(target)
    print(f"maps: {len(as_is.touchpoints)} and {len(target.touchpoints)} cards, "
          f"{len(as_is.connections)} connections; median of {runs} runs")
    for case, new in (("ids kept", target), ("imported again", again)):
        result = diff_maps(as_is, new)
        print(f"\n{case}: {len(result.added)} added, {len(result.removed)} removed, "
              f"{len(result.moved)} moved, {len(result.changed)} changed, "
              f"{len(result.raci)} RACI changes")
        full = median_ms(lambda new=new: to_json_dict(diff_maps(as_is, new)), runs)
        bare = median_ms(lambda new=new: diff_maps(as_is, new, figures=False), runs)
        naive = median_ms(lambda new=new: naive_pairs(as_is, new), max(1, runs // 2))
        print(f"  diff --json (with the figures of both maps)  {full:8.1f} ms")
        print(f"  diff without figures                         {bare:8.1f} ms")
        print(f"  baseline: naive pairwise match only          {naive:8.1f} ms "
              f"({naive / bare:.0f}x the whole diff)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
