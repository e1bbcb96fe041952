"""Versions through the command line: snapshot, versions, MAP@VERSION for reading commands,
read-only refusal for writing ones, new --from, and the schema-1 workspace upgraded."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.main import main
from journeymap.storage import Workspace
from tests.cli_helpers import assert_one_error_line as one_error
from tests.cli_helpers import file_only, on_both_kinds

pytest_generate_tests = on_both_kinds  # a file and a server, but for the file_only tests

DATA = Path(__file__).parent / "data"


@pytest.fixture
def renewal(cli):
    assert cli("new", "Renewal", "--template", "renewal").code == 0
    return "Renewal"


def test_snapshot_prints_only_the_id_and_identical_state_gives_the_same_id(cli, renewal):
    first = cli("snapshot", renewal, "--label", "workshop 1")
    assert first.code == 0 and first.err == ""
    version = first.out.strip()
    assert version.startswith("v-") and first.out == version + "\n"
    again = cli("snapshot", renewal, "--label", "other")
    assert again.out.strip() == version
    assert "has not changed" in again.err
    listed = json.loads(cli("versions", renewal, "--json").out)
    assert [v["id"] for v in listed] == [version]
    assert listed[0]["label"] == "workshop 1" and listed[0]["touchpoints"] == 14
    assert set(listed[0]) >= {"id", "label", "created", "touchpoints"}


def edit(ws: Path, name: str, edits) -> None:
    """Change a stored map the way the editor does: a document followed by the autosave."""
    from journeymap.document import Document
    from journeymap.storage import Autosave

    with Workspace.open(ws) as workspace:
        autosave = Autosave(workspace)
        document = autosave.follow(Document(workspace.load_map(workspace.find_map(name).id)))
        edits(document)
        assert autosave.all_saved


def first_card(document):
    return document.map.touchpoints[0]


def test_versions_are_oldest_first_and_hold_the_state_of_their_moment(cli, ws, renewal):
    v1 = cli("snapshot", renewal, "--label", "as-is").out.strip()
    title = None

    def rename_card(document):
        nonlocal title
        title = first_card(document).title
        document.update("touchpoint", first_card(document).id, title="Use it every day")

    edit(ws, renewal, rename_card)
    v2 = cli("snapshot", renewal).out.strip()
    assert v2 != v1
    listed = json.loads(cli("versions", renewal, "--json").out)
    assert [v["id"] for v in listed] == [v1, v2]
    assert listed[1]["label"] is None
    old = cli("export", f"{renewal}@as-is", "-f", "csv", "-o", "-").out
    by_id = cli("export", f"{renewal}@{v1}", "-f", "csv", "-o", "-").out
    now = cli("export", renewal, "-f", "csv", "-o", "-").out
    assert old == by_id and title in old and "Use it every day" not in old
    assert "Use it every day" in now
    text = cli("versions", renewal).out
    assert v1 in text and "as-is" in text


def test_every_reading_command_takes_a_version(cli, tmp_path, renewal):
    cli("snapshot", renewal, "--label", "workshop 1")
    ref = f"{renewal}@workshop 1"
    assert cli("check", ref, "--json").code in (0, 1)
    assert json.loads(cli("check", ref, "--json").out)["figures"]["touchpoints"] == 14
    out = tmp_path / "v.pdf"
    assert cli("export", ref, "-f", "pdf", "-o", out).code == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert cli("diff", ref, renewal, "--json").code == 0
    assert cli("versions", ref, "--json").code == 0
    log = tmp_path / "log.csv"
    log.write_text("case,activity,timestamp\nc1,Use the subscription,2026-03-01 09:00\n"
                   "c1,Quarterly usage summary,2026-03-05 09:00\n", encoding="utf-8")
    compared = cli("compare", ref, "--log", log, "--no-save", "--json")
    assert compared.code == 0, compared.err
    assert json.loads(compared.out)["cases"] == 1


@file_only
@pytest.mark.parametrize("argv", [
    ("rename", "{ref}", "Other"),
    ("delete", "{ref}"),
    ("snapshot", "{ref}"),
    ("compare", "{ref}", "--log", "{log}"),
])
def test_writing_commands_refuse_a_version_in_one_sentence(cli, ws, tmp_path, renewal, argv):
    cli("snapshot", renewal, "--label", "workshop 1")
    log = tmp_path / "log.csv"
    log.write_text("case,activity,timestamp\nc1,Use the subscription,2026-03-01\n")
    before = ws.read_bytes()
    args = [a.format(ref=f"{renewal}@workshop 1", log=log) for a in argv]
    one_error(cli(*args), "is a version of 'Renewal'", "read-only")
    assert ws.read_bytes() == before
    assert json.loads(cli("list", "--json").out)[0]["name"] == "Renewal"


def test_a_map_named_with_an_at_sign_is_found_by_its_name_first(cli, renewal):
    created = cli("new", "Renewal@workshop 1").out.strip()
    cli("snapshot", renewal, "--label", "workshop 1")
    # An exact map name wins over MAP@VERSION.
    rows = json.loads(cli("check", "Renewal@workshop 1", "--json").out)
    assert rows["figures"]["touchpoints"] == 0
    assert cli("rename", "Renewal@workshop 1", "Blank").code == 0
    names = {m["id"]: m["name"] for m in json.loads(cli("list", "--json").out)}
    assert names[created] == "Blank"
    # Now the name is free, so the same words name the version.
    one_error(cli("rename", "Renewal@workshop 1", "X"), "read-only")


def test_unknown_version_and_shared_label_are_one_sentence(cli, ws, renewal):
    one_error(cli("export", "Renewal@nope", "-f", "json", "-o", "-"), "no version",
              "'nope'", "journeymap versions Renewal")
    v1 = cli("snapshot", renewal, "--label", "draft").out.strip()
    edit(ws, renewal, lambda d: d.update("touchpoint", first_card(d).id, title="Changed"))
    v2 = cli("snapshot", renewal, "--label", "draft").out.strip()
    one_error(cli("export", "Renewal@draft", "-f", "json", "-o", "-"), v1, v2,
              "labelled 'draft'")
    one_error(cli("snapshot", renewal, "--label", "a@b"), "'@'")


def test_new_from_a_version_keeps_item_ids_and_diffs_by_them(cli, ws, renewal):
    cli("snapshot", renewal, "--label", "as-is")
    to_be = cli("new", "Renewal to-be", "--from", "Renewal@as-is")
    assert to_be.code == 0
    new_id = to_be.out.strip()
    with Workspace.open(ws, readonly=True) as workspace:
        old = workspace.load_map(workspace.find_map("Renewal").id)
        new = workspace.load_map(new_id)
    assert [t.id for t in old.touchpoints] == [t.id for t in new.touchpoints]
    assert new.name == "Renewal to-be" and new.id != old.id

    def rework(document):
        card = first_card(document)
        document.update("touchpoint", card.id, title="Use it daily", channel="phone")

    edit(ws, "Renewal to-be", rework)
    diff = json.loads(cli("diff", "Renewal@as-is", "Renewal to-be", "--json").out)
    assert diff["old"] == "Renewal@as-is" and diff["new"] == "Renewal to-be"
    assert diff["touchpoints"]["added"] == [] and diff["touchpoints"]["removed"] == []
    assert diff["touchpoints"]["changed"] == [{
        "title": "Use it daily",
        "fields": {"title": [old.touchpoints[0].title, "Use it daily"],
                   "channel": [old.touchpoints[0].channel, "phone"]}}]
    one_error(cli("new", "X", "--from", "Renewal", "--template", "renewal"), "not both")


def test_diff_of_a_map_with_itself_lists_nothing(cli, renewal):
    result = cli("diff", renewal, renewal, "--json")
    assert result.code == 0
    diff = json.loads(result.out)
    assert diff["touchpoints"] == {"added": [], "removed": [], "moved": [], "changed": []}
    assert diff["connections"] == {"added": [], "removed": [], "changed": []}
    assert diff["raci"] == []
    for key in ("stages", "lanes"):
        assert diff[key] == {"added": [], "removed": [], "renamed": [], "reordered": False}
    assert diff["figures"]["touchpoints"] == [14, 14]
    assert "No changes." in cli("diff", renewal, renewal).out


def test_a_saved_comparison_records_the_version_of_the_map_then(cli, ws, tmp_path, renewal):
    log = tmp_path / "log.csv"
    log.write_text("case,activity,timestamp\nc1,Use the subscription,2026-03-01 09:00\n")
    assert cli("compare", renewal, "--log", log).code == 0
    history = json.loads(cli("history", renewal, "--json").out)
    version = history[0]["version"]
    listed = json.loads(cli("versions", renewal, "--json").out)
    assert [v["id"] for v in listed] == [version]
    # Comparing again, unchanged, records the same version; a labelled snapshot agrees.
    cli("compare", renewal, "--log", log)
    assert cli("snapshot", renewal, "--label", "x").out.strip() == version
    history = json.loads(cli("history", renewal, "--json").out)
    assert [h["version"] for h in history] == [version, version]
    assert len(json.loads(cli("history", f"{renewal}@{version}", "--json").out)) == 2


@file_only
def test_deleting_a_map_deletes_its_versions(cli, ws, renewal):
    cli("snapshot", renewal, "--label", "a")
    assert cli("delete", renewal).code == 0
    with sqlite3.connect(ws) as conn:
        assert conn.execute("SELECT count(*) FROM versions").fetchone() == (0,)


def test_a_schema_1_workspace_is_backed_up_and_upgraded(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("JOURNEYMAP_WORKSPACE", raising=False)
    ws = tmp_path / "old.journeymap"
    shutil.copyfile(DATA / "workspace-schema1.journeymap", ws)
    with sqlite3.connect(ws) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    # A reader does not upgrade: it says how to.
    assert main(["list", "--workspace", str(ws)]) == 2
    assert "older Journeymap" in capsys.readouterr().err
    assert main(["snapshot", "Renewal", "--label", "first", "--workspace", str(ws)]) == 0
    version = capsys.readouterr().out.strip()
    backups = list((tmp_path / "old.backups").glob("*before-migration*"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:  # the file as it was, schema 1
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
        assert conn.execute("SELECT name FROM maps ORDER BY name").fetchall() == [
            ("Customer acquisition",), ("Renewal",)]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "versions" not in tables
    with sqlite3.connect(ws) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (4,)
    assert main(["history", "Renewal", "--json", "--workspace", str(ws)]) == 0
    history = json.loads(capsys.readouterr().out)
    assert len(history) == 1 and history[0]["version"] is None  # ran before versions existed
    assert main(["versions", "Renewal", "--json", "--workspace", str(ws)]) == 0
    assert [v["id"] for v in json.loads(capsys.readouterr().out)] == [version]


def test_diff_writes_the_current_to_target_sheet(cli, ws, tmp_path, renewal):
    from pypdf import PdfReader

    cli("snapshot", renewal, "--label", "as-is")
    cli("new", "Renewal to-be", "--from", "Renewal@as-is")
    edit(ws, "Renewal to-be", lambda d: d.update("touchpoint", first_card(d).id,
                                                 title="Use it every day"))
    out = tmp_path / "change.pdf"
    result = cli("diff", "Renewal@as-is", "Renewal to-be", "-o", out, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["touchpoints"]["changed"][0]["title"] == "Use it every day"
    reader = PdfReader(out)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Renewal@as-is" in text and "Use it every day" in text
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape
    if isinstance(ws, Path):  # -o never replaces the workspace file
        one_error(cli("diff", renewal, renewal, "-o", ws), "workspace")


@file_only
@pytest.mark.parametrize("content", [
    "not json at all",
    '{"format": "journeymap", "version": 2, "map": {"name": 5}}',
    '{"format": "journeymap", "version": 2, "map": {"name": "R", "stages": [{"id": 1}]}}',
])
def test_a_damaged_version_is_one_sentence_and_the_map_still_reads(cli, ws, renewal, content):
    version = cli("snapshot", renewal, "--label", "v").out.strip()
    with sqlite3.connect(ws) as conn:
        conn.execute("UPDATE versions SET content = ? WHERE id = ?", (content, version))
    one_error(cli("export", f"{renewal}@v", "-f", "json", "-o", "-"), version)
    assert cli("export", renewal, "-f", "json", "-o", "-").code == 0


def test_copy_takes_versions_history_and_comments_to_another_workspace(cli, ws, tmp_path):
    cli("new", "Renewal", "--template", "renewal")
    log = tmp_path / "log.csv"
    log.write_text("case,activity,timestamp\nc1,Use the subscription,2026-03-01 09:00\n")
    cli("compare", "Renewal", "--log", log)
    cli("snapshot", "Renewal", "--label", "as-is")
    cli("comment", "Renewal", "Check the letter", "--on", "Use the subscription")
    other = tmp_path / "laptop.journeymap"
    copied = cli("copy", "Renewal", "--to", other, "--name", "Renewal offline")
    assert copied.code == 0, copied.err
    new_id = copied.out.strip()
    with Workspace.open(other, readonly=True) as target:
        journey = target.load_map(new_id)
        assert journey.name == "Renewal offline"
        assert [v.label for v in target.versions(new_id)] == ["as-is"]
        assert len(target.comparisons(new_id)) == 1
        assert [c.text for c in journey.comments] == ["Check the letter"]
    with Workspace.open(ws, readonly=True) as source:
        original = source.load_map(source.find_map("Renewal").id)
    assert [t.id for t in journey.touchpoints] == [t.id for t in original.touchpoints]
    # Into the same workspace: a second map, its versions under fresh ids.
    twin = cli("copy", "Renewal", "--to", ws, "--name", "Renewal twin")
    assert twin.code == 0, twin.err
    again = twin.out.strip()
    listed = cli("versions", again, "--json")
    assert listed.code == 0, listed.err
    assert json.loads(listed.out)[0]["label"] == "as-is"
    # Its comparison names the version under its new id.
    twin_history = json.loads(cli("history", again, "--json").out)
    assert twin_history[0]["version"] in {v["id"] for v in json.loads(listed.out)}
    one_error(cli("copy", "Renewal", "--to", "postgresql://me@nowhere.invalid/db"),
              "cannot be reached", "nowhere.invalid")


@file_only
def test_init_makes_an_empty_workspace_and_leaves_an_existing_one(cli, ws, tmp_path):
    first = cli("init")
    assert first.code == 0 and "was created" in first.err and ws.exists()
    assert json.loads(cli("list", "--json").out) == []
    cli("new", "Kept")
    again = cli("init")
    assert again.code == 0 and "left as it is" in again.err
    assert [m["name"] for m in json.loads(cli("list", "--json").out)] == ["Kept"]
    other = tmp_path / "notes.txt"
    other.write_text("not a workspace")
    assert main(["init", "--workspace", str(other)]) == 2
    assert other.read_text() == "not a workspace"
