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
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
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
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    plus2 = timezone(timedelta(hours=2))
    lines = ["case:concept:name,concept:name,time:timestamp,channel,resource\n"]
    events = case = 0
    while events < target_events:
        case += 1
        moment = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
        segment = SEGMENTS[case % len(SEGMENTS)]
        offset = plus2 if case % 3 == 0 else timezone.utc
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
