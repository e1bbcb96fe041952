"""The presentation card and the grid it is fitted to: what a room reads from a projector.

In presentation mode a card carries only its title (large, on up to three lines, never
elided), the experience value and the dots. Every size is a multiple of one unit, the
title's pixel size `EM` in scene units: card paddings, the experience pill, the dots, the
headers, the gaps and the emotion band. So the whole map is one drawing that the view
scales; what it reaches on screen is the fit's choice below.

`fit_presentation` picks, for a screen of width x height pixels, how many lines the titles
take (1, 2 or 3: the card is as wide as the longest title needs for that many lines) and how
the cards of a cell are packed (stacked or side by side), the pair whose grid shows the
titles largest once it fills the screen; then it widens (or heightens) the cards to take up
what is left. The titles are measured with the font they are drawn in, by the same `wrap`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

from journeymap.export.sheet.fit import packings, stretch_cards
from journeymap.layout import Layout, Metrics, compute_layout
from journeymap.model import Map
from journeymap.resources import resource_path

from .text import wrap

EM = 20.0  # the presentation title's pixel size, in scene units: every size below is a multiple
STRIP = 6.0  # the experience colour strip (as on the editing card)
PAD_X = 0.3 * EM  # after the strip and before the right edge
PAD_Y = 0.25 * EM  # above the first line and below the last (or the dots)
LINE = 1.12  # line step, in EM: tighter than the font's own (1.16 for DejaVu) at this size
PILL_H = 0.8 * EM  # the experience pill, at the right of the first line
PILL_GAP = 0.3 * EM  # between the first line and the pill
DOT_R = 0.28 * EM  # a vote dot (14 px across on screen from a scale of 1.25)
DOTS_H = 2 * DOT_R + 0.2 * EM  # the row of dots under the title, when votes are shown
MAX_LINES = 3
MARGIN = 0.4 * EM  # scene margin around the grid (the editing canvas has 40)
LANE_W = (3.5 * EM, 6.0 * EM)  # the lane header column: as wide as the names need, within
TITLE_FONT_FILE = "DejaVuSansCondensed-Bold.ttf"  # shipped: the same face on every machine


@cache
def _title_family() -> str | None:
    """The condensed face presentation titles are set in (loaded once from resources/fonts):
    a condensed bold carries a long word like "recommendation" at room size on a card a
    sixth of the screen wide. None when it cannot be loaded: the system face, condensed."""
    path = resource_path("fonts", TITLE_FONT_FILE)
    if not path.exists():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def _font(family: str | None, pixels: float, weight: QFont.Weight, condensed: bool = False):
    font = QFont(family) if family else QFont()
    font.setPixelSize(max(1, round(pixels)))
    font.setWeight(weight)
    if condensed:
        font.setStretch(QFont.Stretch.Condensed)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def presentation_fonts(family: str | None = None) -> dict[str, QFont]:
    """The fonts of presentation mode, in scene pixels (multiples of EM)."""
    bold, demi = QFont.Weight.Bold, QFont.Weight.DemiBold
    title_family = _title_family() or family
    return {
        "title": _font(title_family, EM, bold, condensed=True),
        "meta": _font(family, 0.65 * EM, QFont.Weight.Normal),
        "small": _font(family, 0.6 * EM, demi),
        "header": _font(title_family, 0.9 * EM, bold, condensed=True),
        "header_sub": _font(family, 0.65 * EM, QFont.Weight.Normal),
    }


def line_step(title: QFont) -> float:
    return min(QFontMetricsF(title).lineSpacing(), LINE * title.pixelSize())


def pill_width(text: str, small: QFont) -> float:
    return max(1.5 * EM, QFontMetricsF(small).horizontalAdvance(text) + 0.5 * EM)


def pill_text(value: int) -> str:
    return (f"{value:+d}" if value else "0").replace("-", "\u2212")


@dataclass(frozen=True)
class CardGeometry:
    """Where the parts of a presentation card go, in the card's coordinates."""
    text_x: float
    text_w: float  # the title's width below the first line
    first_w: float  # the first line's width (the pill takes the rest)
    top: float  # the first line's top
    step: float
    max_lines: int
    dots_y: float | None  # the centre of the dots row, or None without one


def card_geometry(w: float, h: float, title: QFont, pill: float, dots: bool) -> CardGeometry:
    """`pill` is the experience pill's width (0 without one); `dots` reserves the dots row."""
    step = line_step(title)
    text_w = w - STRIP - 2 * PAD_X
    first_w = text_w - (pill + PILL_GAP if pill else 0.0)
    room = h - 2 * PAD_Y - (DOTS_H if dots else 0.0)
    max_lines = max(1, min(MAX_LINES, int((room + 0.01) // step)))
    dots_y = h - PAD_Y - DOTS_H / 2 if dots else None
    return CardGeometry(STRIP + PAD_X, text_w, first_w, PAD_Y, step, max_lines, dots_y)


def title_fits(title: str, font: QFont, width: float, first: float, lines: int) -> bool:
    """True when `title` wraps into `lines` lines or fewer with nothing elided."""
    got = wrap(title, font, width, lines, first_width=first)
    return "".join(got).replace(" ", "") == "".join(title.split())


# -- the fit ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PresentationFit:
    metrics: Metrics
    layout: Layout
    scale: float  # scene units -> screen pixels once the grid fills the screen
    lines: int  # the lines the widest title needs at this card width

    @property
    def title_px(self) -> float:
        """The titles' pixel size on screen."""
        return EM * self.scale


def wants_dots(m: Map, voting: bool, shows_votes: bool) -> bool:
    """The cards keep a row for dots while voting or once there are votes to show."""
    return shows_votes and (voting or any(tp.vote_total for tp in m.touchpoints))


def fit_presentation(m: Map, width: float, height: float, fonts: dict[str, QFont],
                     dots: bool = False, shows_experience: bool = True) -> PresentationFit:
    title, small = fonts["title"], fonts["small"]
    base = Metrics(card_w=8 * EM, card_h=3 * EM, gap=0.35 * EM, stage_header_h=2.2 * EM,
                   lane_header_w=_lane_width(m, fonts["header"]), emotion_h=5.0 * EM)
    step = line_step(title)
    best: tuple[float, int, Metrics, Layout] | None = None
    for lines in range(1, MAX_LINES + 1):
        card_w = STRIP + 2 * PAD_X + _text_width(m, title, small, lines, shows_experience)
        card_h = 2 * PAD_Y + lines * step + (DOTS_H if dots else 0.0) + 0.02
        sized = replace(base, card_w=card_w, card_h=card_h)
        for metrics in packings(m, sized):
            layout = compute_layout(m, metrics)
            scale = _scale(layout, width, height)
            if best is None or scale > best[0] * 1.001:
                best = (scale, lines, metrics, layout)
    scale, lines, metrics, layout = best
    room_w, room_h = width / scale - 2 * MARGIN, height / scale - 2 * MARGIN
    stretched = stretch_cards(m, metrics, layout, room_w, room_h)
    if stretched is not metrics:
        layout = compute_layout(m, stretched)
        scale = _scale(layout, width, height)
    return PresentationFit(stretched, layout, scale, lines)


def _scale(layout: Layout, width: float, height: float) -> float:
    return min(width / (layout.width + 2 * MARGIN), height / (layout.height + 2 * MARGIN))


def _text_width(m: Map, title: QFont, small: QFont, lines: int, shows_experience: bool) -> float:
    """The narrowest title width (to half a unit) at which every title of `m` takes at most
    `lines` lines, none elided, the first line leaving room for the card's pill."""
    cards = [(tp.title, pill_width(pill_text(tp.experience), small) + PILL_GAP
              if shows_experience and tp.experience is not None else 0.0)
             for tp in m.touchpoints if tp.title.strip()]
    metrics = QFontMetricsF(title)
    # Longest titles first: the one that fails usually fails at once.
    cards.sort(key=lambda card: -metrics.horizontalAdvance(card[0]))
    low = max([metrics.horizontalAdvance(w) for t, _ in cards for w in t.split()] + [2 * EM])
    high = max([metrics.horizontalAdvance(t) + pill for t, pill in cards] + [low]) + 1

    def fits(width: float) -> bool:
        return all(title_fits(t, title, width, width - pill, lines) for t, pill in cards)

    if fits(low):
        return low
    while high - low > 0.5:
        mid = (low + high) / 2
        if fits(mid):
            high = mid
        else:
            low = mid
    return high


def _lane_width(m: Map, header: QFont) -> float:
    """The lane header column: the longest word of a lane name at the header size, kept
    within LANE_W (longer names are set smaller by the header itself)."""
    metrics = QFontMetricsF(header)
    words = [w for lane in m.lanes for w in lane.name.replace("/", "/ ").split()]
    need = max((metrics.horizontalAdvance(w) for w in words), default=0.0) + 24
    return max(LANE_W[0], min(LANE_W[1], need))
