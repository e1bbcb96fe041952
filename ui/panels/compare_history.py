"""The History tab of the Compare panel: every saved comparison of the map as a chart
(conformance and journey days over time) above a table, newest first."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from journeymap.comparison import Comparison, from_json_dict
from journeymap.comparison.formatting import days_text, share_text

from ..canvas.overlay import colours
from ..safety import guarded
from .compare_tables import Rows, cell, fill_table, is_dark, result_table

Point = tuple[str, float | None, float | None]  # date, conformance % or None, days or None


def journey_days(result: Comparison) -> float | None:
    """Days through the journey for the history chart: the stage medians added up."""
    medians = [s.median for s in result.figures.stage_days if s.median is not None]
    return sum(medians) if medians else None


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 x 10^k at least 10 % above `value` (a chart's axis top)."""
    if value <= 0:
        return 1.0
    target = value * 1.1
    power = 10 ** math.floor(math.log10(target))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= target)


def history_rows(entries: list[dict]) -> tuple[Rows, list[Point]]:
    """Table rows and chart points of saved comparisons (as `Workspace.comparisons` lists
    them, oldest first); both in that order."""
    rows, points = [], []
    for entry in entries:
        result = from_json_dict(entry["result"])
        figures = result.figures
        cases = figures.cases
        conforming = 100 * figures.conforming_cases / cases if cases else None
        days = journey_days(result)
        log_name = str(result.log)
        rows.append([cell(str(entry["created"]).replace("T", " ").rstrip("Z")),
                     cell(log_name, tip=log_name),
                     cell(f"{cases:,}", number=cases),
                     cell(share_text(figures.conforming_cases, cases)),
                     cell(share_text(figures.reached_goal, cases)),
                     cell(days_text(days))])
        points.append((str(entry["created"])[:10], conforming, days))
    return rows, points


def _line_pen(colour: QColor, dashed: bool) -> QPen:
    pen = QPen(colour, 2)
    if dashed:
        pen.setDashPattern([4, 3])
    return pen


class HistoryTab(QWidget):
    """The chart above the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = HistoryChart()
        self.table = result_table("historyTable", ["Date", "Log", "Cases", "Conforming",
                                                   "Reached goal", "Days"], stretch=1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.chart, 1)
        box.addWidget(self.table, 1)

    def show_entries(self, entries: list[dict]) -> None:
        rows, points = history_rows(entries)
        fill_table(self.table, rows[::-1])  # newest first in the table
        self.chart.set_points(points)


class HistoryChart(QWidget):
    """Conformance % (left axis, solid) and journey days (right axis, dashed) per saved
    comparison, oldest on the left. Drawn with QPainter: QtCharts is not in
    PySide6-Essentials."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyChart")
        self.setMinimumHeight(150)
        self.points: list[Point] = []

    def set_points(self, points: list[Point]) -> None:
        """(label, conformance % or None, days or None) per comparison, oldest first."""
        self.points = list(points)
        self.update()

    @guarded
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
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
        c = colours(is_dark(self))
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
        painter.setPen(_line_pen(colour, dashed))
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
            painter.setPen(_line_pen(colour, dashed))
            y = 4 + fm.height() / 2
            painter.drawLine(QPointF(x, y), QPointF(x + 18, y))
            painter.setPen(text)
            painter.drawText(QPointF(x + 22, 4 + fm.ascent()), label)
            x += 22 + fm.horizontalAdvance(label) + 14
