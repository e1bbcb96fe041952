"""One place for the look of Journeymap's PDFs: paper, margins, colours, type sizes.

Sizes of things drawn on the map grid are in layout units (they scale with the map); the
rest are in points. No glyph anywhere may print smaller than `MIN_PT`.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A0, A1, A2, A3, A4, LETTER, TABLOID

from ...errors import ValidationError

PAPERS = {"A4": A4, "A3": A3, "A2": A2, "A1": A1, "A0": A0, "Letter": LETTER, "Tabloid": TABLOID}
MIN_PT = 6.0


def page_size(paper: str, portrait: bool) -> tuple[float, float]:
    """(width, height) in points; landscape unless portrait."""
    for name, size in PAPERS.items():
        if name.lower() == str(paper).lower():
            short, long = sorted(size)
            return (short, long) if portrait else (long, short)
    raise ValidationError(
        f"Unknown paper size '{paper}'; use one of {', '.join(PAPERS)}."
    )


def margin(page: tuple[float, float]) -> float:
    """About 8 mm on A4 growing with the sheet, so big posters keep a proportionate edge."""
    return max(22.0, min(page) * 0.03)


# -- colours ----------------------------------------------------------------------------
def hex_colour(value: str, default: str = "#4e79a7"):
    try:
        return colors.HexColor(value)
    except (ValueError, TypeError):
        return colors.HexColor(default)


def tint(colour, amount: float):
    """Mix a colour with white: amount 0 = the colour, 1 = white."""
    return colors.Color(
        colour.red + (1 - colour.red) * amount,
        colour.green + (1 - colour.green) * amount,
        colour.blue + (1 - colour.blue) * amount,
    )


INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#56616d")
FAINT = colors.HexColor("#8a94a0")
RULE = colors.HexColor("#c5ccd4")
PANEL = colors.HexColor("#f3f5f7")
CARD_EDGE = colors.HexColor("#b9c1ca")
WHITE = colors.white
LINK = colors.HexColor("#5d6b7a")
LOOP = colors.HexColor("#7b4f9d")  # purple, dashed: a deliberate loop
BACKWARD = colors.HexColor("#c05a00")  # orange: goes back without being marked a loop
ACCENT = colors.HexColor("#2f5d8a")
GOOD = colors.HexColor("#1b7837")
ERROR = colors.HexColor("#b2182b")
WARNING = colors.HexColor("#b36b00")

# Colour-blind-safe diverging palette (ColorBrewer RdBu, 5 classes, centre darkened so it
# shows on white). The printed number on each chip tells -2 from +2 in greyscale too.
EXPERIENCE_COLOURS = {
    -2: colors.HexColor("#b2182b"),
    -1: colors.HexColor("#ef8a62"),
    0: colors.HexColor("#c8c8c8"),
    1: colors.HexColor("#67a9cf"),
    2: colors.HexColor("#2166ac"),
}
UNRATED = colors.HexColor("#e6e9ed")
EXPERIENCE_NAMES = {-2: "very poor", -1: "poor", 0: "neutral", 1: "good", 2: "very good"}


def experience_colour(value: float | None):
    if value is None:
        return UNRATED
    return EXPERIENCE_COLOURS[max(-2, min(2, round(value)))]


def experience_ink(value: float | None):
    """Text colour readable on the experience colour."""
    if value is None:
        return MUTED
    return WHITE if abs(round(value)) == 2 else INK


def experience_label(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    if decimals:
        text = f"{abs(value):.{decimals}f}"
        if text.strip("0.") == "":
            return "0"
    else:
        text = str(abs(round(value)))
        if text == "0":
            return "0"
    return ("+" if value > 0 else "\u2212") + text


# -- type sizes on the grid, in layout units (the card is 168 x 88) ----------------------
CARD_TITLE = 11.5
CARD_META = 10.0
CHIP = 10.0
STAGE_NAME = 14.0
STAGE_META = 10.0
LANE_NAME = 12.0
LANE_META = 10.0
CURVE_LABEL = 10.0
LINK_LABEL = 10.0
SMALLEST_GRID_TEXT = 10.0  # the grid must print at a scale where this is >= MIN_PT
MIN_GRID_SCALE = MIN_PT / SMALLEST_GRID_TEXT * 1.001  # a hair above, against rounding
TILE_SCALE = 0.65  # tiled sheets: the smallest card text prints at 6.5 pt
MAX_GRID_SCALE = 1.6
# A map on one sheet (a poster on the wall) is readable from a step back: its smallest text
# prints at 7 pt or more and its card titles at 9 pt or more, else it goes on tiles. It grows
# up to card titles of 14 pt on A3, and with the paper's real size beyond (A1: 28 pt).
FIT_MIN_PT = 7.0
FIT_TITLE_PT = 9.0
FIT_MIN_SCALE = max(FIT_MIN_PT / SMALLEST_GRID_TEXT, FIT_TITLE_PT / CARD_TITLE) * 1.001
FIT_MAX_SCALE = 14.0 / CARD_TITLE

# -- type sizes on the sheet, in points ----------------------------------------------------
TITLE_PT = 20.0
SUBTITLE_PT = 9.0
LABEL_PT = 7.0
VALUE_PT = 10.0
SECTION_HEAD_PT = 9.0
SECTION_TEXT_PT = 8.0
LEGEND_PT = 7.0
FOOTER_PT = 7.0
BODY_PT = 8.0
