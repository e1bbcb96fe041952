"""The lower part of the Compare panel: the headline figures, the legend of the overlay, the
notes (goal, never visited) and the tabs of result tables with the History tab.

It shows one `Comparison` (the whole log's or one segment's, `Comparison.of_segment`) and
reports what the user asks of it: an activity to map to a touchpoint, a step whose cards to
select on the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journeymap.comparison import Comparison
from journeymap.comparison.formatting import MISSING, share_text

from ..canvas.overlay import colours
from .compare_history import HistoryTab
from .compare_tables import (
    STEP_ROLE,
    TouchpointCombo,
    deviation_rows,
    fill_table,
    is_dark,
    result_table,
    stage_rows,
    timing_rows,
    unmatched_rows,
    variant_rows,
)

FIGURES = (("cases", "Cases"), ("events", "Events"), ("conforming", "Conforming"),
           ("reached", "Reached goal"), ("variants", "Variants"))


class CompareResults(QWidget):
    activity_mapped = Signal(str, str)  # activity, touchpoint id
    step_chosen = Signal(list)  # the ids of a step's cards

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journey_map = None  # for the "Map to…" combos
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
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

    # -- building -----------------------------------------------------------------------------
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
            value = QLabel(MISSING)
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
        self.history = HistoryTab()
        self.tabs.addTab(self.variants_table, "Paths")
        self.tabs.addTab(self.deviations_table, "Deviations")
        self.tabs.addTab(timing, "Timing")
        self.tabs.addTab(self.unmatched_table, "Unmatched")
        self.tabs.addTab(self.history, "History")
        return self.tabs

    # -- showing ------------------------------------------------------------------------------
    def show_result(self, result: Comparison | None) -> None:
        """Fill the figures and tables from `result` (None: empty them)."""
        self._show_figures(result)
        figures = result.figures if result is not None else None
        fill_table(self.variants_table, variant_rows(figures) if figures else [])
        fill_table(self.deviations_table, deviation_rows(figures) if figures else [])
        fill_table(self.timing_table,
                   timing_rows(result, self.late_colour()) if result is not None else [])
        fill_table(self.stages_table, stage_rows(figures) if figures else [])
        self._show_unmatched(result)
        unmatched = len(figures.unmatched_activities) if figures else 0
        self.tabs.setTabText(3, f"Unmatched ({unmatched})" if unmatched else "Unmatched")

    def _show_figures(self, result: Comparison | None) -> None:
        if result is None:
            for label in self.figures.values():
                label.setText(MISSING)
            self.notes.setText("")
            return
        figures = result.figures
        cases = figures.cases
        values = {
            "cases": f"{cases:,}",
            "events": f"{figures.events:,}",
            "conforming": share_text(figures.conforming_cases, cases),
            "reached": share_text(figures.reached_goal, cases),
            "variants": f"{figures.variants:,}",
        }
        for key, text in values.items():
            self.figures[key].setText(text)
        notes = []
        if result.goal:
            notes.append("Goal: " + ", ".join(result.goal) + ".")
        if figures.skipped:
            notes.append("Never visited: " + ", ".join(figures.skipped) + ".")
        self.notes.setText(" ".join(notes))

    def _show_unmatched(self, result: Comparison | None) -> None:
        figures = result.figures if result is not None else None
        fill_table(self.unmatched_table, unmatched_rows(figures) if figures else [])
        for row, name in enumerate(figures.unmatched_activities if figures else ()):
            self.unmatched_table.setCellWidget(row, 2, self._map_combo(name))

    def _map_combo(self, activity: str) -> QComboBox:
        combo = TouchpointCombo(self.journey_map)
        combo.setObjectName("mapTo")
        combo.setToolTip(f"Which touchpoint '{activity}' stands for")
        combo.activated.connect(
            lambda index: combo.itemData(index) and self.activity_mapped.emit(
                activity, combo.itemData(index)))
        return combo

    def _select_step(self, table: QTableWidget) -> None:
        """Selecting a step selects its cards on the canvas."""
        rows = {index.row() for index in table.selectedIndexes()}
        if not rows:
            return
        ids = [tp_id for tp_id in table.item(min(rows), 0).data(STEP_ROLE) or [] if tp_id]
        if ids:
            self.step_chosen.emit(list(dict.fromkeys(ids)))

    def late_colour(self) -> QColor:
        dark = is_dark(self)
        return colours(dark).slow if dark else colours(dark).ended
