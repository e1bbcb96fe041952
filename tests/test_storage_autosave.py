"""The one autosave path (journeymap.storage.Autosave), without Qt: failed saves are kept and
retried, "saved" is reported only when nothing waits, read-only documents refuse every edit,
and a kill in the middle of a save leaves the file as it was before that save."""

from __future__ import annotations

import copy
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.document import Document
from journeymap.errors import ValidationError, WorkspaceError
from journeymap.model import Map
from journeymap.storage import Autosave, Workspace, change_writes
from journeymap.storage.autosave import READ_ONLY

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def path(any_workspace):
    """A workspace file, then a server's database: the autosave behaves alike on both."""
    return any_workspace


@pytest.fixture
def file_path(tmp_path):
    return tmp_path / "work.journeymap"


class Reports(list):
    """What the autosave reported, in order: "saved" or the failure's sentence."""

    def saved(self) -> None:
        self.append("saved")


def failing_disk(monkeypatch, only_map: str | None = None) -> None:
    """Saves write their rows, then SQLite reports a full disk, so the transaction rolls back."""
    real_write = change_writes.write

    def write_then_fail(conn, m, *args):
        plans = real_write(conn, m, *args)
        if only_map is None or m.id == only_map:
            raise sqlite3.OperationalError("database or disk is full")
        return plans

    monkeypatch.setattr(change_writes, "write", write_then_fail)


def autosaving(ws: Workspace, reports: Reports) -> Autosave:
    return Autosave(ws, on_saved=reports.saved, on_failed=reports.append)


def test_a_failed_save_is_kept_and_lands_with_the_next_change(path, small_doc, monkeypatch):
    with Workspace.open(path) as ws:
        reports = Reports()
        autosave = autosaving(ws, reports)
        doc = autosave.follow(Document(ws.add_map(small_doc.map)))
        with monkeypatch.context() as patch:
            failing_disk(patch)
            doc.set_map_fields(version="5")
        assert doc.map.version == "5"  # the edit itself stands
        assert ws.load_map(doc.map.id).version == ""  # the failed transaction left nothing
        assert not autosave.all_saved
        doc.set_map_fields(date="2027-01")
        assert autosave.all_saved
        stored = ws.load_map(doc.map.id)
        assert (stored.version, stored.date) == ("5", "2027-01")
        assert len(reports) == 2 and "database or disk is full" in reports[0]
        assert reports[0].startswith("Could not save the changes to map 'Small journey'")
        assert reports[1] == "saved"
    with Workspace.open(path, readonly=True) as reader:  # in the file, not just a cache
        assert reader.load_map(doc.map.id) == doc.map


def test_retry_writes_what_failed_without_another_edit(path, small_doc, monkeypatch):
    with Workspace.open(path) as ws:
        reports = Reports()
        autosave = autosaving(ws, reports)
        doc = autosave.follow(Document(ws.add_map(small_doc.map)))
        first, last = doc.map.touchpoints[0], doc.map.touchpoints[-1]
        with monkeypatch.context() as patch:
            failing_disk(patch)
            doc.move_touchpoints([first.id], last.stage, last.lane)
            doc.remove("role", doc.map.roles[0].id)
            assert autosave.retry() is False  # the disk is still full: still waiting
        assert len(reports) == 3 and "saved" not in reports
        assert autosave.retry() is True
        assert reports[-1] == "saved"
        assert ws.load_map(doc.map.id) == doc.map
        assert autosave.retry() is True and len(reports) == 4  # nothing waited: no report


def test_nothing_is_reported_saved_while_another_map_waits(path, small_doc, monkeypatch):
    with Workspace.open(path) as ws:
        reports = Reports()
        autosave = autosaving(ws, reports)
        first = autosave.follow(Document(ws.add_map(small_doc.map)))
        second = autosave.follow(Document(ws.add_map(Map(id="map-two", name="Two"))))
        with monkeypatch.context() as patch:
            failing_disk(patch, only_map=first.map.id)
            first.set_map_fields(goal="waits")
            second.set_map_fields(goal="lands")
            assert ws.load_map("map-two").goal == "lands"
            assert not autosave.all_saved
            assert "saved" not in reports  # the second map saved, but the first still waits
            assert len(reports) == 1 and "Small journey" in reports[0]
        second.set_map_fields(version="2")  # saved, but the first map's change still waits
        assert not autosave.all_saved and len(reports) == 1  # no "saved" report
        first.set_map_fields(version="3")  # its next change writes both
        assert autosave.all_saved and reports[-1] == "saved"
        stored = ws.load_map(first.map.id)
        assert (stored.goal, stored.version) == ("waits", "3")


def test_a_forgotten_documents_failed_changes_no_longer_count(path, small_doc, monkeypatch):
    with Workspace.open(path) as ws:
        reports = Reports()
        autosave = autosaving(ws, reports)
        doc = autosave.follow(Document(ws.add_map(small_doc.map)))
        with monkeypatch.context() as patch:
            failing_disk(patch)
            doc.set_map_fields(goal="lost with the map")
        autosave.forget(doc)
        assert autosave.all_saved
        doc.set_map_fields(goal="not listened to")
        assert len(reports) == 1 and ws.load_map(doc.map.id).goal == ""


def test_a_read_only_workspace_refuses_every_edit_whole(file_path, small_doc):
    path = file_path
    with Workspace.open(path) as ws:
        ws.add_map(small_doc.map)
    before = path.read_bytes()
    with Workspace.open(path, readonly=True) as reader:
        reports = Reports()
        doc = autosaving(reader, reports).follow(Document(reader.load_map("map-test")))
        announced = []
        doc.changed.connect(announced.append)
        original = copy.deepcopy(doc.map)
        tp = doc.map.touchpoints[0]
        stage, lane = doc.map.stages[-1].id, doc.map.lanes[-1].id
        edits = [
            lambda: doc.set_map_fields(goal="x"),
            lambda: doc.add_stage("Later"),
            lambda: doc.add_touchpoint(stage, lane, "New card"),
            lambda: doc.update("touchpoint", tp.id, title="Retitled"),
            lambda: doc.move_touchpoints([tp.id], stage, lane),
            lambda: doc.remove_touchpoints([tp.id]),
            lambda: doc.remove("role", doc.map.roles[0].id),
            lambda: doc.batch("Several", lambda s: (s.add_stage("A"), s.add_lane("B"))),
        ]
        for edit in edits:
            with pytest.raises(WorkspaceError) as refused:
                edit()
            assert str(refused.value) == READ_ONLY
            assert doc.map == original
        assert doc.undo_stack == [] and announced == [] and reports == []
        with pytest.raises(ValidationError):  # a bad value is still told as such first
            doc.update("touchpoint", tp.id, title="   ")
    assert path.read_bytes() == before


KILLED_MID_SAVE = """
import os, signal, sys
from pathlib import Path
from journeymap.document import Document
from journeymap.storage import Autosave, Workspace, change_writes

ws = Workspace.open(Path(sys.argv[1]))
doc = Autosave(ws, on_failed=sys.exit).follow(Document(ws.load_map("map-test")))
doc.set_map_fields(goal="saved before the kill")
real_write = change_writes.write

def write_then_die(*args):
    real_write(*args)  # every row of the edit is written, the transaction not committed
    os.kill(os.getpid(), signal.SIGKILL)

change_writes.write = write_then_die
doc.batch("Rework", lambda s: (s.remove_touchpoints([s.map.touchpoints[0].id]),
                               s.add_stage("Killed"), s.set_map_fields(goal="never saved")))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_kill_in_the_middle_of_a_save_leaves_the_workspace_as_before(file_path, small_doc):
    path = file_path
    with Workspace.open(path) as ws:
        ws.add_map(small_doc.map)
    child = subprocess.run(
        [sys.executable, "-c", KILLED_MID_SAVE, str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    expected = copy.deepcopy(small_doc.map)
    expected.goal = "saved before the kill"
    with Workspace.open(path, readonly=True) as reader:  # before a writer recovers the file
        assert reader.load_map("map-test") == expected
    with Workspace.open(path) as ws:  # takes over the dead writer's lock
        assert ws.damage is None
        assert ws.load_map("map-test") == expected
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
