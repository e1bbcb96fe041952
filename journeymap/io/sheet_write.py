"""Write a map as a workshop sheet (CSV or XLSX): the 17 columns, one touchpoint a row.

Rows follow `Map.touchpoints_in_display_order()`. Numbers are written without a trailing
`.0` when whole (`3`, `2.5`); empty cells stand for "not set". `Days` is the touchpoint's own
expected days. R, A, C, I list role names (in the map's role order) separated by `, `; Next
and Loops list target titles separated by `; `, with a `;` inside a title doubled (`;;`) so the
reader can tell it from a separator. Line breaks are written as `\\n`; control characters
that no spreadsheet cell can hold are dropped, with one warning.

When the card rows alone would not give the map's stage and lane order (an empty stage or
lane, or a lane whose first card comes after another lane's), the sheet starts with order
rows: Stage and Lane filled, every other cell empty (see `_order_rows`).

What the sheet cannot carry: the A3 header, personas, stage and lane details, colours,
capacities, evidence, votes, notes, connection labels, and roles no touchpoint uses. A role
name containing `,` or a title used twice in the map does not survive a round trip.

- CSV: UTF-8 *without* BOM, `,` as delimiter, quotes only where a cell needs them, CRLF
  line ends (RFC 4180). A text cell a spreadsheet would take for a formula gets one leading
  `'` (see `spreadsheet_safety`); numbers never do.
- XLSX: one worksheet "Journey" with a bold, frozen header row and column widths fitted to
  the content; every text is a string cell, never a formula.

`out` is a path (written through `safe_output.replacing`: all or nothing) or a binary stream.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from ..model import Map, Touchpoint
from .safe_output import binary_output, text_output
from .sheet_format import (
    RACI_COLUMNS,
    SHEET_COLUMNS,
    clean_text,
    format_number,
    join_roles,
    join_titles,
    plain_number,
)
from .spreadsheet_safety import (
    DroppedCharacters,
    escape_csv_text,
    xlsx_misreads,
    xlsx_text_cell,
)

_MIN_WIDTH, _MAX_WIDTH = 6, 60


def sheet_rows(m: Map) -> list[list]:
    """The sheet's data rows as typed values (text, int, float or None), header excluded."""
    stages = {stage.id: stage.name for stage in m.stages}
    lanes = {lane.id: lane.name for lane in m.lanes}
    titles = {tp.id: tp.title for tp in m.touchpoints}
    outgoing = defaultdict(list)
    for conn in m.connections:
        if conn.target in titles:
            outgoing[conn.source].append(conn)
    rows = [
        _row(tp, m, stages, lanes, titles, outgoing[tp.id])
        for tp in m.touchpoints_in_display_order()
    ]
    return _order_rows(m) + rows


def _order_rows(m: Map) -> list[list]:
    """Rows with only Stage and Lane that keep the order of stages and lanes.

    The reader takes stage and lane order from first appearance, which the card rows alone
    cannot always give (a lane whose first card is in a later stage than another lane's, or
    a stage or lane with no card). Only when that happens, the sheet starts with rows that
    name each stage and lane once, in order, and nothing else.
    """
    ordered = m.touchpoints_in_display_order()
    first_stages = list(dict.fromkeys(tp.stage for tp in ordered))
    first_lanes = list(dict.fromkeys(tp.lane for tp in ordered))
    if first_stages == [s.id for s in m.stages] and first_lanes == [ln.id for ln in m.lanes]:
        return []
    if not m.stages or not m.lanes:
        return []
    blank = [None] * (len(SHEET_COLUMNS) - 2)
    count = max(len(m.stages), len(m.lanes))
    return [
        [
            clean_text(m.stages[min(k, len(m.stages) - 1)].name),
            clean_text(m.lanes[min(k, len(m.lanes) - 1)].name),
            *blank,
        ]
        for k in range(count)
    ]


def _row(tp: Touchpoint, m: Map, stages, lanes, titles, outgoing) -> list:
    raci = [join_roles(_roles_with(m, tp, letter)) for letter in RACI_COLUMNS]
    next_titles = [titles[c.target] for c in outgoing if not c.loop]
    loop_titles = [titles[c.target] for c in outgoing if c.loop]
    row = [
        stages.get(tp.stage, ""),
        lanes.get(tp.lane, ""),
        tp.title,
        tp.channel,
        tp.description,
        tp.experience,
        tp.owner,
        *raci,
        join_titles(next_titles),
        join_titles(loop_titles),
        plain_number(tp.days),
        plain_number(tp.volume),
        plain_number(tp.cost),
        tp.kpi,
    ]
    return [clean_text(value) if isinstance(value, str) else value for value in row]


def _roles_with(m: Map, tp: Touchpoint, letter: str) -> list[str]:
    return [role.name for role in m.roles if letter in tp.raci.get(role.id, "")]


def _as_text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else format_number(value)


def _csv_cell(value) -> str:
    return escape_csv_text(value) if isinstance(value, str) else _as_text(value)


def write_sheet_csv(m: Map, out) -> None:
    """Write the map as a CSV workshop sheet (UTF-8 without BOM, `,`, minimal quoting)."""
    with text_output(out) as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(SHEET_COLUMNS)
        for row in sheet_rows(m):
            writer.writerow([_csv_cell(value) for value in row])
    _warn_dropped(m, out)


def write_sheet_xlsx(m: Map, out) -> None:
    """Write the map as an XLSX workshop sheet with a bold, frozen header row."""
    from openpyxl import Workbook  # heavy: only when a workbook is written
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows = sheet_rows(m)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Journey")
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_widths(rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for name in SHEET_COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_value(sheet, value, WriteOnlyCell) for value in row])
    data = io.BytesIO()  # made whole in memory: a failed write leaves no half-open zip behind
    workbook.save(data)
    with binary_output(out) as stream:
        stream.write(data.getvalue())
    _warn_dropped(m, out)


def _warn_dropped(m: Map, out) -> None:
    """One warning when `clean_text` left control characters out of the sheet."""
    dropped = DroppedCharacters(getattr(out, "name", None) or str(out))
    for kind, items in (("stage", m.stages), ("lane", m.lanes), ("role", m.roles)):
        for item in items:
            dropped.clean(item.name, f"the {kind}")
    for tp in m.touchpoints:
        for value in (tp.title, tp.channel, tp.description, tp.owner, tp.kpi):
            dropped.clean(value, "the text")
    dropped.warn()


def _xlsx_value(sheet, value, cell_class):
    if value == "" or value is None:
        return None
    if isinstance(value, str) and xlsx_misreads(value):  # a cell of its own only where needed:
        return xlsx_text_cell(cell_class(sheet), value)  # plain values are much faster
    return value


def _widths(rows: list[list]) -> list[float]:
    """Column widths in characters: the longest first line of a cell, within limits."""
    widths = [len(name) for name in SHEET_COLUMNS]
    for row in rows:
        for index, value in enumerate(row):
            text = _as_text(value)
            if text:
                widths[index] = max(widths[index], len(text.split("\n", 1)[0]))
    return [min(max(width, _MIN_WIDTH), _MAX_WIDTH) + 2 for width in widths]
