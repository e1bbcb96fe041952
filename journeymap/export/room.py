"""A map as the room sees it: the fields the facilitator hides on screen left out of an
export, when the export is asked to be "as shown in the room"."""

from __future__ import annotations

import copy

from ..model import Map

# The names the Facilitation panel hides by, and what each clears on a card (or the map).
CLEARED = {
    "channel": {"channel": ""},
    "owner": {"owner": ""},
    "experience": {"experience": None},
    "raci": {"raci": {}},
    "votes": {"votes": {}},
}


def as_shown(m: Map, hidden: set[str] | frozenset[str]) -> Map:
    """A copy of `m` without the hidden fields (the map on screen stays as it is): cards
    lose them, the hidden votes take the participants with them, hidden comments go."""
    shown = copy.deepcopy(m)
    for name in hidden:
        for field, empty in CLEARED.get(name, {}).items():
            for tp in shown.touchpoints:
                setattr(tp, field, copy.deepcopy(empty))
    if "votes" in hidden:
        shown.participants = {}
    if "comments" in hidden:
        shown.comments = []
    if "raci" in hidden:
        shown.roles = []
    return shown
