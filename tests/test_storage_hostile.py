"""Hostile and broken workspaces through the command line (issue 11): each case is one
sentence — `journeymap: error:` and exit 2 for a refusal, `journeymap: warning:` and exit 0
for what goes on — and nothing on disk changes that should not."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from journeymap.storage import sqlite as storage_sqlite

ROOT = Path(__file__).resolve().parents[1]
SHEET = "Stage,Lane,Touchpoint,Next\nReach,Sales,Ad,Call\nEngage,Sales,Call,\n"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every entry under `folder` with the hash of its bytes (or its kind)."""
    found = {}
    for entry in sorted(folder.rglob("*")):
        mode = entry.lstat().st_mode
        if stat.S_ISREG(mode):
            found[str(entry)] = hashlib.sha256(entry.read_bytes()).hexdigest()
        else:
            found[str(entry)] = stat.filemode(mode)
    return found


def unchanged_but_sqlite_side_files(before: dict, after: dict, workspace: Path) -> bool:
    """`after` equals `before`, except for the empty -wal/-shm a WAL reader may add."""
    side = {str(workspace) + "-wal", str(workspace) + "-shm"}
    return {k: v for k, v in after.items() if k not in side or k in before} == before


def lines(err: str, kind: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(f"journeymap: {kind}:")]


def refused(result, folder: Path, before: dict) -> str:
    """Exit 2, one error line and nothing else on stderr, every file as it was."""
    code, out, err = result
    assert code == 2, err
    assert len(err.splitlines()) == 1 and len(lines(err, "error")) == 1, err
    assert "internal problem" not in err
    assert out == ""
    assert fingerprint(folder) == before
    return err


def new_map(run_cli, name="M", template="acquisition") -> str:
    code, out, err = run_cli("new", name, "--template", template)
    assert code == 0, err
    return out.strip()


# -- a damaged workspace (integrity check) ---------------------------------------------------------
@pytest.fixture
def damaged(run_cli, tmp_path):
    """A workspace of three maps (and a daily backup) whose last page was overwritten."""
    for index in range(3):
        new_map(run_cli, f"M{index}")
    path = run_cli.workspace
    data = bytearray(path.read_bytes())
    data[-4096:] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")
    return path


WRITE_COMMANDS = [
    ["new", "X"],
    ["import", "{tmp}/sheet.csv"],
    ["rename", "M0", "Renamed"],
    ["duplicate", "M0"],
    ["delete", "M0"],
]


@pytest.mark.parametrize("argv", WRITE_COMMANDS, ids=lambda a: a[0])
def test_a_damaged_workspace_refuses_every_write_and_suggests_restore(
    run_cli, damaged, tmp_path, argv
):
    before = fingerprint(tmp_path)
    err = refused(run_cli(*[a.format(tmp=tmp_path) for a in argv]), tmp_path, before)
    assert "is damaged" in err and "journeymap restore" in err
    assert str(damaged) in err


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["check", "M0", "--json"],
        ["export", "M0", "--format", "json", "-o", "{tmp}/m.json"],
    ],
    ids=lambda a: a[0],
)
def test_a_damaged_workspace_still_reads_with_one_warning(run_cli, damaged, tmp_path, argv):
    before = fingerprint(tmp_path)
    code, out, err = run_cli(*[a.format(tmp=tmp_path) for a in argv])
    assert code in (0, 1), err  # check: 1 when the map has problems of severity error
    assert len(err.splitlines()) == 1 and len(lines(err, "warning")) == 1, err
    assert "damaged" in err and "journeymap restore" in err
    after = fingerprint(tmp_path)
    after.pop(str(tmp_path / "m.json"), None)
    assert unchanged_but_sqlite_side_files(before, after, damaged)


def test_restore_replaces_a_damaged_workspace_and_keeps_its_bytes(run_cli, damaged):
    damaged_bytes = damaged.read_bytes()
    code, out, err = run_cli("backups")
    backup = out.split("\t")[0]
    code, out, err = run_cli("restore", backup)
    assert code == 0, err
    assert not lines(err, "error") and not lines(err, "warning")
    code, out, err = run_cli("list", "--json")
    assert code == 0 and err == ""
    assert [m["name"] for m in json.loads(out)] == ["M0"]  # what the daily backup held
    kept = [p for p in damaged.with_name("work.backups").iterdir() if "damaged" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes
    assert run_cli("new", "After")[0] == 0  # writable again


def test_restore_refuses_a_damaged_backup(run_cli, tmp_path):
    new_map(run_cli, "A")
    new_map(run_cli, "B")  # the second writer makes the daily backup
    folder = run_cli.workspace.with_name("work.backups")
    backup = next(folder.iterdir())
    data = bytearray(backup.read_bytes())
    data[-4096:] = b"\xff" * 4096
    backup.write_bytes(bytes(data))
    before = fingerprint(tmp_path)
    err = refused(run_cli("restore", backup.name), tmp_path, before)
    assert "damaged too" in err


# -- the writer lock ---------------------------------------------------------------------------------
HOLDER = textwrap.dedent(
    """
    import sys
    from journeymap.storage import Workspace
    ws = Workspace.open(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    """
)


def start_holder(path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert holder.stdout.readline().strip() == "ready"
    return holder


@pytest.mark.parametrize(
    "content",
    ["12345678901234567890\n{host}\n", "-5\n{host}\n", "0x1f\n{host}\n", "\xff\xfe\n", "9" * 5000],
    ids=["20-digit-pid", "negative", "hex", "binary", "huge"],
)
def test_a_garbled_lock_file_left_behind_is_taken_over(run_cli, content):
    new_map(run_cli, "A")
    lock = run_cli.workspace.with_name("work.journeymap.lock")
    lock.write_text(content.format(host=socket.gethostname()), encoding="latin-1")
    code, out, err = run_cli("new", "B")
    assert code == 0, err
    assert "internal problem" not in err and not lines(err, "error")
    assert not lock.exists()


def test_a_lock_naming_a_live_process_that_is_not_journeymap_is_taken_over(run_cli):
    new_map(run_cli, "A")
    other = subprocess.Popen(["sleep", "60"])  # alive, but holds no lock
    try:
        lock = run_cli.workspace.with_name("work.journeymap.lock")
        lock.write_text(f"{other.pid}\n{socket.gethostname()}\n")
        code, out, err = run_cli("new", "B")
        assert code == 0, err
        assert len(lines(err, "warning")) == 1 and "stale lock" in err
        assert not lock.exists()
    finally:
        other.kill()
        other.wait()


def test_a_workspace_held_by_a_live_journeymap_is_refused_naming_its_pid(run_cli, tmp_path):
    new_map(run_cli, "A")
    holder = start_holder(run_cli.workspace)
    try:
        before = fingerprint(tmp_path)
        err = refused(run_cli("new", "B"), tmp_path, before)
        assert f"pid {holder.pid}" in err and "being edited" in err
        assert run_cli("list")[0] == 0  # readers still work
    finally:
        holder.kill()
        holder.wait()
    code, out, err = run_cli("new", "C")  # its OS lock died with it
    assert code == 0 and "stale lock" in err


def test_a_lock_file_that_is_a_folder_is_refused_in_one_sentence(run_cli, tmp_path):
    new_map(run_cli, "A")
    run_cli.workspace.with_name("work.journeymap.lock").mkdir()
    before = fingerprint(tmp_path)
    err = refused(run_cli("new", "B"), tmp_path, before)
    assert "lock file" in err


# -- things that are not a workspace file ------------------------------------------------------------
def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def make_folder(path: Path) -> None:
    path.mkdir()


def make_empty(path: Path) -> None:
    path.write_bytes(b"")


def make_newer(path: Path) -> None:
    make_ours(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=99")
    conn.close()


def make_ours(path: Path) -> None:
    from journeymap.storage import Workspace

    Workspace.open(path).close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (make_fifo, "is a named pipe (FIFO), not a Journeymap workspace"),
        (make_socket, "is a socket, not a Journeymap workspace"),
        (make_folder, "is a folder, not a Journeymap workspace"),
        (make_empty, "is empty, not a Journeymap workspace"),
        (make_newer, "made by a newer Journeymap"),
    ],
    ids=["fifo", "socket", "folder", "empty", "newer"],
)
@pytest.mark.parametrize("argv", [["list"], ["new", "X"]], ids=["read", "write"])
def test_what_is_not_a_readable_workspace_is_named_in_one_sentence(
    run_cli, tmp_path, make, words, argv
):
    make(run_cli.workspace)
    before = fingerprint(tmp_path)
    err = refused(run_cli(*argv), tmp_path, before)
    assert words in err and str(run_cli.workspace) in err


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
@pytest.mark.parametrize(("make", "words"), [(make_folder, "a folder"), (make_fifo, "FIFO")])
@pytest.mark.parametrize("argv", [["list"], ["new", "X"]], ids=["read", "write"])
def test_a_journal_file_that_is_not_a_file_is_one_sentence(
    run_cli, tmp_path, suffix, make, words, argv
):
    new_map(run_cli, "A")
    make(run_cli.workspace.with_name("work.journeymap" + suffix))
    before = fingerprint(tmp_path)
    err = refused(run_cli(*argv), tmp_path, before)
    assert f"work.journeymap{suffix}" in err and words in err


@pytest.mark.parametrize("argv", [["list"], ["new", "X"]], ids=["read", "write"])
def test_a_symlink_loop_as_workspace_is_one_sentence(run_cli, tmp_path, argv):
    other = tmp_path / "other.journeymap"
    run_cli.workspace.symlink_to(other)
    other.symlink_to(run_cli.workspace)
    before = fingerprint(tmp_path)
    err = refused(run_cli(*argv), tmp_path, before)
    assert "loop" in err


def test_a_workspace_locked_by_another_program_is_named_in_one_sentence(
    run_cli, tmp_path, monkeypatch
):
    new_map(run_cli, "A")
    monkeypatch.setattr(storage_sqlite, "BUSY_TIMEOUT_SECONDS", 0.1)
    other = sqlite3.connect(run_cli.workspace, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE maps SET name = name")
    try:
        before = fingerprint(tmp_path)
        for argv in (["list"], ["new", "B"]):
            err = refused(run_cli(*argv), tmp_path, before)
            assert "locked by another program" in err
    finally:
        other.rollback()
        other.close()


# -- backups folder is a file ------------------------------------------------------------------------
def test_a_backups_folder_that_is_a_file_only_warns_and_the_write_goes_on(run_cli, tmp_path):
    new_map(run_cli, "A")
    backups = run_cli.workspace.with_name("work.backups")
    shutil.rmtree(backups, ignore_errors=True)
    backups.write_text("not a folder")
    code, out, err = run_cli("new", "B")
    assert code == 0, err
    assert len(err.splitlines()) == 1 and len(lines(err, "warning")) == 1, err
    assert "is a file, not a folder" in err
    assert backups.read_text() == "not a folder"
    assert not run_cli.workspace.with_name("work.journeymap.lock").exists()
    code, out, err = run_cli("list", "--json")
    assert sorted(m["name"] for m in json.loads(out)) == ["A", "B"]


# -- values of the wrong type in the database --------------------------------------------------------
@pytest.mark.parametrize(
    ("sql", "command", "where"),
    [
        ("UPDATE touchpoints SET experience = 'very good'", "export", "touchpoints.experience"),
        ("UPDATE touchpoints SET title = NULL", "check", "touchpoints.title"),
        ("UPDATE touchpoints SET votes = 'not json'", "export", "touchpoints.votes"),
        ("UPDATE touchpoints SET raci = '[1, 2]'", "check", "touchpoints.raci"),
        ("UPDATE touchpoints SET pos = 'first'", "export", "touchpoints.pos"),
        ("UPDATE stages SET days = x'00ff'", "check", "stages.days"),
        ("UPDATE connections SET loop = 'yes'", "export", "connections.loop"),
        ("UPDATE maps SET mapping = '{\"a\": 1}'", "export", "maps.mapping"),
        ("UPDATE maps SET name = x'ff'", "list", "maps.name"),
        ("UPDATE maps SET description = NULL", "export", "maps.description"),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v and " " not in v else None,
)
def test_a_value_of_the_wrong_type_in_the_database_is_one_sentence(
    run_cli, tmp_path, sql, command, where
):
    map_id = new_map(run_cli, "A")
    conn = sqlite3.connect(run_cli.workspace)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(sql)
    conn.commit()
    conn.close()
    argv = {
        "export": ["export", map_id, "--format", "json", "-o", str(tmp_path / "m.json")],
        "check": ["check", map_id, "--json"],
        "list": ["list", "--json"],
    }[command]
    before = fingerprint(tmp_path)
    code, out, err = run_cli(*argv)
    assert code == 2, err
    assert len(err.splitlines()) == 1 and len(lines(err, "error")) == 1, err
    assert where in err and str(run_cli.workspace) in err and "journeymap restore" in err
    assert unchanged_but_sqlite_side_files(before, fingerprint(tmp_path), run_cli.workspace)


def test_a_saved_comparison_that_is_not_json_is_one_sentence(run_cli, tmp_path):
    map_id = new_map(run_cli, "A")
    conn = sqlite3.connect(run_cli.workspace)
    conn.execute(
        "INSERT INTO comparisons (map_id, created, result) VALUES (?, '2026-01-01', '{')",
        (map_id,),
    )
    conn.commit()
    conn.close()
    code, out, err = run_cli("history", map_id)
    assert code == 2 and len(lines(err, "error")) == 1, err
    assert "comparisons.result" in err


# -- a workspace path that is not UTF-8 ---------------------------------------------------------------
def run_bytes(*argv: bytes, env=None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("JOURNEYMAP_WORKSPACE", None)
    return subprocess.run(
        [os.fsencode(sys.executable), os.fsencode(ROOT / "main.py"), *argv],
        capture_output=True,
        env=environment,
        timeout=120,
    )


def test_a_workspace_path_that_is_not_utf8_works_and_errors_stay_one_line(tmp_path):
    path = os.fsencode(tmp_path) + b"/caf\xe9\xff.journeymap"
    made = run_bytes(b"new", b"A", b"--workspace", path)
    assert made.returncode == 0, made.stderr
    assert run_bytes(b"new", b"B", b"--workspace", path).returncode == 0  # + daily backup
    listed = run_bytes(b"list", b"--json", b"--workspace", path)
    assert listed.returncode == 0 and listed.stderr == b""
    assert sorted(m["name"] for m in json.loads(listed.stdout)) == ["A", "B"]
    assert os.path.exists(path) and len(os.listdir(os.fsencode(tmp_path) + b"/caf\xe9\xff.backups"))
    missing = run_bytes(b"rename", b"nope", b"C", b"--workspace", path)
    assert missing.returncode == 2
    assert missing.stderr.count(b"journeymap: error:") == 1 and missing.stderr.count(b"\n") == 1


# -- a read-only folder holding a -wal with committed changes -----------------------------------------
# As root, permission bits are ignored; a subprocess without CAP_DAC_OVERRIDE obeys them.
NO_OVERRIDE = [
    "setpriv",
    "--inh-caps=-all",
    "--bounding-set=-dac_override,-dac_read_search,-fowner",
]

LEAVE_WAL = textwrap.dedent(
    """
    import os, sys
    from journeymap.model import Map
    from journeymap.storage import Workspace
    ws = Workspace.open(sys.argv[1])
    ws.add_map(Map(id="map-late", name="Only in the wal"))
    os._exit(0)  # as a crash would: no checkpoint, the change stays in the -wal
    """
)


def can_drop_privileges() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run([*NO_OVERRIDE, "true"], capture_output=True)
    return probe.returncode == 0


needs_setpriv = pytest.mark.skipif(
    not can_drop_privileges(), reason="needs root and setpriv to make a folder truly read-only"
)


@pytest.fixture
def read_only_folder_with_wal(run_cli, tmp_path):
    new_map(run_cli, "A")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", LEAVE_WAL, str(run_cli.workspace)], env=env, check=True)
    wal = run_cli.workspace.with_name("work.journeymap-wal")
    assert wal.stat().st_size > 32
    # Copied to a read-only medium: the -wal comes along, the -shm (shared memory) does not.
    run_cli.workspace.with_name("work.journeymap-shm").unlink()
    run_cli.workspace.with_name("work.journeymap.lock").unlink()
    folder = tmp_path
    folder.chmod(0o555)
    yield run_cli.workspace
    folder.chmod(0o755)


def run_unprivileged(*argv: str, tmpdir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmpdir)}
    env.pop("JOURNEYMAP_WORKSPACE", None)
    return subprocess.run(
        [*NO_OVERRIDE, sys.executable, str(ROOT / "main.py"), *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@needs_setpriv
def test_a_read_only_folder_shows_the_changes_still_in_the_wal(
    read_only_folder_with_wal, tmp_path_factory
):
    workspace = read_only_folder_with_wal
    scratch = tmp_path_factory.mktemp("scratch")
    before = fingerprint(workspace.parent)
    result = run_unprivileged("list", "--json", "--workspace", str(workspace), tmpdir=scratch)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert sorted(m["name"] for m in json.loads(result.stdout)) == ["A", "Only in the wal"]
    assert fingerprint(workspace.parent) == before
    assert list(scratch.iterdir()) == []  # the private copy is gone


@needs_setpriv
def test_a_read_only_folder_whose_wal_cannot_be_read_says_so(
    read_only_folder_with_wal, tmp_path_factory
):
    workspace = read_only_folder_with_wal
    wal = workspace.with_name("work.journeymap-wal")
    wal.chmod(0o000)  # the changes are there, but cannot be read (nor copied aside)
    before = fingerprint(workspace.parent)
    scratch = tmp_path_factory.mktemp("scratch")
    result = run_unprivileged("list", "--workspace", str(workspace), tmpdir=scratch)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and len(lines(result.stderr, "error")) == 1
    assert "latest changes" in result.stderr and "work.journeymap-wal" in result.stderr
    assert fingerprint(workspace.parent) == before
    assert list(scratch.iterdir()) == []


@needs_setpriv
def test_a_writer_in_a_truly_read_only_folder_is_refused_in_one_sentence(
    read_only_folder_with_wal, tmp_path_factory
):
    workspace = read_only_folder_with_wal
    before = fingerprint(workspace.parent)
    scratch = tmp_path_factory.mktemp("scratch")
    result = run_unprivileged("new", "B", "--workspace", str(workspace), tmpdir=scratch)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "read-only" in result.stderr
    assert fingerprint(workspace.parent) == before
