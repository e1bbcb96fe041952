"""Files we must refuse, and refuse without changing a byte: not a workspace, newer schema,
locked by another process, read-only. Also stale locks, which must be taken over."""

from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from journeymap.errors import WorkspaceError, WorkspaceLockedError
from journeymap.storage import Workspace
from journeymap.storage import sqlite as storage_sqlite
from journeymap.storage.schema import APPLICATION_ID


@pytest.fixture
def path(tmp_path):
    return tmp_path / "work.journeymap"


@pytest.fixture
def workspace(path, small_doc):
    """A closed workspace file holding one map."""
    with Workspace.open(path) as ws:
        ws.add_map(small_doc.map)
    return path


def fingerprint(folder) -> dict[str, tuple[str, int]]:
    """Every file in the folder with its hash and mode: 'nothing changed' means this is equal."""
    result = {}
    for entry in sorted(folder.rglob("*")):
        if entry.is_file():
            result[str(entry)] = (
                hashlib.sha256(entry.read_bytes()).hexdigest(),
                entry.stat().st_mode,
            )
    return result


def refuse(path, message: str, error=WorkspaceError, readonly: bool = False):
    before = fingerprint(path.parent)
    with pytest.raises(error, match=message) as caught:
        Workspace.open(path, readonly=readonly)
    assert fingerprint(path.parent) == before
    assert str(path) in str(caught.value)
    return caught.value


# -- not a workspace ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [b"", b"Stage,Lane,Touchpoint\nReach,Sales,Ad\n", bytes(range(256)) * 8],
    ids=["empty", "csv", "binary"],
)
@pytest.mark.parametrize("readonly", [False, True])
def test_a_file_that_is_not_sqlite_is_refused_untouched(path, content, readonly):
    path.write_bytes(content)
    refuse(path, "not a Journeymap workspace", readonly=readonly)


@pytest.mark.parametrize("readonly", [False, True])
def test_another_programs_sqlite_database_is_refused_untouched(path, readonly):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('keep me')")
    conn.commit()
    conn.close()
    refuse(path, "SQLite database of another program", readonly=readonly)


def test_a_sqlite_file_with_our_mark_but_no_tables_is_refused(path):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("PRAGMA user_version=1")
    conn.close()
    refuse(path, "damaged")


def test_a_folder_is_not_a_workspace(tmp_path):
    folder = tmp_path / "folder.journeymap"
    folder.mkdir()
    with pytest.raises(WorkspaceError, match="folder"):
        Workspace.open(folder)


# -- newer schema ------------------------------------------------------------------------------
@pytest.mark.parametrize("readonly", [False, True])
def test_a_workspace_from_a_newer_journeymap_is_refused_untouched(workspace, readonly):
    conn = sqlite3.connect(workspace)
    conn.execute("PRAGMA user_version=7")
    conn.close()
    refuse(
        workspace,
        r"made by a newer Journeymap \(schema 7; this version reads up to 4\)",
        readonly=readonly,
    )


# -- locks -------------------------------------------------------------------------------------
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from journeymap.storage import Workspace
    ws = Workspace.open(Path(sys.argv[1]))
    print("ready", flush=True)
    sys.stdin.readline()
    ws.close()
    """
)


@pytest.fixture
def holder(workspace):
    """Another process that holds the writer lock until it is told to close."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(workspace)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready"
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_a_second_writer_is_refused_at_once_naming_the_holders_pid(workspace, holder):
    error = refuse(workspace, "is being edited by another Journeymap window", WorkspaceLockedError)
    assert f"pid {holder.pid}" in str(error)


def test_a_reader_works_while_another_process_writes(workspace, holder):
    with Workspace.open(workspace, readonly=True) as reader:
        assert [m.id for m in reader.list_maps()] == ["map-test"]


def test_the_lock_is_free_again_when_the_holder_closes(workspace, holder):
    holder.communicate("close\n", timeout=30)
    assert holder.returncode == 0
    with Workspace.open(workspace) as ws:
        assert ws.list_maps()


def test_the_lock_of_a_killed_process_is_taken_over(workspace, holder):
    holder.kill()
    holder.wait()
    lock = workspace.with_name("work.journeymap.lock")
    assert lock.read_text().split()[0] == str(holder.pid)  # left behind by the dead process
    with Workspace.open(workspace) as ws:
        assert lock.read_text().split()[0] == str(os.getpid())
        assert ws.list_maps()
    assert not lock.exists()


def test_a_second_writer_in_the_same_process_is_refused_too(workspace):
    with Workspace.open(workspace), pytest.raises(WorkspaceLockedError, match=f"pid {os.getpid()}"):
        Workspace.open(workspace)


def test_a_lock_from_another_host_is_respected(workspace):
    lock = workspace.with_name("work.journeymap.lock")
    lock.write_text("4242\nsome-other-laptop\n")
    assert socket.gethostname() != "some-other-laptop"
    error = refuse(workspace, "pid 4242 on some-other-laptop", WorkspaceLockedError)
    assert "read-only" in str(error)  # tells the way out


def test_an_old_empty_lock_left_by_a_crash_is_taken_over(workspace):
    lock = workspace.with_name("work.journeymap.lock")
    lock.write_text("")
    os.utime(lock, (0, 0))
    with Workspace.open(workspace) as ws:
        assert ws.list_maps()


# -- read-only ---------------------------------------------------------------------------------
@pytest.fixture
def read_only_file(workspace):
    workspace.chmod(0o444)  # tests run as root: write bits, not os.access, make it read-only
    yield workspace
    workspace.chmod(0o644)


def test_a_writer_on_a_read_only_file_is_refused_untouched(read_only_file):
    refuse(read_only_file, "is read-only")
    assert not read_only_file.with_name("work.journeymap.lock").exists()


def test_a_reader_works_on_a_read_only_file(read_only_file):
    with Workspace.open(read_only_file, readonly=True) as reader:
        assert reader.load_map("map-test").name == "Small journey"


def test_a_writer_in_a_read_only_folder_is_refused_untouched(workspace):
    folder = workspace.parent
    folder.chmod(0o555)
    try:
        refuse(workspace, "is read-only")
        with pytest.raises(WorkspaceError, match="is read-only"):
            Workspace.open(folder / "new.journeymap")
        assert not (folder / "new.journeymap").exists()
    finally:
        folder.chmod(0o755)


def test_a_reader_falls_back_to_immutable_when_the_wal_files_cannot_be_made(workspace, monkeypatch):
    # As root we cannot make SQLite fail to create -shm, so fail the plain read-only try.
    real_connect = storage_sqlite.connect_raw

    def connect(path, *, immutable=False):
        if not immutable:
            error = sqlite3.OperationalError("unable to open database file")
            error.sqlite_errorname = "SQLITE_CANTOPEN"
            raise error
        return real_connect(path, immutable=True)

    monkeypatch.setattr(storage_sqlite, "connect_raw", connect)
    engines = []
    real_engine = storage_sqlite.make_engine

    def make_engine(path, **options):
        engines.append(options)
        return real_engine(path, **options)

    monkeypatch.setattr(storage_sqlite, "make_engine", make_engine)
    with Workspace.open(workspace, readonly=True) as reader:
        assert reader.load_map("map-test").name == "Small journey"
    assert engines == [{"writer": False, "immutable": True}]


def test_writer_refusals_leave_no_lock_file_behind(path):
    path.write_bytes(b"not a database at all")
    with pytest.raises(WorkspaceError):
        Workspace.open(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["work.journeymap"]


def test_a_symlink_to_an_open_workspace_shares_its_lock(workspace):
    link = workspace.with_name("alias.journeymap")
    link.symlink_to(workspace)
    with Workspace.open(workspace), pytest.raises(WorkspaceLockedError):
        Workspace.open(link)
