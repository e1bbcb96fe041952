"""Canvas colours for light and dark schemes, chosen to read on a projector.

Experience uses the 5-class RdBu diverging scheme (ColorBrewer), which stays distinct for
the common kinds of colour blindness; cards also print the signed number, so the rating
reads in black and white too.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

EXPERIENCE_HEX = {-2: "#ca0020", -1: "#f4a582", 0: "#b8b8b8", 1: "#92c5de", 2: "#0571b0"}


@dataclass(frozen=True)
class Theme:
    dark: bool
    background: QColor  # outside and behind the grid
    band: QColor  # the cells' base colour, tinted by the lane colour
    divider: QColor  # lines between cells
    header: QColor
    header_text: QColor
    header_muted: QColor
    card: QColor
    card_border: QColor
    card_text: QColor
    card_muted: QColor
    selection: QColor
    hover: QColor
    connection: QColor
    loop: QColor
    warning: QColor
    error: QColor
    pain: QColor
    opportunity: QColor
    truth: QColor
    vote: QColor
    comment: QColor
    curve: QColor
    drop: QColor  # where dragged cards will land

    def experience(self, value: int | None) -> QColor | None:
        return None if value is None else QColor(EXPERIENCE_HEX[value])

    def lane_tint(self, lane_hex: str, strength: float = 1.0) -> QColor:
        """The lane colour mixed into the cell base, a little stronger in dark mode."""
        return mix(self.band, QColor(lane_hex), (0.12 if self.dark else 0.09) * strength)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def readable_on(fill: QColor) -> QColor:
    """Black or white text, whichever contrasts more with `fill`."""
    luma = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    return QColor("#111111") if luma > 0.55 else QColor("#ffffff")


def _theme(dark: bool, **hexes: str) -> Theme:
    return Theme(dark=dark, **{name: QColor(value) for name, value in hexes.items()})


LIGHT = _theme(
    False,
    background="#eef0f3", band="#fbfbfc", divider="#d5dae0", header="#ffffff",
    header_text="#1b2430", header_muted="#5d6a79", card="#ffffff", card_border="#bfc7d1",
    card_text="#121821", card_muted="#556170", selection="#1d5fe0", hover="#7ea6f2",
    connection="#4f5b69", loop="#7b3fe4", warning="#c2410c", error="#d11a2a",
    pain="#d11a2a", opportunity="#138a4e", truth="#b7791f", vote="#1b2430",
    comment="#0072b2", curve="#1b2430", drop="#1d5fe0",
)

DARK = _theme(
    True,
    background="#121417", band="#1b1f24", divider="#323942", header="#22272e",
    header_text="#eef1f4", header_muted="#a2adba", card="#2a3038", card_border="#46505c",
    card_text="#f4f6f8", card_muted="#b1bac5", selection="#6aa5ff", hover="#4d7fcc",
    connection="#b4bfcb", loop="#b89cff", warning="#ffa94d", error="#ff6b6b",
    pain="#ff6b6b", opportunity="#4fd18b", truth="#f6c453", vote="#eef1f4",
    comment="#56b4e9", curve="#eef1f4", drop="#6aa5ff",
)


def system_is_dark() -> bool:
    """Follow the platform colour scheme; fall back to the palette's window lightness."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5


def current_theme() -> Theme:
    return DARK if system_is_dark() else LIGHT
