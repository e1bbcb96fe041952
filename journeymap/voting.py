"""Dot voting in a workshop: participants with a colour each, a dot budget, the ranking.

The rules live here once, for the canvas, the Facilitation panel and the tests: a vote past
the budget is refused with one sentence; a first vote by a new name adds that participant
(with the next free colour) in the same undo step; clearing everyone's or one participant's
dots is one undo step. The ranking gives tied cards the same rank ("1, 1, 3").
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from .commands import Command, Update, UpdateMap
from .errors import ValidationError
from .model import Map, Touchpoint
from .validation import checked_map_values, required_text
from .validation.characters import escaped
from .validation.numbers import VOTES_MAXIMUM

# Distinct on screen and in print, and for the common colour-vision deficiencies in the first
# eight (Okabe-Ito, with a darker yellow); then further hues.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#b8a000",
           "#000000", "#8c564b", "#7f7f7f", "#17becf", "#9467bd")


def next_colour(m: Map) -> str:
    used = set(m.participants.values())
    free = [colour for colour in PALETTE if colour not in used]
    return free[0] if free else PALETTE[len(m.participants) % len(PALETTE)]


def known_name(m: Map, name: str) -> str | None:
    """The participant's name as the map spells it (case aside), or None."""
    key = name.casefold()
    return next((known for known in m.participants if known.casefold() == key), None)


def given(m: Map, name: str) -> int:
    return sum(tp.votes.get(name, 0) for tp in m.touchpoints)


def dots_left(m: Map, name: str) -> int | None:
    """Dots `name` may still give; None when there is no budget."""
    if not m.dot_budget:
        return None
    return max(0, m.dot_budget - given(m, name))


def vote(document, tp_id: str, participant: str, delta: int = 1) -> None:
    """Give (delta 1) or take back (-1) one dot of `participant` on a card, in one step."""
    m = document.map
    tp = document._get("touchpoint", tp_id)
    name = required_text(participant, "A participant's name")
    name = known_name(m, name) or name
    left = dots_left(m, name)
    if delta > 0 and left == 0:
        raise ValidationError(f"{escaped(name)} has used all {m.dot_budget} dots; take one "
                              "back (Shift+click a card) to give it elsewhere.")
    votes = dict(tp.votes)
    votes[name] = min(VOTES_MAXIMUM, max(0, votes.get(name, 0) + delta))
    if votes[name] == 0:
        del votes[name]
    if votes == tp.votes:
        return
    ops = [Update("touchpoint", tp_id, {"votes": votes})]
    if name not in m.participants:
        joined = checked_map_values({"participants": {**m.participants, name: next_colour(m)}})
        ops.insert(0, UpdateMap(joined))
    document.run(Command("Vote", ops))


def add_participant(document, name: str, colour: str | None = None) -> str:
    """Add a participant (the next free colour unless given); returns the name as kept."""
    m = document.map
    name = required_text(name, "A participant's name")
    if known_name(m, name) is not None:
        raise ValidationError(f"{escaped(name)} is already a participant.")
    values = checked_map_values({"participants": {**m.participants,
                                                  name: colour or next_colour(m)}})
    document.run(Command(f"Add participant {name}", [UpdateMap(values)]))
    return next(reversed(document.map.participants))


def set_colour(document, name: str, colour: str) -> None:
    m = document.map
    known = known_name(m, name)
    if known is None:
        raise ValidationError(f"{escaped(name)} is not a participant.")
    values = checked_map_values({"participants": {**m.participants, known: colour}})
    document.run(Command(f"Colour of {known}", [UpdateMap(values)]))


def remove_participant(document, name: str) -> None:
    """Remove a participant and their dots, in one step."""
    m = document.map
    known = known_name(m, name)
    if known is None:
        raise ValidationError(f"{escaped(name)} is not a participant.")
    kept = {other: colour for other, colour in m.participants.items() if other != known}
    ops = [UpdateMap({"participants": kept}), *_clearing(m, known)]
    document.run(Command(f"Remove participant {known}", ops))


def set_budget(document, dots: int | None) -> None:
    document.set_map_fields(dot_budget=dots)


def clear_votes(document, participant: str | None = None) -> int:
    """Take away every dot (or one participant's) in one step; returns how many went."""
    m = document.map
    name = None if participant is None else (known_name(m, participant) or participant)
    ops = _clearing(m, name)
    removed = sum(tp.votes.get(name, 0) if name else tp.vote_total for tp in m.touchpoints)
    if ops:
        label = "Clear all dots" if name is None else f"Clear the dots of {name}"
        document.run(Command(label, ops))
    return removed


def _clearing(m: Map, name: str | None) -> list:
    ops = []
    for tp in m.touchpoints:
        if name is None and tp.votes:
            ops.append(Update("touchpoint", tp.id, {"votes": {}}))
        elif name is not None and name in tp.votes:
            rest = {k: v for k, v in tp.votes.items() if k != name}
            ops.append(Update("touchpoint", tp.id, {"votes": rest}))
    return ops


@dataclass(frozen=True)
class Ranked:
    rank: int  # 1 for the most dots; tied cards share a rank
    tied: bool
    touchpoint: Touchpoint
    dots: int


def ranking(m: Map) -> list[Ranked]:
    """The cards with dots, most first (ties in map display order), ranked competition
    style: two cards with 5 dots are both 1st, the next is 3rd."""
    cards = [tp for tp in m.touchpoints_in_display_order() if tp.vote_total]
    cards.sort(key=lambda tp: -tp.vote_total)  # stable: display order within a tie
    first: dict[int, int] = {}
    count: Counter[int] = Counter()
    for place, tp in enumerate(cards, 1):
        first.setdefault(tp.vote_total, place)
        count[tp.vote_total] += 1
    return [Ranked(first[tp.vote_total], count[tp.vote_total] > 1, tp, tp.vote_total)
            for tp in cards]


def rank_text(entry: Ranked) -> str:
    return f"{entry.rank}=" if entry.tied else str(entry.rank)


def ranking_csv(m: Map) -> str:
    """The ranking as CSV: rank, touchpoint, stage, lane, dots, then one column per
    participant (text cells escaped against spreadsheet formulas)."""
    from .io.spreadsheet_safety import escape_csv_text

    stages = {s.id: s.name for s in m.stages}
    lanes = {lane.id: lane.name for lane in m.lanes}
    names = list(m.participants) + sorted(
        {n for tp in m.touchpoints for n in tp.votes} - set(m.participants))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Rank", "Touchpoint", "Stage", "Lane", "Dots",
                     *(escape_csv_text(n) for n in names)])
    for entry in ranking(m):
        tp = entry.touchpoint
        writer.writerow([rank_text(entry), escape_csv_text(tp.title),
                         escape_csv_text(stages.get(tp.stage, "")),
                         escape_csv_text(lanes.get(tp.lane, "")), entry.dots,
                         *(tp.votes.get(n, 0) for n in names)])
    return out.getvalue()
