"""The journey model: plain dataclasses, no behaviour beyond lookups.

A map's lists are in display order. A touchpoint's place in its stage x lane cell is its place
in `Map.touchpoints` among the touchpoints of that cell; no index or coordinate is stored.
Ids are short strings that belong to the map (kept in map files), not to database rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Container
from dataclasses import dataclass, field

JOURNEY_KINDS = ("customer", "employee", "channel partner")
LANE_KINDS = ("customer", "frontstage", "backstage", "partner")
EVIDENCE_LEVELS = ("assumption", "observed", "measured")
RACI_LETTERS = "RACI"
EXPERIENCE_RANGE = (-2, 2)


def new_id(prefix: str, taken: Container[str] = ()) -> str:
    """A fresh id such as `tp-3f9a1c02d4e5b6a7`, not in `taken`.

    64 random bits: among a million items the chance that two ids ever repeat is below one
    in 30 million (8 hex characters repeated in most 100,000-row imports); callers that
    know the ids in use pass them to rule even that out. Older, 8-character ids still load.
    """
    while True:
        candidate = f"{prefix}-{uuid.uuid4().hex[:16]}"
        if candidate not in taken:
            return candidate


def goes_back(stage_pos: dict[str, int], source_stage: str, target_stage: str) -> bool:
    """A step to an earlier stage. The one rule behind the journey check's `backward-flow`
    and the "goes back, not marked as a loop" colour of the canvas and the sheet."""
    source, target = stage_pos.get(source_stage), stage_pos.get(target_stage)
    return source is not None and target is not None and target < source


def normalise_raci(letters: str) -> str:
    """Keep only R, A, C, I (any case), once each, in R-A-C-I order."""
    upper = letters.upper()
    return "".join(letter for letter in RACI_LETTERS if letter in upper)


@dataclass
class Persona:
    id: str
    name: str
    description: str = ""
    goals: str = ""
    frustrations: str = ""


@dataclass
class Stage:
    id: str
    name: str
    days: float | None = None  # expected duration of the stage
    goal: str = ""


@dataclass
class Lane:
    id: str
    name: str
    color: str = "#4e79a7"
    kind: str = "frontstage"  # one of LANE_KINDS
    capacity: float | None = None  # weekly capacity in cases; None = not planned


@dataclass
class Role:
    id: str
    name: str


@dataclass
class Touchpoint:
    id: str
    title: str
    stage: str  # Stage.id
    lane: str  # Lane.id
    channel: str = ""
    description: str = ""
    owner: str = ""
    experience: int | None = None  # -2 .. 2, None = not rated
    pain_points: str = ""
    opportunities: str = ""
    days: float | None = None  # expected days to each touchpoint this one leads to
    volume: float | None = None  # expected cases per week
    cost: float | None = None
    resources: str = ""  # resources, people and collateral it needs
    kpi: str = ""
    evidence: str = "assumption"  # one of EVIDENCE_LEVELS
    moment_of_truth: bool = False
    votes: dict[str, int] = field(default_factory=dict)  # participant -> dots
    notes: str = ""
    raci: dict[str, str] = field(default_factory=dict)  # Role.id -> letters in RACI order

    @property
    def vote_total(self) -> int:
        return sum(self.votes.values())

    def roles_with(self, letter: str) -> list[str]:
        return [role_id for role_id, letters in self.raci.items() if letter in letters]


@dataclass
class Connection:
    id: str
    source: str  # Touchpoint.id
    target: str  # Touchpoint.id
    label: str = ""
    days: float | None = None
    loop: bool = False  # a deliberate loop back (support loop, feedback loop)


@dataclass
class Comment:
    """A remark on the map, or on one touchpoint (`touchpoint` its id). A comment on a card
    that is deleted later stays, with the card's last title in `card_title`."""

    id: str
    text: str
    author: str = ""
    created: str = ""  # ISO-8601 UTC, e.g. 2026-11-23T18:44:11Z
    touchpoint: str | None = None  # Touchpoint.id; None: on the whole map
    card_title: str = ""
    resolved: bool = False


# Map-level text fields, in the order the A3 sheet prints them.
A3_FIELDS = (
    "owner",
    "background",
    "current_condition",
    "goal",
    "analysis",
    "countermeasures",
    "plan",
    "follow_up",
    "date",
    "version",
)

# Collections of a map, by the kind name used in commands and change events.
COLLECTIONS = ("personas", "stages", "lanes", "roles", "touchpoints", "connections", "comments")
KIND_OF_COLLECTION = {
    "personas": "persona",
    "stages": "stage",
    "lanes": "lane",
    "roles": "role",
    "touchpoints": "touchpoint",
    "connections": "connection",
    "comments": "comment",
}
COLLECTION_OF_KIND = {kind: coll for coll, kind in KIND_OF_COLLECTION.items()}
CLASS_OF_KIND = {
    "persona": Persona,
    "stage": Stage,
    "lane": Lane,
    "role": Role,
    "touchpoint": Touchpoint,
    "connection": Connection,
    "comment": Comment,
}


@dataclass
class Map:
    id: str
    name: str
    description: str = ""
    kind: str = "customer"  # one of JOURNEY_KINDS
    owner: str = ""
    background: str = ""
    current_condition: str = ""
    goal: str = ""
    analysis: str = ""
    countermeasures: str = ""
    plan: str = ""
    follow_up: str = ""
    date: str = ""
    version: str = ""
    # Event-log activity name -> touchpoint id, for activities whose names differ from titles.
    mapping: dict[str, str] = field(default_factory=dict)
    # Workshop participants: name -> colour of their dots, in the order they joined.
    participants: dict[str, str] = field(default_factory=dict)
    dot_budget: int | None = None  # dots each participant may give; None = no limit
    personas: list[Persona] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    lanes: list[Lane] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    touchpoints: list[Touchpoint] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    # -- lookups (linear; maps are thousands of items at most) --------------------------
    def collection(self, kind: str) -> list:
        return getattr(self, COLLECTION_OF_KIND[kind])

    def find(self, kind: str, item_id: str):
        for item in self.collection(kind):
            if item.id == item_id:
                return item
        return None

    def index_of(self, kind: str, item_id: str) -> int:
        for index, item in enumerate(self.collection(kind)):
            if item.id == item_id:
                return index
        return -1

    def stage(self, stage_id: str) -> Stage | None:
        return self.find("stage", stage_id)

    def lane(self, lane_id: str) -> Lane | None:
        return self.find("lane", lane_id)

    def touchpoint(self, tp_id: str) -> Touchpoint | None:
        return self.find("touchpoint", tp_id)

    def role(self, role_id: str) -> Role | None:
        return self.find("role", role_id)

    def cell(self, stage_id: str, lane_id: str) -> list[Touchpoint]:
        """Touchpoints of one stage x lane cell, in their order."""
        return [t for t in self.touchpoints if t.stage == stage_id and t.lane == lane_id]

    def outgoing(self, tp_id: str) -> list[Connection]:
        return [c for c in self.connections if c.source == tp_id]

    def incoming(self, tp_id: str) -> list[Connection]:
        return [c for c in self.connections if c.target == tp_id]

    def stage_index(self) -> dict[str, int]:
        return {stage.id: index for index, stage in enumerate(self.stages)}

    def touchpoints_in_display_order(self) -> list[Touchpoint]:
        """Stage by stage, lane by lane, cell order: the order of the sheet and the reports."""
        stage_pos = self.stage_index()
        lane_pos = {lane.id: index for index, lane in enumerate(self.lanes)}
        order = {tp.id: index for index, tp in enumerate(self.touchpoints)}
        return sorted(
            self.touchpoints,
            key=lambda t: (stage_pos.get(t.stage, 0), lane_pos.get(t.lane, 0), order[t.id]),
        )
