"""A PDF page as a PNG, rendered by PDFium at the asked resolution."""

from __future__ import annotations

import io
import logging
import math

import pypdfium2 as pdfium

from . import PDFIUM_LOCK

log = logging.getLogger(__name__)
MAX_PIXELS = 64_000_000  # ~256 MB of RGBA; larger PNGs are rendered at a lower dpi


def page_to_png(pdf: bytes, dpi: int) -> bytes:
    """The first page of `pdf` at `dpi` (lower, with a warning, past MAX_PIXELS), on white."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            page = document[0]
            width, height = page.get_size()
            scale = dpi / 72
            if width * height * scale * scale > MAX_PIXELS:
                scale = math.sqrt(MAX_PIXELS / (width * height))
                log.warning("the map is too large for %d dpi; rendered at %d dpi", dpi,
                            int(scale * 72))
            image = page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil()
            page.close()
        finally:
            document.close()
    buffer = io.BytesIO()
    # Level 1 of zlib: a poster-sized PNG is written in a fraction of the default's time
    # for a file a few percent bigger.
    image.save(buffer, "PNG", dpi=(scale * 72, scale * 72), compress_level=1)
    return buffer.getvalue()
