"""Canvas benchmark on maps shaped like real ones, through the real window.

A workshop sheet (CSV, the product's sheet format) is written with N touchpoints: 14 stages,
12 lanes, long titles (60-120 characters) in several scripts, and `Days` on every link (real
maps label almost every connection with its expected days). It is imported with the CLI into
a fresh workspace, and then measured (printed, never asserted):

1. open: `MainWindow(workspace)` + `open_map(name)` + show, to the canvas's first painted
   frame, for 2,000 and 10,000 touchpoints;
2. drag: the median time of one frame while a selected card is dragged with real mouse
   events (move, synchronous repaint, pending events), against the same drag on a bare
   QGraphicsScene of 2,000 rect items + 2,000 labelled QGraphicsPathItems (the map's own
   card places and links, at the canvas's zoom) in the same run, the two taken in turns;
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
from PySide6.QtGui import QPainter, QPainterPath, QPen  # noqa: E402
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
FRAMES = 45
ROUNDS = 3
SETTLE_MS = 600  # longer than the window's debounced work after an edit
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
class Painted(QObject):
    """Notices the first paint of the widget it is installed on."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_window(app, workspace: Path, name: str, settings: QSettings):
    """(seconds from MainWindow(...) to the canvas's first painted frame, the CPU seconds
    this process spent meanwhile, window). CPU time is printed too: on a shared machine the
    wall clock also counts other processes' turns."""
    from ui.main_window import MainWindow

    watch = Painted()
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    window = MainWindow(workspace, settings=settings, sample_if_missing=False)
    window.open_map(name)
    window.canvas.viewport().installEventFilter(watch)  # nothing is painted before show()
    window.resize(*WINDOW_SIZE)
    window.show()
    while not watch.painted:
        app.processEvents()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    window.canvas.viewport().removeEventFilter(watch)
    return seconds, cpu, window


def drag_frames(app, port, start: QPoint) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each frame of a drag: one mouse move, a synchronous repaint and
    the events it leaves pending."""
    QTest.mouseClick(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    app.processEvents()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    frames = []
    for i in range(1, FRAMES + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        QTest.mouseMove(port, start + QPoint(3 * i, 2 * i))
        port.repaint()
        app.processEvents()
        frames.append((time.perf_counter() - t0, time.process_time() - c0))
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(3 * FRAMES, 2 * FRAMES))
    app.processEvents()
    return frames[5:]  # the first moves start the drag


def settle() -> None:
    QTest.qWait(SETTLE_MS)


def medians(frames: list[tuple[float, float]]) -> tuple[float, float]:
    return (statistics.median(f[0] for f in frames), statistics.median(f[1] for f in frames))


def canvas_drag(app, window) -> tuple[list, int]:
    """Drag the card nearest the middle of the visible part of the map; (frames, its links)."""
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


def bare_scene(layout, connections, count: int = 2000, antialiased: bool = True):
    """The baseline: 2,000 movable rects at the cards' places and 2,000 cubic paths with a
    text label each along the map's own connections, in a plain QGraphicsScene and view."""
    scene = QGraphicsScene()
    keep = []
    rects = layout.card_rects
    for tp_id in list(rects)[:count]:
        r = rects[tp_id]
        item = QGraphicsRectItem(0, 0, r.w, r.h)
        item.setPos(r.x, r.y)
        item.setBrush(Qt.GlobalColor.white)
        item.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        scene.addItem(item)
        keep.append(item)
    for conn in connections[:count]:
        a, b = rects[conn.source], rects[conn.target]
        path = QPainterPath(QPointF(a.right, a.y + a.h / 2))
        path.cubicTo(QPointF(a.right + 40, a.y + a.h / 2), QPointF(b.x - 40, b.y + b.h / 2),
                     QPointF(b.x, b.y + b.h / 2))
        link = QGraphicsPathItem(path)
        pen = QPen(Qt.GlobalColor.darkGray, 1.6)  # drawn as the canvas draws its links
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        link.setPen(pen)
        label = QGraphicsSimpleTextItem(f"{conn.days:g} d", link)
        label.setPos(path.pointAtPercent(0.5))
        scene.addItem(link)
        keep.append((link, label))
    view = QGraphicsView(scene)
    # The same drawing quality as the canvas: the baseline measures what Qt's own items cost
    # for the same picture, so the ratio is the app's overhead, not antialiasing's.
    # (`antialiased=False`: Qt's defaults, a second, cruder baseline printed beside it.)
    if antialiased:
        view.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
    view.resize(*WINDOW_SIZE)
    view.keep = (scene, keep)  # Python references: the view does not own its scene
    return view


def bare_drag(app, view, canvas) -> list:
    """Drag the bare card nearest the middle of the view, at the canvas's zoom and place."""
    scene, keep = view.keep
    view.setTransform(canvas.transform())
    centre = canvas.mapToScene(canvas.viewport().rect().center())
    view.centerOn(centre)
    app.processEvents()
    cards = [item for item in keep if isinstance(item, QGraphicsRectItem)]
    item = min(cards, key=lambda i: (i.pos().x() - centre.x()) ** 2 + (i.pos().y() - centre.y()) ** 2)
    start = view.mapFromScene(item.sceneBoundingRect().center())
    return drag_frames(app, view.viewport(), start)


def measure(app, count: int, folder: Path) -> dict:
    sheet = folder / f"sheet-{count}.csv"
    links = write_sheet(sheet, count)
    workspace = folder / f"bench-{count}.journeymap"
    import_sheet(workspace, sheet, f"Workshop {count}")
    settings = QSettings(str(folder / f"settings-{count}.ini"), QSettings.Format.IniFormat)
    before = rss_mb()
    seconds, cpu, window = open_window(app, workspace, f"Workshop {count}", settings)
    figures = {"cards": count, "links": links, "open_ms": seconds * 1000, "open_cpu_ms": cpu * 1000,
               "rss_delta_mb": rss_mb() - before, "peak_mb": peak_mb(),
               "labels": sum(1 for link in window.canvas.scene().links.values()
                             if link.label_item is not None)}
    app.processEvents()
    layout, connections = window.canvas.scene().layout, window.document().map.connections
    bare = bare_scene(layout, connections)
    crude = bare_scene(layout, connections, antialiased=False)
    bare.show()
    crude.show()
    app.processEvents()
    canvas_frames, bare_frames, crude_frames = [], [], []
    for _round in range(ROUNDS):  # taken in turns, so all see the same machine load
        frames, figures["drag_links"] = canvas_drag(app, window)
        canvas_frames += frames
        settle()  # the drop's relayout, autosave and re-analysis run now, not in the next drag
        bare_frames += bare_drag(app, bare, window.canvas)
        crude_frames += bare_drag(app, crude, window.canvas)
        settle()
    figures["drag_ms"], figures["drag_cpu_ms"] = (v * 1000 for v in medians(canvas_frames))
    figures["bare_ms"], figures["bare_cpu_ms"] = (v * 1000 for v in medians(bare_frames))
    figures["crude_ms"], figures["crude_cpu_ms"] = (v * 1000 for v in medians(crude_frames))
    window.close()
    bare.close()
    crude.close()
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
    print(f"{'cards':>6} | {'links':>5} | {'labels':>6} | {'open→paint':>10} | {'(CPU)':>7} | "
          f"{'drag frame (CPU)':>17} | {'bare frame (CPU)':>17} | {'ratio (CPU)':>11} | "
          f"{'RSS Δ':>6} | {'peak':>6}")
    print("-" * 122)
    for f in rows:
        print(f"{f['cards']:>6} | {f['links']:>5} | {f['labels']:>6} | {f['open_ms']:>7.0f} ms | "
              f"{f['open_cpu_ms']:>4.0f} ms | "
              f"{f['drag_ms']:>5.1f} ms ({f['drag_cpu_ms']:>4.1f} ms) | "
              f"{f['bare_ms']:>5.1f} ms ({f['bare_cpu_ms']:>4.1f} ms) | "
              f"{f['drag_ms'] / f['bare_ms']:>4.2f} ({f['drag_cpu_ms'] / f['bare_cpu_ms']:>4.2f}) | "
              f"{f['rss_delta_mb']:>3.0f} MB | {f['peak_mb']:>3.0f} MB")
    print(f"(the dragged card has {rows[0]['drag_links']} links; the bare scene has 2,000 rects "
          "and 2,000 labelled paths in every row, along the map's links, antialiased with the "
          "canvas's 1.6 px round pen)")
    for f in rows:
        print(f"{f['cards']:>6} cards: with Qt's default (aliased) drawing the bare frame is "
              f"{f['crude_ms']:.1f} ms ({f['crude_cpu_ms']:.1f} ms CPU): ratio "
              f"{f['drag_ms'] / f['crude_ms']:.1f} ({f['drag_cpu_ms'] / f['crude_cpu_ms']:.1f})")
    print("targets: 2,000 cards open < 500 ms; drag frame <= 2x the bare scene; "
          "10,000 cards open < 2 s")


if __name__ == "__main__":
    main()
