"""Planned vs actual: the figures of a journey map against an event log (polars; no loop
over events).

`compare(m, log)` returns a `Comparison` (see `result`); `json_form.to_json_dict` makes it
the `compare --json` object of the product contract, whose keys the definitions name:

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
from typing import TYPE_CHECKING

from ..errors import ImportFileError
from ..eventlog import EventLog
from ..model import Map
from . import result
from .matching import Plan, make_plan

if TYPE_CHECKING:
    import polars

__all__ = ["compare"]

VARIANT_LIMIT = 100
NO_SEGMENT = "(none)"


# -- entry point -------------------------------------------------------------------------
def compare(
    m: Map,
    log: EventLog,
    *,
    segment: str | None = None,
    mapping: dict[str, str] | None = None,
) -> result.Comparison:
    """Compare map `m` with `log` (see the module docstring).

    `mapping` is {activity: touchpoint title} (e.g. from `read_mapping`); it comes before the
    map's saved mapping. Raises `ValidationError` when it names a title the map lacks, and
    `ImportFileError` when `segment` names no column of the log.
    """
    import polars as pl

    frame = log.frame
    segment_col = _segment_column(frame, segment, log.source) if segment else None
    activities = frame["activity"].cast(_private_categorical())
    distinct = activities.unique()
    plan = make_plan(m, sorted(distinct.to_list()), mapping)
    # Label code per categorical code: a gather instead of hashing a million strings.
    lookup = [0] * (int(distinct.to_physical().max() or 0) + 1)
    for physical, activity in zip(distinct.to_physical(), distinct, strict=True):
        lookup[physical] = plan.code_of[activity]
    codes = pl.Series(lookup, dtype=pl.UInt32).gather(activities.to_physical())
    events = _prepare(frame.with_columns(code=codes), segment_col)
    index = plan.index
    planned = tuple(result.PlannedStep(a, b, days, index.touchpoint(a), index.touchpoint(b))
                    for a, b, days in plan.expected.values())
    return result.Comparison(
        map_name=m.name, map_id=m.id, log=log.source, skipped_rows=log.skipped_rows,
        first_skipped_row=log.first_skipped_row, figures=_figures(events, plan),
        goal=tuple(plan.goals), planned=planned, period=_period(log, events),
        segment=segment_col,
        segments=_segments(events, plan) if segment_col is not None else {},
    )


def _private_categorical():
    """A Categorical with its own categories: codes start at 0 for this log, and the strings
    are not kept in polars' global categories for the life of the process (the editor)."""
    import polars as pl

    return pl.Categorical(pl.Categories.random())


def _segment_column(frame, segment: str, source: str) -> str:
    from ..eventlog import CORE_COLUMNS, by_folded_name

    others = [c for c in frame.columns if c not in CORE_COLUMNS]
    if segment in others:
        return segment
    found = by_folded_name(others).get(segment.strip().casefold())
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


def _segments(events, plan: Plan) -> dict[str, result.Figures]:
    parts = events.partition_by("segment", as_dict=True, include_key=False)
    figures = {key[0]: _figures(part, plan) for key, part in parts.items()}
    order = sorted(figures, key=lambda value: (-figures[value].cases, value))
    return {value: figures[value] for value in order}


def _period(log: EventLog, events) -> result.Period:
    first, last = events["time"].min(), events["time"].max()
    return result.Period(
        since=log.since.isoformat() if log.since else None,
        until=log.until.isoformat() if log.until else None,
        first_event=first.isoformat() if first else None,
        last_event=last.isoformat() if last else None,
        outside_period=log.outside_period,
    )


# -- the figures -------------------------------------------------------------------------
def _figures(events, plan: Plan) -> result.Figures:
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
    cases = int(last["len"].sum())
    variant_list, other = _variant_figures(variants, plan, cases)
    reached, drop_off = _end_figures(last, plan)
    skipped, unmatched = _visits(per_code, plan)
    return result.Figures(
        cases=cases, events=events.height, duplicate_events=int(dup["n"][0]),
        variants=variants.height, variant_list=variant_list, other_variants=other,
        steps=_steps(transitions, plan, n), conforming_cases=cases - int(deviating["n"][0]),
        reached_goal=reached, drop_off=drop_off, skipped=skipped,
        unmatched_activities=unmatched, stage_days=_stage_figures(stages, plan),
    )


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


def _variant_figures(variants, plan: Plan, cases: int
                     ) -> tuple[tuple[result.Variant, ...], result.OtherVariants | None]:
    import polars as pl

    total = variants.height
    ranked = variants.sort("len", descending=True)
    if total > VARIANT_LIMIT:  # only what can make the list, ties at the edge included
        ranked = ranked.filter(pl.col("len") >= ranked["len"][VARIANT_LIMIT - 1])
    rows = [([plan.names[c] for c in codes], n) for codes, n in ranked.iter_rows()]
    rows.sort(key=lambda row: (-row[1], row[0]))
    listed = tuple(result.Variant(tuple(acts), n, n / cases) for acts, n in rows[:VARIANT_LIMIT])
    if total <= len(listed):
        return listed, None
    return listed, result.OtherVariants(total - len(listed), cases - sum(v.cases for v in listed))


def _steps(transitions, plan: Plan, n: int) -> tuple[result.Step, ...]:
    steps = []
    for pair, count, designed, med_lo, med_hi, p90_lo, p90_hi in transitions.iter_rows():
        a, b = divmod(pair, n)
        steps.append(result.Step(
            plan.names[a], plan.names[b], count, _median(med_lo, med_hi),
            _p90(count, p90_lo, p90_hi), designed=designed,
            kind=None if designed else _kind(plan, a, b),
            source_id=plan.touchpoint_id(a), target_id=plan.touchpoint_id(b),
        ))
    steps.sort(key=lambda step: (-step.count, step.key))
    return tuple(steps)


def _kind(plan: Plan, a: int, b: int) -> str:
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


def _end_figures(last, plan: Plan) -> tuple[int, dict[str, int]]:
    counts = {plan.names[code]: n for code, n in last.iter_rows()}
    goals = set(plan.goals)
    reached = sum(
        n for code, n in last.iter_rows() if code in plan.matched and plan.names[code] in goals
    )
    return int(reached), _by_count(counts)


def _visits(per_code, plan: Plan) -> tuple[tuple[str, ...], dict[str, int]]:
    visited = set()
    unmatched = {}
    for code, n in per_code.iter_rows():
        if code in plan.matched:
            visited.add(plan.names[code])
        else:
            unmatched[plan.names[code]] = n
    return tuple(t for t in plan.titles if t not in visited), _by_count(unmatched)


# -- time through stages -----------------------------------------------------------------
def _stage_query(lazy, plan: Plan):
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


def _stage_figures(stages, plan: Plan) -> tuple[result.StageTime, ...]:
    rows = {row[0]: row for row in stages.iter_rows()}
    by_name: dict[str, result.StageTime] = {}  # a name used twice: the first stage's figures
    for position, name, expected in plan.stages:
        row = rows.get(position)
        figures = result.StageTime(name, expected, 0, None, None)
        if row is not None:
            _, count, med_lo, med_hi, p90_lo, p90_hi = row
            figures = result.StageTime(name, expected, count, _median(med_lo, med_hi),
                                _p90(count, p90_lo, p90_hi))
        by_name.setdefault(name, figures)
    return tuple(by_name.values())
