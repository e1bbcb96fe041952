"""The countdown timer the room sees: mm:ss with minutes, start/pause and reset.

It lives in the toolbar, also in presentation mode. It reads a monotonic clock (injectable
for tests) instead of counting ticks, so it stays right when the event loop is busy or the
window is in the background.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

from .wheel import guard_wheel


# -- countdown timer --------------------------------------------------------------------------
class CountdownTimer(QWidget):
    """mm:ss countdown with minutes, start/pause and reset; turns red when time is up."""

    finished = Signal()
    changed = Signal()  # time left or state changed (the presentation overlay follows it)
    PRESETS = (1, 3, 5, 10)  # minutes, in the Facilitation menu

    def __init__(self, parent: QWidget | None = None, clock=time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("countdown")
        self.clock = clock
        self.duration = 5 * 60.0
        self._left = self.duration  # seconds left while paused
        self._started_at: float | None = None  # clock value when (re)started
        self._done = False
        self.sound = True  # beep when time is up
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 180)
        self.minutes.setValue(5)
        self.minutes.setSuffix(" min")
        self.minutes.setToolTip("Length of the timebox")
        self.minutes.valueChanged.connect(self._minutes_changed)
        self.display = QLabel()
        self.display.setObjectName("countdownDisplay")
        self.display.setMinimumWidth(64)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = QToolButton()
        self.start_button.setObjectName("timerStart")
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QToolButton()
        self.reset_button.setText("Reset")
        self.reset_button.clicked.connect(self.reset)
        self.ticker = QTimer(self)
        self.ticker.setInterval(200)
        self.ticker.timeout.connect(self.tick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(4)
        icon = QLabel("Timer")
        icon.setToolTip("Timebox for the room")
        layout.addWidget(icon)
        layout.addWidget(self.display)
        layout.addWidget(self.start_button)
        layout.addWidget(self.reset_button)
        layout.addWidget(self.minutes)
        guard_wheel(self.minutes)  # scrolling past it must not change the timebox
        self._show()

    def running(self) -> bool:
        return self._started_at is not None

    def remaining(self) -> float:
        if self._started_at is None:
            return self._left
        return max(0.0, self._left - (self.clock() - self._started_at))

    def toggle(self) -> None:
        if self.running():
            self.pause()
        else:
            self.start()

    def start(self) -> None:
        if self._done or self._left <= 0:
            self.reset()
        self._started_at = self.clock()
        self.ticker.start()
        self._show()

    def pause(self) -> None:
        self._left = self.remaining()
        self._started_at = None
        self.ticker.stop()
        self._show()

    def reset(self) -> None:
        self.ticker.stop()
        self._started_at = None
        self._done = False
        self._left = self.duration
        self._show()

    def tick(self) -> None:
        if self.running() and self.remaining() <= 0:
            self._left, self._started_at, self._done = 0.0, None, True
            self.ticker.stop()
            if self.sound:
                QApplication.beep()
            self.finished.emit()
        self._show()

    def state(self) -> str:
        """idle (full time, stopped), running, paused or done."""
        if self._done:
            return "done"
        if self.running():
            return "running"
        return "paused" if self.remaining() < self.duration else "idle"

    def set_minutes(self, minutes: int) -> None:
        """A preset: the timebox becomes `minutes`, stopped and full."""
        self.minutes.setValue(minutes)
        self.reset()

    def text(self) -> str:
        seconds = int(self.remaining() + 0.999)  # 4:59.2 left shows 5:00 … 0:00.4 shows 0:01
        return f"{seconds // 60:02d}:{seconds % 60:02d}"

    def _minutes_changed(self, value: int) -> None:
        self.duration = value * 60.0
        if not self.running():
            self.reset()

    def _show(self) -> None:
        self.display.setText(self.text())
        self.display.setProperty("state", "done" if self._done else
                                 "running" if self.running() else "idle")
        self.display.style().unpolish(self.display)
        self.display.style().polish(self.display)
        self.start_button.setText("Pause" if self.running() else "Start")
        self.start_button.setToolTip("Pause the timer" if self.running() else "Start the timer")
        self.changed.emit()


