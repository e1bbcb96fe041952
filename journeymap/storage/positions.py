"""Sparse list positions: a move or insert rewrites only the rows whose position must change.

Rows are numbered GAP apart. After a reorder we keep the longest run of rows whose stored
positions are already increasing in the new order, and give the others fresh positions
between their kept neighbours. Only when a gap is used up is the whole list renumbered.
"""

from __future__ import annotations

from bisect import bisect_left

GAP = 1 << 32


def initial(count: int) -> list[int]:
    return [GAP * (index + 1) for index in range(count)]


def plan(order: list[str], stored: dict[str, int]) -> dict[str, int]:
    """New positions for the ids in `order` whose stored position (if any) must change."""
    seq = [stored.get(item_id) for item_id in order]
    keep = _kept(seq)
    changed: dict[str, int] = {}
    low = None
    index = 0
    while index < len(order):
        if keep[index]:
            low = seq[index]
            index += 1
            continue
        start = index
        while index < len(order) and not keep[index]:
            index += 1
        high = seq[index] if index < len(order) else None
        spread = _spread(low, high, index - start)
        if spread is None:
            return _renumber(order, stored)
        changed.update(zip(order[start:index], spread, strict=True))
    return changed


def _kept(seq: list[int | None]) -> list[bool]:
    """Mark a longest strictly increasing subsequence of the known positions."""
    keep = [False] * len(seq)
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_index: list[int] = []
    parent = [-1] * len(seq)
    for index, value in enumerate(seq):
        if value is None:
            continue
        length = bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[length] = value
            tail_index[length] = index
        parent[index] = tail_index[length - 1] if length else -1
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        keep[index] = True
        index = parent[index]
    return keep


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
