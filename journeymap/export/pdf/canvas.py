"""Opening and saving the reportlab canvas the same way for every Journeymap PDF."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from ...io.safe_output import binary_output
from .fonts import ensure_fonts

# reportlab has no per-document switch for its ASCII85 layer: it reads the process-wide
# rl_config.useA85 when each page is finished and when the fonts are embedded at save. So
# the whole write runs with the setting off and holds this lock, which keeps two Journeymap
# writes on different threads from restoring it under each other. Re-entrant, so a write may
# nest. Other reportlab code running meanwhile on another thread would also write
# Flate-only streams: still valid PDF, only smaller.
_A85_LOCK = threading.RLock()


@contextmanager
def binary_streams() -> Iterator[None]:
    """Write streams Flate-compressed only: reportlab's default ASCII85 layer on top makes
    files a quarter bigger and costs a third of the save time without the C accelerator.
    Create, draw and save the canvas inside this block."""
    with _A85_LOCK:
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = saved


def new_canvas(out, page: tuple[float, float], *, title: str, author: str,
               subject: str, keywords: list[str] | None = None) -> Canvas:
    """A canvas whose initial font is the embedded DejaVu Sans, so no unembedded base-14
    font is ever named in the file. `out` (a path or a binary stream) is only written by
    `save`."""
    base = ensure_fonts()
    # A path names the file itself (a Path's `.name` is only its last part); a stream may
    # carry a name. reportlab writes there only if `Canvas.save` is called directly.
    name = os.fspath(out) if isinstance(out, str | os.PathLike) else getattr(out, "name", None)
    canvas = Canvas(str(name or "journeymap.pdf"), pagesize=page, initialFontName=base, initialFontSize=9)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("Journeymap")
    if keywords:
        canvas.setKeywords(keywords)
    return canvas


def save(canvas: Canvas, out) -> None:
    """Write the finished PDF to `out`: a path (replaced all or nothing, see
    `safe_output.replacing`) or a binary stream."""
    data = canvas.getpdfdata()  # the whole file, made before anything is written
    with binary_output(out) as stream:
        stream.write(data)
