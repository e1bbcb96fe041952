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
