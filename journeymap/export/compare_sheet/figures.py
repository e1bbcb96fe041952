"""What the planned-vs-actual sheet shows, worked out from a `Comparison` and its map.

Plain values only (no drawing): per card its visits, the cases that end there and the timing
of its busiest designed step; per connection its traffic; the deviations worth an arrow; the
rows of the side band and of the segments page. Cards are matched to the result's labels by
their canonical titles (`comparison.matching.TitleIndex`), as `compare` labels the log.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import PurePath

from ...comparison import Comparison, Figures
from ...comparison.formatting import days_text, share_text, step_text
from ...comparison.matching import TitleIndex
from ...comparison.result import step_key
from ...layout import Layout, Route, route_between
from ...model import Map, goes_back


# -- numbers as text: the sheet's compact look ---------------------------------------------------
def pdf_days(days: float | None) -> str:
    """'12 d', '2.5 d', '5 h', '20 min', '–' (compact, for badges and tables)."""
    return days_text(days, whole_from=10)


def pdf_share(part: int, whole: int) -> str:
    """'12 %', '2.5 %', '–'."""
    return share_text(part, whole, digits=None)


# -- cards ---------------------------------------------------------------------------------------
@dataclass
class Timing:
    target: str
    median: float
    expected: float | None
    cases: int

    @property
    def late(self) -> bool:
        return self.expected is not None and self.median > self.expected


@dataclass
class CardFigures:
    title: str  # as compare names it
    visits: int  # events at this touchpoint
    ends: int  # cases whose last event it is
    goal: bool
    skipped: bool  # no event stands for it
    repeats: int  # steps from it straight back to itself
    timing: Timing | None  # its busiest designed step with traffic


def card_figures(m: Map, result: Comparison) -> dict[str, CardFigures]:
    """Card id -> its figures."""
    titles = TitleIndex(m).title_of
    figures_all = result.figures
    out_count: dict[str, int] = {}
    for step in figures_all.steps:
        out_count[step.source] = out_count.get(step.source, 0) + step.count
    drop = figures_all.drop_off
    goals = set(result.goal)
    skipped = set(figures_all.skipped)
    steps = _designed_steps(m, titles)
    figures = {}
    for tp in m.touchpoints:
        title = titles[tp.id]
        figures[tp.id] = CardFigures(
            title=title,
            visits=out_count.get(title, 0) + int(drop.get(title, 0)),
            ends=int(drop.get(title, 0)),
            goal=title in goals,
            skipped=title in skipped,
            repeats=figures_all.count(title, title),
            timing=_busiest_step(result, title, steps.get(title, [])),
        )
    return figures


def _designed_steps(m: Map, titles: dict[str, str]) -> dict[str, list[str]]:
    steps: dict[str, list[str]] = {}
    for conn in m.connections:
        if conn.source in titles and conn.target in titles:
            targets = steps.setdefault(titles[conn.source], [])
            if titles[conn.target] not in targets:
                targets.append(titles[conn.target])
    return steps


def _busiest_step(result: Comparison, title: str, targets: list[str]) -> Timing | None:
    best = None
    for target in targets:
        step = result.figures.step(title, target)
        if step is None or not step.count or step.median_days is None:
            continue
        if best is None or step.count > best.cases:
            best = Timing(target, float(step.median_days), result.planned_days(title, target),
                          step.count)
    return best


# -- connections and deviations ------------------------------------------------------------------
@dataclass
class FlowView:
    source: str  # labels
    target: str
    route: Route
    count: int
    loop: bool = False
    backward: bool = False
    kind: str = ""  # deviation kind; empty for a designed connection
    warning: bool = False  # to an earlier stage, not marked a loop: the check's backward-flow


def designed_flows(m: Map, layout: Layout, result: Comparison) -> list[FlowView]:
    """Every drawn connection with its traffic; loops and backward ones first (underneath)."""
    titles = TitleIndex(m).title_of
    stage_pos = m.stage_index()
    stage_of = {tp.id: tp.stage for tp in m.touchpoints}
    flows = []
    for conn in m.connections:
        src, dst = layout.card_rects.get(conn.source), layout.card_rects.get(conn.target)
        if src is None or dst is None:
            continue
        route = route_between(src, dst, layout.metrics)
        source, target = titles[conn.source], titles[conn.target]
        warning = not conn.loop and goes_back(stage_pos, stage_of[conn.source],
                                              stage_of[conn.target])
        flows.append(FlowView(source, target, route, result.figures.count(source, target),
                              conn.loop, route.backward, warning=warning))
    flows.sort(key=lambda flow: not (flow.loop or flow.backward))
    return flows


def deviation_flows(m: Map, layout: Layout, result: Comparison, limit: int = 12
                    ) -> list[FlowView]:
    """The most frequent deviations between two touchpoints on the grid (repeats and steps
    into or out of unmatched activities have no arrow), drawn a little off the designed
    connections' anchor points so they do not hide them."""
    cards: dict[str, object] = {}
    for tp_id, title in TitleIndex(m).title_of.items():
        if tp_id in layout.card_rects:
            cards.setdefault(title, layout.card_rects[tp_id])
    flows = []
    for step in result.figures.deviations:
        a, b = step.source, step.target
        if a == b or a not in cards or b not in cards:
            continue
        route = _offset(route_between(cards[a], cards[b], layout.metrics), cards[a])
        flows.append(FlowView(a, b, route, step.count, False, route.backward, step.kind or ""))
        if len(flows) >= limit:
            break
    return flows


def _offset(route: Route, src) -> Route:
    dx, dy = (src.w * 0.22, 0.0) if route.backward else (0.0, src.h * 0.22)
    return route.moved(dx, dy)


def width_for(count: int, top: int) -> float:
    """Stroke width (layout units) of a connection carrying `count` of the busiest `top`."""
    if count <= 0 or top <= 0:
        return 0.9
    return 1.2 + 5.8 * math.sqrt(count / top)


# -- the side band -----------------------------------------------------------------------------
@dataclass
class SlowStep:
    source: str
    target: str
    expected: float
    median: float
    p90: float | None
    cases: int


    @property
    def key(self) -> str:
        return step_key(self.source, self.target)

    @property
    def text(self) -> str:
        return step_text(self.source, self.target)


def slow_steps(result: Comparison, figures: Figures | None = None) -> list[SlowStep]:
    """Designed steps whose median took longer than expected, latest (in days) first; of
    `figures` (a segment's) when given, else of all cases."""
    figures = figures or result.figures
    rows = []
    for plan in result.planned:
        step = figures.step(plan.source, plan.target)
        if step is not None and step.median_days is not None and step.median_days > plan.days:
            rows.append(SlowStep(plan.source, plan.target, float(plan.days),
                                 float(step.median_days), step.p90_days, step.count))
    rows.sort(key=lambda row: (-(row.median - row.expected), row.key))
    return rows


@dataclass
class StageTiming:
    name: str
    expected: float | None
    median: float | None
    p90: float | None
    cases: int


def stage_timings(figures: Figures) -> list[StageTiming]:
    return [StageTiming(s.name, s.expected, s.median, s.p90, s.cases)
            for s in figures.stage_days]


def log_name(result: Comparison) -> str:
    source = str(result.log or "")
    return PurePath(source).name or source


def period_text(result: Comparison) -> str:
    """The span of the events compared: the asked period when given, else first–last event."""
    period = result.period
    if period is None:
        return "no events"
    start, end = (period.since or period.first_event), (period.until or period.last_event)
    if not start and not end:
        return "no events"
    return f"{_date(start)} – {_date(end)}"


def _date(value: str | None) -> str:
    return (value or "…")[:10]


# -- segments ------------------------------------------------------------------------------------
@dataclass
class SegmentRow:
    name: str
    cases: int
    events: int
    conforming: int
    reached: int
    variants: int | None  # None when rows were merged (variants do not add up)
    top_deviation: str  # as shown ('A → B'), empty when none


def segment_row(name: str, fig: Figures) -> SegmentRow:
    top = fig.deviations[0] if fig.deviations else None
    return SegmentRow(name, fig.cases, fig.events, fig.conforming_cases, fig.reached_goal,
                      fig.variants, step_text(top.source, top.target) if top else "")


def segment_rows(result: Comparison, limit: int) -> list[SegmentRow]:
    """One row per segment, largest first; past `limit` the rest merged into one row."""
    rows = [segment_row(str(name), fig) for name, fig in result.segments.items()]
    if len(rows) <= limit:
        return rows
    kept, rest = rows[:limit - 1], rows[limit - 1:]
    merged = SegmentRow(f"{len(rest):,} other segments", sum(r.cases for r in rest),
                        sum(r.events for r in rest), sum(r.conforming for r in rest),
                        sum(r.reached for r in rest), None, "")
    return kept + [merged]
