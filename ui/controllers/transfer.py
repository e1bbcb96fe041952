"""Import, export and print, through the same readers and writers as the command line.

Exports go to a temporary file first and are moved into place, so a failed export never
leaves half a file (as `journeymap export` does). The PDF paper and orientation chosen in
File ▸ Export ▸ PDF paper are kept in the settings and used for printing too."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from journeymap.errors import JourneymapError

from ..actions import EXPORTS


def safe_file_stem(name: str) -> str:
    """A file name from a map name: no path separators or characters Windows refuses."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", name).strip(" .")
    return re.sub(r"\s+", " ", stem)[:80] or "journey"


class TransferController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.export_paper = str(self.settings.value("export/paper", "A3"))
        self.export_portrait = self.settings.value("export/portrait", False, type=bool)
        self.export_dpi = 150
        # Unticked by default: an export is the whole map unless asked otherwise.
        self.as_shown_in_room = False  # leave out the fields hidden from the room
        self.export_comments = self.settings.value("export/comments", False, type=bool)

    # -- import ------------------------------------------------------------------------------
    def import_interactive(self) -> None:
        if not self.window.workspace.require_writable():
            return
        folder = str(self.settings.value("import/folder", str(Path.home())))
        path = self.window.open_file_dialog(
            self.window, "Import a workshop sheet or map file", folder,
            "Sheets and map files (*.csv *.xlsx *.json);;All files (*)")
        if path is not None:
            self.settings.setValue("import/folder", str(path.parent))
            self.import_file(path)

    def import_file(self, path: Path) -> str | None:
        """Add the sheet or map file at `path` as a new map and show it; returns its id."""
        window = self.window
        if not window.workspace.require_writable():
            return None
        from journeymap.io.mapfile import read_any

        try:
            journey_map, warnings = read_any(Path(path), None)
            stored = window.workspace.session.add_map(journey_map)
        except (JourneymapError, OSError) as error:
            window.report("error", "Cannot import the file", str(error))
            return None
        window.navigator.refresh_map_list()
        window.navigator.show_map(stored.id)
        window.show_status(f"Imported '{stored.name}' from {Path(path).name}.")
        if warnings:
            window.report("info", "Imported with warnings", "\n".join(warnings))
        return stored.id

    # -- export ------------------------------------------------------------------------------
    def export_interactive(self, fmt: str) -> None:
        document = self.window.document()
        if document is None:
            self.window.show_status("Open a map to export it.")
            return
        _fmt, text, suffix, file_filter = next(e for e in EXPORTS if e[0] == fmt)
        folder = Path(str(self.settings.value("export/folder", str(Path.home()))))
        stem = safe_file_stem(document.map.name) + (
            "-raci" if fmt.startswith("raci") else "-ranking" if fmt.startswith("ranking") else "")
        path = self.window.save_file_dialog(self.window, f"Export {text.rstrip('…')}",
                                            str(folder / f"{stem}{suffix}"), file_filter)
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(suffix)
        self.settings.setValue("export/folder", str(path.parent))
        self.export_map(fmt, path)

    def export_map(self, fmt: str, path: Path) -> bool:
        """Write the map on screen as `fmt` to `path` through the core's one writer."""
        from journeymap.export.formats import write
        from journeymap.io.safe_output import check_output
        from journeymap.storage.guarded_files import workspace_files

        window = self.window
        document = window.document()
        if document is None:
            return False
        window.inspector.finish_pending()
        path = Path(path)
        session = window.workspace.session
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:  # to a path, `write` replaces the file all or nothing (journeymap.io.safe_output)
            if session is not None:  # never over the workspace, its files or backups
                check_output(path, workspace_files(session.path))
            journey_map = document.map
            hidden = window.facilitation.hidden_fields() if self.as_shown_in_room else set()
            if hidden:
                from journeymap.export.room import as_shown

                journey_map = as_shown(journey_map, hidden)
            write(journey_map, fmt, path, paper=self.export_paper,
                  portrait=self.export_portrait, dpi=self.export_dpi, summary=True,
                  comments=self.export_comments)
        except (JourneymapError, OSError) as error:
            window.report("error", "Export failed", str(error))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        window.show_status(f"Exported '{document.map.name}' to {path}.")
        return True

    def set_export_paper(self, paper: str) -> None:
        self.export_paper = paper
        self.settings.setValue("export/paper", paper)

    def set_as_shown_in_room(self, on: bool) -> None:
        self.as_shown_in_room = bool(on)

    def set_export_comments(self, on: bool) -> None:
        self.export_comments = bool(on)
        self.settings.setValue("export/comments", self.export_comments)

    def set_export_portrait(self, on: bool) -> None:
        self.export_portrait = bool(on)
        self.settings.setValue("export/portrait", self.export_portrait)

    # -- print -------------------------------------------------------------------------------
    def print_map(self) -> None:
        """Print through the system dialog with the same sheet plan as the A3 PDF;
        the window's `print_backend(window, map)`, when set, replaces it (tests, scripts)."""
        document = self._document_to_print()
        if document is None:
            return
        backend = type(self.window).print_backend
        if backend is not None:
            backend(self.window, document.map)
            return
        from ..printing import print_map

        print_map(self.window, document, paper=self.export_paper, portrait=self.export_portrait)

    def print_preview(self) -> None:
        """Show how the map falls on the printed sheets (a large map tiles across several)."""
        document = self._document_to_print()
        if document is None:
            return
        from ..printing import preview_map

        preview_map(self.window, document, paper=self.export_paper,
                    portrait=self.export_portrait)

    def _document_to_print(self):
        document = self.window.document()
        if document is None:
            self.window.show_status("Open a map to print it.")
            return None
        self.window.inspector.finish_pending()
        return document
