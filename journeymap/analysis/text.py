"""The human-readable report printed by `journeymap check` (without --json)."""

from __future__ import annotations

from ..model import Map
from .problems import Problem, Report


def format_report(report: Report, m: Map) -> str:
    errors, warnings = report.errors, report.warnings
    lines = [f"Map {m.name}: {_count(len(errors), 'error')}, {_count(len(warnings), 'warning')}."]
    if not report.problems:
        lines.append("No problems found.")
    for heading, problems in (("Errors", errors), ("Warnings", warnings)):
        if problems:
            lines += ["", heading, *(_problem_line(p) for p in problems)]
    lines += ["", "Key figures", *_figure_lines(report.figures)]
    return "\n".join(lines) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _problem_line(p: Problem) -> str:
    return f"  [{p.code}] {p.message}"


def _titles(titles: list[str]) -> str:
    return ", ".join(f'"{t}"' for t in titles) if titles else "none"


def _days(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g} day" + ("" if value == 1 else "s")


def _figure_lines(f: dict) -> list[str]:
    if not f:
        return []
    path, reach = f["critical_path"], f["reach"]
    main, reachable = reach["main_path"], reach["reachable"]
    lines = [
        f"  Size: {_count(f['touchpoints'], 'touchpoint')}, "
        f"{_count(f['connections'], 'connection')} ({f['loops']} marked as loops), "
        f"{_count(f['stages'], 'stage')}, {_count(f['lanes'], 'lane')}, "
        f"{_count(f['roles'], 'role')}",
        f"  Entries: {_titles(f['entries'])}",
        f"  Goals: {_titles(f['goals'])}",
    ]
    if path["titles"]:
        lines.append(
            f"  Critical path: {' -> '.join(path['titles'])}: {_days(path['days'])} "
            f"(stages planned: {_days(path['planned_stage_days'])})"
        )
    else:
        lines.append("  Critical path: no path from an entry to a goal")
    lines += [
        f"  Reach: the main path crosses {main['lanes']} of {f['lanes']} lanes; "
        f"{reachable['touchpoints']} of {f['touchpoints']} touchpoints are reachable, in "
        f"{reachable['lanes']} lanes and {f['depth']} stages",
        f"  Hand-offs between lanes: {f['handoffs']['total']} "
        f"({f['handoffs']['main_path']} on the main path)",
        "  Evidence: "
        + ", ".join(f"{share:.0%} {level}" for level, share in f["evidence"].items()),
        "  Experience by stage: "
        + (", ".join(f"{stage} {_rating(v)}" for stage, v in f["experience"].items()) or "none"),
        "  Channels by stage: " + (_channel_mix(f["channels"]) or "none"),
        "  Touchpoints per lane: "
        + (", ".join(f"{lane} {n}" for lane, n in f["touchpoints_per_lane"].items()) or "none"),
    ]
    return lines


def _rating(value: float | None) -> str:
    if value is None:
        return "n/a"
    return "0" if value == 0 else f"{value:+g}"


def _channel_mix(channels: dict[str, dict[str, int]]) -> str:
    parts = []
    for stage, mix in channels.items():
        if mix:
            items = ", ".join(f"{channel or 'no channel'} {n}" for channel, n in mix.items())
            parts.append(f"{stage} ({items})")
    return "; ".join(parts)
