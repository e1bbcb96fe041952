"""Storage benchmark: a 2,000-touchpoint map saved, loaded and edited in a real workspace.

Run: .venv/bin/python bench/bench_storage.py [--edits 50]

Prints a table of medians. Targets: load_map < 150 ms, one edit committed < 5 ms. Beside
our Core autosave it times the same retitle done the ORM way (mapped class, session.get,
attribute set, commit) on the same file in the same run, since these machines are noisy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journeymap.document import Document  # noqa: E402
from journeymap.model import Connection, Lane, Map, Role, Stage, Touchpoint  # noqa: E402
from journeymap.storage import Autosave, Workspace  # noqa: E402


def build_map(stages=10, lanes=8, per_cell=25, roles=12, connections=2500, seed=7) -> Map:
    """A deterministic map: stages x lanes cells of `per_cell` touchpoints, RACI on each."""
    rng = random.Random(seed)
    m = Map(id="map-bench", name="Bench journey", goal="Measure storage", mapping={"a": "b"})
    m.stages = [Stage(f"st-{i}", f"Stage {i}", days=float(i)) for i in range(stages)]
    m.lanes = [Lane(f"ln-{j}", f"Lane {j}", capacity=100.0) for j in range(lanes)]
    m.roles = [Role(f"ro-{k}", f"Role {k}") for k in range(roles)]
    for stage in m.stages:
        for lane in m.lanes:
            for n in range(per_cell):
                raci = {rng.choice(m.roles).id: "A", rng.choice(m.roles).id: "RC"}
                m.touchpoints.append(
                    Touchpoint(
                        id=f"tp-{len(m.touchpoints)}",
                        title=f"{stage.name} {lane.name} card {n}",
                        stage=stage.id,
                        lane=lane.id,
                        channel="web",
                        description="Something the customer does here. " * 3,
                        experience=rng.randint(-2, 2),
                        volume=float(rng.randint(1, 50)),
                        votes={"ann": rng.randint(0, 3)},
                        raci=raci,
                    )
                )
    ids = [tp.id for tp in m.touchpoints]
    pairs = set()
    while len(pairs) < connections:
        source, target = rng.sample(ids, 2)
        pairs.add((source, target))
    m.connections = [
        Connection(f"cn-{i}", s, t, days=1.5) for i, (s, t) in enumerate(sorted(pairs))
    ]
    return m


def timed(fn, repeat: int) -> float:
    """Median wall time of `fn()` in milliseconds."""
    samples = []
    for index in range(repeat):
        start = time.perf_counter()
        fn(index)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def orm_retitle_baseline(path: Path, map_id: str, tp_ids: list[str], repeat: int) -> float:
    """The same one-field edit through an ORM session, on the same workspace file."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.orm import DeclarativeBase, Session

    from journeymap.storage import schema, sqlite

    class Base(DeclarativeBase):
        pass

    class TouchpointRow(Base):
        __table__ = schema.touchpoints

    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        dbapi_connection.execute(f"PRAGMA synchronous={sqlite.SYNCHRONOUS}")

    def edit(index: int) -> None:
        with Session(engine) as session:
            row = session.get(TouchpointRow, (map_id, tp_ids[index % len(tp_ids)]))
            row.title = f"ORM title {index}"
            session.commit()

    try:
        return timed(edit, repeat)
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50, help="edits per figure (median)")
    args = parser.parse_args()
    journey = build_map()
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.journeymap"
        with Workspace.open(path) as ws:
            add_ms = timed(lambda i: ws.add_map(journey), 3)
            rows.append(("add_map (save from scratch)", add_ms, ""))
            stored = ws.add_map(journey)
            load_ms = timed(lambda i: ws.load_map(stored.id), 10)
            rows.append(("load_map", load_ms, "target < 150"))

            # The same edits on a document that is not saved, then on one that is.
            doc = Document(ws.load_map(stored.id))
            rng = random.Random(1)
            tp_ids = [tp.id for tp in doc.map.touchpoints]
            phase = ["plain"]

            def retitle(i):
                doc.update("touchpoint", tp_ids[i % len(tp_ids)], title=f"{phase[0]} {i}")

            def move(i):
                stage, lane = rng.choice(doc.map.stages), rng.choice(doc.map.lanes)
                index = rng.randint(0, 24)
                doc.move_touchpoints([rng.choice(tp_ids)], stage.id, lane.id, index)

            rows.append(("retitle, Document only (no save)", timed(retitle, args.edits), ""))
            rows.append(("move, Document only (no save)", timed(move, args.edits), ""))
            autosave = Autosave(ws)  # the path the editor window saves through
            doc = autosave.follow(Document(ws.load_map(stored.id)))
            phase[0] = "full"
            rows.append(("retitle + autosave (Core)", timed(retitle, args.edits), "target < 5"))
            rows.append(("move + autosave (Core)", timed(move, args.edits), "target < 5"))
            ws._live().connection.driver_connection.execute("PRAGMA synchronous=NORMAL")
            phase[0] = "normal"
            rows.append(("retitle + autosave, synchronous=NORMAL", timed(retitle, args.edits), ""))
            rows.append(("move + autosave, synchronous=NORMAL", timed(move, args.edits), ""))
            ws._live().connection.driver_connection.execute("PRAGMA synchronous=FULL")
            assert autosave.all_saved, "an autosave failed"
            autosave.close()
            assert ws.load_map(stored.id) == doc.map, "autosave lost an edit"
        orm_ms = orm_retitle_baseline(path, stored.id, tp_ids, args.edits)
        rows.append(("retitle, ORM baseline (session.get+commit)", orm_ms, ""))

    n_tp, n_cn = len(journey.touchpoints), len(journey.connections)
    from journeymap.storage.sqlite import SYNCHRONOUS

    print(f"map: {n_tp} touchpoints, {n_cn} connections, {len(journey.roles)} roles")
    print(f"workspace: WAL, synchronous={SYNCHRONOUS} unless noted")
    print(f"{'operation':44} {'median ms':>10}  note")
    for name, ms, note in rows:
        print(f"{name:44} {ms:10.2f}  {note}")


if __name__ == "__main__":
    main()
