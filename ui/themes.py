"""The editor's look: Fusion with a light or dark palette that follows the system colour
scheme (View > Theme can force one), and the few style-sheet touches Fusion lacks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def theme_is_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_prefers_dark()


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: "#23272e", roles.WindowText: "#e8ebef", roles.Base: "#1b1f24",
        roles.AlternateBase: "#262b32", roles.ToolTipBase: "#2f353d", roles.ToolTipText: "#e8ebef",
        roles.PlaceholderText: "#8a95a3", roles.Text: "#e8ebef", roles.Button: "#2c3139",
        roles.ButtonText: "#e8ebef", roles.BrightText: "#ff6b6b", roles.Light: "#3a414b",
        roles.Midlight: "#323841", roles.Mid: "#262b32", roles.Dark: "#15181c",
        roles.Shadow: "#0b0c0e", roles.Highlight: "#3d7be0", roles.HighlightedText: "#ffffff",
        roles.Link: "#7fb0ff", roles.LinkVisited: "#b89cff",
    }
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#6c7682"))
    palette.setColor(disabled, roles.Highlight, QColor("#3a414b"))
    return palette


def light_palette(app: QApplication) -> QPalette:
    palette = app.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1d5fe0"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#1d5fe0"))
    return palette


def apply_theme(app: QApplication, theme: str = "system") -> bool:
    """Set the palette and style sheet for `theme`; return whether it is dark."""
    dark = theme_is_dark(theme)
    app.setPalette(dark_palette() if dark else light_palette(app))
    app.setStyleSheet(style_sheet(dark))
    return dark


def style_sheet(dark: bool) -> str:
    """The few touches Fusion lacks: section headers, hints, invalid fields, the timer."""
    muted = "#9aa5b1" if dark else "#5d6a79"
    rule = "#3a414b" if dark else "#d5dae0"
    bad_bg = "#4a2327" if dark else "#fdecea"
    ok = "#4fd18b" if dark else "#138a4e"
    warn = "#ffa94d" if dark else "#c2410c"
    return f"""
QLabel#sectionHeader {{
    font-weight: 600; padding-top: 12px; padding-bottom: 3px;
    border-bottom: 1px solid {rule}; margin-bottom: 4px;
}}
QLabel#hint, QLabel#mapSummary, QLabel#flowLabel {{ color: {muted}; }}
QLabel#selectionHeading {{ font-weight: 600; font-size: 13pt; }}
*[invalid="true"] {{ border: 1px solid #d11a2a; background: {bad_bg}; }}
QLabel#raciVerdict[ok="true"] {{ color: {ok}; }}
QLabel#raciVerdict[ok="false"] {{ color: {warn}; }}
QLabel#countdownDisplay {{
    font-size: 15pt; font-weight: 600; font-family: "DejaVu Sans Mono", monospace;
    padding: 0 6px; border-radius: 4px;
}}
QLabel#countdownDisplay[state="running"] {{ color: {ok}; }}
QLabel#countdownDisplay[state="done"] {{ color: white; background: #d11a2a; }}
QLabel#saveState {{ color: {muted}; padding: 0 6px; }}
QLabel#saveState[error="true"] {{ color: #d11a2a; font-weight: 600; }}
QLabel#workspacePath {{ color: {muted}; padding: 0 6px; }}
QLabel#emptyTitle {{ font-size: 18pt; font-weight: 600; }}
QFrame#findBar {{ border-top: 1px solid {rule}; }}
QLabel#findCount[none="true"] {{ color: #d11a2a; }}
QToolBar {{ spacing: 3px; }}
QDockWidget::title {{ padding: 5px 6px; font-weight: 600; }}
""" + (_DARK_INDICATORS if dark else "")


# Fusion draws check boxes with an outline darker than the window: invisible on a dark one.
_DARK_INDICATORS = """
QCheckBox::indicator, QTableView::indicator {
    width: 13px; height: 13px; border: 1px solid #8a95a3; border-radius: 3px;
    background: #1b1f24;
}
QCheckBox::indicator:hover { border-color: #7fb0ff; }
QCheckBox::indicator:checked, QTableView::indicator:checked {
    background: #3d7be0; border-color: #7fb0ff;
}
QCheckBox::indicator:disabled { border-color: #4a525d; }
"""
