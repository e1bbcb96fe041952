"""The experience curve on the A3 sheet, read back with pdfplumber: the line has a vertex per
rated touchpoint where the core function puts it, low points carry their card's number and
gaps are explained."""

from __future__ import annotations

import pdfplumber
import pytest

from journeymap.emotion_curve import emotion_curve, value_y
from journeymap.export.pdf import theme
from journeymap.export.sheet.writer import sheet_layout, write_map_pdf
from journeymap.model import Lane, Map, Stage, Touchpoint
from journeymap.templates import build_template


def _rgb(colour) -> tuple[float, ...]:
    return tuple(round(v, 3) for v in (colour.red, colour.green, colour.blue))


def _colour(obj, key: str) -> tuple[float, ...]:
    return tuple(round(v, 3) for v in (obj.get(key) or ()))


def extreme_map() -> Map:
    """A −2 and a +2 in one stage; a stage with nothing rated between two rated ones."""
    stages = [Stage("s1", "Find"), Stage("s2", "Buy"), Stage("s3", "Use")]
    lanes = [Lane("cu", "Customer", kind="customer"), Lane("ops", "Ops", kind="backstage")]
    cards = [("a", "s1", "cu", -2, "Lost parcel"), ("b", "s1", "cu", 2, "Friendly driver"),
             ("c", "s2", "ops", -1, "Manual check"), ("d", "s3", "cu", 1, "Works fine"),
             ("e", "s3", "cu", None, "Not asked yet")]
    return Map(id="m-extreme", name="Extremes", stages=stages, lanes=lanes,
               touchpoints=[Touchpoint(i, title, s, ln, experience=x)
                            for i, s, ln, x, title in cards])


@pytest.fixture(scope="module", params=["extreme", "upsell", "service-recovery",
                                        "customer-onboarding"])
def sheet(request, tmp_path_factory):
    m = extreme_map() if request.param == "extreme" else build_template(request.param)
    out = tmp_path_factory.mktemp("emotion") / f"{request.param}.pdf"
    write_map_pdf(m, out, paper="A3")
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        yield m, page, _band(page, m)


def _band(page, m: Map):
    """The emotion band's panel on the page: the lowest panel-coloured rect as wide as the
    grid (the stage headers use the same colour, further up)."""
    layout = sheet_layout(m, "A3")  # the sheet fits its own layout (wider cards) to the paper
    panels = [r for r in page.rects if r.get("fill")
              and _colour(r, "non_stroking_color") == _rgb(theme.PANEL)]
    band = max(panels, key=lambda r: r["top"])
    scale = band["width"] / layout.emotion_rect.w
    assert band["height"] == pytest.approx(layout.emotion_rect.h * scale, abs=0.5)
    return band, scale, layout


def _to_page(band, scale, layout, x: float, y: float) -> tuple[float, float]:
    rect = layout.emotion_rect
    return band["x0"] + (x - rect.x) * scale, band["top"] + (y - rect.y) * scale


def test_the_curve_has_one_vertex_per_rated_point_inside_the_band(sheet):
    m, page, (band, scale, layout) = sheet
    curve = emotion_curve(m, layout)
    strokes = [o for o in page.curves + page.lines
               if o.get("stroke") and not o.get("fill")
               and _colour(o, "stroking_color") == _rgb(theme.INK)
               and band["x0"] <= min(x for x, _ in o["pts"])
               and max(x for x, _ in o["pts"]) <= band["x1"]
               and band["top"] <= min(y for _, y in o["pts"])
               and max(y for _, y in o["pts"]) <= band["bottom"]]
    drawn = sorted((tuple(pt) for o in strokes for pt in o["pts"]), key=lambda pt: pt[0])
    joined = [p for run in curve.runs if len(run) > 1 for p in run]
    expected = [_to_page(band, scale, layout, p.x, value_y(layout.emotion_rect, p.value))
                for p in joined]
    assert len(drawn) == len(expected)
    for (x, y), (ex, ey) in zip(drawn, expected, strict=True):
        assert x == pytest.approx(ex, abs=0.5) and y == pytest.approx(ey, abs=0.5)
    # one path per run of neighbouring rated stages: the line breaks at every gap
    assert len(strokes) == sum(1 for run in curve.runs if len(run) > 1)


def test_a_minus_two_and_a_plus_two_in_one_stage_are_both_plotted(tmp_path):
    m = extreme_map()
    out = tmp_path / "extreme.pdf"
    write_map_pdf(m, out, paper="A3")
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        band, scale, layout = _band(page, m)
        inside = page.crop((band["x0"], band["top"], band["x1"], band["bottom"]))
        dots = [o for o in inside.curves if o.get("fill")
                and _colour(o, "non_stroking_color") in
                {_rgb(theme.experience_colour(v)) for v in range(-2, 3)}]
        colours = sorted(_colour(o, "non_stroking_color") for o in dots)
    # three rated customer touchpoints (the −1 is backstage, one card is unrated)
    assert colours == sorted(_rgb(theme.experience_colour(v)) for v in (-2, 2, 1))


def test_low_points_are_labelled_on_page_one_with_their_card_number(sheet):
    m, page, (band, _, layout) = sheet
    curve = emotion_curve(m, layout)
    text = page.crop((band["x0"], band["top"], band["x1"], band["bottom"])).extract_text()
    assert curve.lows, "every map here has a low point"
    for low in curve.lows:
        value, number, first_word = low.label.split()[:3]
        assert f"{value} {number} {first_word}" in text


def test_gaps_are_marked_in_the_band_and_explained_in_the_legend(sheet):
    m, page, (band, _, layout) = sheet
    curve = emotion_curve(m, layout)
    inside = page.crop((band["x0"], band["top"], band["x1"], band["bottom"])).extract_text()
    assert inside.count("gap: no rated touchpoint") == len(curve.gaps)
    full = page.extract_text()
    assert "gap = no rated touchpoint" in full
    assert "average per stage" not in full
    assert "each rated touchpoint" in full


def test_the_overview_of_a_tiled_sheet_draws_the_same_points(tmp_path):
    from tests.synthetic_maps import sample_map

    m = sample_map(stages=10, lanes=5, per_cell=10, roles=8)
    out = tmp_path / "big.pdf"
    write_map_pdf(m, out, paper="A3")
    layout = sheet_layout(m)  # tiles: the canvas's layout
    curve = emotion_curve(m, layout)
    with pdfplumber.open(out) as pdf:
        page = next(p for p in pdf.pages if "Overview" in p.extract_text())
        (band,) = [r for r in page.rects if r.get("fill")
                   and _colour(r, "non_stroking_color") == _rgb(theme.PANEL)]
        scale = band["width"] / layout.emotion_rect.w
        strokes = [o for o in page.curves + page.lines if o.get("stroke") and not o.get("fill")
                   and _colour(o, "stroking_color") == _rgb(theme.INK)
                   and band["x0"] - 1 <= min(x for x, _ in o["pts"])
                   and max(x for x, _ in o["pts"]) <= band["x1"] + 1
                   and band["top"] - 1 <= min(y for _, y in o["pts"])
                   and max(y for _, y in o["pts"]) <= band["bottom"] + 1]
        xs = sorted(x for o in strokes for x, _ in o["pts"])
    joined = [p for run in curve.runs if len(run) > 1 for p in run]
    assert len(xs) == len(joined)
    for x, point in zip(xs, joined, strict=True):
        assert x == pytest.approx(band["x0"] + (point.x - layout.emotion_rect.x) * scale, abs=0.5)
