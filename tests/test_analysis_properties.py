"""Journey analysis on random maps: invariants that hold whatever the shape of the journey."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.analysis import CODES, analyse, entry_touchpoints, goal_touchpoints
from journeymap.document import Document
from journeymap.model import Map


@st.composite
def journeys(draw, unique_titles: bool = False) -> Map:
    doc = Document(Map(id="map-random", name="Random"))
    stages = [doc.add_stage(f"S{i}").id for i in range(draw(st.integers(1, 4)))]
    lanes = [doc.add_lane(f"L{i}").id for i in range(draw(st.integers(1, 3)))]
    roles = [doc.add_role(f"R{i}").id for i in range(draw(st.integers(0, 3)))]
    letters = st.sampled_from(["", "R", "A", "RA", "C", "AI"])
    for index in range(draw(st.integers(0, 10))):
        raci = {role: draw(letters) for role in roles}
        doc.add_touchpoint(
            draw(st.sampled_from(stages)),
            draw(st.sampled_from(lanes)),
            f"T{index}" if unique_titles else f"T{draw(st.integers(0, 12))}",
            raci=raci,
            days=draw(st.none() | st.floats(0, 30)),
        )
    ids = [tp.id for tp in doc.map.touchpoints]
    if ids:
        pairs = draw(
            st.lists(
                st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=15, unique=True
            )
        )
        for source, target in pairs:
            days = draw(st.none() | st.floats(0, 30))
            doc.add_connection(source, target, loop=draw(st.booleans()), days=days)
    return doc.map


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_an_orphan_is_never_also_unreachable_or_a_dead_end(m):
    report = analyse(m)
    flow = ("orphan", "unreachable", "dead-end")
    by_code = {code: [p.ids[0] for p in report.problems if p.code == code] for code in flow}
    orphans = set(by_code["orphan"])
    assert orphans.isdisjoint(by_code["unreachable"] + by_code["dead-end"])
    for code in flow:  # one problem per card and check
        assert len(by_code[code]) == len(set(by_code[code]))


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_reachable_unreachable_and_stray_orphans_add_up_to_all_touchpoints(m):
    report = analyse(m)
    entries = {tp.id for tp in entry_touchpoints(m)}
    unreachable = sum(1 for p in report.problems if p.code == "unreachable")
    stray = sum(1 for p in report.problems if p.code == "orphan" and p.ids[0] not in entries)
    reachable = report.figures["reach"]["reachable"]["touchpoints"]
    assert reachable + unreachable + stray == len(m.touchpoints)


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_report_is_json_and_problems_follow_code_order(m):
    report = analyse(m)
    data = json.loads(json.dumps(report.to_dict()))
    positions = [CODES.index(p["code"]) for p in data["problems"]]
    assert positions == sorted(positions)
    assert report.has_errors == any(p["severity"] == "error" for p in data["problems"])


@settings(max_examples=150, deadline=None)
@given(journeys(unique_titles=True))
def test_critical_path_runs_from_an_entry_to_a_goal_along_forward_connections(m):
    path = analyse(m).figures["critical_path"]
    if not path["titles"]:
        assert path["days"] is None
        return
    tp = {t.title: t for t in m.touchpoints}
    stage_pos = m.stage_index()
    steps = list(zip(path["titles"], path["titles"][1:], strict=False))
    days = 0.0
    for a, b in steps:
        conn = next(c for c in m.connections if c.source == tp[a].id and c.target == tp[b].id)
        assert not conn.loop
        assert stage_pos[tp[a].stage] <= stage_pos[tp[b].stage]
        days += conn.days if conn.days is not None else (tp[a].days or 0.0)
    assert path["titles"][0] in {t.title for t in entry_touchpoints(m)}
    assert path["titles"][-1] in {t.title for t in goal_touchpoints(m)}
    assert len(set(path["titles"])) == len(path["titles"])
    assert abs(path["days"] - days) < 1e-6
