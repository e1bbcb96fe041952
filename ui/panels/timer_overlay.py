"""The countdown as the room sees it in presentation mode: large white digits on a dark,
rounded panel in the canvas's top-right corner (red, with "Time is up", when it ends).

It only shows the CountdownTimer's state (start, pause, reset and presets are the timer's
keyboard actions) and never takes the mouse, so cards under it stay clickable.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from ..safety import guarded

MARGIN = 18


class TimerOverlay(QWidget):
    def __init__(self, timer, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("timerOverlay")
        self.timer = timer
        self.presenting = False
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        timer.changed.connect(self.follow)
        parent.installEventFilter(self)
        self.hide()

    def set_presenting(self, on: bool) -> None:
        self.presenting = on
        self.follow()

    def wanted(self) -> bool:
        """Shown while presenting, once the timer is in use (running, paused or done)."""
        return self.presenting and self.timer.state() != "idle"

    def follow(self) -> None:
        self.setVisible(self.wanted())
        if self.isVisible():
            self._place()
            self.raise_()
            self.update()

    def digit_size(self) -> float:
        """Pixels: a twelfth of the canvas's height, so the back of the room can read it."""
        return max(40.0, self.parentWidget().height() / 12)

    def _fonts(self) -> tuple[QFont, QFont]:
        big = QFont(self.font())
        big.setPixelSize(int(self.digit_size()))
        big.setBold(True)
        big.setStyleHint(QFont.StyleHint.Monospace)
        small = QFont(self.font())
        small.setPixelSize(int(self.digit_size() / 3.2))
        small.setBold(True)
        return big, small

    def _place(self) -> None:
        big, small = self._fonts()
        width = QFontMetricsF(big).horizontalAdvance("00:00") + 48
        height = QFontMetricsF(big).height() + QFontMetricsF(small).height() + 24
        parent = self.parentWidget()
        self.setGeometry(int(parent.width() - width - MARGIN), MARGIN, int(width), int(height))

    @guarded(fallback=False)
    def eventFilter(self, watched, event) -> bool:
        if watched is self.parentWidget() and event.type() == event.Type.Resize:
            self.follow()
        return False

    @guarded
    def paintEvent(self, event) -> None:
        state = self.timer.state()
        big, small = self._fonts()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        back = QColor("#b3261e") if state == "done" else QColor(17, 20, 24, 225)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        rect = QRectF(self.rect())
        painter.drawRoundedRect(rect, 18, 18)
        painter.setPen(QColor("#ffffff"))
        digits_h = QFontMetricsF(big).height()
        painter.setFont(big)
        painter.drawText(QRectF(0, 8, rect.width(), digits_h), Qt.AlignmentFlag.AlignCenter,
                         self.timer.text())
        caption = {"done": "Time is up", "paused": "paused", "running": ""}.get(state, "")
        if caption:
            painter.setFont(small)
            painter.drawText(QRectF(0, 8 + digits_h, rect.width(), rect.height() - digits_h - 12),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, caption)
        painter.end()
