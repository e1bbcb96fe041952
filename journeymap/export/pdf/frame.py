"""What every page of the journey sheet and the planned-vs-actual sheet shares: the frame of
title block, legend, footer and middle; pages with outline entries; the small header of
follow-on pages and the area text flows over."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ...layout import Rect
from . import chrome, theme, typeset
from .flow import Flow
from .view import SheetView

GAP = 12.0
A3_SHORT = 841.89


@dataclass
class Frame:
    """The parts of a sheet, in points."""

    content: Rect
    title: Rect
    footer: Rect
    legend: Rect
    middle: Rect


def sheet_frame(page: tuple[float, float], legend_height: Callable[[float], float]) -> Frame:
    """The frame of a page; `legend_height(width)` is the height of the sheet's legend."""
    w, h = page
    mg = theme.margin(page)
    content = Rect(mg, mg, w - 2 * mg, h - 2 * mg)
    title = Rect(content.x, content.bottom - chrome.TITLE_BLOCK_H, content.w, chrome.TITLE_BLOCK_H)
    footer = Rect(content.x, content.y, content.w, chrome.FOOTER_H)
    legend = Rect(content.x, footer.bottom + 2, content.w, legend_height(content.w))
    middle_y = legend.bottom + GAP
    middle = Rect(content.x, middle_y, content.w, title.y - GAP - middle_y)
    return Frame(content, title, footer, legend, middle)


def paper_ratio(page: tuple[float, float]) -> float:
    """How many times A3's short side the paper's short side is (1 for A3 and smaller)."""
    return max(1.0, min(page) / A3_SHORT)


class PageWriter:
    """A canvas, the sheet's view and its pages. Bigger sheets are read from further away:
    everything is drawn on a virtual page, scaled up to the paper by `zoom` =
    paper_ratio ** `chrome_growth` (1: a page of A3's short side, A2 x1.4 ... A0 x2.8; a
    writer with a smaller growth keeps more of a big sheet's real size for its content)."""

    note = ""  # said in every footer before the page number
    chrome_growth = 1.0

    def __init__(self, canvas: Canvas, view: SheetView, page: tuple[float, float],
                 portrait: bool, legend_height: Callable[[float], float]) -> None:
        self.c = canvas
        self.view = view
        self.zoom = paper_ratio(page) ** self.chrome_growth
        self.page = (page[0] / self.zoom, page[1] / self.zoom)
        self.min_scale = theme.MIN_GRID_SCALE / self.zoom
        self.portrait = portrait
        self.pages = 0
        self.frame = sheet_frame(self.page, legend_height)

    def _new_page(self, title: str, level: int = 0, parent: str = "") -> int:
        """Start a page with its own outline entry (under `parent`, a heading that points at
        this page, when given)."""
        if self.pages:
            self.c.showPage()
        self.c.scale(self.zoom, self.zoom)
        self.pages += 1
        key = f"page{self.pages}"
        self.c.bookmarkPage(key)
        if parent:
            self.c.bookmarkPage(key + "-group")
            self.c.addOutlineEntry(parent, key + "-group", level=0, closed=False)
        self.c.addOutlineEntry(title, key, level=level, closed=False)
        return self.pages

    def _footer(self, number: int, note: str | None = None) -> None:
        chrome.draw_footer(self.c, self.frame.footer, self.view.name, number,
                      self.note if note is None else note)

    def _small_header(self, line: str) -> None:
        """The map's name and what the page shows, over a rule: the header of every page
        after the sheet."""
        box, c = self.frame.title, self.c
        top = box.bottom
        c.setFillColor(theme.INK)
        name_w = typeset.draw(c, box.x, top - 14, typeset.ellipsize(self.view.name, "bold", 12, box.w * 0.5),
                        "bold", 12)
        c.setFillColor(theme.MUTED)
        typeset.draw(c, box.x + name_w + 12, top - 14,
               typeset.ellipsize(line, "cond", 9, box.w - name_w - 12), "cond", 9)
        c.setStrokeColor(theme.INK)
        c.setLineWidth(1.0)
        c.line(box.x, top - 20, box.right, top - 20)

    def _headed_page(self, title: str, line: str = "", level: int = 0) -> int:
        """A page with the small header and footer; returns its number."""
        number = self._new_page(title, level)
        self._small_header(line or title)
        self._footer(number)
        return number

    def _text_area(self) -> Rect:
        """Under the small header, over the footer, the whole width."""
        frame = self.frame
        top = frame.title.bottom - 30
        bottom = frame.footer.bottom + GAP
        return Rect(frame.content.x, bottom, frame.content.w, top - bottom)

    def _text_columns(self) -> int:
        """Columns of a text page: as many as give each at least 340 pt."""
        return max(1, int(self.frame.content.w // 340))

    def _flow_width(self, columns: int) -> float:
        return (self.frame.content.w - 18.0 * (columns - 1)) / columns

    def _flow(self, title: str, columns: int, continued_level: int = 0) -> Flow:
        """A flow over text pages headed `title`, then `title (continued)`; the first page
        starts when the first text needs it."""
        state = {"first": True}

        def start_page() -> None:
            first = state["first"]
            self._headed_page(title if first else f"{title} (continued)",
                              level=0 if first else continued_level)
            state["first"] = False

        return Flow(self.c, self._text_area(), start_page, columns=columns)
