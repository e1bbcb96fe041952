"""`journeymap compare` and `journeymap history`: output, saving, exit codes."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import textwrap

import pytest

pytest.importorskip("journeymap.storage")

SHEET = textwrap.dedent("""\
    Stage,Lane,Touchpoint,Next,Loops,Days
    Reach,Marketing,Sees ad,Discovery call,,1
    Engage,Sales,Discovery call,Demo,,3
    Engage,Sales,Demo,Renews,,
    Retain,Customer,Renews,,,
    """)

LOG = textwrap.dedent("""\
    case;activity;timestamp;channel
    1;Sees ad;2026-03-01T09:00:00Z;web
    1;Discovery call;2026-03-02T09:00:00Z;web
    1;Demo;2026-03-09T09:00:00Z;event
    1;Renews;2026-03-10T09:00:00Z;
    2;Sees ad;2026-03-01T10:00:00+01:00;event
    2;Demo;2026-03-05T09:00:00Z;event
    3;Chatbot;2026-03-03T09:00:00Z;
    3;;2026-03-04T09:00:00Z;
    """)


@pytest.fixture
def cli(run_cli, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    code, map_id, _ = run_cli("import", sheet, "--name", "Journey")
    assert code == 0
    run_cli.map_id = map_id.strip()
    return run_cli


@pytest.fixture
def log_file(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(LOG, encoding="utf-8")
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_compare_json_prints_the_contract_figures_and_warns_on_stderr(cli, log_file):
    code, out, err = cli("compare", "Journey", "--log", log_file, "--json")
    assert code == 0
    result = json.loads(out)
    assert (result["cases"], result["events"], result["skipped_rows"]) == (3, 7, 1)
    assert result["conforming_cases"] == 2  # case 1, and case 3 (one event)
    assert result["reached_goal"] == 1
    assert result["deviations"] == {"Sees ad -> Demo": 1}
    assert result["median_days"]["Discovery call -> Demo"] == 7.0
    assert result["unmatched_activities"] == {"Chatbot": 1}
    assert err == (
        "journeymap: warning: Skipped 1 row of events.csv that lack a case, an activity or a "
        "readable timestamp; the first is row 9 (no activity).\n"
    )


def test_compare_saves_into_history_unless_no_save(cli, log_file):
    before = digest(cli.workspace)
    assert cli("compare", "Journey", "--log", log_file, "--no-save")[0] == 0
    assert digest(cli.workspace) == before
    assert cli("compare", "Journey", "--log", log_file, "--json")[0] == 0
    assert cli("compare", cli.map_id, "--log", log_file, "--since", "2026-03-04", "--json")[0] == 0
    code, out, _ = cli("history", "Journey", "--json")
    assert code == 0
    saved = json.loads(out)
    assert [entry["result"]["cases"] for entry in saved] == [3, 2]  # oldest first
    assert saved[0]["id"] < saved[1]["id"]
    assert saved[1]["result"]["period"]["outside_period"] == 4
    code, out, _ = cli("history", "Journey")
    assert code == 0 and len(out.strip().splitlines()) == 2 and "events.csv" in out


def test_compare_text_summary_tells_expected_against_actual(cli, log_file):
    code, out, _ = cli("compare", "Journey", "--log", log_file, "--no-save")
    assert code == 0
    assert out.startswith("Journey vs events.csv: 3 cases, 7 events (1 row skipped).")
    assert "Discovery call -> Demo: expected 3 days, took 7 days" in out


def test_segments_by_a_column(cli, log_file):
    code, out, _ = cli("compare", "Journey", "--log", log_file, "--segment", "Channel", "--json",
                       "--no-save")  # fmt: skip
    assert code == 0
    segments = json.loads(out)["segments"]
    assert {k: v["cases"] for k, v in segments.items()} == {"(none)": 1, "event": 1, "web": 1}


def test_column_overrides_and_mapping_file(cli, tmp_path):
    log = tmp_path / "renamed.csv"
    log.write_text("id,step,at\n1,Ad click,2026-03-01\n1,Call,2026-03-02\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"ad click": "Sees ad", "call": "Discovery call"}', encoding="utf-8")
    code, out, _ = cli("compare", "Journey", "--log", log, "--case-col", "id", "--activity-col",
                       "step", "--timestamp-col", "at", "--mapping", mapping, "--json",
                       "--no-save")  # fmt: skip
    assert code == 0
    assert json.loads(out)["transitions"] == {"Sees ad -> Discovery call": 1}


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--timestamp-col", "when"], "no column 'when'"),
        (["--segment", "region"], "no column 'region'"),
        (["--since", "yesterday"], "--since 'yesterday'"),
        (["--since", "2026-04-01", "--until", "2026-03-01"], "comes after --until"),
        (["-o", "no-such-folder/report.pdf"], "no-such-folder"),
    ],
)
def test_bad_input_is_one_error_line_exit_2_and_nothing_saved(cli, log_file, extra, fragment):
    before = digest(cli.workspace)
    code, out, err = cli("compare", "Journey", "--log", log_file, *extra)
    assert (code, out) == (2, "")
    assert err.startswith("journeymap: error: ") and fragment in err
    assert len(err.strip().splitlines()) == 1
    assert digest(cli.workspace) == before


def test_missing_log_unknown_map_and_not_a_log(cli, log_file, tmp_path):
    code, _, err = cli("compare", "Journey", "--log", tmp_path / "nope.csv")
    assert code == 2 and "nope.csv" in err
    code, _, err = cli("compare", "Nobody", "--log", log_file)
    assert code == 2 and "Nobody" in err
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)))
    code, _, err = cli("compare", "Journey", "--log", garbage)
    assert code == 2 and "garbage.bin" in err


def test_a_mapping_to_an_unknown_title_is_the_only_line_even_when_rows_are_skipped(
    cli, log_file, tmp_path
):
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"Chatbot": "Nowhere"}', encoding="utf-8")
    before = digest(cli.workspace)
    code, out, err = cli("compare", "Journey", "--log", log_file, "--mapping", mapping)
    assert (code, out) == (2, "")
    assert err.startswith("journeymap: error: ") and len(err.strip().splitlines()) == 1
    assert "'Nowhere'" in err and digest(cli.workspace) == before


def test_a_folder_given_as_log_or_output_is_named_as_a_folder(cli, log_file, tmp_path):
    code, _, err = cli("compare", "Journey", "--log", tmp_path, "--no-save")
    assert code == 2 and "is a folder" in err
    if importlib.util.find_spec("journeymap.export.compare_sheet.writer"):
        code, _, err = cli("compare", "Journey", "--log", log_file, "-o", tmp_path)
        assert code == 2 and "is a folder" in err and ".partial" not in err


def test_a_read_only_workspace_refuses_saving_before_reading_and_hints_no_save(
    cli, log_file, monkeypatch
):
    import journeymap.eventlog as eventlog

    cli.workspace.chmod(0o444)
    try:
        before = digest(cli.workspace)
        monkeypatch.setattr(eventlog, "read_log", lambda *a, **k: pytest.fail("log was read"))
        code, out, err = cli("compare", "Journey", "--log", log_file)
        assert (code, out) == (2, "")
        assert "read-only" in err and "Add --no-save" in err
        assert len(err.strip().splitlines()) == 1 and digest(cli.workspace) == before
    finally:
        cli.workspace.chmod(0o644)


def test_history_of_a_map_without_comparisons(cli):
    code, out, _ = cli("history", "Journey", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, err = cli("history", "Journey")
    assert (code, out) == (0, "") and err.startswith("journeymap: this map has no saved")
