"""The command-line contract of product.md: output, exit codes, one-line errors, no damage."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.main import main  # the program as installed (editor and images plugged in)
from tests.cli_helpers import Result, assert_one_error_line, file_only, on_both_kinds

ROOT = Path(__file__).resolve().parents[1]
pytest_generate_tests = on_both_kinds  # a file and a server, but for the file_only tests




def digest(workspace) -> str:
    """The workspace's content: a file's bytes, or a server's maps as map files."""
    if isinstance(workspace, Path):
        return hashlib.sha256(workspace.read_bytes()).hexdigest() if workspace.exists() \
            else "missing"
    from journeymap.io.mapfile import map_to_dict
    from journeymap.storage import Workspace

    with Workspace.open(workspace, readonly=True) as ws:
        maps = [map_to_dict(ws.load_map(s.id)) for s in ws.list_maps()]
    return hashlib.sha256(json.dumps(maps, sort_keys=True).encode()).hexdigest()


SHEET = textwrap.dedent("""\
    Stage,Lane,Touchpoint,Channel,Experience (-2..2),Owner,R,A,Next,Loops,Days
    Reach,Marketing,Sees ad,social,1,Mia,Marketer,Head of marketing,Visits site,,2
    Engage,Customer,Visits site,web,0,Mia,Marketer,Head of marketing,Books demo,,1.5
    Engage,Sales,Books demo,email,2,Sam,Sales rep,Sales lead,Signs,,
    Enroll,Sales,Signs,document,1,Sam,Sales rep,Sales lead,Support,,
    Enroll,Service,Support,phone,-1,Ola,Agent,Support lead,,Signs,
    """)


def write_sheet(tmp_path, text=SHEET, name="sheet.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_version_and_help_work_without_a_workspace(cli):
    with pytest.raises(SystemExit) as exit_info:
        cli("--version", workspace=False)
    assert exit_info.value.code == 0


def test_new_prints_only_the_id_and_list_json_shows_the_map(cli, ws):
    created = cli("new", "Renewal 2027")
    assert created.code == 0
    map_id = created.out.strip()
    assert created.out == f"{map_id}\n" and " " not in map_id
    listed = json.loads(cli("list", "--json").out)
    assert [row["id"] for row in listed] == [map_id]
    on_server = {"editing"} if not isinstance(ws, Path) else set()
    assert set(listed[0]) == {"id", "name", "touchpoints", "updated", *on_server}
    assert listed[0]["name"] == "Renewal 2027"


def test_templates_lists_key_tab_description_and_new_from_each(cli):
    result = cli("templates", workspace=False)
    lines = result.out.strip().splitlines()
    assert len(lines) == 7
    keys = [line.split("\t")[0] for line in lines]
    assert "acquisition" in keys and "renewal" in keys
    assert all(len(line.split("\t")) == 2 and line.split("\t")[1] for line in lines)
    for key in keys:
        assert cli("new", f"From {key}", "--template", key).code == 0
    rows = json.loads(cli("list", "--json").out)
    assert all(row["touchpoints"] >= 10 for row in rows)


def test_unknown_template_is_a_usage_error(cli, ws):
    assert_one_error_line(cli("new", "X", "--template", "nope"), "nope")


def test_workspace_option_before_or_after_and_env(cli, ws, tmp_path, monkeypatch):
    map_id = cli("new", "A").out.strip()
    assert main(["--workspace", str(ws), "list", "--json"]) == 0
    other = tmp_path / "env.journeymap"
    monkeypatch.setenv("JOURNEYMAP_WORKSPACE", str(other))
    assert main(["new", "In env"]) == 0
    assert other.exists()
    assert map_id


def test_sheet_json_round_trip_is_byte_identical(cli, tmp_path):
    sheet = write_sheet(tmp_path)
    imported = cli("import", sheet)
    assert imported.code == 0, imported.err
    first_id = imported.out.strip()
    first, second, third = (tmp_path / f"{n}.json" for n in ("1", "2", "3"))
    assert cli("export", first_id, "--format", "json", "-o", first).code == 0
    second_id = cli("import", first).out.strip()
    assert cli("export", second_id, "--format", "json", "-o", second).code == 0
    assert first.read_bytes() == second.read_bytes()
    renamed_id = cli("import", second, "--name", "Renamed").out.strip()
    assert cli("export", renamed_id, "--format", "json", "-o", third).code == 0
    a, b = json.loads(first.read_text()), json.loads(third.read_text())
    assert b["map"].pop("name") == "Renamed"
    a["map"].pop("name")
    assert a == b


def test_export_to_sheet_and_back(cli, tmp_path):
    map_id = cli("import", write_sheet(tmp_path)).out.strip()
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"again.{fmt}"
        assert cli("export", map_id, "--format", fmt, "-o", out).code == 0
        again = cli("import", out)
        assert again.code == 0, again.err
        j1, j2 = tmp_path / "j1.json", tmp_path / "j2.json"
        cli("export", map_id, "--format", "json", "-o", j1)
        cli("export", again.out.strip(), "--format", "json", "-o", j2)
        m1, m2 = json.loads(j1.read_text())["map"], json.loads(j2.read_text())["map"]
        assert [t["title"] for t in m1["touchpoints"]] == [t["title"] for t in m2["touchpoints"]]
        assert len(m1["connections"]) == len(m2["connections"])


def test_ambiguous_name_lists_the_ids(cli):
    first = cli("new", "Same").out.strip()
    second = cli("new", "Same").out.strip()
    result = cli("rename", "Same", "Other")
    assert_one_error_line(result, first, second)
    assert cli("rename", first, "Other").code == 0
    names = sorted(row["name"] for row in json.loads(cli("list", "--json").out))
    assert names == ["Other", "Same"]


def test_duplicate_and_delete(cli):
    map_id = cli("new", "Orig", "--template", "upsell").out.strip()
    copy_id = cli("duplicate", "Orig").out.strip()
    assert copy_id != map_id
    named = cli("duplicate", map_id, "--name", "Copy two").out.strip()
    rows = {row["id"]: row for row in json.loads(cli("list", "--json").out)}
    assert rows[copy_id]["name"] == "Orig (copy)" and rows[named]["name"] == "Copy two"
    assert rows[copy_id]["touchpoints"] == rows[map_id]["touchpoints"]
    assert cli("delete", copy_id).code == 0
    assert copy_id not in {row["id"] for row in json.loads(cli("list", "--json").out)}
    assert_one_error_line(cli("delete", copy_id), copy_id)


BAD_FILES = {
    "binary.csv": bytes(range(256)) * 4,
    "empty.csv": b"",
    "wrong.csv": b"Name,Value\nA,1\n",
    "truncated.json": b'{"format": "journeymap", "version": 1, "map": {"name": "x", ',
    "newer.json": json.dumps({"format": "journeymap", "version": 99, "map": {}}).encode(),
    "unknown.txt": b"hello",
    "notes.xlsx": b"PK\x03\x04 not really a spreadsheet",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_import_files_give_one_line_and_leave_the_workspace_as_it_was(cli, ws, tmp_path, name):
    cli("new", "Existing")
    before = digest(ws)
    bad = tmp_path / name
    bad.write_bytes(BAD_FILES[name])
    result = cli("import", bad)
    assert_one_error_line(result, name)
    assert digest(ws) == before


def test_sheet_errors_name_row_and_column(cli, tmp_path):
    text = SHEET.replace("Reach,Marketing,Sees ad,social,1", "Reach,Marketing,Sees ad,social,7")
    assert_one_error_line(cli("import", write_sheet(tmp_path, text)), "row 2", "Experience")
    text = SHEET.replace("Books demo,email,2,Sam,Sales rep,Sales lead,Signs", "Books demo,email,2,Sam,Sales rep,Sales lead,Nowhere")
    assert_one_error_line(cli("import", write_sheet(tmp_path, text)), "Nowhere")


def test_not_a_workspace_and_missing_file_for_readers(cli, tmp_path):
    fake = tmp_path / "fake.journeymap"
    fake.write_text("this is not a database")
    before = digest(fake)
    result = Result(main(["list", "--workspace", str(fake)]), "", "")
    assert result.code == 2
    assert digest(fake) == before
    assert main(["list", "--workspace", str(tmp_path / "absent.journeymap")]) == 2


@file_only
def test_read_only_workspace_reads_but_refuses_writes(cli, ws, tmp_path):
    map_id = cli("new", "Kept", "--template", "renewal").out.strip()
    ws.chmod(0o444)
    try:
        before = digest(ws)
        assert json.loads(cli("list", "--json").out)[0]["id"] == map_id
        assert cli("export", map_id, "--format", "json", "-o", tmp_path / "k.json").code == 0
        assert_one_error_line(cli("new", "Refused"), "read-only")
        assert digest(ws) == before
    finally:
        ws.chmod(0o644)


HOLDER = """
import sys, time
from pathlib import Path
from journeymap.storage import Workspace
ws = Workspace.open(Path(sys.argv[1]))
print("ready", flush=True)
time.sleep(60)
"""


@file_only
def test_second_writer_is_refused_while_readers_work(cli, ws, tmp_path):
    map_id = cli("new", "Shared", "--template", "acquisition").out.strip()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(ws)], stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "ready"
        before = digest(ws)
        result = cli("import", write_sheet(tmp_path))
        assert_one_error_line(result, "another Journeymap window", f"pid {holder.pid}")
        assert digest(ws) == before
        assert cli("list", "--json").code == 0
        assert cli("export", map_id, "--format", "csv", "-o", tmp_path / "x.csv").code == 0
    finally:
        holder.kill()
        holder.wait()


def test_console_script_entry_runs_as_a_process(ws, tmp_path):
    env = {**os.environ, "JOURNEYMAP_WORKSPACE": str(ws)}
    out = subprocess.run([sys.executable, "main.py", "new", "Proc"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    bad = subprocess.run([sys.executable, "main.py", "export", "Nope", "--format", "json",
                          "-o", str(tmp_path / "n.json")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.startswith("journeymap: error:") and "Nope" in bad.stderr
    assert "Traceback" not in bad.stderr


# -- review regressions ----------------------------------------------------------------------
COMMANDS = ("gui", "new", "list", "templates", "import", "rename", "duplicate", "delete",
            "export", "check", "compare", "history", "backups", "restore")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_starts_with_a_sentence_and_explains_its_arguments(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    description = text.split("\n\n")[1]
    assert description[0].isupper() and description.rstrip().endswith(".")
    positional = text.split("positional arguments:\n")[1:]
    for block in positional:  # every positional argument has a help text after its name
        first = block.split("\n\n")[0].splitlines()
        assert all(len(line.split()) > 1 for line in first if line.startswith("  ") and
                   not line.startswith("   ")), block


def test_a_folder_given_to_import_or_as_export_output_is_named_as_a_folder(cli, ws, tmp_path):
    map_id = cli("new", "A").out.strip()
    before = digest(ws)
    assert_one_error_line(cli("import", tmp_path), "is a folder")
    result = cli("export", map_id, "--format", "json", "-o", tmp_path)
    assert_one_error_line(result, "is a folder")
    assert ".partial" not in result.err and digest(ws) == before


def test_a_failed_export_write_names_the_output_and_leaves_no_file(cli, tmp_path, monkeypatch):
    import journeymap.cli.transfer_cmd as transfer

    def refuse(journey_map, fmt, out, **options):
        out.write(b"half")
        raise PermissionError(13, "Permission denied", out.name)

    map_id = cli("new", "A").out.strip()
    monkeypatch.setattr(transfer, "write", refuse)
    out = tmp_path / "map.json"
    result = cli("export", map_id, "--format", "json", "-o", out)
    assert_one_error_line(result, f"{out} cannot be written: Permission denied")
    assert ".partial" not in result.err
    assert not out.exists() and not list(tmp_path.glob(".*partial"))


@file_only
def test_a_refused_import_prints_only_its_error_not_the_sheet_warnings(cli, ws, tmp_path):
    cli("new", "Kept")
    sheet = write_sheet(tmp_path, SHEET.replace("Days\n", "Days,Mood\n", 1))
    ws.chmod(0o444)
    try:
        result = cli("import", sheet)
    finally:
        ws.chmod(0o644)
    assert_one_error_line(result, "read-only")
    warned = cli("import", sheet)
    assert warned.code == 0
    assert warned.err.startswith('journeymap: warning: sheet.csv: the column "Mood"')


@file_only
def test_core_log_messages_reach_the_console_as_lowercase_warning_lines(cli, ws):
    import socket

    cli("new", "A")
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    lock = ws.with_name(ws.name + ".lock")  # left by a writer that died
    lock.write_text(f"{finished.pid}\n{socket.gethostname()}\n")
    result = cli("new", "B")
    assert result.code == 0
    assert result.err.startswith("journeymap: warning: Took over the stale lock")
    assert len(result.err.splitlines()) == 1


def test_python_warnings_become_one_warning_line(cli, monkeypatch):
    import warnings

    import journeymap.cli.maps_cmd as maps

    def noisy(args):
        warnings.warn("Workbook contains no default style", UserWarning, stacklevel=1)
        return 0

    monkeypatch.setattr(maps, "templates", noisy)
    result = cli("templates", workspace=False)
    assert result.code == 0
    assert result.err == "journeymap: warning: Workbook contains no default style\n"


def test_rename_and_duplicate_check_the_new_name_like_the_editor(cli, ws):
    cli("new", "A")
    before = digest(ws)
    assert_one_error_line(cli("rename", "A", "   "), "A map name cannot be empty")
    assert_one_error_line(cli("duplicate", "A", "--name", "x" * 20_001),
                          "A map name cannot be longer than 20000 characters.")
    assert digest(ws) == before
    copy_id = cli("duplicate", "A", "--name", "  Copy  ").out.strip()
    assert {row["id"]: row["name"] for row in json.loads(cli("list", "--json").out)}[
        copy_id] == "Copy"


def test_an_unexpected_bug_is_one_line_with_the_trace_in_a_file(cli, monkeypatch):
    from journeymap.cli import maps_cmd

    def broken(args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(maps_cmd, "list_maps", broken)
    result = cli("list")
    assert_one_error_line(result, "ZeroDivisionError", "journeymap-crash-")
    report = Path(result.err.split("details are in ")[1].rstrip(".\n"))
    assert "ZeroDivisionError" in report.read_text()
    report.unlink()
