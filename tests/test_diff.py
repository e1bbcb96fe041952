"""The diff engine: each kind of change alone and all together, matching by id and by title,
and properties (a map against itself; random edits name exactly what they touched)."""

from __future__ import annotations

import contextlib
import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.diff import diff_maps, to_json_dict
from journeymap.document import Document
from journeymap.errors import ValidationError
from journeymap.io.sheet_read import read_sheet
from journeymap.templates import build_template
from tests.synthetic_maps import sample_map


def renewal():
    return build_template("renewal", "Renewal")


def edited(m, edits):
    document = Document(copy.deepcopy(m))
    edits(document)
    return document.map


def changes(old, new):
    return to_json_dict(diff_maps(old, new))


def card(m, index=0):
    return m.touchpoints[index]


def stage_named(m, name):
    return next(s for s in m.stages if s.name == name)


def lane_named(m, name):
    return next(lane for lane in m.lanes if lane.name == name)


def nothing_else(result, *keys):
    """Every list of the diff outside `keys` is empty."""
    lists = {
        "added": result["touchpoints"]["added"], "removed": result["touchpoints"]["removed"],
        "moved": result["touchpoints"]["moved"], "changed": result["touchpoints"]["changed"],
        "connections": [*result["connections"]["added"], *result["connections"]["removed"],
                        *result["connections"]["changed"]],
        "raci": result["raci"],
        "stages": [*result["stages"]["added"], *result["stages"]["removed"],
                   *result["stages"]["renamed"]] + ([1] if result["stages"]["reordered"] else []),
        "lanes": [*result["lanes"]["added"], *result["lanes"]["removed"],
                  *result["lanes"]["renamed"]] + ([1] if result["lanes"]["reordered"] else []),
    }
    for key, value in lists.items():
        if key not in keys:
            assert value == [], (key, value)


def test_a_map_against_itself_lists_nothing():
    m = renewal()
    result = diff_maps(m, copy.deepcopy(m))
    assert result.empty and result.count() == 0
    nothing_else(to_json_dict(result))
    assert to_json_dict(result)["figures"]["touchpoints"] == [14, 14]


def test_an_added_card_is_listed_by_title_and_counted_in_the_figures():
    m = renewal()
    s, lane = m.stages[1], m.lanes[0]
    new = edited(m, lambda d: d.add_touchpoint(s.id, lane.id, "Reminder by text message"))
    result = changes(m, new)
    assert result["touchpoints"]["added"] == ["Reminder by text message"]
    assert result["figures"]["touchpoints"] == [14, 15]
    nothing_else(result, "added")


def test_a_removed_card_takes_its_connections_and_is_not_in_raci():
    m = renewal()
    gone = card(m, 2)
    links = [c for c in m.connections if gone.id in (c.source, c.target)]
    new = edited(m, lambda d: d.remove_touchpoints([gone.id]))
    result = changes(m, new)
    assert result["touchpoints"]["removed"] == [gone.title]
    titles = {t.id: t.title for t in m.touchpoints}
    assert result["connections"]["removed"] == [[titles[c.source], titles[c.target]]
                                                for c in links]
    assert all(r["touchpoint"] != gone.title for r in result["raci"])
    nothing_else(result, "removed", "connections")


def test_a_moved_card_is_only_in_moved_with_both_cells():
    m = renewal()
    tp = card(m, 0)
    target_stage, target_lane = m.stages[3], m.lanes[2]
    new = edited(m, lambda d: d.move_touchpoints([tp.id], target_stage.id, target_lane.id))
    result = changes(m, new)
    old_stage = next(s.name for s in m.stages if s.id == tp.stage)
    old_lane = next(lane.name for lane in m.lanes if lane.id == tp.lane)
    assert result["touchpoints"]["moved"] == [{
        "title": tp.title, "from": {"stage": old_stage, "lane": old_lane},
        "to": {"stage": target_stage.name, "lane": target_lane.name}}]
    nothing_else(result, "moved")


def test_changed_fields_are_listed_old_and_new():
    m = renewal()
    tp = card(m, 1)
    new = edited(m, lambda d: d.update("touchpoint", tp.id, experience=-2, kpi="Open rate",
                                       moment_of_truth=not tp.moment_of_truth))
    result = changes(m, new)
    assert result["touchpoints"]["changed"] == [{"title": tp.title, "fields": {
        "experience": [tp.experience, -2], "kpi": [tp.kpi, "Open rate"],
        "moment_of_truth": [tp.moment_of_truth, not tp.moment_of_truth]}}]
    nothing_else(result, "changed")


def test_reordering_within_a_cell_reports_the_card_that_moved_not_its_neighbours():
    doc = Document(renewal())
    s, lane = doc.map.stages[0], doc.map.lanes[0]
    ids = [doc.add_touchpoint(s.id, lane.id, f"Card {n}").id for n in range(4)]
    old = copy.deepcopy(doc.map)
    doc.move_touchpoints([ids[0]], s.id, lane.id, index=len(doc.map.cell(s.id, lane.id)))
    result = changes(old, doc.map)
    changed = result["touchpoints"]["changed"]
    assert [c["title"] for c in changed] == ["Card 0"]
    (before, after) = changed[0]["fields"]["position"]
    assert after > before
    nothing_else(result, "changed")


def test_raci_changes_per_touchpoint_and_role_in_raci_order():
    m = renewal()
    tp, role = card(m, 4), m.roles[0]
    new = edited(m, lambda d: d.set_raci(tp.id, role.id, "IC"))
    result = changes(m, new)
    assert result["raci"] == [{"touchpoint": tp.title, "role": role.name,
                               "old": tp.raci.get(role.id, ""), "new": "CI"}]
    nothing_else(result, "raci")


def test_connections_added_and_changed():
    m = renewal()
    a, b = card(m, 0), card(m, 13)
    existing = m.connections[0]
    titles = {t.id: t.title for t in m.touchpoints}

    def edits(d):
        d.add_connection(a.id, b.id, label="skip ahead")
        d.update("connection", existing.id, days=9.0, label="after a week")

    result = changes(m, edited(m, edits))
    assert result["connections"]["added"] == [[a.title, b.title]]
    assert result["connections"]["changed"] == [{
        "from": titles[existing.source], "to": titles[existing.target],
        "fields": {"label": [existing.label, "after a week"], "days": [existing.days, 9.0]}}]
    nothing_else(result, "connections")


def test_stages_and_lanes_added_removed_renamed_reordered():
    m = renewal()
    empty_lane = None

    def edits(d):
        nonlocal empty_lane
        d.update("stage", d.map.stages[0].id, name="Using it")
        d.add_stage("Advocacy")
        d.move("stage", d.map.stages[1].id, 2)
        empty_lane = d.add_lane("Partners")

    new = edited(m, edits)
    result = changes(m, new)
    assert result["stages"]["renamed"] == [[m.stages[0].name, "Using it"]]
    assert result["stages"]["added"] == ["Advocacy"]
    assert result["stages"]["reordered"] is True
    assert result["lanes"] == {"added": ["Partners"], "removed": [], "renamed": [],
                               "reordered": False}
    # No card moved: a renamed stage is the same stage.
    assert result["touchpoints"]["moved"] == []
    back = changes(new, m)
    assert back["lanes"]["removed"] == ["Partners"] and back["stages"]["removed"] == ["Advocacy"]


def test_all_kinds_together():
    m = renewal()
    first, second, third = card(m, 0), card(m, 1), card(m, 2)

    def edits(d):
        d.add_touchpoint(d.map.stages[0].id, d.map.lanes[0].id, "Brand new")
        d.remove_touchpoints([third.id])
        d.move_touchpoints([second.id], d.map.stages[4].id, d.map.lanes[4].id)
        d.update("touchpoint", first.id, title="Renamed card")
        d.set_raci(first.id, d.map.roles[1].id, "R")
        d.update("lane", d.map.lanes[1].id, name="Growth marketing")

    result = changes(m, edited(m, edits))
    assert result["touchpoints"]["added"] == ["Brand new"]
    assert result["touchpoints"]["removed"] == [third.title]
    assert [x["title"] for x in result["touchpoints"]["moved"]] == [second.title]
    assert result["touchpoints"]["changed"][0]["title"] == "Renamed card"
    assert {r["touchpoint"] for r in result["raci"]} == {"Renamed card"}
    assert result["lanes"]["renamed"] == [[m.lanes[1].name, "Growth marketing"]]
    assert result["figures"]["touchpoints"] == [14, 14]
    assert set(result["figures"]) == {"touchpoints", "connections", "errors", "experience",
                                      "expected_days"}


SHEET = """Stage,Lane,Touchpoint,Channel,R,A,Next
Reach,Marketing,Sees ad,social,Marketer,Head,Visits site
Engage,Customer,Visits site,web,Marketer,Head,Books demo
Engage,Sales,Books demo,phone,Seller,Head,
Engage,Sales,Follow-up call,phone,Seller,Head,
"""


def sheet(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_sheet(path, "Workshop")[0]


def test_two_separately_imported_sheets_match_by_title_and_name(tmp_path):
    """Ids differ between two imports; titles match, case and spaces aside, and a title
    that occurs twice matches nothing."""
    first = sheet(tmp_path, "one.csv", SHEET)
    second = sheet(tmp_path, "two.csv", SHEET.replace("Books demo,phone", "Books demo,video call")
                   .replace("Reach,Marketing,Sees ad,", "Reach,Marketing,SEES AD,"))
    assert {t.id for t in first.touchpoints}.isdisjoint(t.id for t in second.touchpoints)
    result = changes(first, second)
    assert result["touchpoints"]["changed"] == [
        {"title": "SEES AD", "fields": {"title": ["Sees ad", "SEES AD"]}},
        {"title": "Books demo", "fields": {"channel": ["phone", "video call"]}},
    ]
    assert result["touchpoints"]["added"] == [] and result["touchpoints"]["removed"] == []
    assert result["stages"] == {"added": [], "removed": [], "renamed": [], "reordered": False}
    assert result["connections"]["added"] == [] and result["connections"]["removed"] == []


def test_a_title_used_twice_on_either_side_matches_nothing():
    m = renewal()
    s, lane = m.stages[0], m.lanes[0]

    def twice(d):
        d.add_touchpoint(s.id, lane.id, "Follow-up call")
        d.add_touchpoint(s.id, lane.id, "Follow-up call")

    old, new = edited(m, twice), edited(m, twice)  # the same titles under other ids
    result = changes(old, new)
    assert result["touchpoints"]["added"] == ["Follow-up call", "Follow-up call"]
    assert result["touchpoints"]["removed"] == ["Follow-up call", "Follow-up call"]
    once = edited(m, lambda d: d.add_touchpoint(s.id, lane.id, "follow-up CALL "))
    result = changes(old, once)
    assert result["touchpoints"]["added"] == ["follow-up CALL"]


# -- properties ---------------------------------------------------------------------------------
BASE = sample_map(stages=4, lanes=3, per_cell=2, roles=4, seed=3)

edit_steps = st.lists(st.tuples(
    st.sampled_from(["title", "experience", "move", "reorder", "remove", "add", "raci",
                     "link", "unlink", "stage-name"]),
    st.integers(0, 10_000), st.integers(0, 10_000)), max_size=8)


def apply_edits(document: Document, steps) -> set[str]:
    """Run the edits; return the ids of every item they touched."""
    touched: set[str] = set()
    m = document.map
    for kind, a, b in steps:
        cards = m.touchpoints
        if not cards:
            break
        tp = cards[a % len(cards)]
        if kind == "title":
            document.update("touchpoint", tp.id, title=f"Edited {a}")
            touched.add(tp.id)
        elif kind == "experience":
            document.update("touchpoint", tp.id, experience=(b % 5) - 2)
            touched.add(tp.id)
        elif kind == "move":
            document.move_touchpoints([tp.id], m.stages[b % len(m.stages)].id,
                                      m.lanes[(a + b) % len(m.lanes)].id)
            touched.add(tp.id)
        elif kind == "reorder":
            document.move_touchpoints([tp.id], tp.stage, tp.lane, index=b % 3)
            touched.add(tp.id)
        elif kind == "remove":
            touched |= {c.id for c in m.connections if tp.id in (c.source, c.target)}
            document.remove_touchpoints([tp.id])
            touched.add(tp.id)
        elif kind == "add":
            touched.add(document.add_touchpoint(tp.stage, tp.lane, f"New {a}").id)
        elif kind == "raci":
            document.set_raci(tp.id, m.roles[b % len(m.roles)].id, "RACI"[b % 4])
            touched.add(tp.id)
        elif kind == "link":
            other = cards[b % len(cards)]
            with contextlib.suppress(ValidationError):  # refused whole: already connected
                touched.add(document.add_connection(tp.id, other.id).id)
        elif kind == "unlink" and m.connections:
            gone = m.connections[b % len(m.connections)]
            document.remove_connections([gone.id])
            touched.add(gone.id)
        elif kind == "stage-name":
            stage = m.stages[b % len(m.stages)]
            document.update("stage", stage.id, name=f"Stage {a}")
            touched.add(stage.id)
    return touched


def named_ids(diff) -> set[str]:
    named = {i for i, _t in diff.added} | {i for i, _t in diff.removed}
    named |= {x for m in diff.moved for x in (m.old_id, m.new_id)}
    named |= {x for c in diff.changed if set(c.fields) != {"position"}
              for x in (c.old_id, c.new_id)}
    named |= {r.touchpoint_id for r in diff.raci}
    named |= {c.id for c in (*diff.connections_added, *diff.connections_removed)}
    named |= {x for c in diff.connections_changed for x in (c.old_id, c.new_id)}
    named |= set(diff.stages.added_ids) | set(diff.stages.removed_ids)
    return named


def state(item) -> dict:
    return {k: v for k, v in vars(item).items()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_steps)
def test_random_edits_name_what_they_touched_and_nothing_else(steps):
    document = Document(copy.deepcopy(BASE))
    touched = apply_edits(document, steps)
    result = diff_maps(BASE, document.map, figures=False)
    named = named_ids(result)
    assert named <= touched, (named - touched, steps)
    # Every item whose final state differs is named.
    old_cards = {t.id: t for t in BASE.touchpoints}
    for tp in document.map.touchpoints:
        before = old_cards.get(tp.id)
        if before is None or state(before) != state(tp):
            assert tp.id in named, tp.title
    for tp_id in old_cards.keys() - {t.id for t in document.map.touchpoints}:
        assert tp_id in named
    old_links = {c.id: c for c in BASE.connections}
    for c in document.map.connections:
        if c.id not in old_links or state(old_links[c.id]) != state(c):
            assert c.id in named
    for c_id in old_links.keys() - {c.id for c in document.map.connections}:
        assert c_id in named
    renamed = {old for old, _new in result.stages.renamed}
    for before, after in zip(BASE.stages, document.map.stages, strict=True):
        assert (before.name != after.name) == (before.name in renamed) or before.id in touched


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 1000))
def test_a_map_against_its_copy_is_always_empty(seed):
    m = sample_map(stages=3, lanes=3, per_cell=2, roles=3, seed=seed)
    assert diff_maps(m, copy.deepcopy(m)).empty
