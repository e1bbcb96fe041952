"""The document API: every edit validated, applied whole, announced, and undoable."""

from __future__ import annotations

import copy

import pytest

from journeymap.document import Document
from journeymap.errors import NotFoundError, ValidationError
from journeymap.model import Map


def titles(doc, stage=None, lane=None):
    return [t.title for t in doc.map.touchpoints
            if (stage is None or t.stage == stage) and (lane is None or t.lane == lane)]


def ids_of(doc, kind):
    return [item.id for item in doc.map.collection(kind)]


def test_every_edit_announces_its_changes(small_doc):
    seen = []
    small_doc.changed.connect(seen.append)
    tp = small_doc.map.touchpoints[0]
    small_doc.update("touchpoint", tp.id, title="Sees a billboard")
    assert seen[-1][0].action == "update" and seen[-1][0].fields == ("title",)
    small_doc.undo()
    assert small_doc.map.touchpoints[0].title == "Sees ad"
    assert len(seen) == 2


def test_invalid_edit_is_refused_whole_and_map_untouched(small_doc):
    before = copy.deepcopy(small_doc.map)
    tp = small_doc.map.touchpoints[0]
    with pytest.raises(ValidationError, match="Experience"):
        small_doc.update("touchpoint", tp.id, title="New", experience=3)
    with pytest.raises(ValidationError):
        small_doc.update("touchpoint", tp.id, days=-1)
    with pytest.raises(ValidationError):
        small_doc.update("lane", small_doc.map.lanes[0].id, color="red")
    with pytest.raises(ValidationError):
        small_doc.add_touchpoint(small_doc.map.stages[0].id, small_doc.map.lanes[0].id, "  ")
    with pytest.raises(NotFoundError):
        small_doc.add_touchpoint("st-missing", small_doc.map.lanes[0].id, "X")
    assert small_doc.map == before
    assert small_doc.undo_stack == []


def test_move_several_cards_into_a_cell_at_an_index_is_one_undo_step(small_doc):
    m = small_doc.map
    reach, engage = m.stages[0].id, m.stages[1].id
    sales = m.lanes[1].id
    ad, renews = m.touchpoints[0], m.touchpoints[3]
    small_doc.move_touchpoints([renews.id, ad.id], engage, sales, 1)
    assert titles(small_doc, engage, sales) == ["Discovery call", "Sees ad", "Renews", "Demo"]
    assert len(small_doc.undo_stack) == 1
    small_doc.undo()
    assert titles(small_doc, reach) == ["Sees ad"]
    assert titles(small_doc, engage, sales) == ["Discovery call", "Demo"]
    small_doc.redo()
    assert titles(small_doc, engage, sales) == ["Discovery call", "Sees ad", "Renews", "Demo"]


def test_first_card_in_an_empty_cell_keeps_the_list_in_display_order(small_doc):
    m = small_doc.map
    small_doc.add_touchpoint(m.stages[0].id, m.lanes[1].id, "Cold email")
    ordered = [t.title for t in m.touchpoints_in_display_order()]
    assert ordered.index("Cold email") == 1


def test_deleting_a_stage_takes_its_cards_and_connections_and_undo_brings_all_back(small_doc):
    before = copy.deepcopy(small_doc.map)
    small_doc.remove("stage", small_doc.map.stages[1].id)
    assert titles(small_doc) == ["Sees ad", "Renews", "Support ticket"]
    assert len(small_doc.map.connections) == 2
    small_doc.undo()
    assert small_doc.map == before


def test_deleting_a_role_clears_its_raci_letters_undoably(small_doc):
    before = copy.deepcopy(small_doc.map)
    lead = small_doc.map.roles[1]
    small_doc.remove("role", lead.id)
    assert all(lead.id not in t.raci for t in small_doc.map.touchpoints)
    small_doc.undo()
    assert small_doc.map == before


def test_raci_letters_are_normalised_and_a_role_may_be_r_and_a(small_doc):
    tp = small_doc.map.touchpoints[0]
    rep = small_doc.map.roles[0]
    small_doc.set_raci(tp.id, rep.id, "ar")
    assert tp.raci[rep.id] == "RA"
    small_doc.set_raci(tp.id, rep.id, "")
    assert rep.id not in small_doc.map.touchpoints[0].raci


def test_paste_copies_cards_with_fresh_ids_and_their_inner_connections(small_doc):
    m = small_doc.map
    call, demo = m.touchpoints[1], m.touchpoints[2]
    copies = small_doc.copy_touchpoints([call, demo])
    assert [c.title for c in copies] == ["Discovery call", "Demo"]
    assert {c.id for c in copies}.isdisjoint({call.id, demo.id})
    assert any(c.source == copies[0].id and c.target == copies[1].id for c in m.connections)
    small_doc.undo()
    assert len(m.touchpoints) == 5


def test_connections_reject_duplicates_and_unknown_ends(small_doc):
    m = small_doc.map
    with pytest.raises(ValidationError, match="already connected"):
        small_doc.add_connection(m.touchpoints[0].id, m.touchpoints[1].id)
    with pytest.raises(NotFoundError):
        small_doc.add_connection(m.touchpoints[0].id, "tp-nope")


def test_votes_count_per_participant(small_doc):
    tp = small_doc.map.touchpoints[0]
    small_doc.vote(tp.id, "Ana")
    small_doc.vote(tp.id, "Ana")
    small_doc.vote(tp.id, "Bo")
    assert small_doc.map.touchpoints[0].vote_total == 3
    small_doc.vote(tp.id, "Bo", -1)
    assert small_doc.map.touchpoints[0].votes == {"Ana": 2}


def test_batch_is_one_undo_step():
    doc = Document(Map(id="m", name="Batch"))
    doc.batch("Set up", lambda d: (d.add_stage("A"), d.add_stage("B"), d.add_lane("L")))
    assert [s.name for s in doc.map.stages] == ["A", "B"]
    assert doc.undo() == "Set up"
    assert doc.map.stages == [] and doc.map.lanes == []


def test_reordering_a_stage_and_undo(small_doc):
    stage_ids = ids_of(small_doc, "stage")
    small_doc.move("stage", stage_ids[2], 0)
    assert ids_of(small_doc, "stage") == [stage_ids[2], stage_ids[0], stage_ids[1]]
    small_doc.undo()
    assert ids_of(small_doc, "stage") == stage_ids


def test_map_fields_are_validated(small_doc):
    with pytest.raises(ValidationError):
        small_doc.set_map_fields(kind="robot")
    with pytest.raises(ValidationError):
        small_doc.set_map_fields(name=" ")
    small_doc.set_map_fields(goal="Renewal rate 90 %", kind="employee")
    assert small_doc.map.goal == "Renewal rate 90 %" and small_doc.map.kind == "employee"


def test_too_long_names_and_titles_are_refused_in_a_readable_sentence(small_doc):
    stage = small_doc.map.stages[0]
    with pytest.raises(ValidationError, match="^A stage name cannot be longer than 20000"):
        small_doc.update("stage", stage.id, name="x" * 20_001)
    with pytest.raises(ValidationError, match="^A map name cannot be longer than 20000"):
        small_doc.set_map_fields(name="x" * 20_001)


def test_pasted_connections_follow_the_originals_in_their_order(small_doc):
    m = small_doc.map
    originals = [(c.source, c.target) for c in m.connections]
    cards = list(m.touchpoints)
    copies = small_doc.copy_touchpoints(cards)
    twin = {tp.id: copy.id for tp, copy in zip(cards, copies, strict=True)}
    pasted = [(c.source, c.target) for c in m.connections[len(originals):]]
    assert pasted == [(twin[a], twin[b]) for a, b in originals]


def test_a_card_given_twice_is_pasted_once(small_doc):
    call = small_doc.map.touchpoints[1]
    copies = small_doc.copy_touchpoints([call, call])
    assert len(copies) == 1
    ids = [t.id for t in small_doc.map.touchpoints]
    assert len(ids) == len(set(ids)) == 6


def test_a_duplicate_gets_a_new_id_and_a_checked_name():
    from journeymap.document import duplicate_map
    from journeymap.errors import ValidationError

    doc = Document(Map(id="map-a", name="Onboarding"))
    doc.add_stage("Reach")
    twin = duplicate_map(doc.map)
    assert twin.id != doc.map.id and twin.name == "Onboarding (copy)"
    assert [s.name for s in twin.stages] == ["Reach"] and twin.stages is not doc.map.stages
    assert duplicate_map(doc.map, "  Second  ").name == "Second"
    long = Map(id="map-b", name="x" * 19_999)
    with pytest.raises(ValidationError, match="longer than"):
        duplicate_map(long)  # "(copy)" would push it past the limit
    with pytest.raises(ValidationError):
        duplicate_map(doc.map, "bell\x07")
