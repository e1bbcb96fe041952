"""A `Comparison` as the `compare --json` object of the product contract, and back.

`to_json_dict` writes exactly the object `compare --json` prints and the workspace stores in
a map's history (key order included: the contract's output is byte-for-byte stable);
`from_json_dict` reads one back, also as comparisons stored by earlier versions hold it
(without `duplicate_events`). It is the one place that splits an 'A -> B' key into its two
labels: a title holding ' -> ' itself is found by trying each cut against the known labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Map
from .matching import TitleIndex
from .result import (
    ARROW,
    Comparison,
    Figures,
    OtherVariants,
    Period,
    PlannedStep,
    StageTime,
    Step,
    Variant,
)


# -- to the contract's object ------------------------------------------------------------
def to_json_dict(result: Comparison) -> dict:
    """The `compare --json` object of `result`."""
    figures = figures_dict(result.figures)
    out: dict = {"map": result.map_name, "map_id": result.map_id, "log": result.log,
                 "cases": figures.pop("cases"), "events": figures.pop("events"),
                 "skipped_rows": result.skipped_rows,
                 "first_skipped_row": result.first_skipped_row}
    out.update(figures)
    expected: dict = {}
    for step in result.planned:
        expected.setdefault(step.key, step.days)
    out.update(goal=list(result.goal), expected_days=expected)
    if result.period is not None:
        out["period"] = _period_dict(result.period)
    if result.segment is not None:
        out["segment"] = result.segment
        out["segments"] = {name: figures_dict(f) for name, f in result.segments.items()}
    return out


def figures_dict(figures: Figures) -> dict:
    """The figures of one set of cases, in the contract's key order."""
    out: dict = {"cases": figures.cases, "events": figures.events}
    if figures.duplicate_events is not None:
        out["duplicate_events"] = figures.duplicate_events
    out["variants"] = figures.variants
    out["variant_list"] = [{"activities": list(v.activities), "cases": v.cases,
                            "share": v.share} for v in figures.variant_list]
    if figures.other_variants is not None:
        out["other_variants"] = {"variants": figures.other_variants.variants,
                                 "cases": figures.other_variants.cases}
    steps, deviations = figures.steps, figures.deviations
    out["transitions"] = {s.key: s.count for s in steps}
    out["deviations"] = {s.key: s.count for s in deviations}
    out["deviation_kinds"] = {s.key: s.kind for s in deviations if s.kind is not None}
    out["median_days"] = {s.key: s.median_days for s in steps}
    out["p90_days"] = {s.key: s.p90_days for s in steps}
    out.update(conforming_cases=figures.conforming_cases, reached_goal=figures.reached_goal,
               drop_off=dict(figures.drop_off), skipped=list(figures.skipped),
               unmatched_activities=dict(figures.unmatched_activities))
    out["stage_days"] = {s.name: {"expected": s.expected, "cases": s.cases,
                                  "median": s.median, "p90": s.p90}
                         for s in figures.stage_days}
    return out


def _period_dict(period: Period) -> dict:
    return {"since": period.since, "until": period.until, "first_event": period.first_event,
            "last_event": period.last_event, "outside_period": period.outside_period}


# -- from it -------------------------------------------------------------------------------
def from_json_dict(data: dict, m: Map | None = None) -> Comparison:
    """The comparison `data` (a `compare --json` object) holds. With its map `m`, labels
    that are touchpoints get their ids (and titles holding ' -> ' split right); a map that
    changed since only loses the ids of titles it no longer has."""
    index = TitleIndex(m) if m is not None else None
    segments = data.get("segments") or {}
    unmatched = set(data.get("unmatched_activities") or {})
    labels = _known_labels(data, [data, *segments.values()], index)
    ids = index.ids_of(labels, unmatched) if index is not None else {}

    def split(key: str) -> tuple[str, str]:
        return split_key(key, labels)

    planned = []
    for key, days in (data.get("expected_days") or {}).items():
        a, b = split(key)
        planned.append(PlannedStep(a, b, days, ids.get(a), ids.get(b)))
    period = data.get("period")
    return Comparison(
        map_name=data.get("map", ""), map_id=data.get("map_id", ""), log=data.get("log", ""),
        skipped_rows=int(data.get("skipped_rows") or 0),
        first_skipped_row=data.get("first_skipped_row"),
        figures=_figures(data, split, ids), goal=tuple(data.get("goal") or ()),
        planned=tuple(planned), period=_period(period) if period is not None else None,
        segment=data.get("segment") if "segments" in data else None,
        segments={name: _figures(fig, split, ids) for name, fig in segments.items()},
    )


def _figures(data: dict, split, ids: dict[str, str]) -> Figures:
    transitions = data.get("transitions") or {}
    deviations = data.get("deviations") or {}
    kinds = data.get("deviation_kinds") or {}
    median, p90 = data.get("median_days") or {}, data.get("p90_days") or {}
    steps = []
    for key, count in transitions.items():
        a, b = split(key)
        steps.append(Step(a, b, count, median.get(key), p90.get(key),
                          designed=key not in deviations, kind=kinds.get(key),
                          source_id=ids.get(a), target_id=ids.get(b)))
    other = data.get("other_variants")
    return Figures(
        cases=int(data.get("cases") or 0), events=int(data.get("events") or 0),
        duplicate_events=data.get("duplicate_events"),
        variants=int(data.get("variants") or 0),
        variant_list=tuple(Variant(tuple(v["activities"]), v["cases"], v["share"])
                           for v in data.get("variant_list") or ()),
        other_variants=OtherVariants(other["variants"], other["cases"]) if other else None,
        steps=tuple(steps), conforming_cases=int(data.get("conforming_cases") or 0),
        reached_goal=int(data.get("reached_goal") or 0),
        drop_off=dict(data.get("drop_off") or {}), skipped=tuple(data.get("skipped") or ()),
        unmatched_activities=dict(data.get("unmatched_activities") or {}),
        stage_days=tuple(StageTime(name, s.get("expected"), int(s.get("cases") or 0),
                                   s.get("median"), s.get("p90"))
                         for name, s in (data.get("stage_days") or {}).items()),
    )


def _period(data: dict) -> Period:
    return Period(data.get("since"), data.get("until"), data.get("first_event"),
                  data.get("last_event"), int(data.get("outside_period") or 0))


def _known_labels(data: dict, figure_sets: Iterable[dict], index: TitleIndex | None
                  ) -> set[str]:
    """Every label the object names outside step keys, and the map's titles."""
    labels = set(index.titles()) if index is not None else set()
    labels |= set(data.get("goal") or ())
    for fig in figure_sets:
        labels |= set(fig.get("unmatched_activities") or {})
        labels |= set(fig.get("drop_off") or {})
        labels |= set(fig.get("skipped") or ())
        for variant in fig.get("variant_list") or ():
            labels |= set(variant["activities"])
    return labels


def split_key(key: str, labels: set[str]) -> tuple[str, str]:
    """'A -> B' into (A, B): the first cut naming two known labels, else the first cut."""
    cuts = [i for i in range(len(key)) if key.startswith(ARROW, i)]
    for i in cuts:
        a, b = key[:i], key[i + len(ARROW):]
        if a in labels and b in labels:
            return a, b
    i = cuts[0] if cuts else len(key)
    return key[:i], key[i + len(ARROW):]
