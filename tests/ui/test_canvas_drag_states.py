"""Stateful property test: random drags, selections, undo, redo and zoom, all with real mouse
events on a canvas narrow enough that drops scroll the view. After every step the scene shows
exactly the document and the workspace file, read by another process, holds exactly it too."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from journeymap.document import Document
from journeymap.layout import compute_layout
from journeymap.templates import build_template
from ui.canvas.grid import CornerItem, HeaderBand
from ui.canvas.headers import HeaderItem

ROOT = Path(__file__).resolve().parents[2]
READER = """
import json, sys
from pathlib import Path
from journeymap.storage import Workspace
path, map_id = Path(sys.argv[1]), sys.argv[2]
for _ in sys.stdin:
    with Workspace.open(path, readonly=True) as ws:
        m = ws.load_map(map_id)
    print(json.dumps([[tp.id, tp.stage, tp.lane] for tp in m.touchpoints]), flush=True)
"""
fraction = st.floats(min_value=0.15, max_value=0.85)


def snapshot(doc) -> list[list[str]]:
    return [[tp.id, tp.stage, tp.lane] for tp in doc.map.touchpoints]


class CanvasDrags(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        from journeymap.storage import Autosave, Workspace
        from ui.canvas.view import CanvasView

        self.folder = tempfile.TemporaryDirectory()
        path = Path(self.folder.name) / "ws.journeymap"
        self.doc = Document(build_template("acquisition"))
        self.workspace = Workspace.open(path)
        self.workspace.add_map(self.doc.map)
        self.autosave = Autosave(self.workspace, on_failed=pytest.fail)  # the window's path
        self.autosave.follow(self.doc)
        self.stack = QUndoStack()
        self.view = CanvasView(self.doc, self.stack)
        self.view.set_overview_enabled(False)
        self.view.resize(1250, 760)
        self.view.show()
        QTest.qWaitForWindowExposed(self.view)
        self.view.setFocus()
        self.reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(path), self.doc.map.id], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.history = [snapshot(self.doc)]
        self.at = 0

    def teardown(self) -> None:
        self.reader.stdin.close()
        self.reader.wait(timeout=30)
        self.view.close()
        self.view.deleteLater()
        self.autosave.close()
        self.workspace.close()
        self.folder.cleanup()

    # -- helpers ---------------------------------------------------------------------------
    @property
    def scene(self):
        return self.view.scene()

    def _port_point(self, x: float, y: float) -> QPoint:
        return self.view.mapFromScene(QPointF(x, y))

    def _on_screen(self, point: QPoint) -> bool:
        """In the viewport and not under the sticky headers, where a user can drop."""
        if not self.view.viewport().rect().adjusted(4, 4, -4, -4).contains(point):
            return False
        top = self.view.itemAt(point)
        return not isinstance(top, (HeaderItem, HeaderBand, CornerItem))

    def _visible_cards(self) -> list[str]:
        return [tp.id for tp in self.doc.map.touchpoints if self._card_point(tp.id) is not None]

    def _card_point(self, tp_id: str) -> QPoint | None:
        """A point where the card itself is on top (not a header or a link label over it)."""
        rect, card = self.scene.card_rect(tp_id), self.scene.cards[tp_id]
        for fx, fy in ((0.4, 0.5), (0.25, 0.5), (0.5, 0.3), (0.5, 0.75), (0.2, 0.85)):
            point = self._port_point(rect.x() + rect.width() * fx, rect.y() + rect.height() * fy)
            if self._on_screen(point) and self.view.itemAt(point) is card:
                return point
        return None

    def _visible_cells(self) -> list[tuple[str, str]]:
        cells = self.scene.layout.cell_rects
        return [key for key, rect in cells.items()
                if self._on_screen(self._port_point(rect.x + rect.w / 2, rect.y + rect.h / 2))]

    def _drag(self, start: QPoint, end: QPoint) -> None:
        port = self.view.viewport()
        QTest.mouseMove(port, start)
        QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        for i in range(1, 7):
            QTest.mouseMove(port, start + (end - start) * (i / 6))
        QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)

    def _record(self, index_before: int) -> None:
        """A drop that became an edit is one undo step and a new state in the history."""
        if self.stack.index() > index_before:
            assert self.stack.index() == index_before + 1, "a drop made more than one undo step"
            del self.history[self.at + 1:]
            self.history.append(snapshot(self.doc))
            self.at += 1
        else:
            assert snapshot(self.doc) == self.history[self.at], "a refused drop changed the map"

    def _cell_index(self, data, cells) -> tuple[tuple[str, str], float, float]:
        # In grid order, not id order: the template's ids are new each run.
        stage_pos = self.doc.map.stage_index()
        lane_pos = {lane.id: i for i, lane in enumerate(self.doc.map.lanes)}
        key = data.draw(st.sampled_from(sorted(cells, key=lambda k: (stage_pos[k[0]],
                                                                     lane_pos[k[1]]))))
        return key, data.draw(fraction), data.draw(fraction)

    def _cell_point(self, key, fx: float, fy: float) -> QPoint:
        rect = self.scene.layout.cell_rects[key]
        return self._port_point(rect.x + rect.w * fx, rect.y + rect.h * fy)

    # -- rules ------------------------------------------------------------------------------
    @rule(data=st.data())
    def drag_one_card(self, data) -> None:
        cards, cells = self._visible_cards(), self._visible_cells()
        if not cards or not cells:
            return
        tp_id = data.draw(st.sampled_from(cards))
        key, fx, fy = self._cell_index(data, cells)
        others = {row[0]: row[1:] for row in snapshot(self.doc) if row[0] != tp_id}
        count = self.stack.index()
        self.view.select_touchpoints([])
        self._drag(self._card_point(tp_id), self._cell_point(key, fx, fy))
        tp = self.doc.map.touchpoint(tp_id)
        assert (tp.stage, tp.lane) == key, "the dragged card did not land where it was dropped"
        assert {row[0]: row[1:] for row in snapshot(self.doc) if row[0] != tp_id} == others
        self._record(count)

    @rule(data=st.data())
    def drag_a_selection(self, data) -> None:
        cards, cells = self._visible_cards(), self._visible_cells()
        if len(cards) < 2 or not cells:
            return
        chosen = data.draw(st.lists(st.sampled_from(cards), min_size=2, max_size=3, unique=True))
        self.view.select_touchpoints([])
        for tp_id in chosen:  # ctrl+click each, as a user builds a selection
            QTest.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.ControlModifier, self._card_point(tp_id))
        assert sorted(self.view.selected_touchpoints()) == sorted(chosen)
        key, fx, fy = self._cell_index(data, cells)
        untouched = {row[0]: row[1:] for row in snapshot(self.doc) if row[0] not in chosen}
        count = self.stack.index()
        self._drag(self._card_point(chosen[0]), self._cell_point(key, fx, fy))
        assert {row[0]: row[1:] for row in snapshot(self.doc)
                if row[0] not in chosen} == untouched
        self._record(count)

    @precondition(lambda self: self.at > 0)
    @rule()
    def undo(self) -> None:
        self.stack.undo()
        self.at -= 1
        assert snapshot(self.doc) == self.history[self.at]

    @precondition(lambda self: self.at < len(self.history) - 1)
    @rule()
    def redo(self) -> None:
        self.stack.redo()
        self.at += 1
        assert snapshot(self.doc) == self.history[self.at]

    @rule(zoom=st.sampled_from([0.6, 0.8, 1.0, 1.25]))
    def zoom(self, zoom: float) -> None:
        self.view.set_zoom(zoom)

    @rule(x=st.floats(0, 1), y=st.floats(0, 1))
    def scroll(self, x: float, y: float) -> None:
        for bar, f in ((self.view.horizontalScrollBar(), x), (self.view.verticalScrollBar(), y)):
            bar.setValue(int(bar.minimum() + (bar.maximum() - bar.minimum()) * f))

    # -- what must always hold --------------------------------------------------------------
    @invariant()
    def scene_shows_the_document(self) -> None:
        scene = self.scene
        assert not scene.drag.active
        assert not scene.drop_marker.isVisible(), "a drop frame was left on screen"
        layout = compute_layout(self.doc.map, scene.metrics)
        assert set(scene.cards) == {tp.id for tp in self.doc.map.touchpoints}
        for tp in self.doc.map.touchpoints:
            card, rect = scene.cards[tp.id], layout.card_rects[tp.id]
            assert (card.scenePos().x(), card.scenePos().y()) == (rect.x, rect.y), tp.title
            assert card.parentItem() is scene.containers[tp.lane]
            assert card.opacity() == 1.0

    @invariant()
    def the_file_holds_the_document(self) -> None:
        self.reader.stdin.write("read\n")
        self.reader.stdin.flush()
        assert json.loads(self.reader.stdout.readline()) == snapshot(self.doc)


@pytest.mark.usefixtures("qapp")
def test_random_drags_undo_and_zoom_keep_screen_document_and_file_equal() -> None:
    CanvasDrags.TestCase.settings = settings(
        max_examples=10, stateful_step_count=10, deadline=None,
        suppress_health_check=[HealthCheck.too_slow])
    CanvasDrags.TestCase().runTest()
