"""Fitting text on the planned-vs-actual sheet while remembering what had to be cut, so the
"Figures in full" pages are added whenever the sheet shortened anything."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..pdf import typeset


@dataclass
class Cuts:
    cut: bool = False  # a text was shortened with an ellipsis
    shortened: bool = False  # a list shows only its first rows
    cards: set[str] = field(default_factory=set)  # ids of cards with a text cut

    def fit(self, text: str, style: str, size: float, width: float) -> str:
        """The text, or its longest prefix that fits with an ellipsis."""
        shown = typeset.ellipsize(text, style, size, width)
        if shown != typeset.clean(text):
            self.cut = True
        return shown

    def wrap(self, text: str, style: str, size: float, width: float, lines: int) -> list[str]:
        wrapped, cut = typeset.wrap(text, style, size, width, max_lines=lines)
        self.cut |= cut
        return wrapped

    @property
    def any(self) -> bool:
        return self.cut or self.shortened


def draw(c, x: float, y: float, text: str, style: str, size: float, colour,
         align: str = "left") -> float:
    """One line in points (y up), in a colour; returns its width."""
    c.setFillColor(colour)
    return typeset.draw(c, x, y, text, style, size, align)
