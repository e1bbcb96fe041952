"""Wrap and elide text for card and header painting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption


def wrap(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Lines of `text` that fit `width`, at most `max_lines`, the last one elided if cut.

    QTextLayout breaks at word boundaries of any script (CJK, Thai …) and keeps bidi text
    intact; a single word wider than the box is broken anywhere.
    """
    text = " ".join(text.split())
    if not text or max_lines <= 0:
        return []
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    try:
        while len(lines) < max_lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start, length = line.textStart(), line.textLength()
            if len(lines) == max_lines - 1 and start + length < len(text):
                rest = text[start:]
                lines.append(QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
                break
            lines.append(text[start:start + length].rstrip())
    finally:
        layout.endLayout()
    return lines


def elide(text: str, metrics: QFontMetricsF, width: float) -> str:
    return metrics.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, max(0.0, width))
