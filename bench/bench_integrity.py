"""What the integrity and type checks cost when a workspace is opened and a map loaded.

Run: .venv/bin/python bench/bench_integrity.py [--maps 50] [--repeat 5]

Builds a workspace of `--maps` copies of bench_storage's 2,000-touchpoint map (50 maps:
100,000 touchpoints, ~100 MB) and prints medians of:
- `PRAGMA quick_check` (run once by every open) against `integrity_check`, and against a
  plain read of the whole file (the floor for anything that looks at every page);
- opening a reader and a writer (both include quick_check; the writer also takes the lock);
- on an open reader, the rowcheck queries for one map against load_map of that map
  (which includes them).
"""

from __future__ import annotations

import argparse
import copy
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_storage import build_map  # noqa: E402

from journeymap.storage import Workspace, integrity, rowcheck  # noqa: E402
from journeymap.storage.schema import ITEM_TABLES, maps  # noqa: E402


def median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(path: Path, count: int) -> None:
    journey = build_map()
    with Workspace.open(path) as workspace:
        for index in range(count):
            m = copy.deepcopy(journey)
            m.id, m.name = f"map-{index}", f"Bench {index}"
            workspace.add_map(m)


def pragma(path: Path, name: str) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute(f"PRAGMA {name}").fetchone()[0] == "ok"
    conn.close()


def read_all(path: Path) -> None:
    with path.open("rb") as handle:
        while handle.read(1 << 20):
            pass


def check_rows(workspace: Workspace) -> None:
    with workspace._transaction("check the rows") as conn:
        for table in (maps, *ITEM_TABLES.values()):
            column = "id" if table is maps else "map_id"
            assert rowcheck.first_bad_value(conn, table, f"{column} = :m", m="map-0") is None


def unchecked(path: Path, *, readonly: bool) -> None:
    """The baseline: the same open with the integrity check taken out."""
    real = integrity.problem
    integrity.problem = lambda *args, **kwargs: None
    try:
        Workspace.open(path, readonly=readonly).close()
    finally:
        integrity.problem = real


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--maps", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.journeymap"
        started = time.perf_counter()
        build(path, args.maps)
        size = path.stat().st_size / 1e6
        print(
            f"workspace: {args.maps} maps, {args.maps * 2000:,} touchpoints, {size:.0f} MB "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        rows = [
            ("read every byte of the file", lambda: read_all(path)),
            ("PRAGMA quick_check", lambda: pragma(path, "quick_check")),
            ("integrity.problem (quick_check)", lambda: integrity.problem(path)),
            ("PRAGMA integrity_check", lambda: pragma(path, "integrity_check")),
            ("open + close a reader", lambda: Workspace.open(path, readonly=True).close()),
            ("open + close the writer", lambda: Workspace.open(path).close()),
            ("open + close a reader, check skipped", lambda: unchecked(path, readonly=True)),
            ("open + close the writer, check skipped", lambda: unchecked(path, readonly=False)),
        ]
        reader = Workspace.open(path, readonly=True)
        rows += [
            ("rowcheck queries, one 2,000-card map", lambda: check_rows(reader)),
            ("load_map of that map (rowcheck included)", lambda: reader.load_map("map-0")),
        ]
        for label, action in rows:
            print(f"{label:45s} {median_ms(action, args.repeat):9.1f} ms")
        reader.close()


if __name__ == "__main__":
    main()
