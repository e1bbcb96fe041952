"""The typed comparison and its JSON form (the `compare --json` object): one is the other.

`from_json_dict(to_json_dict(r)) == r` for results of `compare` and for any comparison the type
can hold, and `to_json_dict(from_json_dict(d))` gives back the same bytes for the objects
stored in a workspace's history, also as earlier versions stored them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.comparison import compare, from_json_dict, result, to_json_dict
from journeymap.document import Document
from journeymap.eventlog import EventLog
from journeymap.model import Map

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def journey() -> Map:
    """Three stages; one title holds the arrow of a step's key, one differs only in case."""
    doc = Document(Map(id="map-j", name="Journey"))
    reach, engage, retain = (doc.add_stage(n, days=d) for n, d in
                             (("Reach", 2), ("Engage", None), ("Retain", 5.5)))
    lane = doc.add_lane("Customer")
    ad = doc.add_touchpoint(reach.id, lane.id, "Sees ad", days=1)
    plan = doc.add_touchpoint(engage.id, lane.id, "Plan -> Build")
    demo = doc.add_touchpoint(engage.id, lane.id, "Demo")
    again = doc.add_touchpoint(engage.id, lane.id, "demo ")  # one title with Demo
    renew = doc.add_touchpoint(retain.id, lane.id, "Renews")
    doc.add_connection(ad.id, plan.id, days=3)
    doc.add_connection(plan.id, demo.id)
    doc.add_connection(again.id, renew.id, days=0.25)
    doc.add_connection(renew.id, ad.id, loop=True)
    return doc.map


ACTIVITIES = ["Sees ad", "plan -> build", "Demo", "DEMO", "Renews", "Plan", "Chatbot -> x"]

events = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), st.sampled_from(ACTIVITIES),
              st.integers(min_value=0, max_value=500), st.sampled_from(["web", "", "shop"])),
    min_size=1, max_size=40)


def log_of(rows: list[tuple]) -> EventLog:
    frame = pl.DataFrame(
        {"case": [r[0] for r in rows], "activity": [r[1] for r in rows],
         "time": [T0 + timedelta(hours=r[2]) for r in rows],
         "row": list(range(2, len(rows) + 2)), "channel": [r[3] for r in rows]},
        schema_overrides={"time": pl.Datetime("us", "UTC")},
    )
    return EventLog(frame=frame, source="log.csv")


def same_bytes(a: dict, b: dict) -> bool:
    return json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


# -- results of compare ----------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(events, st.booleans())
def test_a_comparison_reads_back_from_its_json_form(rows, segmented):
    m = journey()
    compared = compare(m, log_of(rows), segment="channel" if segmented else None)
    data = to_json_dict(compared)
    assert from_json_dict(data, m) == compared
    assert same_bytes(to_json_dict(from_json_dict(data)), data)


def test_steps_name_the_touchpoints_they_join():
    m = journey()
    compared = compare(m, log_of([("a", "Sees ad", 0, ""), ("a", "plan -> build", 1, ""),
                                ("a", "DEMO", 2, ""), ("a", "Plan", 3, "")]))
    by_id = {tp.title: tp.id for tp in m.touchpoints}
    step = compared.figures.step("Plan -> Build", "Demo")
    assert (step.source_id, step.target_id, step.designed) == (by_id["Plan -> Build"],
                                                               by_id["Demo"], True)
    out = compared.figures.step("Demo", "Plan")
    assert (out.target_id, out.kind) == (None, "unmatched")
    assert [(p.key, p.days) for p in compared.planned] == [
        ("Sees ad -> Plan -> Build", 3), ("Demo -> Renews", 0.25)]


# -- stored comparisons -----------------------------------------------------------------------
SHEET = """Stage,Lane,Touchpoint,Next,Loops,Days
Reach,Marketing,Sees ad,Discovery call,,1
Engage,Sales,Discovery call,Demo,,3
Engage,Sales,Demo,Renews,Discovery call,
Retain,Customer,Renews,,,
"""
LOG = """case,activity,timestamp,plan
1,Sees ad,2026-03-01T10:00:00Z,pro
1,Discovery call,2026-03-04T10:00:00+02:00,pro
1,Demo,2026-03-05T10:00:00Z,pro
1,Discovery call,2026-03-06T10:00:00Z,pro
2,Sees ad,2026-03-01T11:00:00Z,
2,Webinar,2026-03-01T11:00:00Z,
2,Webinar,2026-03-01T11:00:00Z,
"""


def stored_in_workspace(run_cli, tmp_path) -> list[dict]:
    """Two comparisons saved by `compare` (one by segment), as `history --json` gives them."""
    sheet, log = tmp_path / "sheet.csv", tmp_path / "log.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    log.write_text(LOG, encoding="utf-8")
    assert run_cli("import", sheet, "--name", "Journey")[0] == 0
    for extra in ([], ["--segment", "plan"]):
        assert run_cli("compare", "Journey", "--log", log, *extra)[0] == 0
    code, out, _ = run_cli("history", "Journey", "--json")
    assert code == 0
    return [entry["result"] for entry in json.loads(out)]


def test_stored_comparisons_give_back_the_same_bytes(run_cli, tmp_path):
    stored = stored_in_workspace(run_cli, tmp_path)
    assert len(stored) == 2 and "segments" in stored[1]
    for data in stored:
        assert same_bytes(to_json_dict(from_json_dict(data)), data)


def test_comparisons_stored_before_duplicates_were_counted_read_back_as_they_are(
        run_cli, tmp_path):
    for data in stored_in_workspace(run_cli, tmp_path):
        for figures in [data, *(data.get("segments") or {}).values()]:
            del figures["duplicate_events"]
        compared = from_json_dict(data)
        assert compared.figures.duplicate_events is None
        assert same_bytes(to_json_dict(compared), data)


# -- any compared the type holds ------------------------------------------------------------------
labels = st.lists(st.text(st.sampled_from("ab ->é\n"), min_size=1, max_size=6)
                  .filter(lambda t: " -> " not in t), min_size=1, max_size=5, unique=True)
counts = st.integers(min_value=0, max_value=10**6)
days = st.one_of(st.none(), st.integers(0, 90), st.floats(0, 90, allow_nan=False))


@st.composite
def figures_of(draw, names: list[str]) -> result.Figures:
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)),
                          unique=True, max_size=6))
    steps = []
    for source, target in pairs:
        designed = draw(st.booleans())
        kinds = st.one_of(st.none(), st.sampled_from(result.DEVIATION_KINDS))
        kind = None if designed else draw(kinds)
        steps.append(result.Step(source, target, draw(counts), draw(st.floats(0, 99)),
                          draw(st.floats(0, 99)), designed, kind))
    steps.sort(key=lambda s: (-s.count, s.key))
    paths = st.lists(st.sampled_from(names), max_size=4)
    variants = tuple(result.Variant(tuple(draw(paths)), draw(counts), draw(st.floats(0, 1)))
                     for _ in range(draw(st.integers(0, 3))))
    stages = tuple(result.StageTime(name, draw(days), draw(counts), draw(days), draw(days))
                   for name in draw(st.lists(st.text(max_size=4), unique=True, max_size=3)))
    return result.Figures(
        cases=draw(counts), events=draw(counts),
        duplicate_events=draw(st.one_of(st.none(), counts)), variants=draw(counts),
        variant_list=variants,
        other_variants=draw(st.none() | st.builds(result.OtherVariants, counts, counts)),
        steps=tuple(steps), conforming_cases=draw(counts), reached_goal=draw(counts),
        drop_off={name: draw(counts) for name in names},  # every label is named somewhere
        skipped=tuple(draw(st.lists(st.sampled_from(names), unique=True, max_size=3))),
        unmatched_activities=dict.fromkeys(draw(st.lists(st.sampled_from(names), unique=True,
                                                         max_size=2)), 1),
        stage_days=stages,
    )


@st.composite
def comparisons(draw) -> result.Comparison:
    names = draw(labels)
    planned = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)),
                            unique=True, max_size=3))
    segmented = draw(st.booleans())
    text = st.text(max_size=8)
    return result.Comparison(
        map_name=draw(text), map_id=draw(text), log=draw(text), skipped_rows=draw(counts),
        first_skipped_row=draw(st.one_of(st.none(), counts)), figures=draw(figures_of(names)),
        goal=tuple(draw(st.lists(st.sampled_from(names), unique=True, max_size=2))),
        planned=tuple(result.PlannedStep(a, b, draw(st.integers(0, 30) | st.floats(0, 30)))
                      for a, b in planned),
        period=draw(st.one_of(st.none(), st.builds(
            result.Period, st.none() | text, st.none() | text, st.none() | text, st.none() | text,
            counts))),
        segment=draw(text) if segmented else None,
        segments={draw(text): draw(figures_of(names)) for _ in range(2)} if segmented else {},
    )


@settings(max_examples=60, deadline=None)
@given(comparisons())
def test_any_comparison_survives_its_json_form(compared):
    data = json.loads(json.dumps(to_json_dict(compared)))  # as stored: through JSON text
    assert from_json_dict(data) == compared
    assert same_bytes(to_json_dict(from_json_dict(data)), data)
