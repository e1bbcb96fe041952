"""Right-to-left text for one line, a small subset of the Unicode bidirectional algorithm.

The first strong character sets the line direction; a bracket pair takes one direction
(rule N0, simplified); neutrals between two runs of one direction take it, others the
line's; numbers stay left to right. Runs are then reordered as in rule L2. Enough for
titles and notes that mix Arabic or Hebrew with Latin text and numbers; no explicit
embedding controls.
"""

from __future__ import annotations

import unicodedata


def direction(ch: str) -> str:
    """L (left to right), R (right to left), # (number) or N (neutral)."""
    kind = unicodedata.bidirectional(ch)
    if kind == "L":
        return "L"
    if kind in ("R", "AL"):
        return "R"
    if kind in ("EN", "AN"):
        return "#"
    return "N"


def _levels(text: str) -> list[int]:
    kinds = [direction(ch) for ch in text]
    _resolve_brackets(text, kinds)
    first_strong = next((k for k in kinds if k in "LR"), "L")
    base = 1 if first_strong == "R" else 0
    resolved: list[str] = []
    last_strong = "R" if base else "L"
    for kind in kinds:
        if kind == "#":
            kind = "R" if (base or last_strong == "R") else "L"
            resolved.append("#" + kind)
            continue
        if kind in "LR":
            last_strong = kind
        resolved.append(kind)
    # neutrals take the direction of their strong neighbours when both agree
    out: list[int] = []
    strong = [k[-1] if k != "N" else None for k in resolved]
    prev = "R" if base else "L"
    nxt_at = _next_strong(strong, "R" if base else "L")
    for index, kind in enumerate(resolved):
        if kind == "N":
            way = prev if prev == nxt_at[index] else ("R" if base else "L")
        else:
            way = kind[-1]
            prev = way
        if kind.startswith("#"):
            out.append(2 if (base or way == "R") else 0)
        elif way == "R":
            out.append(1)
        else:
            out.append(2 if base else 0)
    return out


_PAIRS = {"(": ")", "[": "]", "{": "}"}


def _resolve_brackets(text: str, kinds: list[str]) -> None:
    """Rule N0, simplified: a bracket pair takes one direction, from what it encloses (the
    line direction wins) or else from the text before it."""
    first_strong = next((k for k in kinds if k in "LR"), "L")
    base = first_strong
    stack: list[tuple[str, int]] = []
    for index, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((_PAIRS[ch], index))
        elif stack and ch == stack[-1][0]:
            _, start = stack.pop()
            inside = {"R" if k == "#" else k for k in kinds[start + 1:index]} & {"L", "R"}
            if not inside:
                continue
            if base in inside:
                way = base
            else:
                before = next((("R" if k == "#" else k) for k in reversed(kinds[:start])
                               if k in "LR#"), base)
                way = before if before in inside else base
            kinds[start] = kinds[index] = way


def _next_strong(strong: list[str | None], end: str) -> list[str]:
    result = [end] * len(strong)
    following = end
    for index in range(len(strong) - 1, -1, -1):
        result[index] = following
        if strong[index] is not None:
            following = strong[index]
    return result


def visual_order(pieces: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Split font pieces further where the embedding level changes, then reorder (rule L2)."""
    levels = _levels("".join(t for t, _ in pieces))
    logical: list[tuple[str, str, int]] = []
    pos = 0
    for piece, font in pieces:
        start = 0
        for end in range(1, len(piece) + 1):
            if end == len(piece) or levels[pos + end] != levels[pos + end - 1]:
                logical.append((piece[start:end], font, levels[pos + start]))
                start = end
        pos += len(piece)
    if not logical:  # nothing any font can draw (e.g. a script without a bundled font)
        return []
    top = max(level for _, _, level in logical)
    for level in range(top, 0, -1):
        logical = _reverse_at_or_above(logical, level)
    return logical


def _reverse_at_or_above(items: list, level: int) -> list:
    out: list = []
    index = 0
    while index < len(items):
        if items[index][2] < level:
            out.append(items[index])
            index += 1
            continue
        end = index
        while end < len(items) and items[end][2] >= level:
            end += 1
        out.extend(reversed(items[index:end]))
        index = end
    return out
