"""The journey-map PDF, read back with pypdf and pdfplumber."""

from __future__ import annotations

import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from reportlab import rl_config

from journeymap.document import Document
from journeymap.errors import JourneymapError, ValidationError
from journeymap.export.pdf import fonts
from journeymap.export.sheet.writer import write_map_pdf
from journeymap.model import Map
from tests.synthetic_maps import sample_map

AWKWARD = [
    "Café crème – résumé Łódź",
    "Ελληνικά δοκιμή",
    "Проверка связи",
    "مرحبا بالعالم",
    "中文测试",
    "日本語テスト",
    "한국어 시험",
    "<b>R&D</b> & <i>co</i>",
]


def awkward_map() -> Map:
    doc = Document(Map(id="map-awkward", name="Ärger & <Ünïcode>"))
    doc.set_map_fields(owner="Zoë O'Brien", background="<b>not bold</b> & kept",
                       goal="目标: 更快")
    stages = [doc.add_stage(name) for name in ("Entdecken", "Kaufen", "Nutzen")]
    customer = doc.add_lane("Kunde", kind="customer")
    staff = doc.add_lane("Service", kind="frontstage")
    role = doc.add_role("R&D <team>")
    ids = []
    for index, title in enumerate([*AWKWARD, "Launch 🚀 party"]):
        lane = customer if index % 2 else staff
        tp = doc.add_touchpoint(stages[index % 3].id, lane.id, title, experience=index % 5 - 2,
                                owner="Ops", channel="Web", raci={role.id: "RA"})
        ids.append(tp.id)
    for a, b in zip(ids, ids[1:], strict=False):
        doc.add_connection(a, b)
    return doc.map


def text_of(path: Path) -> str:
    reader = PdfReader(str(path))
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


def found(title: str, text: str) -> bool:
    """Right-to-left titles come out of a PDF in visual order (reversed)."""
    return title in text or title[::-1] in text


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory) -> tuple[Map, Path]:
    m = sample_map(stages=10, lanes=5, per_cell=10, roles=8)
    out = tmp_path_factory.mktemp("big") / "big.pdf"
    write_map_pdf(m, out)
    return m, out


@pytest.fixture(scope="module")
def awkward_pdf(tmp_path_factory) -> tuple[Map, Path]:
    m = awkward_map()
    out = tmp_path_factory.mktemp("awkward") / "awkward.pdf"
    write_map_pdf(m, out)
    return m, out


@pytest.mark.parametrize(("paper", "portrait", "size"), [
    ("A3", False, (1190.55, 841.89)), ("A3", True, (841.89, 1190.55)),
    ("A4", False, (841.89, 595.28)), ("A2", False, (1683.78, 1190.55)),
    ("A1", True, (1683.78, 2383.94)), ("A0", False, (3370.39, 2383.94)),
    ("Letter", False, (792, 612)), ("Tabloid", True, (792, 1224)),
])
def test_page_size_follows_paper_and_orientation(tmp_path, paper, portrait, size):
    out = tmp_path / "map.pdf"
    write_map_pdf(sample_map(stages=3, lanes=2, per_cell=1), out, paper=paper, portrait=portrait,
                  summary=False)
    for page in PdfReader(str(out)).pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.5)


def test_every_template_title_is_in_the_text(tmp_path):
    templates = pytest.importorskip("journeymap.templates")
    for key, _ in templates.list_templates():
        m = templates.build_template(key)
        out = tmp_path / f"{key}.pdf"
        write_map_pdf(m, out)
        text = text_of(out)
        missing = [tp.title for tp in m.touchpoints if not found(tp.title, text)]
        assert not missing, f"{key}: {missing}"


def test_awkward_titles_print_literally_in_every_script(awkward_pdf):
    m, out = awkward_pdf
    text = text_of(out)
    for title in AWKWARD:
        assert found(title, text), title
    assert "<b>R&D</b> & <i>co</i>" in text  # markup is never interpreted
    assert "<b>not bold</b> & kept" in text
    assert "Ärger & <Ünïcode>" in text


def test_emoji_without_a_glyph_is_left_out_without_a_gap(awkward_pdf):
    _, out = awkward_pdf
    assert "Launch party" in text_of(out)


def _fonts(reader: PdfReader):
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        font_dict = resources.get_object().get("/Font") if resources else None
        for font in (font_dict or {}).values():
            yield font.get_object()
        xobjects = resources.get_object().get("/XObject") if resources else None
        for xobject in (xobjects or {}).values():
            inner = xobject.get_object().get("/Resources")
            if inner and "/Font" in inner.get_object():
                for font in inner.get_object()["/Font"].values():
                    yield font.get_object()


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type0":
        return all(_embedded(d.get_object()) for d in font["/DescendantFonts"])
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile2", "/FontFile", "/FontFile3"))


@pytest.mark.parametrize("which", ["awkward_pdf", "big_pdf"])
def test_all_fonts_are_embedded_and_none_is_helvetica(which, request):
    _, out = request.getfixturevalue(which)
    seen = list(_fonts(PdfReader(str(out))))
    assert seen
    for font in seen:
        assert "Helvetica" not in str(font.get("/BaseFont")), font.get("/BaseFont")
        assert _embedded(font), font.get("/BaseFont")
    assert b"Helvetica" not in out.read_bytes()


@pytest.mark.parametrize("which", ["awkward_pdf", "big_pdf"])
def test_no_glyph_is_smaller_than_6_pt(which, request):
    _, out = request.getfixturevalue(which)
    with pdfplumber.open(out) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            small = [(c["text"], round(c["size"], 2)) for c in page.chars if c["size"] < 5.999]
            assert not small, f"page {number}: {small[:5]}"


def test_a_500_card_map_tiles_with_cover_overview_and_continued_markers(big_pdf):
    m, out = big_pdf
    reader = PdfReader(str(out))
    assert len(m.touchpoints) == 500
    assert len(reader.pages) > 4
    outline = [item.title for item in _flatten(reader.outline)]
    assert outline[0] == m.name
    assert "Overview" in outline and "Map sheets" in outline
    assert any(title.startswith("Sheet ") for title in outline)
    assert "Touchpoint index" in outline
    text = text_of(out)
    assert "continued: sheet 2 →" in text
    missing = [tp.title for tp in m.touchpoints if tp.title not in text]
    assert not missing


def test_every_page_of_a_tiled_map_has_an_outline_entry(big_pdf):
    _, out = big_pdf
    reader = PdfReader(str(out))
    pages = {reader.get_destination_page_number(item) for item in _flatten(reader.outline)}
    assert pages == set(range(len(reader.pages)))


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_document_metadata_names_map_owner_and_kind(awkward_pdf):
    m, out = awkward_pdf
    meta = PdfReader(str(out)).metadata
    assert meta.title == m.name
    assert meta.author == "Zoë O'Brien"
    assert "customer journey map" in meta.subject


def test_summary_page_comes_last_and_can_be_left_out(tmp_path):
    m = sample_map(stages=4, lanes=3, per_cell=1)
    with_summary, without = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_map_pdf(m, with_summary)
    write_map_pdf(m, without, summary=False)
    last = PdfReader(str(with_summary)).pages[-1].extract_text()
    assert "Journey check" in last and "Key figures" in last
    assert "Journey check" not in text_of(without)


def test_a_title_too_long_for_its_card_is_whole_in_the_index(tmp_path):
    m = sample_map(stages=3, lanes=2, per_cell=1)
    long_title = "Customer phones the service desk to ask why the second invoice differs"
    m.touchpoints[0].title = long_title
    out = tmp_path / "long.pdf"
    write_map_pdf(m, out, summary=False)
    reader = PdfReader(str(out))
    assert long_title not in reader.pages[0].extract_text()  # cut on the card
    assert long_title in text_of(out)  # whole in the index


def test_a_small_map_is_one_a3_sheet_with_its_a3_sections(tmp_path):
    m = sample_map(stages=5, lanes=3, per_cell=1)
    out = tmp_path / "small.pdf"
    write_map_pdf(m, out, summary=False)
    first = PdfReader(str(out)).pages[0].extract_text()
    for heading in ("Background", "Current condition", "Goal", "Countermeasures", "Follow-up"):
        assert heading in first
    assert "Legend" in first


def test_a_map_without_touchpoints_still_prints(tmp_path):
    out = tmp_path / "empty.pdf"
    write_map_pdf(Map(id="m", name="Empty"), out)
    assert PdfReader(str(out)).pages


def test_unknown_paper_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="paper size 'B5'"):
        write_map_pdf(sample_map(), tmp_path / "x.pdf", paper="B5")


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_missing_or_damaged_font_is_a_clear_error(tmp_path, damage):
    folder = tmp_path / "fonts"
    folder.mkdir()
    if damage == "corrupt":
        for _name, filename in fonts.STYLES.values():
            (folder / filename).write_bytes(b"this is not a font" * 10)
    fonts.use_font_dir(folder)
    try:
        with pytest.raises(JourneymapError, match="bundled font file .*(missing|damaged)"):
            write_map_pdf(sample_map(stages=2, lanes=1, per_cell=1), tmp_path / "x.pdf")
    finally:
        fonts.use_font_dir(None)


def test_pdfs_written_on_several_threads_are_flate_only_and_restore_reportlab(tmp_path):
    before = rl_config.useA85
    m = sample_map(stages=3, lanes=2, per_cell=2)
    outs = [tmp_path / f"t{n}.pdf" for n in range(4)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda out: write_map_pdf(m, out), outs))
    assert rl_config.useA85 == before
    for out in outs:
        data = out.read_bytes()
        assert b"FlateDecode" in data and b"ASCII85Decode" not in data
