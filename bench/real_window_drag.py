"""A real-window drag session: the way the drag bug of issue 10 was found.

Runs the real MainWindow on an X display with a window manager and moves the real pointer with
xdotool (XTest events, the same path a mouse takes), then compares the workspace file, read by
another process (`journeymap export --format csv`), with what was dropped. Screenshots of the
whole screen go to the output folder after every drop: look at them.

    apt-get install xvfb openbox xdotool imagemagick
    Xvfb :77 -screen 0 1920x1080x24 & DISPLAY=:77 openbox &
    DISPLAY=:77 .venv/bin/python bench/real_window_drag.py /tmp/realwin

Not part of the test suite (it needs a display server); the pytest-qt tests in
tests/ui/test_canvas_drag_integrity.py replay the same sequence headless.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The reported sequence: three cards into Customer x Engage under "Read practice guides"
# (the column widens and the view scrolls), then one card to Operations x Engage.
SEQUENCE = [
    ("Peer recommendation", ("Engage", "Customer"), "Read practice guides"),
    ("Answer questions in industry communities", ("Engage", "Customer"), "Read practice guides"),
    ("Trade event talk", ("Engage", "Customer"), "Read practice guides"),
    ("Download best-practice template", ("Engage", "Operations"), None),
]


def xdo(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True)


def shot(out: Path, name: str) -> None:
    subprocess.run(["import", "-window", "root", str(out / f"{name}.png")], check=True)


def cells_in_file(workspace: Path, map_name: str) -> dict[str, tuple[str, str]]:
    """The workspace as another process reads it: title -> (stage, lane)."""
    sheet = workspace.with_name("exported.csv")
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--workspace", str(workspace), "export",
         map_name, "--format", "csv", "-o", str(sheet)], capture_output=True, text=True, check=True)
    rows = csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig")))
    return {row["Touchpoint"]: (row["Stage"], row["Lane"]) for row in rows if row["Touchpoint"]}


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    workspace = out / "workspace.journeymap"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{workspace}{suffix}").unlink(missing_ok=True)
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from journeymap.sample import create_sample_workspace
    from ui.app import make_application
    from ui.main_window import MainWindow

    create_sample_workspace(workspace)
    app = make_application()
    window = MainWindow(workspace, map_name_or_id="Customer acquisition")
    window.show()
    window.activateWindow()

    def settle(seconds: float = 0.4) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    settle(1.5)
    canvas = window.canvas
    doc = canvas.document

    def screen_point(scene_x: float, scene_y: float) -> tuple[int, int]:
        point = canvas.viewport().mapToGlobal(canvas.mapFromScene(QPointF(scene_x, scene_y)))
        return point.x(), point.y()

    def ids() -> dict[str, str]:
        return {tp.title: tp.id for tp in doc.map.touchpoints}

    def drag(title: str, cell: tuple[str, str], under: str | None) -> None:
        scene = canvas.scene()
        rect = scene.card_rect(ids()[title])
        x0, y0 = screen_point(rect.center().x(), rect.center().y())
        if under:
            below = scene.card_rect(ids()[under])
            x1, y1 = screen_point(below.center().x(), below.bottom() + 4)
        else:
            stage = next(s.id for s in doc.map.stages if s.name == cell[0])
            lane = next(ln.id for ln in doc.map.lanes if ln.name == cell[1])
            box = scene.layout.cell_rects[(stage, lane)]
            x1, y1 = screen_point(box.x + box.w / 2, box.y + box.h / 2)
        xdo("mousemove", str(x0), str(y0))
        settle(0.2)
        xdo("mousedown", "1")
        settle(0.2)
        for i in range(1, 13):
            xdo("mousemove", str(int(x0 + (x1 - x0) * i / 12)), str(int(y0 + (y1 - y0) * i / 12)))
            settle(0.03)
        xdo("mouseup", "1")
        settle(0.6)

    shot(out, "0-before")
    failures = []
    map_name = doc.map.name
    for step, (title, cell, under) in enumerate(SEQUENCE, start=1):
        drag(title, cell, under)
        shot(out, f"{step}-after-{title[:24].replace(' ', '-')}")
        frame = canvas.scene().drop_marker.isVisible()
        in_file = cells_in_file(workspace, map_name)
        print(f"drop {step}: {title!r} -> file says {in_file[title]}, wanted {cell};"
              f" drop frame left on screen: {frame}")
        if in_file[title] != cell or frame:
            failures.append(title)
    expected = {title: cell for title, cell, _ in SEQUENCE}
    in_file = cells_in_file(workspace, map_name)
    wrong = {t: in_file[t] for t, cell in expected.items() if in_file[t] != cell}
    print("every card where it was dropped" if not wrong and not failures
          else f"WRONG: {wrong or failures}")
    window.close()
    QApplication.processEvents()
    return 1 if wrong or failures else 0


if __name__ == "__main__":
    if not os.environ.get("DISPLAY"):
        sys.exit("Set DISPLAY to an X server with a window manager (see the module text).")
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/realwin")))
