"""Planned vs actual: every figure of `compare` on logs whose truth is known (read in the
contract's JSON form)."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap import comparison
from journeymap.comparison import format_comparison, from_json_dict, to_json_dict
from journeymap.document import Document
from journeymap.errors import ImportFileError, ValidationError
from journeymap.eventlog import EventLog, read_log
from journeymap.mapping import read_mapping
from journeymap.model import Map


def compare(m: Map, log: EventLog, **options) -> dict:
    """The contract's object of a comparison: what `compare --json` prints."""
    return to_json_dict(comparison.compare(m, log, **options))

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def journey() -> Map:
    """Reach: Sees ad | Engage: Discovery call -> Demo | Retain: Renews <-> Support ticket.

    Goals: Retain's cards all have an outgoing connection (Support loops back), so both are.
    """
    doc = Document(Map(id="map-1", name="Journey"))
    reach, retain = doc.add_stage("Reach"), doc.add_stage("Retain")
    engage = doc.add_stage("Engage", index=1, days=10)
    customer, sales = doc.add_lane("Customer"), doc.add_lane("Sales")
    ad = doc.add_touchpoint(reach.id, customer.id, "Sees ad", days=1)
    call = doc.add_touchpoint(engage.id, sales.id, "Discovery call")
    demo = doc.add_touchpoint(engage.id, sales.id, "Demo")
    renew = doc.add_touchpoint(retain.id, customer.id, "Renews")
    support = doc.add_touchpoint(retain.id, sales.id, "Support ticket")
    doc.add_connection(ad.id, call.id)
    doc.add_connection(call.id, demo.id, days=3)
    doc.add_connection(demo.id, renew.id)
    doc.add_connection(renew.id, support.id)
    doc.add_connection(support.id, renew.id, loop=True)
    return doc.map


def log_of(events: list[tuple], **attrs) -> EventLog:
    """Events (case, activity, days after T0[, extra...]) in file order."""
    frame = pl.DataFrame(
        {
            "case": [e[0] for e in events],
            "activity": [e[1] for e in events],
            "time": [T0 + timedelta(days=e[2]) for e in events],
            "row": list(range(2, len(events) + 2)),
            **{name: values for name, values in attrs.items()},
        },
        schema_overrides={"time": pl.Datetime("us", "UTC")},
    )
    return EventLog(frame=frame, source="test.csv")


def numpy_p90(values: list[float]) -> float:
    """numpy.percentile(values, 90) (method 'linear'), written out as numpy computes it."""
    xs = sorted(values)
    h = (len(xs) - 1) * 0.9
    lo = math.floor(h)
    a, b = xs[lo], xs[min(lo + 1, len(xs) - 1)]
    g = h - lo
    return b - (b - a) * (1 - g) if g >= 0.5 else a + (b - a) * g


def median(values: list[float]) -> float:
    xs = sorted(values)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


KNOWN = [
    # case 1 conforms and reaches a goal
    ("c1", "Sees ad", 0), ("c1", "Discovery call", 1), ("c1", "Demo", 4), ("c1", "Renews", 10),
    # case 2 skips the call and stops at Demo
    ("c2", "Sees ad", 0), ("c2", "Demo", 2),
    # case 3: one event conforms
    ("c3", "Sees ad", 5),
    # case 4: an unknown activity between two designed steps
    ("c4", "Sees ad", 0), ("c4", "Newsletter", 0.5), ("c4", "Discovery call", 3),
    # case 5: conforms, with the support loop
    ("c5", "Sees ad", 0), ("c5", "Discovery call", 2), ("c5", "Demo", 3), ("c5", "Renews", 4),
    ("c5", "Support ticket", 5), ("c5", "Renews", 6),
]  # fmt: skip


@pytest.fixture
def known():
    return compare(journey(), log_of(KNOWN))


def test_counts_of_cases_events_and_variants(known):
    assert (known["cases"], known["events"], known["skipped_rows"]) == (5, 16, 0)
    assert known["variants"] == 5
    assert sum(v["cases"] for v in known["variant_list"]) == 5
    assert known["variant_list"][0] == {
        "activities": ["Sees ad"],  # ties (1 case each) go by activities
        "cases": 1,
        "share": 0.2,
    }


def test_transitions_include_every_directly_follows_pair(known):
    assert known["transitions"] == {
        "Sees ad -> Discovery call": 2,
        "Demo -> Renews": 2,
        "Discovery call -> Demo": 2,
        "Newsletter -> Discovery call": 1,
        "Renews -> Support ticket": 1,
        "Sees ad -> Demo": 1,
        "Sees ad -> Newsletter": 1,
        "Support ticket -> Renews": 1,
    }
    assert list(known["transitions"])[:3] == [
        "Demo -> Renews",
        "Discovery call -> Demo",
        "Sees ad -> Discovery call",
    ]


def test_deviations_are_the_undesigned_transitions_with_their_kind(known):
    assert known["deviations"] == {
        "Newsletter -> Discovery call": 1,
        "Sees ad -> Demo": 1,
        "Sees ad -> Newsletter": 1,
    }
    assert known["deviation_kinds"] == {
        "Newsletter -> Discovery call": "unmatched",
        "Sees ad -> Demo": "skip",
        "Sees ad -> Newsletter": "unmatched",
    }


def test_conforming_goal_and_drop_off(known):
    assert known["conforming_cases"] == 3  # c1, c3, c5
    assert known["goal"] == ["Renews", "Support ticket"]
    assert known["reached_goal"] == 2  # c1 ends at Renews, c5 too
    assert known["drop_off"] == {"Renews": 2, "Demo": 1, "Discovery call": 1, "Sees ad": 1}
    assert sum(known["drop_off"].values()) == known["cases"]


def test_median_and_p90_days_per_transition(known):
    # Sees ad -> Discovery call took 1 and 2 days: an even count, the mean of the middle two.
    assert known["median_days"]["Sees ad -> Discovery call"] == 1.5
    assert known["p90_days"]["Sees ad -> Discovery call"] == numpy_p90([1.0, 2.0])
    assert known["median_days"]["Discovery call -> Demo"] == 2.0  # 3 and 1
    assert known["median_days"]["Demo -> Renews"] == 3.5  # 6 and 1
    assert known["median_days"]["Sees ad -> Newsletter"] == 0.5
    assert list(known["median_days"]) == list(known["transitions"])


def test_skipped_unmatched_expected_and_period(known):
    assert known["skipped"] == []
    assert known["unmatched_activities"] == {"Newsletter": 1}
    assert known["expected_days"] == {"Sees ad -> Discovery call": 1, "Discovery call -> Demo": 3}
    assert known["period"]["first_event"] == "2026-03-01T00:00:00+00:00"
    assert (known["map"], known["log"]) == ("Journey", "test.csv")


def test_result_is_plain_json(known):
    assert json.loads(json.dumps(known)) == known


def test_p90_matches_numpy_linear_interpolation_on_many_values():
    durations = [0.5, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55]  # 11 values: h = 9 exactly
    more = durations + [0.25, 89]  # 13 values: h = 10.8
    for values in (durations, more, [7.0], [1.0, 10.0, 100.0, 1000.0]):
        events = []
        for i, days in enumerate(values):
            events += [(f"k{i}", "Sees ad", 0), (f"k{i}", "Discovery call", days)]
        result = compare(journey(), log_of(events))
        assert result["p90_days"]["Sees ad -> Discovery call"] == numpy_p90(values)
        assert result["median_days"]["Sees ad -> Discovery call"] == median(values)


def test_durations_are_utc_seconds_over_86400_unrounded(tmp_path):
    path = tmp_path / "offsets.csv"
    path.write_text(
        "case,activity,timestamp\n"
        "1,Sees ad,2026-03-01T10:00:00+02:00\n"  # 08:00 UTC
        "1,Discovery call,2026-03-01T09:00:01Z\n",  # one hour and a second later
        encoding="utf-8",
    )
    log, _ = read_log(path)
    result = compare(journey(), log)
    assert result["median_days"] == {"Sees ad -> Discovery call": 3601 / 86400}


def test_mixed_offsets_order_events_in_utc(tmp_path):
    path = tmp_path / "order.csv"
    path.write_text(
        "case,activity,timestamp\n"
        "1,Discovery call,2026-03-01T09:30:00+00:00\n"
        "1,Sees ad,2026-03-01T10:00:00+02:00\n",  # 08:00 UTC: first
        encoding="utf-8",
    )
    log, _ = read_log(path)
    assert compare(journey(), log)["transitions"] == {"Sees ad -> Discovery call": 1}


def test_unsorted_log_equal_times_keep_file_order_and_duplicates_count(tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text(
        "case,activity,timestamp\n"
        "b,Demo,2026-03-02 09:00\n"
        "a,Discovery call,2026-03-01 12:00\n"
        "b,Discovery call,2026-03-02 09:00\n"  # same time as Demo, later in the file
        "a,Sees ad,2026-03-01 09:00\n"
        "a,Sees ad,2026-03-01 09:00\n",  # an exact duplicate
        encoding="utf-8",
    )
    log, _ = read_log(path)
    result = compare(journey(), log)
    assert result["events"] == 5
    assert result["transitions"] == {
        "Demo -> Discovery call": 1,
        "Sees ad -> Discovery call": 1,
        "Sees ad -> Sees ad": 1,
    }
    assert result["deviation_kinds"] == {
        "Demo -> Discovery call": "backward",
        "Sees ad -> Sees ad": "repeat",
    }
    assert result["median_days"]["Sees ad -> Sees ad"] == 0.0


def test_activities_match_titles_ignoring_case_and_spaces():
    result = compare(journey(), log_of([("1", "  sees   AD ", 0), ("1", "DISCOVERY CALL", 1)]))
    assert result["transitions"] == {"Sees ad -> Discovery call": 1}
    assert result["conforming_cases"] == 1 and result["unmatched_activities"] == {}


def test_saved_and_given_mappings_cover_unmatched_activities():
    m = journey()
    demo = next(tp for tp in m.touchpoints if tp.title == "Demo")
    m.mapping = {"product walkthrough": demo.id, "lead call": "tp-deleted"}
    log = log_of([("1", "Ad click", 0), ("1", "Lead call", 1), ("1", "Product Walkthrough", 2)])
    result = compare(m, log, mapping={"ad click": "sees ad", "Lead Call": "Discovery call"})
    assert result["transitions"] == {"Sees ad -> Discovery call": 1, "Discovery call -> Demo": 1}
    assert result["unmatched_activities"] == {}


def test_a_title_match_wins_over_a_mapping():
    result = compare(journey(), log_of([("1", "Demo", 0)]), mapping={"Demo": "Renews"})
    assert result["drop_off"] == {"Demo": 1}


def test_a_mapping_to_an_unknown_title_is_refused():
    with pytest.raises(ValidationError, match="'Nope'"):
        compare(journey(), log_of([("1", "x", 0)]), mapping={"x": "Nope"})


def test_unmatched_events_stay_in_their_case_and_every_step_into_or_out_is_a_deviation():
    log = log_of([("1", "Sees ad", 0), ("1", "Chatbot", 1), ("1", "Chatbot", 2)])
    result = compare(journey(), log)
    assert result["deviations"] == {"Chatbot -> Chatbot": 1, "Sees ad -> Chatbot": 1}
    assert set(result["deviation_kinds"].values()) == {"unmatched"}
    assert result["variant_list"][0]["activities"] == ["Sees ad", "Chatbot", "Chatbot"]
    assert result["drop_off"] == {"Chatbot": 1}
    assert result["unmatched_activities"] == {"Chatbot": 2}


def test_skipped_lists_unvisited_touchpoints_in_map_order():
    result = compare(journey(), log_of([("1", "Demo", 0)]))
    assert result["skipped"] == ["Sees ad", "Discovery call", "Renews", "Support ticket"]


def test_goals_are_the_last_stage_cards_without_outgoing_connections():
    m = journey()
    support = next(tp for tp in m.touchpoints if tp.title == "Support ticket")
    m.connections = [c for c in m.connections if c.source != support.id]
    result = compare(
        m, log_of([("1", "Renews", 0), ("2", "Renews", 0), ("2", "Support ticket", 1)])
    )
    assert result["goal"] == ["Support ticket"]
    assert result["reached_goal"] == 1


def test_unplanned_and_backward_kinds():
    m = journey()
    log = log_of(
        [("1", "Renews", 0), ("1", "Sees ad", 1), ("2", "Demo", 0), ("2", "Discovery call", 1)]
    )
    kinds = compare(m, log)["deviation_kinds"]
    assert kinds == {"Demo -> Discovery call": "backward", "Renews -> Sees ad": "backward"}
    m.touchpoints.append(
        type(m.touchpoints[0])(id="tp-x", title="Island", stage=m.stages[1].id, lane=m.lanes[0].id)
    )
    kinds = compare(m, log_of([("1", "Discovery call", 0), ("1", "Island", 1)]))["deviation_kinds"]
    assert kinds == {"Discovery call -> Island": "unplanned"}


def test_variants_most_frequent_first_with_shares():
    events = [(f"a{i}", "Sees ad", 0) for i in range(3)]
    events += [(f"b{i}", t, d) for i in range(2) for t, d in (("Sees ad", 0), ("Demo", 1))]
    result = compare(journey(), log_of(events))
    assert result["variant_list"] == [
        {"activities": ["Sees ad"], "cases": 3, "share": 3 / 5},
        {"activities": ["Sees ad", "Demo"], "cases": 2, "share": 2 / 5},
    ]


def test_variant_list_is_capped_with_the_rest_counted():
    events = [(f"c{i}", "Sees ad", 0) for i in range(3)]
    events += [(f"u{i}", f"step {i:03d}", 0) for i in range(150)]
    result = compare(journey(), log_of(events))
    assert result["variants"] == 151 and len(result["variant_list"]) == 100
    assert result["variant_list"][1]["activities"] == ["step 000"]
    assert result["other_variants"] == {"variants": 51, "cases": 51}


def test_segments_take_the_first_event_value_and_add_up():
    events = [("1", "Sees ad", 0), ("1", "Demo", 1), ("2", "Sees ad", 0), ("3", "Demo", 0)]
    log = log_of(events, channel=["web", "event", "event", None])
    result = compare(journey(), log, segment="CHANNEL")
    segments = result["segments"]
    assert result["segment"] == "channel"
    assert list(segments) == ["(none)", "event", "web"]
    assert segments["web"]["cases"] == 1 and segments["web"]["events"] == 2
    assert segments["web"]["transitions"] == {"Sees ad -> Demo": 1}
    assert sum(s["cases"] for s in segments.values()) == result["cases"]
    assert sum(s["events"] for s in segments.values()) == result["events"]


def test_segment_naming_a_missing_column_is_an_import_error():
    with pytest.raises(ImportFileError, match="no column 'region'"):
        compare(journey(), log_of([("1", "Demo", 0)], channel=["web"]), segment="region")


def test_an_empty_period_gives_zero_figures(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("case,activity,timestamp\n1,Demo,2026-03-01\n", encoding="utf-8")
    log, _ = read_log(path, since="2027-01-01")
    result = compare(journey(), log)
    assert (result["cases"], result["events"], result["variants"]) == (0, 0, 0)
    assert result["transitions"] == {} and result["period"]["outside_period"] == 1
    assert "0 cases" in format_comparison(from_json_dict(result))


def test_stage_days_run_from_first_event_in_a_stage_to_the_next_stage():
    result = compare(journey(), log_of(KNOWN))
    stage_days = result["stage_days"]
    assert list(stage_days) == ["Reach", "Engage", "Retain"]
    # Reach -> Engage: c1 1 day, c2 2, c4 3, c5 2; Engage -> Retain: c1 9 days, c5 2.
    assert stage_days["Reach"]["cases"] == 4 and stage_days["Reach"]["median"] == 2.0
    assert stage_days["Engage"]["median"] == 5.5 and stage_days["Engage"]["expected"] == 10
    assert stage_days["Retain"] == {"expected": None, "cases": 0, "median": None, "p90": None}


def test_format_comparison_tells_expected_against_actual():
    events = [(f"k{i}", t, d) for i in range(3) for t, d in (("Discovery call", 0), ("Demo", 7))]
    text = format_comparison(comparison.compare(journey(), log_of(events)))
    assert "Discovery call -> Demo: expected 3 days, took 7 days" in text
    assert "100.0 % of cases" in text


# -- mapping files -----------------------------------------------------------------------
def test_read_mapping_from_csv_and_json(tmp_path):
    csv_path = tmp_path / "map.csv"
    csv_path.write_text("\ufeffActivity;Touchpoint\nad click;Sees ad\n\nlead call;Discovery call\n")
    assert read_mapping(csv_path) == {"ad click": "Sees ad", "lead call": "Discovery call"}
    json_path = tmp_path / "map.json"
    json_path.write_text('{"ad click": "Sees ad"}', encoding="utf-8")
    assert read_mapping(json_path) == {"ad click": "Sees ad"}


def test_read_mapping_rejects_conflicts_and_missing_columns(tmp_path):
    path = tmp_path / "map.csv"
    path.write_text("activity,touchpoint\na,Demo\nA,Renews\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="rows 2 and 3"):
        read_mapping(path)
    path.write_text("activity,where\na,Demo\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="no 'touchpoint' column"):
        read_mapping(path)


def test_read_mapping_refuses_a_json_list_and_a_folder_in_one_sentence(tmp_path):
    path = tmp_path / "map.json"
    path.write_text('["Sees ad"]', encoding="utf-8")
    with pytest.raises(ImportFileError, match="must hold one JSON object"):
        read_mapping(path)
    with pytest.raises(ImportFileError, match="is a folder, not a file"):
        read_mapping(tmp_path)


# -- against a plain-Python reference ----------------------------------------------------
def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def reference(m: Map, events: list[tuple]) -> dict:
    """The contract computed the obvious way, one event at a time."""
    titles = {tp.title.casefold(): tp.title for tp in m.touchpoints}
    by_id = {tp.id: tp.title for tp in m.touchpoints}
    designed = {(by_id[c.source], by_id[c.target]) for c in m.connections}
    cases: dict[str, list] = {}
    for row, (case, activity, days) in enumerate(events):
        cases.setdefault(case, []).append((days, row, titles.get(activity.casefold(), activity)))
    transitions: dict[str, list[float]] = {}
    conforming = 0
    for trail in cases.values():
        trail.sort()
        pairs = list(zip(trail, trail[1:], strict=False))
        conforming += all((a[2], b[2]) in designed for a, b in pairs)
        for a, b in pairs:
            seconds = (at(b[0]) - at(a[0])).total_seconds()  # as the log holds them: in µs
            transitions.setdefault(f"{a[2]} -> {b[2]}", []).append(seconds / 86400)
    return {
        "cases": len(cases),
        "conforming_cases": conforming,
        "transitions": {k: len(v) for k, v in transitions.items()},
        "median_days": {k: median(v) for k, v in transitions.items()},
        "p90_days": {k: numpy_p90(v) for k, v in transitions.items()},
        "variants": len({tuple(e[2] for e in trail) for trail in cases.values()}),
    }


ACTIVITIES = ["Sees ad", "Discovery call", "demo", "Renews", "Support ticket", "Chatbot"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),
            st.sampled_from(ACTIVITIES),
            st.integers(min_value=0, max_value=2000).map(lambda h: h / 7),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_compare_agrees_with_a_plain_python_reference(events):
    m = journey()
    result = compare(m, log_of(events))
    expected = reference(m, events)
    for key, value in expected.items():
        assert result[key] == value, key  # exact, floats included
    assert sum(result["drop_off"].values()) == result["cases"]
    assert set(result["deviations"]) <= set(result["transitions"])
    assert sum(result["transitions"].values()) == result["events"] - result["cases"]


def test_exact_duplicates_are_counted_even_when_not_adjacent():
    log = log_of(
        [("1", "Sees ad", 0), ("1", "Demo", 0), ("1", "Sees ad", 0), ("1", "Sees ad", 1),
         ("2", "Sees ad", 0), ("2", "Sees ad", 0)]
    )  # fmt: skip
    result = compare(journey(), log)
    assert result["duplicate_events"] == 2  # case 1's third event, case 2's second
    assert result["events"] == 6
    assert result["transitions"]["Demo -> Sees ad"] == 1  # file order kept at equal times
