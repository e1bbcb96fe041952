"""Dot voting's rules (journeymap/voting.py) through the document: participants and their
colours, the budget, clearing, the ranking with ties, its CSV, and the map file round trip."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap import voting
from journeymap.document import Document
from journeymap.errors import ValidationError
from journeymap.io.mapfile import map_from_dict, map_to_dict
from journeymap.templates import build_template


@pytest.fixture
def doc():
    return Document(build_template("renewal", "Renewal"))


def cards(doc):
    return doc.map.touchpoints


def test_a_first_vote_adds_the_participant_with_a_colour_in_the_same_step(doc):
    doc.vote(cards(doc)[0].id, "Ana")
    assert list(doc.map.participants) == ["Ana"]
    assert doc.map.participants["Ana"] == voting.PALETTE[0]
    doc.vote(cards(doc)[1].id, "ana")  # the same person, as the map spells her
    assert cards(doc)[1].votes == {"Ana": 1}
    doc.undo()
    doc.undo()
    assert doc.map.participants == {} and cards(doc)[0].votes == {}


def test_participants_get_distinct_colours_and_names_are_unique(doc):
    for name in ("Ana", "Ben", "Chidi"):
        voting.add_participant(doc, name)
    colours = list(doc.map.participants.values())
    assert len(set(colours)) == 3
    with pytest.raises(ValidationError, match="already a participant"):
        voting.add_participant(doc, " ben ")
    with pytest.raises(ValidationError, match="#1f77b4"):
        voting.set_colour(doc, "Ana", "red")
    voting.set_colour(doc, "Ana", "#AA0000")
    assert doc.map.participants["Ana"] == "#aa0000"


def test_the_budget_refuses_a_vote_past_it_in_one_sentence(doc):
    voting.set_budget(doc, 2)
    tp = cards(doc)[0]
    doc.vote(tp.id, "Ana")
    doc.vote(cards(doc)[1].id, "Ana")
    assert voting.dots_left(doc.map, "Ana") == 0
    with pytest.raises(ValidationError, match="Ana has used all 2 dots"):
        doc.vote(cards(doc)[2].id, "Ana")
    assert cards(doc)[2].votes == {}
    doc.vote(tp.id, "Ana", -1)  # taking one back frees it
    doc.vote(cards(doc)[2].id, "Ana")
    assert voting.given(doc.map, "Ana") == 2
    voting.set_budget(doc, 0)
    assert doc.map.dot_budget is None and voting.dots_left(doc.map, "Ana") is None
    with pytest.raises(ValidationError, match="dot budget"):
        voting.set_budget(doc, 100)


def test_clearing_one_participant_or_everyone_is_one_undo_step(doc):
    for index, name in enumerate(("Ana", "Ben", "Ana")):
        doc.vote(cards(doc)[index].id, name)
    assert voting.clear_votes(doc, "ana") == 2
    assert all("Ana" not in tp.votes for tp in cards(doc))
    assert cards(doc)[1].votes == {"Ben": 1}
    doc.undo()
    assert voting.given(doc.map, "Ana") == 2
    assert voting.clear_votes(doc) == 3
    assert all(not tp.votes for tp in cards(doc))
    doc.undo()
    assert sum(tp.vote_total for tp in cards(doc)) == 3


def test_removing_a_participant_takes_their_dots_in_one_step(doc):
    doc.vote(cards(doc)[0].id, "Ana")
    doc.vote(cards(doc)[0].id, "Ben")
    voting.remove_participant(doc, "Ana")
    assert list(doc.map.participants) == ["Ben"] and cards(doc)[0].votes == {"Ben": 1}
    doc.undo()
    assert list(doc.map.participants) == ["Ana", "Ben"]
    assert cards(doc)[0].votes == {"Ana": 1, "Ben": 1}


def test_the_ranking_shares_ranks_on_ties_and_exports_as_csv(doc):
    a, b, c = cards(doc)[0], cards(doc)[1], cards(doc)[2]
    for tp, name in ((a, "Ana"), (a, "Ben"), (b, "Ana"), (b, "Ben"), (c, "Ana")):
        doc.vote(tp.id, name)
    ranked = voting.ranking(doc.map)
    assert [(r.rank, r.tied, r.dots) for r in ranked] == [(1, True, 2), (1, True, 2),
                                                           (3, False, 1)]
    assert [voting.rank_text(r) for r in ranked] == ["1=", "1=", "3"]
    rows = list(csv.reader(io.StringIO(voting.ranking_csv(doc.map))))
    assert rows[0] == ["Rank", "Touchpoint", "Stage", "Lane", "Dots", "Ana", "Ben"]
    assert rows[3][:1] == ["3"] and rows[3][1] == c.title and rows[3][4:] == ["1", "1", "0"]


def test_csv_cells_that_look_like_formulas_are_escaped(doc):
    doc.update("touchpoint", cards(doc)[0].id, title="=HYPERLINK(1)")
    doc.vote(cards(doc)[0].id, "@admin")
    text = voting.ranking_csv(doc.map)
    assert "'=HYPERLINK(1)" in text and "'@admin" in text


def test_participants_and_budget_survive_the_map_file(doc):
    doc.vote(cards(doc)[0].id, "Ana")
    voting.add_participant(doc, "Ben", "#123456")
    voting.set_budget(doc, 3)
    data = map_to_dict(doc.map)
    assert data["version"] == 2
    assert data["map"]["participants"] == [{"name": "Ana", "colour": voting.PALETTE[0]},
                                           {"name": "Ben", "colour": "#123456"}]
    back = map_from_dict(data)
    assert back.participants == doc.map.participants and back.dot_budget == 3
    # A version-1 file (no participants) still imports.
    data["version"] = 1
    del data["map"]["participants"], data["map"]["dot_budget"]
    old = map_from_dict(data)
    assert old.participants == {} and old.dot_budget is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 13), st.sampled_from(["Ana", "Ben", "Cy"]),
                          st.sampled_from([1, 1, -1])), max_size=30),
       st.integers(1, 4))
def test_nobody_ever_gives_more_dots_than_the_budget(steps, budget):
    doc = Document(build_template("renewal", "Renewal"))
    voting.set_budget(doc, budget)
    for index, name, delta in steps:
        try:
            doc.vote(doc.map.touchpoints[index].id, name, delta)
        except ValidationError:
            assert voting.given(doc.map, name) == budget
    for name in ("Ana", "Ben", "Cy"):
        assert voting.given(doc.map, name) <= budget


def test_participants_and_budget_are_saved_in_the_workspace(tmp_path, doc):
    from journeymap.storage import Autosave, Workspace

    path = tmp_path / "w.journeymap"
    with Workspace.open(path) as workspace:
        stored = workspace.add_map(doc.map)
        autosave = Autosave(workspace)
        document = autosave.follow(Document(workspace.load_map(stored.id)))
        document.vote(document.map.touchpoints[0].id, "Ana")
        voting.set_budget(document, 5)
        assert autosave.all_saved
    with Workspace.open(path, readonly=True) as reader:
        again = reader.load_map(stored.id)
    assert again.participants == {"Ana": voting.PALETTE[0]} and again.dot_budget == 5
