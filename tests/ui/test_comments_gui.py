"""Comments in the editor: a comment on the selected card (badge on the canvas, row in the
panel that frames the card), on the map, resolving, undo, and read-only versions."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_window_helpers import *  # noqa: E402, F403 (fixtures)

from journeymap.storage import Workspace  # noqa: E402


def test_comment_on_the_selected_card_badges_it_and_is_saved(qtbot, window):
    document = window.document()
    tp = document.map.touchpoints[2]
    window.canvas.select_touchpoints([tp.id], frame=True)
    panel = window.comments
    window.comments_dock.show()
    window.comments_dock.raise_()
    assert "On the card" in panel.target.text()
    panel.text.setFocus()
    QTest.keyClicks(panel.text, "Ask finance about the letter")
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert [c.text for c in document.map.comments] == ["Ask finance about the letter"]
    assert document.map.comments[0].touchpoint == tp.id
    assert window.canvas.scene().open_comments(tp.id) == 1
    assert panel.list.topLevelItemCount() == 1
    with Workspace.open(window.session.path, readonly=True) as reader:
        stored = reader.load_map(window.current_id)
    assert [c.text for c in stored.comments] == ["Ask finance about the letter"]
    # A row frames its card; Resolve clears the badge; Undo brings it back.
    window.canvas.select_touchpoints([], frame=False)
    row = panel.list.topLevelItem(0)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(row).center())
    assert window.canvas.selected_touchpoints() == [tp.id]
    qtbot.mouseClick(panel.resolve, Qt.MouseButton.LeftButton)
    assert document.map.comments[0].resolved
    assert window.canvas.scene().open_comments(tp.id) == 0
    window.actions.undo.trigger()
    assert not document.map.comments[0].resolved
    assert window.canvas.scene().open_comments(tp.id) == 1


def test_comment_on_the_map_when_no_card_is_selected(qtbot, window):
    panel = window.comments
    window.canvas.select_touchpoints([], frame=False)
    panel.text.setPlainText("The journey misses the renewal call")
    assert panel.add_comment() is not None
    assert window.document().map.comments[-1].touchpoint is None
    assert "the map" in panel.list.topLevelItem(0).text(0)
    panel.text.setPlainText("   ")
    assert panel.add_comment() is None
    assert "needs some text" in window.statusBar().currentMessage()
