"""Hiding a field from the room hides it everywhere on screen: the emotion curve goes with the
experience ratings, find does not match hidden fields, the diff's marks do not list them."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from test_window_helpers import *  # noqa: E402, F403 (fixtures)


def test_hiding_the_experience_hides_the_emotion_curve(window):
    emotion = window.canvas.scene().emotion
    assert emotion.isVisible()
    window.actions.hide["experience"].trigger()
    assert not emotion.isVisible()
    window.actions.hide["experience"].trigger()
    assert emotion.isVisible()


def test_find_does_not_match_a_hidden_owner(window):
    document = window.document()
    tp = document.map.touchpoints[0]
    document.update("touchpoint", tp.id, owner="Zebulon Quist")
    assert window.canvas.find("zebulon") == [tp.id]
    window.actions.hide["owner"].trigger()
    assert window.canvas.find("zebulon") == []


def test_the_diff_marks_leave_out_hidden_fields(qtbot, window):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.versions.snapshot("before")
    document.update("touchpoint", tp.id, experience=-2 if tp.experience != -2 else 2)
    panel = window.versions_panel
    panel.list.topLevelItem(0).setSelected(True)
    window.versions.compare_with_version(panel.selected_version())
    assert [i.toolTip() for i in window.versions.overlay().items("changed")]
    window.actions.hide["experience"].trigger()  # redrawn as the room sees it
    assert window.versions.overlay().items("changed") == []


def test_an_export_as_shown_in_the_room_leaves_the_hidden_fields_out(window, tmp_path):
    import json

    document = window.document()
    tp = document.map.touchpoints[0]
    document.update("touchpoint", tp.id, owner="Zebulon Quist")
    window.actions.hide["owner"].trigger()
    whole, shown = tmp_path / "whole.json", tmp_path / "shown.json"
    assert window.transfer.export_map("json", whole)
    window.actions.as_shown.trigger()
    assert window.transfer.export_map("json", shown)
    assert "Zebulon Quist" in whole.read_text(encoding="utf-8")
    data = json.loads(shown.read_text(encoding="utf-8"))
    assert all(card["owner"] == "" for card in data["map"]["touchpoints"])
    assert document.map.touchpoint(tp.id).owner == "Zebulon Quist"  # the map is untouched
