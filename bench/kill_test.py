"""Crash test: SIGKILL an autosaving editor at random moments and check nothing saved is lost.

Run: .venv/bin/python bench/kill_test.py [--runs 100] [--max-delay 0.3] [--seed 1]

Each run starts a child process that opens the workspace as the writer, follows a Document
with the editor's `Autosave` and streams edits, printing "saved <n>" after each commit (a
failed save ends the child with its sentence instead). The parent kills it with SIGKILL
after a random delay (sometimes before it is even ready), then opens the workspace again
(read-only first, then as the writer, taking over the dead child's lock), runs PRAGMA
integrity_check and foreign_key_check, and compares the stored map with a reference that
replayed the same edits: it must equal the state after the last reported edit (or one more,
committed but killed before it could print). Exit status 1 on failure.
"""

from __future__ import annotations

import argparse
import copy
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journeymap.document import Document  # noqa: E402
from journeymap.model import Connection, Lane, Map, Role, Stage, Touchpoint  # noqa: E402
from journeymap.storage import Autosave, Workspace  # noqa: E402
from journeymap.storage.lock import lock_path  # noqa: E402

MAP_ID = "map-kill"


def initial_map() -> Map:
    m = Map(id=MAP_ID, name="Kill test")
    m.stages = [Stage(f"st-{i}", f"Stage {i}") for i in range(4)]
    m.lanes = [Lane(f"ln-{j}", f"Lane {j}") for j in range(3)]
    m.roles = [Role(f"ro-{k}", f"Role {k}") for k in range(3)]
    for stage in m.stages:
        for lane in m.lanes:
            for n in range(2):
                tp_id = f"tp-{len(m.touchpoints)}"
                m.touchpoints.append(
                    Touchpoint(tp_id, f"{stage.id} {lane.id} {n}", stage.id, lane.id)
                )
    for a, b in zip(m.touchpoints, m.touchpoints[1:], strict=False):
        m.connections.append(Connection(f"cn-{a.id}", a.id, b.id))
    return m


def edit(doc: Document, n: int) -> None:
    """Edit number n: deterministic given the document's state, one undo step at most."""
    rng = random.Random(n)
    m = doc.map
    tps = m.touchpoints
    choice = rng.random()
    if choice < 0.08 and doc.undo_stack:
        doc.undo()
    elif choice < 0.12 and doc.redo_stack:
        doc.redo()
    elif choice < 0.30 and len(tps) < 60:
        stage, lane = rng.choice(m.stages), rng.choice(m.lanes)
        doc.add_touchpoint(stage.id, lane.id, f"new {n}", index=rng.randint(0, 3), id=f"tp-e{n}")
    elif choice < 0.45 and tps:
        stage, lane = rng.choice(m.stages), rng.choice(m.lanes)
        moving = rng.sample([t.id for t in tps], min(len(tps), rng.randint(1, 3)))
        doc.move_touchpoints(moving, stage.id, lane.id, rng.randint(0, 3))
    elif choice < 0.60 and tps:
        doc.update("touchpoint", rng.choice(tps).id, title=f"title {n}", days=rng.random())
    elif choice < 0.66 and tps:
        doc.vote(rng.choice(tps).id, rng.choice(["ann", "bo"]), rng.choice([1, -1]))
    elif choice < 0.72 and tps:
        doc.set_raci(rng.choice(tps).id, rng.choice(m.roles).id, rng.choice(["R", "A", "CI", ""]))
    elif choice < 0.82 and len(tps) > 1:
        source, target = rng.sample([t.id for t in tps], 2)
        if not any(c.source == source and c.target == target for c in m.connections):
            doc.add_connection(source, target, id=f"cn-e{n}", loop=rng.random() < 0.2)
    elif choice < 0.90 and len(tps) > 8:
        doc.remove_touchpoints(rng.sample([t.id for t in tps], rng.randint(1, 2)))
    elif choice < 0.95:
        stage = rng.choice(m.stages)
        doc.move("stage", stage.id, rng.randrange(len(m.stages)))
    else:
        doc.set_map_fields(goal=f"goal {n}")


# -- child ---------------------------------------------------------------------------------
def child(path: Path, start: int) -> None:
    ws = Workspace.open(path)
    autosave = Autosave(ws, on_failed=_give_up)
    doc = autosave.follow(Document(ws.load_map(MAP_ID)))
    print("ready", flush=True)
    n = start
    while True:
        n += 1
        edit(doc, n)
        print(f"saved {n}", flush=True)


def _give_up(sentence: str) -> None:
    raise SystemExit(f"the autosave failed: {sentence}")  # never print "saved" for it


# -- parent --------------------------------------------------------------------------------
class ChildRun:
    """One child process, its stdout read by a thread so the parent can kill at any time."""

    def __init__(self, path: Path, start: int) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(path), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.strip())
            if line.strip() == "ready":
                self.ready.set()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()  # reaped: its pid is dead, so its lock is stale
        self.reader.join(timeout=10)

    def last_saved(self, default: int) -> int:
        saved = [int(line.split()[1]) for line in self.lines if line.startswith("saved ")]
        return saved[-1] if saved else default


def check_file(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    if integrity != [("ok",)]:
        return f"integrity_check: {integrity}"
    if dangling:
        return f"foreign_key_check: {dangling[:5]}"
    return None


def verify(path: Path, ref: Document, done: int, saved: int) -> tuple[int, str | None]:
    """Open the workspace anew and match it to the reference; return (edits stored, error)."""
    with Workspace.open(path, readonly=True) as reader:  # first, before any writer recovers it
        seen_by_reader = reader.load_map(MAP_ID)
    with Workspace.open(path) as ws:
        stored = ws.load_map(MAP_ID)
    if seen_by_reader != stored:
        return done, "a reader saw a different map than the writer"
    problem = check_file(path)
    if problem:
        return done, problem
    for n in range(done + 1, saved + 1):
        edit(ref, n)
    if stored == ref.map:
        return saved, None
    before = copy.deepcopy(ref.map)
    edit(ref, saved + 1)  # committed, but killed before it printed "saved"
    if stored == ref.map:
        return saved + 1, None
    ref.map = before
    return saved, f"stored map differs from the state after edit {saved} (or {saved + 1})"


def run_parent(args) -> int:
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kill.journeymap"
        with Workspace.open(path) as ws:
            ws.add_map(initial_map())
        ref = Document(initial_map())
        done, failures, stale_locks, early_kills = 0, 0, 0, 0
        started = time.perf_counter()
        for run in range(1, args.runs + 1):
            ref.undo_stack.clear()  # each child starts with an empty undo history
            ref.redo_stack.clear()
            child_run = ChildRun(path, done)
            if rng.random() < 0.1:
                early_kills += 1
                time.sleep(rng.uniform(0, 0.4))  # may hit start-up, open or the daily backup
            else:
                if not child_run.ready.wait(timeout=60):
                    print(f"run {run}: the child never became ready")
                    child_run.kill()
                    return 1
                time.sleep(rng.uniform(0, args.max_delay))
            child_run.kill()
            stale_locks += lock_path(path).exists()
            saved = child_run.last_saved(done)
            done, problem = verify(path, ref, done, saved)
            if problem:
                failures += 1
                print(f"run {run}: FAILED: {problem}")
                if os.environ.get("KILL_TEST_STOP_ON_FAILURE"):
                    break
        elapsed = time.perf_counter() - started
        print(
            f"kill test: {args.runs} kills ({early_kills} during start-up), {done} edits "
            f"stored, {stale_locks} stale locks taken over, {failures} failures, "
            f"{elapsed:.1f} s"
        )
        print(f"{args.runs - failures} passed, {failures} failed")
        return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="number of kills (default 100)")
    parser.add_argument("--max-delay", type=float, default=0.3, help="longest wait before a kill")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("PATH", "START"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), int(args.child[1]))
        return 0
    logging.basicConfig(level=logging.ERROR)  # stale-lock takeovers are expected here
    return run_parent(args)


if __name__ == "__main__":
    sys.exit(main())
