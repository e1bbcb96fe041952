"""Starting the editor: the QApplication, its look, first-start sample, and the crash net.

`run_gui(workspace_path, map_name_or_id)` is what `journeymap` / `journeymap gui` call.
- Fusion style everywhere, with a light or dark palette following the system colour scheme
  (View ▸ Theme can force one; the choice is kept in QSettings).
- On the very first start (no workspace file yet) a sample workspace with every template is
  created, so a new user sees real journeys instead of an empty window.
- An unexpected exception is logged to a file and shown in a dialog that says where the log
  is; the console gets one line, never a raw traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from journeymap import __version__
from journeymap.errors import JourneymapError

from .themes import THEMES, apply_theme

log = logging.getLogger(__name__)

APP_NAME = "Journeymap"
ORGANISATION = "Journeymap"
ORGANISATION_DOMAIN = "journeymap.app"


# -- application -----------------------------------------------------------------------------
def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (made once), named for QSettings, in Fusion style."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    configure_application(app)
    return app


def configure_application(app: QApplication) -> None:
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setOrganizationDomain(ORGANISATION_DOMAIN)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName("journeymap")
    app.setStyle("Fusion")


# -- errors ----------------------------------------------------------------------------------
def log_file() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False)) / "journeymap.log"


def setup_logging() -> Path | None:
    """Log warnings and crashes to a file the error dialog can point at."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    # The console keeps only warnings, one line each (the CLI's _ConsoleWarnings handler).
    for other in logging.getLogger().handlers:
        if other is not handler:
            other.setLevel(logging.WARNING)
    return path


def install_exception_hook(log_path: Path | None) -> None:
    """Turn an exception escaping a slot into a dialog and a log entry, not a traceback."""

    def hook(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(error, JourneymapError):
            log.warning("%s", error)
            report_error(str(error), None)
            return
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)),
                  extra={"console": False})  # the console gets the one line below
        sys.stderr.write(f"journeymap: error: {kind.__name__}: {error} (details in {log_path})\n")
        report_error(
            f"Something unexpected went wrong ({kind.__name__}: {error}). Your maps are saved "
            f"after every change, so nothing before this moment is lost.",
            log_path,
        )

    sys.excepthook = hook


def report_error(message: str, log_path: Path | None) -> None:
    if QApplication.instance() is None:
        return
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning if log_path is None else QMessageBox.Icon.Critical)
    box.setWindowTitle("Journeymap")
    box.setText(message)
    if log_path is not None:
        box.setInformativeText(f"The details were written to {log_path}.")
    box.exec()


# -- entry point -----------------------------------------------------------------------------
def display_problem() -> str | None:
    """Why no window can be shown here (a Linux session without a display), or None."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("there is no display to open the editor on (DISPLAY and WAYLAND_DISPLAY are not "
            "set); run it in a desktop session, or use the other commands (see --help).")


def run_gui(workspace_path: Path, map_name_or_id: str | None = None) -> int:
    problem = display_problem()
    if problem:
        sys.stderr.write(f"journeymap: error: {problem}\n")
        return 2
    log_path = setup_logging()
    app = make_application()
    install_exception_hook(log_path)
    settings = QSettings()
    theme = str(settings.value("view/theme", "system"))
    apply_theme(app, theme if theme in THEMES else "system")

    from journeymap.errors import WorkspaceError
    from journeymap.storage.address import parse

    from .main_window import MainWindow

    try:
        workspace_path = parse(workspace_path)  # a file's Path, or a server's address
    except WorkspaceError:
        workspace_path = Path(str(workspace_path)).expanduser()  # the window says what is wrong
    window = MainWindow(workspace_path, settings=settings, map_name_or_id=map_name_or_id)
    window.show()
    _close_on_signals(window)
    return app.exec()


def _close_on_signals(window) -> None:
    """Ctrl+C in the terminal or a SIGTERM closes the window properly (lock released)."""
    import signal

    from PySide6.QtCore import QTimer

    def close(*_args) -> None:
        window.close()
        QApplication.quit()

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    # Python runs signal handlers only between bytecodes: wake it up now and then.
    waker = QTimer(window)
    waker.timeout.connect(lambda: None)
    waker.start(300)
