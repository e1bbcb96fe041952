"""Mixed right-to-left and left-to-right text in the PDFs, read back from the files.

The expected strings are the characters as they stand on the page from left to right
(so an Arabic word reads backwards here), worked out by hand from UAX #9: a paragraph's
first strong letter sets its direction, numbers keep their digit order, brackets face the
text they enclose.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.document import Document
from journeymap.export.pdf import bidi, fonts, typeset
from journeymap.export.pdf.canvas import binary_streams, new_canvas, save
from journeymap.export.sheet.writer import write_map_pdf
from journeymap.model import Map

LEAD = 20.0
UNMARKED = {ord(ch): None for ch in bidi.CONTROLS}  # the invisible marks wrapped lines carry


def setup_module():
    fonts.ensure_fonts()


def page_lines(path: Path, page: int | None = None) -> list[str]:
    """Every line of text in the PDF: its characters in order of x, Arabic presentation
    forms folded back to letters."""
    out = []
    with pdfplumber.open(path) as pdf:
        for p in pdf.pages if page is None else [pdf.pages[page]]:
            rows: dict[float, list] = {}
            for ch in p.chars:  # a line is the characters on one baseline
                rows.setdefault(round(ch["matrix"][5], 1), []).append(ch)
            for _, chars in sorted(rows.items(), reverse=True):
                text = "".join(ch["text"] for ch in sorted(chars, key=lambda ch: ch["x0"]))
                out.append(unicodedata.normalize("NFKC", text))
    return out


def drawn(tmp_path: Path, lines: list[str], style: str = "regular") -> list[str]:
    """Draw each line on its own baseline the way the exporters do, read the PDF back."""
    out = tmp_path / "lines.pdf"
    with binary_streams():
        c = new_canvas(out, (842, 60 + LEAD * len(lines)), title="t", author="", subject="")
        for index, line in enumerate(lines):
            typeset.draw(c, 20, 30 + LEAD * (len(lines) - 1 - index), line, style, 10)
        c.showPage()
        save(c, out)
    return page_lines(out)


@pytest.mark.parametrize("style", ["regular", "cond"])  # cond draws Arabic from a fallback
@pytest.mark.parametrize(("text", "visual"), [
    # an Arabic paragraph with an English phrase and a number
    ("وصل الطلب بعد 24 يوما via DHL Express", "via DHL Express اموي 24 دعب بلطلا لصو"),
    # an English paragraph with an Arabic phrase and a bracket
    ("Customers say الطلب متأخر (late) since 3 days",
     "Customers say رخأتم بلطلا (late) since 3 days"),
    # numbers inside right-to-left text keep their digit order, a decimal point its place
    ("السعر 12.50 دينار", "رانيد 12.50 رعسلا"),
    ("טלפון 555-1234", "555-1234 ןופלט"),
    # after Arabic letters digits are Arabic numbers, which a hyphen does not join (W2, W4)
    ("اتصل 555-1234", "1234-555 لصتا"),
    # brackets in right-to-left text are mirrored: they face what they enclose
    ("العنوان (الرئيسي) هنا", "انه (يسيئرلا) ناونعلا"),
    ("שלום (world) 2024", "2024 (world) םולש"),
])
def test_mixed_lines_are_drawn_in_reading_order(tmp_path, text, visual, style):
    assert drawn(tmp_path, [text], style) == [visual]


def wrapped(text: str, first_line: str, second_line: str) -> list[str]:
    """`text` wrapped at a width where it breaks after `first_line`."""
    lines, _ = typeset.wrap(text, "regular", 10, typeset.width(first_line, "regular", 10) + 1)
    assert [line.translate(UNMARKED) for line in lines] == [first_line, second_line]
    return lines


def test_a_wrapped_line_starting_with_arabic_keeps_its_english_paragraphs_order(tmp_path):
    lines = wrapped("Customers told us in interviews ينتظرون 24 يوما before it arrives",
                    "Customers told us in interviews", "ينتظرون 24 يوما before it arrives")
    assert drawn(tmp_path, lines) == ["Customers told us in interviews",
                                      "اموي 24 نورظتني before it arrives"]


def test_a_wrapped_line_starting_with_english_keeps_its_arabic_paragraphs_order(tmp_path):
    lines = wrapped("قال الزبائن في المقابلة هذا الشهر Customers wait قبل الوصول",
                    "قال الزبائن في المقابلة هذا الشهر", "Customers wait قبل الوصول")
    assert drawn(tmp_path, lines) == ["رهشلا اذه ةلباقملا يف نئابزلا لاق",
                                      "لوصولا لبق Customers wait"]


def test_a_cut_line_keeps_its_direction(tmp_path):
    text = "24 ساعة انتظار في الخط"  # starts with a number: the Arabic word sets the direction
    cut = typeset.ellipsize(text, "regular", 10, typeset.width("24 ساعة…", "regular", 10) + 1)
    assert drawn(tmp_path, [cut]) == ["...ةعاس 24"]  # the ellipsis is read back as three dots


# -- nothing lost, nothing moved that needs no moving --------------------------------------
LATIN = "abcXYZ 0123456789.,;:-+%/()[]<>«»\"'!?"
MIXED = LATIN + "ابتثجحخدرزسشصضطظعغفقكلمنهوي" + "אבגדהוזחטיכלמנסעפצקרשת" + "٠١٢٣"


def fold(text: str) -> Counter:
    """The characters, presentation forms as letters, each mirror pair as one character."""
    pairs = {"(": ")", "[": "]", "<": ">", "«": "»"}
    return Counter(pairs.get(ch, ch) for ch in unicodedata.normalize("NFKC", text))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet=MIXED, min_size=1, max_size=40), min_size=1, max_size=3))
def test_every_character_of_mixed_text_reaches_the_page(tmp_path_factory, texts):
    tmp = tmp_path_factory.mktemp("mixed")
    on_page = fold("".join(drawn(tmp, texts)).replace(" ", ""))
    assert on_page == fold("".join(texts).replace(" ", ""))


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=LATIN + "éçßøЖжλ中文", min_size=1, max_size=60).filter(str.strip))
def test_left_to_right_text_is_drawn_unchanged(tmp_path_factory, text):
    tmp = tmp_path_factory.mktemp("ltr")
    assert drawn(tmp, [text]) == [text]


# -- the journey sheet ---------------------------------------------------------------------
# words of the two A3 sections: English and Arabic taking turns, so that wrapped lines start
# with either script; Arabic words without the lam-alef ligature, which reads back as two
# letters in logical order
def words(text: str) -> list[str]:
    return text.split()


LTR_ENGLISH = words("alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima "
                    "mike november oscar papa quebec romeo sierra tango uniform victor whiskey")
LTR_ARABIC = words("واحد اثنان أربعة خمسة ستة")
RTL_ENGLISH = words("amber bronze cobalt denim ebony fawn garnet hazel indigo jade khaki lilac "
                    "mauve navy ochre pearl quartz ruby sage teal")
RTL_ARABIC = words("سبعة ثمانية تسعة عشرة مئة")


def interleaved(first: list[str], second: list[str]) -> str:
    return " ".join(f"{word} {second[index % len(second)]}" for index, word in enumerate(first))


@pytest.fixture(scope="module")
def mixed_sheet(tmp_path_factory) -> Path:
    return mixed_sheet_pdf(tmp_path_factory.mktemp("sheet") / "mixed.pdf")


def mixed_sheet_pdf(out: Path) -> Path:
    """A one-card workshop sheet with a left-to-right and a right-to-left A3 section."""
    doc = Document(Map(id="map-mixed", name="Delivery رحلة الزبون"))
    doc.set_map_fields(background=interleaved(LTR_ENGLISH, LTR_ARABIC),
                       goal=interleaved(RTL_ARABIC * 4, RTL_ENGLISH))
    stage = doc.add_stage("Delivery")
    lane = doc.add_lane("Customer", kind="customer")
    sales = doc.add_role("مبيعات")
    tp = doc.add_touchpoint(stage.id, lane.id, "Parcel arrives", experience=-1)
    doc.set_raci(tp.id, sales.id, "RA")
    write_map_pdf(doc.map, out, summary=False)
    return out


def rows_of(pdf: Path, english: list[str], arabic: list[str]) -> list[list[str]]:
    """The lines of the sheet that hold these words, each as its words left to right (an
    Arabic word turned back into reading order)."""
    rows = []
    for line in page_lines(pdf, 0):
        words = [w[::-1] if w[::-1] in arabic else w for w in line.split()]
        words = [w for w in words if w in english or w in arabic]
        if words:
            rows.append(words)
    return rows


def test_a_left_to_right_section_reads_left_to_right_on_every_line(mixed_sheet):
    rows = rows_of(mixed_sheet, LTR_ENGLISH, LTR_ARABIC)
    assert len(rows) >= 2 and any(row[0] in LTR_ARABIC for row in rows[1:])  # some start so
    read = [w for row in rows for w in row]
    assert read == interleaved(LTR_ENGLISH, LTR_ARABIC).split()[:len(read)]
    assert len(read) > 20


def test_a_right_to_left_section_reads_right_to_left_on_every_line(mixed_sheet):
    rows = rows_of(mixed_sheet, RTL_ENGLISH, RTL_ARABIC)
    assert len(rows) >= 2 and any(row[-1] in RTL_ENGLISH for row in rows[1:])
    # single words alternate, so reading each line from the right gives the source order
    read = [w for row in rows for w in reversed(row)]
    assert read == interleaved(RTL_ARABIC * 4, RTL_ENGLISH).split()[:len(read)]
    assert len(read) > 20


def test_a_card_keeps_the_space_between_its_raci_letters_and_an_arabic_role(mixed_sheet):
    """The letters, then a space's width of paper, then the role's name."""
    with pdfplumber.open(mixed_sheet) as pdf:
        chars = pdf.pages[0].chars
    rows: dict[float, list] = {}
    for ch in chars:
        rows.setdefault(round(ch["matrix"][5], 1), []).append(ch)
    for row in rows.values():
        row.sort(key=lambda ch: ch["x0"])
        text = "".join(ch["text"] for ch in row)
        if "R/A" in text and "تاعيبم" in unicodedata.normalize("NFKC", text):
            a, name = row[text.index("R/A") + 2], row[text.index("R/A") + 3]
            assert unicodedata.bidirectional(name["text"]) == "AL"  # the name follows at once
            assert name["x0"] - a["x1"] >= 0.25 * a["size"]  # DejaVu's space is 0.29 em
            return
    pytest.fail("no R/A chip with the Arabic role on the sheet")


# -- Journeymap's own sentences and lists that quote the user's names --------------------------
@pytest.fixture(scope="module")
def check_pages(tmp_path_factory) -> list[str]:
    """A map whose names are Arabic, with its journey-check and index pages."""
    doc = Document(Map(id="map-check", name="Check"))
    stage = doc.add_stage("التوصيل")
    lane = doc.add_lane("Customer", kind="customer")
    first = doc.add_touchpoint(stage.id, lane.id, "وصول الطرد", experience=-1)
    second = doc.add_touchpoint(stage.id, lane.id, "Parcel opened", experience=-1)
    doc.add_connection(first.id, second.id)
    out = tmp_path_factory.mktemp("check") / "check.pdf"
    write_map_pdf(doc.map, out)
    return page_lines(out)


def test_a_check_message_quoting_an_arabic_title_stays_an_english_sentence(check_pages):
    assert any(line.startswith('"درطلا لوصو" has no accountable role') for line in check_pages)


def test_a_figure_after_an_arabic_stage_name_keeps_its_sign(check_pages):
    assert "Experience  ليصوتلا −1.0" in check_pages


def test_a_list_of_titles_keeps_its_order(check_pages):
    """Arabic then English title joined by an arrow: each reads in its own direction and the
    arrow still points from the first to the second."""
    row = next(line for line in check_pages if line.startswith("Critical path"))
    assert "درطلا لوصو → Parcel opened" in row


def edges_of(pdf: Path, english: list[str], arabic: list[str]) -> list[tuple[float, float]]:
    """(left, right) of each line of page 1 that holds only these words."""
    words = set(english) | {w[::-1] for w in arabic}
    out = []
    with pdfplumber.open(pdf) as doc:
        rows: dict[float, list] = {}
        for ch in doc.pages[0].chars:
            rows.setdefault(round(ch["matrix"][5], 1), []).append(ch)
    for chars in rows.values():
        chars.sort(key=lambda ch: ch["x0"])
        text = unicodedata.normalize("NFKC", "".join(ch["text"] for ch in chars))
        if text.split() and all(w in words for w in text.split()):
            out.append((chars[0]["x0"], chars[-1]["x1"]))
    return out


def test_a_right_to_left_section_lines_up_on_the_right_and_a_left_to_right_one_on_the_left(
        mixed_sheet):
    rtl = edges_of(mixed_sheet, RTL_ENGLISH, RTL_ARABIC)
    ltr = edges_of(mixed_sheet, LTR_ENGLISH, LTR_ARABIC)
    assert len(rtl) >= 2 and len(ltr) >= 2
    assert max(r for _, r in rtl) - min(r for _, r in rtl) <= 1.0  # one right edge
    assert max(left for left, _ in rtl) - min(left for left, _ in rtl) > 5  # ragged left
    assert max(left for left, _ in ltr) - min(left for left, _ in ltr) <= 1.0


def test_a_right_to_left_paragraph_of_the_index_lines_up_on_its_columns_right(tmp_path):
    doc = Document(Map(id="map-index", name="Index"))
    stage = doc.add_stage("Delivery")
    lane = doc.add_lane("Customer", kind="customer")
    doc.add_touchpoint(stage.id, lane.id, "Parcel arrives",
                       description=interleaved(RTL_ARABIC * 8, RTL_ENGLISH))
    out = tmp_path / "index.pdf"
    write_map_pdf(doc.map, out, summary=False)
    with pdfplumber.open(out) as pdf:
        pages = len(pdf.pages)
    assert pages >= 2
    arabic = {w[::-1] for w in RTL_ARABIC}
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[-1]
        rows: dict[float, list] = {}
        for ch in page.chars:
            rows.setdefault(round(ch["matrix"][5], 1), []).append(ch)
    rights, lefts = [], []
    for chars in rows.values():
        chars.sort(key=lambda ch: ch["x0"])
        text = unicodedata.normalize("NFKC", "".join(ch["text"] for ch in chars))
        if any(w in arabic for w in text.split()):
            body = [ch for ch in chars if ch["fontname"].split("+")[-1].lower().find("bold") < 0]
            rights.append(body[-1]["x1"])
            lefts.append(body[0]["x0"])
    assert len(rights) >= 2
    assert max(rights) - min(rights) <= 1.0
    assert max(lefts) - min(lefts) > 5
