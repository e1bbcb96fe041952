"""Export a map as PNG or SVG by rendering the canvas scene offscreen.

The image is the same scene the editor shows (light theme, no handles or selection), laid
out by `journeymap.layout`, so the picture matches the screen and the PDF. Scene units are
points: a PNG at `dpi` is scaled by dpi/72 and an SVG is written at 72 units per inch.
"""

from __future__ import annotations

import logging
import math
import os
import sys
from pathlib import Path

from journeymap.errors import ValidationError
from journeymap.model import Map

log = logging.getLogger(__name__)
MAX_PIXELS = 64_000_000  # ~256 MB of RGBA; larger PNGs are rendered at a lower dpi
_app = None  # the application made here, kept alive for the life of the process


def _ensure_app() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "journeymap"])


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
    out = Path(out)
    if fmt == "png":
        _write_png(scene, out, dpi)
    else:
        _write_svg(scene, out, m.name)
    scene.detach()


def _write_png(scene, out: Path, dpi: int) -> None:
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
    if not image.save(str(out), "PNG"):
        raise OSError(f"Could not write the image file {out}.")


def _write_svg(scene, out: Path, title: str) -> None:
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    source = scene.sceneRect()
    size = QSize(math.ceil(source.width()), math.ceil(source.height()))
    if not out.parent.is_dir():
        raise OSError(f"Could not write the image file {out}: no such folder.")
    generator = QSvgGenerator()
    generator.setFileName(str(out))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(72)
    generator.setTitle(title)
    generator.setDescription("Journey map exported by Journeymap")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"Could not write the image file {out}.")
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
