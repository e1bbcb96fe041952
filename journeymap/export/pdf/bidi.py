"""Right-to-left text among left-to-right text, by the Unicode Bidirectional Algorithm
(UAX #9) as implemented by python-bidi, which wraps the Rust `unicode-bidi` crate.

UAX #9 resolves a whole paragraph, then reorders it line by line. Lines here travel as
plain strings (every exporter wraps and draws them), so a line of a paragraph carries
what it needs of its paragraph in invisible marks, the means UAX #9 gives plain text:
a leading LRM or RLM when the line would not take its paragraph's direction by itself
(the second line of an English paragraph starting with an Arabic word), and marks of the
strong letters just before and after it (so a number that follows an Arabic word across
the break is still an Arabic number). Each line is then resolved on its own with the
paragraph's direction and comes out as it would inside the paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar

from bidi import get_base_level, get_display
from bidi.mirror import MIRRORED

LTR, RTL = "L", "R"
# strong, invisible, zero-width characters of each strong bidi class: LRM, RLM, ALM
_MARK = {"L": "\u200e", "R": "\u200f", "AL": "\u061c"}

# Explicit directional formatting characters and marks: they steer the algorithm and are
# never drawn (rule X9 removes them from the display).
CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Right-to-left letters, and the controls that can make text right to left; text with
# neither is left to right throughout and skips the algorithm.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff"
    "\u200f\u061c\u202b\u202e\u2067\u2068]")

# With debug=True python-bidi returns the resolved paragraph (its `BidiInfo`) instead of
# the display string; its `levels` hold one embedding level per UTF-8 byte of the text.
_LEVELS = re.compile(r"levels: \[(.*?)\],\s*paragraphs:", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+)")
# bidi classes rule L1 resets at the end of a line: whitespace, isolate controls, and the
# characters rule X9 removes
_TRAILING = frozenset({"WS", "S", "B", "FSI", "LRI", "RLI", "PDI",
                       "BN", "LRE", "RLE", "LRO", "RLO", "PDF"})

_MIRROR = str.maketrans(MIRRORED)  # the Bidi_Mirroring_Glyph pairs python-bidi ships

Item = TypeVar("Item", bound=tuple)


def has_right_to_left(text: str) -> bool:
    return _RIGHT_TO_LEFT.search(text) is not None


def paragraph_direction(paragraph: str) -> str:
    """LTR or RTL: the direction of the paragraph's first strong character (P2, P3);
    left to right when it has none."""
    if not has_right_to_left(paragraph):
        return LTR
    return RTL if get_base_level(paragraph) else LTR


def isolate(text: str) -> str:
    """User text set into a sentence or list of Journeymap's, between FSI and PDI: it takes
    its own direction and leaves the text around it alone ("+0.5" after an Arabic stage
    name stays "+0.5"; two Arabic titles joined by an arrow keep their order)."""
    return "\u2068" + text + "\u2069" if has_right_to_left(text) else text


def with_direction(line: str, direction: str) -> str:
    """The line, led by a direction mark if it would not take `direction` by itself."""
    if paragraph_direction(line) == direction:
        return line
    return _MARK[direction] + line


class Paragraph:
    """One paragraph, and each of its lines as a string that resolves as inside it."""

    def __init__(self, text: str, direction: str | None = None):
        """`direction`: the paragraph's direction when it is known (an English sentence
        of Journeymap's that quotes a user's Arabic title, rule HL1); None finds it."""
        self.text = text
        letters = has_right_to_left(text)
        if direction is None:
            direction = RTL if letters and get_base_level(text) else LTR
        self.direction = direction
        self.mixed = letters or (direction == RTL and bool(text))  # else no line needs marks
        if not self.mixed:
            return
        # the strong class before each position and from each position on (sos, eos: the
        # paragraph's direction)
        strong = _strong_classes(text)
        self._before = [self.direction]
        for kind in strong:
            self._before.append(kind or self._before[-1])
        self._after = [self.direction]
        for kind in reversed(strong):
            self._after.append(kind or self._after[-1])
        self._after.reverse()

    def line(self, start: int, line: str, to_end: bool = False) -> str:
        """The line that stands at `start` in the paragraph, with the marks it needs;
        `to_end`: it stands for the rest of the paragraph."""
        if not self.mixed:
            return line
        before = self._before[start]
        after = self.direction if to_end else self._after[start + len(line)]
        lead = ""
        if before != self.direction:
            lead = _MARK[self.direction] + _MARK[before]
        elif paragraph_direction(line) != self.direction:
            lead = _MARK[self.direction]
        return lead + line + (_MARK[after] if after != self.direction else "")


def _strong_classes(text: str) -> list[str | None]:
    """Each character's strong class (L, R, AL) as the text around an isolate sees it: the
    isolate's content counts for nothing outside it."""
    out: list[str | None] = []
    depth = 0
    for ch in text:
        if ch in _ISOLATE_START:
            depth += 1
            out.append(None)
        elif ch == "\u2069" and depth:
            depth -= 1
            out.append(None)
        else:
            kind = unicodedata.bidirectional(ch)
            out.append(kind if depth == 0 and kind in ("L", "R", "AL") else None)
    return out


_ISOLATE_START = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI; PDI ends them


def embedding_levels(line: str, direction: str) -> list[int]:
    """The resolved embedding level of each character of one line laid out in a paragraph
    of `direction` (rules X1 to I2, and L1 for the whitespace the line ends with)."""
    info = get_display(line, base_dir=direction, debug=True)
    found = _LEVELS.search(info)
    if found is None:
        raise RuntimeError("python-bidi no longer reports embedding levels in its debug "
                           "output; keep the version pyproject.toml pins")
    per_byte = [int(level) for level in _LEVEL.findall(found.group(1))]
    levels: list[int] = []
    offset = 0
    for ch in line:
        levels.append(per_byte[offset])
        offset += len(ch.encode("utf-8"))
    # L1: the whitespace the line ends with goes back to the paragraph level
    base = 1 if direction == RTL else 0
    end = len(line)
    while end and unicodedata.bidirectional(line[end - 1]) in _TRAILING:
        end -= 1
        levels[end] = base
    return levels


def visual_order(items: list[Item]) -> list[Item]:
    """Items (anything whose last field is an embedding level) from logical to visual
    order, by rule L2: from the highest level down to the lowest odd one, reverse every
    maximal sequence at that level or above."""
    if not items:
        return []
    levels = [item[-1] for item in items]
    lowest_odd = min(level for level in levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        out: list[Item] = []
        index = 0
        while index < len(items):
            end = index
            while end < len(items) and items[end][-1] >= level:
                end += 1
            if end > index:
                out.extend(reversed(items[index:end]))
                index = end
            else:
                out.append(items[index])
                index += 1
        items = out
    return items


def mirrored(text: str) -> str:
    """Each character that has a mirror image (brackets, quotes, <, ≤ …) replaced by it."""
    return text.translate(_MIRROR)
