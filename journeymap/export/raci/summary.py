"""The per-role summary and the checks pages of the RACI PDF (reportlab Tables)."""

from __future__ import annotations

from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
    Table,
)

from ..pdf import theme, typeset
from ..pdf.fonts import font_name
from .cells import (
    BASE_PT,
    FILLS,
    HEADING_GAP,
    HEADING_H,
    INKS,
    LETTER_FONTS,
    SECTION_GAP,
    SIDE_PAD,
    Row,
    base_style,
    pages,
    row_height,
    wrapped,
)
from .matrix import RaciMatrix


# -- summary and checks --------------------------------------------------------------------------
class _Heading(Flowable):
    """A section title with a one-line note under it, and a gap before the table."""

    def __init__(self, title: str, note: str = "") -> None:
        super().__init__()
        self.title, self.note = title, note

    def wrap(self, avail_w, avail_h):
        self.width, self.height = avail_w, HEADING_H + HEADING_GAP
        return avail_w, self.height

    def draw(self):
        c = self.canv
        c.setFillColor(theme.INK)
        typeset.draw(c, 0, HEADING_GAP + HEADING_H - 13, self.title, "bold", 13)
        if self.note:
            c.setFillColor(theme.MUTED)
            typeset.draw(c, 0, HEADING_GAP + 3,
                         typeset.ellipsize(self.note, "cond", 8, self.width), "cond", 8)


class _Bar(Flowable):
    def __init__(self, share: float, overloaded: bool) -> None:
        super().__init__()
        self.share, self.overloaded = share, overloaded

    def wrap(self, avail_w, avail_h):
        self.width, self.height = avail_w, 7
        return avail_w, 7

    def draw(self):
        c = self.canv
        c.setFillColor(theme.PANEL)
        c.rect(0, 0, self.width, 7, fill=1, stroke=0)
        c.setFillColor(theme.ERROR if self.overloaded else theme.ACCENT)
        c.rect(0, 0, self.width * min(1.0, self.share), 7, fill=1, stroke=0)


def _small_row(cells_and_lines: list[tuple]) -> Row:
    lines = max(count for _cell, count in cells_and_lines)
    return Row([cell for cell, _count in cells_and_lines], row_height(lines, BASE_PT))


def _summary_rows(matrix: RaciMatrix, widths: list[float]) -> tuple[list[Row], list]:
    pad = SIDE_PAD * BASE_PT
    top = max((load.share for load in matrix.loads), default=0.0) or 1.0
    rows, style = [], []
    for index, load in enumerate(matrix.loads, start=1):
        name = load.name + ("  overloaded" if load.overloaded else "")
        cells = [wrapped(name, "cond", BASE_PT, widths[0] - 2 * pad)]
        cells += [(str(load.counts[x]), 1) for x in "RACI"]
        cells += [(str(load.total), 1), (f"{load.share * 100:.0f} %", 1),
                  (_Bar(load.share / top, load.overloaded), 1)]
        rows.append(_small_row(cells))
        if load.overloaded:
            style += [("BACKGROUND", (0, index), (-1, index), theme.tint(theme.ERROR, 0.85)),
                      ("TEXTCOLOR", (0, index), (-1, index), theme.ERROR),
                      ("FONTNAME", (0, index), (-1, index), font_name("cond-bold"))]
    return rows, style


def summary_story(matrix: RaciMatrix, width: float, height: float) -> tuple[list, float]:
    """The story and the height its last page uses."""
    widths = [width * 0.3] + [36.0] * 5 + [60.0]
    widths.append(width - sum(widths))
    header = ["Role", "R", "A", "C", "I", "Total", "R+A share", "Load (longest bar = largest share)"]
    rows, extra = _summary_rows(matrix, widths)
    style = base_style(BASE_PT, SIDE_PAD * BASE_PT) + [("ALIGN", (1, 0), (6, -1), "CENTER")]
    for col, letter in enumerate("RACI", start=1):  # the letter columns in the letters' colours
        style += [("BACKGROUND", (col, 0), (col, 0), FILLS[letter]),
                  ("TEXTCOLOR", (col, 0), (col, 0), INKS[letter]),
                  ("FONTNAME", (col, 0), (col, 0), font_name(LETTER_FONTS[letter]))]
    over = [load.name for load in matrix.loads if load.overloaded]
    note = ("Overloaded: " + ", ".join(over) + " — a share of R and A above "
            "max(40 %, 2 / number of roles).") if over else "No role carries a disproportionate share."
    story: list = [_Heading("Roles", note)]
    used = _paged_tables(story, header, rows, widths, style, extra,
                         height - HEADING_H - HEADING_GAP, height)
    return story, used


def _paged_tables(story: list, header: list, rows: list[Row], widths: list[float],
                  style: list, row_style: list, first_room: float, room: float) -> float:
    """Append the rows as page-sized tables with the header repeated; `row_style` commands
    address rows of the whole list (1 = the first body row). Returns the height used on
    the last page."""
    head_h = row_height(1, BASE_PT)
    chunks = pages(rows, first_room - head_h, room - head_h, None)
    start = 0
    used = 0.0
    for chunk in chunks:
        shift = start
        local = [(cmd, (c0, r0 - shift), (c1, r1 - shift), *rest)
                 for cmd, (c0, r0), (c1, r1), *rest in row_style
                 if shift < r0 <= shift + len(chunk)]
        table = Table([header] + [r.cells for r in chunk], colWidths=widths,
                      rowHeights=[head_h] + [r.height for r in chunk], repeatRows=1,
                      style=style + local, hAlign="LEFT")
        story.append(table)
        used = head_h + sum(r.height for r in chunk)
        start += len(chunk)
    return used + (room - first_room if len(chunks) == 1 else 0)


def checks_story(matrix: RaciMatrix, width: float, height: float, room: float) -> list:
    """`height` of a page's frame; `room` left on the page where the checks begin."""
    count = len(matrix.checks)
    note = (f"{count} problem{'s' if count != 1 else ''}: every touchpoint needs exactly one "
            "accountable (A) and at least one responsible (R) role." if count
            else "Every touchpoint has one accountable and a responsible role.")
    story: list = [Spacer(1, SECTION_GAP), _Heading("Checks", note)]
    room -= SECTION_GAP + HEADING_H + HEADING_GAP
    if not count:
        return story
    pad = SIDE_PAD * BASE_PT
    widths = [width * 0.22, width * 0.43, width * 0.35]
    rows = [_small_row([wrapped(c.stage, "cond", BASE_PT, widths[0] - 2 * pad),
                        wrapped(c.title, "cond", BASE_PT, widths[1] - 2 * pad),
                        wrapped(c.problem, "cond", BASE_PT, widths[2] - 2 * pad, theme.ERROR)])
            for c in matrix.checks]
    style = base_style(BASE_PT, pad) + [("TEXTCOLOR", (2, 1), (2, -1), theme.ERROR)]
    head_h = row_height(1, BASE_PT)
    if room < head_h + 3 * rows[0].height:  # not even a few rows: the checks start a page
        story = [PageBreak()] + story[1:]
        room = height - HEADING_H - HEADING_GAP
    _paged_tables(story, ["Stage", "Touchpoint", "Problem"], rows, widths, style, [], room,
                  height)
    return story


