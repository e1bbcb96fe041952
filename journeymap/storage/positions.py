"""Sparse list positions: a move or insert rewrites only the rows whose position must change.

Rows are numbered GAP apart. After a reorder we keep the longest run of rows whose stored
positions are already increasing in the new order, and give the others fresh positions
between their kept neighbours. Only when a gap is used up is the whole list renumbered.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..sequences import longest_increasing

GAP = 1 << 32


def initial(count: int) -> list[int]:
    return [GAP * (index + 1) for index in range(count)]


def plan(order: list[str], stored: dict[str, int]) -> dict[str, int]:
    """New positions for the ids in `order` whose stored position (if any) must change."""
    seq = [stored.get(item_id) for item_id in order]
    start, end = _sorted_ends(seq)
    if start == end:
        return {}
    low = seq[start - 1] if start else None
    high = seq[end] if end < len(seq) else None
    middle = seq[start:end]
    keep = _kept([v if _between(v, low, high) else None for v in middle])
    changed: dict[str, int] = {}
    index = 0
    while index < len(middle):
        if keep[index]:
            low = middle[index]
            index += 1
            continue
        run_start = index
        while index < len(middle) and not keep[index]:
            index += 1
        run_high = middle[index] if index < len(middle) else high
        spread = _spread(low, run_high, index - run_start)
        if spread is None:
            return _renumber(order, stored)
        changed.update(zip(order[start + run_start : start + index], spread, strict=True))
    return changed


def _sorted_ends(seq: list[int | None]) -> tuple[int, int]:
    """Bounds [start, end) of the part between an increasing prefix and an increasing suffix.

    Most edits move one or a few items, so this leaves a short middle for the slower search.
    """
    count = len(seq)
    start, previous = 0, None
    while start < count and seq[start] is not None and (previous is None or seq[start] > previous):
        previous = seq[start]
        start += 1
    end, following = count, None
    while (
        end > start and seq[end - 1] is not None and (following is None or seq[end - 1] < following)
    ):
        following = seq[end - 1]
        end -= 1
    if start and end < count and seq[start - 1] >= seq[end]:
        # Prefix and suffix overlap in value: shorten whichever loses fewer items.
        prefix_cut = bisect_left(seq, seq[end], 0, start)
        suffix_cut = bisect_right(seq, seq[start - 1], end, count)
        if start - prefix_cut <= suffix_cut - end:
            start = prefix_cut
        else:
            end = suffix_cut
    return start, end


def _between(value: int | None, low: int | None, high: int | None) -> bool:
    if value is None:
        return False
    return (low is None or value > low) and (high is None or value < high)


def _kept(seq: list[int | None]) -> list[bool]:
    """Mark a longest strictly increasing subsequence of the known positions."""
    return longest_increasing(seq)


def _spread(low: int | None, high: int | None, count: int) -> list[int] | None:
    """`count` increasing integers strictly between low and high, or None if they don't fit."""
    if low is None and high is None:
        return initial(count)
    if low is None:
        low = high - GAP * (count + 1)
    if high is None:
        high = low + GAP * (count + 1)
    width = high - low
    if width < count + 1:
        return None
    return [low + width * (step + 1) // (count + 1) for step in range(count)]


def _renumber(order: list[str], stored: dict[str, int]) -> dict[str, int]:
    fresh = dict(zip(order, initial(len(order)), strict=True))
    return {item_id: pos for item_id, pos in fresh.items() if stored.get(item_id) != pos}
