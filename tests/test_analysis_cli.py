"""`journeymap check MAP [--json]`: output and exit codes (0 clean, 1 errors, 2 bad input)."""

from __future__ import annotations

import json
import textwrap

import pytest

pytest.importorskip("journeymap.storage")

BROKEN_SHEET = textwrap.dedent("""\
    Stage,Lane,Touchpoint,R,A,Next,Loops
    Reach,Marketing,Sees ad,Marketer,Head of marketing,Visits site;Webinar,
    Engage,Customer,Visits site,Marketer,Head of marketing,Signs,
    Engage,Marketing,Webinar,Marketer,Head of marketing,,
    Enroll,Sales,Signs,Sales rep,Sales lead,,Sees ad
    """)


@pytest.fixture
def cli(run_cli):
    return run_cli


def test_check_of_a_clean_template_exits_0_with_a_text_report(cli):
    code, map_id, _ = cli("new", "Acquisition", "--template", "acquisition")
    assert code == 0
    code, out, err = cli("check", map_id.strip())
    assert (code, err) == (0, "")
    assert out.startswith("Map Acquisition: 0 errors, 0 warnings.\n")
    assert "Key figures" in out


def test_check_json_is_printed_also_when_errors_exit_1(cli, tmp_path):
    sheet = tmp_path / "broken.csv"
    sheet.write_text(BROKEN_SHEET, encoding="utf-8")
    code, map_id, _ = cli("import", sheet, "--name", "Broken")
    assert code == 0
    code, out, _ = cli("check", "Broken", "--json")
    assert code == 1
    data = json.loads(out)
    assert [(p["code"], p["touchpoints"]) for p in data["problems"]] == [
        ("dead-end", ["Webinar"]),
    ]
    assert data["figures"]["goals"] == ["Signs"]
    assert data["figures"]["loops"] == 1


def test_check_of_an_unknown_map_is_one_error_line_and_exit_2(cli):
    code, out, err = cli("check", "No such map")
    assert (code, out) == (2, "")
    assert err.startswith("journeymap: error: ")
    assert len(err.strip().splitlines()) == 1
