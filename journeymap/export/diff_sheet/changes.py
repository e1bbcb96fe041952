"""The change list of the current -> target sheet: every change of a `MapDiff` as entries in
sections, and the entries as flow blocks of lines for a column of any width.

Nothing is ever cut here: titles, names and old and new values wrap onto as many lines as
they need. User text (titles, names, values) takes its own direction; Journeymap's words
around it are left to right, with the user text isolated in them (`bidi.isolate`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...diff import MapDiff, NamedListDiff
from ...model import Map
from ..pdf import bidi, theme, typeset
from ..pdf.flow import Line, Seg
from ..sheet.pages import heading
from .grid import ADDED, CHANGED, MOVED, RACI, REMOVED
from .marks import field_label
from .summary import count_text as _count

PT = theme.BODY_PT
LEAD = PT * 1.25
GLYPH_W = 11.0
Block = tuple[list[Line], list[Line]]  # (heading kept with it, body)


@dataclass
class Entry:
    glyph: str
    colour: object
    title: str  # user text (a title, a name) or Journeymap's own
    details: list[str] = field(default_factory=list)  # Journeymap's sentences
    own: bool = False  # the title is Journeymap's wording (left to right)


@dataclass
class Section:
    title: str
    entries: list[Entry]


def _where(stage: str, lane: str) -> str:
    return f"{bidi.isolate(stage or '–')} · {bidi.isolate(lane or '–')}"


def value_text(value) -> str:
    """An old or new value as the change list prints it, whole."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(f"{bidi.isolate(str(k))} {value_text(v)}" for k, v in value.items()) \
            or "none"
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value) or "none"
    text = str(value)
    return "empty" if not text.strip() else text


def field_details(fields: dict[str, tuple]) -> list[str]:
    """'channel: Email → Phone'; a long pair as 'description was: …' and 'now: …'."""
    out = []
    for name, (old, new) in fields.items():
        label = field_label(name)
        was, now = value_text(old), value_text(new)
        if len(was) + len(now) <= 60 and "\n" not in was + now:
            out.append(f"{label}: {bidi.isolate(was)} → {bidi.isolate(now)}")
        else:
            out += [f"{label} was: {bidi.isolate(was)}", f"{label} now: {bidi.isolate(now)}"]
    return out


def change_sections(old: Map, new: Map, diff: MapDiff, unplaced: set[str]) -> list[Section]:
    """The sections of the change list, empty ones left out; `unplaced` are the removed
    titles the grid could not show as ghosts."""
    sections = [Section("Map texts and details", [
        Entry("Δ", CHANGED, field_label(name).capitalize(), field_details({name: pair}), True)
        for name, pair in diff.map_fields.items()])]
    for title, named in (("Stages", diff.stages), ("Lanes", diff.lanes), ("Roles", diff.roles)):
        sections.append(Section(title, _named(named)))
    sections.append(Section(f"Touchpoints added · {len(diff.added):,}", [
        Entry("+", ADDED, title, [f"in {_where(*_cell(new, tp_id))}"])
        for tp_id, title in diff.added]))
    sections.append(Section(f"Touchpoints removed · {len(diff.removed):,}", [
        Entry("−", REMOVED, title, [f"was in {_where(*_cell(old, tp_id))}"
                                    + (" · its stage or lane is gone, so it is not on the grid"
                                       if title in unplaced else "")])
        for tp_id, title in diff.removed]))
    sections.append(Section(f"Touchpoints moved · {len(diff.moved):,}", [
        Entry("↪", MOVED, m.title, [f"from {_where(m.old_cell.stage, m.old_cell.lane)} "
                                    f"to {_where(m.new_cell.stage, m.new_cell.lane)}"])
        for m in diff.moved]))
    sections.append(Section(f"Touchpoints changed · {len(diff.changed):,}", [
        Entry("Δ", CHANGED, c.title, field_details(c.fields)) for c in diff.changed]))
    sections.append(Section(f"RACI · {_count(len(diff.raci), 'change')}", _raci(diff)))
    connections = ([Entry("+", ADDED, _ends(e.source, e.target), own=True)
                    for e in diff.connections_added]
                   + [Entry("−", REMOVED, _ends(e.source, e.target), own=True)
                      for e in diff.connections_removed]
                   + [Entry("Δ", CHANGED, _ends(c.source, c.target), field_details(c.fields),
                            True) for c in diff.connections_changed])
    sections.append(Section(f"Connections · {_count(len(connections), 'change')}",
                            connections))
    return [s for s in sections if s.entries]


def _cell(m: Map, tp_id: str) -> tuple[str, str]:
    tp = m.touchpoint(tp_id)
    if tp is None:
        return "", ""
    stage, lane = m.stage(tp.stage), m.lane(tp.lane)
    return (stage.name if stage else ""), (lane.name if lane else "")


def _ends(source: str, target: str) -> str:
    return f"{bidi.isolate(source)} → {bidi.isolate(target)}"


def _named(named: NamedListDiff) -> list[Entry]:
    entries = [Entry("+", ADDED, name, ["added"]) for name in named.added]
    entries += [Entry("−", REMOVED, name, ["removed"]) for name in named.removed]
    entries += [Entry("Δ", CHANGED, new, [f"renamed, was {bidi.isolate(old)}"])
                for old, new in named.renamed]
    if named.reordered:
        entries.append(Entry("⇅", CHANGED, "The order changed", own=True))
    return entries


def _raci(diff: MapDiff) -> list[Entry]:
    """One entry a touchpoint, a line a role: 'Billing lead: R → R/A'."""
    by_card: dict[str, Entry] = {}
    for change in diff.raci:
        entry = by_card.setdefault(change.touchpoint_id, Entry("R", RACI, change.touchpoint))
        entry.details.append(f"{bidi.isolate(change.role)}: {_letters(change.old)} → "
                             f"{_letters(change.new)}")
    return list(by_card.values())


def _letters(letters: str) -> str:
    return "/".join(letters) if letters else "none"


# -- as lines ------------------------------------------------------------------------------------
def entry_lines(entry: Entry, width: float) -> list[Line]:
    """The glyph in its colour, the title in bold beside it, the details under it."""
    room = max(width - GLYPH_W - 4, 40)
    direction = bidi.LTR if entry.own else None
    titles, _ = typeset.wrap(entry.title, "cond-bold", PT, room, direction=direction)
    lines = []
    for index, text in enumerate(titles or [""]):
        segs = [Seg(text, "cond-bold", PT, theme.INK)]
        if index == 0:
            segs.insert(0, Seg(entry.glyph, "cond-bold", PT, entry.colour, advance=GLYPH_W))
        lines.append(Line(segs, LEAD, 4 if index == 0 else 4 + GLYPH_W,
                          space_before=2 if index == 0 else 0))
    for detail in entry.details:
        wrapped, _ = typeset.wrap(detail, "cond", PT, room - 6, direction=bidi.LTR)
        for index, text in enumerate(wrapped or [""]):
            lines.append(Line([Seg(text, "cond", PT, theme.MUTED)], LEAD,
                              4 + GLYPH_W + (0 if index == 0 else 6)))
    return lines


Position = tuple[int, int]  # (section, entry)


def positions(sections: list[Section]) -> list[Position]:
    return [(s, e) for s, section in enumerate(sections) for e in range(len(section.entries))]


def blocks(sections: list[Section], at: list[Position], width: float) -> list[Block]:
    """Blocks of the entries at `at`, each section's heading with its first entry there (a
    section that began before says "continued")."""
    out: list[Block] = []
    last = None
    for s, e in at:
        head: list[Line] = []
        if s != last:
            title = sections[s].title + (" (continued)" if e else "")
            head = heading(title, width)
            last = s
        out.append((head, entry_lines(sections[s].entries[e], width)))
    return out


def block_height(block: Block) -> float:
    return sum(line.height + line.space_before for line in block[0] + block[1])
