"""Printing until a dedicated print path exists: the canvas scene, fitted to the page.

`MainWindow.print_backend` is the hook a fuller implementation (the A3 PDF layout sent to a
QPrinter) replaces; this fallback prints what the canvas shows, so Print… always works.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter


def print_canvas(parent, canvas, title: str) -> bool:
    if canvas is None:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title}")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    render_scene(canvas.scene(), printer)
    return True


def render_scene(scene, printer: QPrinter) -> None:
    painter = QPainter(printer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        target = QRectF(0, 0, page.width(), page.height())
        scene.render(painter, target, scene.sceneRect())
    finally:
        painter.end()
