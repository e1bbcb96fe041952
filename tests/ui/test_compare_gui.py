"""Planned vs actual in the editor: the Compare panel, its child-process job and the canvas
overlay, against a small map and CSV logs written per test."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from journeymap.comparison import from_json_dict, to_json_dict  # noqa: E402
from journeymap.document import Document  # noqa: E402
from journeymap.model import Map  # noqa: E402
from journeymap.storage import Workspace  # noqa: E402
from ui.canvas.overlay import Z_OVERLAY, CompareOverlay  # noqa: E402
from ui.panels.compare import ComparePanel, table_texts  # noqa: E402

WAIT_MS = 30_000
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="checks processes by pid")  # a child Python process per run: generous for a loaded CI machine

# case, activity, day, channel: five cases, one deviation (Sees ad -> Demo), one unmatched
# activity (Price page), Discovery call -> Demo slower than its expected 1 day.
EVENTS = [
    ("c1", "Sees ad", 0, "web"), ("c1", "Discovery call", 1, "web"), ("c1", "Demo", 4, "web"),
    ("c1", "Renews", 5, "web"),
    ("c2", "Sees ad", 0, "web"), ("c2", "Discovery call", 1, "web"), ("c2", "Demo", 6, "web"),
    ("c2", "Renews", 7, "web"),
    ("c3", "Sees ad", 0, "partner"), ("c3", "Demo", 2, "partner"),
    ("c3", "Renews", 3, "partner"),
    ("c4", "Sees ad", 0, "partner"), ("c4", "Price page", 1, "partner"),
    ("c4", "Discovery call", 2, "partner"),
    ("c5", "Sees ad", 0, "partner"), ("c5", "Discovery call", 1, "partner"),
]


def write_log(path: Path, header=("case", "activity", "timestamp", "channel")) -> Path:
    lines = [",".join(header)]
    for case, activity, day, channel in EVENTS:
        lines.append(f"{case},{activity},2026-03-{day + 1:02d}T09:00:00Z,{channel}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def doc() -> Document:
    """Overrides the canvas fixture: Sees ad -> Discovery call -> Demo -> Renews (goal), a
    loop Demo -> Discovery call, and Newsletter (Sees ad -> Newsletter -> Demo) never used."""
    doc = Document(Map(id="map-cmp", name="Compare test journey"))
    for name in ("Reach", "Engage", "Retain"):
        doc.add_stage(name, id=f"st-{name.lower()}")
    doc.add_lane("Customer", kind="customer", id="ln-customer")
    doc.add_lane("Sales", id="ln-sales")
    for tp_id, stage, lane, title in (
        ("tp-ad", "st-reach", "ln-customer", "Sees ad"),
        ("tp-call", "st-engage", "ln-sales", "Discovery call"),
        ("tp-demo", "st-engage", "ln-sales", "Demo"),
        ("tp-news", "st-engage", "ln-customer", "Newsletter"),
        ("tp-renew", "st-retain", "ln-customer", "Renews"),
    ):
        doc.add_touchpoint(stage, lane, title, id=tp_id)
    doc.add_connection("tp-ad", "tp-call")
    doc.add_connection("tp-call", "tp-demo", days=1)
    doc.add_connection("tp-demo", "tp-renew")
    doc.add_connection("tp-demo", "tp-call", loop=True)
    doc.add_connection("tp-ad", "tp-news")
    doc.add_connection("tp-news", "tp-demo")
    doc.undo_stack.clear()
    return doc


@pytest.fixture
def workspace(tmp_path, doc):
    ws = Workspace.open(tmp_path / "workspace.sqlite")
    ws.add_map(doc.map)
    yield ws
    ws.close()


@pytest.fixture
def panel(qtbot, doc, workspace, view):
    widget = ComparePanel()
    qtbot.addWidget(widget)
    widget.resize(480, 900)
    widget.show()
    widget.set_context(doc, workspace, view)
    yield widget
    widget.cancel(quiet=True)


@pytest.fixture
def log_csv(tmp_path) -> Path:
    return write_log(tmp_path / "events.csv")


def finished(qtbot, panel):
    return qtbot.waitSignal(panel.result_changed, timeout=WAIT_MS,
                            check_params_cb=lambda result: result is not None)


def run_log(qtbot, panel, path: Path) -> dict:
    """The comparison the run shows, in the contract's JSON form."""
    with finished(qtbot, panel) as blocker:
        panel.load_log(path)
    return to_json_dict(blocker.args[0])


def figures(panel) -> dict[str, str]:
    return {key: label.text() for key, label in panel.figures.items()}


# -- running ---------------------------------------------------------------------------------
def test_run_shows_figures_paths_deviations_and_timing(qtbot, panel, log_csv):
    result = run_log(qtbot, panel, log_csv)

    assert result["cases"] == 5
    assert figures(panel) == {"cases": "5", "events": "16", "conforming": "60.0 %",
                              "reached": "60.0 %", "variants": "4"}
    paths = table_texts(panel.variants_table)
    assert paths[0] == ["Sees ad › Discovery call › Demo › Renews", "2", "40.0 %"]
    deviations = table_texts(panel.deviations_table)
    assert ["Sees ad → Demo", "1", "skip"] in deviations
    timing = table_texts(panel.timing_table)
    assert timing[0][:2] == ["Discovery call → Demo", "expected 1 d, took 4 d"]
    assert "Never visited: Newsletter." in panel.notes.text()
    assert not panel.is_running()


def test_finished_run_is_saved_to_history_unless_switched_off(qtbot, panel, workspace,
                                                              doc, log_csv):
    run_log(qtbot, panel, log_csv)
    assert len(workspace.comparisons(doc.map.id)) == 1
    assert panel.history_table.rowCount() == 1
    assert panel.chart.points[0][1] == pytest.approx(60.0)

    panel.save_box.setChecked(False)
    with finished(qtbot, panel):
        panel.run()
    assert len(workspace.comparisons(doc.map.id)) == 1


def test_bad_log_shows_one_sentence_and_offers_its_columns(qtbot, panel, tmp_path):
    bad = write_log(tmp_path / "odd.csv", header=("who", "what", "when", "channel"))
    with qtbot.waitSignal(panel.job.failed, timeout=WAIT_MS):
        panel.load_log(bad)

    text = panel.message_text()
    assert "odd.csv has no case column" in text
    assert "the Case column box" in text and "--case-col" not in text
    assert text.endswith(".") and "\n" not in text and "Traceback" not in text
    case_box = panel.column_boxes["case"]
    assert case_box.itemText(0) == "(not found: choose a column)"
    assert [case_box.itemText(i) for i in range(1, case_box.count())] == [
        "who", "what", "when", "channel"]

    for role, column in (("case", "who"), ("activity", "what"), ("time", "when")):
        box = panel.column_boxes[role]
        box.setCurrentIndex(box.findData(column))
    with finished(qtbot, panel) as blocker:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert to_json_dict(blocker.args[0])["cases"] == 5


def test_missing_log_file_is_reported_in_the_panel(qtbot, panel, tmp_path):
    with qtbot.waitSignal(panel.job.failed, timeout=WAIT_MS):
        panel.load_log(tmp_path / "nowhere.csv")
    assert "does not exist" in panel.message_text()
    assert panel.result() is None


def test_bad_period_is_reported_with_the_boxes_name(qtbot, panel, log_csv):
    panel.since_edit.setText("next tuesday")
    with qtbot.waitSignal(panel.job.failed, timeout=WAIT_MS):
        panel.load_log(log_csv)
    assert panel.message_text().startswith("Since 'next tuesday' is not a date")


# -- segments ------------------------------------------------------------------------------------
def test_switching_segment_shows_its_figures_and_redraws_the_overlay(qtbot, panel, log_csv):
    run_log(qtbot, panel, log_csv)
    panel.segment_box.setCurrentIndex(panel.segment_box.findData("channel"))
    with finished(qtbot, panel) as blocker:
        panel.segment_box.activated.emit(panel.segment_box.currentIndex())
    assert set(to_json_dict(blocker.args[0])["segments"]) == {"partner", "web"}
    assert panel.show_box.itemText(1) == "partner (3 cases)"

    panel.show_box.setCurrentIndex(1)
    panel.show_box.activated.emit(1)
    assert panel.shown().figures.cases == 3
    assert figures(panel)["cases"] == "3" and figures(panel)["conforming"] == "33.3 %"
    assert len(panel.overlay.items("deviation")) == 1

    panel.show_segment("web")
    assert figures(panel)["conforming"] == "100.0 %"
    assert panel.overlay.items("deviation") == []
    assert panel.show_box.currentData() == "web"

    panel.show_segment(None)
    assert figures(panel)["cases"] == "5"


# -- mapping ----------------------------------------------------------------------------------
def test_mapping_an_unmatched_activity_is_one_undo_step_and_runs_again(
        qtbot, panel, doc, undo_stack, log_csv):
    run_log(qtbot, panel, log_csv)
    assert table_texts(panel.unmatched_table)[0][:2] == ["Price page", "1"]
    combo = panel.unmatched_table.cellWidget(0, 2)
    assert combo.count() == 1  # filled when opened
    combo.fill()
    index = combo.findData("tp-news")
    steps = undo_stack.count()

    with finished(qtbot, panel) as blocker:
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
    assert doc.map.mapping == {"Price page": "tp-news"}
    assert undo_stack.count() == steps + 1
    assert to_json_dict(blocker.args[0])["unmatched_activities"] == {}
    assert panel.unmatched_table.rowCount() == 0

    with finished(qtbot, panel) as blocker:
        undo_stack.undo()
    assert doc.map.mapping == {}
    assert to_json_dict(blocker.args[0])["unmatched_activities"] == {"Price page": 1}


# -- cancel ------------------------------------------------------------------------------------
def big_log(path: Path, cases: int = 60_000) -> Path:
    steps = ("Sees ad", "Discovery call", "Demo", "Renews", "Demo", "Renews")
    rows = ["case,activity,timestamp"]
    for case in range(cases):
        rows += [f"k{case},{step},2026-01-{1 + i:02d}T10:{case % 60:02d}:00Z"
                 for i, step in enumerate(steps)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@posix_only
def test_cancel_kills_the_running_comparison(qtbot, panel, tmp_path):
    log = big_log(tmp_path / "big.csv")
    with qtbot.waitSignal(panel.job.progress, timeout=WAIT_MS,
                          check_params_cb=lambda text: text.startswith("Reading big.csv")):
        panel.load_log(log)
    pid = panel.job.pid()
    assert pid is not None and panel.cancel_button.isEnabled()

    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)

    assert not panel.is_running() and panel.job.pid() is None
    assert _gone(pid)
    assert panel.message_text() == "Comparison cancelled."
    assert panel.result() is None and not panel.progress.isVisible()


@posix_only
def test_a_new_run_replaces_the_running_one(qtbot, panel, tmp_path, log_csv):
    with qtbot.waitSignal(panel.job.progress, timeout=WAIT_MS):
        panel.load_log(big_log(tmp_path / "big.csv"))
    first = panel.job.pid()
    result = run_log(qtbot, panel, log_csv)
    assert _gone(first)
    assert result["cases"] == 5


# -- overlay ---------------------------------------------------------------------------------
def test_overlay_draws_traffic_deviations_ends_timing_and_skipped(qtbot, panel, view,
                                                                  log_csv):
    run_log(qtbot, panel, log_csv)
    overlay = panel.overlay
    traffic = {item.toolTip().split(":")[0]: item.count for item in overlay.items("traffic")}
    assert traffic == {"Sees ad -> Discovery call": 3, "Discovery call -> Demo": 2,
                       "Demo -> Renews": 3}
    assert [item.toolTip().split(":")[0] for item in overlay.items("deviation")] == [
        "Sees ad -> Demo"]
    assert [item.text for item in overlay.items("deviation_count")] == ["1"]
    assert [item.text for item in overlay.items("slow")] == ["median 4.0 d / exp. 1 d"]
    assert [item.text for item in overlay.items("ended")] == ["2 ended here (40 %)"]
    assert [item.text for item in overlay.items("goal")] == ["✓ 3 at goal (60 %)"]
    assert len(overlay.items("skipped")) == 1
    assert [item.text for item in overlay.items("not_visited")] == ["not visited"]
    for item in overlay.items():
        assert item.scene() is view.scene()
        assert item.topLevelItem().zValue() == Z_OVERLAY
        assert item.acceptedMouseButtons() == Qt.MouseButton.NoButton
    widths = {item.count: item.width for item in overlay.items("traffic")}
    assert widths[3] > widths[2]


def test_overlay_follows_a_relayout(qtbot, panel, doc, view, log_csv):
    run_log(qtbot, panel, log_csv)
    doc.move_touchpoints(["tp-demo"], "st-retain", "ln-sales")
    rect = view.scene().card_rect("tp-demo")
    (deviation,) = panel.overlay.items("deviation")
    end_x, end_y = deviation.route.end
    assert rect.left() <= end_x <= rect.right() and end_y == pytest.approx(rect.top())


def test_overlay_can_be_hidden_and_clear_removes_it(qtbot, panel, view, log_csv):
    run_log(qtbot, panel, log_csv)
    layer = panel.overlay.items()[0].topLevelItem()
    panel.overlay_box.setChecked(False)
    assert not layer.isVisible()
    panel.overlay_box.setChecked(True)

    with qtbot.waitSignal(panel.result_changed) as blocker:
        panel.clear()
    assert blocker.args == [None]
    assert panel.overlay.items() == []
    assert layer.scene() is None
    assert figures(panel)["cases"] == "–"


def test_overlay_without_relayout_signal_follows_document_changes(qtbot, doc, view):
    """A scene lacking `relaid_out` (older canvases) still gets redrawn on document edits."""

    class PlainScene:
        def __init__(self, real):
            self.real, self.document, self.destroyed = real, real.document, real.destroyed

        def __getattr__(self, name):
            if name == "relaid_out":
                raise AttributeError(name)
            return getattr(self.real, name)

    overlay = CompareOverlay(PlainScene(view.scene()))
    overlay.set_result(from_json_dict({"cases": 1, "skipped": ["Newsletter"]}, doc.map))
    first = overlay.items()[0]
    doc.move_touchpoints(["tp-news"], "st-retain", "ln-sales")
    assert overlay.items() and overlay.items()[0] is not first
    overlay.detach()
    assert overlay.items() == []


def test_selecting_a_deviation_selects_its_cards(qtbot, panel, view, log_csv):
    run_log(qtbot, panel, log_csv)
    row = [r[0] for r in table_texts(panel.deviations_table)].index("Sees ad → Demo")
    panel.deviations_table.selectRow(row)
    assert view.selected_touchpoints() == ["tp-ad", "tp-demo"]


@posix_only
def test_a_job_that_dies_is_reported_not_hung(qtbot, panel, tmp_path):
    import signal

    with qtbot.waitSignal(panel.job.progress, timeout=WAIT_MS):
        panel.load_log(big_log(tmp_path / "big.csv"))
    with qtbot.waitSignal(panel.job.failed, timeout=WAIT_MS):
        os.kill(panel.job.pid(), signal.SIGKILL)
    assert panel.message_text() == "The comparison crashed before giving a result."
    assert not panel.is_running() and not panel.cancel_button.isEnabled()
