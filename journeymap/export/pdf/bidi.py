"""Right-to-left text among left-to-right text, by the Unicode Bidirectional Algorithm
(UAX #9) as implemented by python-bidi, which wraps the Rust `unicode-bidi` crate.

The direction belongs to the *paragraph*: its first strong character decides it (rules P2,
P3), and every line the paragraph is broken into is resolved with that direction. A line
that must keep a direction its own first strong character would not give it (the second
line of an English paragraph that happens to start with an Arabic word) starts with an
invisible LRM or RLM mark, the means UAX #9 gives plain text for this, so the line carries
its paragraph's direction wherever it is drawn.
"""

from __future__ import annotations

import re
from typing import TypeVar

from bidi import get_base_level, get_display
from bidi.mirror import MIRRORED

LTR, RTL = "L", "R"
_MARK = {LTR: "\u200e", RTL: "\u200f"}  # LRM, RLM: strong, invisible, zero width

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


def with_direction(line: str, direction: str) -> str:
    """The line, led by a direction mark if it would not take `direction` by itself."""
    if paragraph_direction(line) == direction:
        return line
    return _MARK[direction] + line


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
    # L1: whitespace (and controls) at the end of the line go back to the paragraph level
    base = 1 if direction == RTL else 0
    end = len(line)
    while end and (line[end - 1].isspace() or line[end - 1] in CONTROLS):
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
