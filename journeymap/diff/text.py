"""`journeymap diff` without --json: the change list as lines a person reads."""

from __future__ import annotations

from collections.abc import Callable

from .result import MapDiff, NamedListDiff

FIGURE_NAMES = {"touchpoints": "touchpoints", "connections": "connections",
                "errors": "errors of the journey check", "experience": "average experience",
                "expected_days": "expected days (critical path)"}


def shown_value(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items()) or "–"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def format_diff(diff: MapDiff, shown: Callable[[str], str] = str) -> str:
    lines = [f"{shown(diff.old_name)} → {shown(diff.new_name)}"]
    if diff.empty:
        lines.append("No changes.")
    for what, named in (("Stage", diff.stages), ("Lane", diff.lanes), ("Role", diff.roles)):
        lines += _named_lines(what, named, shown)
    for name, (old, new) in diff.map_fields.items():
        lines.append(f"  map {name.replace('_', ' ')}: {shown(shown_value(old))} → "
                     f"{shown(shown_value(new))}")
    lines += [f"+ {shown(title)}" for _id, title in diff.added]
    lines += [f"- {shown(title)}" for _id, title in diff.removed]
    for m in diff.moved:
        lines.append(f"> {shown(m.title)}: {shown(m.old_cell.stage)} · {shown(m.old_cell.lane)}"
                     f" → {shown(m.new_cell.stage)} · {shown(m.new_cell.lane)}")
    for c in diff.changed:
        fields = "; ".join(f"{name.replace('_', ' ')} {shown(shown_value(old))} → "
                           f"{shown(shown_value(new))}" for name, (old, new) in c.fields.items())
        lines.append(f"~ {shown(c.title)}: {fields}")
    lines += [f"+ link {shown(c.source)} → {shown(c.target)}" for c in diff.connections_added]
    lines += [f"- link {shown(c.source)} → {shown(c.target)}" for c in diff.connections_removed]
    for c in diff.connections_changed:
        fields = "; ".join(f"{name} {shown_value(old)} → {shown_value(new)}"
                           for name, (old, new) in c.fields.items())
        lines.append(f"~ link {shown(c.source)} → {shown(c.target)}: {shown(fields)}")
    for r in diff.raci:
        lines.append(f"~ RACI {shown(r.touchpoint)} · {shown(r.role)}: {r.old or '–'} → "
                     f"{r.new or '–'}")
    if diff.figures:
        lines.append("Figures (old → new):")
        for key, (old, new) in diff.figures.items():
            lines.append(f"  {FIGURE_NAMES.get(key, key)}: {shown_value(old)} → "
                         f"{shown_value(new)}")
    return "\n".join(lines) + "\n"


def _named_lines(what: str, named: NamedListDiff, shown) -> list[str]:
    lines = [f"+ {what.lower()} {shown(name)}" for name in named.added]
    lines += [f"- {what.lower()} {shown(name)}" for name in named.removed]
    lines += [f"~ {what.lower()} {shown(old)} renamed {shown(new)}" for old, new in named.renamed]
    if named.reordered:
        lines.append(f"~ {what.lower()}s reordered")
    return lines
