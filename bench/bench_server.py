"""Server benchmark: a PostgreSQL workspace beside a SQLite workspace file, same machine, same run.

The PostgreSQL side is a local throwaway cluster (tests/pg_server.py) started with
`fast=False`, so fsync and synchronous_commit are on as on a real server; the file side is
a workspace file with its own settings (WAL, synchronous=FULL). Both get the same 2,000-card
map, shaped like users' maps: the workshop sheet of bench_canvas.py (14 stages, 12 lanes,
titles of 60-120 characters in several scripts, Days on every link), read by the sheet
importer. Printed, never asserted:

a. edit commit latency, p50 and p99 of --edits single-card edits through Autosave (title
   changes and moves in turn): from the Document call to the committed save;
b. Workspace.load_map of the map, median of --runs;
c. --writers writer processes, each editing its own copy of the map (--writer-edits each),
   total edits per second over the editing (process start-up and map loading not counted).
   On the server they edit at once. A file has one writer at a time (the lock file), so its
   baseline is the same processes one after another, each editing alone; the server's
   figure for the processes in turn is printed too, so the gain of writing at once is seen
   apart from the difference between the two stores. "at once" on a file shows what happens
   if they try: all but one are refused.

Run: cd /work/main && PYTHONPATH=. .venv/bin/python bench/bench_server.py [--edits 300]
     [--runs 10] [--writers 10] [--writer-edits 100] [--cards 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from journeymap.document import Document, duplicate_map  # noqa: E402
from journeymap.storage import Autosave, Workspace  # noqa: E402

# One edit of the mix: even numbers retitle a card, odd ones move a card to another cell
# (a place within it at random). Run here and, as source, in the writer processes.
EDIT_SOURCE = '''
def one_edit(doc, rng, i):
    journey = doc.map
    card = rng.choice(journey.touchpoints)
    if i % 2 == 0:
        doc.update("touchpoint", card.id, title=f"Edited {i}: " + card.title[:90])
    else:
        cells = [(s.id, ln.id) for s in journey.stages for ln in journey.lanes
                 if (s.id, ln.id) != (card.stage, card.lane)]
        stage_id, lane_id = rng.choice(cells)
        doc.move_touchpoints([card.id], stage_id, lane_id, rng.randint(0, 5))
'''
_edits: dict = {}
exec(EDIT_SOURCE, _edits)  # noqa: S102 - our own source, run here and in the writers
one_edit = _edits["one_edit"]

WRITER = EDIT_SOURCE + '''
import json, random, sys, time
from journeymap.document import Document
from journeymap.storage import Autosave, Workspace

where, map_id, count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
try:
    ws = Workspace.open(where)
except Exception as error:  # a file's second writer is refused
    print(json.dumps({"refused": str(error)}), flush=True)
    sys.exit(0)
busy = ws.try_edit(map_id)
if busy is not None:
    print(json.dumps({"refused": str(busy)}), flush=True)
    sys.exit(0)
failed = []
autosave = Autosave(ws, on_failed=failed.append)
doc = autosave.follow(Document(ws.load_map(map_id)))
rng = random.Random(seed)
print(json.dumps({"ready": True}), flush=True)
sys.stdin.readline()
latencies = []
start = time.monotonic()
for i in range(count):
    t0 = time.perf_counter()
    one_edit(doc, rng, i)
    latencies.append(time.perf_counter() - t0)
end = time.monotonic()
print(json.dumps({"start": start, "end": end, "latencies": latencies,
                  "failed": len(failed), "saved": autosave.all_saved}), flush=True)
ws.close()
'''


# -- the map -----------------------------------------------------------------------------------
def users_map(cards: int, folder: Path):
    """A map of `cards` touchpoints from bench_canvas's workshop sheet, read as `import` does."""
    from bench_canvas import write_sheet  # the sheet only: nothing of Qt is started

    from journeymap.io.sheet_read import read_sheet

    sheet = folder / "workshop.csv"
    write_sheet(sheet, cards)
    journey, _warnings = read_sheet(sheet, "Workshop journey")
    return journey


# -- measuring ---------------------------------------------------------------------------------
def percentile(samples: list[float], p: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


def timed_edits(doc: Document, edits: int) -> list[float]:
    rng = random.Random(3)
    for i in range(10):  # warm up: statements compiled, caches filled
        one_edit(doc, rng, i)
    samples = []
    for i in range(edits):
        start = time.perf_counter()
        one_edit(doc, rng, i)
        samples.append(time.perf_counter() - start)
    return samples


def edit_latencies(where: str, map_id: str, edits: int) -> tuple[list[float], list[float]]:
    """Seconds from each Document edit to its committed save, `edits` of them; and the same
    edits on a Document that is not saved (the baseline: what the edit itself costs)."""
    with Workspace.open(where) as ws:
        plain = timed_edits(Document(ws.load_map(map_id)), edits)
        assert ws.try_edit(map_id) is None
        failed: list[str] = []
        autosave = Autosave(ws, on_failed=failed.append)
        doc = autosave.follow(Document(ws.load_map(map_id)))
        samples = timed_edits(doc, edits)
        assert autosave.all_saved and not failed, failed[:1]
        autosave.close()
        assert ws.load_map(map_id) == doc.map, "an edit was lost"
    return samples, plain


def load_times(where: str, map_id: str, runs: int) -> list[float]:
    with Workspace.open(where, readonly=True) as ws:
        ws.load_map(map_id)  # warm up
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            ws.load_map(map_id)
            samples.append(time.perf_counter() - start)
    return samples


def spawn(where: str, map_id: str, count: int, seed: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", WRITER, where, map_id, str(count), str(seed)],
                            cwd=ROOT, env=env, text=True, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)


def read(child: subprocess.Popen) -> dict:
    line = child.stdout.readline()
    if not line:
        child.wait()
        raise SystemExit(f"a writer process ended (exit {child.returncode}) without a word")
    return json.loads(line)


def writers(where: str, map_ids: list[str], count: int, at_once: bool) -> dict:
    """The writers at once (all ready, then all told to go) or one after another."""
    results, refused = [], 0

    def finish(batch):
        nonlocal refused
        ready = []
        for child in batch:
            said = read(child)
            if "refused" in said:
                refused += 1
            else:
                ready.append(child)
        for child in ready:
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in ready:
            results.append(read(child))
        for child in batch:
            child.stdin.close()
            child.wait()

    if at_once:
        finish([spawn(where, map_id, count, n) for n, map_id in enumerate(map_ids)])
    else:
        for n, map_id in enumerate(map_ids):
            finish([spawn(where, map_id, count, n)])
    if any(r["failed"] or not r["saved"] for r in results):
        raise SystemExit(f"a save failed in a writer process on {where}")
    edits = sum(len(r["latencies"]) for r in results)
    if not results:
        return {"refused": refused, "edits": 0}
    busy = (max(r["end"] for r in results) - min(r["start"] for r in results) if at_once
            else sum(r["end"] - r["start"] for r in results))
    latencies = [s for r in results for s in r["latencies"]]
    return {"refused": refused, "edits": edits, "per_second": edits / busy,
            "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
            "writers": len(results)}


def server_settings(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        shown = [f"{name}={conn.execute(f'SHOW {name}').fetchone()[0]}"
                 for name in ("fsync", "synchronous_commit", "wal_sync_method")]
        version = conn.execute("SHOW server_version").fetchone()[0].split()[0]
    return f"PostgreSQL {version}, " + ", ".join(shown)


# -- the run -----------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=300, help="edits timed for (a)")
    parser.add_argument("--runs", type=int, default=10, help="loads timed for (b)")
    parser.add_argument("--writers", type=int, default=10, help="writer processes for (c)")
    parser.add_argument("--writer-edits", type=int, default=100, help="edits of each writer")
    parser.add_argument("--cards", type=int, default=2000, help="touchpoints of the map")
    args = parser.parse_args()

    from journeymap.storage.address import parse
    from journeymap.storage.server.opening import init
    from journeymap.storage.sqlite import SYNCHRONOUS
    from tests.pg_server import Cluster, Unavailable

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        journey = users_map(args.cards, folder)
        try:
            cluster = Cluster.start(fast=False)
        except Unavailable as why:
            print(f"no PostgreSQL server to measure: {why}")
            return 1
        try:
            url = cluster.create_database("bench")
            init(parse(url))
            stores = {"PostgreSQL": url, "SQLite file": str(folder / "bench.journeymap")}
            figures: dict[str, dict] = {}
            for kind, where in stores.items():
                with Workspace.open(where) as ws:
                    main_id = ws.add_map(journey).id
                    copies = [ws.add_map(duplicate_map(journey, f"Writer {n}")).id
                              for n in range(args.writers)]
                got = figures[kind] = {}
                got["edit"], got["plain"] = edit_latencies(where, main_id, args.edits)
                got["load"] = load_times(where, main_id, args.runs)
                got["at once"] = writers(where, copies, args.writer_edits, at_once=True)
                got["in turn"] = writers(where, copies, args.writer_edits, at_once=False)
            settings = server_settings(url)
        finally:
            cluster.stop()

    ms = 1000
    print(f"map: {len(journey.touchpoints)} touchpoints, {len(journey.connections)} "
          f"connections, {len(journey.stages)} stages x {len(journey.lanes)} lanes "
          f"(bench_canvas's workshop sheet)")
    print(f"server: local cluster, {settings}; file: WAL, synchronous={SYNCHRONOUS}")
    print(f"data: the cluster and the file both under {tempfile.gettempdir()} (one disk)")
    print(f"machine: {os.cpu_count()} CPUs; the writer processes share them with the server")
    print()
    kinds = list(figures)
    print(f"{'figure':52}" + "".join(f"{kind:>14}" for kind in kinds))

    def row(label: str, values: list[str]) -> None:
        print(f"{label:52}" + "".join(f"{value:>14}" for value in values))

    row(f"(a) edit committed, p50 ms ({args.edits} edits)",
        [f"{percentile(figures[k]['edit'], 50) * ms:.2f}" for k in kinds])
    row("(a) edit committed, p99 ms",
        [f"{percentile(figures[k]['edit'], 99) * ms:.2f}" for k in kinds])
    row("    baseline: the same edits unsaved, p50 / p99 ms",
        [f"{percentile(figures[k]['plain'], 50) * ms:.2f} / "
         f"{percentile(figures[k]['plain'], 99) * ms:.2f}" for k in kinds])
    row(f"(b) load_map, median ms ({args.runs} runs)",
        [f"{statistics.median(figures[k]['load']) * ms:.1f}" for k in kinds])
    n = args.writers
    for mode in ("at once", "in turn"):
        got = {k: figures[k][mode] for k in kinds}
        row(f"(c) {n} writers {mode}: edits/s ({n} x {args.writer_edits} edits)",
            [f"{g['per_second']:.0f}" if g["edits"] else "-" for g in got.values()])
        row(f"    {mode}: edits made",
            [f"{g['edits']} of {n * args.writer_edits}" for g in got.values()])
        row(f"    {mode}: edit committed p50 / p99 ms",
            [f"{g['p50'] * ms:.1f} / {g['p99'] * ms:.1f}" if g["edits"] else "-"
             for g in got.values()])
        row(f"    {mode}: writers refused (another holds the file)",
            [f"{g['refused']} of {n}" for g in got.values()])
    print()
    print("(c) edits/s: all the writers' edits over the time they spent editing: from the first "
          "writer's first edit to the last one's last edit at once, the sum of each one's "
          "editing in turn.")
    print("A file has one writer at a time: 'in turn' is its baseline; 'at once' shows the "
          "others refused.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
