"""No export ever destroys a file it should not, and none leaves half a file behind.

Every `-o` is refused in one sentence (exit 2, nothing changed) when it is, or is a hard link
or symlink to, the workspace, its -wal/-shm/-journal/lock files, a backup, or an input of the
same command; a folder, a device, a FIFO, a socket, a read-only file, or a path in a folder that
does not exist. Temporary files are made with O_CREAT|O_EXCL, so a planted symlink is never
followed. A full disk is one line, exit 2, and no partial or temporary file, in every format.
PNG and SVG never need a display.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from journeymap.io.safe_output import replacing

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["json", "csv", "xlsx", "pdf", "raci-pdf", "raci-csv", "raci-xlsx", "ranking-csv",
           "png", "svg"]
LOG = "case,activity,timestamp\n1,Sees an ad,2026-03-01T09:00:00Z\n"


def fingerprint(*folders: Path, sqlite_sidecars: bool = True) -> dict:
    """Every entry below the folders: its kind, and a file's hash and mode. Without
    `sqlite_sidecars`, the -wal and -shm files a reading command's SQLite may leave are
    left out (the workspace file itself always counts)."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not sqlite_sidecars and path.name.endswith(("-wal", "-shm")):
                continue
            info = path.lstat()
            if stat.S_ISREG(info.st_mode):
                found[path] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(),
                               stat.S_IMODE(info.st_mode), info.st_ino)
            elif stat.S_ISLNK(info.st_mode):
                found[path] = ("link", os.readlink(path))
            else:
                found[path] = (stat.S_IFMT(info.st_mode), info.st_ino)
    return found


def assert_one_error(code: int, out: str, err: str, *fragments: str) -> None:
    assert (code, out) == (2, ""), err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("journeymap: error: "), err
    assert "internal problem" not in err and "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def made(run_cli, tmp_path):
    """A workspace with one map and one backup; returns the map id."""
    from journeymap.storage import Workspace

    code, out, err = run_cli("new", "Acquisition", "--template", "acquisition")
    assert code == 0, err
    workspace = Workspace.open(run_cli.workspace)
    run_cli.backup = workspace.backup_now().path
    workspace.close()
    return out.strip()


# -- refused outputs ---------------------------------------------------------------------------
def _hard_link(target_of):
    def make(ws: Path, tmp: Path, backup: Path) -> Path:
        link = tmp / "innocent.json"
        os.link(target_of(ws, backup), link)
        return link
    return make


def _symlink(ws: Path, tmp: Path, backup: Path) -> Path:
    link = tmp / "shortcut.json"
    link.symlink_to(ws)
    return link


def _fifo(ws: Path, tmp: Path, backup: Path) -> Path:
    os.mkfifo(tmp / "pipe")
    return tmp / "pipe"


def _read_only(ws: Path, tmp: Path, backup: Path) -> Path:
    path = tmp / "locked.json"
    path.write_text("keep me", encoding="utf-8")
    path.chmod(0o444)
    return path


REFUSED = {
    "the workspace": (lambda ws, tmp, backup: ws, "it is the workspace"),
    "its -wal file": (lambda ws, tmp, backup: ws.with_name(ws.name + "-wal"), "-wal file"),
    "its -shm file": (lambda ws, tmp, backup: ws.with_name(ws.name + "-shm"), "-shm file"),
    "its journal": (lambda ws, tmp, backup: ws.with_name(ws.name + "-journal"), "-journal"),
    "its lock file": (lambda ws, tmp, backup: ws.with_name(ws.name + ".lock"), "lock file"),
    "a hard link to it": (_hard_link(lambda ws, backup: ws), "hard link to the workspace"),
    "a symlink to it": (_symlink, "it is the workspace"),
    "a backup": (lambda ws, tmp, backup: backup, "backup folder"),
    "a new file among the backups": (lambda ws, tmp, backup: backup.parent / "x.json",
                                     "backup folder"),
    "a hard link to a backup": (_hard_link(lambda ws, backup: backup), "hard link to a file in"),
    "a FIFO": (_fifo, "FIFO"),
    "a read-only file": (_read_only, "read-only"),
    "a missing folder": (lambda ws, tmp, backup: tmp / "nowhere" / "x.json", "does not exist"),
    "a folder": (lambda ws, tmp, backup: tmp, "is a folder"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_an_output_that_would_destroy_a_file_is_refused_and_nothing_changes(
    run_cli, made, tmp_path, case
):
    make, fragment = REFUSED[case]
    out = make(run_cli.workspace, tmp_path, run_cli.backup)
    before = fingerprint(tmp_path)
    for fmt in ("json", "xlsx"):
        assert_one_error(*run_cli("export", made, "--format", fmt, "-o", out), fragment)
        assert fingerprint(tmp_path) == before


def test_a_device_is_refused_and_stays_a_device(run_cli, made, tmp_path):
    before = os.stat("/dev/null")
    assert_one_error(*run_cli("export", made, "--format", "csv", "-o", "/dev/null"),
                     "character device")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == \
        (before.st_ino, before.st_rdev)


def test_a_socket_is_refused(run_cli, made):
    folder = Path(tempfile.mkdtemp(prefix="jm-"))  # short: socket paths are limited
    path = folder / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert_one_error(*run_cli("export", made, "--format", "json", "-o", path), "socket")
        assert stat.S_ISSOCK(path.lstat().st_mode)
        assert sorted(p.name for p in folder.iterdir()) == ["s"]
    finally:
        server.close()
        path.unlink()
        folder.rmdir()


@pytest.fixture
def compare_files(run_cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Stage,Lane,Touchpoint\nReach,Web,Sees an ad\n", encoding="utf-8")
    assert run_cli("import", sheet, "--name", "Journey")[0] == 0
    log = tmp_path / "events.csv"
    log.write_text(LOG, encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"Ad": "Sees an ad"}', encoding="utf-8")
    return log, mapping


@pytest.mark.parametrize("target", ["log", "mapping", "hard link to the log"])
def test_compare_refuses_to_write_its_report_over_its_own_inputs(
    run_cli, compare_files, tmp_path, target
):
    log, mapping = compare_files
    out = {"log": log, "mapping": mapping, "hard link to the log": tmp_path / "r.pdf"}[target]
    if target.startswith("hard"):
        os.link(log, out)
    before = fingerprint(tmp_path)
    result = run_cli("compare", "Journey", "--log", log, "--mapping", mapping, "-o", out)
    assert_one_error(*result, "--mapping" if target == "mapping" else "--log")
    assert fingerprint(tmp_path) == before
    assert run_cli("history", "Journey", "--json")[1].strip() == "[]"


# -- what is allowed, and how it is written ----------------------------------------------------
def test_a_planted_partial_symlink_is_never_followed(run_cli, made, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "map.json"
    planted = [out.with_name(f".{out.name}.partial"), out.with_name(f".{out.name}.tmp")]
    for link in planted:
        link.symlink_to(victim)
    code, _, err = run_cli("export", made, "--format", "json", "-o", out)
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "precious"
    assert stat.S_ISREG(out.lstat().st_mode) and out.read_text(encoding="utf-8").startswith("{")
    assert all(link.is_symlink() for link in planted)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".map.json.")
                and p not in planted]


def test_an_output_that_is_a_symlink_is_replaced_not_written_through(run_cli, made, tmp_path):
    victim = tmp_path / "elsewhere.csv"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "map.csv"
    out.symlink_to(victim)
    code, _, err = run_cli("export", made, "--format", "csv", "-o", out)
    assert code == 0, err
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not out.is_symlink() and out.read_text(encoding="utf-8").startswith("Stage,")


def test_a_new_output_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(
    run_cli, made, tmp_path
):
    mask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.json"
        assert run_cli("export", made, "--format", "json", "-o", fresh)[0] == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    finally:
        os.umask(mask)
    kept = tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o604)
    assert run_cli("export", made, "--format", "json", "-o", kept)[0] == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604 and kept.read_text("utf-8") != "old"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old report")
    with pytest.raises(RuntimeError), replacing(out) as stream:
        stream.write(b"half a new report")
        raise RuntimeError("the writer broke")
    assert out.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


# -- a full disk ---------------------------------------------------------------------------------
def _disk_full_writes(monkeypatch, code: int) -> None:
    real = os.write

    def write(fd, data):
        if fd <= 2:
            return real(fd, data)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", write)


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_is_one_line_in_every_format_and_leaves_no_file(
    run_cli, made, tmp_path, monkeypatch, capsys, fmt
):
    out = tmp_path / "out" / f"map.{fmt}"
    out.parent.mkdir()
    out.write_bytes(b"the previous export")
    before = fingerprint(tmp_path, sqlite_sidecars=False)
    _disk_full_writes(monkeypatch, errno.ENOSPC if fmt != "pdf" else errno.EDQUOT)
    assert_one_error(*run_cli("export", made, "--format", fmt, "-o", out), "disk is full")
    monkeypatch.undo()
    gc.collect()  # a half-written zip would complain now, from its __del__
    assert capsys.readouterr().err == ""
    assert fingerprint(tmp_path, sqlite_sidecars=False) == before


@pytest.fixture
def full_disk(tmp_path):
    """A full 64 KiB tmpfs (needs root); skipped where it cannot be mounted."""
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                          capture_output=True)
    if made.returncode != 0:
        pytest.skip("a small tmpfs cannot be mounted here (needs root)")
    try:
        (mount / "map.out").write_bytes(b"the previous export")
        (mount / "filler").write_bytes(b"x" * 60 * 1024)  # the last free 4 KiB pages
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def _journeymap(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("JOURNEYMAP_WORKSPACE", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], env=environment,
                          capture_output=True, text=True, timeout=300)


def test_a_really_full_disk_is_one_line_and_leaves_nothing_in_any_format(
    run_cli, made, tmp_path, full_disk
):
    before = fingerprint(tmp_path, sqlite_sidecars=False)
    for fmt in FORMATS:
        result = _journeymap("export", made, "--format", fmt, "-o", str(full_disk / "map.out"),
                             "--workspace", str(run_cli.workspace))
        assert result.returncode == 2, (fmt, result.stderr)
        assert_one_error(result.returncode, result.stdout, result.stderr, "disk is full")
        assert fingerprint(tmp_path, sqlite_sidecars=False) == before, fmt


def test_a_full_disk_during_compare_saves_no_comparison(run_cli, compare_files, full_disk):
    log, _ = compare_files
    before = hashlib.sha256(run_cli.workspace.read_bytes()).hexdigest()
    result = _journeymap("compare", "Journey", "--log", str(log), "-o",
                         str(full_disk / "report.pdf"), "--workspace", str(run_cli.workspace))
    assert_one_error(result.returncode, result.stdout, result.stderr, "disk is full")
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "map.out"]
    assert hashlib.sha256(run_cli.workspace.read_bytes()).hexdigest() == before
    assert run_cli("history", "Journey", "--json")[1].strip() == "[]"


# -- images without a display --------------------------------------------------------------------
def test_png_and_svg_export_with_an_unreachable_display_render_offscreen(run_cli, made, tmp_path):
    unreachable = {"DISPLAY": ":99", "QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": ""}
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml")):
        out = tmp_path / f"map.{fmt}"
        result = _journeymap("export", made, "--format", fmt, "-o", str(out),
                             "--workspace", str(run_cli.workspace), env=unreachable)
        assert result.returncode == 0, result.stderr
        assert "journeymap: error" not in result.stderr
        assert out.read_bytes().startswith(magic)


def test_dash_writes_the_export_to_standard_output_and_no_file_named_dash(tmp_path):
    root = Path(__file__).resolve().parents[1]
    workspace = tmp_path / "w.journeymap"
    base = [sys.executable, str(root / "main.py"), "--workspace", str(workspace)]
    subprocess.run([*base, "new", "Demo", "--template", "acquisition"], check=True,
                   capture_output=True, cwd=tmp_path)
    for fmt, check in (("csv", lambda out: out.startswith(b"Stage,Lane,Touchpoint")),
                       ("json", lambda out: json.loads(out)["map"]["name"] == "Demo"),
                       ("pdf", lambda out: out.startswith(b"%PDF"))):
        done = subprocess.run([*base, "export", "Demo", "--format", fmt, "-o", "-"],
                              capture_output=True, cwd=tmp_path, timeout=120)
        assert done.returncode == 0, done.stderr
        assert check(done.stdout), fmt
        assert done.stderr == b""
    assert not (tmp_path / "-").exists()
