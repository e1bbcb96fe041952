"""PNG and SVG show the PDF's sheet: title block, grid, legend, drawn by the sheet's own code.

The PNG is the sheet's page rendered by PDFium; the SVG is the same page read back into
vector SVG with its text as text. A map the PDF tiles is one picture of the whole map. No Qt
is needed: `python -m journeymap` exports images too.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from journeymap.document import Document
from journeymap.errors import ValidationError
from journeymap.export.image import write_image
from journeymap.export.pdf import theme
from journeymap.export.pdf.view import build_view
from journeymap.templates import build_template
from tests.synthetic_maps import sample_map

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
A3 = (1190.55, 841.89)


def svg_of(m, tmp_path) -> ET.Element:
    out = tmp_path / "map.svg"
    write_image(m, out, "svg")
    return ET.parse(out).getroot()


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(SVG + "text"))


def joined(root: ET.Element) -> str:
    """All the text runs, in paint order, one space between runs, whitespace normalised."""
    return " ".join(" ".join(t.text.split()) for t in texts(root) if t.text and t.text.strip())


def normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def upsell():
    return build_template("upsell")


@pytest.fixture(scope="module")
def big():
    return sample_map(stages=10, lanes=5, per_cell=10, roles=8)  # 500 cards, tiled on A3


# -- SVG ---------------------------------------------------------------------------------------
def test_the_svg_carries_the_map_title_every_card_title_and_the_legend_as_text(upsell, tmp_path):
    root = svg_of(upsell, tmp_path)
    assert root.tag == SVG + "svg"
    assert root.find(SVG + "title").text == upsell.name
    words = joined(root)
    assert upsell.name in [t.text for t in texts(root)]  # the title block's own run
    description = root.find(SVG + "desc").text
    view = build_view(upsell)
    assert len(view.index) == len(upsell.touchpoints)
    for entry in view.index:  # drawn whole, or cut to fit its card; whole in the description
        title = normalised(entry.title)
        assert title in words or any(title[:k].rstrip() + "…" in words
                                     for k in range(4, len(title))), title
        assert f"#{entry.number} {entry.title} (" in description
    for stage in upsell.stages:
        assert stage.name in words
    for legend in ("Legend", "very poor", "very good", "pain points", "opportunities",
                   "moment of truth", "goes back, not marked a loop"):
        assert legend in words, legend


def test_the_svg_names_its_fonts_with_a_css_fallback_list(upsell, tmp_path):
    root = svg_of(upsell, tmp_path)
    style = root.find(SVG + "style").text
    assert re.search(r'text\.c \{ font-family: "DejaVu Sans Condensed", "DejaVu Sans", '
                     r'"Noto Sans", "Noto Sans Arabic", [^}]*Arial, sans-serif', style)
    assert re.search(r'text\.s \{ font-family: "DejaVu Sans", "Noto Sans", [^}]*sans-serif', style)
    assert "text.b { font-weight: bold }" in style
    defined = set(re.findall(r"text\.(\w+) \{", style))
    classes = [t.get("class", "") for t in texts(root)]
    assert classes and all(c and set(c.split()) <= defined for c in classes)
    assert any("b" in c.split() for c in classes) and any(c == "c" for c in classes)
    assert "font-family" not in "".join(t.get("font-family", "") for t in texts(root))


def test_the_svg_clips_each_card_colour_strip_to_the_card(upsell, tmp_path):
    root = svg_of(upsell, tmp_path)
    clips = {c.get("id"): c for c in root.iter(SVG + "clipPath")}
    clipped = [p for p in root.iter(SVG + "path") if p.get("clip-path")]
    strips = {theme.experience_colour(card.experience).hexval()[2:].lower()
              for card in upsell.touchpoints}
    assert len(clipped) >= len(upsell.touchpoints)
    for path in clipped:
        assert path.get("clip-path")[5:-1] in clips
        assert path.get("fill")[1:] in strips


def test_the_svg_paints_each_point_of_the_emotion_curve_once(upsell, tmp_path):
    root = svg_of(upsell, tmp_path)
    view = build_view(upsell)
    colours = {"#" + theme.experience_colour(v).hexval()[2:].lower() for v in range(-2, 3)}
    dots = [p for p in root.iter(SVG + "path")
            if p.get("stroke") == "#ffffff" and p.get("fill") in colours]
    assert len(dots) == len(view.emotion.points) > 0
    assert len({p.get("d") for p in dots}) == len(dots)


def test_the_svg_has_arabic_and_cjk_titles_as_text_in_logical_order(tmp_path):
    doc = Document(build_template("acquisition"))
    stage, lane = doc.map.stages[0].id, doc.map.lanes[0].id
    doc.add_touchpoint(stage, lane, "سلام العميل")
    doc.add_touchpoint(stage, lane, "顧客が返信を待つ")
    root = svg_of(doc.map, tmp_path)
    runs = {t.text: t for t in texts(root) if t.text}
    assert "顧客が返信を待つ" in runs and runs["顧客が返信を待つ"].get("direction") is None
    arabic = [t for text, t in runs.items() if "سلام" in text]
    assert [normalised(t.text) for t in arabic] == ["سلام العميل"]
    assert arabic[0].get("direction") == "rtl"
    assert float(arabic[0].get("textLength")) > 0


# -- PNG ---------------------------------------------------------------------------------------
def test_png_export_is_sized_by_dpi(upsell, tmp_path):
    for dpi in (72, 144):
        write_image(upsell, tmp_path / f"{dpi}.png", "png", dpi=dpi)
        with Image.open(tmp_path / f"{dpi}.png") as image:
            assert image.size == pytest.approx((A3[0] * dpi / 72, A3[1] * dpi / 72), abs=1)
            assert image.info["dpi"] == pytest.approx((dpi, dpi), abs=0.01)
            assert image.getpixel((2, 2))[:3] == (255, 255, 255)


def test_png_pixels_match_the_pdf_sheet_rendered_the_same_way(run_cli, tmp_path):
    code, out, err = run_cli("new", "Upsell", "--template", "upsell")
    assert code == 0, err
    for fmt in ("pdf", "png"):
        code, _, err = run_cli("export", "Upsell", "-f", fmt, "--dpi", "100",
                               "-o", tmp_path / f"map.{fmt}")
        assert code == 0, err
    document = pdfium.PdfDocument(tmp_path / "map.pdf")
    sheet = document[0].render(scale=100 / 72).to_pil().convert("RGB")
    with Image.open(tmp_path / "map.png") as png:
        assert png.size == sheet.size
        assert ImageChops.difference(png.convert("RGB"), sheet).getbbox() is None


def test_a_png_too_big_for_the_dpi_is_rendered_lower_with_a_warning(run_cli, tmp_path,
                                                                   monkeypatch):
    from journeymap.export.image import png

    monkeypatch.setattr(png, "MAX_PIXELS", 1_000_000)
    run_cli("new", "Upsell", "--template", "upsell")
    code, out, err = run_cli("export", "Upsell", "-f", "png", "--dpi", "300",
                             "-o", tmp_path / "map.png")
    assert code == 0
    scale = (1_000_000 / (A3[0] * A3[1])) ** 0.5  # the largest that keeps to the limit
    assert err.strip().splitlines() == [
        f"journeymap: warning: the map is too large for 300 dpi; rendered at {int(scale * 72)} dpi"]
    with Image.open(tmp_path / "map.png") as image:
        assert image.size[0] * image.size[1] <= 1_000_000 * 1.01
        assert image.size == pytest.approx((A3[0] * scale, A3[1] * scale), abs=1)


# -- a map the PDF tiles -------------------------------------------------------------------------
def test_a_tiled_500_card_map_is_one_png_and_one_svg_of_the_whole_map(big, tmp_path):
    write_image(big, tmp_path / "big.svg", "svg")
    write_image(big, tmp_path / "big.png", "png", dpi=72)
    root = ET.parse(tmp_path / "big.svg").getroot()
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert width > A3[0] * 2  # grown to the map, not an A3 sheet
    numbers = {t.text.strip() for t in texts(root) if t.text and re.fullmatch(r"#\d+", t.text.strip())}
    assert numbers == {f"#{i}" for i in range(1, 501)}  # every card is on the one page
    words = joined(root)
    assert big.name in words and "Legend" in words
    for stage in big.stages:
        assert stage.name in words
    with Image.open(tmp_path / "big.png") as image:
        assert image.size == pytest.approx((width, height), abs=1)


# -- refusals and the program without the editor ------------------------------------------------
def test_an_unknown_image_format_or_resolution_is_refused(upsell, tmp_path):
    with pytest.raises(ValidationError, match="png or svg"):
        write_image(upsell, tmp_path / "x.gif", "gif")
    with pytest.raises(ValidationError, match="positive number of dpi"):
        write_image(upsell, tmp_path / "x.png", "png", dpi=0)
    assert list(tmp_path.iterdir()) == []


def test_images_go_to_a_stream_whole(upsell):
    stream = io.BytesIO()
    write_image(upsell, stream, "svg")
    assert stream.getvalue().startswith(b"<?xml") and stream.getvalue().rstrip().endswith(b"</svg>")


def test_python_m_journeymap_exports_png_and_svg_without_qt(tmp_path):
    workspace = tmp_path / "w.journeymap"
    base = [sys.executable, "-m", "journeymap", "--workspace", str(workspace)]
    subprocess.run([*base, "new", "Demo", "--template", "acquisition"], check=True,
                   capture_output=True, cwd=ROOT, timeout=120)
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml")):
        out = tmp_path / f"demo.{fmt}"
        done = subprocess.run([*base, "export", "Demo", "-f", fmt, "-o", str(out)],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr
        assert out.read_bytes().startswith(magic)
    code = ("import sys\n"
            "from journeymap.export.image import write_image\n"
            "from journeymap.templates import build_template\n"
            "write_image(build_template('upsell'), sys.argv[1], 'png', dpi=30)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui')))\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "q.png")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
