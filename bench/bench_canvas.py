"""Canvas benchmark: open time, drag cost against a bare QGraphicsScene, memory.

Figures (printed as a table, never asserted):
1. open a 2,000-touchpoint map to the first painted frame (scene + view + show + paint);
2. drag one card with 60 real mouse moves, repainting after each, against the same drag on a
   bare scene of 2,000 QGraphicsRectItem + QGraphicsSimpleTextItem in the same run (target
   at most 3x);
3. resident memory of the open 2,000-card map;
4. the same open and drag figures for 10,000 cards.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_canvas.py
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from journeymap.document import Document  # noqa: E402
from journeymap.model import Connection, Lane, Map, Stage, Touchpoint  # noqa: E402

VIEW_SIZE = (1600, 1000)
MOVES = 60
CHANNELS = ["Email", "Phone", "Web", "Store", "Chat", "Social", "App", "Event", "Letter", ""]


def make_map(count: int, stages: int = 12, lanes: int = 10, seed: int = 7) -> Map:
    """A synthetic map: cards spread over stages x lanes, each linked to one in a later stage."""
    rng = random.Random(seed)
    m = Map(id=f"bench-{count}", name=f"Benchmark {count}")
    m.stages = [Stage(id=f"st-{i}", name=f"Stage {i + 1}", days=7) for i in range(stages)]
    m.lanes = [Lane(id=f"ln-{i}", name=f"Lane {i + 1}", kind="customer" if i == 0 else "frontstage")
               for i in range(lanes)]
    for i in range(count):
        stage, lane = m.stages[i % stages], m.lanes[(i // stages) % lanes]
        m.touchpoints.append(Touchpoint(
            id=f"tp-{i}", title=f"Touchpoint number {i} with a longer title to wrap",
            stage=stage.id, lane=lane.id, channel=rng.choice(CHANNELS), owner="Owner name",
            experience=rng.choice([None, -2, -1, 0, 1, 2]), votes={"a": rng.randint(0, 3)},
            pain_points="x" if rng.random() < 0.2 else ""))
    m.touchpoints = m.touchpoints_in_display_order()
    for i in range(count - stages):
        m.connections.append(Connection(id=f"cn-{i}", source=f"tp-{i}", target=f"tp-{i + stages}"))
    return m


class PaintWatch(QObject):
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


def show_until_painted(app, view) -> None:
    watch = PaintWatch()
    view.viewport().installEventFilter(watch)
    view.resize(*VIEW_SIZE)
    view.show()
    while not watch.painted:
        app.processEvents()
    view.viewport().removeEventFilter(watch)


def open_map(app, m: Map):
    """(seconds to first painted frame, view)."""
    from ui.canvas.view import CanvasView

    gc.collect()
    start = time.perf_counter()
    view = CanvasView(Document(m), QUndoStack())
    show_until_painted(app, view)
    return time.perf_counter() - start, view


def drag_cost(app, view, start: QPoint) -> float:
    """Median seconds per mouse move (event + synchronous repaint + pending events)."""
    port = view.viewport()
    QTest.mouseMove(port, start)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    times = []
    for i in range(1, MOVES + 1):
        t0 = time.perf_counter()
        QTest.mouseMove(port, start + QPoint(4 * i, 2 * i))
        port.repaint()
        app.processEvents()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def release_cost(app, view, at: QPoint) -> float:
    t0 = time.perf_counter()
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, at)
    view.viewport().repaint()
    app.processEvents()
    return time.perf_counter() - t0


def bare_view(count: int, m: Map) -> QGraphicsView:
    """The baseline: top-level plain rect + simple text items at the same places."""
    from journeymap.layout import compute_layout

    layout = compute_layout(m)
    scene = QGraphicsScene()
    keep = []
    for tp in m.touchpoints[:count]:
        r = layout.card_rects[tp.id]
        rect = QGraphicsRectItem(0, 0, r.w, r.h)
        rect.setPos(r.x, r.y)
        rect.setBrush(Qt.GlobalColor.white)
        rect.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        text = QGraphicsSimpleTextItem(tp.title)
        text.setPos(r.x + 8, r.y + 8)
        scene.addItem(rect)
        scene.addItem(text)
        keep.append((rect, text))
    scene.setParent(None)
    view = QGraphicsView(scene)
    view.keep = (scene, keep)  # Python references: the view does not own its scene
    return view


def card_start(view, tp_id: str) -> QPoint:
    rect = view.scene().card_rect(tp_id)
    view.centerOn(rect.center())
    return view.mapFromScene(QPointF(rect.center().x(), rect.y() + 30))


def measure(app, count: int) -> dict:
    m = make_map(count)
    before = rss_mb()
    seconds, view = open_map(app, m)
    figures = {"open_ms": seconds * 1000, "rss_mb": rss_mb(), "rss_delta_mb": rss_mb() - before}
    target = m.touchpoints[count // 2].id
    start = card_start(view, target)
    app.processEvents()
    figures["move_ms"] = drag_cost(app, view, start) * 1000
    figures["drop_ms"] = release_cost(app, view, start + QPoint(4 * MOVES, 2 * MOVES)) * 1000
    bare = bare_view(count, m)
    show_until_painted(app, bare)
    first = bare.keep[1][count // 2][0]
    bare.centerOn(first)
    app.processEvents()
    figures["bare_move_ms"] = drag_cost(app, bare, bare.mapFromScene(
        first.sceneBoundingRect().center())) * 1000
    QTest.mouseRelease(bare.viewport(), Qt.MouseButton.LeftButton)
    view.close()
    bare.close()
    app.processEvents()
    return figures


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    open_map(app, make_map(50))[1].close()  # warm up fonts and Qt plugins
    rows = []
    for count in (2000, 10000):
        f = measure(app, count)
        ratio = f["move_ms"] / f["bare_move_ms"]
        rows.append((count, f, ratio))
    print(f"{'cards':>6} | {'open→paint':>11} | {'move/canvas':>11} | {'move/bare':>9} | "
          f"{'ratio':>5} | {'drop+relayout':>13} | {'RSS':>8} | {'RSS Δ':>7}")
    print("-" * 94)
    for count, f, ratio in rows:
        print(f"{count:>6} | {f['open_ms']:>8.0f} ms | {f['move_ms']:>8.2f} ms | "
              f"{f['bare_move_ms']:>6.2f} ms | {ratio:>5.2f} | {f['drop_ms']:>10.0f} ms | "
              f"{f['rss_mb']:>5.0f} MB | {f['rss_delta_mb']:>4.0f} MB")
    print("targets: 2,000 cards open < 500 ms; move ratio <= 3x the bare scene")


if __name__ == "__main__":
    main()
