"""The shipped templates: complete, realistic maps a facilitator can start a workshop from."""

import re
from collections import deque

import pytest

from journeymap.errors import NotFoundError, ValidationError
from journeymap.model import EVIDENCE_LEVELS, Map
from journeymap.templates import build_template, list_templates

KEYS = [
    "acquisition",
    "customer-onboarding",
    "upsell",
    "renewal",
    "service-recovery",
    "partner-onboarding",
    "employee-onboarding",
]
CHANNELS = {
    "web", "email", "phone", "social", "event", "in person", "chat", "app", "mail",
    "community", "document",
}
A3 = ("owner", "background", "current_condition", "goal", "analysis", "countermeasures",
      "plan", "follow_up")


@pytest.fixture(scope="module", params=KEYS)
def built(request) -> Map:
    return build_template(request.param)


# -- helpers: the journey rules checked directly on the Map ---------------------------------
def _stage_pos(m: Map) -> dict[str, int]:
    return m.stage_index()


def _non_empty_stages(m: Map) -> list[str]:
    used = {t.stage for t in m.touchpoints}
    return [s.id for s in m.stages if s.id in used]


def _reachable(m: Map, start: set[str], forward_only: bool = False) -> set[str]:
    edges: dict[str, list[str]] = {}
    for c in m.connections:
        if not (forward_only and c.loop):
            edges.setdefault(c.source, []).append(c.target)
    seen, queue = set(start), deque(start)
    while queue:
        for target in edges.get(queue.popleft(), []):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _entries(m: Map) -> set[str]:
    first = _non_empty_stages(m)[0]
    return {t.id for t in m.touchpoints if t.stage == first}


# -- the catalogue --------------------------------------------------------------------------
def test_list_templates_gives_the_seven_keys_with_one_line_descriptions():
    listed = list_templates()
    assert [key for key, _ in listed] == KEYS
    for _, description in listed:
        assert description and "\n" not in description and "\t" not in description


def test_unknown_key_raises_not_found_naming_every_valid_key():
    with pytest.raises(NotFoundError) as caught:
        build_template("onboardin")
    message = str(caught.value)
    assert "'onboardin'" in message
    for key in KEYS:
        assert key in message


def test_name_overrides_the_template_name_and_empty_name_is_refused():
    assert build_template("renewal", name="Acme renewals").name == "Acme renewals"
    assert build_template("renewal").name == "Subscription renewal"
    with pytest.raises(ValidationError):
        build_template("renewal", name="  ")


@pytest.mark.parametrize("key", KEYS)
def test_two_builds_share_no_ids_and_no_objects(key):
    first, second = build_template(key), build_template(key)
    assert not _all_ids(first) & _all_ids(second)
    first.touchpoints[0].raci.clear()
    first.touchpoints[0].title = "changed"
    assert second.touchpoints[0].raci and second.touchpoints[0].title != "changed"


def _all_ids(m: Map) -> set[str]:
    items = [m, *m.personas, *m.stages, *m.lanes, *m.roles, *m.touchpoints, *m.connections]
    return {item.id for item in items}


def test_ids_are_unique_within_a_map(built):
    items = [built, *built.personas, *built.stages, *built.lanes, *built.roles,
             *built.touchpoints, *built.connections]
    assert len({item.id for item in items}) == len(items)


# -- completeness -----------------------------------------------------------------------------
def test_map_fields_persona_and_a3_header_are_filled(built):
    assert built.name and built.description and built.kind
    for name in A3:
        assert getattr(built, name).strip(), name
    assert (built.date, built.version) == ("2026-11", "1.0")
    assert built.personas
    for persona in built.personas:
        assert persona.name and persona.description and persona.goals and persona.frustrations


def test_stages_have_days_and_a_goal_sentence(built):
    assert 4 <= len(built.stages) <= 6
    for stage in built.stages:
        assert stage.days and stage.days > 0
        assert stage.goal.endswith(".")


def test_lanes_have_distinct_colourblind_safe_colours_and_planned_capacity(built):
    assert 4 <= len(built.lanes) <= 6
    colours = [lane.color for lane in built.lanes]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    assert len(set(colours)) == len(colours)
    staff = [lane for lane in built.lanes if lane.kind in ("frontstage", "backstage")]
    assert staff and all(lane.capacity for lane in staff)


def test_touchpoints_are_complete_workshop_cards(built):
    tps = built.touchpoints
    assert 10 <= len(tps) <= 20
    assert len({t.title for t in tps}) == len(tps)
    for tp in tps:
        assert tp.channel in CHANNELS, tp.title
        assert tp.description and tp.owner and tp.kpi and tp.resources, tp.title
        assert tp.volume is not None and tp.volume > 0, tp.title
        assert tp.experience is not None and -2 <= tp.experience <= 2, tp.title
        assert tp.votes == {}
    assert sum(bool(t.pain_points) for t in tps) >= 3
    assert sum(bool(t.opportunities) for t in tps) >= 3
    assert any(t.cost for t in tps)
    assert sum(t.days is not None for t in tps) >= len(tps) // 2
    assert 1 <= sum(t.moment_of_truth for t in tps) <= 3


def test_experience_curve_has_highs_and_dips_and_evidence_is_mixed(built):
    ratings = [t.experience for t in built.touchpoints]
    assert min(ratings) < 0 < max(ratings)
    assert {t.evidence for t in built.touchpoints} == set(EVIDENCE_LEVELS)


def test_touchpoints_are_kept_in_display_order(built):
    assert built.touchpoints == built.touchpoints_in_display_order()


# -- the flow ---------------------------------------------------------------------------------
def test_every_touchpoint_is_reachable_from_the_entries_without_loops(built):
    reached = _reachable(built, _entries(built), forward_only=True)
    assert {t.id for t in built.touchpoints} <= reached


def test_every_touchpoint_before_the_last_stage_leads_forward_to_it(built):
    last = _non_empty_stages(built)[-1]
    goals = {t.id for t in built.touchpoints if t.stage == last}
    for tp in built.touchpoints:
        if tp.stage != last:
            assert any(not c.loop for c in built.outgoing(tp.id)), f"dead end: {tp.title}"
            assert _reachable(built, {tp.id}, forward_only=True) & goals, tp.title


def test_backward_connections_are_marked_as_loops_and_each_map_has_a_loop(built):
    pos = _stage_pos(built)
    stage_of = {t.id: t.stage for t in built.touchpoints}
    for c in built.connections:
        assert c.source != c.target
        if pos[stage_of[c.target]] < pos[stage_of[c.source]]:
            assert c.loop, built.touchpoint(c.source).title
    loops = [c for c in built.connections if c.loop]
    assert loops and all(c.label for c in loops)
    assert any(c.days for c in built.connections if not c.loop)


# -- responsibility and capacity ------------------------------------------------------------
def test_raci_is_complete_and_owner_is_the_accountable_role(built):
    assert 4 <= len(built.roles) <= 7
    names = {r.id: r.name for r in built.roles}
    for tp in built.touchpoints:
        accountable = tp.roles_with("A")
        assert len(accountable) == 1, tp.title
        assert tp.roles_with("R"), tp.title
        assert set(tp.raci) <= set(names)
        assert tp.owner == names[accountable[0]]
    assert any(tp.roles_with("C") or tp.roles_with("I") for tp in built.touchpoints)
    used = {role for tp in built.touchpoints for role in tp.raci}
    assert used == set(names), "every role has a part"


def test_weekly_volumes_stay_within_lane_capacity(built):
    for lane in built.lanes:
        load = sum(t.volume or 0 for t in built.touchpoints if t.lane == lane.id)
        if lane.capacity is not None:
            assert load <= lane.capacity, lane.name


def test_journey_analysis_reports_no_errors(built):
    analysis = pytest.importorskip("journeymap.analysis")
    report = analysis.analyse(built)
    assert not report.has_errors, [p for p in report.problems]


# -- what each template is for ----------------------------------------------------------------
def test_acquisition_runs_reach_to_develop_with_a_feedback_loop_from_develop():
    m = build_template("acquisition")
    assert [s.name for s in m.stages] == ["Reach", "Engage", "Enroll", "Retain", "Develop"]
    develop, reach = m.stages[-1].id, m.stages[0].id
    assert any(
        c.loop and m.touchpoint(c.source).stage == develop
        and m.touchpoint(c.target).stage == reach
        for c in m.connections
    )


def test_renewal_has_a_reachable_path_for_the_customer_to_renew():
    m = build_template("renewal")
    customer = next(lane.id for lane in m.lanes if lane.kind == "customer")
    renew = [t for t in m.touchpoints if t.lane == customer and t.title.startswith("Renew")]
    assert renew
    for entry in _entries(m):
        assert _reachable(m, {entry}, forward_only=True) & {t.id for t in renew}


def test_partner_and_employee_templates_are_their_own_journey_kinds():
    partner = build_template("partner-onboarding")
    assert partner.kind == "channel partner"
    assert any(lane.kind == "partner" for lane in partner.lanes)
    assert build_template("employee-onboarding").kind == "employee"


def test_service_recovery_has_a_support_loop_back_from_a_reopened_case():
    m = build_template("service-recovery")
    support = next(lane.id for lane in m.lanes if lane.name == "Customer Service")
    assert any(c.loop and m.touchpoint(c.source).lane == support for c in m.connections)


def test_template_survives_a_map_file_round_trip(built):
    mapfile = pytest.importorskip("journeymap.io.mapfile")
    back = mapfile.map_from_dict(mapfile.map_to_dict(built))
    back.id = built.id  # an imported map gets a fresh workspace id
    assert back == built


def test_template_survives_a_workshop_sheet_round_trip(built, tmp_path):
    sheet = pytest.importorskip("journeymap.io.sheet")
    path = tmp_path / "workshop.csv"
    sheet.write_sheet_csv(built, path)
    back, warnings = sheet.read_sheet(path)
    assert warnings == []
    assert _sheet_view(back) == _sheet_view(built)


def _sheet_view(m: Map):
    """What the sheet's columns carry, by names and titles instead of ids."""
    stage = {s.id: s.name for s in m.stages}
    lane = {ln.id: ln.name for ln in m.lanes}
    role = {r.id: r.name for r in m.roles}
    title = {t.id: t.title for t in m.touchpoints}
    cards = [
        (stage[t.stage], lane[t.lane], t.title, t.channel, t.description, t.experience,
         t.owner, t.days, t.volume, t.cost, t.kpi,
         sorted((role[r], letters) for r, letters in t.raci.items()))
        for t in m.touchpoints
    ]
    links = sorted((title[c.source], title[c.target], c.loop, c.days) for c in m.connections)
    return list(stage.values()), list(lane.values()), cards, links
