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

from ..io.safe_output import text_output
from ..io.spreadsheet_safety import escape_csv_text
from ..model import Map

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
    stage_names = {s.id: s.name for s in m.stages}
    roles = list(m.roles)
    rows, checks = [], []
    counts = {role.id: dict.fromkeys(LETTERS, 0) for role in roles}
    for tp in m.touchpoints_in_display_order():
        stage = stage_names.get(tp.stage, "")
        cells = []
        for role in roles:
            letters = "".join(x for x in LETTERS if x in tp.raci.get(role.id, ""))
            for letter in letters:
                counts[role.id][letter] += 1
            cells.append("/".join(letters))
        rows.append(RaciRow(tp.stage, stage, tp.title, cells))
        checks += _checks(stage, tp.title, [r.name for r, c in zip(roles, cells, strict=True)
                                            if "A" in c], any("R" in c for c in cells))
    return RaciMatrix([r.name for r in roles], rows, _loads(roles, counts, len(rows)), checks)


def _checks(stage: str, title: str, accountable: list[str], responsible: bool) -> list[RaciCheck]:
    found = []
    if not accountable:
        found.append(RaciCheck(stage, title, "no accountable role (A)"))
    elif len(accountable) > 1:
        found.append(RaciCheck(stage, title,
                               f"{len(accountable)} accountable roles: {', '.join(accountable)}"))
    if not responsible:
        found.append(RaciCheck(stage, title, "no responsible role (R)"))
    return found


def _loads(roles, counts, touchpoints: int) -> list[RoleLoad]:
    load = {r.id: counts[r.id]["R"] + counts[r.id]["A"] for r in roles}
    total = sum(load.values())
    limit = max(0.4, 2 / len(roles)) if roles else 1.0
    judged = len(roles) >= 3 and touchpoints >= 5 and total > 0
    result = []
    for role in roles:
        share = load[role.id] / total if total else 0.0
        result.append(RoleLoad(role.name, counts[role.id], share, judged and share > limit))
    return result


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
def write_raci_xlsx(m: Map, out: Path) -> None:
    from .raci_xlsx import write_xlsx

    write_xlsx(raci_matrix(m), m, out)


def write_raci_pdf(m: Map, out: Path, *, paper: str = "A3", portrait: bool = False) -> None:
    from .raci_pdf import write_pdf

    write_pdf(raci_matrix(m), m, out, paper=paper, portrait=portrait)
