"""Planned vs actual: a journey map against an event log (polars; no loop over events).

`compare(m, log)` returns the `compare --json` object of the product contract. Definitions:

- Events are ordered by (case, time, row): by time within a case, file order on equal times.
  An activity stands for the touchpoint `journeymap.mapping.resolve` finds; its label is that
  touchpoint's title. An unmatched activity keeps its own (trimmed) name as its label.
- `transitions`: `{"A -> B": count}`, every directly-follows pair of labels inside a case,
  self-loops included, no artificial start or end. A pair is *designed* when the map has a
  connection (Next or Loops) from a touchpoint titled A to one titled B; a pair with an
  unmatched end never is. `deviations` are the transitions that are not designed.
- `deviation_kinds`: `{"A -> B": kind}` for each deviation, the first that applies of
  `unmatched` (an end is not a touchpoint), `repeat` (the same touchpoint twice in a row),
  `backward` (B is in an earlier stage than A, or in the same stage and B leads to A through
  designed connections while A does not lead to B), `skip` (A leads to B through designed
  connections: steps were left out) and `unplanned` (no designed path from A to B).
- `conforming_cases`: cases whose every consecutive pair is designed (one event conforms).
- `goal`: goal titles (`journeymap.analysis.goal_touchpoints`); `reached_goal`: cases whose
  last event is a goal touchpoint. `drop_off`: `{label: cases whose last event it is}` for
  every last event, goals and unmatched activities included, so it adds up to `cases`.
- `median_days`, `p90_days`: per transition, over its durations in days (UTC seconds /
  86,400, not rounded). The median of an even count is the mean of the two middle values;
  p90 is linear interpolation between closest ranks, exactly as numpy's default
  (`numpy.percentile(x, 90)`, method "linear"): h = 0.9 (n - 1), lower value a = x[floor h],
  b = x[floor h + 1], g = h - floor h, p90 = a + (b - a) g, or b - (b - a)(1 - g) when g >= 0.5.
- `expected_days`: `{"A -> B": days}` of designed connections that have expected days (the
  connection's own, else its source touchpoint's).
- `stage_days`: `{stage: {"expected", "cases", "median", "p90"}}` for every non-empty stage:
  a case's time through a stage runs from its first event in that stage to its first event
  in the next stage (map order) it visits; cases that visit no later stage, or whose next
  stage came first (they went back), do not count. `median`/`p90` are null when no case counts.
- `variants`: the number of distinct label sequences; `variant_list`: the 100 most frequent
  `{"activities", "cases", "share"}` (share = cases / all cases), ties by activities; when
  there are more, `other_variants` says how many and how many cases they hold.
- `duplicate_events`: events that repeat an earlier event of their case exactly (same
  activity label, same time); they are kept and counted everywhere else.
- `skipped`: titles of touchpoints no event stands for, in display order (a title once).
  `unmatched_activities`: `{name: events}`.
- `segments` (with `segment=COL`): a case's segment is the value of COL on its first event;
  an empty or missing value is the segment "(none)". Each segment has the same figures
  (without `skipped_rows`, `goal`, `expected_days`), and their `cases` add up to `cases`.
- Keys of count dictionaries are ordered by count, highest first, then by name; `median_days`
  and `p90_days` follow `transitions`.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import ImportFileError
from .eventlog import EventLog
from .mapping import read_mapping, resolve
from .model import Map

if TYPE_CHECKING:
    import polars

__all__ = ["compare", "format_comparison", "read_mapping"]

VARIANT_LIMIT = 100
NO_SEGMENT = "(none)"


# -- what the map designs ----------------------------------------------------------------
@dataclass
class _Plan:
    """The map seen by titles, and the code of every label in the log."""

    names: list[str] = field(default_factory=list)  # code -> label
    code_of: dict[str, int] = field(default_factory=dict)  # activity -> code
    matched: set[int] = field(default_factory=set)  # codes that are touchpoint titles
    titles: list[str] = field(default_factory=list)  # display order, each once
    stage_of: dict[str, int] = field(default_factory=dict)  # title -> stage position
    successors: dict[str, set[str]] = field(default_factory=dict)
    designed: set[tuple[str, str]] = field(default_factory=set)
    expected: dict[str, float] = field(default_factory=dict)
    goals: list[str] = field(default_factory=list)
    stages: list[tuple[int, str, float | None]] = field(default_factory=list)  # pos, name, days

    def __post_init__(self) -> None:
        self._index: dict[str, int] = {}  # label -> code
        self._reach: dict[str, set[str]] = {}  # title -> titles it leads to

    def label_code(self, label: str) -> int:
        if label not in self._index:
            self._index[label] = len(self.names)
            self.names.append(label)
        return self._index[label]

    def code_of_pair(self, source: str, target: str, n: int) -> int | None:
        """The pair code of two titles, or None when one of them is not in the log."""
        a, b = self._index.get(source), self._index.get(target)
        if a is None or b is None or a not in self.matched or b not in self.matched:
            return None
        return a * n + b

    def leads_to(self, source: str, target: str) -> bool:
        """Whether designed connections lead from title `source` to title `target`."""
        if source not in self._reach:
            seen: set[str] = set()
            queue = deque([source])
            while queue:
                for nxt in self.successors.get(queue.popleft(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        queue.append(nxt)
            self._reach[source] = seen
        return target in self._reach[source]


def _plan(m: Map, activities: list[str], mapping: dict[str, str] | None) -> _Plan:
    from .analysis import goal_touchpoints
    from .mapping import normalise

    plan = _Plan()
    # Titles equal but for case or spacing are one title: the first in map order.
    canon: dict[str, str] = {}
    for tp in m.touchpoints:
        canon.setdefault(normalise(tp.title), tp.title)

    def title(tp) -> str:
        return canon[normalise(tp.title)]

    stage_pos = m.stage_index()
    for tp in m.touchpoints_in_display_order():
        if title(tp) not in plan.stage_of:
            plan.titles.append(title(tp))
            plan.stage_of[title(tp)] = stage_pos.get(tp.stage, 0)
            plan.successors[title(tp)] = set()
    by_id = {tp.id: tp for tp in m.touchpoints}
    for conn in m.connections:
        source, target = by_id.get(conn.source), by_id.get(conn.target)
        if source is None or target is None:
            continue
        plan.designed.add((title(source), title(target)))
        plan.successors[title(source)].add(title(target))
        days = conn.days if conn.days is not None else source.days
        if days is not None:
            plan.expected.setdefault(f"{title(source)} -> {title(target)}", days)
    plan.goals = list(dict.fromkeys(title(tp) for tp in goal_touchpoints(m)))
    used = {tp.stage for tp in m.touchpoints}
    plan.stages = [(i, s.name, s.days) for i, s in enumerate(m.stages) if s.id in used]
    matches = resolve(m, activities, mapping)
    for activity in activities:
        tp = matches.get(activity)
        code = plan.label_code(title(tp) if tp else activity)
        plan.code_of[activity] = code
        if tp is not None:
            plan.matched.add(code)
    return plan


# -- entry point -------------------------------------------------------------------------
def compare(
    m: Map,
    log: EventLog,
    *,
    segment: str | None = None,
    mapping: dict[str, str] | None = None,
) -> dict:
    """Compare map `m` with `log`; the result is JSON-ready (see the module docstring).

    `mapping` is {activity: touchpoint title} (e.g. from `read_mapping`); it comes before the
    map's saved mapping. Raises `ValidationError` when it names a title the map lacks, and
    `ImportFileError` when `segment` names no column of the log.
    """
    import polars as pl

    frame = log.frame
    segment_col = _segment_column(frame, segment, log.source) if segment else None
    activities = frame["activity"].cast(_private_categorical())
    distinct = activities.unique()
    plan = _plan(m, sorted(distinct.to_list()), mapping)
    # Label code per categorical code: a gather instead of hashing a million strings.
    lookup = [0] * (int(distinct.to_physical().max() or 0) + 1)
    for physical, activity in zip(distinct.to_physical(), distinct, strict=True):
        lookup[physical] = plan.code_of[activity]
    codes = pl.Series(lookup, dtype=pl.UInt32).gather(activities.to_physical())
    events = _prepare(frame.with_columns(code=codes), segment_col)
    figures = _figures(events, plan)
    result: dict = {"map": m.name, "map_id": m.id, "log": log.source}
    result.update(cases=figures.pop("cases"), events=figures.pop("events"))
    result.update(skipped_rows=log.skipped_rows, first_skipped_row=log.first_skipped_row)
    result.update(figures)
    result.update(goal=plan.goals, expected_days=plan.expected, period=_period(log, events))
    if segment_col is not None:
        result.update(segment=segment_col, segments=_segments(events, plan))
    return result


def _private_categorical():
    """A Categorical with its own categories: codes start at 0 for this log, and the strings
    are not kept in polars' global categories for the life of the process (the editor)."""
    import polars as pl

    return pl.Categorical(pl.Categories.random())


def _segment_column(frame, segment: str, source: str) -> str:
    from .eventlog import CORE_COLUMNS

    others = [c for c in frame.columns if c not in CORE_COLUMNS]
    if segment in others:
        return segment
    folded = {c.strip().casefold(): c for c in reversed(others)}
    found = folded.get(segment.strip().casefold())
    if found is None:
        listing = ", ".join(others) if others else "none"
        raise ImportFileError(
            f"The event log {source} has no column '{segment}' to segment by; its attribute "
            f"columns are: {listing}."
        )
    return found


def _prepare(frame, segment_col: str | None) -> polars.DataFrame:
    """Sorted events with `case_idx` (0.. per case), label `code`, and `segment` if asked."""
    import polars as pl

    columns = ["case", "code", "time", "row"] + ([segment_col] if segment_col else [])
    # Sorting by an integer per case (first-seen order) is 3x faster than by the text;
    # case order does not matter, only that a case's events are together and in time order.
    events = (
        frame.select(columns)
        .with_columns(case_key=pl.col("case").cast(_private_categorical()).to_physical())
        .sort(["case_key", "time", "row"])
    )
    new_case = (pl.col("case_key") != pl.col("case_key").shift(1)).fill_null(True)
    events = events.with_columns(case_idx=new_case.cum_sum().cast(pl.UInt32) - 1)
    if segment_col is not None:
        value = pl.col(segment_col).str.strip_chars()
        value = pl.when(value != "").then(value).otherwise(pl.lit(NO_SEGMENT))
        # Only a case's first row gets its value; forward_fill carries it to the others.
        events = events.with_columns(segment=pl.when(new_case).then(value).forward_fill())
    return events.select(["case_idx", "code", "time"] + (["segment"] if segment_col else []))


def _segments(events, plan: _Plan) -> dict:
    parts = events.partition_by("segment", as_dict=True, include_key=False)
    figures = {key[0]: _figures(part, plan) for key, part in parts.items()}
    order = sorted(figures, key=lambda value: (-figures[value]["cases"], value))
    return {value: figures[value] for value in order}


def _period(log: EventLog, events) -> dict:
    first, last = events["time"].min(), events["time"].max()
    return {
        "since": log.since.isoformat() if log.since else None,
        "until": log.until.isoformat() if log.until else None,
        "first_event": first.isoformat() if first else None,
        "last_event": last.isoformat() if last else None,
        "outside_period": log.outside_period,
    }


# -- the figures -------------------------------------------------------------------------
def _figures(events, plan: _Plan) -> dict:
    """Every figure of one set of sorted events (the whole log or one segment)."""
    import polars as pl

    n = max(len(plan.names), 1)
    lazy = events.lazy()
    follows = (pl.col("case_idx").shift(-1) == pl.col("case_idx")).fill_null(False)
    steps = lazy.with_columns(
        pair=pl.col("code").cast(pl.Int64) * n + pl.col("code").shift(-1),
        us=(pl.col("time").shift(-1) - pl.col("time")).dt.total_microseconds(),
        follows=follows,
    )
    designed = [plan.code_of_pair(a, b, n) for a, b in plan.designed]
    pairs = steps.filter("follows").with_columns(
        designed=pl.col("pair").is_in([c for c in designed if c is not None])
    )
    queries = [
        pairs.group_by("pair").agg(
            count=pl.len(),
            designed=pl.col("designed").first(),
            **_quantile_aggs(pl.col("us")),
        ),
        pairs.filter(~pl.col("designed")).select(pl.col("case_idx").n_unique().alias("n")),
        steps.filter(~pl.col("follows")).group_by("code").len(),
        lazy.group_by("case_idx").agg("code").group_by("code").len(),
        lazy.group_by("code").len(),
        _stage_query(lazy, plan),
        _duplicate_query(lazy),
    ]
    transitions, deviating, last, variants, per_code, stages, dup = pl.collect_all(queries)
    cases = last["len"].sum()
    result = {"cases": int(cases), "events": events.height, "duplicate_events": int(dup["n"][0])}
    result.update(_variant_figures(variants, plan, cases))
    result.update(_transition_figures(transitions, plan, n))
    result["conforming_cases"] = int(cases) - int(deviating["n"][0])
    result.update(_end_figures(last, plan))
    result["skipped"], result["unmatched_activities"] = _visits(per_code, plan)
    result["stage_days"] = _stage_figures(stages, plan)
    return result


def _duplicate_query(lazy):
    """Events repeating an earlier one of their case (same label, same time). Duplicates share
    a time, so only rows tied in time with a neighbour are hashed: a few percent of a log."""
    import polars as pl

    def tied(offset: int):
        return (pl.col("case_idx").shift(offset) == pl.col("case_idx")) & (
            pl.col("time").shift(offset) == pl.col("time")
        )

    repeat = ~pl.struct("case_idx", "code", "time").is_first_distinct()
    return lazy.filter((tied(1) | tied(-1)).fill_null(False)).select(n=repeat.sum().cast(pl.Int64))


def _p90(count: int, low_us: float, high_us: float) -> float:
    """numpy's linear interpolation between the two closest ranks (see the docstring)."""
    low, high = _day(low_us), _day(high_us)
    h = (count - 1) * 0.9
    g = h - math.floor(h)
    if g >= 0.5:
        return high - (high - low) * (1 - g)
    return low + (high - low) * g


def _by_count(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _variant_figures(variants, plan: _Plan, cases: int) -> dict:
    import polars as pl

    total = variants.height
    ranked = variants.sort("len", descending=True)
    if total > VARIANT_LIMIT:  # only what can make the list, ties at the edge included
        ranked = ranked.filter(pl.col("len") >= ranked["len"][VARIANT_LIMIT - 1])
    rows = [([plan.names[c] for c in codes], n) for codes, n in ranked.iter_rows()]
    rows.sort(key=lambda row: (-row[1], row[0]))
    listed = [
        {"activities": acts, "cases": n, "share": n / cases} for acts, n in rows[:VARIANT_LIMIT]
    ]
    result = {"variants": total, "variant_list": listed}
    if total > len(listed):
        result["other_variants"] = {
            "variants": total - len(listed),
            "cases": cases - sum(v["cases"] for v in listed),
        }
    return result


def _transition_figures(transitions, plan: _Plan, n: int) -> dict:
    rows = []
    for pair, count, designed, med_lo, med_hi, p90_lo, p90_hi in transitions.iter_rows():
        a, b = divmod(pair, n)
        key = f"{plan.names[a]} -> {plan.names[b]}"
        median, p90 = _median(med_lo, med_hi), _p90(count, p90_lo, p90_hi)
        rows.append((key, count, a, b, median, p90, designed))
    rows.sort(key=lambda row: (-row[1], row[0]))
    deviations = [row for row in rows if not row[6]]
    return {
        "transitions": {row[0]: row[1] for row in rows},
        "deviations": {row[0]: row[1] for row in deviations},
        "deviation_kinds": {row[0]: _kind(plan, row[2], row[3]) for row in deviations},
        "median_days": {row[0]: row[4] for row in rows},
        "p90_days": {row[0]: row[5] for row in rows},
    }


def _kind(plan: _Plan, a: int, b: int) -> str:
    if a not in plan.matched or b not in plan.matched:
        return "unmatched"
    source, target = plan.names[a], plan.names[b]
    if source == target:
        return "repeat"
    forward = plan.leads_to(source, target)
    earlier = plan.stage_of[target] < plan.stage_of[source]
    same_stage = plan.stage_of[target] == plan.stage_of[source]
    if earlier or (same_stage and not forward and plan.leads_to(target, source)):
        return "backward"
    return "skip" if forward else "unplanned"


def _end_figures(last, plan: _Plan) -> dict:
    counts = {plan.names[code]: n for code, n in last.iter_rows()}
    goals = set(plan.goals)
    reached = sum(
        n for code, n in last.iter_rows() if code in plan.matched and plan.names[code] in goals
    )
    return {"reached_goal": int(reached), "drop_off": _by_count(counts)}


def _visits(per_code, plan: _Plan) -> tuple[list[str], dict[str, int]]:
    visited = set()
    unmatched = {}
    for code, n in per_code.iter_rows():
        if code in plan.matched:
            visited.add(plan.names[code])
        else:
            unmatched[plan.names[code]] = n
    return [t for t in plan.titles if t not in visited], _by_count(unmatched)


# -- time through stages -----------------------------------------------------------------
def _stage_query(lazy, plan: _Plan):
    """Per stage: days from a case's first event in it to its first event in the next stage
    (map order) it visits, when that comes later."""
    import polars as pl

    width = max(plan.stage_of.values(), default=0) + 1
    lookup = {code: plan.stage_of[plan.names[code]] for code in plan.matched}
    stage = pl.col("code").replace_strict(lookup, default=None, return_dtype=pl.Int64)
    # Events are in time order within a case: the first row of each (case, stage) is its start.
    firsts = (
        lazy.select("case_idx", "time", stage=stage)
        .drop_nulls("stage")
        .with_columns(key=pl.col("case_idx").cast(pl.Int64) * width + pl.col("stage"))
        .filter(pl.col("key").is_first_distinct())
        .sort("key")
    )
    same_case = pl.col("case_idx").shift(-1) == pl.col("case_idx")
    us = (pl.col("end") - pl.col("time")).dt.total_microseconds()
    return (
        firsts.with_columns(end=pl.when(same_case).then(pl.col("time").shift(-1)))
        .filter(pl.col("end") >= pl.col("time"))
        .group_by("stage")
        .agg(cases=pl.len(), **_quantile_aggs(us))
    )


def _quantile_aggs(us) -> dict:
    """The two middle durations (median) and the two around rank 0.9 (p90), in µs.

    They stay integers here: days are worked out in Python (`_day`), because polars divides
    by a constant through its reciprocal, which can differ from seconds / 86,400 in the last
    bit, and the contract's figures are exact."""
    return {
        "med_lo": us.quantile(0.5, "lower"),
        "med_hi": us.quantile(0.5, "higher"),
        "p90_lo": us.quantile(0.9, "lower"),
        "p90_hi": us.quantile(0.9, "higher"),
    }


def _day(us: float) -> float:
    """Microseconds (an exact integer) as days: UTC seconds / 86,400, correctly rounded."""
    return int(us) / 1_000_000 / 86_400


def _median(low_us: float, high_us: float) -> float:
    return (_day(low_us) + _day(high_us)) / 2


def _stage_figures(stages, plan: _Plan) -> dict:
    rows = {row[0]: row for row in stages.iter_rows()}
    result = {}
    for position, name, expected in plan.stages:
        row = rows.get(position)
        figures = {"expected": expected, "cases": 0, "median": None, "p90": None}
        if row is not None:
            _, count, med_lo, med_hi, p90_lo, p90_hi = row
            figures.update(
                cases=count, median=_median(med_lo, med_hi), p90=_p90(count, p90_lo, p90_hi)
            )
        result.setdefault(name, figures)
    return result


# -- text summary ------------------------------------------------------------------------
TOP = 5


def format_comparison(result: dict) -> str:
    """A human-readable summary of a `compare` result, for the command line."""
    lines = _summary_lines(result)
    unmatched = result.get("unmatched_activities", {})
    for title, block in (
        ("Most common paths", _variant_lines(result)),
        ("Most frequent deviations", _deviation_lines(result)),
        ("Slower than planned (median)", _slow_lines(result)),
        ("Time through stages (median)", _stage_lines(result)),
        ("Where cases end (cases)", _count_lines(result.get("drop_off", {}))),
        ("Activities matching no touchpoint (events)", _count_lines(unmatched)),
        ("Segments", _segment_lines(result)),
    ):
        if block:
            lines += ["", f"{title}:", *block]
    if result.get("skipped"):
        lines += ["", f"Never visited: {', '.join(result['skipped'])}."]
    return "\n".join(lines) + "\n"


def _summary_lines(result: dict) -> list[str]:
    cases = result["cases"]
    head = (
        f"{result.get('map', 'The map')} vs {result.get('log', 'the event log')}: "
        f"{_count(cases, 'case')}, {_count(result['events'], 'event')}"
    )
    notes = []
    if result.get("skipped_rows"):
        notes.append(f"{_count(result['skipped_rows'], 'row')} skipped")
    if result.get("duplicate_events"):
        notes.append(f"{_count(result['duplicate_events'], 'exact duplicate')} kept")
    lines = [head + (f" ({'; '.join(notes)})" if notes else "") + "."]
    period = result.get("period") or {}
    if period.get("first_event"):
        lines.append(f"Events from {period['first_event']} to {period['last_event']}.")
    goals = ", ".join(result.get("goal", [])) or "none"
    lines.append(
        f"Conformance: {_share(result['conforming_cases'], cases)} of cases "
        f"({result['conforming_cases']:,}) took only designed steps; "
        f"{_share(result['reached_goal'], cases)} ({result['reached_goal']:,}) reached a goal "
        f"({goals})."
    )
    return lines


def _variant_lines(result: dict) -> list[str]:
    lines = [
        f"  {_share(v['cases'], result['cases']):>7}  {v['cases']:>9,}  "
        + " > ".join(v["activities"])
        for v in result.get("variant_list", [])[:TOP]
    ]
    if lines and result.get("variants", 0) > TOP:
        lines.append(f"  ... {result['variants']:,} distinct paths in all")
    return lines


def _deviation_lines(result: dict) -> list[str]:
    kinds = result.get("deviation_kinds", {})
    return [
        f"  {count:>9,}  {key}" + (f"  ({kinds[key]})" if key in kinds else "")
        for key, count in list(result.get("deviations", {}).items())[:TOP]
    ]


def _slow_lines(result: dict) -> list[str]:
    expected = result.get("expected_days", {})
    median, p90 = result.get("median_days", {}), result.get("p90_days", {})
    late = [(median[k] - days, k) for k, days in expected.items() if k in median]
    late = sorted((item for item in late if item[0] > 0), key=lambda item: (-item[0], item[1]))
    return [
        f"  {key}: expected {_days(expected[key])}, took {_days(median[key])} "
        f"(p90 {_days(p90[key])})"
        for _, key in late[:TOP]
    ]


def _stage_lines(result: dict) -> list[str]:
    lines = []
    for name, figures in result.get("stage_days", {}).items():
        if figures["median"] is None:
            continue
        plan = f"expected {_days(figures['expected'])}, " if figures["expected"] is not None else ""
        lines.append(
            f"  {name}: {plan}took {_days(figures['median'])} "
            f"(p90 {_days(figures['p90'])}, {_count(figures['cases'], 'case')})"
        )
    return lines


def _count_lines(counts: dict[str, int]) -> list[str]:
    lines = [f"  {n:>9,}  {name}" for name, n in list(counts.items())[:TOP]]
    if len(counts) > TOP:
        lines.append(f"  ... and {len(counts) - TOP:,} more")
    return lines


def _segment_lines(result: dict) -> list[str]:
    lines = []
    for value, figures in (result.get("segments") or {}).items():
        cases = figures["cases"]
        lines.append(
            f"  {value}: {_count(cases, 'case')}, {_share(figures['conforming_cases'], cases)} "
            f"conforming, {_share(figures['reached_goal'], cases)} reached a goal"
        )
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "0.0 %"


def _days(days: float | None) -> str:
    """'7 days', '2.5 days', '1 day', '5 h', '20 min'."""
    if days is None:
        return "?"
    if days >= 1 or days == 0:
        text = f"{days:.1f}".removesuffix(".0")
        return f"{text} day" + ("" if text == "1" else "s")
    if days * 24 >= 1:
        return f"{days * 24:.1f}".removesuffix(".0") + " h"
    return f"{max(days * 1440, 0):.0f} min"
