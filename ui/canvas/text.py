"""Wrap and elide text for card and header painting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption


def wrap(text: str, font: QFont, width: float, max_lines: int,
         first_width: float | None = None) -> list[str]:
    """Lines of `text` that fit `width`, at most `max_lines`, the last one elided if cut;
    the first line fits `first_width` when given (a badge beside it takes the rest).

    QTextLayout breaks at word boundaries of any script (CJK, Thai …) and keeps bidi text
    intact; a single word wider than the box is elided rather than split mid-word.
    """
    text = " ".join(text.split()).replace("/", "/\u200b")  # let "Community/peers" break
    if not text or max_lines <= 0:
        return []
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines: list[str] = []
    metrics = QFontMetricsF(font)
    layout.beginLayout()
    try:
        while len(lines) < max_lines:
            line = layout.createLine()
            if not line.isValid():
                break
            room = width if first_width is None or lines else first_width
            line.setLineWidth(room)
            start, length = line.textStart(), line.textLength()
            if len(lines) == max_lines - 1 and start + length < len(text):
                rest = text[start:].replace("\u200b", "")
                lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, room))
                break
            piece = text[start:start + length].replace("\u200b", "").rstrip()
            lines.append(elide(piece, metrics, room))
    finally:
        layout.endLayout()
    return lines


def elide(text: str, metrics: QFontMetricsF, width: float) -> str:
    return metrics.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, max(0.0, width))


def fitting_font(text: str, font: QFont, width: float, smallest: int = 9) -> QFont:
    """`font`, made smaller (down to `smallest` px) until the longest word fits `width`."""
    words = text.replace("/", "/ ").split() or [""]
    fitted = QFont(font)
    while fitted.pixelSize() > smallest:
        metrics = QFontMetricsF(fitted)
        if max(metrics.horizontalAdvance(word) for word in words) <= width:
            break
        fitted.setPixelSize(fitted.pixelSize() - 1)
    return fitted
