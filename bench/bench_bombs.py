"""Decompression and parsing bombs against the importers, next to normal imports of the same run.

    .venv/bin/python bench/bench_bombs.py [--data DIR] [--events 5000000] [--old PATH] [--quick]

Builds (once, cached in DIR, default /tmp/journeymap-bench-bombs) hostile files -- a 4 MB XLSX
that inflates to 4 GB, a 4 MB .xes.gz of 4 GB of events, a 1 MB .xes.gz holding one 1 GB
attribute, XML nested a million deep (XES and inside an XLSX worksheet), a billion-laughs
DTD -- and runs each `compare` (or `import`) as its own process, printing its wall time, its
peak memory (the child's ru_maxrss, from os.wait4) and its one stderr line. Target for a
bomb: refused (exit 2) within a few seconds and under 500 MB.

Baselines measured in the same run: valid logs of normal size (a 100,000-event .xes.gz, a
50,000-row XLSX log), a 100,000-row workshop sheet (XLSX) import, and a 5-million-row CSV log
(`--events`), each also with the code at `--old` (default /work/main, the code before the
limits) when that folder exists, so the cost of the checks shows next to the figures.
`--quick` leaves out the 5-million-row log and the 100,000-row sheet.
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_compare import TOUCHPOINTS, generate, workspace_with_map  # noqa: E402

_MB = 1024 * 1024
TIMEOUT = 180  # seconds; a bomb that is not refused is stopped here (shown as "killed")
BASELINE_TIMEOUT = 1800
_XES_NS = 'xmlns="http://www.xes-standard.org/"'


# -- building the files ----------------------------------------------------------------------
def _xlsx_with_sheet(path: Path, write_sheet) -> Path:
    """A small valid log workbook whose first worksheet part is written by `write_sheet`."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["case", "activity", "timestamp"])
    workbook.active.append(["c1", "Sees ad", "2026-03-01T09:00:00Z"])
    template = path.with_suffix(".template.xlsx")
    workbook.save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED, compresslevel=9
    ) as target:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with target.open(info.filename, "w", force_zip64=True) as part:
                    write_sheet(part)
            else:
                target.writestr(info.filename, source.read(info))
    template.unlink()
    return path


def _sheet_head() -> bytes:
    return (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>")


def xlsx_inflating(path: Path, gigabytes: int = 4) -> Path:
    row = b'<row><c t="inlineStr"><is><t>' + b"a" * 30_000 + b"</t></is></c></row>"
    chunk = row * (_MB // len(row))

    def write(part):
        part.write(_sheet_head())
        for _ in range(gigabytes * 1024):
            part.write(chunk)
        part.write(b"</sheetData></worksheet>")

    return _xlsx_with_sheet(path, write)


def xlsx_deep(path: Path, depth: int = 300_000) -> Path:
    def write(part):
        part.write(_sheet_head() + b"<x>" * depth + b"</x>" * depth
                   + b"</sheetData></worksheet>")

    return _xlsx_with_sheet(path, write)


def _xes_event(activity: str, stamp: str) -> str:
    return (f'<event><string key="concept:name" value="{activity}"/>'
            f'<date key="time:timestamp" value="{stamp}"/></event>')


def xes_gz_events(path: Path, gigabytes: int = 4) -> Path:
    event = _xes_event("Sees ad", "2026-03-01T09:00:00Z").encode()
    chunk = event * (_MB // len(event))
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?><log {_XES_NS}><trace>'.encode())
        for _ in range(gigabytes * 1024):
            out.write(chunk)
        out.write(b"</trace></log>")
    return path


def xes_gz_huge_attribute(path: Path, gigabytes: int = 1) -> Path:
    chunk = b"a" * _MB
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(f'<?xml version="1.0"?><log {_XES_NS}><trace><event>'
                  '<string key="note" value="'.encode())
        for _ in range(gigabytes * 1024):
            out.write(chunk)
        out.write(b'"/></event></trace></log>')
    return path


def xes_deep(path: Path, depth: int = 1_000_000) -> Path:
    path.write_bytes(f"<?xml version='1.0'?><log {_XES_NS}>".encode()
                     + b"<list>" * depth + b"</list>" * depth + b"</log>")
    return path


def xes_laughs(path: Path) -> Path:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE log [{entities}]><log {_XES_NS}><trace>'
        + _xes_event("&l9;", "2026-03-01T09:00:00Z") + "</trace></log>", encoding="utf-8")
    return path


BOMBS = (  # file name, builder, command
    ("xlsx-4gb.xlsx", xlsx_inflating, "compare"),
    ("xlsx-4gb-sheet.xlsx", xlsx_inflating, "import"),
    ("xlsx-deep.xlsx", xlsx_deep, "compare"),
    ("events-4gb.xes.gz", xes_gz_events, "compare"),
    ("attribute-1gb.xes.gz", xes_gz_huge_attribute, "compare"),
    ("deep.xes", xes_deep, "compare"),
    ("laughs.xes", xes_laughs, "compare"),
)


# -- normal files ------------------------------------------------------------------------------
def xes_gz_normal(path: Path, csv_log: Path, events: int = 100_000) -> Path:
    import polars as pl

    frame = pl.read_csv(csv_log, n_rows=events, infer_schema=False)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<log {_XES_NS}>\n')
        for (case,), group in frame.group_by("case:concept:name", maintain_order=True):
            out.write(f'<trace><string key="concept:name" value="{case}"/>\n')
            for activity, stamp in group.select("concept:name", "time:timestamp").iter_rows():
                out.write(_xes_event(activity, stamp) + "\n")
            out.write("</trace>\n")
        out.write("</log>\n")
    return path


def xlsx_normal(path: Path, csv_log: Path, rows: int = 50_000) -> Path:
    import openpyxl
    import polars as pl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    frame = pl.read_csv(csv_log, n_rows=rows, infer_schema=False)
    sheet.append(frame.columns)
    for row in frame.iter_rows():
        sheet.append(list(row))
    workbook.save(path)
    return path


def sheet_xlsx_100k(path: Path, rows: int = 100_000) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Stage", "Lane", "Touchpoint", "Channel", "Description", "Experience", "Owner",
                  "R", "A", "C", "I", "Next", "Loops", "Days", "Volume", "Cost", "KPI"])
    stages, lanes = [t[0] for t in TOUCHPOINTS], [t[1] for t in TOUCHPOINTS]
    for i in range(rows):
        following = f"Touchpoint {i + 1}" if i + 1 < rows else ""
        sheet.append([stages[i % len(stages)], lanes[i % len(lanes)], f"Touchpoint {i}", "web",
                      f"What happens at step {i}", i % 5 - 2, "Anna", "Sales rep", "Sales lead",
                      "", "Finance", following, "", 1.5, 100, 20, "conversion"])
    workbook.save(path)
    return path


# -- running -----------------------------------------------------------------------------------
def run(argv: list[str], code_root: Path, timeout: float = TIMEOUT) -> tuple[float, float, int, str]:
    """(wall seconds, peak MB of the child, exit code, its last stderr line)."""
    env = {**os.environ, "PYTHONPATH": str(code_root), "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "journeymap", *argv], stdout=out,
                                 stderr=err, env=env, cwd=code_root)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        timer.cancel()
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode(errors="replace").strip().splitlines()
    last = lines[-1] if lines else ""
    if child.returncode == -9:
        last = f"killed after {timeout:.0f} s"
    return wall, usage.ru_maxrss / 1024, child.returncode, last


def line(label: str, figures: tuple[float, float, int, str], target: str = "") -> None:
    wall, peak, code, message = figures
    shown = message if len(message) <= 150 else message[:147] + "..."
    print(f"{label:<34} {wall:7.2f} s {peak:8.0f} MB  exit {code:<3} {target}", flush=True)
    if shown:
        print(f"{'':<36}{shown}", flush=True)


def compare_argv(workspace: Path, log: Path) -> list[str]:
    return ["--workspace", str(workspace), "compare", "map-bench", "--log", str(log),
            "--no-save", "--json"]


def import_argv(directory: Path, sheet: Path) -> list[str]:
    workspace = directory / "import.journeymap"
    for leftover in directory.glob("import.journeymap*"):
        leftover.unlink()
    return ["--workspace", str(workspace), "import", str(sheet)]


def build_files(data: Path, quick: bool, events: int) -> None:
    data.mkdir(parents=True, exist_ok=True)
    if workspace_with_map(data) is None:
        raise SystemExit("bench_bombs needs journeymap.storage")
    for name, build, _ in BOMBS:
        if not (data / name).exists():
            build(data / name)
    csv_small, _ = generate(data, 1_000_000)
    if not (data / "normal-100k.xes.gz").exists():
        xes_gz_normal(data / "normal-100k.xes.gz", csv_small)
    if not (data / "normal-50k.xlsx").exists():
        xlsx_normal(data / "normal-50k.xlsx", csv_small)
    if not quick:
        if not (data / "sheet-100k.xlsx").exists():
            sheet_xlsx_100k(data / "sheet-100k.xlsx")
        generate(data, events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/journeymap-bench-bombs"))
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--old", type=Path, default=Path("/work/main"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()  # run_all.py passes its own arguments on
    data = args.data
    if args.build_only:
        build_files(data, args.quick, args.events)
        return
    # Built in a child: a forked child's ru_maxrss starts from its parent's size, so the
    # measuring process must stay small (no polars, no big lists).
    print("building files (cached in", data, ")", flush=True)
    subprocess.run([sys.executable, __file__, "--build-only", "--data", str(data),
                    "--events", str(args.events), *(["--quick"] if args.quick else [])],
                   check=True)
    old = args.old if (args.old / "journeymap").is_dir() and args.old != ROOT else None
    workspace = data / "bench.journeymap"
    bombs = [(data / name, command) for name, _, command in BOMBS]
    normal_xes, normal_xlsx = data / "normal-100k.xes.gz", data / "normal-50k.xlsx"

    print(f"\n{'bomb (size)':<34} {'time':>9} {'peak':>11}  target: exit 2, < a few s, < 500 MB")
    for path, command in bombs:
        argv = compare_argv(workspace, path) if command == "compare" else import_argv(data, path)
        figures = run(argv, ROOT)
        ok = figures[2] == 2 and figures[0] < 5 and figures[1] < 500
        label = f"{command} {path.name} ({path.stat().st_size / _MB:.1f} MB)"
        line(label, figures, "ok" if ok else "MISSED")

    print(f"\n{'baseline (valid, normal size)':<34} {'time':>9} {'peak':>11}")
    normals = [("compare", normal_xes), ("compare", normal_xlsx)]
    if not args.quick:
        normals += [("import", data / "sheet-100k.xlsx"),
                    ("compare", data / f"log-{args.events}.csv")]
    for command, path in normals:
        for tag, root in (("", ROOT), (" [old]", old)):
            if root is None:
                continue
            argv = (compare_argv(workspace, path) if command == "compare"
                    else import_argv(data, path))
            label = f"{command} {path.name}{tag} ({path.stat().st_size / _MB:.0f} MB)"
            line(label, run(argv, root, timeout=BASELINE_TIMEOUT))


if __name__ == "__main__":
    main()
