"""Two primitives every sheet drawing uses: rectangle overlap and text at a layout point."""

from __future__ import annotations

from ...layout import Rect
from . import paint, typeset


def overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def draw_text(c, x, y, text, style, size, colour, align="left") -> float:
    """Text with its baseline at layout (x, y) -- y growing downwards -- in `colour`."""
    paint.fill(c, colour)
    return typeset.draw(c, x, -y, text, style, size, align)
