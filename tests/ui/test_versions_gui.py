"""Versions in the editor: the Versions panel (snapshot, list, open read-only, to-be,
delete and undo), and a diff drawn on the canvas with its change list."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_window_helpers import *  # noqa: E402, F403 (fixtures)

from journeymap.errors import WorkspaceError  # noqa: E402
from journeymap.storage import Workspace  # noqa: E402


@pytest.fixture
def answers(monkeypatch):
    """What the text and choice dialogs answer (a list, consumed in order)."""
    from ui.main_window import MainWindow

    given = {"text": [], "choose": [], "asked": []}

    def text_dialog(parent, title, label, text=""):
        given["asked"].append((title, text))
        return given["text"].pop(0) if given["text"] else None

    def choose_dialog(parent, title, label, choices):
        given["asked"].append((title, list(choices)))
        pick = given["choose"].pop(0) if given["choose"] else None
        return pick(choices) if callable(pick) else pick

    monkeypatch.setattr(MainWindow, "text_dialog", staticmethod(text_dialog))
    monkeypatch.setattr(MainWindow, "choose_dialog", staticmethod(choose_dialog))
    return given


def snapshot_by_typing(qtbot, window, label: str) -> None:
    panel = window.versions_panel
    window.versions_dock.show()
    window.versions_dock.raise_()
    qtbot.waitUntil(panel.label_edit.isVisible)
    panel.label_edit.setFocus()
    QTest.keyClicks(panel.label_edit, label)
    QTest.keyClick(panel.label_edit, Qt.Key.Key_Return)


def listed(window) -> list[str]:
    tree = window.versions_panel.list
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_snapshot_from_the_panel_lists_the_version_and_stores_it(qtbot, window):
    map_id = window.current_id
    snapshot_by_typing(qtbot, window, "as-is")
    assert listed(window) == ["as-is"]
    with Workspace.open(window.session.path, readonly=True) as reader:
        versions = reader.versions(map_id)
    assert [v.label for v in versions] == ["as-is"]
    # Unchanged: a second snapshot names the same version, the list stays one row.
    click(qtbot, window.versions_panel.snapshot_button)
    assert listed(window) == ["as-is"]
    assert "Nothing changed" in window.statusBar().currentMessage()


def test_a_version_opens_read_only_and_refuses_edits(qtbot, window):
    document = window.document()
    original = document.map.touchpoints[0].title
    snapshot_by_typing(qtbot, window, "before")
    document.update("touchpoint", document.map.touchpoints[0].id, title="Edited after")
    window.versions_panel.list.topLevelItem(0).setSelected(True)
    click(qtbot, window.versions_panel.buttons["open"])
    shown = window.document()
    assert shown is not document
    assert shown.map.touchpoints[0].title == original
    assert "version, read-only" in window.windowTitle()
    with pytest.raises(WorkspaceError, match="read-only"):
        shown.update("touchpoint", shown.map.touchpoints[0].id, title="Nope")
    # The versions of its map are still listed, this one selected.
    assert window.versions_panel.selected_version() is not None


def test_start_a_to_be_keeps_ids_and_delete_is_undoable(qtbot, window, answers):
    document = window.document()
    ids = [t.id for t in document.map.touchpoints]
    snapshot_by_typing(qtbot, window, "as-is")
    panel = window.versions_panel
    panel.list.topLevelItem(0).setSelected(True)
    answers["text"].append("Acquisition to-be")
    click(qtbot, panel.buttons["to_be"])
    to_be = window.document()
    assert to_be.map.name == "Acquisition to-be" and to_be is not document
    assert [t.id for t in to_be.map.touchpoints] == ids
    window.open_map(document.map.name)
    panel.list.topLevelItem(0).setSelected(True)
    click(qtbot, panel.buttons["delete"])
    assert listed(window) == []
    assert panel.undo_button.isVisible()
    click(qtbot, panel.undo_button)
    assert listed(window) == ["as-is"]


def test_compare_with_a_version_marks_the_canvas_and_lists_the_changes(qtbot, window):
    document = window.document()
    m = document.map
    snapshot_by_typing(qtbot, window, "as-is")
    moved, changed, removed = m.touchpoints[0], m.touchpoints[1], m.touchpoints[2]
    removed_title = removed.title
    target = next(s for s in m.stages if s.id != moved.stage)
    document.move_touchpoints([moved.id], target.id, moved.lane)
    document.update("touchpoint", changed.id, kpi="Reply within a day")
    document.remove_touchpoints([removed.id])
    added = document.add_touchpoint(m.stages[0].id, m.lanes[0].id, "Brand new step")
    panel = window.versions_panel
    panel.list.topLevelItem(0).setSelected(True)
    click(qtbot, panel.buttons["compare"])
    overlay = window.versions.overlay()
    assert overlay is not None
    kinds = {item.kind for item in overlay.items()}
    assert {"added", "moved", "moved_arrow", "changed", "removed"} <= kinds
    ghost = overlay.items("removed")[0]
    assert ghost.title == removed_title
    badge = overlay.items("changed")[0]
    assert "kpi" in badge.toolTip()
    rows = [panel.changes.topLevelItem(i) for i in range(panel.changes.topLevelItemCount())]
    by_kind = {row.text(0): row for row in rows}
    assert by_kind["added"].text(1) == "Brand new step"
    assert by_kind["removed"].text(1) == removed_title
    # A row selects and frames its card.
    rect = panel.changes.visualItemRect(by_kind["added"])
    qtbot.mouseClick(panel.changes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.canvas.selected_touchpoints() == [added.id]
    # The overlay follows edits of the map on screen, and changes nothing itself.
    document.update("touchpoint", added.id, title="Renamed new step")
    qtbot.waitUntil(lambda: any(panel.changes.topLevelItem(i).text(1) == "Renamed new step"
                                for i in range(panel.changes.topLevelItemCount())))
    click(qtbot, panel.clear_button)
    assert window.versions.overlay() is None and panel.changes.topLevelItemCount() == 0


def test_compare_with_another_map_from_the_journey_menu(qtbot, window, answers):
    document = window.document()
    answers["choose"].append(lambda choices: next(
        i for i, text in enumerate(choices) if "(map," in text))
    window.actions.diff.trigger()
    assert answers["asked"] and answers["asked"][-1][0] == "Compare with version or map"
    diff = window.versions.current_diff()
    assert diff is not None and diff.new_name == document.map.name
    assert window.versions_panel.changes.topLevelItemCount() > 0


def test_deleting_a_map_and_restoring_it_brings_its_versions_back(qtbot, window):
    map_id = window.current_id
    snapshot_by_typing(qtbot, window, "kept")
    assert window.maps.delete_map(map_id)
    window.maps.restore_deleted_map()
    with Workspace.open(window.session.path, readonly=True) as reader:
        restored = reader.find_map(window.document().map.name)
        assert [v.label for v in reader.versions(restored.id)] == ["kept"]
