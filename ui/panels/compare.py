"""The Compare panel: planned vs actual from an event log, for the open map.

Choose a log (or `load_log(path)`), adjust columns, segment and period if needed, Run. The
comparison runs in a child process (`CompareJob`), so the window stays responsive and Cancel
stops it at once. The result fills the figures and tables here and is drawn on the canvas by
a `CompareOverlay`; choosing a segment value shows that segment's figures in both places.

Unmatched activities can be mapped to a touchpoint: that edits `Map.mapping` through the
document (one undoable step) and runs the comparison again; undoing it runs it again too.
Every finished run is saved in the map's history while "Save to history" is on.
"""

from __future__ import annotations

import logging
import weakref
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journeymap.document import Document
from journeymap.errors import JourneymapError

from ..canvas.overlay import CompareOverlay, colours, split_pair
from ..compare_worker import CompareJob
from .compare_history import HistoryTab
from .compare_options import CompareOptions
from .compare_tables import (
    STEP_ROLE,
    TouchpointCombo,
    deviation_rows,
    fill_table,
    is_dark,
    result_table,
    share,
    stage_rows,
    table_texts,  # noqa: F401 - re-exported: tests read the tables with it
    timing_rows,
    unmatched_rows,
    variant_rows,
)
from .wheel import guard_wheel_in

log = logging.getLogger(__name__)

LOG_FILTER = "Event logs (*.csv *.xlsx *.parquet *.xes *.gz);;All files (*)"
ALL_CASES = "All cases"
# The core's errors name command-line options; here they are boxes of this panel.
OPTION_NAMES = {
    "--case-col": "the Case column box",
    "--activity-col": "the Activity column box",
    "--timestamp-col": "the Timestamp column box",
    "--since": "Since",
    "--until": "Until",
    "--segment": "Segment by",
}
FIGURES = (("cases", "Cases"), ("events", "Events"), ("conforming", "Conforming"),
           ("reached", "Reached goal"), ("variants", "Variants"))


# -- text ----------------------------------------------------------------------------------
def panel_sentence(message: str) -> str:
    for option, name in OPTION_NAMES.items():
        message = message.replace(option, name)
    return message


def segment_view(result: dict, value: str | None) -> dict:
    """The figures to show: the whole result, or one segment's with the map-wide keys."""
    if value is None:
        return result
    figures = dict((result.get("segments") or {}).get(value) or {})
    for key in ("goal", "expected_days", "map", "map_id", "log"):
        if key in result:
            figures.setdefault(key, result[key])
    return figures


# -- the panel -----------------------------------------------------------------------------
class ComparePanel(QWidget):
    result_changed = Signal(object)  # the full result dict, or None when cleared
    status = Signal(str)  # one sentence for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.workspace = None
        self.view = None
        self.overlay: CompareOverlay | None = None
        self.log_path: Path | None = None
        self._result: dict | None = None
        self._segment: str | None = None
        self._listener = None
        self._warnings: list[str] = []
        self.job = CompareJob(self)
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.job.columns_found.connect(self._on_columns)
        self.job.warned.connect(self._on_warnings)
        self._rerun = QTimer(self)
        self._rerun.setSingleShot(True)
        self._rerun.setInterval(0)
        self._rerun.timeout.connect(self.run)
        self._build()
        guard_wheel_in(self)
        self._set_running(False)

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._file_row())
        layout.addWidget(self._options_box())
        layout.addLayout(self._run_row())
        self.message = QLabel()
        self.message.setObjectName("compareMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        layout.addLayout(self._show_row())
        layout.addWidget(self._figures_box())
        self.legend = QLabel(self._legend_html())
        self.legend.setObjectName("compareLegend")
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.notes = QLabel()
        self.notes.setObjectName("compareNotes")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        layout.addWidget(self._tabs(), 1)

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("logPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("No event log chosen")
        choose = QPushButton("Choose log…")
        choose.setObjectName("chooseLog")
        choose.setToolTip("An event log: CSV, XLSX, Parquet or XES, one event a row")
        choose.clicked.connect(self.choose_log)
        row.addWidget(QLabel("Log:"))
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)
        return row

    def _options_box(self) -> CompareOptions:
        self.option_box = box = CompareOptions()
        box.run_requested.connect(self.run)
        box.segment_chosen.connect(self._segment_column_chosen)
        # the boxes by their old names, which tests and the window use
        self.column_boxes, self.segment_box, self.save_box = (
            box.column_boxes, box.segment_box, box.save_box)
        self.since_edit, self.until_edit = box.since_edit, box.until_edit
        return box

    def _run_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.run_button = QPushButton("Run")
        self.run_button.setObjectName("runCompare")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelCompare")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("compareProgress")
        self.progress.setRange(0, 0)  # busy: reading a log has no known length
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        row.addWidget(self.run_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        return row

    def _show_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.show_box = QComboBox()
        self.show_box.setObjectName("showSegment")
        self.show_box.addItem(ALL_CASES, None)
        self.show_box.activated.connect(
            lambda index: self.show_segment(self.show_box.itemData(index)))
        self.overlay_box = QCheckBox("On canvas")
        self.overlay_box.setObjectName("showOverlay")
        self.overlay_box.setChecked(True)
        self.overlay_box.setToolTip("Draw traffic, deviations, drop-off and timing on the map")
        self.overlay_box.toggled.connect(self._overlay_toggled)
        row.addWidget(QLabel("Show:"))
        row.addWidget(self.show_box, 1)
        row.addWidget(self.overlay_box)
        return row

    def _figures_box(self) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(0)
        self.figures: dict[str, QLabel] = {}
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.35)
        big.setWeight(QFont.Weight.Bold)
        for column, (key, caption) in enumerate(FIGURES):
            value = QLabel("–")
            value.setObjectName(f"figure-{key}")
            value.setFont(big)
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label = QLabel(f"<small>{caption}</small>")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(value, 0, column)
            grid.addWidget(label, 1, column)
            self.figures[key] = value
        return frame

    def _legend_html(self) -> str:
        c = colours(is_dark(self))
        traffic = QColor(c.traffic)
        traffic.setAlpha(255)
        items = ((traffic, "━━", "designed step taken (wider = more)"),
                 (c.deviation, "╍╍", "step not designed"), (c.ended, "⬤", "cases ended"),
                 (c.goal, "⬤", "reached a goal"), (c.slow, "⬤", "slower than planned"))
        return "<small>On the map: " + " &nbsp; ".join(
            f"<span style='color:{colour.name()}'><b>{glyph}</b></span>&nbsp;{text}"
            for colour, glyph, text in items) + "</small>"

    def _tabs(self) -> QTabWidget:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("compareTabs")
        self.variants_table = result_table("variantsTable", ["Path", "Cases", "Share"])
        self.deviations_table = result_table("deviationsTable", ["Step", "Times", "Kind"])
        self.deviations_table.itemSelectionChanged.connect(
            lambda: self._select_step(self.deviations_table))
        self.timing_table = result_table("timingTable", ["Step", "Planned vs actual", "p90"])
        self.timing_table.itemSelectionChanged.connect(
            lambda: self._select_step(self.timing_table))
        self.stages_table = result_table("stagesTable", ["Stage", "Expected", "Median", "p90",
                                                   "Cases"])
        self.unmatched_table = result_table("unmatchedTable", ["Activity", "Events", "Map to"])
        timing = QWidget()
        box = QVBoxLayout(timing)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.timing_table, 2)
        box.addWidget(QLabel("Time through stages"))
        box.addWidget(self.stages_table, 1)
        self.history = history = HistoryTab()
        self.history_table, self.chart = history.table, history.chart
        self.tabs.addTab(self.variants_table, "Paths")
        self.tabs.addTab(self.deviations_table, "Deviations")
        self.tabs.addTab(timing, "Timing")
        self.tabs.addTab(self.unmatched_table, "Unmatched")
        self.tabs.addTab(history, "History")
        return self.tabs

    # -- context ------------------------------------------------------------------------------
    def set_context(self, document: Document | None, workspace=None, view=None) -> None:
        """The map to compare, the workspace its history lives in (None: no history) and the
        canvas to draw on (None: no overlay). Call again after the view shows another map."""
        if document is not self.document:
            self.cancel(quiet=True)
            self._set_result(None)
            if self.document is not None and self._listener is not None:
                self.document.changed.disconnect(self._listener)
            self._listener = None
            if document is not None:
                self._listener = _listener_for(self)
                document.changed.connect(self._listener)
        self.document, self.workspace, self.view = document, workspace, view
        self._ensure_overlay()
        self.refresh_history()

    def _ensure_overlay(self) -> CompareOverlay | None:
        """An overlay on the view's current scene (the view makes a new scene per map)."""
        scene = self.view.scene() if self.view is not None else None
        if self.overlay is not None and self.overlay.scene is not scene:
            self.overlay.detach()
            self.overlay = None
        if self.overlay is None and scene is not None:
            self.overlay = CompareOverlay(scene, self)
            self.overlay.set_visible(self.overlay_box.isChecked())
        return self.overlay

    # -- public actions ---------------------------------------------------------------------
    def choose_log(self) -> None:
        start = str(self.log_path.parent) if self.log_path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Choose an event log", start, LOG_FILTER)
        if path:
            self.load_log(Path(path))

    def load_log(self, path: Path | str, run: bool = True) -> None:
        """Use this log from now on (columns chosen for another log go back to auto)."""
        path = Path(path)
        if path != self.log_path:
            self.option_box.forget_columns()
        self.log_path = path
        self.path_edit.setText(str(path))
        self.path_edit.setToolTip(str(path))
        if run:
            self.run()

    def options(self) -> dict:
        """What `compare_job` gets besides the map and the log path."""
        return self.option_box.options()

    def run(self) -> None:
        self._rerun.stop()
        if self.document is None:
            self._say("Open a map to compare first.", error=True)
            return
        if self.log_path is None:
            self._say("Choose an event log to compare the map with.", error=True)
            return
        self.job.start(self.document.map, self.log_path, self.options())
        self._set_running(True)
        self._say(f"Starting the comparison with {self.log_path.name}…")

    def cancel(self, quiet: bool = False) -> None:
        was_running = self.job.is_running()
        self._rerun.stop()
        self.job.cancel(quiet=True)
        self._set_running(False)
        if was_running and not quiet:
            self._say("Comparison cancelled.")

    def clear(self) -> None:
        """Forget the result (figures, tables, overlay); the log and options stay."""
        self.cancel(quiet=True)
        self._set_result(None)
        self._say("")

    def map_activity(self, activity: str, tp_id: str) -> None:
        """Let `activity` stand for touchpoint `tp_id` from now on (undoable); runs again."""
        if self.document is None:
            return
        mapping = dict(self.document.map.mapping)
        mapping[activity] = tp_id
        try:
            self.document.set_map_fields(mapping=mapping)  # the change listener re-runs
        except JourneymapError as error:
            self._say(str(error), error=True)

    def show_segment(self, value: str | None) -> None:
        """Show the figures of one segment value (None: all cases) here and on the canvas."""
        segments = (self._result or {}).get("segments") or {}
        self._segment = value if value in segments else None
        index = self.show_box.findData(self._segment) if self._segment is not None else 0
        if index >= 0 and index != self.show_box.currentIndex():
            self.show_box.setCurrentIndex(index)
        self._show(self.shown())

    def result(self) -> dict | None:
        return self._result

    def shown(self) -> dict | None:
        """The figures on display: the result, or the chosen segment's."""
        if self._result is None:
            return None
        return segment_view(self._result, self._segment)

    def is_running(self) -> bool:
        return self.job.is_running()

    # -- job events ---------------------------------------------------------------------------
    def _on_progress(self, text: str) -> None:
        self._say(text)

    def _on_columns(self, columns: list, detected: dict) -> None:
        self.option_box.offer_columns(columns, detected)

    def _on_warnings(self, warnings: list) -> None:
        self._warnings = list(warnings)

    def _on_failed(self, message: str) -> None:
        self._set_running(False)
        self._say(panel_sentence(message), error=True)
        self.status.emit(panel_sentence(message))

    def _on_finished(self, result: dict) -> None:
        self._set_running(False)
        notes, self._warnings = self._warnings, []
        saved = self._save(result)
        if saved:
            notes.append(saved)
        self._set_result(result)
        self._say(" ".join(notes) if notes else
                  f"Compared with {result.get('log', 'the log')}: {result['cases']:,} cases.")
        self.refresh_history()

    def _save(self, result: dict) -> str:
        """Save to the history if asked; returns a note when that was not possible."""
        if not self.save_box.isChecked() or self.workspace is None or self.document is None:
            return ""
        try:
            self.workspace.save_comparison(self.document.map.id, result)
        except JourneymapError as error:
            return f"Not saved to the history: {error}"
        return ""

    # -- showing a result ---------------------------------------------------------------------
    def _set_result(self, result: dict | None) -> None:
        self._result = result
        self._segment = None
        self.show_box.clear()
        self.show_box.addItem(ALL_CASES, None)
        for value, figures in ((result or {}).get("segments") or {}).items():
            self.show_box.addItem(f"{value} ({figures.get('cases', 0):,} cases)", value)
        self.show_box.setEnabled(self.show_box.count() > 1)
        self._show(self.shown())
        self.result_changed.emit(result)

    def _show(self, figures: dict | None) -> None:
        figures = figures or {}
        self._show_figures(figures)
        fill_table(self.variants_table, variant_rows(figures))
        fill_table(self.deviations_table, deviation_rows(figures))
        fill_table(self.timing_table, timing_rows(figures, self._result or {}, self._late_colour()))
        fill_table(self.stages_table, stage_rows(figures))
        self._show_unmatched(figures)
        unmatched = len(figures.get("unmatched_activities") or {})
        self.tabs.setTabText(3, f"Unmatched ({unmatched})" if unmatched else "Unmatched")
        overlay = self._ensure_overlay()
        if overlay is not None:
            overlay.set_result(figures or None)

    def _show_figures(self, figures: dict) -> None:
        cases = int(figures.get("cases") or 0)
        values = {
            "cases": f"{cases:,}" if figures else "–",
            "events": f"{figures['events']:,}" if "events" in figures else "–",
            "conforming": share(figures.get("conforming_cases", 0), cases) if figures else "–",
            "reached": share(figures.get("reached_goal", 0), cases) if figures else "–",
            "variants": f"{figures['variants']:,}" if "variants" in figures else "–",
        }
        for key, text in values.items():
            self.figures[key].setText(text)
        notes = []
        if figures.get("goal"):
            notes.append("Goal: " + ", ".join(figures["goal"]) + ".")
        if figures.get("skipped"):
            notes.append("Never visited: " + ", ".join(figures["skipped"]) + ".")
        self.notes.setText(" ".join(notes))

    def _show_unmatched(self, figures: dict) -> None:
        fill_table(self.unmatched_table, unmatched_rows(figures))
        for row, name in enumerate(figures.get("unmatched_activities") or {}):
            self.unmatched_table.setCellWidget(row, 2, self._map_combo(name))

    def _map_combo(self, activity: str) -> QComboBox:
        combo = TouchpointCombo(self.document.map if self.document else None)
        combo.setObjectName("mapTo")
        combo.setToolTip(f"Which touchpoint '{activity}' stands for")
        combo.activated.connect(
            lambda index: combo.itemData(index) and self.map_activity(activity,
                                                                       combo.itemData(index)))
        return combo

    def _select_step(self, table: QTableWidget) -> None:
        """Selecting a step selects its two cards on the canvas."""
        if self.view is None or self.document is None:
            return
        rows = {index.row() for index in table.selectedIndexes()}
        if not rows:
            return
        key = table.item(min(rows), 0).data(STEP_ROLE)
        by_title = {}
        for tp in self.document.map.touchpoints:
            by_title.setdefault(tp.title, tp.id)
        ids = [by_title[t] for t in split_pair(key or "", set(by_title)) if t in by_title]
        if ids:
            self.view.select_touchpoints(ids)

    # -- history ---------------------------------------------------------------------------
    def refresh_history(self) -> None:
        entries = []
        if self.workspace is not None and self.document is not None:
            try:
                entries = self.workspace.comparisons(self.document.map.id)
            except JourneymapError as error:
                log.info("no history: %s", error)
        self.history.show_entries(entries)

    # -- document events ---------------------------------------------------------------------
    def _on_document_changed(self, changes) -> None:
        mapping = any(c.kind == "map" and "mapping" in c.fields for c in changes)
        if mapping and self.log_path is not None and self._result is not None:
            self._rerun.start()  # coalesces a burst of changes into one run
        elif self._result is not None and any(
                c.kind in ("touchpoint", "connection", "stage") for c in changes):
            self._say("The map changed since this comparison; Run again to update it.")

    # -- small helpers ---------------------------------------------------------------------------
    def _segment_column_chosen(self) -> None:
        if self.log_path is not None and self._result is not None:
            self.run()

    def _overlay_toggled(self, on: bool) -> None:
        if self.overlay is not None:
            self.overlay.set_visible(on)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setEnabled(running)

    def _say(self, text: str, error: bool = False) -> None:
        colour = ""
        if error:
            colour = "#ff6b6b" if is_dark(self) else "#b00020"
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        self.message.setProperty("error", error)
        self.message.setText(text)

    def _late_colour(self) -> QColor:
        dark = is_dark(self)
        return colours(dark).slow if dark else colours(dark).ended

    def message_text(self) -> str:
        return self.message.text()


def _listener_for(panel: ComparePanel):
    """A document listener that does not keep the panel alive."""
    ref = weakref.ref(panel)

    def listener(changes) -> None:
        target = ref()
        if target is not None:
            target._on_document_changed(changes)

    return listener
