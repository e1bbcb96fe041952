"""The Problems panel: the journey checks of the open map, errors first, kept up to date.

The analysis runs on every committed change, debounced (~150 ms) so a burst of edits (an
undo of a large paste, a facilitator clicking fast) costs one run. Clicking a problem asks the
canvas to select and frame its cards; the per-card severities feed the canvas badges.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from journeymap.analysis import ERROR, analyse
from journeymap.document import Document

from .common import follow_changes

log = logging.getLogger(__name__)
DEBOUNCE_MS = 150
FIRST_CHECK_MS = 250  # a new map's check waits for the canvas's first frame, at most this


class ProblemsPanel(QWidget):
    problem_activated = Signal(list)  # touchpoint ids to select and frame
    badges_changed = Signal(dict)  # {tp id: "error" | "warning"}
    counts_changed = Signal(int, int)  # errors, warnings
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.problems: list = []
        self.figures: dict = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        self._first_check = QTimer(self)
        self._first_check.setSingleShot(True)
        self._first_check.setInterval(FIRST_CHECK_MS)
        self._first_check.timeout.connect(self._check_new_map)
        self.list = QListWidget()
        self.list.setObjectName("problemList")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setIconSize(QSize(16, 16))
        self.list.setSpacing(1)
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        self.summary = QLabel()
        self.summary.setObjectName("problemSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)
        style = self.style()
        self._icons = {
            ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }

    def set_document(self, document: Document | None) -> None:
        """Follow another map. Its check runs right after the canvas has drawn it
        (`canvas_painted`), or after FIRST_CHECK_MS if nothing is drawn: a large map's check
        (and the first import of networkx) costs a tenth of a second, and the map shows first."""
        follow_changes(self.document, document, self._on_changed)
        self.document = document
        if document is None:
            self.run_now()
            return
        self.problems, self.figures = [], {}
        self.list.clear()
        self.summary.setText("Checking the journey…")
        self.badges_changed.emit({})  # none of the previous map's badges on this one
        self.timer.stop()
        self._first_check.start()

    def canvas_painted(self) -> None:
        """The canvas drew a frame: a new map's check may run now."""
        if self._first_check.isActive():
            self._first_check.start(0)

    def _check_new_map(self) -> None:
        if self.document is not None and not self.timer.isActive():
            self.run_now()

    def _on_changed(self, _changes) -> None:
        self.timer.start()  # restarts: one run after the burst

    def run_now(self) -> None:
        self.timer.stop()
        self._first_check.stop()
        if self.document is None:
            self.problems, self.figures = [], {}
        else:
            try:
                report = analyse(self.document.map)
            except Exception:  # a checker bug must not take the editor down
                log.exception("The journey analysis failed")
                self.status.emit("The journey check failed; see the log for details.")
                self.problems, self.figures = [], {}
                self._fill(failed=True)  # no stale problems or badges from before the edit
                return
            errors = [p for p in report.problems if p.severity == ERROR]
            self.problems = errors + [p for p in report.problems if p.severity != ERROR]
            self.figures = report.figures
        self._fill()

    def _fill(self, failed: bool = False) -> None:
        self.list.clear()
        for problem in self.problems:
            icon = self._icons.get(problem.severity, self._icons["warning"])
            item = QListWidgetItem(icon, problem.message)
            item.setData(Qt.ItemDataRole.UserRole, list(problem.ids))
            item.setToolTip(f"{problem.code}: {problem.message}")
            self.list.addItem(item)
        errors = sum(1 for p in self.problems if p.severity == ERROR)
        warnings = len(self.problems) - errors
        self.list.setVisible(bool(self.problems))
        if self.document is None:
            self.summary.setText("")
        elif failed:
            self.summary.setText("The journey check failed on this map; see the log.")
        elif not self.problems:
            self.summary.setText(
                "✓ No problems: every path leads somewhere and every card has an owner."
            )
        else:
            self.summary.setText(
                f"{errors} error{'s' if errors != 1 else ''}, "
                f"{warnings} warning{'s' if warnings != 1 else ''}. Click one to see its cards."
            )
        self.badges_changed.emit(self.badges())
        self.counts_changed.emit(errors, warnings)

    def badges(self) -> dict[str, str]:
        badges: dict[str, str] = {}
        for problem in self.problems:
            for tp_id in problem.ids:
                if badges.get(tp_id) != ERROR:
                    badges[tp_id] = problem.severity
        return badges

    def _activate(self, item: QListWidgetItem) -> None:
        ids = item.data(Qt.ItemDataRole.UserRole) or []
        if ids:
            self.problem_activated.emit(list(ids))
        else:
            self.status.emit(item.text())
