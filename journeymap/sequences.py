"""Which items of a sequence keep their order: a longest strictly increasing subsequence.

Used where "what moved" must be the least possible: the storage rewrites only the rows of
cards that moved (positions.py), and the diff reports a card's `position` only when it left
the longest run of cards that kept their order (diff/matching.py).
"""

from __future__ import annotations

from bisect import bisect_left


def longest_increasing(seq: list[int | None]) -> list[bool]:
    """Mark a longest strictly increasing subsequence of the values (None is skipped);
    O(n log n)."""
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
