"""Laying out the matrix before anything is drawn: the touchpoint column measured in the
real fonts, role columns grouped per page, and the type size that makes a small matrix use
the sheet."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..pdf import typeset
from .cells import (
    BASE_PT,
    FILL_ROLE_W,
    GROW_PT,
    MAX_ROLE_W,
    MAX_ROW_PAD,
    MIN_ROLE_W,
    ROW_PAD,
    SIDE_PAD,
    Row,
    letters_width,
    row_height,
)
from .matrix import RaciMatrix


# -- the matrix ---------------------------------------------------------------------------------
@dataclass
class Layout:
    size: float
    pad: float  # side padding
    title_w: float
    role_w: float
    groups: list[list[int]]
    row_pad: float = ROW_PAD

    @property
    def head_size(self) -> float:
        return self.size * 0.95


def _layout(matrix: RaciMatrix, width: float, size: float) -> Layout:
    pad = SIDE_PAD * size
    longest = max((typeset.width(row.title, "cond", size) for row in matrix.rows), default=0.0)
    head = typeset.width("Touchpoint", "cond-bold", size * 0.95)
    n_roles = max(1, len(matrix.roles))
    widest_cell = max((letters_width(value, size) for row in matrix.rows for value in row.cells
                       if value), default=0.0)
    # a role column holds its widest cell and each word of the role names whole (a word
    # longer than the widest column breaks)
    longest_word = max((typeset.width(word, "cond-bold", size * 0.95) for role in matrix.roles
                        for word in role.split()), default=0.0)
    min_role = max(MIN_ROLE_W * size, widest_cell + 2 * pad,
                   min(MAX_ROLE_W * size, longest_word + 2 * pad + 1))
    # the touchpoint column: as wide as the longest title, leaving room for the roles
    limit = max(width * 0.25, min(width * 0.45, width - min(n_roles, 8) * min_role))
    title_w = min(limit, max(longest, head) + 2 * pad + 1)
    per_group = max(1, int((width - title_w) // min_role))
    count = math.ceil(n_roles / per_group)
    per_group = math.ceil(n_roles / count)  # balanced: 7 + 7 rather than 11 + 3
    indices = list(range(len(matrix.roles)))
    groups = [indices[i:i + per_group] for i in range(0, len(indices), per_group)] or [[]]
    # the role columns share the rest of the width (a matrix that leaves a third of the sheet
    # blank looks unfinished); only a very few roles stop at FILL_ROLE_W and are centred
    role_w = max(min_role, min(FILL_ROLE_W * size, (width - title_w) / per_group))
    return Layout(size, pad, title_w, role_w, groups)


def _lines(text: str, style: str, size: float, width: float) -> list[str]:
    """The whole text wrapped to `width`, never cut."""
    return typeset.wrap(text, style, size, width)[0] or [""]


def header_cells(matrix: RaciMatrix, lay: Layout, group: list[int]) -> tuple[list, float]:
    """Each header cell's lines, and the header row's height."""
    size, inner = lay.head_size, lay.role_w - 2 * lay.pad
    cells = [_lines("Touchpoint", "cond-bold", size, lay.title_w - 2 * lay.pad)]
    cells += [_lines(matrix.roles[i], "cond-bold", size, inner) for i in group]
    return cells, row_height(max(len(lines) for lines in cells), size, ROW_PAD + 0.4)


def body_rows(matrix: RaciMatrix, lay: Layout, group: list[int]) -> list[Row]:
    """The rows (the title's lines, then the group's letters) with a stage row before each
    stage's touchpoints."""
    size, inner = lay.size, lay.title_w - 2 * lay.pad
    out: list[Row] = []
    stage = None
    for row in matrix.rows:
        if row.stage_id != stage:
            stage = row.stage_id
            out.append(stage_row(row.stage, lay, group))
        title = _lines(row.title, "cond", size, inner)
        out.append(Row([title] + [row.cells[i] for i in group],
                        row_height(len(title), size, lay.row_pad)))
    return out


def _table_w(lay: Layout, group: list[int]) -> float:
    return lay.title_w + lay.role_w * len(group)


def stage_row(name: str, lay: Layout, group: list[int]) -> Row:
    lines = _lines(name, "cond-bold", lay.size, _table_w(lay, group) - 2 * lay.pad)
    return Row(("stage", name, lines), row_height(len(lines), lay.size, lay.row_pad))


def _group_height(matrix: RaciMatrix, lay: Layout, group: list[int]) -> tuple[float, int]:
    """A group's whole matrix: its height and its number of rows (stage rows included)."""
    body = body_rows(matrix, lay, group)
    return header_cells(matrix, lay, group)[1] + sum(r.height for r in body), len(body)


def _fits_one_page(matrix: RaciMatrix, lay: Layout, height: float) -> bool:
    # every row has at least one line: a matrix too long even so needs no wrapping to know
    rows = len(matrix.rows) + len({row.stage_id for row in matrix.rows})
    if rows * row_height(1, lay.size, lay.row_pad) > height:
        return False
    return all(_group_height(matrix, lay, g)[0] <= height for g in lay.groups)


def fit(matrix: RaciMatrix, width: float, height: float, page) -> Layout:
    """The biggest type (from BASE_PT up) at which each role group's matrix still fits on one
    page with no more groups than at BASE_PT, then rows stretched toward the page height.
    A matrix longer than a page keeps BASE_PT."""
    base = _layout(matrix, width, BASE_PT)
    if not _fits_one_page(matrix, base, height):
        return base
    top = GROW_PT * max(1.0, min(page) / 842.0)
    size = math.floor(top * 2) / 2
    while size > BASE_PT:
        lay = _layout(matrix, width, size)
        if len(lay.groups) <= len(base.groups) and _fits_one_page(matrix, lay, height):
            break
        size -= 0.5
    else:
        lay = base
    # stretch the rows into the space left, up to MAX_ROW_PAD
    measured = [_group_height(matrix, lay, g) for g in lay.groups]
    tallest = max(h for h, _count in measured)
    count = max(n for _h, n in measured)
    if count:
        lay.row_pad = min(MAX_ROW_PAD, ROW_PAD + (height - tallest) / count / lay.size * 0.999)
    return lay
