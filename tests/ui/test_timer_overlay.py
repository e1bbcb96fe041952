"""The room's countdown in presentation mode: the overlay follows the timer's state machine
(idle → running → paused → running → done → reset) on a fake clock, the presets and the
shortcuts work while presenting (the menu bar is hidden then)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_window_helpers import *  # noqa: E402, F403 (fixtures)


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def test_the_overlay_follows_the_timer_while_presenting(qtbot, window):
    clock = FakeClock()
    timer = window.timer
    timer.clock = clock
    overlay = window.modes.timer_overlay
    window.timer.set_minutes(3)
    assert timer.state() == "idle" and timer.text() == "03:00"
    window.actions.presentation.trigger()
    assert window.modes.presenting and not overlay.isVisible()  # idle: nothing to show
    assert not window.menuBar().isVisible()
    # Ctrl+T starts it although the menu bar is hidden; the room sees it.
    QTest.keyClick(window.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert timer.state() == "running" and overlay.isVisible()
    assert overlay.digit_size() >= 40
    assert overlay.geometry().right() <= window.canvas.width()
    clock.now += 61.5
    timer.tick()
    assert timer.text() == "01:59"
    QTest.keyClick(window.canvas, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert timer.state() == "paused" and overlay.isVisible()
    clock.now += 3600  # a paused timer keeps its time, in the background too
    assert timer.text() == "01:59"
    timer.start()
    clock.now += 119
    with qtbot.waitSignal(timer.finished, timeout=1000):
        timer.tick()
    assert timer.state() == "done" and overlay.isVisible()
    overlay.grab()  # paints the red "Time is up" panel without error
    QTest.keyClick(window.canvas, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert timer.state() == "idle" and not overlay.isVisible()
    window.actions.presentation.trigger()
    assert not window.modes.presenting and not overlay.isVisible()


def test_presets_and_undo_work_while_presenting(qtbot, window):
    document = window.document()
    tp = document.map.touchpoints[0]
    document.update("touchpoint", tp.id, title="Changed before presenting")
    window.actions.presentation.trigger()
    QTest.keyClick(window.canvas, Qt.Key.Key_0,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert window.timer.text() == "10:00"
    QTest.keyClick(window.canvas, Qt.Key.Key_1,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert window.timer.text() == "01:00"
    QTest.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.map.touchpoint(tp.id).title != "Changed before presenting"
    QTest.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not window.modes.presenting


def test_page_down_walks_the_stages_and_escape_leaves_in_order(qtbot, window):
    canvas = window.canvas
    stages = window.document().map.stages
    canvas.set_zoom(0.8)
    canvas.horizontalScrollBar().setValue(40)
    zoom_before = canvas.zoom()
    centre_before = canvas.mapToScene(canvas.viewport().rect().center())
    window.actions.presentation.trigger()
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_PageDown)
    assert canvas.stage_focus.stage_id == stages[0].id
    QTest.keyClick(canvas, Qt.Key.Key_PageDown)
    assert canvas.stage_focus.stage_id == stages[1].id
    # The focused stage fills the view; every other stage is dimmed.
    column = canvas.scene().layout.stage_rects[stages[1].id]
    shown = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert shown.left() <= column.x and shown.right() >= column.right
    assert len(canvas.stage_focus._dims) == len(stages) - 1
    QTest.keyClick(canvas, Qt.Key.Key_PageUp)
    assert canvas.stage_focus.stage_id == stages[0].id
    # Escape: first the stage focus goes (still presenting), then presentation mode.
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert not canvas.stage_focus.active and window.modes.presenting
    assert canvas.stage_focus._dims == []
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert not window.modes.presenting
    # Back to the zoom and place the map was left at.
    qtbot.wait(150)
    assert abs(canvas.zoom() - zoom_before) < 1e-6
    centre = canvas.mapToScene(canvas.viewport().rect().center())
    assert abs(centre.x() - centre_before.x()) < 40 and abs(centre.y() - centre_before.y()) < 40


def test_a_large_map_presents_framed_on_its_first_stage(qtbot, make_window, tmp_path):
    from journeymap.storage import Workspace
    from tests.synthetic_maps import sample_map

    path = tmp_path / "big.journeymap"
    with Workspace.open(path) as workspace:
        workspace.add_map(sample_map(stages=10, lanes=6, per_cell=5, name="Big"))
    window = make_window(path, map_name_or_id="Big")
    window.actions.presentation.trigger()
    qtbot.waitUntil(lambda: window.canvas.stage_focus.active, timeout=3000)
    assert window.canvas.stage_focus.stage_id == window.document().map.stages[0].id
    assert window.canvas.zoom() >= 0.55


def test_escape_cancels_a_title_edit_before_leaving_presentation(qtbot, window):
    canvas = window.canvas
    document = window.document()
    tp = document.map.touchpoints[0]
    window.actions.presentation.trigger()
    canvas.edit_title(tp.id)
    assert canvas.editor.is_open()
    QTest.keyClicks(canvas.editor, " more")
    QTest.keyClick(canvas.editor, Qt.Key.Key_Escape)
    assert not canvas.editor.is_open() and window.modes.presenting
    assert document.map.touchpoint(tp.id).title == tp.title


def test_presentation_shapes_the_grid_to_the_screen(qtbot, window):
    canvas = window.canvas

    def covered() -> float:
        shown = canvas.mapFromScene(canvas.scene().sceneRect()).boundingRect()
        port = canvas.viewport().rect()
        part = shown.intersected(port)
        return part.width() * part.height() / (port.width() * port.height())

    window.actions.presentation.trigger()
    qtbot.wait(250)  # the full-screen size arrives with a later resize
    assert canvas.scene().metrics != type(canvas.scene().metrics)()  # the sheet fitter's
    assert covered() >= 0.75
    assert all(card.w == canvas.scene().metrics.card_w for card in canvas.scene().cards.values())
    window.actions.presentation.trigger()
    assert canvas.scene().metrics == type(canvas.scene().metrics)()  # the canvas's own again


def test_find_help_zoom_arrows_and_voting_keys_work_while_presenting(qtbot, window):
    canvas = window.canvas
    document = window.document()
    window.actions.presentation.trigger()
    qtbot.wait(200)
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.close_bar()
    canvas.setFocus()
    zoom = canvas.zoom()
    QTest.keyClick(canvas, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom() > zoom
    canvas.select_touchpoints([document.map.touchpoints[0].id], frame=False)
    QTest.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.selected_touchpoints() and \
        canvas.selected_touchpoints() != [document.map.touchpoints[0].id]
    QTest.keyClick(canvas, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.modes.voting()
    QTest.keyClick(canvas, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.modes.voting()
    QTest.keyClick(canvas, Qt.Key.Key_F1)
    box = window.modes.shortcuts_box
    assert box.isVisible()
    assert "Start or pause the timer" in box.text() and "PageDown" in box.text()
    box.close()
    assert window.modes.presenting
