"""What every canvas item reads when it paints: theme, fonts and display options.

Items keep no copy of model state; they read their model object and this shared style, so a
theme switch or a facilitation toggle is one `update()` per item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QFont, QFontMetricsF

from .palette import LIGHT, Theme

# Fields a facilitator can hide from the cards (and the curve) during a session.
HIDEABLE = ("channel", "owner", "experience", "raci", "votes", "badges", "emotion",
            "comments")


def _font(base: QFont, pixels: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont(base)
    font.setPixelSize(pixels)  # pixels, not points: the same size on screen, PNG and SVG
    font.setWeight(weight)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


@dataclass
class Fonts:
    title: QFont
    meta: QFont
    small: QFont
    header: QFont
    header_sub: QFont

    @classmethod
    def make(cls, presentation: bool, family: str | None = None) -> Fonts:
        if presentation:  # sized for the room, in multiples of one unit (presentation.py)
            from .presentation import presentation_fonts

            return cls(**presentation_fonts(family))
        base = QFont(family) if family else QFont()
        return cls(
            title=_font(base, 12, QFont.Weight.DemiBold),
            meta=_font(base, 10),
            small=_font(base, 9, QFont.Weight.DemiBold),
            header=_font(base, 14, QFont.Weight.Bold),
            header_sub=_font(base, 10),  # 10.5 rounded, as it always was
        )


@dataclass
class CanvasStyle:
    theme: Theme = LIGHT
    presentation: bool = False
    hidden: frozenset[str] = frozenset()
    badges: dict[str, str] = field(default_factory=dict)  # tp id -> "error" | "warning"
    interactive: bool = True  # False when exporting: no handles, no device caches
    fonts: Fonts | None = None
    generation: int = 0  # bumped on every change so items drop cached text layouts
    dots_row: bool = False  # presentation cards keep a row for vote dots (while voting)

    def __post_init__(self) -> None:
        if self.fonts is None:
            self.fonts = Fonts.make(self.presentation)
        self._metrics: dict[int, QFontMetricsF] = {}
        self._widths: dict[tuple[int, str], float] = {}  # (font, text) -> advance

    def shows(self, what: str) -> bool:
        return what not in self.hidden

    def metrics(self, font: QFont) -> QFontMetricsF:
        key = id(font)
        found = self._metrics.get(key)
        if found is None:
            found = self._metrics[key] = QFontMetricsF(font)
        return found

    def text_width(self, font: QFont, text: str) -> float:
        """The advance of `text` in `font`, remembered: a map's link labels repeat a few
        texts ("3 d", "7 d") thousands of times."""
        key = (id(font), text)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = self.metrics(font).horizontalAdvance(text)
        return found

    def set_presentation(self, on: bool) -> None:
        self.presentation = on
        self.fonts = Fonts.make(on)
        self._metrics.clear()
        self._widths.clear()
        self.generation += 1
