"""The Options box of the Compare panel: which columns of the log to read, a column to segment
by, the period and whether to save the result; `options()` is what the comparison job gets."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
)

AUTO = "(auto)"
NO_SEGMENT = "(none)"
COLUMNS = (("case", "Case column", "caseColumn"), ("activity", "Activity column", "activityColumn"),
           ("time", "Timestamp column", "timestampColumn"))


# The core's errors name command-line options; here they are boxes of this panel.
OPTION_NAMES = {
    "--case-col": "the Case column box",
    "--activity-col": "the Activity column box",
    "--timestamp-col": "the Timestamp column box",
    "--since": "Since",
    "--until": "Until",
    "--segment": "Segment by",
}


def panel_sentence(message: str) -> str:
    for option, name in OPTION_NAMES.items():
        message = message.replace(option, name)
    return message


class CompareOptions(QGroupBox):
    run_requested = Signal()  # Return in a period box
    segment_chosen = Signal()  # the user picked a segment column

    def __init__(self, parent=None) -> None:
        super().__init__("Options", parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.column_boxes: dict[str, QComboBox] = {}
        for role, label, name in COLUMNS:
            self.column_boxes[role] = _combo(name, AUTO)
            form.addRow(label, self.column_boxes[role])
        self.segment_box = _combo("segmentColumn", NO_SEGMENT)
        self.segment_box.setToolTip("Figures per value of this column (a case's value on its "
                                    "first event)")
        self.segment_box.activated.connect(lambda _index: self.segment_chosen.emit())
        form.addRow("Segment by", self.segment_box)
        form.addRow("Period", self._period())
        self.save_box = QCheckBox("Save to history")
        self.save_box.setObjectName("saveHistory")
        self.save_box.setChecked(True)
        form.addRow("", self.save_box)

    def _period(self) -> QHBoxLayout:
        period = QHBoxLayout()
        self.since_edit, self.until_edit = QLineEdit(), QLineEdit()
        for edit, name in ((self.since_edit, "since"), (self.until_edit, "until")):
            edit.setObjectName(name)
            edit.setPlaceholderText("YYYY-MM-DD")
            edit.setClearButtonEnabled(True)
            edit.returnPressed.connect(self.run_requested)
        period.addWidget(self.since_edit)
        period.addWidget(QLabel("to"))
        period.addWidget(self.until_edit)
        return period

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

    def forget_columns(self) -> None:
        """Back to automatic columns and no segment (the columns were another log's)."""
        for combo in self.column_boxes.values():
            _offer(combo, AUTO, [])
        _offer(self.segment_box, NO_SEGMENT, [])

    def offer_columns(self, columns: list, detected: dict) -> None:
        """The log's columns, and which of them the job detected for each role."""
        for role, combo in self.column_boxes.items():
            found = detected.get(role) if detected else None
            auto = f"{AUTO[:-1]}: {found})" if found else AUTO
            if detected and role in detected and found is None:
                auto = "(not found: choose a column)"
            _offer(combo, auto, columns)
        core = {v for v in (detected or {}).values() if v}
        core |= {c.currentData() for c in self.column_boxes.values() if c.currentData()}
        _offer(self.segment_box, NO_SEGMENT, [c for c in columns if c not in core])


def _combo(name: str, first: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(first, None)
    return combo


def _offer(combo: QComboBox, first: str, columns: list[str]) -> None:
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
