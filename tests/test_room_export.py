"""`as_shown`: a map without the fields hidden from the room, the original untouched."""

from __future__ import annotations

from journeymap.export.room import as_shown
from journeymap.templates import build_template


def test_hidden_fields_are_left_out_of_a_copy():
    m = build_template("renewal", "Renewal")
    m.touchpoints[0].votes = {"Ana": 2}
    m.participants = {"Ana": "#0072b2"}
    shown = as_shown(m, {"owner", "experience", "raci", "votes"})
    assert all(tp.owner == "" and tp.experience is None and tp.raci == {} and tp.votes == {}
               for tp in shown.touchpoints)
    assert shown.participants == {} and shown.roles == []
    assert [tp.title for tp in shown.touchpoints] == [tp.title for tp in m.touchpoints]
    assert m.touchpoints[0].votes == {"Ana": 2} and any(tp.owner for tp in m.touchpoints)
    assert as_shown(m, set()) == m
