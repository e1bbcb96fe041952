"""The editor on a server workspace: a map someone else edits opens read-only and follows
their saved changes, maps others make or rename show in the map list, a freed map becomes
editable, and leaving a map gives its edit lease back. Others are real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from test_window_helpers import *  # noqa: E402, F403 (fixtures)

from journeymap.document import Document  # noqa: E402
from journeymap.errors import WorkspaceError  # noqa: E402
from journeymap.storage import Workspace  # noqa: E402
from journeymap.templates import build_template  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
WITHIN = 5000  # ms; the editor polls every 0.5 s, so others' changes show within about one

# Another person: takes the lease of a map and, line by line from stdin, retitles its first
# card (autosaved), or quits.
COLLEAGUE = """
import sys
from journeymap.document import Document
from journeymap.storage import Autosave, Workspace
ws = Workspace.open(sys.argv[1])
map_id = ws.find_map(sys.argv[2]).id
busy = ws.try_edit(map_id)
autosave = Autosave(ws, on_failed=sys.exit)
doc = autosave.follow(Document(ws.load_map(map_id)))
print(f"busy: {busy}" if busy else "holding", flush=True)
for line in sys.stdin:
    doc.update("touchpoint", doc.map.touchpoints[0].id, title=line.strip())
    print("saved", flush=True)
"""


@pytest.fixture
def team(pg_workspace):
    """A server workspace with the renewal and acquisition maps."""
    with Workspace.open(pg_workspace) as ws:
        for key, name in (("renewal", "Renewal"), ("acquisition", "Acquisition")):
            journey = build_template(key)
            journey.name = name
            ws.add_map(journey)
    return pg_workspace


@pytest.fixture
def colleague(team):
    started = []

    def start(name: str) -> subprocess.Popen:
        child = subprocess.Popen([sys.executable, "-c", COLLEAGUE, team, name], cwd=ROOT,
                                 text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert child.stdout.readline().strip() == "holding"
        started.append(child)
        return child

    yield start
    for child in started:
        if child.poll() is None:
            child.stdin.close()
            child.wait(timeout=30)


def retitle(child: subprocess.Popen, title: str) -> None:
    child.stdin.write(title + "\n")
    child.stdin.flush()
    assert child.stdout.readline().strip() == "saved"


def test_a_map_someone_edits_is_read_only_and_follows_their_saves(qtbot, make_window, team,
                                                                   colleague):
    child = colleague("Renewal")
    window = make_window(team, map_name_or_id="Renewal")
    document = window.document()
    assert document.read_only and "is being edited by" in document.read_only
    with pytest.raises(WorkspaceError):
        document.update("touchpoint", document.map.touchpoints[0].id, title="Mine")
    retitle(child, "Their new title")
    qtbot.waitUntil(lambda: window.document().map.touchpoints[0].title == "Their new title",
                    timeout=WITHIN)
    assert window.document().read_only  # still theirs
    # The other map is ours to edit meanwhile.
    window.open_map("Acquisition")
    acquisition = window.document()
    assert acquisition.read_only is None
    acquisition.update("touchpoint", acquisition.map.touchpoints[0].id, title="Ours")
    assert window.session.all_saved
    # They close the map: it becomes editable here, with their last saved state.
    window.open_map("Renewal")
    child.stdin.close()
    child.wait(timeout=30)
    qtbot.waitUntil(lambda: window.document().read_only is None, timeout=WITHIN)
    assert window.document().map.touchpoints[0].title == "Their new title"


def test_maps_others_make_rename_or_delete_show_in_the_list(qtbot, make_window, team):
    window = make_window(team, map_name_or_id="Renewal")
    assert window.map_list.visible_names() == ["Acquisition", "Renewal"]
    with Workspace.open(team) as other:
        journey = build_template("upsell")
        journey.name = "Upsell"
        made = other.add_map(journey)
        acquisition = other.find_map("Acquisition").id
        other.rename_map(acquisition, "Acquisition 2027")
    qtbot.waitUntil(lambda: window.map_list.visible_names() == [
        "Acquisition 2027", "Renewal", "Upsell"], timeout=WITHIN)
    with Workspace.open(team) as other:
        other.delete_map(made.id)
    qtbot.waitUntil(lambda: window.map_list.visible_names() == ["Acquisition 2027", "Renewal"],
                    timeout=WITHIN)


def test_leaving_a_map_gives_its_lease_back(qtbot, make_window, team):
    window = make_window(team, map_name_or_id="Renewal")
    renewal = window.document().map.id
    with Workspace.open(team) as other:
        assert other.editors() == {renewal: other.editors()[renewal]}
        assert other.try_edit(renewal) is not None  # ours while it is on screen
    window.open_map("Acquisition")
    with Workspace.open(team) as other:
        assert renewal not in other.editors()
        assert other.try_edit(renewal) is None
        doc = Document(other.load_map(renewal))
        assert doc.map.name == "Renewal"


def test_the_recent_workspaces_keep_a_server_without_its_password(qtbot, make_window, team,
                                                                  settings):
    secret = "Wh4t-Ever"  # the test cluster trusts local logins, so any password opens it
    window = make_window(team.replace("postgres@", f"postgres:{secret}@"),
                         map_name_or_id="Renewal")
    assert window.session is not None and window.session.workspace.on_server
    stored = settings.value("recent/workspaces", [])
    assert team in stored and not any(secret in str(p) for p in stored)
    assert secret not in window.windowTitle() and secret not in window.workspace_label.text()
    settings.sync()
    assert secret not in Path(settings.fileName()).read_text()


def test_renaming_a_map_not_on_screen_keeps_no_lease(qtbot, make_window, team):
    window = make_window(team, map_name_or_id="Renewal")
    acquisition = window.session.find("Acquisition").id
    window.session.rename(acquisition, "Acquisition 2027")
    with Workspace.open(team) as other:
        assert acquisition not in other.editors()
        assert other.find_map("Acquisition 2027").id == acquisition


def test_a_copy_outdated_by_a_lost_connection_is_replaced_by_the_saved_state(qtbot,
                                                                             make_window, team):
    import psycopg

    window = make_window(team, map_name_or_id="Renewal")
    renewal = window.document().map.id
    with psycopg.connect(team, autocommit=True) as admin:  # the editor's session is cut
        admin.execute("SELECT pg_terminate_backend(backend_pid, 10000) FROM journeymap_leases "
                      "WHERE map_id = %s", (renewal,))
    with Workspace.open(team) as other:  # someone takes the map and saves it meanwhile
        assert other.try_edit(renewal) is None
        from journeymap.storage import Autosave

        autosave = Autosave(other, on_failed=pytest.fail)
        theirs = autosave.follow(Document(other.load_map(renewal)))
        theirs.update("touchpoint", theirs.map.touchpoints[0].id, title="Saved meanwhile")
        autosave.close()
    doc = window.document()
    for title in ("Lost with the connection", "Written over theirs?"):
        try:
            doc.update("touchpoint", doc.map.touchpoints[0].id, title=title)
        except WorkspaceError:
            break  # the document already knows it is outdated
    qtbot.waitUntil(lambda: window.document() is not doc, timeout=WITHIN)
    assert window.document().map.touchpoints[0].title == "Saved meanwhile"
    with Workspace.open(team, readonly=True) as reader:
        assert reader.load_map(renewal).touchpoints[0].title == "Saved meanwhile"


def test_a_read_only_role_opens_the_workspace_read_only(qtbot, make_window, team, pg_cluster):
    database = team.rsplit("/", 1)[1]
    pg_cluster.sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'viewer') "
                   "THEN CREATE ROLE viewer LOGIN; END IF; END $$")
    pg_cluster.sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO viewer", database=database)
    window = make_window(team.replace("postgres@", "viewer@"), map_name_or_id="Renewal")
    assert window.session is not None and window.session.readonly
    document = window.document()
    assert document.map.name == "Renewal" and document.read_only
    with pytest.raises(WorkspaceError):
        document.update("touchpoint", document.map.touchpoints[0].id, title="Not mine")
    # A reader follows the others' saves too.
    with Workspace.open(team) as other:
        from journeymap.storage import Autosave

        autosave = Autosave(other, on_failed=pytest.fail)
        theirs = autosave.follow(Document(other.load_map(document.map.id)))
        theirs.update("touchpoint", theirs.map.touchpoints[0].id, title="Edited by the team")
        autosave.close()
    qtbot.waitUntil(lambda: window.document().map.touchpoints[0].title == "Edited by the team",
                    timeout=WITHIN)


def test_a_reviewer_comments_on_a_map_someone_else_is_editing(qtbot, make_window, team,
                                                              colleague):
    from journeymap.comments import add_comment

    child = colleague("Renewal")
    window = make_window(team, map_name_or_id="Renewal")
    document = window.document()
    assert document.read_only and document.may_comment()
    assert window.comments.add.isEnabled() and window.comments.text.isEnabled()
    card = document.map.touchpoints[1]
    add_comment(document, "Why a letter, not an email?", card.id, "Reviewer")
    assert window.session.all_saved
    retitle(child, "The author goes on")  # the author's edits and the comment both stay
    with Workspace.open(team, readonly=True) as reader:
        stored = reader.load_map(document.map.id)
    assert [c.text for c in stored.comments] == ["Why a letter, not an email?"]
    assert stored.touchpoints[0].title == "The author goes on"


def test_the_editor_hears_again_after_its_listening_connection_is_cut(qtbot, make_window,
                                                                      team, monkeypatch):
    import psycopg

    from journeymap.storage.server import notices

    monkeypatch.setattr(notices, "RETRY_SECONDS", 0.2)
    window = make_window(team, map_name_or_id="Renewal")
    listener = window.session._notices._conn.info.backend_pid
    with psycopg.connect(team, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s, 10000)", (listener,))
    with Workspace.open(team) as other:  # said while nobody listens
        other.rename_map(other.find_map("Acquisition").id, "Acquisition (renamed)")
    qtbot.waitUntil(lambda: "Acquisition (renamed)" in window.map_list.visible_names(),
                    timeout=WITHIN)
    assert window.session._notices.broken is None
