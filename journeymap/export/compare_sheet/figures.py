"""What the planned-vs-actual sheet shows, worked out from a `compare` result and its map.

Plain values only (no drawing): per card its visits, the cases that end there and the timing
of its busiest designed step; per connection its traffic; the deviations worth an arrow; the
rows of the side band and of the segments page. The result's keys are touchpoint titles as
`compare` writes them (equal-but-for-case-or-spacing titles are the first one in map order),
so cards are matched to them the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import PurePath

from ...layout import Layout, Route, route_between
from ...mapping import normalise
from ...model import Map

ARROW = " -> "


# -- numbers as text -------------------------------------------------------------------------
def days_text(days: float | None) -> str:
    """'12 d', '2.5 d', '5 h', '20 min', '–' (compact, for badges and tables)."""
    if days is None or (isinstance(days, float) and math.isnan(days)):
        return "–"
    if days >= 10:
        return f"{days:,.0f} d"
    if days >= 1 or days == 0:
        return f"{days:.1f}".removesuffix(".0") + " d"
    if days * 24 >= 1:
        return f"{days * 24:.1f}".removesuffix(".0") + " h"
    return f"{max(days * 1440, 0):.0f} min"


def share_text(part: int, whole: int) -> str:
    if not whole:
        return "–"
    value = 100 * part / whole
    return f"{value:.0f} %" if value >= 10 or value == 0 else f"{value:.1f} %"


def count_text(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def pair_text(key: str) -> str:
    """'A -> B' as it prints: with a real arrow."""
    return key.replace(ARROW, " → ")


# -- matching the result to the map ------------------------------------------------------------
def canonical_titles(m: Map) -> dict[str, str]:
    """Touchpoint id -> the title `compare` uses for it."""
    first: dict[str, str] = {}
    for tp in m.touchpoints:
        first.setdefault(normalise(tp.title), tp.title)
    return {tp.id: first[normalise(tp.title)] for tp in m.touchpoints}


def split_pair(key: str, labels: set[str]) -> tuple[str, str]:
    """'A -> B' into (A, B); a title holding ' -> ' itself is found by trying each cut."""
    cuts = [i for i in range(len(key)) if key.startswith(ARROW, i)]
    for i in cuts:
        a, b = key[:i], key[i + len(ARROW):]
        if a in labels and b in labels:
            return a, b
    i = cuts[0] if cuts else len(key)
    return key[:i], key[i + len(ARROW):]


def labels_of(m: Map, result: dict) -> set[str]:
    return set(canonical_titles(m).values()) | set(result.get("unmatched_activities") or {})


def pairs_of(result: dict, labels: set[str]) -> dict[str, tuple[str, str]]:
    return {key: split_pair(key, labels) for key in result.get("transitions") or {}}


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


def card_figures(m: Map, result: dict) -> dict[str, CardFigures]:
    """Card id -> its figures."""
    titles = canonical_titles(m)
    pairs = pairs_of(result, labels_of(m, result))
    transitions = result.get("transitions") or {}
    out_count: dict[str, int] = {}
    for key, (a, _) in pairs.items():
        out_count[a] = out_count.get(a, 0) + transitions[key]
    drop = result.get("drop_off") or {}
    goals = set(result.get("goal") or [])
    skipped = set(result.get("skipped") or [])
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
            repeats=int(transitions.get(f"{title}{ARROW}{title}", 0)),
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


def _busiest_step(result: dict, title: str, targets: list[str]) -> Timing | None:
    transitions = result.get("transitions") or {}
    median = result.get("median_days") or {}
    expected = result.get("expected_days") or {}
    best = None
    for target in targets:
        key = f"{title}{ARROW}{target}"
        count = int(transitions.get(key, 0))
        if count and median.get(key) is not None and (best is None or count > best.cases):
            best = Timing(target, float(median[key]), expected.get(key), count)
    return best


# -- connections and deviations ------------------------------------------------------------------
@dataclass
class FlowView:
    key: str  # 'A -> B'
    route: Route
    count: int
    loop: bool = False
    backward: bool = False
    kind: str = ""  # deviation kind; empty for a designed connection


def designed_flows(m: Map, layout: Layout, result: dict) -> list[FlowView]:
    """Every drawn connection with its traffic; loops and backward ones first (underneath)."""
    titles = canonical_titles(m)
    transitions = result.get("transitions") or {}
    flows = []
    for conn in m.connections:
        src, dst = layout.card_rects.get(conn.source), layout.card_rects.get(conn.target)
        if src is None or dst is None:
            continue
        route = route_between(src, dst, layout.metrics)
        key = f"{titles[conn.source]}{ARROW}{titles[conn.target]}"
        flows.append(FlowView(key, route, int(transitions.get(key, 0)), conn.loop,
                              route.backward))
    flows.sort(key=lambda flow: not (flow.loop or flow.backward))
    return flows


def deviation_flows(m: Map, layout: Layout, result: dict, limit: int = 12) -> list[FlowView]:
    """The most frequent deviations between two touchpoints on the grid (repeats and steps
    into or out of unmatched activities have no arrow), drawn a little off the designed
    connections' anchor points so they do not hide them."""
    labels = labels_of(m, result)
    cards: dict[str, object] = {}
    for tp_id, title in canonical_titles(m).items():
        if tp_id in layout.card_rects:
            cards.setdefault(title, layout.card_rects[tp_id])
    kinds = result.get("deviation_kinds") or {}
    flows = []
    for key, count in (result.get("deviations") or {}).items():
        a, b = split_pair(key, labels)
        if a == b or a not in cards or b not in cards:
            continue
        route = _offset(route_between(cards[a], cards[b], layout.metrics), cards[a])
        flows.append(FlowView(key, route, int(count), False, route.backward,
                              kinds.get(key, "")))
        if len(flows) >= limit:
            break
    return flows


def _offset(route: Route, src) -> Route:
    dx, dy = (src.w * 0.22, 0.0) if route.backward else (0.0, src.h * 0.22)

    def move(p):
        return (p[0] + dx, p[1] + dy)

    return Route(move(route.start), move(route.c1), move(route.c2), move(route.end),
                 route.backward)


def width_for(count: int, top: int) -> float:
    """Stroke width (layout units) of a connection carrying `count` of the busiest `top`."""
    if count <= 0 or top <= 0:
        return 0.9
    return 1.2 + 5.8 * math.sqrt(count / top)


# -- the side band -----------------------------------------------------------------------------
@dataclass
class SlowStep:
    key: str
    expected: float
    median: float
    p90: float | None
    cases: int


def slow_steps(result: dict) -> list[SlowStep]:
    """Designed steps whose median took longer than expected, latest (in days) first."""
    expected = result.get("expected_days") or {}
    median = result.get("median_days") or {}
    p90 = result.get("p90_days") or {}
    transitions = result.get("transitions") or {}
    rows = [SlowStep(key, float(days), float(median[key]), p90.get(key),
                     int(transitions.get(key, 0)))
            for key, days in expected.items()
            if median.get(key) is not None and median[key] > days]
    rows.sort(key=lambda row: (-(row.median - row.expected), row.key))
    return rows


@dataclass
class StageTiming:
    name: str
    expected: float | None
    median: float | None
    p90: float | None
    cases: int


def stage_timings(result: dict) -> list[StageTiming]:
    return [StageTiming(name, fig.get("expected"), fig.get("median"), fig.get("p90"),
                        int(fig.get("cases") or 0))
            for name, fig in (result.get("stage_days") or {}).items()]


def log_name(result: dict) -> str:
    source = str(result.get("log") or "")
    return PurePath(source).name or source


def period_text(result: dict) -> str:
    """The span of the events compared: the asked period when given, else first–last event."""
    period = result.get("period") or {}
    since, until = period.get("since"), period.get("until")
    first, last = period.get("first_event"), period.get("last_event")
    start, end = (since or first), (until or last)
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
    top_deviation: str


def segment_rows(result: dict, limit: int) -> list[SegmentRow]:
    """One row per segment, largest first; past `limit` the rest merged into one row."""
    segments = result.get("segments") or {}
    rows = [SegmentRow(str(name), int(fig.get("cases", 0)), int(fig.get("events", 0)),
                       int(fig.get("conforming_cases", 0)), int(fig.get("reached_goal", 0)),
                       int(fig.get("variants", 0)),
                       next(iter(fig.get("deviations") or {}), ""))
            for name, fig in segments.items()]
    if len(rows) <= limit:
        return rows
    kept, rest = rows[:limit - 1], rows[limit - 1:]
    merged = SegmentRow(f"{len(rest):,} other segments", sum(r.cases for r in rest),
                        sum(r.events for r in rest), sum(r.conforming for r in rest),
                        sum(r.reached for r in rest), None, "")
    return kept + [merged]
