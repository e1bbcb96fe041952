"""The map as a picture: PNG and SVG of the same sheet the PDF prints.

Both are made from the sheet's own drawing: `sheet.whole_page.write_whole_map_page` writes the
sheet (title block, grid, A3 sections, legend) as a one-page PDF in memory — the PDF's own
sheet when the map fits the paper, else one page grown to hold the whole map — and that page
is rendered by PDFium (`png`) or read back object by object into vector SVG (`svg`). No Qt:
`python -m journeymap export -f png` works as well as the editor.
"""

from __future__ import annotations

import io
import threading

from ...errors import ValidationError
from ...io.safe_output import binary_output
from ...model import Map

FORMATS = ("png", "svg")
# PDFium is not thread-safe: one page is opened, rendered or read at a time in this process.
PDFIUM_LOCK = threading.Lock()


def write_image(m: Map, out, fmt: str, *, dpi: int = 150, paper: str = "A3",
                portrait: bool = False) -> None:
    """Write the map's sheet as a PNG (at `dpi`) or an SVG (1 unit = 1 pt) to `out`: a path
    (replaced all or nothing) or a binary stream."""
    from ..sheet.whole_page import write_whole_map_page

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValidationError(f"Image format must be png or svg, not '{fmt}'.")
    if dpi <= 0:
        raise ValidationError(f"The resolution must be a positive number of dpi, not {dpi}.")
    page = io.BytesIO()
    view = write_whole_map_page(m, page, paper=paper, portrait=portrait)
    if fmt == "png":
        from .png import page_to_png

        data = page_to_png(page.getvalue(), dpi)
    else:
        from .svg import page_to_svg

        data = page_to_svg(page.getvalue(), title=m.name, description=_description(view))
    with binary_output(out) as stream:
        stream.write(data)


def _description(view) -> str:
    """The SVG's <desc>: every card whole with its index number, as the PDF's touchpoint
    index has them (the sheet shortens long titles to fit their cards)."""
    lines = ["Journey map exported by Journeymap."]
    lines += [f"#{entry.number} {entry.title} ({entry.stage} · {entry.lane})"
              for entry in view.index]
    return "\n".join(lines)
