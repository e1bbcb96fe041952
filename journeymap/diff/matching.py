"""Which item of the old map is which item of the new one.

By id first: duplicates, `new --from`, map-file import and `copy` keep ids. Then, among the
items still unmatched, by a key (a touchpoint's title, a stage's, lane's or role's name),
ignoring case and surrounding spaces; a key that occurs more than once on either side
matches nothing, since a guess between two cards would report changes nobody made.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence

from ..sequences import longest_increasing


def name_key(text: str) -> str:
    return text.strip().casefold()


def match_items(old: Sequence, new: Sequence, key: Callable[[object], Hashable | None]
                ) -> dict[str, str]:
    """{old id: new id} for the items that are the same; `key` None means "no key"."""
    new_ids = {item.id for item in new}
    pairs = {item.id: item.id for item in old if item.id in new_ids}
    taken = set(pairs.values())
    old_keys = Counter(key(item) for item in old)
    new_keys = Counter(key(item) for item in new)
    waiting = {}
    for item in new:
        k = key(item)
        if item.id not in taken and k is not None and new_keys[k] == 1 and old_keys[k] == 1:
            waiting[k] = item.id
    for item in old:
        if item.id in pairs:
            continue
        found = waiting.get(key(item))
        if found is not None:
            pairs[item.id] = found
    return pairs


def match_connections(old: Sequence, new: Sequence, touchpoints: dict[str, str]
                      ) -> dict[str, str]:
    """{old id: new id}: by id when both ends are the same cards, else by matched ends
    (two connections between the same two cards on either side match nothing)."""
    new_by_id = {c.id: c for c in new}
    pairs: dict[str, str] = {}

    def ends(c) -> tuple[str | None, str | None]:
        return touchpoints.get(c.source), touchpoints.get(c.target)

    for c in old:
        twin = new_by_id.get(c.id)
        if twin is not None and ends(c) == (twin.source, twin.target):
            pairs[c.id] = twin.id
    taken = set(pairs.values())

    def old_key(c):
        source, target = ends(c)
        return None if source is None or target is None else (source, target)

    old_keys = Counter(old_key(c) for c in old)
    new_keys = Counter((c.source, c.target) for c in new)
    waiting = {(c.source, c.target): c.id for c in new
               if c.id not in taken and new_keys[(c.source, c.target)] == 1}
    for c in old:
        k = old_key(c)
        if c.id in pairs or k is None or old_keys[k] != 1:
            continue
        found = waiting.get(k)
        if found is not None:
            pairs[c.id] = found
    return pairs


def kept_in_order(old_order: Sequence[str], new_order: Sequence[str]) -> set[str]:
    """The ids (present in both sequences) that keep their relative order: a longest
    increasing subsequence of old positions taken in new order. The others are the ones
    that moved within the sequence."""
    old_pos = {item: index for index, item in enumerate(old_order)}
    sequence = [item for item in new_order if item in old_pos]
    keep = longest_increasing([old_pos[item] for item in sequence])
    return {item for item, kept in zip(sequence, keep, strict=True) if kept}
