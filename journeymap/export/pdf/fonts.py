"""The bundled TrueType fonts and which of them draws each character.

Every PDF Journeymap writes uses only these embedded fonts (never the unembedded base-14
Helvetica), so a sheet looks the same on every machine:

- DejaVu Sans (regular, bold, condensed, condensed bold): Latin, Greek, Cyrillic, Arabic,
  Hebrew, many symbols and the monochrome emoticons U+1F600..U+1F64F.
- Droid Sans Fallback: Chinese and Japanese (kana, CJK ideographs, full-width forms).
- NanumSquare: Korean Hangul syllables.

A character no bundled font has (most colour emoji, rare scripts) is left out of the drawn
text rather than printed as an empty box. Fallback faces load lazily, the first time a
character needs them, because the CJK face is large.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...errors import JourneymapError
from ...resources import resource_path

log = logging.getLogger(__name__)

FONT_DIR = resource_path("fonts")

# style -> (registered name, file)
STYLES: dict[str, tuple[str, str]] = {
    "regular": ("JM-Sans", "DejaVuSans.ttf"),
    "bold": ("JM-Sans-Bold", "DejaVuSans-Bold.ttf"),
    "cond": ("JM-Cond", "DejaVuSansCondensed.ttf"),
    "cond-bold": ("JM-Cond-Bold", "DejaVuSansCondensed-Bold.ttf"),
}
# Tried in this order for a character the style's own face lacks.
FALLBACKS: tuple[tuple[str, str], ...] = (
    ("JM-Sans", "DejaVuSans.ttf"),  # the bold faces lack a few symbols the regular one has
    ("JM-CJK", "DroidSansFallbackFull.ttf"),
    ("JM-Hangul", "NanumSquareR.ttf"),
)
BASE_FONT = STYLES["regular"][0]


class FontError(JourneymapError):
    """A bundled font file is missing or cannot be read."""


@dataclass
class _Face:
    name: str
    glyphs: dict[int, int]  # code point -> glyph id


_faces: dict[str, _Face] = {}
_font_dir: Path = FONT_DIR


def use_font_dir(path: Path | None) -> None:
    """Load fonts from another folder (tests, packagers); None restores the bundled one."""
    global _font_dir
    _font_dir = Path(path) if path is not None else FONT_DIR
    _faces.clear()
    _choice_cache.clear()


def _load(name: str, filename: str) -> _Face:
    face = _faces.get(name)
    if face is not None:
        return face
    path = _font_dir / filename
    if not path.is_file():
        raise FontError(f"The bundled font file {path} is missing; reinstall Journeymap.")
    try:
        font = TTFont(name, str(path))
    except Exception as exc:  # reportlab raises assorted errors for a damaged file
        raise FontError(
            f"The bundled font file {path} is damaged and cannot be read ({exc}); "
            "reinstall Journeymap."
        ) from exc
    pdfmetrics.registerFont(font)
    face = _Face(name, font.face.charToGlyph)
    _faces[name] = face
    log.debug("loaded font %s from %s", name, path)
    return face


def ensure_fonts() -> str:
    """Load the four DejaVu styles (fallbacks load on demand); returns the base font name."""
    for name, filename in STYLES.values():
        _load(name, filename)
    return BASE_FONT


def font_name(style: str) -> str:
    return STYLES[style][0]


# (style, char) -> font name, or None when no bundled font draws the character.
_choice_cache: dict[tuple[str, str], str | None] = {}


def font_for_char(style: str, char: str) -> str | None:
    key = (style, char)
    if key in _choice_cache:
        return _choice_cache[key]
    code = ord(char)
    name, filename = STYLES[style]
    chosen = name if code in _load(name, filename).glyphs else None
    if chosen is None:
        for fb_name, fb_file in FALLBACKS:
            if code in _load(fb_name, fb_file).glyphs:
                chosen = fb_name
                break
    _choice_cache[key] = chosen
    return chosen
