"""The result tables of the Compare panel: read-only cells, one row builder per table, and
the combo that maps an unmatched activity to a touchpoint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from journeymap.comparison import Comparison, Figures
from journeymap.comparison.formatting import days_text, fraction_text, step_text

from ..safety import guarded
from .wheel import guard_wheel

STEP_ROLE = Qt.ItemDataRole.UserRole + 1  # a step's two touchpoint ids, for selecting cards
Rows = list[list[QTableWidgetItem]]


def is_dark(widget: QWidget) -> bool:
    """Whether `widget` is drawn on a dark window colour (the chart and messages follow it)."""
    return widget.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5


# -- tables ----------------------------------------------------------------------------------
def cell(text: str, *, number: float | None = None, tip: str = "") -> QTableWidgetItem:
    """A read-only cell; `number` right-aligns it and is what it sorts by."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if number is not None:
        item.setData(Qt.ItemDataRole.UserRole, number)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tip:
        item.setToolTip(tip)
    return item


def result_table(name: str, headers: list[str], stretch: int = 0) -> QTableWidget:
    """A read-only table selecting whole rows; column `stretch` takes the spare width."""
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


def fill_table(table: QTableWidget, rows: Rows) -> None:
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, item in enumerate(row):
            table.setItem(r, c, item)


def table_texts(table: QTableWidget) -> list[list[str]]:
    """Every cell's text, row by row (for tests and copying)."""
    return [[table.item(r, c).text() if table.item(r, c) else ""
             for c in range(table.columnCount())] for r in range(table.rowCount())]


# -- rows ------------------------------------------------------------------------------------
def _step_cell(step) -> QTableWidgetItem:
    """A step's cell; it carries the ids of the cards the step joins (None: not a card)."""
    item = cell(step_text(step.source, step.target), tip=step.key)
    item.setData(STEP_ROLE, [step.source_id, step.target_id])
    return item


def variant_rows(figures: Figures) -> Rows:
    rows = []
    for variant in figures.variant_list:
        path = " › ".join(variant.activities)
        rows.append([cell(path, tip=path), cell(f"{variant.cases:,}", number=variant.cases),
                     cell(fraction_text(variant.share), number=variant.share)])
    return rows


def deviation_rows(figures: Figures) -> Rows:
    return [[_step_cell(step), cell(f"{step.count:,}", number=step.count),
             cell(step.kind or "")] for step in figures.deviations]


def timing_rows(result: Comparison, late_colour: QColor) -> Rows:
    """Steps with expected days, slowest against plan first: 'expected 3 d, took 7 d'."""
    timed = []
    for plan in result.planned:
        step = result.figures.step(plan.source, plan.target)
        if step is not None:
            timed.append((plan, step))
    timed.sort(key=lambda pair: (-(pair[1].median_days - pair[0].days), pair[0].key))
    rows = []
    for plan, step in timed:
        late = step.median_days > plan.days
        verdict = cell(f"expected {days_text(plan.days)}, took {days_text(step.median_days)}",
                       number=step.median_days - plan.days)
        if late:
            verdict.setForeground(late_colour)
            verdict.setToolTip("Slower than planned (median)")
        rows.append([_step_cell(step), verdict, cell(days_text(step.p90_days))])
    return rows


def stage_rows(figures: Figures) -> Rows:
    return [[cell(s.name), cell(days_text(s.expected)), cell(days_text(s.median)),
             cell(days_text(s.p90)), cell(f"{s.cases:,}", number=s.cases)]
            for s in figures.stage_days]


def unmatched_rows(figures: Figures) -> Rows:
    """Activity and event count; the panel puts a `TouchpointCombo` in the third column."""
    return [[cell(name), cell(f"{n:,}", number=n)]
            for name, n in figures.unmatched_activities.items()]


# -- mapping an activity -----------------------------------------------------------------------
class TouchpointCombo(QComboBox):
    """"Map to…" then every touchpoint; filled only when opened or focused, because a log can
    have hundreds of unmatched activities and a map thousands of touchpoints."""

    def __init__(self, journey_map, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journey_map = journey_map
        self.addItem("Map to…", None)
        guard_wheel(self)  # one per unmatched row of a table that scrolls

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
