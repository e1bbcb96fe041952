"""One line of user text on a reportlab canvas: font fallback, right-to-left runs, shaping.

A line becomes a tuple of `Run`s in visual (left-to-right) order, each in one font. Runs are
cached per (text, style) with their width at 1 pt, so measuring and drawing the same string
at several sizes costs one analysis. No markup is ever interpreted: `<b>R&D</b>` prints as
written.

Right-to-left text (Arabic, Hebrew) is put in visual order by `bidi` (the Unicode
Bidirectional Algorithm of python-bidi) with the direction of its paragraph: `wrap` marks a
line whose paragraph runs the other way than its own first word. Each run of one embedding
level and one font is then shaped by HarfBuzz (through reportlab's `shapeStr`), which joins
Arabic letters, lays right-to-left runs out right to left and mirrors their brackets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

from . import bidi
from .fonts import font_for_char, font_name

ELLIPSIS = "\u2026"
# scripts HarfBuzz lays out right to left (it guesses a run's direction from its script)
_RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
_NEEDS_SHAPING = re.compile("[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u0300-\u036f\u0483-\u0489]")
_WHITESPACE = re.compile(r"[\t\n\r\v\f\u2028\u2029]+")


@dataclass(frozen=True, slots=True)
class Run:
    text: str  # ready to draw (a reportlab ShapedStr for shaped runs)
    font: str
    width: float  # at 1 pt


def clean(text: str) -> str:
    """One line of text: NFC, line breaks and tabs as spaces, control characters dropped."""
    text = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text or ""))
    if text.isascii() and text.isprintable():
        return text
    return "".join(ch for ch in text if ch == " " or unicodedata.category(ch) != "Cc")


@lru_cache(maxsize=65536)
def runs(text: str, style: str) -> tuple[Run, ...]:
    text = clean(text)
    if not text:
        return ()
    if text.isascii():
        name = font_name(style)
        return (Run(text, name, stringWidth(text, name, 1.0)),)
    if not bidi.has_right_to_left(text):
        return tuple(_make_run(t, f, 0) for t, f, _ in _font_pieces(text, style))
    # a line is resolved as its own paragraph: a wrapped line carries its paragraph's
    # direction as a leading mark (see `wrap`)
    levels = bidi.embedding_levels(text, bidi.paragraph_direction(text))
    pieces = bidi.visual_order(_font_pieces(text, style, levels))
    return tuple(_make_run(t, f, level) for t, f, level in pieces if t)


def width(text: str, style: str, size: float) -> float:
    return sum(r.width for r in runs(text, style)) * size


def draw(canvas, x: float, y: float, text: str, style: str, size: float,
         align: str = "left") -> float:
    """Draw one line with its baseline at y; returns the drawn width."""
    return draw_segments(canvas, x, y, [(text, style, size, None)], align)


def draw_segments(canvas, x: float, y: float, segments, align: str = "left") -> float:
    """Draw (text, style, size, colour) pieces one after another on a baseline in one text
    object (colour None keeps the current fill); returns the total width."""
    laid = [(runs(text, style), size, colour) for text, style, size, colour in segments]
    total = sum(sum(r.width for r in line) * size for line, size, _ in laid)
    if total == 0:
        return 0.0
    if align == "right":
        x -= total
    elif align == "center":
        x -= total / 2
    if any(isinstance(r.text, ShapedStr) for line, _, _ in laid for r in line):
        _draw_with_textobject(canvas, x, y, laid)
    else:
        _emit(canvas, x, y, laid)
    return total


def _emit(canvas, x: float, y: float, laid) -> None:
    """Write the text operators directly: reportlab's text object formats every number in
    pure Python (without its optional C accelerator), which dominated the time of a 500-card
    sheet. Consecutive runs need no new origin: the PDF advances the text position by each
    glyph's width, the same widths `runs` measured."""
    doc = canvas._doc
    escape = canvas._escape
    code = [f"BT 1 0 0 1 {x:.3f} {y:.3f} Tm"]
    last_colour = None
    for line, size, colour in laid:
        if colour is not None:
            code.append(f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f} rg")
            last_colour = colour
        for run in line:
            font = getFont(run.font)
            for subset, chunk in font.splitString(run.text, doc):
                code.append(f"{font.getSubsetInternalName(subset, doc)} {size:.3f} Tf "
                            f"({escape(chunk)}) Tj")
    code.append("ET")
    canvas._code.append(" ".join(code))
    if last_colour is not None:
        canvas._fillColorObj = last_colour  # keep the canvas's record of the fill colour true


def _draw_with_textobject(canvas, x: float, y: float, laid) -> None:
    obj = canvas.beginText(x, y)
    for line, size, colour in laid:
        if colour is not None:
            obj.setFillColor(colour)
        for run in line:
            obj.setFont(run.font, size)
            obj.textOut(run.text)
    canvas.drawText(obj)


def ellipsize(text: str, style: str, size: float, max_width: float) -> str:
    """The text itself if it fits, else its longest prefix that fits with an ellipsis; the
    prefix keeps the text's direction even when it is cut before its first strong letter."""
    text = clean(text)
    if width(text, style, size) <= max_width:
        return text
    mixed = bidi.has_right_to_left(text)
    direction = bidi.paragraph_direction(text)

    def cut(end: int) -> str:
        shown = text[:end].rstrip() + ELLIPSIS
        return bidi.with_direction(shown, direction) if mixed else shown

    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if width(cut(mid), style, size) <= max_width:
            low = mid
        else:
            high = mid - 1
    return cut(low) if low else ""


def fits(text: str, style: str, size: float, max_width: float) -> bool:
    return width(text, style, size) <= max_width


# -- wrapping -----------------------------------------------------------------------------
_TOKEN = re.compile(r"\S+\s*|\s+")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(paragraph: str) -> list[str]:
    """Words with their trailing spaces; CJK characters break anywhere, so each is a token."""
    out: list[str] = []
    for token in _TOKEN.findall(paragraph):
        if token.isascii() or not any(_is_wide(ch) for ch in token):
            out.append(token)
            continue
        buf = ""
        for ch in token:
            if _is_wide(ch):
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(ch)
            else:
                buf += ch
        if buf:
            out.append(buf)
    return out


def starts_right(line: str) -> bool:
    """Whether a line `wrap` made belongs to a right-to-left paragraph, and so lines up on
    the right: the marks `wrap` adds make a line resolve with its paragraph's direction."""
    return bidi.paragraph_direction(line) == bidi.RTL


def wrap(text: str, style: str, size: float, max_width: float,
         max_lines: int | None = None, direction: str | None = None) -> tuple[list[str], bool]:
    """Break text into lines no wider than max_width; explicit line breaks are kept.

    A line of mixed-direction text may carry invisible marks that keep its paragraph's
    direction and context (see `bidi`), so whoever draws it draws it in the paragraph's order.
    `direction` (bidi.LTR or RTL) is the paragraphs' direction when the caller knows it (a
    sentence of Journeymap's own); by default each paragraph's first strong letter decides.

    Returns (lines, truncated): past max_lines the last line ends with an ellipsis."""
    spans: list[tuple[bidi.Paragraph, int, str]] = []  # (paragraph, offset in it, line)
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        paragraph = bidi.Paragraph(clean(raw), direction)
        spans.extend(_wrap_paragraph(paragraph, style, size, max_width) or [(paragraph, 0, "")])
    while spans and not spans[-1][2].strip():
        spans.pop()
    lines = [paragraph.line(start, line) for paragraph, start, line in spans]
    truncated = max_lines is not None and len(lines) > max_lines
    if truncated:
        rest = " ".join(line.strip() for _, _, line in spans[max_lines - 1:])
        paragraph, start, _ = spans[max_lines - 1]
        last = paragraph.line(start, rest + " " + ELLIPSIS * 2, to_end=True)
        lines = lines[: max_lines - 1] + [ellipsize(last, style, size, max_width)]
    return lines, truncated


def _wrap_paragraph(paragraph: bidi.Paragraph, style: str, size: float,
                    max_width: float) -> list[tuple[bidi.Paragraph, int, str]]:
    """The lines as (paragraph, offset, line), each measured as it will be drawn."""
    marked = paragraph.mixed  # else no line needs marks: measure the text as it is

    def fits_at(start: int, line: str) -> bool:
        return width(paragraph.line(start, line) if marked else line, style, size) <= max_width

    spans: list[tuple[bidi.Paragraph, int, str]] = []
    line, start, pos = "", 0, 0  # the line being filled starts at `start`; next token at pos
    for token in _tokens(paragraph.text):
        candidate = line + token
        pos += len(token)
        shown = candidate.rstrip()
        if width(paragraph.line(start, shown) if marked else shown, style, size) <= max_width:
            line = candidate
            continue
        if line.strip():
            spans.append((paragraph, start, line.rstrip()))
        line = token.lstrip()
        start = pos - len(line)
        while line and not fits_at(start, line.rstrip()):
            head = _longest_prefix(start, line, fits_at)
            spans.append((paragraph, start, head.rstrip()))
            start += len(head)
            line = line[len(head):]
    if line.strip():
        spans.append((paragraph, start, line.rstrip()))
    return spans


def _longest_prefix(start: int, text: str, fits_at) -> str:
    """The longest start of text that fits (at least one character)."""
    low, high = 1, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if fits_at(start, text[:mid].rstrip()):
            low = mid
        else:
            high = mid - 1
    return text[:low]


# -- runs and shaping ----------------------------------------------------------------------
def _font_pieces(text: str, style: str,
                 levels: list[int] | None = None) -> list[tuple[str, str | None, int]]:
    """Split text into (substring, font, embedding level) by which font draws each character
    and, given levels, where the level changes. Characters no font has are dropped. The
    invisible direction controls are never drawn, but one whose level differs from the text
    before it stays as an empty piece: it parts runs in the reordering as it should."""
    pieces: list[tuple[str, str | None, int]] = []
    current, level, buf = None, 0, []
    dropped = False
    for index, ch in enumerate(text):
        at = levels[index] if levels is not None else 0
        if ch in bidi.CONTROLS:
            if at != level:
                if buf:
                    pieces.append(("".join(buf), current, level))
                    buf = []
                pieces.append(("", None, at))
                level = at
            continue
        if ch == " " and current is not None and at == level:
            if not (dropped and buf and buf[-1] == " "):  # no double space where a char went
                buf.append(ch)
            continue
        font = current if ch == " " and current is not None else font_for_char(style, ch)
        dropped = font is None
        if dropped:
            continue
        if (font != current or at != level) and buf:
            pieces.append(("".join(buf), current, level))
            buf = []
        current, level = font, at
        buf.append(ch)
    if buf:
        pieces.append(("".join(buf), current, level))
    return pieces


def _make_run(text: str, font: str, level: int) -> Run:
    if level % 2:
        if _RTL_SCRIPT.search(text):  # HarfBuzz shapes it right to left and mirrors brackets
            return _shaped(text, font)
        # neutrals only (a bracket in another font than the letters beside it): HarfBuzz
        # would take them as left to right, so reverse and mirror them here
        mirrored = bidi.mirrored(text[::-1])
        return Run(mirrored, font, stringWidth(mirrored, font, 1.0))
    # left to right: HarfBuzz would lay a right-to-left script out backwards, and what of
    # one gets here (Arabic-Indic digits; letters only under an explicit override) needs no
    # joining
    if _NEEDS_SHAPING.search(text) and not _RTL_SCRIPT.search(text):
        return _shaped(text, font)
    return Run(text, font, stringWidth(text, font, 1.0))


def _shaped(text: str, font: str) -> Run:
    shaped = shapeStr(text, font, 10.0)
    data = getattr(shaped, "__shapeData__", None)
    if data is None:
        return Run(shaped, font, stringWidth(shaped, font, 1.0))
    return Run(shaped, font, sum(d.x_advance for d in data) / 1000.0)
