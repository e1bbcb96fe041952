"""The sheet is used and readable on the wall: a small map's grid fills its sheet in poster
type; a big map's tiles are cut between stages and lanes, every char stays on its page and
none is clipped at a tile's edge, the overview names every lane and its sheet badges sit
clear of the cards; bigger paper holds more. PDFs read back with pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from journeymap.export.pdf import chrome, theme
from journeymap.export.pdf.fonts import ensure_fonts
from journeymap.export.pdf.frame import sheet_frame
from journeymap.export.pdf.view import build_view
from journeymap.export.sheet.overview import badge_rect, free_spots
from journeymap.export.sheet.tiles import is_edge, plan_tiles
from journeymap.export.sheet.writer import sheet_zoom, write_map_pdf
from journeymap.io.sheet_read import read_sheet
from tests.synthetic_maps import sample_map

WORKSHOP = Path(__file__).parent / "data" / "workshop-12.csv"
CARD_EDGE = (0.725, 0.757, 0.792)  # theme.CARD_EDGE as pdfplumber reports it


@pytest.fixture(scope="module")
def workshop():
    m, warnings = read_sheet(WORKSHOP)
    assert not warnings
    return m


@pytest.fixture(scope="module")
def workshop_pdf(workshop, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("workshop") / "workshop.pdf"
    write_map_pdf(workshop, out)
    return out


@pytest.fixture(scope="module")
def big():
    return sample_map(stages=10, lanes=5, per_cell=10, roles=8)


@pytest.fixture(scope="module")
def big_pdf(big, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("big") / "big.pdf"
    write_map_pdf(big, out)
    return out


def _tile_plan(m, paper="A3"):
    """The plan the writer makes (same area, same scale floor)."""
    ensure_fonts()
    page = theme.page_size(paper, False)
    zoom = sheet_zoom(page)
    frame = sheet_frame((page[0] / zoom, page[1] / zoom), chrome.legend_height)
    mid = frame.middle
    width, height = mid.w, mid.h + chrome.TITLE_BLOCK_H + 12 - 30 - 20
    view = build_view(m)
    plan = plan_tiles(view.layout, width, height, theme.TILE_SCALE / zoom)
    plan.area = (width, height)  # for the tests: the points a tile has
    return view, plan


def _close(colour, target) -> bool:
    return colour is not None and len(colour) == 3 and all(
        abs(a - b) < 0.01 for a, b in zip(colour, target, strict=True))


# -- a small map fills its sheet ------------------------------------------------------------
def test_the_workshop_fixture_is_a_small_map_typed_up_after_a_workshop(workshop):
    assert (len(workshop.touchpoints), len(workshop.stages), len(workshop.lanes)) == (12, 5, 5)
    assert not any(getattr(workshop, key).strip() for key in ("background", "goal", "plan"))


def test_a_small_maps_grid_fills_the_sheet_width_in_poster_type(workshop, workshop_pdf):
    with pdfplumber.open(workshop_pdf) as pdf:
        page = pdf.pages[0]
        margin = theme.margin((page.width, page.height))
        usable = page.width - 2 * margin
        # the lane rows and cards: the grid's tall rectangles (legend chips are 9 pt)
        grid = [r for r in page.rects if r["height"] > 20]
        assert grid
        span = max(r["x1"] for r in grid) - min(r["x0"] for r in grid)
        assert span >= 0.8 * usable, f"grid uses {span / usable:.0%} of the width"
        assert min(c["size"] for c in page.chars) >= 7.0 - 1e-3
        text = " ".join(page.extract_text().split())
    for tp in workshop.touchpoints:
        assert tp.title in text or tp.title.split()[0] in text
    # Card titles are the bold condensed text of the cards: find one whole and measure it.
    with pdfplumber.open(workshop_pdf) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["size", "fontname"])
    title_words = {w for tp in workshop.touchpoints for w in tp.title.split()}
    band_top = next(w["top"] for w in words if w["text"] == "Experience")  # low-point tags below
    title_sizes = [w["size"] for w in words if w["text"] in title_words and "Bold" in w["fontname"]
                   and "Cond" in w["fontname"] and w["top"] < band_top]
    assert title_sizes and min(title_sizes) >= 9.0 - 1e-3, min(title_sizes)


def test_the_workshop_map_is_one_sheet_and_its_short_check_shares_the_index_page(workshop_pdf):
    with pdfplumber.open(workshop_pdf) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    assert len(texts) == 2  # the sheet, then the index with the journey check after it
    assert "Touchpoint index" in texts[1] and "Journey check" in texts[1]
    assert "Key figures" in texts[1]


def test_a1_holds_more_or_bigger_than_a3(workshop, big, tmp_path):
    def biggest_title(path):
        with pdfplumber.open(path) as pdf:
            return max(c["size"] for c in pdf.pages[0].chars if "Bold" in c["fontname"]
                       and "Cond" in c["fontname"])

    for paper in ("A3", "A1"):
        write_map_pdf(workshop, tmp_path / f"w-{paper}.pdf", paper=paper, summary=False)
    assert biggest_title(tmp_path / "w-A1.pdf") > 1.5 * biggest_title(tmp_path / "w-A3.pdf")
    _, a3 = _tile_plan(big, "A3")
    _, a1 = _tile_plan(big, "A1")
    assert len(a1.tiles) < len(a3.tiles) / 2  # the same map on far fewer sheets
    a3_cards = max(r.w * r.h for r in (t.region for t in a3.tiles))
    a1_cards = max(r.w * r.h for r in (t.region for t in a1.tiles))
    assert a1_cards > 2 * a3_cards


# -- a big map on tiles ---------------------------------------------------------------------
def test_every_tile_cut_falls_between_stages_and_between_lanes(big):
    view, plan = _tile_plan(big)
    assert len(plan.tiles) > 4
    for x0, x1 in plan.columns:
        assert is_edge(view.layout, "x", x0) and is_edge(view.layout, "x", x1)
    for y0, y1 in plan.rows:
        assert is_edge(view.layout, "y", y0) and is_edge(view.layout, "y", y1)


def test_a_stage_wider_than_a_sheet_is_cut_between_its_card_columns_only(tmp_path):
    huge = sample_map(stages=2, lanes=1, per_cell=200)
    view, plan = _tile_plan(huge)
    assert len(plan.columns) > 2
    m = view.layout.metrics
    inside = 0
    for x0, _ in plan.columns:
        assert not any(card.rect.x < x0 < card.rect.right for card in view.cards)
        if not is_edge(view.layout, "x", x0):
            stage = next(r for r in view.layout.stage_rects.values() if r.x < x0 < r.right)
            assert (x0 - stage.x - m.gap / 2) % (m.card_w + m.gap) < 0.01  # between card columns
            inside += 1
    assert inside


def test_no_tile_is_mostly_blank_when_it_could_share_a_sheet(big):
    view, plan = _tile_plan(big)
    m = view.layout.metrics
    width, height = plan.area
    room_w = width / plan.scale - m.lane_header_w  # layout units a sheet shows at its scale
    room_h = height / plan.scale - m.stage_header_h
    for tile in plan.tiles:
        used = (tile.region.w * tile.region.h) / (room_w * room_h)
        if used >= 0.35:
            continue
        for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            other = plan.at(tile.row + dr, tile.col + dc)
            if other is None:
                continue
            merged_w = tile.region.w + (other.region.w if dc else 0)
            merged_h = tile.region.h + (other.region.h if dr else 0)
            assert merged_w > room_w + 0.5 or merged_h > room_h + 0.5, (
                f"sheet {tile.number} is {used:.0%} used and fits with sheet {other.number}")
    assert sum(t.region.w * t.region.h for t in plan.tiles) / (len(plan.tiles) * room_w * room_h) > 0.5


def test_no_char_is_outside_its_page_nor_clipped_at_a_tile_edge(big, big_pdf):
    view, plan = _tile_plan(big)
    with pdfplumber.open(big_pdf) as pdf:
        pages = pdf.pages
        first_tile = next(i for i, p in enumerate(pages) if (p.extract_text() or "").find(
            f"Sheet 1 of {len(plan.tiles)}") >= 0)
        for number, page in enumerate(pages, start=1):
            outside = [c["text"] for c in page.chars
                       if c["x0"] < -0.5 or c["x1"] > page.width + 0.5
                       or c["top"] < -0.5 or c["bottom"] > page.height + 0.5]
            assert not outside, f"page {number}: {outside[:10]}"
        for index in range(first_tile, first_tile + len(plan.tiles)):
            page = pages[index]
            # the tile's clip boxes are the page's clipping rectangles: a char is wholly in
            # the body or wholly out of it, never cut by its edge
            body = _tile_body(page)
            cut = [c["text"] for c in page.chars
                   if _straddles(c, body)]
            assert not cut, f"page {index + 1}: {cut[:10]}"


def _tile_body(page):
    """The grid body on a tile page: the extent of its card rectangles."""
    cards = [r for r in page.rects + page.curves
             if r.get("stroke") and _close(r.get("stroking_color"), CARD_EDGE)]
    return (min(r["x0"] for r in cards), min(r["top"] for r in cards),
            max(r["x1"] for r in cards), max(r["bottom"] for r in cards))


def _straddles(char, body) -> bool:
    x0, top, x1, bottom = body
    inside_x = char["x0"] >= x0 - 0.5 and char["x1"] <= x1 + 0.5
    inside_y = char["top"] >= top - 0.5 and char["bottom"] <= bottom + 0.5
    crosses_x = char["x0"] < x0 - 0.5 < char["x1"] or char["x0"] < x1 + 0.5 < char["x1"]
    crosses_y = char["top"] < top - 0.5 < char["bottom"] or char["top"] < bottom + 0.5 < char["bottom"]
    return (crosses_x and inside_y) or (crosses_y and inside_x)


def test_the_overview_names_every_lane_and_every_stage(big, big_pdf):
    with pdfplumber.open(big_pdf) as pdf:
        overview = next(p for p in pdf.pages if "Overview" in (p.extract_text() or "")[:200])
        text = overview.extract_text()
    for lane in big.lanes:
        assert lane.name in text
    for stage in big.stages:
        assert stage.name in text


def test_no_sheet_badge_covers_a_card(big):
    view, plan = _tile_plan(big)
    spots = free_spots(view)
    for tile in plan.tiles:
        badge = badge_rect(str(tile.number), tile.region, spots, 0.2, 18.0)
        assert badge is not None, f"no free spot for sheet {tile.number}"
        rect, size = badge
        assert size >= 8.0
        for card in view.cards:
            r = card.rect
            assert not (rect.x < r.right and r.x < rect.right and rect.y < r.bottom
                        and r.y < rect.bottom), f"badge {tile.number} covers card #{card.number}"


def test_no_badge_drawn_on_the_overview_overlaps_a_card_rectangle(big_pdf):
    with pdfplumber.open(big_pdf) as pdf:
        overview = next(p for p in pdf.pages if "Overview" in (p.extract_text() or "")[:200])
        cards = [r for r in overview.rects
                 if r.get("stroke") and _close(r.get("stroking_color"), CARD_EDGE)]
        digits = [c for c in overview.chars if c["text"].isdigit() and c["size"] >= 8]
    assert cards and digits
    for d in digits:
        for r in cards:
            assert not (d["x0"] < r["x1"] - 0.5 and r["x0"] < d["x1"] - 0.5
                        and d["top"] < r["bottom"] - 0.5 and r["top"] < d["bottom"] - 0.5), d["text"]


def test_the_cover_carries_a_thumbnail_of_the_whole_map(big, big_pdf):
    with pdfplumber.open(big_pdf) as pdf:
        cover = pdf.pages[0]
        cards = [r for r in cover.rects
                 if r.get("stroke") and _close(r.get("stroking_color"), CARD_EDGE)]
        text = cover.extract_text()
    assert len(cards) == len(big.touchpoints)  # every card, as a shape
    assert "The whole map on" in text
