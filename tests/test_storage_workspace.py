"""The workspace API: maps, finding by name or id, autosave details, comparisons, readers."""

from __future__ import annotations

import re
import sqlite3

import pytest

from journeymap.document import Document
from journeymap.errors import AmbiguousNameError, NotFoundError, ValidationError, WorkspaceError
from journeymap.model import Map
from journeymap.storage import SCHEMA_VERSION, Autosave, MapSummary, Workspace
from journeymap.storage import codec as storage_codec

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def path(tmp_path):
    return tmp_path / "work.journeymap"


def stored_positions(path, table="touchpoints") -> dict[str, int]:
    """Read positions straight from the file, as another program would."""
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute(f"SELECT id, pos FROM {table}").fetchall())
    finally:
        conn.close()


def test_writer_creates_the_file_and_its_folder_at_the_current_schema(tmp_path):
    path = tmp_path / "new" / "deeper" / "work.journeymap"
    with Workspace.open(path) as ws:
        assert ws.path == path and not ws.readonly
        assert ws.list_maps() == []
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_list_maps_is_ordered_by_name_then_id_with_counts_and_utc_time(path, small_doc):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-b", name="Beta"))
        ws.add_map(Map(id="map-z", name="Alpha"))
        ws.add_map(Map(id="map-a", name="Alpha"))
        ws.add_map(small_doc.map)
        summaries = ws.list_maps()
    assert [(s.name, s.id) for s in summaries] == [
        ("Alpha", "map-a"),
        ("Alpha", "map-z"),
        ("Beta", "map-b"),
        ("Small journey", "map-test"),
    ]
    assert summaries[-1].touchpoints == len(small_doc.map.touchpoints) == 5
    assert all(ISO_UTC.match(s.updated) for s in summaries)


def test_find_map_prefers_an_exact_id_then_an_exact_name(path):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-1", name="Onboarding"))
        ws.add_map(Map(id="Onboarding", name="Other"))  # an id equal to another map's name
        assert ws.find_map("Onboarding").id == "Onboarding"
        assert ws.find_map("Other") == MapSummary(
            "Onboarding", "Other", 0, ws.find_map("Other").updated
        )
        assert ws.find_map("map-1").name == "Onboarding"


def test_find_map_with_a_shared_name_lists_every_id(path):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-1", name="Renewal"))
        ws.add_map(Map(id="map-2", name="Renewal"))
        with pytest.raises(AmbiguousNameError, match=r"map-1, map-2"):
            ws.find_map("Renewal")
        with pytest.raises(NotFoundError, match="renewal"):
            ws.find_map("renewal")  # exact names only


def test_load_map_of_an_unknown_id_is_not_found(path):
    with Workspace.open(path) as ws, pytest.raises(NotFoundError, match="map-x"):
        ws.load_map("map-x")


def test_delete_map_removes_its_items_and_comparisons(path, small_doc):
    with Workspace.open(path) as ws:
        ws.add_map(small_doc.map)
        other = ws.add_map(Map(id="map-keep", name="Keep"))
        ws.save_comparison("map-test", {"cases": 3})
        ws.delete_map("map-test")
        assert [s.id for s in ws.list_maps()] == [other.id]
        with pytest.raises(NotFoundError):
            ws.delete_map("map-test")
    conn = sqlite3.connect(path)
    for table in ("touchpoints", "connections", "stages", "lanes", "roles", "comparisons"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    conn.close()


def test_rename_map_changes_the_name_and_refuses_an_empty_one(path, monkeypatch):
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-1", name="Old"))
        monkeypatch.setattr(storage_codec, "utc_now", lambda: "2030-01-02T03:04:05Z")
        ws.rename_map("map-1", "  New name ")
        assert ws.find_map("map-1").name == "New name"
        assert ws.find_map("map-1").updated == "2030-01-02T03:04:05Z"
        with pytest.raises(ValidationError):
            ws.rename_map("map-1", "   ")
        with pytest.raises(NotFoundError):
            ws.rename_map("map-none", "X")


def test_an_autosaved_edit_bumps_the_maps_updated_time(path, small_doc, monkeypatch):
    with Workspace.open(path) as ws:
        doc = Autosave(ws, on_failed=pytest.fail).follow(Document(ws.add_map(small_doc.map)))
        monkeypatch.setattr(storage_codec, "utc_now", lambda: "2031-05-06T07:08:09Z")
        doc.update("touchpoint", doc.map.touchpoints[0].id, title="Sees a poster")
        assert ws.find_map(doc.map.id).updated == "2031-05-06T07:08:09Z"
        assert "updated" not in vars(ws.load_map(doc.map.id))  # no timestamp in the model


def test_moving_one_card_rewrites_only_that_rows_position(path, small_doc):
    with Workspace.open(path) as ws:
        doc = Autosave(ws, on_failed=pytest.fail).follow(Document(ws.add_map(small_doc.map)))
        before = stored_positions(path)
        first, last = doc.map.touchpoints[0], doc.map.touchpoints[-1]
        doc.move_touchpoints([first.id], last.stage, last.lane)
        after = stored_positions(path)
        assert {k for k in after if after[k] != before[k]} == {first.id}
        doc.undo()
        assert ws.load_map(doc.map.id) == doc.map
        assert {k for k in after if stored_positions(path)[k] != after[k]} == {first.id}


def test_many_inserts_at_one_place_still_keep_the_order(path, small_doc):
    # Positions have gaps; once a gap is used up the list is renumbered.
    with Workspace.open(path) as ws:
        doc = Autosave(ws, on_failed=pytest.fail).follow(Document(ws.add_map(small_doc.map)))
        stage, lane = doc.map.stages[1].id, doc.map.lanes[1].id
        for n in range(70):
            doc.add_touchpoint(stage, lane, f"card {n}", index=1)
        assert ws.load_map(doc.map.id) == doc.map


def test_removing_a_role_saves_the_raci_updates_of_every_touchpoint(path, small_doc):
    with Workspace.open(path) as ws:
        doc = Autosave(ws, on_failed=pytest.fail).follow(Document(ws.add_map(small_doc.map)))
        doc.remove("role", doc.map.roles[0].id)
        doc.remove("stage", doc.map.stages[0].id)
        assert ws.load_map(doc.map.id) == doc.map
        doc.undo()
        doc.undo()
        assert ws.load_map(doc.map.id) == doc.map == small_doc.map


def test_save_changes_of_a_map_not_in_the_workspace_is_not_found(path, small_doc):
    with Workspace.open(path) as ws:
        failures, changes = [], []
        doc = Autosave(ws, on_failed=failures.append).follow(Document(small_doc.map))
        doc.changed.connect(changes.extend)
        doc.set_map_fields(goal="x")  # the autosave reports the failure, the edit stands
        with pytest.raises(NotFoundError, match="Small journey") as raised:
            ws.save_changes(doc.map, changes)
        assert failures == [str(raised.value)] and doc.map.goal == "x"


def test_forget_and_close_stop_autosave(path, small_doc):
    ws = Workspace.open(path)
    doc = Document(ws.add_map(small_doc.map))
    autosave = Autosave(ws, on_failed=pytest.fail)
    autosave.follow(doc)
    autosave.forget(doc)
    doc.set_map_fields(goal="not saved")
    assert ws.load_map(doc.map.id).goal == ""
    autosave.follow(doc)
    autosave.close()
    ws.close()
    doc.set_map_fields(goal="after close")  # no error: the document is no longer listened to
    with Workspace.open(path) as again:
        assert again.load_map(doc.map.id).goal == ""


def test_a_closed_workspace_refuses_every_call_and_leaves_no_lock_or_wal(path):
    ws = Workspace.open(path)
    ws.close()
    ws.close()  # twice is fine
    with pytest.raises(WorkspaceError, match="closed"):
        ws.list_maps()
    leftovers = {p.name for p in path.parent.iterdir()}
    assert leftovers == {"work.journeymap"}


def test_comparisons_are_kept_oldest_first_with_their_utc_date(path):
    result = {"cases": 2, "median_days": {"A -> B": 1.5}, "names": ["Zoë", "東京"], "n": None}
    with Workspace.open(path) as ws:
        ws.add_map(Map(id="map-1", name="M"))
        first = ws.save_comparison("map-1", result)
        second = ws.save_comparison("map-1", {"cases": 3})
        history = ws.comparisons("map-1")
        assert [h["id"] for h in history] == [first, second] and first < second
        assert history[0]["result"] == result
        assert ISO_UTC.match(history[0]["created"])
        with pytest.raises(NotFoundError):
            ws.save_comparison("map-x", result)
        with pytest.raises(ValidationError):
            ws.save_comparison("map-1", {"bad": object()})


def test_a_reader_sees_what_the_open_writer_commits(path, small_doc):
    with Workspace.open(path) as writer:
        doc = Autosave(writer, on_failed=pytest.fail).follow(
            Document(writer.add_map(small_doc.map)))
        with Workspace.open(path, readonly=True) as reader:
            assert reader.readonly
            doc.update("touchpoint", doc.map.touchpoints[0].id, title="Changed")
            assert reader.load_map(doc.map.id) == doc.map
            assert reader.find_map("Small journey").touchpoints == 5


def test_a_reader_refuses_every_write(path, small_doc):
    with Workspace.open(path) as ws:
        ws.add_map(small_doc.map)
    with Workspace.open(path, readonly=True) as reader:
        doc = Document(reader.load_map("map-test"))
        calls = [
            lambda: reader.add_map(Map(id="m", name="n")),
            lambda: reader.delete_map("map-test"),
            lambda: reader.rename_map("map-test", "x"),
            lambda: reader.save_changes(doc.map, []),
            lambda: Autosave(reader).follow(doc).set_map_fields(goal="x"),
            lambda: reader.save_comparison("map-test", {}),
            lambda: reader.backup_now("manual"),
            lambda: reader.restore("whatever"),
        ]
        for call in calls:
            with pytest.raises(WorkspaceError, match="read-only"):
                call()


def test_a_reader_of_a_missing_file_fails_and_creates_nothing(tmp_path):
    with pytest.raises(WorkspaceError, match="no workspace"):
        Workspace.open(tmp_path / "missing.journeymap", readonly=True)
    assert list(tmp_path.iterdir()) == []
