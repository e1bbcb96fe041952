"""Backups (daily, manual, before-migration, before-restore), retention, restore, migrations."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from journeymap.document import Document
from journeymap.errors import NotFoundError, ValidationError, WorkspaceError
from journeymap.model import Map
from journeymap.storage import Autosave, Workspace, migrations

NAME = re.compile(r"^\d{8}T\d{6}\.\d{6}Z-[a-z-]+\.journeymap$")


@pytest.fixture
def path(tmp_path):
    return tmp_path / "work.journeymap"


def reasons(ws) -> list[str]:
    return [b.reason for b in ws.backups()]


def fake_daily(path, days_ago: int) -> None:
    """Put an older daily backup in place (a copy of the workspace, named days ago)."""
    folder = path.with_name("work.backups")
    folder.mkdir(exist_ok=True)
    moment = datetime.now(UTC) - timedelta(days=days_ago)
    shutil.copyfile(path, folder / f"{moment:%Y%m%dT%H%M%S.%fZ}-daily.journeymap")


def test_backups_live_beside_the_workspace_named_by_time_and_reason(path):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-1", name="One"))
        first = ws.backup_now("manual")
        second = ws.backup_now("manual")
        assert first.path.parent == path.parent / "work.backups"
        assert NAME.match(first.name) and first.reason == "manual" and first.size > 0
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", first.created)
        assert [b.name for b in ws.backups()] == [second.name, first.name]  # newest first
        assert second.name > first.name
    with Workspace.open(first.path, readonly=True) as copy:  # a backup is a workspace
        assert [m.id for m in copy.list_maps()] == ["map-1"]


def test_backup_reasons_must_be_simple_words(path):
    with Workspace.open(path) as ws, pytest.raises(ValidationError):
        ws.backup_now("../escape")


def test_a_new_workspace_gets_no_backup_and_the_next_open_makes_one_daily(path):
    with Workspace.open(path) as ws:
        assert ws.backups() == []
    with Workspace.open(path) as ws:
        assert reasons(ws) == ["daily"]
    with Workspace.open(path) as ws:
        assert reasons(ws) == ["daily"]  # at most one per UTC day


def test_yesterdays_daily_backup_does_not_count_for_today(path):
    Workspace.open(path).close()
    fake_daily(path, days_ago=1)
    with Workspace.open(path) as ws:
        assert reasons(ws) == ["daily", "daily"]


def test_retention_keeps_seven_daily_and_five_other_backups(path):
    Workspace.open(path).close()
    for days_ago in range(1, 10):
        fake_daily(path, days_ago)
    with Workspace.open(path) as ws:
        for _ in range(7):
            ws.backup_now("manual")
        kept = ws.backups()
    daily = [b for b in kept if b.reason == "daily"]
    assert len(daily) == 7 and len(kept) == 12
    assert daily[0].created[:10] == datetime.now(UTC).strftime("%Y-%m-%d")


def test_restore_brings_back_the_backup_and_keeps_a_safety_copy(path, small_doc):
    with Workspace.open(path) as ws:
        doc = Autosave(ws, on_failed=pytest.fail).follow(Document(ws.add_map(small_doc.map)))
        ws.save_comparison(doc.map.id, {"cases": 1})
        saved = ws.backup_now("manual")
        doc.update("touchpoint", doc.map.touchpoints[0].id, title="After the backup")
        ws.add_map(Map(id="map-later", name="Later"))

        safety = ws.restore(saved.name)
        assert safety.reason == "before-restore"
        assert [m.id for m in ws.list_maps()] == ["map-test"]
        assert ws.load_map("map-test") == small_doc.map
        assert [c["result"] for c in ws.comparisons("map-test")] == [{"cases": 1}]

        ws.restore(safety.name)  # and back again
        assert {m.id for m in ws.list_maps()} == {"map-test", "map-later"}
        assert ws.load_map("map-test").touchpoints[0].title == "After the backup"


def test_restore_forgets_documents_and_autosave_works_for_reloaded_ones(path, small_doc):
    with Workspace.open(path) as ws:
        autosave = Autosave(ws, on_failed=pytest.fail)
        stale = autosave.follow(Document(ws.add_map(small_doc.map)))
        saved = ws.backup_now("manual")
        ws.restore(saved.name)
        stale.set_map_fields(goal="edited in a document from before the restore")
        assert ws.load_map("map-test").goal == ""
        assert autosave.all_saved  # a forgotten document's edits are not waiting to be saved
        doc = autosave.follow(Document(ws.load_map("map-test")))
        doc.move_touchpoints([doc.map.touchpoints[0].id], doc.map.stages[2].id, doc.map.lanes[1].id)
        assert ws.load_map("map-test") == doc.map


def test_restore_of_an_unknown_backup_changes_nothing(path):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-1", name="One"))
        with pytest.raises(NotFoundError, match="no backup named"):
            ws.restore("../work.journeymap")
        assert ws.backups() == []
        assert [m.id for m in ws.list_maps()] == ["map-1"]


def test_the_oldest_kept_backup_can_still_be_restored(path):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-1", name="One"))
        oldest = ws.backup_now("manual")
        for _ in range(4):
            ws.backup_now("manual")
        ws.restore(oldest.name)  # its safety backup must not prune it first
        assert [m.id for m in ws.list_maps()] == ["map-1"]


# -- migrations --------------------------------------------------------------------------------
NOW = migrations.current_version()  # the schema before a test adds one more step


def add_extra_column(conn) -> None:
    conn.exec_driver_sql("ALTER TABLE maps ADD COLUMN extra TEXT DEFAULT 'x'")


def test_an_older_schema_is_backed_up_then_upgraded(path, monkeypatch):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-1", name="One"))
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, add_extra_column])
    with pytest.raises(WorkspaceError, match="older Journeymap"):
        Workspace.open(path, readonly=True)  # readers never upgrade
    with Workspace.open(path) as ws:
        backups = ws.backups()
        assert [m.id for m in ws.list_maps()] == ["map-1"]
    assert [b.reason for b in backups] == ["daily", "before-migration"]
    version = "PRAGMA user_version"
    assert sqlite3.connect(path).execute(version).fetchone()[0] == NOW + 1
    assert sqlite3.connect(backups[1].path).execute(version).fetchone()[0] == NOW
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(maps)")]
    assert "extra" in columns


def test_a_failed_upgrade_leaves_the_file_at_its_old_schema(path, monkeypatch):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-1", name="One"))

    def broken(conn):
        add_extra_column(conn)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(WorkspaceError, match=f"could not be upgraded from schema {NOW} to {NOW + 1}"):
        Workspace.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == NOW
    assert "extra" not in [row[1] for row in conn.execute("PRAGMA table_info(maps)")]
    conn.close()
    assert not path.with_name("work.journeymap.lock").exists()


def test_restoring_an_older_backup_upgrades_the_copy_not_the_backup(path, monkeypatch):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-old", name="Old"))
        old = ws.backup_now("manual")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, add_extra_column])
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-new", name="New"))
        ws.restore(old.name)
        assert [m.id for m in ws.list_maps()] == ["map-old"]
    assert sqlite3.connect(old.path).execute("PRAGMA user_version").fetchone()[0] == NOW
