"""The view-model of a journey-map PDF: plain values saying what to draw, built once from a
Map and its shared layout, so drawing never goes back to the model."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...emotion_curve import EmotionCurve, emotion_curve
from ...layout import Layout, Metrics, Rect, Route, compute_layout, route_connection
from ...model import Map, Touchpoint, goes_back

SECTION_TITLES = (
    ("background", "Background"),
    ("current_condition", "Current condition"),
    ("goal", "Goal"),
    ("analysis", "Analysis"),
    ("countermeasures", "Countermeasures"),
    ("plan", "Plan"),
    ("follow_up", "Follow-up"),
)


@dataclass
class CardView:
    id: str
    number: int  # its entry in the touchpoint index
    title: str
    channel: str
    owner: str
    experience: int | None
    raci: list[tuple[str, tuple[str, ...]]]  # (letters, role names) in R, A, C, I order
    pain_points: bool
    opportunities: bool
    moment_of_truth: bool
    votes: int
    rect: Rect


@dataclass
class StageView:
    id: str
    name: str
    goal: str
    days: float | None
    header: Rect
    column: Rect


@dataclass
class LaneView:
    id: str
    name: str
    kind: str
    colour: str
    capacity: float | None
    header: Rect
    row: Rect


@dataclass
class LinkView:
    route: Route
    loop: bool  # marked as a deliberate loop
    backward: bool  # drawn below the cards (goes back on the sheet, or further left)
    label: str
    warning: bool = False  # to an earlier stage and not marked a loop: the check's rule
    source_title: str = ""
    target_title: str = ""


@dataclass(frozen=True)
class LinkTag:
    """A link's label as printed: its (ellipsized) text on a tag at `rect`."""

    link: LinkView
    text: str
    rect: Rect


@dataclass(frozen=True)
class LinkCallout:
    """A link label with no free spot on the sheet: a numbered mark at `rect` on its link,
    the label itself listed by number beside the legend."""

    number: int
    link: LinkView
    text: str  # label, source -> target, as the legend lists it
    rect: Rect


@dataclass
class IndexEntry:
    number: int
    title: str
    stage: str
    lane: str
    channel: str
    owner: str
    experience: int | None
    evidence: str
    raci: list[tuple[str, tuple[str, ...]]]
    details: list[tuple[str, str]]  # (label, text) of the long fields that are filled
    leads_to: list[str]


@dataclass
class SheetView:
    name: str
    kind: str
    description: str
    owner: str
    date: str
    version: str
    personas: list[tuple[str, str]]  # (name, one-line description)
    persona_details: list[tuple[str, list[tuple[str, str]]]]
    sections: list[tuple[str, str]]  # filled A3 sections (heading, text)
    layout: Layout
    stages: list[StageView] = field(default_factory=list)
    lanes: list[LaneView] = field(default_factory=list)
    cards: list[CardView] = field(default_factory=list)
    links: list[LinkView] = field(default_factory=list)
    emotion: EmotionCurve = field(default_factory=EmotionCurve)  # the experience curve
    index: list[IndexEntry] = field(default_factory=list)
    # Placed by the drawing code (it measures the text) on first use; not copied by replace().
    link_tags: list[LinkTag] | None = field(default=None, init=False, repr=False,
                                            compare=False)
    link_callouts: list[LinkCallout] | None = field(default=None, init=False, repr=False,
                                                    compare=False)


def build_view(m: Map, metrics: Metrics | None = None) -> SheetView:
    layout = compute_layout(m, metrics or Metrics())
    roles = {role.id: role.name for role in m.roles}
    role_order = {role.id: i for i, role in enumerate(m.roles)}
    ordered = m.touchpoints_in_display_order()
    numbers = {tp.id: i + 1 for i, tp in enumerate(ordered)}
    view = SheetView(
        name=m.name, kind=m.kind, description=m.description, owner=m.owner, date=m.date,
        version=m.version,
        personas=[(p.name, _first_line(p.description)) for p in m.personas],
        persona_details=[(p.name, _filled([("Description", p.description), ("Goals", p.goals),
                                           ("Frustrations", p.frustrations)]))
                         for p in m.personas],
        sections=[(title, getattr(m, key)) for key, title in SECTION_TITLES
                  if getattr(m, key).strip()],
        layout=layout,
    )
    for stage in m.stages:
        view.stages.append(StageView(stage.id, stage.name, stage.goal, stage.days,
                                     layout.stage_header_rects[stage.id],
                                     layout.stage_rects[stage.id]))
    for lane in m.lanes:
        view.lanes.append(LaneView(lane.id, lane.name, lane.kind, lane.color, lane.capacity,
                                   layout.lane_header_rects[lane.id], layout.lane_rects[lane.id]))
    for tp in ordered:
        if tp.id in layout.card_rects:
            view.cards.append(_card(tp, numbers[tp.id], roles, role_order, layout))
    view.links = _links(m, layout)
    view.emotion = emotion_curve(m, layout)
    view.index = _index(m, ordered, numbers, roles, role_order)
    return view


def _index(m: Map, ordered: list[Touchpoint], numbers: dict[str, int], roles: dict[str, str],
           role_order: dict[str, int]) -> list[IndexEntry]:
    stage_names = {s.id: s.name for s in m.stages}
    lane_names = {ln.id: ln.name for ln in m.lanes}
    titles = {tp.id: tp.title for tp in m.touchpoints}
    # source -> target titles, in connection order, each with the link's label and days in
    # full (the sheet's link tags may cut a label)
    leads_to: dict[str, list[str]] = {}
    for c in m.connections:
        if c.target in titles:
            about = ", ".join(filter(None, [
                c.label.strip(), f"{_number(c.days)} d" if c.days is not None else "",
                "loop" if c.loop else ""]))
            leads_to.setdefault(c.source, []).append(
                f"{titles[c.target]} ({about})" if about else titles[c.target])
    return [_entry(tp, numbers[tp.id], stage_names, lane_names, roles, role_order,
                   leads_to.get(tp.id, []))
            for tp in ordered]


def raci_pairs(tp: Touchpoint, roles: dict[str, str],
               order: dict[str, int]) -> list[tuple[str, tuple[str, ...]]]:
    """(letters, role names) with roles holding the same letters grouped, e.g.
    [("R/A", ("Sales",)), ("C", ("Legal", "Finance"))], in R, A, C, I order."""
    groups: dict[str, list[str]] = {}
    for role_id in sorted((r for r in tp.raci if r in roles), key=order.get):
        letters = "".join(x for x in "RACI" if x in tp.raci[role_id])
        if letters:
            groups.setdefault(letters, []).append(roles[role_id])
    ranked = sorted(groups.items(), key=lambda item: ("RACI".index(item[0][0]), -len(item[0])))
    return [("/".join(letters), tuple(names)) for letters, names in ranked]


def _card(tp: Touchpoint, number: int, roles, order, layout: Layout) -> CardView:
    return CardView(
        id=tp.id, number=number, title=tp.title, channel=tp.channel, owner=tp.owner,
        experience=tp.experience, raci=raci_pairs(tp, roles, order),
        pain_points=bool(tp.pain_points.strip()), opportunities=bool(tp.opportunities.strip()),
        moment_of_truth=tp.moment_of_truth, votes=tp.vote_total, rect=layout.card_rects[tp.id],
    )


def _links(m: Map, layout: Layout) -> list[LinkView]:
    links = []
    stage_pos = m.stage_index()
    by_id = {tp.id: tp for tp in m.touchpoints}
    for conn in m.connections:
        route = route_connection(layout, conn, m)
        if route is None:
            continue
        label = conn.label.strip()
        if conn.days is not None:
            label = f"{label} · {_number(conn.days)} d" if label else f"{_number(conn.days)} d"
        source, target = by_id.get(conn.source), by_id.get(conn.target)
        warning = (not conn.loop and source is not None and target is not None
                   and goes_back(stage_pos, source.stage, target.stage))
        links.append(LinkView(route, conn.loop, route.backward, label, warning,
                              source.title if source else "", target.title if target else ""))
    # loops and backward links first: they are drawn underneath
    links.sort(key=lambda link: not (link.loop or link.backward))
    return links


def _entry(tp: Touchpoint, number: int, stages, lanes, roles, order, leads_to) -> IndexEntry:
    facts = []
    if tp.days is not None:
        facts.append(f"{_number(tp.days)} days")
    if tp.volume is not None:
        facts.append(f"{_number(tp.volume)} per week")
    if tp.cost is not None:
        facts.append(f"cost {_number(tp.cost)}")
    if tp.vote_total:
        facts.append(f"{tp.vote_total} vote{'s' if tp.vote_total != 1 else ''}")
    if tp.moment_of_truth:
        facts.append("moment of truth")
    details = _filled([
        ("Description", tp.description),
        ("Pain points", tp.pain_points),
        ("Opportunities", tp.opportunities),
        ("Resources", tp.resources),
        ("KPI", tp.kpi),
        ("Notes", tp.notes),
        ("Figures", ", ".join(facts)),
    ])
    return IndexEntry(number, tp.title, stages.get(tp.stage, ""), lanes.get(tp.lane, ""),
                      tp.channel, tp.owner, tp.experience, tp.evidence,
                      raci_pairs(tp, roles, order), details, leads_to)


def _filled(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(label, text) for label, text in pairs if text and text.strip()]


def _first_line(text: str) -> str:
    return (text or "").strip().split("\n", 1)[0]


def _number(value: float) -> str:
    return f"{value:g}"
