"""The whole map on one PDF page, what the PNG and SVG exports render.

Apart from the writer: it draws with the writer's one-sheet page, but chooses its own paper
(grown until a map the PDF would tile fits as one sheet).
"""

from __future__ import annotations

from ...model import Map
from ..pdf import theme
from ..pdf.canvas import binary_streams, new_canvas, save
from ..pdf.fonts import ensure_fonts
from ..pdf.view import SheetView, build_view
from .writer import MapSheetWriter


def write_whole_map_page(m: Map, out, *, paper: str = "A3", portrait: bool = False
                         ) -> SheetView:
    """A one-page PDF of the sheet (title block, grid, A3 sections, legend): the PDF's own
    first page when the map fits the paper as one sheet; for a map the PDF tiles, the same
    sheet on a page of the paper's shape grown just enough to hold it all at the tiles'
    type size. The picture formats render it. Returns the view drawn."""
    ensure_fonts()
    page = theme.page_size(paper, portrait)
    writer = MapSheetWriter(None, m, page, portrait)
    choice = writer._choose_sheet()
    if choice is None:
        page, writer, choice = _grown_sheet(m, page, portrait)
    band, columns, area, fit = choice
    with binary_streams():
        writer.c = new_canvas(out, page, title=m.name, author=m.owner,
                              subject=f"{m.kind} journey map")
        writer.view = build_view(m, fit.metrics)
        writer._single_sheet(band, columns, area, fit.scale)
        save(writer.c, out)
    return writer.view


def _grown_sheet(m: Map, paper: tuple[float, float], portrait: bool):
    """The smallest growth of the paper (to 1 %) on which the map is one sheet, with its A3
    sections in a band when it has any: (page, writer, its choice)."""

    def attempt(k: float):
        page = (paper[0] * k, paper[1] * k)
        writer = MapSheetWriter(None, m, page, portrait)
        choice = writer._choose_sheet()
        if choice is None or (choice[0] is None and writer.view.sections):
            return None
        return page, writer, choice

    low, high = 1.0, 2.0
    found = attempt(high)
    while found is None:  # each step doubles the page's sides; a map has finitely many cards
        low, high = high, high * 2
        found = attempt(high)
    while high / low > 1.01:
        middle = (low * high) ** 0.5
        better = attempt(middle)
        if better is None:
            low = middle
        else:
            high, found = middle, better
    return found
