"""Canvas benchmark on maps shaped like real ones, through the real window.

A workshop sheet (CSV, the product's sheet format) is written with N touchpoints: 14 stages,
12 lanes, long titles (60-120 characters) in several scripts, and `Days` on every link (real
maps label almost every connection with its expected days). It is imported with the CLI into
a fresh workspace, and then measured (printed, never asserted):

1. open: `MainWindow(workspace)` + `open_map(name)` + show, to the canvas's first painted
   frame, for 2,000 and 10,000 touchpoints;
2. drag: the median time of one frame while a selected card is dragged with real mouse
   events (move, synchronous repaint, pending events), against the same drag on a bare
   QGraphicsScene of 2,000 rect items + 2,000 labelled QGraphicsPathItems in the same run;
3. memory: peak resident size (getrusage) and the resident growth from opening the map.

Targets (issue 10): open < 500 ms; a drag frame <= 2x the bare scene; 10,000 cards < 2 s.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/bench_canvas.py [--sizes 2000,10000]
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QPainterPath  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

WINDOW_SIZE = (1600, 1000)
FRAMES = 60
STAGES = ["Awareness", "Research", "Consideration", "First contact", "Discovery", "Demo",
          "Proposal", "Negotiation", "Purchase", "Onboarding", "Adoption", "Renewal",
          "Expansion", "Advocacy"]
LANES = ["Customer", "Peers & community", "Social media", "Marketing", "Sales", "Pre-sales",
         "Operations", "Customer service", "Finance", "Legal", "Channel partners", "Product"]
# Title words in the scripts real workshop maps are written in (split once, below).
PHRASES = [
    "customer reads the comparison guide and asks a colleague for advice before calling",
    "Kunde vergleicht Angebote und fragt im Fachforum nach Erfahrungen mit dem Anbieter",
    "Klient pyta o wycenę, Łukasz odpowiada w ciągu dwóch dni roboczych przez portal",
    "клиент получает письмо с предложением и звонит менеджеру для уточнения условий",
    "ο πελάτης διαβάζει την προσφορά και ζητά επίδειξη από την ομάδα πωλήσεων",
    "يقرأ العميل العرض ويتصل بفريق المبيعات لطلب عرض توضيحي للمنتج الجديد",
    "顾客 阅读 产品 介绍 并 联系 销售 团队 预约 演示 和 报价 以及 后续 服务",
]
WORDS = [phrase.split() for phrase in PHRASES]
CHANNELS = ["Email", "Phone", "Web", "Store", "Chat", "Social", "App", "Event", "Letter", ""]
ROLES = ["Marketing lead", "Account executive", "Ops manager", "Support lead", "CFO office"]


# -- the workshop sheet -------------------------------------------------------------------------
def title(rng: random.Random, number: int) -> str:
    words = rng.choice(WORDS)
    length = rng.randint(60, 120)
    text = f"{number}:"
    while len(text) < length:
        text += " " + rng.choice(words)
    return text[:length].rstrip()


def write_sheet(path: Path, count: int, seed: int = 11) -> int:
    """A sheet of `count` touchpoints as journeys across the stages (each card leads to the
    next stage of its journey, the last one loops back to the journey's start), every link
    with Days. Returns the number of links."""
    rng = random.Random(seed)
    rows, links = [], 0
    titles = [title(rng, i) for i in range(count)]
    for start in range(0, count, len(STAGES)):
        journey = list(range(start, min(start + len(STAGES), count)))
        for step, i in enumerate(journey):
            last = step == len(journey) - 1
            nxt = "" if last else titles[journey[step + 1]]
            loop = titles[journey[0]] if last and len(journey) > 1 else ""
            links += bool(nxt) + bool(loop)
            rows.append({
                "Stage": STAGES[step], "Lane": rng.choice(LANES), "Touchpoint": titles[i],
                "Channel": rng.choice(CHANNELS), "Experience": rng.choice(["", -2, -1, 0, 1, 2]),
                "Owner": rng.choice(ROLES), "R": rng.choice(ROLES), "A": rng.choice(ROLES),
                "Next": nxt, "Loops": loop, "Days": rng.choice([0.5, 1, 2, 3, 5, 7, 14, 21, 30]),
            })
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return links


def import_sheet(workspace: Path, sheet: Path, name: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--workspace", str(workspace),
                    "import", str(sheet), "--name", name],
                   check=True, stdout=subprocess.DEVNULL, cwd=ROOT)


# -- measuring ----------------------------------------------------------------------------------
class CanvasPainted(QObject):
    """Notices the first paint of a canvas viewport (installed on the application)."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and obj.objectName() == "" and \
                type(obj.parent()).__name__ == "CanvasView":
            self.painted = True
        return False


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_window(app, workspace: Path, name: str, settings: QSettings):
    """(seconds from MainWindow(...) to the canvas's first painted frame, window)."""
    from ui.main_window import MainWindow

    watch = CanvasPainted()
    app.installEventFilter(watch)
    gc.collect()
    start = time.perf_counter()
    window = MainWindow(workspace, settings=settings, sample_if_missing=False)
    window.open_map(name)
    window.resize(*WINDOW_SIZE)
    window.show()
    while not watch.painted:
        app.processEvents()
    seconds = time.perf_counter() - start
    app.removeEventFilter(watch)
    return seconds, window


def drag_frames(app, port, start: QPoint) -> float:
    """Median seconds per frame of a drag: one mouse move, a synchronous repaint and the
    events it leaves pending."""
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    app.processEvents()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    times = []
    for i in range(1, FRAMES + 1):
        t0 = time.perf_counter()
        QTest.mouseMove(port, start + QPoint(3 * i, 2 * i))
        port.repaint()
        app.processEvents()
        times.append(time.perf_counter() - t0)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(3 * FRAMES, 2 * FRAMES))
    app.processEvents()
    return statistics.median(times[5:])  # the first moves start the drag


def canvas_drag(app, window) -> float:
    """Drag the card nearest the middle of the visible part of the map."""
    canvas = window.canvas
    scene = canvas.scene()
    visible = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    centre = visible.center()
    rects = [(tp_id, rect) for tp_id, rect in scene.layout.card_rects.items()
             if visible.contains(rect.x, rect.y) and visible.contains(rect.right, rect.bottom)]
    tp_id, rect = min(rects, key=lambda r: (r[1].x - centre.x()) ** 2 + (r[1].y - centre.y()) ** 2)
    linked = sum(1 for c in window.document().map.connections if tp_id in (c.source, c.target))
    start = canvas.mapFromScene(QPointF(rect.x + rect.w / 2, rect.y + rect.h * 0.6))
    return drag_frames(app, canvas.viewport(), start), linked


def bare_scene(layout, count: int):
    """The baseline: 2,000 movable rects and 2,000 cubic paths with a text label each, at
    the places the real layout gives, in a plain QGraphicsScene and QGraphicsView."""
    scene = QGraphicsScene()
    keep = []
    rects = list(layout.card_rects.values())[:count]
    for i, r in enumerate(rects):
        item = QGraphicsRectItem(0, 0, r.w, r.h)
        item.setPos(r.x, r.y)
        item.setBrush(Qt.GlobalColor.white)
        item.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        nxt = rects[(i + 1) % len(rects)]
        path = QPainterPath(QPointF(r.right, r.y + r.h / 2))
        path.cubicTo(QPointF(r.right + 40, r.y + r.h / 2), QPointF(nxt.x - 40, nxt.y + nxt.h / 2),
                     QPointF(nxt.x, nxt.y + nxt.h / 2))
        link = QGraphicsPathItem(path)
        label = QGraphicsSimpleTextItem(f"{i % 30 + 1} d", link)
        label.setPos(path.pointAtPercent(0.5))
        for added in (item, link):
            scene.addItem(added)
        keep.append((item, link, label))
    view = QGraphicsView(scene)
    view.resize(*WINDOW_SIZE)
    view.keep = (scene, keep)  # Python references: the view does not own its scene
    return view


def bare_drag(app, view) -> float:
    scene, keep = view.keep
    view.show()
    app.processEvents()
    item = keep[len(keep) // 2][0]
    view.centerOn(item)
    app.processEvents()
    start = view.mapFromScene(item.sceneBoundingRect().center())
    return drag_frames(app, view.viewport(), start)


def measure(app, count: int, folder: Path) -> dict:
    sheet = folder / f"sheet-{count}.csv"
    links = write_sheet(sheet, count)
    workspace = folder / f"bench-{count}.journeymap"
    import_sheet(workspace, sheet, f"Workshop {count}")
    settings = QSettings(str(folder / f"settings-{count}.ini"), QSettings.Format.IniFormat)
    before = rss_mb()
    seconds, window = open_window(app, workspace, f"Workshop {count}", settings)
    figures = {"cards": count, "links": links, "open_ms": seconds * 1000,
               "rss_delta_mb": rss_mb() - before, "peak_mb": peak_mb(),
               "labels": sum(1 for link in window.canvas.scene().links.values()
                             if link.label_item is not None)}
    app.processEvents()
    figures["drag_ms"], figures["drag_links"] = canvas_drag(app, window)
    figures["drag_ms"] *= 1000
    bare = bare_scene(window.canvas.scene().layout, 2000)
    figures["bare_ms"] = bare_drag(app, bare) * 1000
    window.close()
    bare.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("journeymap-bench")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        measure(app, 60, Path(tmp))  # warm up fonts, Qt plugins and imports
        for count in (int(s) for s in args.sizes.split(",")):
            rows.append(measure(app, count, Path(tmp)))
    print(f"{'cards':>6} | {'links':>5} | {'labels':>6} | {'open→paint':>10} | "
          f"{'drag frame':>10} | {'bare frame':>10} | {'ratio':>5} | {'RSS Δ':>7} | {'peak':>7}")
    print("-" * 92)
    for f in rows:
        print(f"{f['cards']:>6} | {f['links']:>5} | {f['labels']:>6} | {f['open_ms']:>7.0f} ms | "
              f"{f['drag_ms']:>7.2f} ms | {f['bare_ms']:>7.2f} ms | "
              f"{f['drag_ms'] / f['bare_ms']:>5.2f} | {f['rss_delta_mb']:>4.0f} MB | "
              f"{f['peak_mb']:>4.0f} MB")
    print(f"(the dragged card has {rows[0]['drag_links']} links; the bare scene has 2,000 rects "
          "and 2,000 labelled paths in both rows)")
    print("targets: 2,000 cards open < 500 ms; drag frame <= 2x the bare scene; "
          "10,000 cards open < 2 s")


if __name__ == "__main__":
    main()
