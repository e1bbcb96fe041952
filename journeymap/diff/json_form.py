"""The `diff --json` object (the contract in product.md, "Versions and diff")."""

from __future__ import annotations

from .result import MapDiff, NamedListDiff


def to_json_dict(diff: MapDiff) -> dict:
    return {
        "old": diff.old_name,
        "new": diff.new_name,
        "touchpoints": {
            "added": [title for _id, title in diff.added],
            "removed": [title for _id, title in diff.removed],
            "moved": [
                {"title": m.title,
                 "from": {"stage": m.old_cell.stage, "lane": m.old_cell.lane},
                 "to": {"stage": m.new_cell.stage, "lane": m.new_cell.lane}}
                for m in diff.moved
            ],
            "changed": [{"title": c.title, "fields": _pairs(c.fields)} for c in diff.changed],
        },
        "connections": {
            "added": [[c.source, c.target] for c in diff.connections_added],
            "removed": [[c.source, c.target] for c in diff.connections_removed],
            "changed": [{"from": c.source, "to": c.target, "fields": _pairs(c.fields)}
                        for c in diff.connections_changed],
        },
        "raci": [{"touchpoint": r.touchpoint, "role": r.role, "old": r.old, "new": r.new}
                 for r in diff.raci],
        "stages": _named(diff.stages),
        "lanes": _named(diff.lanes),
        "roles": _named(diff.roles),
        "map": _pairs(diff.map_fields),
        "figures": _pairs(diff.figures),
    }


def _pairs(values: dict[str, tuple]) -> dict[str, list]:
    return {name: [old, new] for name, (old, new) in values.items()}


def _named(diff: NamedListDiff) -> dict:
    return {"added": list(diff.added), "removed": list(diff.removed),
            "renamed": [[old, new] for old, new in diff.renamed], "reordered": diff.reordered}
