"""The canvas's experience curve shows the core curve: a dot per rated customer touchpoint
where `emotion_curve` puts it, stage ranges, low tags and gaps; it follows edits; its SVG
fills the area under the line once."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from journeymap.document import Document
from journeymap.emotion_curve import emotion_curve, value_y
from journeymap.templates import build_template
from ui.canvas.palette import EXPERIENCE_HEX


@pytest.fixture
def scene_of(qapp):
    scenes = []

    def make(m):
        from ui.canvas.scene import JourneyScene

        scene = JourneyScene(Document(m))
        scenes.append(scene)
        return scene

    yield make
    for scene in scenes:
        scene.detach()


def _band_image(scene) -> tuple[QImage, QRectF]:
    """The emotion band rendered 1:1 (one pixel per scene unit)."""
    band = scene.layout.emotion_rect
    source = QRectF(0, band.y, band.right, band.h)
    image = QImage(int(source.width()), int(source.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    return image, source


@pytest.mark.parametrize("key", ["upsell", "customer-onboarding", "service-recovery",
                                 "partner-onboarding"])
def test_the_item_shows_the_core_curves_points_ranges_lows_and_gaps(scene_of, key):
    m = build_template(key)
    scene = scene_of(m)
    item = scene.emotion
    core = emotion_curve(m, scene.layout)
    assert item.curve == core
    assert core.points, f"{key} has rated touchpoints"
    image, source = _band_image(scene)
    band = scene.layout.emotion_rect
    for point in core.points:  # the dot's centre has the point's experience colour
        x, y = point.x - source.x(), value_y(band, point.value) - source.y()
        assert image.pixelColor(int(x), int(y)).name() == EXPERIENCE_HEX[point.value], point
    theme = scene.style.theme
    for gap in core.gaps:  # a blank box, nothing drawn through it
        corner = image.pixelColor(int(gap.x0 + 12 - source.x()), int(band.y + 12 - source.y()))
        assert corner.name() == theme.header.name()
    tags = item.low_tag_rects()
    assert [text.split()[:2] for text, _ in tags] == [p.label_key.split() for p in core.lows]
    for (_, rect), point in zip(tags, core.lows, strict=True):
        column = scene.layout.stage_rects[point.stage_id]
        assert column.x <= rect.left() and rect.right() <= column.right
        assert rect.bottom() <= band.bottom


def test_a_stage_with_a_minus_two_and_a_plus_two_shows_both_dots(scene_of):
    from tests.test_export_sheet_emotion import extreme_map

    m = extreme_map()
    scene = scene_of(m)
    values = [p.value for p in scene.emotion.curve.points if p.stage_id == "s1"]
    assert values == [-2, 2]
    image, source = _band_image(scene)
    band = scene.layout.emotion_rect
    for point in scene.emotion.curve.points:
        pixel = image.pixelColor(int(point.x - source.x()),
                                 int(value_y(band, point.value) - source.y()))
        assert pixel.name() == EXPERIENCE_HEX[point.value]


def test_the_curve_follows_a_rating_change_and_a_moved_card(scene_of):
    m = build_template("upsell")
    scene = scene_of(m)
    doc = scene.document
    customer = next(ln.id for ln in m.lanes if ln.kind == "customer")
    first = scene.emotion.curve.points[0]
    doc.update("touchpoint", first.touchpoint_id, experience=-2)
    assert scene.emotion.curve.points[0].value == -2
    assert scene.emotion.curve.points[0].low
    # a card from another lane moved into the customer lane of a gap stage fills the gap
    gap = scene.emotion.curve.gaps[0]
    mover = next(tp for tp in m.touchpoints if tp.lane != customer and tp.experience is not None)
    doc.move_touchpoints([mover.id], gap.stage_id, customer)
    curve = scene.emotion.curve
    assert gap.stage_id not in {g.stage_id for g in curve.gaps}
    assert mover.id in [p.touchpoint_id for p in curve.points]
    assert curve == emotion_curve(doc.map, scene.layout)
    doc.update("touchpoint", mover.id, experience=None)
    assert mover.id not in [p.touchpoint_id for p in scene.emotion.curve.points]


def _svg_of_item(scene) -> str:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    band = scene.layout.emotion_rect
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(int(band.right), int(band.bottom)))
    generator.setViewBox(QRectF(0, 0, band.right, band.bottom))
    painter = QPainter(generator)
    scene.emotion.paint(painter, None)
    painter.end()
    return bytes(buffer.data()).decode()


def _fills(svg: str, colour: str) -> list[list[float]]:
    """The y coordinates of each filled, translucent path of `colour` (the area tints)."""
    paths = []
    for group in re.finditer(r'<g [^>]*fill="(#[0-9a-f]{6})" fill-opacity="0\.[0-9]+"[^>]*>(.*?)</g>',
                             svg, re.S):
        if group.group(1) != colour:
            continue
        for d in re.findall(r'<path [^>]*d="([^"]+)"', group.group(2)):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
            paths.append(numbers[1::2])
    return paths


def test_the_svg_fills_the_area_under_the_curve_once_each_side_of_zero(scene_of):
    m = build_template("customer-onboarding")  # runs from −1 up to +1: both tints
    scene = scene_of(m)
    zero = value_y(scene.layout.emotion_rect, 0)
    svg = _svg_of_item(scene)
    above, below = _fills(svg, EXPERIENCE_HEX[2]), _fills(svg, EXPERIENCE_HEX[-2])
    assert above and below
    assert all(max(ys) <= zero + 0.01 for ys in above)  # the good tint stays above 0
    assert all(min(ys) >= zero - 0.01 for ys in below)  # the poor tint stays below 0
