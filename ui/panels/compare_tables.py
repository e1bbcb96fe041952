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

from ..safety import guarded
from .wheel import guard_wheel

STEP_ROLE = Qt.ItemDataRole.UserRole + 1  # a step's "A -> B" key, for selecting its cards
Rows = list[list[QTableWidgetItem]]


# -- text ------------------------------------------------------------------------------------
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
def _step_cell(key: str) -> QTableWidgetItem:
    item = cell(key.replace(" -> ", " → "), tip=key)
    item.setData(STEP_ROLE, key)
    return item


def variant_rows(figures: dict) -> Rows:
    rows = []
    for variant in figures.get("variant_list") or []:
        path = " › ".join(variant["activities"])
        rows.append([cell(path, tip=path), cell(f"{variant['cases']:,}", number=variant["cases"]),
                     cell(f"{100 * variant['share']:.1f} %", number=variant["share"])])
    return rows


def deviation_rows(figures: dict) -> Rows:
    kinds = figures.get("deviation_kinds") or {}
    return [[_step_cell(key), cell(f"{n:,}", number=n), cell(kinds.get(key, ""))]
            for key, n in (figures.get("deviations") or {}).items()]


def timing_rows(figures: dict, result: dict, late_colour: QColor) -> Rows:
    """Steps with expected days, slowest against plan first: 'expected 3 d, took 7 d'."""
    expected = figures.get("expected_days") or result.get("expected_days") or {}
    median, p90 = figures.get("median_days") or {}, figures.get("p90_days") or {}
    steps = sorted((key for key in expected if key in median),
                   key=lambda k: (-(median[k] - expected[k]), k))
    rows = []
    for key in steps:
        late = median[key] > expected[key]
        verdict = cell(f"expected {days_text(expected[key])}, took {days_text(median[key])}",
                       number=median[key] - expected[key])
        if late:
            verdict.setForeground(late_colour)
            verdict.setToolTip("Slower than planned (median)")
        rows.append([_step_cell(key), verdict, cell(days_text(p90.get(key)))])
    return rows


def stage_rows(figures: dict) -> Rows:
    rows = []
    for name, s in (figures.get("stage_days") or {}).items():
        rows.append([cell(name), cell(days_text(s.get("expected"))),
                     cell(days_text(s.get("median"))), cell(days_text(s.get("p90"))),
                     cell(f"{s.get('cases', 0):,}", number=s.get("cases", 0))])
    return rows


def unmatched_rows(figures: dict) -> Rows:
    """Activity and event count; the panel puts a `TouchpointCombo` in the third column."""
    unmatched = figures.get("unmatched_activities") or {}
    return [[cell(name), cell(f"{n:,}", number=n)] for name, n in unmatched.items()]


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
