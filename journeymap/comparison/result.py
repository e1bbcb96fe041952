"""The typed result of a comparison: what `compare(m, log)` returns.

Every figure is here once; the `compare --json` object of the product contract is one
serialisation of it (`json_form.to_json_dict`), and the text summary, the Compare panel, the
canvas overlay and the planned-vs-actual PDF read these types instead of re-parsing that
object's `"A -> B"` keys.

A *label* is what an activity stands for: the title of its touchpoint (titles equal but for
case or spacing are one title, the first in map order) or, for an activity matching no
touchpoint, its own trimmed name. Steps name their two labels and, for labels that are
touchpoints, the id of that title's first touchpoint (`source_id`, `target_id`; None for an
unmatched activity, or for a stored comparison read without its map).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

ARROW = " -> "  # between the two labels of a step's key in the JSON form

# Deviation kinds, in the order `metrics.deviation_kind` tries them.
DEVIATION_KINDS = ("unmatched", "repeat", "backward", "skip", "unplanned")


def step_key(source: str, target: str) -> str:
    """The contract's key of a step: 'A -> B'."""
    return f"{source}{ARROW}{target}"


@dataclass(frozen=True)
class Step:
    """A directly-follows pair of labels in the log, with how often and how long it took."""

    source: str
    target: str
    count: int
    median_days: float
    p90_days: float
    designed: bool = True  # follows a designed connection (Next or Loops)
    kind: str | None = None  # for a deviation: one of DEVIATION_KINDS
    source_id: str | None = None
    target_id: str | None = None

    @property
    def key(self) -> str:
        return step_key(self.source, self.target)

    @property
    def on_map(self) -> bool:
        """Both ends are touchpoints of the map (so the step can be drawn on it)."""
        return self.source_id is not None and self.target_id is not None


@dataclass(frozen=True)
class PlannedStep:
    """A designed connection with expected days (the connection's own, else its source's)."""

    source: str
    target: str
    days: float
    source_id: str | None = None
    target_id: str | None = None

    @property
    def key(self) -> str:
        return step_key(self.source, self.target)


@dataclass(frozen=True)
class Variant:
    activities: tuple[str, ...]  # labels in case order
    cases: int
    share: float  # cases / all cases


@dataclass(frozen=True)
class OtherVariants:
    """The variants past the listed ones: how many, and how many cases they hold."""

    variants: int
    cases: int


@dataclass(frozen=True)
class StageTime:
    """A case's time through a stage: from its first event there to its first event in the
    next stage it visits (when that came later)."""

    name: str
    expected: float | None
    cases: int
    median: float | None
    p90: float | None

    @property
    def late(self) -> bool:
        return self.expected is not None and self.median is not None and self.median > self.expected


@dataclass(frozen=True)
class Figures:
    """Every figure of one set of cases: the whole log, or one segment."""

    cases: int
    events: int
    duplicate_events: int | None  # None: stored before duplicates were counted
    variants: int
    variant_list: tuple[Variant, ...]
    other_variants: OtherVariants | None
    steps: tuple[Step, ...]  # every transition, most frequent first, then by key
    conforming_cases: int
    reached_goal: int
    drop_off: Mapping[str, int]  # label -> cases whose last event it is, most first
    skipped: tuple[str, ...]  # titles no event stands for, in display order
    unmatched_activities: Mapping[str, int]  # activity -> events, most first
    stage_days: tuple[StageTime, ...]
    _by_labels: dict = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_labels", {(s.source, s.target): s for s in self.steps})

    @property
    def deviations(self) -> tuple[Step, ...]:
        """The steps that follow no designed connection, most frequent first."""
        return tuple(s for s in self.steps if not s.designed)

    def step(self, source: str, target: str) -> Step | None:
        """The step from label `source` to label `target`, if any case took it."""
        return self._by_labels.get((source, target))

    def count(self, source: str, target: str) -> int:
        found = self.step(source, target)
        return found.count if found is not None else 0


@dataclass(frozen=True)
class Period:
    since: str | None  # the asked period (ISO 8601), None when not asked
    until: str | None
    first_event: str | None  # the events compared
    last_event: str | None
    outside_period: int  # events left out by the period


@dataclass(frozen=True)
class Comparison:
    """A map against an event log: the figures of all cases, and of each segment."""

    map_name: str
    map_id: str
    log: str
    skipped_rows: int
    first_skipped_row: int | None
    figures: Figures
    goal: tuple[str, ...]  # goal titles
    planned: tuple[PlannedStep, ...]  # designed connections with expected days, map order
    period: Period | None
    segment: str | None = None  # the column segmented by
    segments: Mapping[str, Figures] = field(default_factory=dict)  # largest first

    def planned_days(self, source: str, target: str) -> float | None:
        for step in self.planned:
            if step.source == source and step.target == target:
                return step.days
        return None

    def of_segment(self, value: str | None) -> Comparison:
        """The comparison as one segment shows it: that segment's figures with the map-wide
        ones (goal, planned days); the whole comparison for None or an unknown value."""
        if value is None or value not in self.segments:
            return self
        return replace(self, figures=self.segments[value], segment=None, segments={})
