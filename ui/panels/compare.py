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
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journeymap.comparison import Comparison, to_json_dict
from journeymap.document import Document
from journeymap.errors import JourneymapError

from ..canvas.overlay import CompareOverlay
from ..compare_worker import CompareJob
from .compare_options import CompareOptions, panel_sentence
from .compare_results import CompareResults
from .compare_tables import (
    is_dark,
    table_texts,  # noqa: F401 - re-exported: tests read the tables with it
)
from .wheel import guard_wheel_in

log = logging.getLogger(__name__)

LOG_FILTER = "Event logs (*.csv *.xlsx *.parquet *.xes *.gz);;All files (*)"
ALL_CASES = "All cases"


# -- the panel -----------------------------------------------------------------------------
class ComparePanel(QWidget):
    result_changed = Signal(object)  # the whole Comparison, or None when cleared
    status = Signal(str)  # one sentence for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.workspace = None
        self.view = None
        self.overlay: CompareOverlay | None = None
        self.log_path: Path | None = None
        self._result: Comparison | None = None
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
        self.results = results = CompareResults()
        results.activity_mapped.connect(self.map_activity)
        results.step_chosen.connect(self._select_cards)
        layout.addWidget(results, 1)
        # the parts by their old names, which tests and the window use
        self.figures, self.legend, self.notes, self.tabs = (
            results.figures, results.legend, results.notes, results.tabs)
        self.variants_table, self.deviations_table = (
            results.variants_table, results.deviations_table)
        self.timing_table, self.stages_table, self.unmatched_table = (
            results.timing_table, results.stages_table, results.unmatched_table)
        self.history = results.history
        self.history_table, self.chart = results.history.table, results.history.chart

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
        segments = self._result.segments if self._result is not None else {}
        self._segment = value if value in segments else None
        index = self.show_box.findData(self._segment) if self._segment is not None else 0
        if index >= 0 and index != self.show_box.currentIndex():
            self.show_box.setCurrentIndex(index)
        self._show(self.shown())

    def result(self) -> Comparison | None:
        return self._result

    def shown(self) -> Comparison | None:
        """The comparison on display: the whole one, or the chosen segment's."""
        if self._result is None:
            return None
        return self._result.of_segment(self._segment)

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

    def _on_finished(self, result: Comparison) -> None:
        self._set_running(False)
        notes, self._warnings = self._warnings, []
        saved = self._save(result)
        if saved:
            notes.append(saved)
        self._set_result(result)
        self._say(" ".join(notes) if notes else
                  f"Compared with {result.log}: {result.figures.cases:,} cases.")
        self.refresh_history()

    def _save(self, result: Comparison) -> str:
        """Save to the history if asked; returns a note when that was not possible."""
        if not self.save_box.isChecked() or self.workspace is None or self.document is None:
            return ""
        try:
            self.workspace.save_comparison(self.document.map.id, to_json_dict(result))
        except JourneymapError as error:
            return f"Not saved to the history: {error}"
        return ""

    # -- showing a result ---------------------------------------------------------------------
    def _set_result(self, result: Comparison | None) -> None:
        self._result = result
        self._segment = None
        self.show_box.clear()
        self.show_box.addItem(ALL_CASES, None)
        for value, figures in (result.segments if result is not None else {}).items():
            self.show_box.addItem(f"{value} ({figures.cases:,} cases)", value)
        self.show_box.setEnabled(self.show_box.count() > 1)
        self._show(self.shown())
        self.result_changed.emit(result)

    def _show(self, shown: Comparison | None) -> None:
        self.results.journey_map = self.document.map if self.document else None
        self.results.show_result(shown)
        overlay = self._ensure_overlay()
        if overlay is not None:
            overlay.set_result(shown)

    def _select_cards(self, ids: list) -> None:
        if self.view is not None and self.document is not None:
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
