"""Workshop sheet and map file on a 2,000-touchpoint map: read and write vs raw baselines.

Map: 10 stages x 8 lanes x 25 cards, a Next from each card to the following one, a loop on
every tenth, RACI on every card, awkward text. Target: reading the 2,000-row sheet well under
a second. Baselines measured in the same run: the bare parse of the same file (csv.reader,
openpyxl read-only iter_rows, json.loads) without building a map.

    .venv/bin/python bench/bench_io.py [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from journeymap.io.mapfile import read_map_file, write_map_file  # noqa: E402
from journeymap.io.sheet import read_sheet, write_sheet_csv, write_sheet_xlsx  # noqa: E402
from journeymap.model import Connection, Lane, Map, Role, Stage, Touchpoint  # noqa: E402

STAGES, LANES, PER_CELL = 10, 8, 25


def build_map() -> Map:
    m = Map(id="map-bench", name="Bench")
    m.stages = [Stage(f"st-{s}", f"Étape {s}") for s in range(STAGES)]
    m.lanes = [Lane(f"ln-{i}", f"Лейн {i}") for i in range(LANES)]
    m.roles = [Role(f"ro-{r}", f"Role {r}") for r in range(12)]
    for s in range(STAGES):
        for lane in range(LANES):
            for k in range(PER_CELL):
                n = len(m.touchpoints)
                m.touchpoints.append(
                    Touchpoint(
                        f"tp-{n}", f"Card {n} «{k}»; 会員", f"st-{s}", f"ln-{lane}",
                        channel="Web, mail", description=f'Says "hi", line\nthen {n}',
                        experience=n % 5 - 2, days=1.5, volume=n % 40, cost=99.5, kpi="<b>R&D</b>",
                        raci={f"ro-{n % 12}": "RA", f"ro-{(n + 1) % 12}": "C"},
                    )
                )
    for n in range(len(m.touchpoints) - 1):
        m.connections.append(Connection(f"cn-{n}", f"tp-{n}", f"tp-{n + 1}", days=1.5))
        if n % 10 == 9:
            m.connections.append(Connection(f"cl-{n}", f"tp-{n}", f"tp-{n - 5}", days=1.5, loop=True))
    return m


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def raw_csv(path: Path) -> None:
    list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


def raw_xlsx(path: Path) -> None:
    from openpyxl import load_workbook

    with path.open("rb") as handle:
        workbook = load_workbook(handle, read_only=True, data_only=True)
        list(workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    m = build_map()
    folder = Path(tempfile.mkdtemp())
    csv_path, xlsx_path, json_path = folder / "b.csv", folder / "b.xlsx", folder / "b.json"
    rows = [
        ("write csv", lambda: write_sheet_csv(m, csv_path), None),
        ("write xlsx", lambda: write_sheet_xlsx(m, xlsx_path), None),
        ("write json", lambda: write_map_file(m, json_path), None),
        ("read csv", lambda: read_sheet(csv_path), lambda: raw_csv(csv_path)),
        ("read xlsx", lambda: read_sheet(xlsx_path), lambda: raw_xlsx(xlsx_path)),
        ("read json", lambda: read_map_file(json_path),
         lambda: json.loads(json_path.read_text("utf-8"))),
    ]
    print(f"{len(m.touchpoints)} touchpoints, {len(m.connections)} connections, {runs} runs")
    print(f"{'step':<12}{'median ms':>12}{'baseline ms':>14}{'ratio':>8}")
    for label, action, baseline in rows:
        ms = median_ms(action, runs)
        if baseline is None:
            print(f"{label:<12}{ms:>12.1f}")
        else:
            base = median_ms(baseline, runs)
            print(f"{label:<12}{ms:>12.1f}{base:>14.1f}{ms / base:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
