"""The responsibility matrix (RACI) of a map as CSV, XLSX and PDF.

Rows are touchpoints in display order (stage by stage, lane by lane, cell order), columns
are the map's roles in map order; a cell holds that role's letters in R, A, C, I order
joined by "/" (e.g. "R/A"), empty when the role has none.

Checks per touchpoint (the same rules as `journeymap check`): no accountable role, several
accountable roles, no responsible role. A role is overloaded when, in a map with at least 3
roles and 5 touchpoints, its share of all R and A letters exceeds max(40 %, 2 / roles).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ...io.safe_output import text_output
from ...io.spreadsheet_safety import escape_csv_text
from ...model import Map

LETTERS = "RACI"


@dataclass
class RaciRow:
    stage_id: str
    stage: str
    title: str
    cells: list[str]  # per role: "R/A", "C", "" ...


@dataclass
class RoleLoad:
    name: str
    counts: dict[str, int]  # letter -> touchpoints
    share: float  # of all R and A letters in the map
    overloaded: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class RaciCheck:
    stage: str
    title: str
    problem: str


@dataclass
class RaciMatrix:
    roles: list[str]
    rows: list[RaciRow]
    loads: list[RoleLoad]
    checks: list[RaciCheck]


def raci_matrix(m: Map) -> RaciMatrix:
    """The matrix, each role's load and the RACI problems, which come from the journey
    check itself: the sheet and the problems panel cannot disagree."""
    from ...analysis.checks import raci_overload, raci_rules
    from ...analysis.graph import JourneyGraph

    stage_names = {s.id: s.name for s in m.stages}
    roles = list(m.roles)
    rows = []
    counts = {role.id: dict.fromkeys(LETTERS, 0) for role in roles}
    for tp in m.touchpoints_in_display_order():
        cells = []
        for role in roles:
            letters = "".join(x for x in LETTERS if x in tp.raci.get(role.id, ""))
            for letter in letters:
                counts[role.id][letter] += 1
            cells.append("/".join(letters))
        rows.append(RaciRow(tp.stage, stage_names.get(tp.stage, ""), tp.title, cells))
    graph = JourneyGraph.of(m)
    overloaded = {found.extra["role"] for found in raci_overload(graph)}
    return RaciMatrix([r.name for r in roles], rows, _loads(m, counts, overloaded),
                      _checks(m, raci_rules(graph), stage_names))


def _checks(m: Map, problems, stage_names: dict[str, str]) -> list[RaciCheck]:
    """The journey check's RACI problems, short, in the sheet's row order."""
    by_card: dict[str, list] = {}
    for found in problems:
        for tp_id in found.ids:
            by_card.setdefault(tp_id, []).append(found)
    checks = []
    for tp in m.touchpoints_in_display_order():
        for found in by_card.get(tp.id, []):
            checks.append(RaciCheck(stage_names.get(tp.stage, ""), tp.title, _short(found)))
    return checks


def _short(found) -> str:
    if found.code == "raci-no-accountable":
        return "no accountable role (A)"
    if found.code == "raci-multiple-accountable":
        roles = found.extra["roles"]
        return f"{len(roles)} accountable roles: {', '.join(roles)}"
    return "no responsible role (R)"


def _loads(m: Map, counts, overloaded: set[str]) -> list[RoleLoad]:
    from ...analysis.checks import role_loads

    load, _limit, _judged = role_loads(m)
    total = sum(load.values())
    return [RoleLoad(role.name, counts[role.id], load[role.id] / total if total else 0.0,
                     role.name in overloaded) for role in m.roles]


# -- CSV ----------------------------------------------------------------------------------
def write_raci_csv(m: Map, out) -> None:
    """UTF-8, comma-separated, CRLF line ends (RFC 4180): Stage, Touchpoint, one column per
    role named after it. Text a spreadsheet would take for a formula gets one leading `'`.
    `out`: a path (replaced all or nothing) or a binary stream."""
    matrix = raci_matrix(m)
    with text_output(out) as handle:
        writer = csv.writer(handle)
        writer.writerow([escape_csv_text(text) for text in ["Stage", "Touchpoint", *matrix.roles]])
        for row in matrix.rows:
            writer.writerow([escape_csv_text(text) for text in [row.stage, row.title, *row.cells]])


# -- XLSX and PDF live in their own modules; re-exported here for the command line ---------
def write_raci_xlsx(m: Map, out: Path, *, paper: str = "A4") -> None:
    from .xlsx import write_xlsx

    write_xlsx(raci_matrix(m), m, out, paper=paper)


def write_raci_pdf(m: Map, out: Path, *, paper: str = "A3", portrait: bool = False) -> None:
    from .pdf import write_pdf

    write_pdf(raci_matrix(m), m, out, paper=paper, portrait=portrait)
