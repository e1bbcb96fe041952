"""The comparison child process (`python -m journeymap.compare_job`): its header probe, its
messages, and the whole protocol through a real subprocess."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import openpyxl

from journeymap.compare_job import answer, detect, header_columns
from journeymap.templates import build_template

ROOT = Path(__file__).resolve().parents[1]


def write_csv(path: Path, header: str = "case,activity,timestamp,channel") -> Path:
    path.write_text(f"{header}\nc1,Discovery call,2026-03-01T09:00:00Z,web\n"
                    "c1,Pilot trial on site,2026-03-09T09:00:00Z,web\n", encoding="utf-8")
    return path


def messages(small_doc, path: Path, **options) -> list[dict]:
    sent: list[dict] = []
    answer({"map": small_doc.map, "log": str(path), "options": options},
           lambda **message: sent.append(message))
    return sent


def test_header_is_read_from_csv_and_xlsx_but_not_guessed_for_xes(tmp_path):
    assert header_columns(write_csv(tmp_path / "a.csv")) == [
        "case", "activity", "timestamp", "channel"]
    book = openpyxl.Workbook()
    book.active.append(["Case", None, "Timestamp"])
    book.active.append(["c1", "x", "2026-03-01"])
    book.save(tmp_path / "a.xlsx")
    assert header_columns(tmp_path / "a.xlsx") == ["Case", "column 2", "Timestamp"]
    xes = ROOT / "tests" / "data" / "logs" / "onboarding.xes"
    assert header_columns(xes) is None
    assert "concept:name" in header_columns(xes, full=True)


def test_detect_follows_the_reader_rules_and_overrides():
    columns = ["Customer", "Activity", "when"]
    assert detect(columns, {}) == {"case": "Customer", "activity": "Activity", "time": None}
    assert detect(columns, {"timestamp_col": "WHEN"})["time"] == "when"


def test_answer_sends_progress_columns_then_the_result(small_doc, tmp_path):
    sent = messages(small_doc, write_csv(tmp_path / "log.csv"), segment="channel")
    kinds = [next(iter(m)) for m in sent]
    assert kinds[0] == "progress" and kinds[-1] == "result" and "columns" in kinds
    assert sent[-1]["result"]["cases"] == 1
    assert sent[-1]["result"]["segments"]["web"]["cases"] == 1


def test_answer_turns_core_errors_into_one_sentence(small_doc, tmp_path):
    sent = messages(small_doc, write_csv(tmp_path / "log.csv", header="who,what,when,x"))
    assert set(sent[-1]) == {"error"}
    assert sent[-1]["error"].startswith("The event log log.csv has no case column")
    columns = [m for m in sent if "columns" in m]
    assert columns[0]["detected"] == {"case": None, "activity": None, "time": None}


def test_module_runs_as_a_child_process(tmp_path):
    request = {"map": build_template("acquisition"), "log": str(write_csv(tmp_path / "l.csv")),
               "options": {}}
    done = subprocess.run([sys.executable, "-m", "journeymap.compare_job"],
                          input=pickle.dumps(request), capture_output=True, cwd=ROOT,
                          timeout=60, check=True)
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert lines[-1]["result"]["transitions"] == {
        "Discovery call -> Pilot trial on site": 1}
