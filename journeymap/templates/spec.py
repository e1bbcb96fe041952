"""A compact, declarative template spec and the one builder that turns it into a Map.

A template is data: stages, lanes, roles and a table of `TP` rows, each naming its stage and
lane by name, its RACI as `"abbr:letters"` pairs, and where it leads (`next`) or deliberately
loops back to (`loops`) by touchpoint title, the way the workshop sheet's Next and Loops
columns do. The builder runs everything through `Document`, so the model's validation
applies, and every call creates fresh ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from ..errors import ValidationError
from ..model import Map, new_id

# The A3 header's date and version for every shipped template.
DATE = "2026-11"
VERSION = "1.0"

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
COLOURS = {
    "blue": "#0072b2",
    "sky": "#56b4e9",
    "green": "#009e73",
    "orange": "#e69f00",
    "vermillion": "#d55e00",
    "purple": "#cc79a7",
    "yellow": "#f0e442",
    "grey": "#999999",
}

# The channel vocabulary the templates keep to, so reports can group by channel.
CHANNELS = (
    "web",
    "email",
    "phone",
    "social",
    "event",
    "in person",
    "chat",
    "app",
    "mail",
    "community",
    "document",
)


@dataclass(frozen=True)
class TP:
    """One touchpoint row. `next`/`loops`: touchpoint titles separated by `;`."""

    stage: str
    lane: str
    title: str
    channel: str
    experience: int
    evidence: str
    raci: str  # e.g. "MM:A CM:R SR:C" with the template's role abbreviations
    description: str
    kpi: str
    resources: str
    volume: float
    days: float | None = None  # expected days to each touchpoint it leads to
    cost: float | None = None
    pain: str = ""
    opportunity: str = ""
    moment: bool = False
    next: str = ""
    loops: str = ""
    loop_label: str = "loop"


@dataclass(frozen=True)
class Template:
    key: str
    summary: str  # one line, for `journeymap templates`
    name: str
    kind: str
    description: str
    a3: dict[str, str]  # owner, background, current_condition, goal, analysis, ...
    personas: tuple[tuple[str, str, str, str], ...]  # name, description, goals, frustrations
    stages: tuple[tuple[str, float, str], ...]  # name, expected days, goal
    lanes: tuple[tuple[str, str, str, float | None], ...]  # name, kind, colour, capacity
    roles: dict[str, str]  # abbreviation -> role name, in display order
    touchpoints: tuple[TP, ...] = field(default=())


def build(spec: Template, name: str | None = None) -> Map:
    """A fresh Map from `spec`, built through a Document so every value is validated."""
    doc = Document(Map(id=new_id("map"), name=spec.name))
    doc.set_map_fields(
        name=spec.name if name is None else name,
        description=spec.description,
        kind=spec.kind,
        **{"date": DATE, "version": VERSION, **spec.a3},
    )
    for persona_name, description, goals, frustrations in spec.personas:
        doc.add_persona(
            persona_name, description=description, goals=goals, frustrations=frustrations
        )
    stages = {n: doc.add_stage(n, days=d, goal=g).id for n, d, g in spec.stages}
    lanes = {
        n: doc.add_lane(n, kind=kind, color=COLOURS[colour], capacity=capacity).id
        for n, kind, colour, capacity in spec.lanes
    }
    roles = {abbr: doc.add_role(role_name).id for abbr, role_name in spec.roles.items()}
    ids = {tp.title: _add_touchpoint(doc, spec, tp, stages, lanes, roles) for tp in spec.touchpoints}
    for tp in spec.touchpoints:
        _connect(doc, spec, tp, ids)
    return doc.map


def _add_touchpoint(doc: Document, spec: Template, tp: TP, stages, lanes, roles) -> str:
    raci = _parse_raci(spec, tp, roles)
    accountable = [abbr for abbr, letters in _raci_pairs(tp.raci) if "A" in letters]
    owner = spec.roles[accountable[0]] if accountable else ""
    added = doc.add_touchpoint(
        _lookup(stages, tp.stage, "stage", spec, tp),
        _lookup(lanes, tp.lane, "lane", spec, tp),
        tp.title,
        channel=tp.channel,
        description=tp.description,
        owner=owner,
        experience=tp.experience,
        pain_points=tp.pain,
        opportunities=tp.opportunity,
        days=tp.days,
        volume=tp.volume,
        cost=tp.cost,
        resources=tp.resources,
        kpi=tp.kpi,
        evidence=tp.evidence,
        moment_of_truth=tp.moment,
        raci=raci,
    )
    return added.id


def _connect(doc: Document, spec: Template, tp: TP, ids: dict[str, str]) -> None:
    # Every outgoing connection carries the touchpoint's expected days, as the sheet's Days
    # column does, so a template survives a workshop-sheet round trip unchanged.
    for title in _titles(tp.next):
        target = _lookup(ids, title, "touchpoint", spec, tp)
        doc.add_connection(ids[tp.title], target, days=tp.days)
    for title in _titles(tp.loops):
        target = _lookup(ids, title, "touchpoint", spec, tp)
        doc.add_connection(
            ids[tp.title], target, days=tp.days, loop=True, label=tp.loop_label
        )


def _raci_pairs(text: str) -> list[tuple[str, str]]:
    return [tuple(item.split(":", 1)) for item in text.split()]


def _parse_raci(spec: Template, tp: TP, roles: dict[str, str]) -> dict[str, str]:
    return {
        _lookup(roles, abbr, "role", spec, tp): letters for abbr, letters in _raci_pairs(tp.raci)
    }


def _titles(text: str) -> list[str]:
    return [title.strip() for title in text.split(";") if title.strip()]


def _lookup(table: dict[str, str], key: str, what: str, spec: Template, tp: TP) -> str:
    if key not in table:
        raise ValidationError(
            f"Template '{spec.key}', touchpoint '{tp.title}' names an unknown {what} '{key}'."
        )
    return table[key]
