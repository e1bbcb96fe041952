"""A drag saves exactly what the screen shows: the reproduction from the workshop report.

Dropping the third card into Customer x Engage widens the column; the relayout makes the view
scroll, and Qt replays the last mouse event to the card that still holds the mouse grab. That
replayed move must not start a new drag, or the next drop moves the wrong card.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from journeymap.document import Document
from journeymap.templates import build_template
from ui.canvas.headers import LaneHeaderItem, StageHeaderItem


@pytest.fixture
def acquisition():
    doc = Document(build_template("acquisition"))
    doc.undo_stack.clear()
    return doc


@pytest.fixture
def narrow_view(qtbot, acquisition, undo_stack):
    """A canvas as wide as in the report: the map fits until the Engage column widens."""
    from tests.ui.conftest import show_canvas

    return show_canvas(qtbot, acquisition, undo_stack, 1250, 760)


def ids(doc) -> dict[str, str]:
    return {tp.title: tp.id for tp in doc.map.touchpoints}


def cell_of(doc, title: str) -> tuple[str, str]:
    tp = next(t for t in doc.map.touchpoints if t.title == title)
    stage = next(s.name for s in doc.map.stages if s.id == tp.stage)
    lane = next(lane.name for lane in doc.map.lanes if lane.id == tp.lane)
    return stage, lane


def drag_card(ui, view, title: str, end) -> None:
    ui.drag(view, ui.card_point(view, ids(view.document)[title]), end)


def under(view, title: str):
    rect = view.scene().card_rect(ids(view.document)[title])
    return view.mapFromScene(QPointF(rect.center().x(), rect.bottom() + 4))


def cell_centre(view, stage: str, lane: str):
    doc = view.document
    key = (next(s.id for s in doc.map.stages if s.name == stage),
           next(lane_.id for lane_ in doc.map.lanes if lane_.name == lane))
    rect = view.scene().layout.cell_rects[key]
    return view.mapFromScene(QPointF(rect.x + rect.w / 2, rect.y + rect.h / 2))


def test_the_reported_sequence_moves_the_dragged_card_and_only_it(ui, narrow_view, acquisition,
                                                                   undo_stack):
    view, doc = narrow_view, acquisition
    scroll_before = view.horizontalScrollBar().maximum()
    for title in ("Peer recommendation", "Answer questions in industry communities",
                  "Trade event talk"):
        drag_card(ui, view, title, under(view, "Read practice guides"))
        assert cell_of(doc, title) == ("Engage", "Customer")
        assert not view.scene().drop_marker.isVisible(), "a drop frame was left on screen"
    assert view.horizontalScrollBar().maximum() > scroll_before  # the drop did scroll the view
    drag_card(ui, view, "Download best-practice template", cell_centre(view, "Engage", "Operations"))
    assert cell_of(doc, "Download best-practice template") == ("Engage", "Operations")
    assert cell_of(doc, "Trade event talk") == ("Engage", "Customer")
    assert not view.scene().drop_marker.isVisible()
    undo_stack.undo()
    assert cell_of(doc, "Download best-practice template") == ("Engage", "Marketing")
    assert cell_of(doc, "Trade event talk") == ("Engage", "Customer")


def test_a_selection_dragged_into_one_of_its_own_cells_leaves_no_drag_behind(ui, narrow_view,
                                                                            acquisition):
    view, doc = narrow_view, acquisition
    scene = view.scene()
    first, second = ids(doc)["Peer recommendation"], ids(doc)["Trade event talk"]
    scene.cards[first].setSelected(True)
    scene.cards[second].setSelected(True)
    ui.drag(view, ui.card_point(view, second), ui.card_point(view, second, 0.5, 0.9))
    assert not scene.drop_marker.isVisible()
    drag_card(ui, view, "Download best-practice template", cell_centre(view, "Engage", "Operations"))
    assert cell_of(doc, "Download best-practice template") == ("Engage", "Operations")
    assert cell_of(doc, "Peer recommendation") == ("Reach", "Community/peers")
    assert cell_of(doc, "Trade event talk") == ("Reach", "Marketing")


def test_a_move_without_the_button_held_never_moves_a_card(ui, narrow_view, acquisition,
                                                           undo_stack):
    view, doc = narrow_view, acquisition
    tp_id = ids(doc)["Trade event talk"]
    before = view.scene().cards[tp_id].scenePos()
    start = ui.card_point(view, tp_id)
    QTest.mouseMove(view.viewport(), start)
    QTest.mouseMove(view.viewport(), cell_centre(view, "Engage", "Operations"))
    assert view.scene().cards[tp_id].scenePos() == before
    assert not view.scene().drop_marker.isVisible()
    assert undo_stack.count() == 0


def test_escape_cancels_a_drag_and_the_release_drops_nothing(ui, narrow_view, acquisition,
                                                             undo_stack):
    view, doc = narrow_view, acquisition
    tp_id = ids(doc)["Trade event talk"]
    home = view.scene().cards[tp_id].scenePos()
    port = view.viewport()
    start, end = ui.card_point(view, tp_id), cell_centre(view, "Engage", "Operations")
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 6):
        QTest.mouseMove(port, start + (end - start) * (i / 5))
    assert view.scene().drop_marker.isVisible()
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not view.scene().drop_marker.isVisible()
    assert view.scene().cards[tp_id].scenePos() == home
    QTest.mouseMove(port, end + (end - start) * 0.1)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert cell_of(doc, "Trade event talk") == ("Reach", "Marketing")
    assert view.scene().cards[tp_id].scenePos() == home
    assert undo_stack.count() == 0


def test_losing_focus_mid_drag_puts_the_cards_back_and_drops_nothing(ui, view, doc, undo_stack,
                                                                    qtbot):
    from PySide6.QtWidgets import QLineEdit

    home = view.scene().cards["tp-a"].scenePos()
    port = view.viewport()
    start, end = ui.card_point(view, "tp-a"), ui.cell_point(view, "st-retain", "ln-sales")
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 6):
        QTest.mouseMove(port, start + (end - start) * (i / 5))
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    other.setFocus()
    view.clearFocus()
    assert not view.scene().drop_marker.isVisible()
    assert view.scene().cards["tp-a"].scenePos() == home
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert ui.cells(doc)["tp-a"] == ("st-reach", "ln-customer")
    assert undo_stack.count() == 0


def test_switching_maps_mid_drag_ends_the_drag(ui, view, doc, undo_stack):
    from tests.ui.conftest import build_doc

    port = view.viewport()
    start, end = ui.card_point(view, "tp-a"), ui.cell_point(view, "st-retain", "ln-sales")
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(port, end)
    old_scene = view.scene()
    other = build_doc()
    view.set_document(other, undo_stack)
    assert not old_scene.drag.active
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert ui.cells(doc)["tp-a"] == ui.cells(other)["tp-a"] == ("st-reach", "ln-customer")
    assert not view.scene().drop_marker.isVisible()


def test_a_selection_across_cells_moves_each_card_by_the_same_steps(ui, view, doc, undo_stack):
    scene = view.scene()
    scene.cards["tp-a"].setSelected(True)  # Reach x Customer
    scene.cards["tp-b"].setSelected(True)  # Engage x Sales
    ui.drag(view, ui.card_point(view, "tp-a"), ui.cell_point(view, "st-engage", "ln-sales"))
    assert ui.cells(doc)["tp-a"] == ("st-engage", "ln-sales")
    assert ui.cells(doc)["tp-b"] == ("st-retain", "ln-support")
    assert undo_stack.count() == 1
    undo_stack.undo()
    assert ui.cells(doc)["tp-a"] == ("st-reach", "ln-customer")
    assert ui.cells(doc)["tp-b"] == ("st-engage", "ln-sales")


def test_a_group_drag_past_the_last_stage_is_refused_whole(ui, view, doc, undo_stack, qtbot):
    scene = view.scene()
    scene.cards["tp-a"].setSelected(True)  # Reach
    scene.cards["tp-d"].setSelected(True)  # Retain, the last stage
    before = ui.cells(doc)
    with qtbot.waitSignal(view.message) as said:
        ui.drag(view, ui.card_point(view, "tp-a"), ui.cell_point(view, "st-engage", "ln-customer"))
    assert "past the last stage" in said.args[0] and "nothing was moved" in said.args[0]
    assert ui.cells(doc) == before
    assert undo_stack.count() == 0
    for tp_id in ("tp-a", "tp-d"):
        rect = scene.layout.card_rects[tp_id]
        assert (scene.cards[tp_id].scenePos().x(), scene.cards[tp_id].scenePos().y()) == (rect.x,
                                                                                          rect.y)


def test_the_dropped_card_stays_under_the_pointer_after_the_relayout(ui, narrow_view, acquisition):
    view, doc = narrow_view, acquisition
    for title in ("Peer recommendation", "Answer questions in industry communities",
                  "Trade event talk"):
        end = under(view, "Read practice guides")
        drag_card(ui, view, title, end)
        scene_point = view.mapToScene(end)
        rect = view.scene().card_rect(ids(doc)[title])
        assert rect.adjusted(-2, -2, 2, 2).contains(scene_point), title


def test_stage_and_lane_headers_stay_in_sight_when_the_map_is_scrolled_or_zoomed(narrow_view):
    view = narrow_view
    view.set_zoom(1.6)
    for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
        bar.setValue(bar.minimum() + (bar.maximum() - bar.minimum()) // 2)
    scene = view.scene()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.left() > 0 and visible.top() > 0  # scrolled away from the headers' home
    for header in scene.stage_headers.values():
        assert abs(header.scenePos().y() - visible.top()) < 1
    for header in scene.lane_headers.values():
        assert abs(header.scenePos().x() - visible.left()) < 1
    # What the user sees at the canvas's left and top edges are headers, not cards.
    lane_probe = view.itemAt(QPoint(20, view.viewport().height() // 2))
    stage_probe = view.itemAt(QPoint(view.viewport().width() // 2, 20))
    assert isinstance(lane_probe, LaneHeaderItem)
    assert isinstance(stage_probe, StageHeaderItem)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum())
    for kind, header in [*(("stage", h) for h in scene.stage_headers.values()),
                         *(("lane", h) for h in scene.lane_headers.values())]:
        rect = (scene.layout.stage_header_rects if kind == "stage"
                else scene.layout.lane_header_rects)[header.item_id]
        assert (header.scenePos().x(), header.scenePos().y()) == (rect.x, rect.y)
