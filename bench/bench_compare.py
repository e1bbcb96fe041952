"""Planned vs actual on a 1 M-event log: Journeymap's compare against pm4py and bare polars.

    .venv/bin/python bench/bench_compare.py [--events 1000000] [--data DIR] [--pm4py PYTHON]

Generates (once, cached in DIR, default /tmp/journeymap-bench) a template-like map and a log
of ~1 M events / ~150 k cases as CSV and Parquet -- with deviations, unmatched activities,
exact duplicates, equal timestamps and mixed UTC offsets -- then times, each as its own
process (start-up included) and with its peak memory (ru_maxrss of the child):

  (a) journeymap: `python -m journeymap compare MAP --log FILE --json --no-save` when the CLI
      and storage are there, else `python -c` running read_log + compare + json.dumps;
  (b) pm4py in its own venv (`/tmp/pm4py-venv`, see bench/requirements-pm4py.txt; AGPL, a
      benchmark baseline only): pandas read, format_dataframe, DFG and variants, its import
      time excluded (printed apart);
  (c) bare polars: read, parse, sort, DFG with median and p90, variants -- the floor.

Prints seconds, MB and the ratio pm4py / journeymap (target >= 3).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# stage, lane, title, days to next, next titles, loop titles
TOUCHPOINTS = (
    ("Reach", "Marketing", "Sees ad", 1.0, ["Visits website"], []),
    ("Reach", "Customer", "Hears from a peer", 2.0, ["Visits website"], []),
    ("Engage", "Customer", "Visits website", 0.5, ["Downloads guide", "Books demo"], []),
    ("Engage", "Marketing", "Downloads guide", 3.0, ["Nurture email"], []),
    ("Engage", "Marketing", "Nurture email", 4.0, ["Books demo"], []),
    ("Engage", "Sales", "Books demo", 2.0, ["Demo call"], []),
    ("Engage", "Sales", "Demo call", 5.0, ["Receives quote"], []),
    ("Enroll", "Sales", "Receives quote", 7.0, ["Signs contract"], ["Demo call"]),
    ("Enroll", "Finance", "Signs contract", 2.0, ["Kick-off"], []),
    ("Enroll", "Operations", "Kick-off", 3.0, ["Onboarding"], []),
    ("Retain", "Operations", "Onboarding", 14.0, ["First value"], []),
    ("Retain", "Service", "Support ticket", 1.0, [], ["Onboarding", "First value"]),
    ("Retain", "Customer", "First value", 30.0, ["Renews"], ["Support ticket"]),
    ("Develop", "Sales", "Renews", 0.0, ["Refers a peer"], []),
    ("Develop", "Customer", "Refers a peer", 0.0, [], []),
)
SEGMENTS = ("web", "partner", "event", "outbound")
UNMATCHED = ("Newsletter signup", "Price page visit", "Chatbot")


def build_map():
    from journeymap.document import Document
    from journeymap.model import Map

    doc = Document(Map(id="map-bench", name="Bench acquisition"))
    stages = {}
    lanes = {}
    ids = {}
    for stage, lane, title, days, _, _ in TOUCHPOINTS:
        if stage not in stages:
            stages[stage] = doc.add_stage(stage).id
        if lane not in lanes:
            lanes[lane] = doc.add_lane(lane).id
        ids[title] = doc.add_touchpoint(stages[stage], lanes[lane], title, days=days).id
    for _, _, title, _, nxt, loops in TOUCHPOINTS:
        for target in nxt:
            doc.add_connection(ids[title], ids[target])
        for target in loops:
            doc.add_connection(ids[title], ids[target], loop=True)
    return doc.map


# -- the log -----------------------------------------------------------------------------
def _walk(rng: random.Random) -> list[str]:
    """One case: the designed flow with early exits, skips, loops, strays and repeats."""
    nxt = {t[2]: t[4] for t in TOUCHPOINTS}
    loops = {t[2]: t[5] for t in TOUCHPOINTS}
    titles = [t[2] for t in TOUCHPOINTS]
    path = [rng.choice(["Sees ad", "Sees ad", "Hears from a peer"])]
    while len(path) < 30:
        here = path[-1]
        roll = rng.random()
        if roll < 0.11 or not (nxt[here] or loops[here]):
            break
        if roll < 0.14:
            path.append(rng.choice(titles))  # stray step
        elif roll < 0.16:
            path.append(rng.choice(UNMATCHED))
        elif roll < 0.17:
            path.append(here)  # a repeat
        elif loops[here] and roll < 0.25:
            path.append(rng.choice(loops[here]))
        elif nxt[here]:
            path.append(rng.choice(nxt[here]))
        else:
            break
        if path[-1] in UNMATCHED:
            path.append(rng.choice(titles))
    return path


def generate(directory: Path, target_events: int) -> tuple[Path, Path]:
    csv_path = directory / f"log-{target_events}.csv"
    parquet_path = directory / f"log-{target_events}.parquet"
    if csv_path.exists() and parquet_path.exists():
        return csv_path, parquet_path
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20260301)
    days = {t[2]: t[3] for t in TOUCHPOINTS}
    start = datetime(2025, 1, 1, tzinfo=UTC)
    plus2 = timezone(timedelta(hours=2))
    lines = ["case:concept:name,concept:name,time:timestamp,channel,resource\n"]
    events = case = 0
    while events < target_events:
        case += 1
        moment = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
        segment = SEGMENTS[case % len(SEGMENTS)]
        offset = plus2 if case % 3 == 0 else UTC
        for index, activity in enumerate(_walk(rng)):
            if index and rng.random() > 0.02:  # 2 %: equal timestamp to the previous event
                mean = max(days.get(activity, 1.0), 0.1) * 86400
                moment += timedelta(seconds=int(rng.expovariate(1 / mean)))
            stamp = moment.astimezone(offset).isoformat(timespec="seconds")
            row = f"C{case:07d},{activity},{stamp},{segment},r{rng.randrange(40)}\n"
            lines.append(row)
            events += 1
            if rng.random() < 0.005:  # exact duplicate
                lines.append(row)
                events += 1
    lines[1:] = _shuffle_blocks(lines[1:], rng)
    csv_path.write_text("".join(lines), encoding="utf-8")
    import polars as pl

    pl.read_csv(csv_path, infer_schema=False).write_parquet(parquet_path)
    return csv_path, parquet_path


def _shuffle_blocks(rows: list[str], rng: random.Random) -> list[str]:
    """Real exports are roughly but not exactly sorted: shuffle blocks of 1,000 rows."""
    blocks = [rows[i : i + 1000] for i in range(0, len(rows), 1000)]
    rng.shuffle(blocks)
    return [row for block in blocks for row in block]


# -- setting up --------------------------------------------------------------------------
def workspace_with_map(directory: Path) -> Path | None:
    """A workspace holding the bench map (id `map-bench`), or None without storage."""
    try:
        from journeymap.storage import Workspace
    except ImportError:
        return None
    path = directory / "bench.journeymap"
    with Workspace.open(path) as workspace:
        if not any(s.id == "map-bench" for s in workspace.list_maps()):
            workspace.add_map(build_map())
    return path


# -- running and measuring ---------------------------------------------------------------
def run(argv: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak MB of the child, its stdout's last line) of one process."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err = child.stderr.read().decode() if child.stderr else ""
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(argv[:4])} ... failed ({child.returncode}):\n{err}")
        out.seek(0)
        tail = out.read().decode(errors="replace").strip().splitlines()
    return wall, usage.ru_maxrss / 1024, tail[-1] if tail else ""


JOURNEYMAP_INLINE = """
import json, sys
sys.path.insert(0, {bench!r})
from bench_compare import build_map
from journeymap.comparison import compare, to_json_dict
from journeymap.eventlog import read_log
log, _ = read_log(sys.argv[1])
print(json.dumps(to_json_dict(compare(build_map(), log))))
"""

PM4PY_SCRIPT = """
import json, sys, time
start = time.perf_counter()
import pandas as pd
import pm4py
imported = time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype=str)
df["time:timestamp"] = pd.to_datetime(df["time:timestamp"], utc=True, format="ISO8601")
df = pm4py.format_dataframe(df, case_id="case:concept:name", activity_key="concept:name",
                            timestamp_key="time:timestamp")
dfg, starts, ends = pm4py.discover_dfg(df)
performance = pm4py.discover_performance_dfg(df)
variants = pm4py.get_variants(df)
done = time.perf_counter()
print(json.dumps({"import": imported - start, "work": done - imported, "pairs": len(dfg),
                  "variants": len(variants)}))
"""

POLARS_SCRIPT = """
import json, sys
import polars as pl
df = pl.read_csv(sys.argv[1], infer_schema=False).select(
    case=pl.col("case:concept:name"), act=pl.col("concept:name"),
    t=pl.col("time:timestamp").str.to_datetime("%Y-%m-%dT%H:%M:%S%z", time_unit="us",
                                              time_zone="UTC"))
df = df.with_row_index("row").sort("case", "t", "row")
same = pl.col("case") == pl.col("case").shift(-1)
pairs = df.with_columns(nxt=pl.col("act").shift(-1),
                        days=(pl.col("t").shift(-1) - pl.col("t")).dt.total_seconds() / 86400)
dfg = pairs.filter(same).group_by("act", "nxt").agg(
    n=pl.len(), median=pl.col("days").median(), p90=pl.col("days").quantile(0.9, "linear"))
variants = df.group_by("case").agg(pl.col("act").str.join("|")).group_by("act").len()
print(json.dumps({"pairs": dfg.height, "variants": variants.height}))
"""


def measure(label: str, argv: list[str], repeat: int) -> dict:
    runs = [run(argv) for _ in range(repeat)]
    walls = sorted(r[0] for r in runs)
    return {
        "label": label,
        "median": walls[len(walls) // 2],
        "best": walls[0],
        "mb": max(r[1] for r in runs),
        "out": runs[-1][2],
    }


def journeymap_argv(log: Path, workspace: Path | None) -> tuple[str, list[str]]:
    if workspace is not None:
        return "journeymap compare --json --no-save (CLI process)", [
            sys.executable, "-m", "journeymap", "--workspace", str(workspace),
            "compare", "map-bench", "--log", str(log), "--json", "--no-save",
        ]  # fmt: skip
    inline = JOURNEYMAP_INLINE.format(bench=str(Path(__file__).parent))
    return "read_log + compare + json (python -c)", [sys.executable, "-c", inline, str(log)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/journeymap-bench"))
    parser.add_argument(
        "--pm4py",
        default="/tmp/pm4py-venv/bin/python",
        help="python of a venv with pm4py (see bench/requirements-pm4py.txt)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    csv_path, parquet_path = generate(args.data, args.events)
    workspace = workspace_with_map(args.data)
    print(
        f"log: {csv_path} ({csv_path.stat().st_size / 1e6:.0f} MB), {args.events:,} events; "
        f"machine: {os.cpu_count()} cores; median of {args.repeat} runs, each a process"
    )
    results = []
    for log in (csv_path, parquet_path):
        label, argv = journeymap_argv(log, workspace)
        results.append(measure(f"{label} on {log.suffix}", argv, args.repeat))
    results.append(
        measure(
            "bare polars pipeline (floor)",
            [sys.executable, "-c", POLARS_SCRIPT, str(csv_path)],
            args.repeat,
        )
    )
    pm4py = None
    if Path(args.pm4py).exists():
        pm4py = measure(
            "pm4py (whole process)", [args.pm4py, "-c", PM4PY_SCRIPT, str(csv_path)], args.repeat
        )
        results.append(pm4py)
    for r in results:
        print(f"  {r['label']:<58} {r['median']:6.2f} s (best {r['best']:.2f})  {r['mb']:6.0f} MB")
    ours = results[0]["median"]
    if pm4py is not None:
        figures = json.loads(pm4py["out"])
        work = figures["work"]
        print(
            f"  pm4py without its import ({figures['import']:.2f} s): read+format+DFG+"
            f"performance DFG+variants {work:.2f} s"
        )
        print(
            f"ratio pm4py (without import) / journeymap CLI (with start-up): "
            f"{work / ours:.1f}x (target >= 3x)"
        )
    else:
        print(
            f"pm4py not found at {args.pm4py}: install it with "
            "'python -m venv /tmp/pm4py-venv && /tmp/pm4py-venv/bin/pip install -r "
            "bench/requirements-pm4py.txt'; baseline is the bare polars pipeline: "
            f"journeymap / polars = {ours / results[2]['median']:.2f}x"
        )
    print(f"target: whole CLI <= 1.5 s -> {'met' if ours <= 1.5 else 'NOT met'} ({ours:.2f} s)")


if __name__ == "__main__":
    main()
