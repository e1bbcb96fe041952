"""Opening a map builds its canvas scene once: not first for another map, not again for
the map already on screen, and not again for the window's theme and hidden-field setup."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from test_window_helpers import *  # noqa: F403 (fixtures)

from journeymap.storage import Workspace
from ui.canvas.scene import JourneyScene


@pytest.fixture
def built(monkeypatch):
    """The document names of every JourneyScene built, in order."""
    names = []
    original = JourneyScene.__init__

    def init(self, document, *args, **kwargs):
        names.append(document.map.name)
        original(self, document, *args, **kwargs)

    monkeypatch.setattr(JourneyScene, "__init__", init)
    return names


@pytest.fixture
def new_window(qtbot, dialogs, settings):
    from ui.main_window import MainWindow

    made = []

    def make(path, **kwargs):
        window = MainWindow(path, settings=settings, sample_if_missing=False, **kwargs)
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def other_map_name(path) -> str:
    with Workspace.open(path, readonly=True) as ws:
        return ws.list_maps()[-1].name


def test_opening_a_map_before_showing_the_window_builds_only_that_map(
        new_window, sample_copy, built, qtbot):
    wanted = other_map_name(sample_copy)
    window = new_window(sample_copy)
    window.open_map(wanted)
    window.show()
    qtbot.waitExposed(window)
    assert built == [wanted]
    assert window.document().map.name == wanted


def test_a_window_shown_without_a_request_opens_its_first_map_once(
        new_window, sample_copy, built, qtbot):
    window = new_window(sample_copy)
    assert built == []
    window.show()
    qtbot.waitExposed(window)
    assert len(built) == 1
    assert window.document().map.name == built[0]


def test_opening_the_map_on_screen_again_keeps_its_scene(new_window, sample_copy, built, qtbot):
    wanted = other_map_name(sample_copy)
    window = new_window(sample_copy, map_name_or_id=wanted)
    scene = window.canvas.scene()
    window.open_map(wanted)
    window.show()
    qtbot.waitExposed(window)
    assert built == [wanted]
    assert window.canvas.scene() is scene
