"""The RACI matrix as a formatted workbook: the whole matrix, one sheet per stage, a
"Summary" sheet (one row per role) and a "Checks" sheet.

Letter cells are filled per letter in the PDF's colours (`palette`): a single letter is a
string in its letter's ink and weight, several letters ("R/A") are rich text with each letter
in its own. The matrix's cell formats are named styles registered once per workbook: openpyxl
hashes every format object assigned to a cell, which made per-cell formats the bulk of a
2,000-row matrix's time. Every sheet prints landscape, one page wide, with its header row
repeated on each page, on the paper the export asked for (A4 when Excel has no code for it).

Every text goes through `_put`: a string cell (never a formula, whatever it starts with),
without the control characters an XLSX cell cannot hold (left out, with one warning)."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter

from ...io.safe_output import binary_output
from ...io.spreadsheet_safety import DroppedCharacters, xlsx_clean, xlsx_text_cell
from ...model import Map
from .matrix import RaciMatrix, RaciRow
from .palette import LETTER_STYLES, cell_letter

LETTER_FILLS = {letter: PatternFill("solid", fgColor=style.fill)
                for letter, style in LETTER_STYLES.items()}
LETTER_FONTS = {letter: Font(bold=style.bold, color=style.ink)
                for letter, style in LETTER_STYLES.items()}
INLINE_FONTS = {letter: InlineFont(b=style.bold, color=style.ink)
                for letter, style in LETTER_STYLES.items()}
SLASH_FONT = InlineFont(b=False, color="000000")  # plain, not the cell's letter font
# Excel's paper codes (ECMA-376 part 1, 18.3.1.63); papers without one print on A4.
PAPER_CODES = {"A4": 9, "A3": 8, "A2": 66, "Letter": 1, "Tabloid": 3}
TITLE_WIDTH = (24, 60)  # characters: the touchpoint column's narrowest and widest
HEADER_FILL = PatternFill("solid", fgColor="1F2933")
HEADER_FONT = Font(bold=True, color="FFFFFF")
STRIPE = PatternFill("solid", fgColor="F3F5F7")
OVERLOAD_FILL = PatternFill("solid", fgColor="FBE3E4")
CENTRE = Alignment(horizontal="center", vertical="center")
WRAP_HEAD = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_TEXT = Alignment(vertical="center", wrap_text=True)
_BAD = re.compile(r"[\[\]:*?/\\]")
RESERVED = {"history"}  # Excel keeps this name for itself


def sheet_title(name: str, taken: set[str], fallback: str) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\, no leading or trailing apostrophe, at
    most 31 characters, unique ignoring case."""
    base = _BAD.sub("-", xlsx_clean(name)).strip().strip("'").strip() or fallback
    base = base[:31]
    title, n = base, 2
    while title.lower() in taken or title.lower() in RESERVED:
        suffix = f" ({n})"
        title = base[:31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


def _styles(wb) -> dict[str, str]:
    """Register the matrix's cell formats as named styles; their names by use."""
    made = {f"letter {x}": NamedStyle(f"RACI {x}", font=LETTER_FONTS[x], fill=LETTER_FILLS[x],
                                      alignment=CENTRE) for x in LETTER_STYLES}
    made["text"] = NamedStyle("RACI text", alignment=WRAP_TEXT)
    made["striped text"] = NamedStyle("RACI striped text", alignment=WRAP_TEXT, fill=STRIPE)
    for style in made.values():
        wb.add_named_style(style)
    return {use: style.name for use, style in made.items()}


class _LetterCells:
    """A letter cell's value and style; several letters are rich text, made once per value."""

    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.rich: dict[str, CellRichText] = {}

    def put(self, cell, value: str) -> None:
        cell.style = self.styles[f"letter {cell_letter(value)}"]
        if "/" not in value:
            cell.value = value
            return
        rich = self.rich.get(value)
        if rich is None:
            parts = []
            for index, letter in enumerate(value.split("/")):
                if index:
                    parts.append(TextBlock(SLASH_FONT, "/"))
                parts.append(TextBlock(INLINE_FONTS[letter], letter))
            rich = self.rich[value] = CellRichText(parts)
        cell.value = rich


def _put(ws, row: int, col: int, value, dropped: DroppedCharacters, where: str = "a cell"):
    """Write a value; text as a string cell, cleaned of what XLSX cannot hold."""
    cell = ws.cell(row, col)
    if isinstance(value, str):
        return xlsx_text_cell(cell, dropped.clean(value, where))
    cell.value = value
    return cell


def _matrix_sheet(ws, roles: list[str], rows: list[RaciRow], with_stage: bool,
                  dropped: DroppedCharacters, letters: _LetterCells) -> None:
    # Cells are addressed one by one: ws[row] and ws.append rescan the whole sheet each time.
    lead = ["Stage", "Touchpoint"] if with_stage else ["Touchpoint"]
    width = len(lead) + len(roles)
    for col, title in enumerate(lead + roles, start=1):
        cell = _put(ws, 1, col, title, dropped, "the role")
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP_HEAD
    first_role = len(lead) + 1
    text = (letters.styles["text"], letters.styles["striped text"])
    for index, row in enumerate(rows, start=2):
        style = text[index % 2]  # stripes on the text columns; letter cells have their fill
        if with_stage:
            _put(ws, index, 1, row.stage, dropped, "the stage").style = style
        _put(ws, index, len(lead), row.title, dropped, "the touchpoint").style = style
        for offset, value in enumerate(row.cells):
            if value:
                letters.put(ws.cell(index, first_role + offset), value)
    ws.freeze_panes = ws.cell(2, first_role)
    if with_stage:
        ws.column_dimensions["A"].width = _text_width([row.stage for row in rows], (14, 30))
    ws.column_dimensions[get_column_letter(len(lead))].width = _text_width(
        [row.title for row in rows], TITLE_WIDTH)
    for offset, role in enumerate(roles):
        ws.column_dimensions[get_column_letter(first_role + offset)].width = max(8, min(18, len(role) + 2))
    ws.row_dimensions[1].height = 32
    ws.auto_filter.ref = f"A1:{get_column_letter(width)}{len(rows) + 1}"


def _text_width(texts: list[str], bounds: tuple[int, int]) -> int:
    """A column width in characters: the longest text, within bounds (longer ones wrap)."""
    longest = max((len(text) for text in texts), default=0) + 2
    return max(bounds[0], min(bounds[1], longest))


def _print_setup(ws, paper: str) -> None:
    """Landscape, one page wide and as many tall as it takes, header row on every page."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = PAPER_CODES.get(paper, PAPER_CODES["A4"])
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _summary_sheet(ws, matrix: RaciMatrix, dropped: DroppedCharacters) -> None:
    header = ["Role", "R", "A", "C", "I", "Total", "Share of R+A", "Overloaded"]
    for col, title in enumerate(header, start=1):
        cell = _put(ws, 1, col, title, dropped)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, CENTRE
    for index, load in enumerate(matrix.loads, start=2):
        values = [load.name, *(load.counts[x] for x in "RACI"), load.total, load.share,
                  "yes" if load.overloaded else ""]
        for col, value in enumerate(values, start=1):
            cell = _put(ws, index, col, value, dropped, "the role")
            if load.overloaded:
                cell.fill = OVERLOAD_FILL
        ws.cell(index, 7).number_format = "0%"
        for col, letter in enumerate("RACI", start=2):
            ws.cell(index, col).font = LETTER_FONTS[letter]
        if load.overloaded:
            ws.cell(index, 8).font = Font(bold=True, color=LETTER_STYLES["A"].ink)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["G"].width = 14
    ws.column_dimensions["H"].width = 12
    ws.freeze_panes = "B2"


def _checks_sheet(ws, matrix: RaciMatrix, dropped: DroppedCharacters) -> None:
    for col, title in enumerate(["Stage", "Touchpoint", "Problem"], start=1):
        cell = _put(ws, 1, col, title, dropped)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    rows = [(c.stage, c.title, c.problem) for c in matrix.checks] or [
        ("", "", "Every touchpoint has one accountable and a responsible role.")]
    for index, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            if value:
                _put(ws, index, col, value, dropped, "the check").alignment = WRAP_TEXT
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = _text_width([c.title for c in matrix.checks], TITLE_WIDTH)
    ws.column_dimensions["C"].width = 48
    ws.freeze_panes = "A2"


def write_xlsx(matrix: RaciMatrix, m: Map, out, *, paper: str = "A4") -> None:
    """Write the workbook to `out`: a path (replaced all or nothing) or a binary stream.
    `paper`: the print setup's paper (A4 for one Excel has no code for)."""
    dropped = DroppedCharacters(getattr(out, "name", None) or "the RACI workbook")
    wb = Workbook()
    taken: set[str] = set()
    names = {key: sheet_title(key, taken, key) for key in ("RACI", "Summary", "Checks")}
    letters = _LetterCells(_styles(wb))
    ws = wb.active
    ws.title = names["RACI"]
    _matrix_sheet(ws, matrix.roles, matrix.rows, True, dropped, letters)
    for number, stage in enumerate(m.stages, start=1):
        rows = [row for row in matrix.rows if row.stage_id == stage.id]
        ws = wb.create_sheet(sheet_title(stage.name, taken, f"Stage {number}"))
        _matrix_sheet(ws, matrix.roles, rows, False, dropped, letters)
    _summary_sheet(wb.create_sheet(names["Summary"]), matrix, dropped)
    _checks_sheet(wb.create_sheet(names["Checks"]), matrix, dropped)
    for sheet in wb.worksheets:
        _print_setup(sheet, paper)
    wb.properties.title = xlsx_clean(f"RACI — {m.name}")
    wb.properties.creator = xlsx_clean(m.owner or "Journeymap")
    data = io.BytesIO()  # made whole in memory: a failed write leaves no half-open zip behind
    wb.save(data)
    with binary_output(out) as stream:
        stream.write(data.getvalue())
    dropped.warn()
