"""View behaviour: overview, panning, link target feedback, crash-free map switching."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from journeymap.document import Document
from journeymap.model import Map


def big_doc(cards: int = 120) -> Document:
    doc = Document(Map(id="map-big", name="Big"))
    stages = [doc.add_stage(f"S{i}") for i in range(8)]
    lanes = [doc.add_lane(f"L{i}") for i in range(5)]
    for i in range(cards):
        doc.add_touchpoint(stages[i % 8].id, lanes[(i // 8) % 5].id, f"Card {i}")
    return doc


def test_the_overview_appears_for_a_large_map_and_a_click_jumps_there(view, qtbot):
    view.set_overview_enabled(True)
    view.set_document(big_doc(), QUndoStack(view))
    view.set_zoom(1.5)
    overview = view.overview()
    assert overview is not None and overview.isVisible()
    before = view.mapToScene(view.viewport().rect().center())
    corner = overview.rect().bottomRight() - QPoint(3, 3)
    QTest.mouseClick(overview, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() > before.x() and after.y() > before.y()
    view.fit_to_window()
    assert not overview.isVisible()


def test_middle_button_drag_pans_the_view(view):
    view.set_document(big_doc(), QUndoStack(view))
    view.set_zoom(2.0)
    bar = view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    start = bar.value()
    port = view.viewport()
    centre = port.rect().center()
    QTest.mousePress(port, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.mouseMove(port, centre + QPoint(-150, 0))
    QTest.mouseRelease(port, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier,
                       centre + QPoint(-150, 0))
    assert bar.value() == start + 150


def test_space_and_left_drag_pans_instead_of_moving_a_card(ui, view, doc, undo_stack):
    view.set_zoom(2.0)
    view.centerOn(view.scene().card_rect("tp-c").center())
    QApplication.processEvents()  # let the view settle its scroll range after the zoom
    QTest.keyPress(view, Qt.Key.Key_Space)
    bar = view.verticalScrollBar()
    start = bar.value()
    ui.drag(view, ui.card_point(view, "tp-c"), ui.card_point(view, "tp-c") + QPoint(0, -60))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert undo_stack.count() == 0
    assert bar.value() == start + 60


def test_drawing_a_link_highlights_the_card_under_the_mouse(ui, view):
    port = view.viewport()
    handle = ui.card_point(view, "tp-a", 1.0, 0.5)
    QTest.mouseMove(port, handle)
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, handle)
    QTest.mouseMove(port, ui.card_point(view, "tp-e"))
    assert view.scene().cards["tp-e"]._link_target
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       ui.card_point(view, "tp-e"))
    assert not view.scene().cards["tp-e"]._link_target


def test_dragged_links_follow_the_card_before_the_drop(ui, view):
    link = view.scene().links["cn-ab"]
    before = link.route
    port = view.viewport()
    start = ui.card_point(view, "tp-a")
    QTest.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(port, start + QPoint(0, 40))
    assert link.route != before
    assert view.scene().drop_marker.isVisible()
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(0, 40))
    assert not view.scene().drop_marker.isVisible()


def test_switching_maps_repeatedly_and_repainting_does_not_crash(view, qtbot):
    for i in range(5):
        view.set_document(big_doc(20 + i), QUndoStack(view))
        view.viewport().repaint()
        qtbot.wait(1)
    assert len(view.scene().cards) == 24


def test_undo_of_a_drop_restores_positions_exactly(ui, view, doc, undo_stack):
    homes = {tp_id: card.scenePos() for tp_id, card in view.scene().cards.items()}
    ui.drag(view, ui.card_point(view, "tp-a"), ui.cell_point(view, "st-engage", "ln-sales", 0.5, 0.95))
    undo_stack.undo()
    assert {tp_id: card.scenePos() for tp_id, card in view.scene().cards.items()} == homes


def test_hover_shows_the_handle_without_errors(ui, view):
    QTest.mouseMove(view.viewport(), ui.card_point(view, "tp-b"))
    assert view.scene().cards["tp-b"]._hover
    view.viewport().repaint()
    QTest.mouseMove(view.viewport(), view.mapFromScene(QPointF(-30, -30)))
    assert not view.scene().cards["tp-b"]._hover


def test_a_touchpad_pinch_zooms(view):
    from PySide6.QtGui import QNativeGestureEvent, QPointingDevice

    centre = QPointF(view.viewport().rect().center())
    event = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture,
                                QPointingDevice.primaryPointingDevice(), 2, centre, centre,
                                QPointF(view.viewport().mapToGlobal(centre.toPoint())), 0.25,
                                QPointF(), 0)
    QApplication.sendEvent(view.viewport(), event)
    assert abs(view.zoom() - 1.25) < 1e-6


def test_an_explicit_theme_is_kept_when_the_system_scheme_changes(view):
    view.set_theme(dark=True)
    view._follow_system_theme()
    assert view.scene().style.theme.dark
