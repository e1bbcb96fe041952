"""A PDF page as vector SVG with its text as text.

The page is read back by `page_objects` and written element by element in paint order: one
`<text>` per run (one font, colour and line piece), placed at the PDF's origin and held to the
PDF's width with `textLength`, so a viewer without the bundled fonts still lines up; right-to-
left runs are in logical order with `direction="rtl"`. Fonts are CSS classes with a fallback
list a browser knows; clipped paint (a card's colour strip) keeps its clip path.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET

from .page_objects import Colour, Shape, TextRun, read_page

log = logging.getLogger(__name__)

# Each face the sheet embeds (journeymap.export.pdf.fonts) by name, then faces a browser or
# an operating system has for Latin, Arabic, Hebrew and CJK text, then the generic family.
_FALLBACK = ('"Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK SC", '
             "Arial, sans-serif")
FONT_CLASSES = {  # class: CSS
    "s": f'font-family: "DejaVu Sans", {_FALLBACK}',
    "c": f'font-family: "DejaVu Sans Condensed", "DejaVu Sans", {_FALLBACK}; '
         "font-stretch: condensed",
    "k": f'font-family: "Droid Sans Fallback", "Noto Sans CJK SC", "DejaVu Sans", {_FALLBACK}',
    "h": f'font-family: "NanumSquare", "Noto Sans CJK KR", "DejaVu Sans", {_FALLBACK}',
    "b": "font-weight: bold",
}
_CAPS = ("butt", "round", "square")
_JOINS = ("miter", "round", "bevel")


def page_to_svg(pdf: bytes, *, title: str, description: str = "") -> bytes:
    """The first page of `pdf` as a standalone SVG document (UTF-8), with `title` and
    `description` as its <title> and <desc>."""
    page = read_page(pdf)
    if page.left_out:
        log.warning("the SVG leaves out %d picture object(s) of the sheet", page.left_out)
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "version": "1.1",
        "width": f"{_n(page.width)}pt",
        "height": f"{_n(page.height)}pt",
        "viewBox": f"0 0 {_n(page.width)} {_n(page.height)}",
        "xml:space": "preserve",
    })
    ET.SubElement(svg, "title").text = title
    if description:
        ET.SubElement(svg, "desc").text = description
    ET.SubElement(svg, "style").text = "\n" + "".join(
        f"text.{name} {{ {css} }}\n" for name, css in FONT_CLASSES.items())
    defs = ET.SubElement(svg, "defs")
    ET.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    clips = _Clips(defs)
    for item in page.items:
        if isinstance(item, TextRun):
            _text(svg, item, clips)
        else:
            _shape(svg, item, clips)
    if not len(defs):
        svg.remove(defs)
    body = ET.tostring(svg, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


class _Clips:
    """One <clipPath> per distinct clip; several clip paths intersect by nesting."""

    def __init__(self, defs: ET.Element) -> None:
        self.defs = defs
        self.ids: dict[tuple[str, ...], str] = {}

    def ref(self, paths: tuple[str, ...]) -> str | None:
        if not paths:
            return None
        known = self.ids.get(paths)
        if known is None:
            outer = self.ref(paths[:-1])
            known = f"clip{len(self.ids) + 1}"
            attrs = {"id": known}
            if outer:
                attrs["clip-path"] = f"url(#{outer})"
            clip = ET.SubElement(self.defs, "clipPath", attrs)
            ET.SubElement(clip, "path", {"d": paths[-1]})
            self.ids[paths] = known
        return f"url(#{known})"


def _text(parent: ET.Element, run: TextRun, clips: _Clips) -> None:
    attrs = {"class": _font_class(run.font), "font-size": _n(run.size)}
    if run.transform is not None:
        attrs["transform"] = "matrix(" + " ".join(_n(v) for v in run.transform) + ")"
    attrs["x"], attrs["y"] = _n(run.x), _n(run.y)
    if run.length > 0:
        attrs["textLength"] = _n(run.length)
    if run.rtl:
        attrs["direction"] = "rtl"
        attrs["unicode-bidi"] = "embed"
    colour, opacity = _colour(run.colour)
    if colour != "#000000":
        attrs["fill"] = colour
    if opacity is not None:
        attrs["fill-opacity"] = opacity
    clip = clips.ref(run.clip)
    if clip:
        attrs["clip-path"] = clip
    ET.SubElement(parent, "text", attrs).text = run.text


def _shape(parent: ET.Element, shape: Shape, clips: _Clips) -> None:
    attrs = {"d": shape.d}
    if shape.fill is None:
        attrs["fill"] = "none"
    else:
        attrs["fill"], opacity = _colour(shape.fill)
        if opacity is not None:
            attrs["fill-opacity"] = opacity
        if shape.even_odd:
            attrs["fill-rule"] = "evenodd"
    if shape.stroke is not None:
        attrs["stroke"], opacity = _colour(shape.stroke)
        if opacity is not None:
            attrs["stroke-opacity"] = opacity
        attrs["stroke-width"] = _n(shape.width) if shape.width > 0 else "0.3"  # 0: thinnest
        if shape.dash:
            attrs["stroke-dasharray"] = " ".join(_n(v) for v in shape.dash)
            if shape.dash_phase:
                attrs["stroke-dashoffset"] = _n(shape.dash_phase)
        if shape.cap:
            attrs["stroke-linecap"] = _CAPS[min(shape.cap, 2)]
        if shape.join:
            attrs["stroke-linejoin"] = _JOINS[min(shape.join, 2)]
    clip = clips.ref(shape.clip)
    if clip:
        attrs["clip-path"] = clip
    ET.SubElement(parent, "path", attrs)


_CJK_FONT = re.compile(r"droid|fallback|cjk|noto.*(sc|tc|jp|kr)", re.I)


def _font_class(font: str) -> str:
    """The CSS classes of a PDF base font name (DejaVuSansCondensed-Bold -> "c b")."""
    lowered = font.lower()
    if "nanum" in lowered:
        family = "h"
    elif _CJK_FONT.search(font):
        family = "k"
    elif "condensed" in lowered or "cond" in lowered:
        family = "c"
    else:
        family = "s"
    return f"{family} b" if "bold" in lowered else family


def _colour(colour: Colour) -> tuple[str, str | None]:
    r, g, b, a = colour
    return f"#{r:02x}{g:02x}{b:02x}", (None if a >= 255 else _n(a / 255))


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
