"""The headline counts of a diff, as the title block gives them."""

from __future__ import annotations

from ...diff import MapDiff, NamedListDiff


def count_text(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def headline_facts(diff: MapDiff) -> list[tuple[str, str]]:
    """(label, value) of the title block's facts: the touchpoints' four counts."""
    return [("ADDED", f"{len(diff.added):,}"), ("REMOVED", f"{len(diff.removed):,}"),
            ("MOVED", f"{len(diff.moved):,}"), ("CHANGED", f"{len(diff.changed):,}")]


def _named(named: NamedListDiff, one: str) -> list[str]:
    parts = []
    if named.added:
        parts.append(count_text(len(named.added), one) + " added")
    if named.removed:
        parts.append(count_text(len(named.removed), one) + " removed")
    if named.renamed:
        parts.append(count_text(len(named.renamed), one) + " renamed")
    if named.reordered:
        parts.append(f"{one}s reordered")
    return parts


def summary_text(diff: MapDiff) -> str:
    """'2 touchpoints added · … · 3 RACI changes — 9 changes in all'; or that nothing
    changes."""
    if diff.empty:
        return "No changes: the two maps are the same."
    parts, total = summary_parts(diff)
    return " · ".join(parts) + total


def summary_parts(diff: MapDiff) -> tuple[list[str], str]:
    """The counts one by one, and the total as it follows them."""
    parts = []
    for items, word in ((diff.added, "added"), (diff.removed, "removed"),
                        (diff.moved, "moved"), (diff.changed, "changed")):
        if items:
            parts.append(f"{count_text(len(items), 'touchpoint')} {word}")
    connections = (len(diff.connections_added), len(diff.connections_removed),
                   len(diff.connections_changed))
    for n, word in zip(connections, ("added", "removed", "changed"), strict=True):
        if n:
            parts.append(f"{count_text(n, 'connection')} {word}")
    if diff.raci:
        parts.append(count_text(len(diff.raci), "RACI change"))
    for named, one in ((diff.stages, "stage"), (diff.lanes, "lane"), (diff.roles, "role")):
        parts += _named(named, one)
    if diff.map_fields:
        parts.append(count_text(len(diff.map_fields), "map text") + " changed")
    return parts, f" — {count_text(diff.count(), 'change')} in all"
