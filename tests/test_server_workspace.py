"""A workspace on a PostgreSQL server through the command line: init, the per-map edit lease
(refusal sentence, list --json "editing", kill -9 frees it), what needs no lease, backups,
passwords never shown, schema marks, a read-only role, and copy between files and servers.

Runs on the throwaway cluster of tests/pg_server.py (conftest.py's pg_* fixtures)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.main import main
from journeymap.storage import Workspace
from tests.cli_helpers import assert_one_error_line as one_error

ROOT = Path(__file__).resolve().parent.parent
BUSY = re.compile(r"The map '(?P<name>[^']+)' is being edited by (?P<user>\S+) on (?P<host>\S+) "
                  r"since (?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)")


@pytest.fixture
def run(cli_on):
    return cli_on


HOLD = """
import sys
from journeymap.storage import Workspace
ws = Workspace.open(sys.argv[1])
busy = ws.try_edit(ws.find_map(sys.argv[2]).id)
print(f"busy: {busy}" if busy else "holding", flush=True)
sys.stdin.read()  # until the test closes our stdin, or kills us
"""


def holder(url: str, name: str) -> subprocess.Popen:
    """Another Journeymap process that opens `name` for editing and keeps it open."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, url, name], cwd=ROOT, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert child.stdout.readline().strip() == "holding"
    return child


def test_init_creates_the_schema_once_and_refuses_a_foreign_database(run, pg_empty,
                                                                     pg_cluster):
    one_error(run(pg_empty, "list"), "holds no Journeymap workspace", "journeymap init")
    made = run(pg_empty, "init")
    assert made.code == 0 and "was created" in made.err
    assert json.loads(run(pg_empty, "list", "--json").out) == []
    assert run(pg_empty, "new", "Kept").code == 0
    again = run(pg_empty, "init")
    assert again.code == 0 and "left as it is" in again.err
    assert [m["name"] for m in json.loads(run(pg_empty, "list", "--json").out)] == ["Kept"]
    foreign = pg_cluster.create_database("jm_foreign")
    pg_cluster.sql("CREATE TABLE invoices (id int)", database="jm_foreign")
    one_error(run(foreign, "init"), "other tables (invoices)")
    one_error(run(foreign, "list"), "holds no Journeymap workspace")


def test_a_map_being_edited_is_refused_to_writers_but_comments_and_snapshots_go_on(
        run, pg_workspace):
    url = pg_workspace
    assert run(url, "new", "Renewal", "--template", "renewal").code == 0
    assert run(url, "new", "Onboarding", "--template", "customer-onboarding").code == 0
    rows = {m["name"]: m for m in json.loads(run(url, "list", "--json").out)}
    assert rows["Renewal"]["editing"] is None
    child = holder(url, "Renewal")
    try:
        rows = {m["name"]: m for m in json.loads(run(url, "list", "--json").out)}
        user, host = rows["Renewal"]["editing"].split("@")
        assert rows["Onboarding"]["editing"] is None
        for argv in (["rename", "Renewal", "Renamed"], ["delete", "Renewal"]):
            refused = run(url, *argv)
            one_error(refused, "try again once they have closed it")
            found = BUSY.search(refused.err)
            assert found and (found["user"], found["host"]) == (user, host), refused.err
        assert run(url, "comment", "Renewal", "Is the letter needed?").code == 0
        assert run(url, "snapshot", "Renewal", "--label", "reviewed").code == 0
        assert run(url, "rename", "Onboarding", "Onboarding 2").code == 0  # others stay free
        names = [m["name"] for m in json.loads(run(url, "list", "--json").out)]
        assert names == ["Onboarding 2", "Renewal"]
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    assert run(url, "rename", "Renewal", "Renamed").code == 0  # freed when it closed
    comments = json.loads(run(url, "comments", "Renamed", "--json").out)
    assert [c["text"] for c in comments] == ["Is the letter needed?"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_holder_frees_the_map_at_once(run, pg_workspace):
    url = pg_workspace
    run(url, "new", "Renewal", "--template", "renewal")
    child = holder(url, "Renewal")
    one_error(run(url, "rename", "Renewal", "Taken"), "is being edited by")
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    # The server ends the dead session's advisory locks when its socket closes; no timeout.
    for _ in range(50):
        listed = json.loads(run(url, "list", "--json").out)
        if listed[0]["editing"] is None:
            break
    assert listed[0]["editing"] is None
    assert run(url, "rename", "Renewal", "Taken").code == 0


def test_backups_and_restore_point_to_the_servers_own_backups(run, pg_workspace):
    run(pg_workspace, "new", "Kept")
    for argv in (["backups"], ["restore", "anything"]):
        one_error(run(pg_workspace, *argv), "pg_dump")
    deleted = run(pg_workspace, "delete", "Kept")
    assert deleted.code == 0 and "server's own backups" in deleted.err


def test_no_password_is_ever_shown(run, pg_cluster, pg_workspace, tmp_path):
    secret = "S3cret-Pass"  # the test cluster trusts local logins, so any password does
    with_password = pg_workspace.replace("postgres@", f"postgres:{secret}@")
    made = run(with_password, "new", "Renewal", "--template", "renewal")
    assert made.code == 0 and secret not in made.err
    results = [
        run(with_password, "list"),
        run(with_password, "rename", "Nope", "x"),
        run(with_password, "backups"),
        run(with_password.rsplit("/", 1)[0] + "/no_such_db", "list"),
        run(f"postgresql://postgres:{secret}@127.0.0.1:1/db", "list"),
        run(with_password, "export", "Renewal", "-f", "json", "-o", tmp_path / "r.json"),
    ]
    for result in results:
        assert secret not in result.out + result.err
    one_error(results[3], "no_such_db")
    one_error(results[4], "cannot be reached", "postgresql://postgres@127.0.0.1:1/db")
    assert secret not in (tmp_path / "r.json").read_text()
    with Workspace.open(with_password) as ws:
        assert secret not in str(ws.path) and secret not in repr(ws)


def test_a_newer_schema_is_refused_and_an_older_one_upgraded(run, pg_cluster, pg_workspace):
    from journeymap.storage import SCHEMA_VERSION

    database = pg_workspace.rsplit("/", 1)[1]
    run(pg_workspace, "new", "Kept")
    pg_cluster.sql(f"UPDATE journeymap_schema SET version = {SCHEMA_VERSION + 1}",
                   database=database)
    one_error(run(pg_workspace, "list"), "newer Journeymap", f"schema {SCHEMA_VERSION + 1}")
    one_error(run(pg_workspace, "new", "Other"), "newer Journeymap")
    # As if made before comments existed (schema 3): a writer upgrades it in one go.
    pg_cluster.sql("DROP TABLE comments; UPDATE journeymap_schema SET version = 3",
                   database=database)
    one_error(run(pg_workspace, "list"), "older Journeymap", "open it once for editing")
    assert run(pg_workspace, "comment", "Kept", "after the upgrade").code == 0
    comments = json.loads(run(pg_workspace, "comments", "Kept", "--json").out)
    assert [c["text"] for c in comments] == ["after the upgrade"]


def test_a_read_only_role_reads_and_gets_one_sentence_on_a_write(run, pg_cluster,
                                                                 pg_workspace, tmp_path):
    database = pg_workspace.rsplit("/", 1)[1]
    run(pg_workspace, "new", "Renewal", "--template", "renewal")
    pg_cluster.sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'viewer') "
                   "THEN CREATE ROLE viewer LOGIN; END IF; END $$")
    pg_cluster.sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO viewer", database=database)
    viewer = pg_workspace.replace("postgres@", "viewer@")
    assert json.loads(run(viewer, "list", "--json").out)[0]["name"] == "Renewal"
    assert run(viewer, "check", "Renewal").code in (0, 1)
    out = tmp_path / "renewal.pdf"
    assert run(viewer, "export", "Renewal", "-f", "pdf", "-o", out).code == 0
    for argv in (["rename", "Renewal", "X"], ["new", "Other"], ["comment", "Renewal", "hi"],
                 ["snapshot", "Renewal"]):
        one_error(run(viewer, *argv), "may only read the workspace")
    assert [m["name"] for m in json.loads(run(pg_workspace, "list", "--json").out)] == [
        "Renewal"]


def test_copy_goes_from_a_file_to_a_server_and_back_keeping_ids(run, pg_workspace, tmp_path):
    laptop = tmp_path / "laptop.journeymap"
    run(laptop, "new", "Renewal", "--template", "renewal")
    run(laptop, "snapshot", "Renewal", "--label", "as-is")
    run(laptop, "comment", "Renewal", "From the workshop", "--on", "Use the subscription")
    up = run(laptop, "copy", "Renewal", "--to", pg_workspace, "--name", "Renewal (team)")
    assert up.code == 0, up.err
    team_id = up.out.strip()
    versions = json.loads(run(pg_workspace, "versions", team_id, "--json").out)
    assert [v["label"] for v in versions] == ["as-is"]
    assert json.loads(run(pg_workspace, "comments", team_id, "--json").out)[0]["text"] == (
        "From the workshop")
    # The team edits it; the consultant takes it offline again and diffs by item ids.
    with Workspace.open(pg_workspace) as ws:
        from journeymap.document import Document
        from journeymap.storage import Autosave

        autosave = Autosave(ws)
        doc = autosave.follow(Document(ws.load_map(team_id)))
        doc.update("touchpoint", doc.map.touchpoints[0].id, title="Renamed by the team")
        assert autosave.all_saved
        autosave.close()
    down = run(pg_workspace, "copy", team_id, "--to", laptop, "--name", "Renewal back")
    assert down.code == 0, down.err
    diff = json.loads(run(laptop, "diff", "Renewal", "Renewal back", "--json").out)
    changed = diff["touchpoints"]["changed"]
    assert [c["title"] for c in changed] == ["Renamed by the team"]
    assert not diff["touchpoints"]["added"] and not diff["touchpoints"]["removed"]


def test_the_environment_variable_names_a_server_too(pg_workspace, capsys, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_WORKSPACE", pg_workspace)
    assert main(["new", "From the environment"]) == 0
    capsys.readouterr()
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["editing"]) for r in rows] == [("From the environment", None)]


def test_a_new_map_is_free_for_others_and_a_stale_copy_is_refused_whole(pg_workspace,
                                                                        small_doc):
    from journeymap.document import Document
    from journeymap.storage import Autosave

    with Workspace.open(pg_workspace) as mine, Workspace.open(pg_workspace) as theirs:
        made = mine.add_map(small_doc.map)
        assert mine.editors() == {}  # making a map takes no lease
        failed: list[str] = []
        my_autosave = Autosave(mine, on_failed=failed.append)
        my_doc = my_autosave.follow(Document(made))
        their_autosave = Autosave(theirs, on_failed=pytest.fail)
        their_doc = their_autosave.follow(Document(theirs.load_map(made.id)))
        their_doc.update("touchpoint", their_doc.map.touchpoints[0].id, title="Theirs")
        their_autosave.close()
        theirs.end_edit(made.id)
        my_doc.update("touchpoint", my_doc.map.touchpoints[0].id, title="Mine, from before")
        assert not my_autosave.all_saved
        assert "someone else saved it after it was read here" in failed[-1]
        my_autosave.close()
        assert mine.load_map(made.id).touchpoints[0].title == "Theirs"


def test_a_server_address_made_into_a_path_is_refused_not_created(tmp_path, monkeypatch):
    from journeymap.errors import WorkspaceError

    monkeypatch.chdir(tmp_path)
    with pytest.raises(WorkspaceError, match="slash lost"):
        Workspace.open(Path("postgresql://ana:pw@db.example.org/journeys"))
    assert list(tmp_path.iterdir()) == []


def test_a_password_in_the_query_or_a_broken_address_is_never_shown(run, pg_workspace):
    secret = "hunter2-Q"
    port = pg_workspace.split(":")[2].split("/")[0]
    for address in (f"postgresql://postgres@127.0.0.1:{port}/no_db?password={secret}",
                    f"postgresql://postgres@127.0.0.1:{port}/no_db?sslpassword={secret}",
                    f"postgresql://postgres:{secret}/no_db"):
        result = run(address, "list")
        one_error(result)
        assert secret not in result.err + result.out
    from journeymap.storage.address import parse

    shown = str(parse(f"postgresql://ana@db.example.org/team?sslmode=require&password={secret}"))
    assert shown == "postgresql://ana@db.example.org/team?sslmode=require"


def test_own_saves_before_a_lost_connection_do_not_count_as_someone_elses(pg_workspace,
                                                                          small_doc):
    import psycopg

    from journeymap.document import Document
    from journeymap.storage import Autosave

    with Workspace.open(pg_workspace) as ws:
        made = ws.add_map(small_doc.map)
        assert ws.try_edit(made.id) is None
        failed: list[str] = []
        autosave = Autosave(ws, on_failed=failed.append)
        doc = autosave.follow(Document(ws.load_map(made.id)))
        card = doc.map.touchpoints[0].id
        doc.update("touchpoint", card, title="First")
        assert autosave.all_saved
        with psycopg.connect(pg_workspace, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(backend_pid, 10000) FROM journeymap_leases "
                          "WHERE map_id = %s", (made.id,))
        doc.update("touchpoint", card, title="Second")  # the lost connection: not saved
        doc.update("touchpoint", card, title="Third")  # reconnected, lease taken again
        assert autosave.all_saved, failed
        autosave.close()
    with Workspace.open(pg_workspace, readonly=True) as reader:
        assert reader.load_map(made.id).touchpoints[0].title == "Third"


def test_a_reader_sees_a_save_whole_or_not_at_all(pg_workspace, monkeypatch):
    """The author saves a card and a link to it between the reader's queries of the cards
    and of the links: the reader still gets one consistent state (REPEATABLE READ)."""
    from journeymap.document import Document
    from journeymap.storage import Autosave, map_rows
    from journeymap.templates import build_template
    from journeymap.validation import check_structure

    with Workspace.open(pg_workspace) as author, \
            Workspace.open(pg_workspace, readonly=True) as reader:
        made = author.add_map(build_template("renewal"))
        assert author.try_edit(made.id) is None
        autosave = Autosave(author, on_failed=pytest.fail)
        doc = autosave.follow(Document(author.load_map(made.id)))
        real = map_rows._plain_rows
        saved = []

        def save_in_between(conn, query):
            rows = real(conn, query)
            if conn is reader._conn and "FROM touchpoints" in str(query) and not saved:
                first = doc.map.touchpoints[0]

                def add_card_and_link(d):
                    card = d.add_touchpoint(first.stage, first.lane, "Added meanwhile")
                    d.add_connection(first.id, card.id)

                doc.batch("Add", add_card_and_link)
                saved.append(True)
            return rows

        monkeypatch.setattr(map_rows, "_plain_rows", save_in_between)
        seen = reader.load_map(made.id)
        assert saved and autosave.all_saved
        check_structure(seen)  # no link to a card it does not have
        assert "Added meanwhile" not in [t.title for t in seen.touchpoints]
        autosave.close()


def test_a_copy_that_fails_half_way_leaves_nothing_behind(run, pg_workspace, tmp_path,
                                                         monkeypatch):
    from journeymap.storage import versions as map_versions

    laptop = tmp_path / "laptop.journeymap"
    run(laptop, "new", "Renewal", "--template", "renewal")
    run(laptop, "snapshot", "Renewal", "--label", "as-is")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(map_versions, "put_back", full_disk)
    failed = run(laptop, "copy", "Renewal", "--to", pg_workspace)
    one_error(failed, "No space left on device")
    assert json.loads(run(pg_workspace, "list", "--json").out) == []  # the map went too
