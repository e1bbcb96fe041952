"""The command line's summary of a comparison (`compare` without `--json`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .formatting import count_text, days_text, share_text
from .result import Comparison, Figures, step_key

TOP = 5


def _same(text: str) -> str:
    return text


def format_comparison(result: Comparison, shown: Callable[[str], str] = _same) -> str:
    """A human-readable summary of `result`; `shown` is applied to every text that comes
    from the map or the log (the command line escapes control characters with it)."""
    figures = result.figures
    lines = _summary_lines(result, shown)
    for title, block in (
        ("Most common paths", _variant_lines(figures, shown)),
        ("Most frequent deviations", _deviation_lines(figures, shown)),
        ("Slower than planned (median)", _slow_lines(result, shown)),
        ("Time through stages (median)", _stage_lines(figures, shown)),
        ("Where cases end (cases)", _count_lines(figures.drop_off, shown)),
        ("Activities matching no touchpoint (events)",
         _count_lines(figures.unmatched_activities, shown)),
        ("Segments", _segment_lines(result, shown)),
    ):
        if block:
            lines += ["", f"{title}:", *block]
    if figures.skipped:
        lines += ["", f"Never visited: {', '.join(shown(t) for t in figures.skipped)}."]
    return "\n".join(lines) + "\n"


def _days(days: float | None) -> str:
    return days_text(days, words=True, missing="?")


def _share(part: int, whole: int) -> str:
    return share_text(part, whole, missing="0.0 %")


def _summary_lines(result: Comparison, shown) -> list[str]:
    figures = result.figures
    cases = figures.cases
    head = (
        f"{shown(result.map_name)} vs {shown(result.log)}: "
        f"{count_text(cases, 'case')}, {count_text(figures.events, 'event')}"
    )
    notes = []
    if result.skipped_rows:
        notes.append(f"{count_text(result.skipped_rows, 'row')} skipped")
    if figures.duplicate_events:
        notes.append(f"{count_text(figures.duplicate_events, 'exact duplicate')} kept")
    lines = [head + (f" ({'; '.join(notes)})" if notes else "") + "."]
    period = result.period
    if period is not None and period.first_event:
        lines.append(f"Events from {shown(period.first_event)} to {shown(period.last_event)}.")
    goals = ", ".join(shown(g) for g in result.goal) or "none"
    lines.append(
        f"Conformance: {_share(figures.conforming_cases, cases)} of cases "
        f"({figures.conforming_cases:,}) took only designed steps; "
        f"{_share(figures.reached_goal, cases)} ({figures.reached_goal:,}) reached a goal "
        f"({goals})."
    )
    return lines


def _variant_lines(figures: Figures, shown) -> list[str]:
    lines = [
        f"  {_share(v.cases, figures.cases):>7}  {v.cases:>9,}  "
        + " > ".join(shown(a) for a in v.activities)
        for v in figures.variant_list[:TOP]
    ]
    if lines and figures.variants > TOP:
        lines.append(f"  ... {figures.variants:,} distinct paths in all")
    return lines


def _shown_key(source: str, target: str, shown) -> str:
    return step_key(shown(source), shown(target))


def _deviation_lines(figures: Figures, shown) -> list[str]:
    return [
        f"  {step.count:>9,}  {_shown_key(step.source, step.target, shown)}"
        + (f"  ({step.kind})" if step.kind is not None else "")
        for step in figures.deviations[:TOP]
    ]


def _slow_lines(result: Comparison, shown) -> list[str]:
    late = []
    for plan in result.planned:
        step = result.figures.step(plan.source, plan.target)
        if step is not None and step.median_days - plan.days > 0:
            late.append((step.median_days - plan.days,
                         _shown_key(plan.source, plan.target, shown), plan, step))
    late.sort(key=lambda item: (-item[0], item[1]))
    return [
        f"  {key}: expected {_days(plan.days)}, took {_days(step.median_days)} "
        f"(p90 {_days(step.p90_days)})"
        for _, key, plan, step in late[:TOP]
    ]


def _stage_lines(figures: Figures, shown) -> list[str]:
    lines = []
    for stage in figures.stage_days:
        if stage.median is None:
            continue
        plan = f"expected {_days(stage.expected)}, " if stage.expected is not None else ""
        lines.append(
            f"  {shown(stage.name)}: {plan}took {_days(stage.median)} "
            f"(p90 {_days(stage.p90)}, {count_text(stage.cases, 'case')})"
        )
    return lines


def _count_lines(counts: Mapping[str, int], shown) -> list[str]:
    lines = [f"  {n:>9,}  {shown(name)}" for name, n in list(counts.items())[:TOP]]
    if len(counts) > TOP:
        lines.append(f"  ... and {len(counts) - TOP:,} more")
    return lines


def _segment_lines(result: Comparison, shown) -> list[str]:
    lines = []
    for value, figures in result.segments.items():
        cases = figures.cases
        lines.append(
            f"  {shown(value)}: {count_text(cases, 'case')}, "
            f"{_share(figures.conforming_cases, cases)} conforming, "
            f"{_share(figures.reached_goal, cases)} reached a goal"
        )
    return lines
