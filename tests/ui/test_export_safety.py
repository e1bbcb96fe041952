"""The editor's export refuses what the command line refuses, through the same writer."""

from __future__ import annotations

import hashlib

from test_window_helpers import *  # noqa: F403 (fixtures)


def test_exporting_over_the_open_workspace_is_refused_and_changes_nothing(window, dialogs):
    workspace = window.session.path
    before = hashlib.sha256(workspace.read_bytes()).hexdigest()
    dialogs.save_path = workspace
    window.actions.exports["json"].trigger()
    assert dialogs.messages and dialogs.messages[0][0] == "error"
    assert "refusing to write" in dialogs.messages[0][2] and "workspace" in dialogs.messages[0][2]
    assert hashlib.sha256(workspace.read_bytes()).hexdigest() == before


def test_an_editor_export_leaves_no_temporary_file(window, dialogs, tmp_path):
    dialogs.save_path = tmp_path / "out" / "map.csv"
    dialogs.save_path.parent.mkdir()
    window.actions.exports["csv"].trigger()
    assert not dialogs.messages
    assert [p.name for p in dialogs.save_path.parent.iterdir()] == ["map.csv"]
