"""Link labels on the canvas: placed once per relayout by the shared core rule, never by
asking the scene what lies under each spot; style changes repaint, they do not rebuild."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QUndoStack

from journeymap.document import Document
from journeymap.model import Map
from ui.canvas.scene import JourneyScene


def labelled_doc(cards: int = 120, stages: int = 6, lanes: int = 5) -> Document:
    """Cards spread over the grid, each linked to the next with expected days."""
    doc = Document(Map(id="map-labels", name="Labelled links"))
    for i in range(stages):
        doc.add_stage(f"Stage {i}", id=f"st-{i}")
    for i in range(lanes):
        doc.add_lane(f"Lane {i}", id=f"ln-{i}")
    for i in range(cards):
        doc.add_touchpoint(f"st-{i % stages}", f"ln-{(i // stages) % lanes}", f"Card {i}",
                           id=f"tp-{i}")
    for i in range(cards - 1):
        doc.add_connection(f"tp-{i}", f"tp-{i + 1}", id=f"cn-{i}", days=i % 9 + 1)
    doc.undo_stack.clear()
    return doc


@pytest.fixture
def counted_items(monkeypatch):
    """Counts the Python calls of JourneyScene.items (the per-label query this replaces)."""
    calls = []
    original = JourneyScene.items

    def items(self, *args):
        calls.append(args)
        return original(self, *args)

    monkeypatch.setattr(JourneyScene, "items", items)
    return calls


def labels(scene) -> dict[str, QRectF]:
    return {cid: QRectF(link.label_item.rect) for cid, link in scene.links.items()
            if link.label_item is not None}


def test_building_and_editing_a_labelled_map_asks_the_scene_for_no_items(qtbot, counted_items):
    doc = labelled_doc()
    scene = JourneyScene(doc)
    doc.update("connection", "cn-3", days=12.5)
    doc.move_touchpoints(["tp-7"], "st-0", "ln-0", 0)
    assert len(labels(scene)) == len(doc.map.connections)
    assert counted_items == []
    scene.detach()


def test_every_labelled_link_shows_its_days(qtbot):
    doc = labelled_doc(cards=20)
    scene = JourneyScene(doc)
    for conn in doc.map.connections:
        assert scene.links[conn.id].label_item.text == f"{conn.days:g} d"
    scene.detach()


def test_labels_with_room_overlap_no_card_and_no_other_label(qtbot):
    doc = Document(Map(id="map-room", name="Links over empty stages"))
    for i in range(5):
        doc.add_stage(f"Stage {i}", id=f"st-{i}")
    for lane in ("ln-a", "ln-b"):
        doc.add_lane(lane, id=lane)
        for i in (0, 2, 4):  # every other stage is empty: room for the labels
            doc.add_touchpoint(f"st-{i}", lane, f"{lane} {i}", id=f"{lane}-{i}")
        doc.add_connection(f"{lane}-0", f"{lane}-2", days=3)
        doc.add_connection(f"{lane}-2", f"{lane}-4", days=14)
    doc.add_connection("ln-a-0", "ln-b-2", days=1)  # crosses the lane: shares room with others
    scene = JourneyScene(doc)
    placed = labels(scene)
    cards = [QRectF(r.x, r.y, r.w, r.h) for r in scene.layout.card_rects.values()]
    assert placed
    for cid, rect in placed.items():
        assert not any(rect.intersects(card) for card in cards), cid
        assert not any(rect.intersects(other) for oid, other in placed.items() if oid != cid)
    scene.detach()


def test_labels_land_on_the_same_spots_every_time(qtbot):
    first, again = JourneyScene(labelled_doc()), JourneyScene(labelled_doc())
    assert labels(first) == labels(again)
    first.relayout()
    assert labels(first) == labels(again)
    first.detach()
    again.detach()


def test_a_new_day_count_is_placed_at_the_next_relayout(qtbot):
    doc = labelled_doc(cards=12)
    scene = JourneyScene(doc)
    doc.update("connection", "cn-2", days=None)
    assert scene.links["cn-2"].label_item is None
    doc.update("connection", "cn-2", days=4)
    assert scene.links["cn-2"].label_item.text == "4 d"
    scene.detach()


def test_theme_and_hidden_fields_repaint_without_moving_labels(qtbot, counted_items):
    from ui.canvas.view import CanvasView

    view = CanvasView(labelled_doc(), QUndoStack())
    qtbot.addWidget(view)
    scene = view.scene()
    before, relayouts = labels(scene), scene.relayout_count
    view.set_theme(True)
    view.set_hidden_fields({"owner", "channel"})
    assert labels(scene) == before
    assert scene.relayout_count == relayouts
    assert view.scene() is scene  # no rebuild
    assert counted_items == []


def test_presentation_mode_measures_and_places_labels_again_in_its_larger_type(qtbot):
    from ui.canvas.view import CanvasView

    view = CanvasView(labelled_doc(cards=12), QUndoStack())
    qtbot.addWidget(view)
    before = labels(view.scene())
    view.set_presentation(True)
    after = labels(view.scene())
    assert set(after) == set(before)
    assert all(after[cid].height() > before[cid].height() for cid in before)


def test_a_dragged_cards_labels_keep_their_spot_along_the_moving_link(qtbot, ui, counted_items):
    from ui.canvas.view import CanvasView

    doc = labelled_doc(cards=12, stages=6, lanes=2)
    view = CanvasView(doc, QUndoStack())
    view.set_overview_enabled(False)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    scene = view.scene()
    label = scene.links["cn-1"].label_item  # tp-1 -> tp-2
    start = QRectF(label.rect)
    grip = ui.card_point(view, "tp-2")
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    port = view.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, grip)
    for step in range(1, 6):
        QTest.mouseMove(port, grip + QPoint(0, 12 * step))
    moved = QRectF(label.rect)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       grip + QPoint(0, 60))
    assert moved.center() != start.center()  # it followed the link while the card moved
    assert moved.size() == start.size()
    assert not [c for c in counted_items if c and isinstance(c[0], QRectF)]


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_a_still_canvas_stops_painting(qtbot):
    """Painting a link must not ask for its label again (which repaints the link under it)."""
    from ui.canvas.view import CanvasView

    view = CanvasView(labelled_doc(cards=40), QUndoStack())
    view.set_overview_enabled(False)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    qtbot.waitUntil(lambda: counter.paints > 0 or view.viewport().grab() is not None)
    qtbot.wait(100)  # the first frame and whatever it asked for
    counter.paints = 0
    qtbot.wait(300)
    assert counter.paints == 0


def test_selecting_a_link_repaints_its_label(qtbot):
    from ui.canvas.view import CanvasView

    view = CanvasView(labelled_doc(cards=12), QUndoStack())
    view.set_overview_enabled(False)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    link = view.scene().links["cn-1"]
    asked = []
    link.label_item.update = lambda *args: asked.append(args)
    link.setSelected(True)
    qtbot.waitUntil(lambda: bool(asked))  # the link repaints in its selection colour


def test_a_repaint_strokes_only_the_links_whose_curve_it_touches(qtbot, monkeypatch):
    """A long link's bounding box overlaps much of the map; a repaint of a small region
    (a dragged card) must not stroke it unless its curve passes through that region."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    scene = JourneyScene(labelled_doc(cards=40))
    link = max(scene.links.values(), key=lambda item: item.boundingRect().width()
               * item.boundingRect().height())
    box = link.boundingRect()
    path = link.path()
    strokes = []
    monkeypatch.setattr(QPainter, "drawPath", lambda self, p: strokes.append(p))

    def paint(region: QRectF) -> int:
        strokes.clear()
        image = QImage(8, 8, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        option = QStyleOptionGraphicsItem()
        option.exposedRect = region
        link.paint(painter, option)
        painter.end()
        return len(strokes)

    on_curve = path.pointAtPercent(0.5)
    assert paint(QRectF(on_curve.x() - 5, on_curve.y() - 5, 10, 10)) == 1
    off = [QRectF(x, y, 6, 6) for x in range(int(box.left()), int(box.right()), 6)
           for y in range(int(box.top()), int(box.bottom()), 6)
           if not link.shape().intersects(QRectF(x - 20, y - 20, 46, 46))]
    assert off, "the test needs a spot inside the link's box but away from its curve"
    assert paint(off[len(off) // 2]) == 0
