"""The PDF text engine: font fallback, right-to-left order, wrapping and ellipsis."""

from __future__ import annotations

import unicodedata

from bidi import get_display
from hypothesis import example, given, settings
from hypothesis import strategies as st

from journeymap.export.pdf import bidi, fonts, typeset


def setup_module():
    fonts.ensure_fonts()


def visual(text: str, style: str = "regular") -> str:
    """The drawn characters left to right, with Arabic presentation forms folded back."""
    return unicodedata.normalize("NFKC", "".join(str(r.text) for r in typeset.runs(text, style)))


def test_each_script_goes_to_a_font_that_has_it():
    fonts_used = {r.font for r in typeset.runs("Zoë Ж 中文 かな 한글", "regular")}
    assert fonts_used == {"JM-Sans", "JM-CJK", "JM-Hangul"}
    assert [r.font for r in typeset.runs("Bold 中", "bold")] == ["JM-Sans-Bold", "JM-CJK"]


def test_characters_no_font_has_are_dropped_without_a_double_space():
    assert visual("Launch 🚀 party") == "Launch party"
    assert visual("smile 😀") == "smile 😀"  # DejaVu draws the emoticons block


def test_arabic_is_shaped_and_laid_out_right_to_left():
    word = "مرحبا بالعالم"
    assert visual(word) == word[::-1]
    shaped = typeset.runs(word, "regular")[0].text
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in str(shaped))  # joined letter forms


def test_mixed_direction_keeps_latin_order_and_reverses_the_arabic_run():
    assert visual("Refund طلب استرداد (2) now") == "Refund (2) دادرتسا بلط now"
    assert visual("שלום עולם 123") == "123 םלוע םולש"


def test_markup_is_just_text():
    assert visual("<b>R&D</b>") == "<b>R&D</b>"


def test_ellipsize_keeps_fitting_text_and_cuts_the_rest():
    assert typeset.ellipsize("short", "regular", 10, 200) == "short"
    cut = typeset.ellipsize("a rather long touchpoint title indeed", "regular", 10, 80)
    assert cut.endswith(typeset.ELLIPSIS)
    assert typeset.width(cut, "regular", 10) <= 80


def test_wrap_breaks_between_words_and_inside_cjk_runs():
    lines, cut = typeset.wrap("one two three four five six", "regular", 10, 60)
    assert not cut and " ".join(lines) == "one two three four five six"
    lines, _ = typeset.wrap("中文测试中文测试中文测试中文测试", "regular", 10, 50)
    assert len(lines) > 1 and "".join(lines) == "中文测试中文测试中文测试中文测试"


def test_wrap_with_max_lines_ends_in_an_ellipsis():
    lines, cut = typeset.wrap("word " * 40, "regular", 10, 80, max_lines=2)
    assert cut and len(lines) == 2 and lines[-1].endswith(typeset.ELLIPSIS)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=60), st.sampled_from(["regular", "cond-bold"]),
       st.floats(min_value=20, max_value=300))
@example("\U0001e800", "regular", 20.0)  # a right-to-left script no bundled font covers
def test_wrapped_lines_never_overflow(text, style, width):
    lines, _ = typeset.wrap(text, style, 8, width)
    for line in lines:
        # a single character wider than the line is the only allowed overflow
        assert typeset.width(line, style, 8) <= width or len(typeset.clean(line)) == 1


# -- bidirectional order: python-bidi decides it, HarfBuzz draws it -------------------------
BIDI_ALPHABET = ("abcXYZ 019.,-+%()[]<>!?" + "אבגדהו" + "ابتحدرسعمنهوي" + "١٢٣"
                 + "\u200e\u200f\u2066\u2067\u2068\u2069")  # marks and isolates steer it


def _folded(text: str) -> str:
    """A mirrored bracket counts as the bracket; direction controls are never drawn."""
    pairs = str.maketrans(")]>", "([<")
    return "".join(ch for ch in text if ch not in bidi.CONTROLS).translate(pairs)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=BIDI_ALPHABET, max_size=30), st.sampled_from(["regular", "cond"]))
def test_runs_follow_the_order_python_bidi_gives(text, style):
    """Each line is drawn in the visual order of the Unicode algorithm as python-bidi
    implements it (the Arabic here has no lam-alef, the one ligature that joins two
    letters into one glyph)."""
    assert _folded(visual(text, style)) == _folded(get_display(typeset.clean(text)))


def test_a_line_keeps_its_paragraphs_direction_and_nothing_else_changes():
    text = "Customers told us in interviews ينتظرون 24 يوما before it arrives"
    lines, _ = typeset.wrap(text, "regular", 10, typeset.width("Customers told us in", "regular", 10))
    assert " ".join(_unmarked(line) for line in lines) == text
    assert all(bidi.paragraph_direction(line) == bidi.LTR for line in lines)
    second = next(line for line in lines if _unmarked(line).startswith("24"))
    # after Arabic across the break 24 is an Arabic number, as inside the paragraph
    assert visual(second) == "اموي 24 before it"


def _unmarked(line: str) -> str:
    return "".join(ch for ch in line if ch not in bidi.CONTROLS)


def test_paragraph_direction_is_the_first_strong_letters():
    assert bidi.paragraph_direction("24 يوما, then English") == bidi.RTL
    assert bidi.paragraph_direction("(2) Refund طلب") == bidi.LTR
    assert bidi.paragraph_direction("123 — !") == bidi.LTR
    assert bidi.paragraph_direction("\u2067عربي\u2069 text") == bidi.LTR  # an isolate is skipped
