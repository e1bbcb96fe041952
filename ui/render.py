"""Export a map as PNG or SVG by rendering the canvas scene offscreen.

The image is the same scene the editor shows (light theme, no handles or selection), laid
out by `journeymap.layout`, so the picture matches the screen and the PDF. Scene units are
points: a PNG at `dpi` is scaled by dpi/72 and an SVG is written at 72 units per inch.

Outside the editor, the Qt application made here always uses the offscreen platform: an
export never needs a display, and an unreachable one ($DISPLAY set, no X server) must not
abort the process. The image is drawn into memory and then written through
`safe_output` (all or nothing; a full disk is one sentence, never a truncated file).
"""

from __future__ import annotations

import logging
import math
import sys
from pathlib import Path

from journeymap.errors import ValidationError
from journeymap.io.safe_output import binary_output
from journeymap.model import Map

log = logging.getLogger(__name__)
MAX_PIXELS = 64_000_000  # ~256 MB of RGBA; larger PNGs are rendered at a lower dpi
_app = None  # the application made here, kept alive for the life of the process


def _ensure_app() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return  # the editor's own application: rendering into an image needs no more
    from PySide6.QtWidgets import QApplication

    # "-platform" overrides $QT_QPA_PLATFORM, and leaves the environment of the process as it is.
    program = sys.argv[0] if sys.argv and sys.argv[0] else "journeymap"
    _app = QApplication([program, "-platform", "offscreen"])


def _scene(m: Map):
    from PySide6.QtGui import QColor

    from journeymap.document import Document

    from .canvas.palette import LIGHT
    from .canvas.scene import JourneyScene
    from .canvas.style import CanvasStyle

    scene = JourneyScene(Document(m), CanvasStyle(theme=LIGHT, interactive=False))
    scene.setBackgroundBrush(QColor("#ffffff"))
    return scene


def export_image(m: Map, out: Path, fmt: str, *, dpi: int = 150) -> None:
    """Write the map as a PNG (at `dpi`) or an SVG (vector, 1 unit = 1 pt) to `out`."""
    fmt = fmt.lower()
    if fmt not in ("png", "svg"):
        raise ValidationError(f"Image format must be png or svg, not '{fmt}'.")
    if dpi <= 0:
        raise ValidationError(f"The resolution must be a positive number of dpi, not {dpi}.")
    _ensure_app()
    scene = _scene(m)
    try:
        data = _png(scene, dpi) if fmt == "png" else _svg(scene, m.name)
    finally:
        scene.detach()
    with binary_output(out) as stream:
        stream.write(data)


def _buffer():
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def _png(scene, dpi: int) -> bytes:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    source = scene.sceneRect()
    scale = dpi / 72
    if source.width() * source.height() * scale * scale > MAX_PIXELS:
        scale = math.sqrt(MAX_PIXELS / (source.width() * source.height()))
        log.warning("the map is too large for %d dpi; rendered at %d dpi", dpi, int(scale * 72))
    image = QImage(math.ceil(source.width() * scale), math.ceil(source.height() * scale),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(round(scale * 72 / 0.0254))
    image.setDotsPerMeterY(round(scale * 72 / 0.0254))
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    buffer = _buffer()
    if not image.save(buffer, "PNG"):
        raise ValidationError("The map could not be encoded as a PNG image.")
    return bytes(buffer.data())


def _svg(scene, title: str) -> bytes:
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    source = scene.sceneRect()
    size = QSize(math.ceil(source.width()), math.ceil(source.height()))
    buffer = _buffer()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(72)
    generator.setTitle(title)
    generator.setDescription("Journey map exported by Journeymap")
    painter = QPainter()
    if not painter.begin(generator):
        raise ValidationError("The map could not be drawn as an SVG image.")
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
    return bytes(buffer.data())
