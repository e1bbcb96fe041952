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
import math
import weakref
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journeymap.document import Document
from journeymap.errors import JourneymapError

from ..canvas.overlay import CompareOverlay, colours, split_pair
from ..compare_worker import CompareJob
from ..safety import guarded

log = logging.getLogger(__name__)

LOG_FILTER = "Event logs (*.csv *.xlsx *.parquet *.xes *.gz);;All files (*)"
AUTO = "(auto)"
NO_SEGMENT = "(none)"
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
def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def days_text(days: float | None) -> str:
    """'7 d', '2.5 d', '5 h', '20 min' — short, for tables and badges."""
    if days is None:
        return "–"
    if days >= 1 or days == 0:
        return f"{days:.1f}".removesuffix(".0") + " d"
    if days * 24 >= 1:
        return f"{days * 24:.1f}".removesuffix(".0") + " h"
    return f"{max(days * 1440, 0):.0f} min"


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


def journey_days(result: dict) -> float | None:
    """Days through the journey for the history chart: the stage medians added up."""
    medians = [s["median"] for s in (result.get("stage_days") or {}).values()
               if s.get("median") is not None]
    return sum(medians) if medians else None


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 x 10^k at least 10 % above `value` (a chart's axis top)."""
    if value <= 0:
        return 1.0
    target = value * 1.1
    power = 10 ** math.floor(math.log10(target))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= target)


def _item(text: str, *, number: float | None = None, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if number is not None:
        item.setData(Qt.ItemDataRole.UserRole, number)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tip:
        item.setToolTip(tip)
    return item


def _table(name: str, headers: list[str], stretch: int = 0) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        mode = (QHeaderView.ResizeMode.Stretch if column == stretch
                else QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(column, mode)
    return table


def _fill(table: QTableWidget, rows: list[list[QTableWidgetItem]]) -> None:
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, item in enumerate(row):
            table.setItem(r, c, item)


def table_texts(table: QTableWidget) -> list[list[str]]:
    """Every cell's text, row by row (for tests and copying)."""
    return [[table.item(r, c).text() if table.item(r, c) else ""
             for c in range(table.columnCount())] for r in range(table.rowCount())]


# -- the history chart -----------------------------------------------------------------------
class HistoryChart(QWidget):
    """Conformance % (left axis, solid) and journey days (right axis, dashed) per saved
    comparison, oldest on the left. Drawn with QPainter: QtCharts is not in
    PySide6-Essentials."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyChart")
        self.setMinimumHeight(150)
        self.points: list[tuple[str, float | None, float | None]] = []

    def set_points(self, points: list[tuple[str, float | None, float | None]]) -> None:
        """(label, conformance % or None, days or None) per comparison, oldest first."""
        self.points = list(points)
        self.update()

    @guarded
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        dark = self.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5
        painter.setFont(self.font())
        fm = painter.fontMetrics()
        plot = QRectF(self.rect()).adjusted(fm.horizontalAdvance("100 %") + 8, fm.height() + 10,
                                            -(fm.horizontalAdvance("999 d") + 8),
                                            -(fm.height() + 6))
        if not self.points:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No saved comparisons of this map yet.")
            return
        c = colours(dark)
        conformance, days_colour = QColor(c.traffic), c.deviation
        conformance.setAlpha(255)
        self._axes(painter, plot, text, fm)
        top = nice_ceiling(max((d for _, _, d in self.points if d is not None), default=0))
        self._series(painter, plot, [p[1] for p in self.points], 100.0, conformance, False)
        self._series(painter, plot, [p[2] for p in self.points], top, days_colour, True)
        painter.setPen(days_colour)
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - plot.height() * fraction
            painter.drawText(QRectF(plot.right() + 4, y - fm.height() / 2, 80, fm.height()),
                             Qt.AlignmentFlag.AlignLeft, days_text(top * fraction))
        self._legend(painter, plot, fm, conformance, days_colour, text)

    def _axes(self, painter: QPainter, plot: QRectF, text: QColor, fm) -> None:
        grid = QColor(text)
        grid.setAlpha(60)
        painter.setPen(QPen(grid, 1))
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - plot.height() * fraction
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 4, fm.height()),
                             Qt.AlignmentFlag.AlignRight, f"{fraction * 100:.0f} %")
            painter.setPen(QPen(grid, 1))
        painter.setPen(text)
        first, last = self.points[0][0], self.points[-1][0]
        below = QRectF(plot.left(), plot.bottom() + 3, plot.width(), fm.height())
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, first)
        if len(self.points) > 1:
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, last)

    def _x(self, plot: QRectF, index: int) -> float:
        if len(self.points) == 1:
            return plot.center().x()
        return plot.left() + plot.width() * index / (len(self.points) - 1)

    def _series(self, painter: QPainter, plot: QRectF, values, top: float, colour: QColor,
                dashed: bool) -> None:
        pen = QPen(colour, 2)
        if dashed:
            pen.setDashPattern([4, 3])
        path, started = QPainterPath(), False
        dots = []
        for index, value in enumerate(values):
            if value is None:
                started = False
                continue
            point = QPointF(self._x(plot, index), plot.bottom() - plot.height() * value / top)
            if started:
                path.lineTo(point)
            else:
                path.moveTo(point)
                started = True
            dots.append(point)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        for point in dots:
            if dashed:
                painter.drawRect(QRectF(point.x() - 3, point.y() - 3, 6, 6))
            else:
                painter.drawEllipse(point, 3.5, 3.5)

    def _legend(self, painter, plot: QRectF, fm, conformance, days_colour, text) -> None:
        x = plot.left()
        for label, colour, dashed in (("conforming cases", conformance, False),
                                      ("days through stages (medians)", days_colour, True)):
            pen = QPen(colour, 2)
            if dashed:
                pen.setDashPattern([4, 3])
            painter.setPen(pen)
            y = 4 + fm.height() / 2
            painter.drawLine(QPointF(x, y), QPointF(x + 18, y))
            painter.setPen(text)
            painter.drawText(QPointF(x + 22, 4 + fm.ascent()), label)
            x += 22 + fm.horizontalAdvance(label) + 14


class TouchpointCombo(QComboBox):
    """"Map to…" then every touchpoint; filled only when opened or focused, because a log can
    have hundreds of unmatched activities and a map thousands of touchpoints."""

    def __init__(self, journey_map, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journey_map = journey_map
        self.addItem("Map to…", None)

    def fill(self) -> None:
        if self.count() > 1 or self.journey_map is None:
            return
        stages = {s.id: s.name for s in self.journey_map.stages}
        for tp in self.journey_map.touchpoints_in_display_order():
            self.addItem(f"{tp.title}  ({stages.get(tp.stage, '')})", tp.id)

    @guarded
    def showPopup(self) -> None:
        self.fill()
        super().showPopup()

    @guarded
    def focusInEvent(self, event) -> None:
        self.fill()
        super().focusInEvent(event)


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

    def _options_box(self) -> QGroupBox:
        box = QGroupBox("Options")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.column_boxes: dict[str, QComboBox] = {}
        for role, label, name in (("case", "Case column", "caseColumn"),
                                  ("activity", "Activity column", "activityColumn"),
                                  ("time", "Timestamp column", "timestampColumn")):
            combo = QComboBox()
            combo.setObjectName(name)
            combo.addItem(AUTO, None)
            self.column_boxes[role] = combo
            form.addRow(label, combo)
        self.segment_box = QComboBox()
        self.segment_box.setObjectName("segmentColumn")
        self.segment_box.addItem(NO_SEGMENT, None)
        self.segment_box.setToolTip("Figures per value of this column (a case's value on its "
                                    "first event)")
        self.segment_box.activated.connect(self._segment_column_chosen)
        form.addRow("Segment by", self.segment_box)
        period = QHBoxLayout()
        self.since_edit, self.until_edit = QLineEdit(), QLineEdit()
        for edit, name in ((self.since_edit, "since"), (self.until_edit, "until")):
            edit.setObjectName(name)
            edit.setPlaceholderText("YYYY-MM-DD")
            edit.setClearButtonEnabled(True)
            edit.returnPressed.connect(self.run)
        period.addWidget(self.since_edit)
        period.addWidget(QLabel("to"))
        period.addWidget(self.until_edit)
        form.addRow("Period", period)
        self.save_box = QCheckBox("Save to history")
        self.save_box.setObjectName("saveHistory")
        self.save_box.setChecked(True)
        form.addRow("", self.save_box)
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
        c = colours(self.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5)
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
        self.variants_table = _table("variantsTable", ["Path", "Cases", "Share"])
        self.deviations_table = _table("deviationsTable", ["Step", "Times", "Kind"])
        self.deviations_table.itemSelectionChanged.connect(
            lambda: self._select_step(self.deviations_table))
        self.timing_table = _table("timingTable", ["Step", "Planned vs actual", "p90"])
        self.timing_table.itemSelectionChanged.connect(
            lambda: self._select_step(self.timing_table))
        self.stages_table = _table("stagesTable", ["Stage", "Expected", "Median", "p90",
                                                   "Cases"])
        self.unmatched_table = _table("unmatchedTable", ["Activity", "Events", "Map to"])
        timing = QWidget()
        box = QVBoxLayout(timing)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.timing_table, 2)
        box.addWidget(QLabel("Time through stages"))
        box.addWidget(self.stages_table, 1)
        self.history_table = _table("historyTable", ["Date", "Log", "Cases", "Conforming",
                                                     "Reached goal", "Days"], stretch=1)
        self.chart = HistoryChart()
        history = QWidget()
        box = QVBoxLayout(history)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.chart, 1)
        box.addWidget(self.history_table, 1)
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
            for combo in (*self.column_boxes.values(), self.segment_box):
                _reset_combo(combo)
        self.log_path = path
        self.path_edit.setText(str(path))
        self.path_edit.setToolTip(str(path))
        if run:
            self.run()

    def options(self) -> dict:
        """What `compare_job` gets besides the map and the log path."""
        return {
            "case_col": self.column_boxes["case"].currentData(),
            "activity_col": self.column_boxes["activity"].currentData(),
            "timestamp_col": self.column_boxes["time"].currentData(),
            "segment": self.segment_box.currentData(),
            "since": self.since_edit.text().strip() or None,
            "until": self.until_edit.text().strip() or None,
        }

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
        for role, combo in self.column_boxes.items():
            found = detected.get(role) if detected else None
            auto = f"{AUTO[:-1]}: {found})" if found else AUTO
            if detected and role in detected and found is None:
                auto = "(not found: choose a column)"
            _fill_combo(combo, auto, columns)
        core = {v for v in (detected or {}).values() if v}
        core |= {c.currentData() for c in self.column_boxes.values() if c.currentData()}
        _fill_combo(self.segment_box, NO_SEGMENT, [c for c in columns if c not in core])

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
        _fill(self.variants_table, _variant_rows(figures))
        _fill(self.deviations_table, _deviation_rows(figures))
        _fill(self.timing_table, _timing_rows(figures, self._result or {}, self._late_colour()))
        _fill(self.stages_table, _stage_rows(figures))
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
        unmatched = figures.get("unmatched_activities") or {}
        table = self.unmatched_table
        _fill(table, [[_item(name), _item(f"{n:,}", number=n)] for name, n in unmatched.items()])
        for row, name in enumerate(unmatched):
            table.setCellWidget(row, 2, self._map_combo(name))

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
        key = table.item(min(rows), 0).data(Qt.ItemDataRole.UserRole + 1)
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
        rows, points = [], []
        for entry in entries:
            result = entry["result"]
            cases = int(result.get("cases") or 0)
            conforming = 100 * result.get("conforming_cases", 0) / cases if cases else None
            days = journey_days(result)
            date = str(entry["created"])[:10]
            rows.append([_item(str(entry["created"]).replace("T", " ").rstrip("Z")),
                         _item(str(result.get("log", "")), tip=str(result.get("log", ""))),
                         _item(f"{cases:,}", number=cases),
                         _item(share(result.get("conforming_cases", 0), cases)),
                         _item(share(result.get("reached_goal", 0), cases)),
                         _item(days_text(days))])
            points.append((date, conforming, days))
        _fill(self.history_table, rows[::-1])  # newest first in the table
        self.chart.set_points(points)

    # -- document events ---------------------------------------------------------------------
    def _on_document_changed(self, changes) -> None:
        mapping = any(c.kind == "map" and "mapping" in c.fields for c in changes)
        if mapping and self.log_path is not None and self._result is not None:
            self._rerun.start()  # coalesces a burst of changes into one run
        elif self._result is not None and any(
                c.kind in ("touchpoint", "connection", "stage") for c in changes):
            self._say("The map changed since this comparison; Run again to update it.")

    # -- small helpers ---------------------------------------------------------------------------
    def _segment_column_chosen(self, _index: int) -> None:
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
            dark = self.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5
            colour = "#ff6b6b" if dark else "#b00020"
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        self.message.setProperty("error", error)
        self.message.setText(text)

    def _late_colour(self) -> QColor:
        dark = self.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5
        return colours(dark).slow if dark else colours(dark).ended

    def message_text(self) -> str:
        return self.message.text()


# -- rows ------------------------------------------------------------------------------------
def _step_item(key: str) -> QTableWidgetItem:
    item = _item(key.replace(" -> ", " → "), tip=key)
    item.setData(Qt.ItemDataRole.UserRole + 1, key)
    return item


def _variant_rows(figures: dict) -> list[list[QTableWidgetItem]]:
    rows = []
    for variant in figures.get("variant_list") or []:
        path = " › ".join(variant["activities"])
        rows.append([_item(path, tip=path), _item(f"{variant['cases']:,}", number=variant["cases"]),
                     _item(f"{100 * variant['share']:.1f} %", number=variant["share"])])
    return rows


def _deviation_rows(figures: dict) -> list[list[QTableWidgetItem]]:
    kinds = figures.get("deviation_kinds") or {}
    return [[_step_item(key), _item(f"{n:,}", number=n), _item(kinds.get(key, ""))]
            for key, n in (figures.get("deviations") or {}).items()]


def _timing_rows(figures: dict, result: dict, late_colour: QColor) -> list[list[QTableWidgetItem]]:
    """Steps with expected days, slowest against plan first: 'expected 3 d, took 7 d'."""
    expected = figures.get("expected_days") or result.get("expected_days") or {}
    median, p90 = figures.get("median_days") or {}, figures.get("p90_days") or {}
    steps = sorted((key for key in expected if key in median),
                   key=lambda k: (-(median[k] - expected[k]), k))
    rows = []
    for key in steps:
        late = median[key] > expected[key]
        verdict = _item(f"expected {days_text(expected[key])}, took {days_text(median[key])}",
                        number=median[key] - expected[key])
        if late:
            verdict.setForeground(late_colour)
            verdict.setToolTip("Slower than planned (median)")
        rows.append([_step_item(key), verdict, _item(days_text(p90.get(key)))])
    return rows


def _stage_rows(figures: dict) -> list[list[QTableWidgetItem]]:
    rows = []
    for name, s in (figures.get("stage_days") or {}).items():
        rows.append([_item(name), _item(days_text(s.get("expected"))),
                     _item(days_text(s.get("median"))), _item(days_text(s.get("p90"))),
                     _item(f"{s.get('cases', 0):,}", number=s.get("cases", 0))])
    return rows


# -- combos ------------------------------------------------------------------------------------
def _reset_combo(combo: QComboBox) -> None:
    first = combo.itemText(0) if combo.count() else AUTO
    combo.clear()
    combo.addItem(NO_SEGMENT if first == NO_SEGMENT else AUTO, None)


def _fill_combo(combo: QComboBox, first: str, columns: list[str]) -> None:
    """First item (data None) then the columns; the current choice is kept if still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first, None)
    for column in columns:
        combo.addItem(column, column)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def _listener_for(panel: ComparePanel):
    """A document listener that does not keep the panel alive."""
    ref = weakref.ref(panel)

    def listener(changes) -> None:
        target = ref()
        if target is not None:
            target._on_document_changed(changes)

    return listener
