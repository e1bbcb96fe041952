"""Journey analysis: each check pinned as the exact list of (code, touchpoint titles)."""

from __future__ import annotations

import copy
import json

import pytest

from journeymap.analysis import (
    CODES,
    SEVERITY,
    analyse,
    entry_touchpoints,
    format_report,
    goal_touchpoints,
)
from journeymap.document import Document
from journeymap.model import Map


class Journey:
    """Cards and links by title; every card gets Owner = A and Doer = R unless told otherwise."""

    def __init__(
        self,
        stages=("Reach", "Engage", "Retain"),
        lanes=("Marketing", "Sales"),
        roles=("Owner", "Doer"),
        capacity=None,
    ) -> None:
        self.doc = Document(Map(id="map-test", name="Test journey"))
        capacity = capacity or {}
        self.stages = {name: self.doc.add_stage(name).id for name in stages}
        self.lanes = {
            name: self.doc.add_lane(name, capacity=capacity.get(name)).id for name in lanes
        }
        self.roles = {name: self.doc.add_role(name).id for name in roles}
        self.ids: dict[str, str] = {}

    @property
    def map(self) -> Map:
        return self.doc.map

    def card(self, stage: str, lane: str, title: str, **values) -> str:
        if "raci" not in values and {"Owner", "Doer"} <= set(self.roles):
            values["raci"] = {"Owner": "A", "Doer": "R"}
        values["raci"] = {self.roles[name]: v for name, v in values.get("raci", {}).items()}
        tp = self.doc.add_touchpoint(self.stages[stage], self.lanes[lane], title, **values)
        self.ids.setdefault(title, tp.id)
        return tp.id

    def link(self, source: str, target: str, **values) -> None:
        self.doc.add_connection(
            self.ids.get(source, source), self.ids.get(target, target), **values
        )

    def chain(self, *titles: str) -> None:
        for source, target in zip(titles, titles[1:], strict=False):
            self.link(source, target)


def found(report) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.code, tuple(p.touchpoints)) for p in report.problems]


def linear() -> Journey:
    j = Journey()
    j.card("Reach", "Marketing", "Ad")
    j.card("Engage", "Sales", "Call")
    j.card("Retain", "Sales", "Renew")
    j.chain("Ad", "Call", "Renew")
    return j


# -- flow -------------------------------------------------------------------------------------
def test_connected_linear_journey_has_no_problems():
    report = analyse(linear().map)
    assert found(report) == []
    assert not report.has_errors


def test_card_outside_last_stage_without_outgoing_connection_is_a_dead_end():
    j = linear()
    j.card("Engage", "Marketing", "Newsletter")
    j.link("Ad", "Newsletter")
    report = analyse(j.map)
    assert found(report) == [("dead-end", ("Newsletter",))]
    assert report.problems[0].message == (
        '"Newsletter" leads nowhere: it is in stage Engage, not the last stage, '
        "and has no outgoing connection."
    )


def test_cards_no_path_from_an_entry_reaches_are_unreachable():
    j = linear()
    j.card("Engage", "Marketing", "Webinar")
    j.card("Retain", "Marketing", "Survey")
    j.chain("Webinar", "Survey")
    report = analyse(j.map)
    assert found(report) == [("unreachable", ("Webinar",)), ("unreachable", ("Survey",))]
    assert report.has_errors


def test_card_with_no_connection_is_only_an_orphan_wherever_it_is():
    j = linear()
    j.card("Reach", "Sales", "Flyer")  # an entry
    j.card("Engage", "Marketing", "Event")  # the middle
    j.card("Retain", "Marketing", "Gift")  # the goal stage
    assert found(analyse(j.map)) == [
        ("orphan", ("Flyer",)),
        ("orphan", ("Event",)),
        ("orphan", ("Gift",)),
    ]


def test_map_without_connections_reports_every_card_as_orphan_and_nothing_else():
    j = Journey()
    j.card("Reach", "Marketing", "Ad")
    j.card("Engage", "Sales", "Call")
    j.card("Retain", "Sales", "Renew")
    report = analyse(j.map)
    assert found(report) == [("orphan", ("Ad",)), ("orphan", ("Call",)), ("orphan", ("Renew",))]
    assert report.figures["critical_path"] == {
        "titles": [],
        "days": None,
        "planned_stage_days": None,
    }


def test_loops_count_as_paths_and_are_not_backward_flow():
    j = linear()
    j.card("Engage", "Marketing", "Support")
    j.link("Renew", "Call", loop=True)
    j.link("Renew", "Support", loop=True)  # reached only through a loop
    j.link("Support", "Call")
    assert found(analyse(j.map)) == []


def test_several_entries_are_all_starting_points():
    j = linear()
    j.card("Reach", "Sales", "Referral")
    j.card("Reach", "Marketing", "Search")  # an entry with only an incoming link
    j.chain("Referral", "Call")
    j.link("Ad", "Search")
    j.link("Search", "Call")
    report = analyse(j.map)
    assert found(report) == []
    assert report.figures["entries"] == ["Ad", "Search", "Referral"]


def test_backward_connection_not_marked_as_loop_is_a_warning_from_to():
    j = linear()
    j.link("Renew", "Ad")
    report = analyse(j.map)
    assert found(report) == [("backward-flow", ("Renew", "Ad"))]
    assert not report.has_errors
    assert report.to_dict()["problems"][0] == {
        "code": "backward-flow",
        "severity": "warning",
        "message": 'The connection from "Renew" (stage Retain) back to "Ad" (stage Reach) goes '
        "to an earlier stage but is not marked as a loop.",
        "touchpoints": ["Renew", "Ad"],
        "from": "Renew",
        "to": "Ad",
    }


def test_backward_connection_marked_as_loop_is_fine():
    j = linear()
    j.link("Renew", "Ad", loop=True)
    assert found(analyse(j.map)) == []


def test_a_link_within_one_stage_is_not_backward():
    j = linear()
    j.card("Engage", "Marketing", "Brochure")
    j.link("Call", "Brochure")
    j.link("Brochure", "Call")
    assert found(analyse(j.map)) == []


# -- entries and goals ------------------------------------------------------------------------
def test_entries_are_the_first_non_empty_stage_and_goals_the_last():
    j = Journey(stages=("Before", "Reach", "Engage", "Retain", "After"))
    j.card("Reach", "Marketing", "Ad")
    j.card("Retain", "Sales", "Renew")
    j.card("Retain", "Sales", "Upsell")
    j.chain("Ad", "Renew", "Upsell")
    assert [tp.title for tp in entry_touchpoints(j.map)] == ["Ad"]
    assert [tp.title for tp in goal_touchpoints(j.map)] == ["Upsell"]
    assert found(analyse(j.map)) == [
        ("empty-stage", ()),
        ("empty-stage", ()),
        ("empty-stage", ()),
    ]


def test_goals_fall_back_to_the_whole_last_stage_when_loops_leave_every_card():
    j = linear()
    j.card("Retain", "Marketing", "Survey")
    j.link("Call", "Survey")
    j.link("Renew", "Call", loop=True)
    j.link("Survey", "Ad", loop=True)
    assert [tp.title for tp in goal_touchpoints(j.map)] == ["Survey", "Renew"]
    assert found(analyse(j.map)) == []


def test_empty_map_has_no_problems_and_zero_figures():
    j = Journey(stages=(), lanes=(), roles=())
    report = analyse(j.map)
    assert report.problems == []
    f = report.figures
    assert (f["touchpoints"], f["connections"], f["stages"], f["lanes"], f["roles"]) == (
        0,
        0,
        0,
        0,
        0,
    )
    assert f["entries"] == f["goals"] == []
    assert f["depth"] == 0
    assert f["evidence"] == {"assumption": 0.0, "observed": 0.0, "measured": 0.0}
    assert entry_touchpoints(j.map) == goal_touchpoints(j.map) == []


def test_stages_and_lanes_without_cards_are_warnings_naming_them():
    j = Journey(stages=("Reach", "Engage"), lanes=("Marketing", "Finance"))
    report = analyse(j.map)
    assert [p.to_dict() for p in report.problems] == [
        {
            "code": "empty-stage",
            "severity": "warning",
            "message": "Stage Reach has no touchpoints.",
            "touchpoints": [],
            "stage": "Reach",
        },
        {
            "code": "empty-stage",
            "severity": "warning",
            "message": "Stage Engage has no touchpoints.",
            "touchpoints": [],
            "stage": "Engage",
        },
        {
            "code": "empty-lane",
            "severity": "warning",
            "message": "Lane Marketing has no touchpoints.",
            "touchpoints": [],
            "lane": "Marketing",
        },
        {
            "code": "empty-lane",
            "severity": "warning",
            "message": "Lane Finance has no touchpoints.",
            "touchpoints": [],
            "lane": "Finance",
        },
    ]


# -- RACI -------------------------------------------------------------------------------------
def test_raci_rules_are_checked_per_touchpoint():
    j = Journey(roles=("Owner", "Doer", "Boss"))
    j.card("Reach", "Marketing", "Ad", raci={"Doer": "R"})
    j.card("Engage", "Sales", "Call", raci={"Owner": "A", "Boss": "AC", "Doer": "R"})
    j.card("Retain", "Sales", "Renew", raci={"Owner": "A", "Doer": "CI"})
    j.chain("Ad", "Call", "Renew")
    report = analyse(j.map)
    assert found(report) == [
        ("raci-no-accountable", ("Ad",)),
        ("raci-multiple-accountable", ("Call",)),
        ("raci-no-responsible", ("Renew",)),
    ]
    assert report.problems[1].extra == {"roles": ["Owner", "Boss"]}


def test_a_role_may_be_both_responsible_and_accountable():
    j = Journey(roles=("Owner",))
    j.card("Reach", "Marketing", "Ad", raci={"Owner": "RA"})
    j.card("Engage", "Sales", "Call", raci={"Owner": "RA"})
    j.chain("Ad", "Call")
    assert found(analyse(j.map)) == [("empty-stage", ())]


def test_map_without_roles_reports_raci_with_a_hint_to_add_roles():
    j = Journey(roles=())
    j.card("Reach", "Marketing", "Ad")
    j.card("Engage", "Sales", "Call")
    j.card("Retain", "Sales", "Renew")
    j.chain("Ad", "Call", "Renew")
    report = analyse(j.map)
    assert found(report) == [
        ("raci-no-accountable", ("Ad",)),
        ("raci-no-accountable", ("Call",)),
        ("raci-no-accountable", ("Renew",)),
        ("raci-no-responsible", ("Ad",)),
        ("raci-no-responsible", ("Call",)),
        ("raci-no-responsible", ("Renew",)),
    ]
    assert all("no roles yet" in p.message for p in report.problems)


def _overload_map(raci_per_card: list[dict]) -> Journey:
    j = Journey(roles=("Owner", "Doer", "Boss"))
    titles = []
    for index, raci in enumerate(raci_per_card):
        stage = ("Reach", "Engage", "Retain")[min(index, 2)]
        titles.append(f"Step {index}")
        j.card(stage, "Marketing", titles[-1], raci=raci)
    j.card("Reach", "Sales", "Visit", raci={"Owner": "A", "Doer": "R"})
    j.chain("Visit", *titles)
    return j


def test_role_holding_most_r_and_a_assignments_is_overloaded():
    j = _overload_map([{"Boss": "RA"}] * 5)
    report = analyse(j.map)
    assert found(report) == [
        ("raci-overload", ("Step 0", "Step 1", "Step 2", "Step 3", "Step 4")),
    ]
    assert report.to_dict()["problems"][0]["role"] == "Boss"
    assert report.problems[0].extra["share"] == round(10 / 12, 3)


def test_a_journey_owner_accountable_everywhere_is_not_overloaded():
    # Owner holds 6 of 12 R+A letters (50 %): under the 2 / 3 roles limit.
    j = _overload_map(
        [{"Owner": "A", "Doer": "R"}, {"Owner": "A", "Boss": "R"}] * 2
        + [{"Owner": "A", "Doer": "R"}]
    )
    assert found(analyse(j.map)) == []


# -- capacity and titles ----------------------------------------------------------------------
def test_lane_volume_above_its_capacity_is_an_error_listing_cards_with_volume():
    j = Journey(capacity={"Sales": 100})
    j.card("Reach", "Marketing", "Ad", volume=500)
    j.card("Engage", "Sales", "Call", volume=60)
    j.card("Engage", "Sales", "Demo")
    j.card("Retain", "Sales", "Renew", volume=50)
    j.chain("Ad", "Call", "Demo", "Renew")
    report = analyse(j.map)
    assert found(report) == [("capacity-exceeded", ("Call", "Renew"))]
    assert report.to_dict()["problems"][0] == {
        "code": "capacity-exceeded",
        "severity": "error",
        "message": "Lane Sales is planned to handle 110 cases a week but its capacity is 100.",
        "touchpoints": ["Call", "Renew"],
        "lane": "Sales",
        "volume": 110.0,
        "capacity": 100.0,
    }


def test_lane_volume_equal_to_capacity_is_fine():
    j = Journey(capacity={"Sales": 110})
    j.card("Reach", "Marketing", "Ad")
    j.card("Engage", "Sales", "Call", volume=60)
    j.card("Retain", "Sales", "Renew", volume=50)
    j.chain("Ad", "Call", "Renew")
    assert found(analyse(j.map)) == []


def test_touchpoints_sharing_a_title_are_one_warning_listing_all_of_them():
    j = linear()
    second = j.card("Engage", "Marketing", "Call")
    third = j.card("Retain", "Marketing", "Call")
    j.link("Ad", second)
    j.link(second, third)
    report = analyse(j.map)
    assert found(report) == [("duplicate-title", ("Call", "Call", "Call"))]
    assert report.problems[0].ids == [tp.id for tp in j.map.touchpoints if tp.title == "Call"]


# -- figures ----------------------------------------------------------------------------------
def _rich() -> Journey:
    j = Journey(lanes=("Marketing", "Sales", "Finance"))
    j.doc.update("stage", j.stages["Reach"], days=7)
    j.doc.update("stage", j.stages["Engage"], days=14)
    j.card("Reach", "Marketing", "Ad", channel="web", days=2, experience=1, evidence="measured")
    j.card("Reach", "Sales", "Referral", channel="phone", experience=-1)
    j.card("Engage", "Sales", "Call", channel="phone", days=1, evidence="observed")
    j.card("Engage", "Finance", "Quote", channel="email", days=10)
    j.card("Retain", "Sales", "Renew", channel="phone", experience=2)
    j.link("Ad", "Call")
    j.link("Referral", "Call", days=5)
    j.link("Call", "Renew")
    j.link("Call", "Quote")
    j.link("Quote", "Renew")
    j.link("Renew", "Call", loop=True)
    return j


def test_figures_describe_size_entries_goals_and_critical_path():
    f = analyse(_rich().map).figures
    assert (f["touchpoints"], f["connections"], f["loops"]) == (5, 6, 1)
    assert (f["stages"], f["lanes"], f["roles"]) == (3, 3, 2)
    assert f["entries"] == ["Ad", "Referral"]
    assert f["goals"] == ["Renew"]
    # Referral -> Call (5, own days) -> Quote (1, Call's days) -> Renew (10, Quote's days)
    assert f["critical_path"] == {
        "titles": ["Referral", "Call", "Quote", "Renew"],
        "days": 16.0,
        "planned_stage_days": 21.0,
    }


def test_figures_describe_reach_handoffs_and_depth():
    f = analyse(_rich().map).figures
    assert f["reach"] == {
        "main_path": {"lanes": 2, "lane_names": ["Sales", "Finance"], "touchpoints": 4},
        "reachable": {
            "lanes": 3,
            "lane_names": ["Marketing", "Sales", "Finance"],
            "touchpoints": 5,
        },
    }
    assert f["depth"] == 3
    assert f["handoffs"] == {"total": 3, "main_path": 2}


def test_figures_describe_channels_evidence_experience_and_lanes():
    f = analyse(_rich().map).figures
    assert f["channels"] == {
        "Reach": {"web": 1, "phone": 1},
        "Engage": {"phone": 1, "email": 1},
        "Retain": {"phone": 1},
    }
    assert f["evidence"] == {"assumption": 0.6, "observed": 0.2, "measured": 0.2}
    assert f["experience"] == {"Reach": 0.0, "Engage": None, "Retain": 2.0}
    assert f["touchpoints_per_lane"] == {"Marketing": 1, "Sales": 3, "Finance": 1}


def test_critical_path_prefers_more_steps_when_no_days_are_known():
    j = linear()
    j.card("Engage", "Marketing", "Brochure")
    j.chain("Ad", "Brochure", "Call")
    assert analyse(j.map).figures["critical_path"]["titles"] == ["Ad", "Brochure", "Call", "Renew"]


def test_critical_path_survives_a_cycle_inside_one_stage():
    j = linear()
    j.card("Engage", "Marketing", "Brochure")
    j.link("Call", "Brochure", days=3)
    j.link("Brochure", "Call", days=3)
    j.link("Brochure", "Renew", days=1)
    path = analyse(j.map).figures["critical_path"]
    assert path["titles"] == ["Ad", "Call", "Brochure", "Renew"]
    assert path["days"] == 4.0


# -- report shape -----------------------------------------------------------------------------
def test_report_to_dict_is_the_check_json_shape():
    j = linear()
    j.card("Engage", "Marketing", "Event")
    data = json.loads(json.dumps(analyse(j.map).to_dict()))
    assert set(data) == {"problems", "figures"}
    assert data["problems"] == [
        {
            "code": "orphan",
            "severity": "error",
            "message": '"Event" has no connection at all: nothing leads to it and it leads '
            "nowhere (stage Engage, lane Marketing).",
            "touchpoints": ["Event"],
        }
    ]
    assert {
        "touchpoints",
        "connections",
        "stages",
        "lanes",
        "roles",
        "entries",
        "goals",
        "reach",
        "depth",
        "handoffs",
        "channels",
        "critical_path",
        "evidence",
        "experience",
        "touchpoints_per_lane",
    } <= set(data["figures"])


def test_problems_list_errors_before_warnings_and_every_code_has_a_severity():
    j = linear()
    j.link("Renew", "Ad")
    j.card("Engage", "Marketing", "Event")
    report = analyse(j.map)
    assert [p.severity for p in report.problems] == ["error", "warning"]
    assert set(SEVERITY.values()) == {"error", "warning"}
    assert len(CODES) == 12


def test_analysis_leaves_the_map_unchanged():
    j = _rich()
    before = copy.deepcopy(j.map)
    analyse(j.map)
    assert j.map == before


def test_text_report_groups_errors_then_warnings_then_key_figures():
    j = linear()
    j.link("Renew", "Ad")
    j.card("Engage", "Marketing", "Event")
    text = format_report(analyse(j.map), j.map)
    assert text.startswith("Map Test journey: 1 error, 1 warning.\n")
    assert text.index("Errors") < text.index("[orphan]") < text.index("Warnings")
    assert text.index("[backward-flow]") < text.index("Key figures")
    assert "Critical path: Ad -> Call -> Renew" in text


def test_text_report_says_n_a_for_unplanned_days_and_counts_one_day_singular():
    j = linear()
    text = format_report(analyse(j.map), j.map)
    line = next(row for row in text.splitlines() if "Critical path:" in row)
    assert line.endswith("(stages planned: n/a)") and "n/a days" not in text
    j.map.stages[0].days = 1.0
    text = format_report(analyse(j.map), j.map)
    assert "(stages planned: 1 day)" in text


def test_text_report_of_a_clean_map_says_so():
    j = linear()
    text = format_report(analyse(j.map), j.map)
    assert "No problems found." in text
    assert "Errors" not in text


# -- templates --------------------------------------------------------------------------------
def _template_keys():
    templates = pytest.importorskip("journeymap.templates")
    return [key for key, _ in templates.list_templates()]


def test_every_template_passes_the_check_without_errors():
    templates = pytest.importorskip("journeymap.templates")
    keys = _template_keys()
    assert keys
    for key in keys:
        report = analyse(templates.build_template(key))
        errors = [p.message for p in report.problems if p.severity == "error"]
        assert errors == [], key
