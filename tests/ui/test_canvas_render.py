"""PNG and SVG export render the canvas scene offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ui.render import export_image

ROOT = Path(__file__).resolve().parents[2]


def test_png_export_is_scaled_by_dpi(doc, tmp_path, qapp):
    from ui.canvas.scene import JourneyScene

    width = JourneyScene(doc).sceneRect().width()
    export_image(doc.map, tmp_path / "a.png", "png", dpi=72)
    export_image(doc.map, tmp_path / "b.png", "png", dpi=144)
    small, large = QImage(str(tmp_path / "a.png")), QImage(str(tmp_path / "b.png"))
    assert small.width() == pytest.approx(width, abs=1)
    assert large.width() == pytest.approx(2 * width, abs=2)
    assert small.pixelColor(5, 5).name() == "#ffffff"


def test_svg_export_keeps_text_as_text(doc, tmp_path, qapp):
    out = tmp_path / "map.svg"
    export_image(doc.map, out, "SVG")
    text = out.read_text(encoding="utf-8")
    assert "<svg" in text and "Discovery call" in text and "Canvas test journey" in text


def test_unknown_image_format_is_refused(doc, tmp_path, qapp):
    from journeymap.errors import ValidationError

    with pytest.raises(ValidationError, match="png or svg"):
        export_image(doc.map, tmp_path / "x.gif", "gif")


def test_export_without_a_display_or_application_renders_offscreen(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from journeymap.document import Document\n"
        "from journeymap.model import Map\n"
        "from ui.render import export_image\n"
        "d = Document(Map(id='m', name='Headless'))\n"
        "s, l = d.add_stage('S'), d.add_lane('L')\n"
        "d.add_touchpoint(s.id, l.id, 'Card')\n"
        "export_image(d.map, sys.argv[2], 'png', dpi=50)\n"
        "from PySide6.QtGui import QGuiApplication; print(QGuiApplication.platformName())\n"
    )
    out = tmp_path / "h.png"
    result = subprocess.run([sys.executable, "-c", code, str(ROOT), str(out)], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "offscreen"
    assert QImage(str(out)).width() > 0
