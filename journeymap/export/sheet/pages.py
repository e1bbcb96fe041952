"""Content of the text pages (A3 report, touchpoint index, journey check) as flow blocks."""

from __future__ import annotations

from ..pdf import bidi, theme, typeset
from ..pdf.flow import Line, Seg, text_lines
from ..pdf.view import IndexEntry, SheetView

Block = tuple[list[Line], list[Line]]  # (heading kept with it, body)

H2 = 9.0
SMALL = 7.0


def heading(text: str, width: float, size: float = H2, band=theme.PANEL) -> list[Line]:
    """A banded heading; a long one wraps (a stage or map name is never cut)."""
    lines, _ = typeset.wrap(text, "bold", size, width - 8)
    return [Line([Seg(line, "bold", size, theme.INK)], size * 1.9, indent=4,
                 space_before=6 if index == 0 else 0, band=band)
            for index, line in enumerate(lines or [""])]


# -- A3 report, personas, sheet list -----------------------------------------------------------
def report_blocks(view: SheetView, width: float, sheets: list[str] | None = None, *,
                  sections: bool = True, personas: bool = True) -> list[Block]:
    blocks: list[Block] = []
    for number, (title, text) in enumerate(view.sections if sections else [], start=1):
        blocks.append((heading(f"{number}  {title}", width),
                       text_lines(text, width, size=theme.SECTION_TEXT_PT, indent=4)))
    if personas and view.persona_details:
        head = heading("Personas", width)
        for name, details in view.persona_details:
            body = [Line([Seg(name, "cond-bold", theme.BODY_PT + 0.5, theme.INK)], 12, 4, 3)]
            for label, text in details:
                body += text_lines(text, width, size=theme.BODY_PT - 0.5, indent=4, label=label)
            blocks.append((head, body))
            head = []
    if sheets:
        head = heading("Sheets in this set", width)
        body = [Line([Seg(line, "cond", theme.BODY_PT, theme.INK)], theme.BODY_PT * 1.4, 4)
                for line in sheets]
        blocks.append((head, body))
    return blocks


# -- touchpoint index ------------------------------------------------------------------------
def index_blocks(view: SheetView, width: float) -> list[Block]:
    """The map's description, then the touchpoints stage by stage; each stage's heading is
    followed by its goal and expected days in full (the stage header on the sheet cuts them)."""
    blocks: list[Block] = []
    blocks.append((heading("About this map", width), _about_lines(view, width)))
    stages = {}
    for stage_view in view.stages:
        stages.setdefault(stage_view.name, stage_view)
    stage = None
    for entry in view.index:
        head: list[Line] = []
        if entry.stage != stage:
            stage = entry.stage
            head = heading(f"Stage: {stage}" if stage else "Stage: –", width)
            head += _stage_lines(stages.get(stage), width)
        blocks.append((head, _entry_lines(entry, width)))
    return blocks


def _about_lines(view: SheetView, width: float) -> list[Line]:
    """What the title block shows in a line each (and may cut), in full."""
    lines = text_lines(view.name, width, style="cond-bold", size=theme.BODY_PT + 0.5, indent=4)
    for label, text in (("Journey", view.kind), ("Owner", view.owner), ("Date", view.date),
                        ("Version", view.version), ("Description", view.description)):
        if text.strip():
            lines += text_lines(text.strip(), width, size=SMALL + 0.5, indent=4, label=label)
    return lines


def _stage_lines(stage, width: float) -> list[Line]:
    if stage is None:
        return []
    lines = []
    if stage.days is not None:
        lines += text_lines(f"about {stage.days:g} days", width, size=SMALL + 0.5, indent=4,
                            label="Expected", colour=theme.MUTED)
    if stage.goal.strip():
        lines += text_lines(stage.goal.strip(), width, size=SMALL + 0.5, indent=4, label="Goal")
    return lines


def _title_line(entry: IndexEntry, width: float) -> list[Line]:
    """The full title on one line, shrinking the type down to 6 pt before it would wrap."""
    number = f"{entry.number}  "
    num_w = typeset.width(number, "cond-bold", 8.0)
    chip = theme.experience_label(entry.experience) if entry.experience is not None else ""
    room = width - num_w - 4 - (typeset.width("  " + chip, "bold", 7.0) if chip else 0)
    for size in (8.5, 7.5, 6.5, theme.MIN_PT):
        if typeset.fits(entry.title, "cond-bold", size, room):
            segs = [Seg(number, "cond-bold", 8.0, theme.FAINT), Seg(entry.title, "cond-bold", size)]
            if chip:
                segs.append(Seg("  " + chip, "bold", 7.0, theme.experience_colour(entry.experience)
                                if entry.experience else theme.MUTED))
            return [Line(segs, 12.0, 0, 5)]
    lines = text_lines(entry.title, width - num_w, style="cond-bold", size=6.5, indent=num_w)
    lines[0].segs.insert(0, Seg(number, "cond-bold", 8.0, theme.FAINT))
    lines[0].indent = 0
    lines[0].space_before = 5
    return lines


def _entry_lines(entry: IndexEntry, width: float) -> list[Line]:
    indent = 14.0
    lines = _title_line(entry, width)
    facts = " · ".join(bidi.isolate(fact) for fact in filter(None, [
        entry.lane, entry.channel.strip(),
        f"owner {entry.owner.strip()}" if entry.owner.strip() else "", entry.evidence]))
    lines += text_lines(facts, width, size=SMALL, colour=theme.MUTED, indent=indent,
                        direction=bidi.LTR)
    if entry.raci:
        raci = " · ".join(f"{letter} {_listed(names, ', ')}" for letter, names in entry.raci)
        lines += text_lines(raci, width, size=SMALL, indent=indent, label="RACI",
                            direction=bidi.LTR)
    for label, text in entry.details:
        lines += text_lines(text, width, size=SMALL + 0.5, indent=indent, label=label)
    if entry.leads_to:
        lines += text_lines(_listed(entry.leads_to), width, size=SMALL, colour=theme.MUTED,
                            indent=indent, label="Leads to", direction=bidi.LTR)
    return lines


# -- journey check summary -----------------------------------------------------------------------
def summary_blocks(report, width: float) -> list[Block]:
    """Key figures (labels aligned in one column), then every problem, errors first."""
    problems = list(getattr(report, "problems", []) or [])
    figures = getattr(report, "figures", {}) or {}
    rows = _figure_rows(figures)
    label_w = max((typeset.width(label + "  ", "cond-bold", theme.BODY_PT) for label, _ in rows),
                  default=0.0)
    label_w = min(label_w, width * 0.35)
    blocks: list[Block] = []
    head = heading("Key figures", width)
    for label, value in rows:
        blocks.append((head, text_lines(value, width, size=theme.BODY_PT, indent=4, label=label,
                                        label_w=label_w, direction=bidi.LTR)))
        head = []
    head = heading(f"Problems ({len(problems)})" if problems else "Problems — none found", width)
    if not problems:
        blocks.append((head, [Line([Seg("Every check passed.", "cond", theme.BODY_PT)], 12, 4)]))
    for problem in problems:
        blocks.append((head, _problem_lines(problem, width)))
        head = []
    return blocks


def summary_tiles(report) -> list[tuple[str, str, object]]:
    """(big value, label, colour) for the row of tiles on top of the summary page."""
    figures = getattr(report, "figures", {}) or {}
    problems = list(getattr(report, "problems", []) or [])
    errors = sum(1 for p in problems if getattr(p, "severity", "") == "error")
    path = figures.get("critical_path") or {}
    days = path.get("days")
    hand = figures.get("handoffs") or {}
    tiles = [
        (str(figures.get("touchpoints", "–")), "touchpoints", theme.INK),
        (f"{figures.get('connections', '–')}", f"connections · {figures.get('loops', 0)} loops",
         theme.INK),
        (f"{figures.get('stages', '–')} × {figures.get('lanes', '–')}", "stages × lanes", theme.INK),
        (str(figures.get("depth", "–")), "stages reached", theme.INK),
        (str(hand.get("total", "–")), "hand-offs between lanes", theme.INK),
        (f"{days:g} d" if days is not None else "–", "critical path", theme.INK),
        (str(errors), "errors", theme.ERROR if errors else theme.GOOD),
        (str(len(problems) - errors), "warnings", theme.WARNING if len(problems) - errors else theme.GOOD),
    ]
    return tiles


def _problem_lines(problem, width: float) -> list[Line]:
    severity = str(getattr(problem, "severity", ""))
    colour = theme.ERROR if severity == "error" else theme.WARNING
    code = str(getattr(problem, "code", ""))
    lines = [Line([Seg("● ", "bold", theme.BODY_PT, colour), Seg(code, "cond-bold", theme.BODY_PT, colour),
                   Seg(f"  {severity}", "cond", SMALL, theme.MUTED)], 12.0, 4, 4)]
    lines += text_lines(str(getattr(problem, "message", "")), width, size=theme.BODY_PT, indent=14,
                        direction=bidi.LTR)
    titles = list(getattr(problem, "touchpoints", []) or [])
    if titles:
        lines += text_lines(_listed(titles), width, size=SMALL, colour=theme.MUTED, indent=14,
                            label="Touchpoints", direction=bidi.LTR)
    return lines


def _figure_rows(figures: dict) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []

    def add(label, value):
        if value not in (None, "", [], {}):
            rows.append((label, str(value)))

    add("Touchpoints", figures.get("touchpoints"))
    if "connections" in figures:
        add("Connections", f"{figures['connections']} (loops {figures.get('loops', 0)})")
    add("Stages · lanes · roles", " · ".join(str(figures.get(k, "–"))
                                            for k in ("stages", "lanes", "roles")))
    add("Entries", _listed(figures.get("entries", []) or []))
    add("Goals", _listed(figures.get("goals", []) or []))
    add("Depth", f"{figures['depth']} stages reached" if "depth" in figures else None)
    reach = figures.get("reach") or {}
    for key, label in (("main_path", "Reach, main path"), ("reachable", "Reach, all paths")):
        add(label, _reach_text(reach.get(key)))
    hand = figures.get("handoffs") or {}
    if hand:
        add("Handoffs", f"{hand.get('total', 0)} in all, {hand.get('main_path', 0)} on the main path")
    add("Critical path", _critical_path_text(figures.get("critical_path") or {}))
    evidence = figures.get("evidence") or {}
    if evidence:
        add("Evidence", " · ".join(f"{k} {v * 100:.0f} %" for k, v in evidence.items()))
    experience = figures.get("experience") or {}
    if experience:
        add("Experience", " · ".join(
            f"{bidi.isolate(k)} {theme.experience_label(v, 1) if v is not None else '–'}"
            for k, v in experience.items()))
    per_lane = figures.get("touchpoints_per_lane") or {}
    if per_lane:
        add("Touchpoints per lane", " · ".join(f"{bidi.isolate(k)} {v}"
                                               for k, v in per_lane.items()))
    return rows


def _reach_text(part: dict | None) -> str | None:
    if not part:
        return None
    return (f"{part.get('touchpoints', 0)} touchpoints in {part.get('lanes', 0)} "
            f"lanes ({_listed(part.get('lane_names', []), ', ')})")


def _critical_path_text(path: dict) -> str | None:
    if not path.get("titles"):
        return None
    days = path.get("days")
    planned = path.get("planned_stage_days")
    extra = f" — {days:g} days" if days is not None else ""
    extra += f" (stages planned: {planned:g} days)" if planned is not None else ""
    return _listed(path["titles"], " → ") + extra


def _listed(names, separator: str = "; ") -> str:
    """The user's names in a list of Journeymap's, each isolated so the list keeps its order."""
    return separator.join(bidi.isolate(name) for name in names)
