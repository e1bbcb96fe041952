"""A PDF page read back as what was painted, in paint order: text runs and shapes.

PDFium parses the page; each text object (one font, one colour: a run of a line) becomes a
`TextRun` whose text is what the PDF's ToUnicode maps say, in logical order (PDFium's text
page orders right-to-left runs as they are read), with its advance width; each path object
becomes a `Shape` with its fill, stroke, dashes and the clip paths it is painted through.
Coordinates are SVG's: points, origin at the page's top left, y down.
"""

from __future__ import annotations

import ctypes
import logging
import math
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from . import PDFIUM_LOCK

log = logging.getLogger(__name__)

Colour = tuple[int, int, int, int]  # red, green, blue, alpha: 0..255


@dataclass(frozen=True, slots=True)
class TextRun:
    text: str  # logical order
    x: float  # where the run starts: its left end, or its right end when `rtl`
    y: float  # the baseline
    size: float  # font size
    length: float  # advance width (0 when unknown)
    rtl: bool
    font: str  # the PDF's base font name, without a subset prefix
    colour: Colour
    clip: tuple[str, ...]  # SVG path data of the clip paths, all of which apply
    transform: tuple[float, ...] | None = None  # rotated or skewed text: x, y, size in its units


@dataclass(frozen=True, slots=True)
class Shape:
    d: str  # SVG path data
    fill: Colour | None
    even_odd: bool
    stroke: Colour | None
    width: float
    dash: tuple[float, ...]
    dash_phase: float
    cap: int  # 0 butt, 1 round, 2 square
    join: int  # 0 miter, 1 round, 2 bevel
    clip: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Page:
    width: float
    height: float
    items: tuple[TextRun | Shape, ...]
    left_out: int  # objects neither text nor path (images, shadings, forms)


def read_page(pdf: bytes) -> Page:
    """The first page of `pdf`."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            page = document[0]
            textpage = page.get_textpage()
            try:
                return _Reader(page, textpage).read()
            finally:
                textpage.close()
                page.close()
        finally:
            document.close()


def _address(handle) -> int | None:
    return ctypes.cast(handle, ctypes.c_void_p).value if handle else None


def _xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD \
        or 0x10000 <= code <= 0x10FFFF


_RTL_CLASSES = {"R", "AL"}


class _Reader:
    def __init__(self, page, textpage) -> None:
        self.page = page
        self.width, self.height = page.get_size()
        self.chars = self._chars_by_object(textpage)
        self.clips: dict[int, tuple[str, ...]] = {}
        self._r, self._g, self._b, self._a = (ctypes.c_uint() for _ in range(4))
        self._f = ctypes.c_float()
        self._fx, self._fy = ctypes.c_float(), ctypes.c_float()
        self._matrix = raw.FS_MATRIX()

    def read(self) -> Page:
        items: list[TextRun | Shape] = []
        left_out = 0
        for i in range(raw.FPDFPage_CountObjects(self.page.raw)):
            obj = raw.FPDFPage_GetObject(self.page.raw, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                run = self._text(obj)
                if run is not None:
                    items.append(run)
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                shape = self._shape(obj)
                if shape is not None:
                    items.append(shape)
            else:
                left_out += 1
        return Page(self.width, self.height, tuple(items), left_out)

    # -- text ------------------------------------------------------------------------------
    @staticmethod
    def _chars_by_object(textpage) -> dict[int, list[tuple[str, float, float]]]:
        """Each text object's characters as PDFium's text page reads them (logical order),
        with their advance boxes' left and right; characters PDFium made up (spaces and
        line breaks between objects) are not part of any object."""
        found: dict[int, list[tuple[str, float, float]]] = {}
        box = raw.FS_RECTF()
        tp = textpage.raw
        for i in range(raw.FPDFText_CountChars(tp)):
            if raw.FPDFText_IsGenerated(tp, i) == 1:
                continue
            key = _address(raw.FPDFText_GetTextObject(tp, i))
            code = raw.FPDFText_GetUnicode(tp, i)
            if key is None or not _xml_char(code):
                continue
            raw.FPDFText_GetLooseCharBox(tp, i, box)
            found.setdefault(key, []).append((chr(code), box.left, box.right))
        return found

    def _text(self, obj) -> TextRun | None:
        chars = self.chars.get(_address(obj))
        if not chars or raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
            return None
        text = "".join(ch for ch, _, _ in chars)
        rtl = any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)
        raw.FPDFTextObj_GetFontSize(obj, self._f)
        size = self._f.value
        font = raw.FPDFTextObj_GetFont(obj)
        length = max(right for _, _, right in chars) - min(left for _, left, _ in chars)
        a, b, c, d, e, f = self._object_matrix(obj)
        clip = self._clip(obj)
        colour = self._colour(raw.FPDFPageObj_GetFillColor, obj)
        name = _font_name(font)
        if b == 0 and c == 0 and a == d and a > 0:  # upright: everything in page units
            x = e + length if rtl else e
            return TextRun(text, x, self.height - f, size * a, length, rtl, name, colour, clip)
        return TextRun(text, 0.0, 0.0, size, 0.0, rtl, name, colour, clip,
                       (a, -b, -c, d, e, self.height - f))

    # -- shapes ----------------------------------------------------------------------------
    def _shape(self, obj) -> Shape | None:
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        if fill_mode.value == raw.FPDF_FILLMODE_NONE and not stroke.value:
            return None  # a path that only clips, or paints nothing
        matrix = self._object_matrix(obj)
        d = self._path_data(lambda j: raw.FPDFPath_GetPathSegment(obj, j),
                            raw.FPDFPath_CountSegments(obj), matrix)
        if not d:
            return None
        fill = None
        if fill_mode.value != raw.FPDF_FILLMODE_NONE:
            fill = self._colour(raw.FPDFPageObj_GetFillColor, obj)
        width, dash, phase, cap, join = 0.0, (), 0.0, 0, 0
        outline = None
        if stroke.value:
            outline = self._colour(raw.FPDFPageObj_GetStrokeColor, obj)
            scale = math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2])) or 1.0
            raw.FPDFPageObj_GetStrokeWidth(obj, self._f)
            width = self._f.value * scale
            count = raw.FPDFPageObj_GetDashCount(obj)
            if count > 0:
                values = (ctypes.c_float * count)()
                raw.FPDFPageObj_GetDashArray(obj, values, count)
                dash = tuple(v * scale for v in values)
                raw.FPDFPageObj_GetDashPhase(obj, self._f)
                phase = self._f.value * scale
            cap, join = raw.FPDFPageObj_GetLineCap(obj), raw.FPDFPageObj_GetLineJoin(obj)
        return Shape(d, fill, fill_mode.value == raw.FPDF_FILLMODE_ALTERNATE, outline, width,
                     dash, phase, max(cap, 0), max(join, 0), self._clip(obj))

    def _path_data(self, segment_at, count: int, matrix) -> str:
        """SVG path data of `count` segments, mapped by `matrix` onto the page (y down)."""
        a, b, c, d, e, f = matrix
        h = self.height
        parts: list[str] = []
        bezier: list[str] = []
        for j in range(count):
            segment = segment_at(j)
            raw.FPDFPathSegment_GetPoint(segment, self._fx, self._fy)
            px, py = self._fx.value, self._fy.value
            point = f"{_num(a * px + c * py + e)} {_num(h - (b * px + d * py + f))}"
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                parts.append("M" + point)
            elif kind == raw.FPDF_SEGMENT_LINETO:
                parts.append("L" + point)
            elif kind == raw.FPDF_SEGMENT_BEZIERTO:
                bezier.append(point)
                if len(bezier) == 3:  # a cubic is three segments: two controls, then its end
                    parts.append("C" + " ".join(bezier))
                    bezier = []
            if raw.FPDFPathSegment_GetClose(segment):
                parts.append("Z")
        return "".join(parts)

    def _clip(self, obj) -> tuple[str, ...]:
        """The clip paths `obj` is painted through (in page space, so no matrix)."""
        clip = raw.FPDFPageObj_GetClipPath(obj)
        if not clip:
            return ()
        key = _address(clip)
        if key in self.clips:
            return self.clips[key]
        paths = []
        identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        for i in range(max(0, raw.FPDFClipPath_CountPaths(clip))):
            count = raw.FPDFClipPath_CountPathSegments(clip, i)
            d = self._path_data(lambda j, i=i: raw.FPDFClipPath_GetPathSegment(clip, i, j),
                                max(0, count), identity)
            if d:
                paths.append(d)
        self.clips[key] = tuple(paths)
        return self.clips[key]

    # -- state -----------------------------------------------------------------------------
    def _object_matrix(self, obj) -> tuple[float, float, float, float, float, float]:
        m = self._matrix
        raw.FPDFPageObj_GetMatrix(obj, m)
        return m.a, m.b, m.c, m.d, m.e, m.f

    def _colour(self, getter, obj) -> Colour:
        getter(obj, self._r, self._g, self._b, self._a)
        return self._r.value, self._g.value, self._b.value, self._a.value


def _font_name(font) -> str:
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if not size:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFFont_GetBaseFontName(font, buffer, size)
    name = buffer.value.decode("utf-8", "replace")
    return name.split("+", 1)[1] if "+" in name[:7] else name


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
