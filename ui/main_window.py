"""The editor window: canvas in the middle, maps and problems on the left, inspector and
facilitation on the right; menus and toolbars from `actions.py`.

The window is glue, split in mixins by subject: `window_maps.py` (map and workspace
commands), `window_transfer.py` (import, export, print), `window_modes.py` (voting,
presentation, theme, help). The `Session` (ui/session.py) owns the workspace, the open documents and
their undo stacks; panels only show and ask; the canvas edits cards. Every dialog goes
through an overridable hook (`problem_dialog`, `new_map_dialog`, `save_file_dialog`,
`open_file_dialog`, `message_dialog`, `print_backend`), so tests and scripts never block on a
modal box.

Undo: one QUndoStack per open map in a QUndoGroup (Edit ▸ Undo / Redo follow the map on
screen); deleting a map is undone separately with Edit ▸ Restore deleted map or the status
bar's Undo button, because the deleted map's own stack is gone with it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeymap.errors import JourneymapError, WorkspaceError
from journeymap.storage import Workspace
from journeymap.storage.integrity import damaged_warning

from . import dialogs
from .actions import build_actions
from .panels.compare import ComparePanel
from .panels.facilitation import CountdownTimer, FacilitationPanel, VoteClicks
from .panels.find_bar import FindBar
from .panels.inspector import Inspector
from .panels.map_list import MapListPanel
from .panels.problems import ProblemsPanel
from .safety import guarded
from .session import Session
from .themes import THEMES, theme_is_dark
from .window_maps import MapCommands
from .window_modes import ModeCommands
from .window_transfer import TransferCommands

log = logging.getLogger(__name__)
STATUS_MS = 6000
MIN_FIRST_ZOOM = 0.7  # a map first opens fitted to the window, but never smaller than this


class MainWindow(MapCommands, TransferCommands, ModeCommands, QMainWindow):
    map_opened = Signal(str)  # map id

    # Hooks: replace on the class or the instance (tests do) to avoid modal dialogs.
    problem_dialog = staticmethod(dialogs.workspace_problem_dialog)
    new_map_dialog = staticmethod(dialogs.ask_new_map)
    save_file_dialog = staticmethod(dialogs.save_file_dialog)
    open_file_dialog = staticmethod(dialogs.open_file_dialog)
    message_dialog = staticmethod(dialogs.message_dialog)
    # Print hook: a callable (window, journey_map) -> None replacing the system print dialog
    # (ui/printing.py) — for tests and scripts.
    print_backend = None

    def __init__(self, workspace: Path, *, settings: QSettings | None = None,
                 map_name_or_id: str | None = None, readonly: bool = False,
                 sample_if_missing: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.session: Session | None = None
        self.current_id: str | None = None
        self._first_map_pending = False  # the first map opens when the window is shown
        self.canvas = None
        self._views: dict[str, tuple] = {}  # map id -> (zoom, scene centre) while it lives
        self._sample_ids: list[str] = []  # maps of a sample workspace made at start-up
        self.presenting = False
        self._before_presentation: tuple | None = None
        self.theme = str(self.settings.value("view/theme", "system"))
        if self.theme not in THEMES:
            self.theme = "system"
        self.export_paper = str(self.settings.value("export/paper", "A3"))
        self.export_portrait = self.settings.value("export/portrait", False, type=bool)
        self.export_dpi = 150
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle("Journeymap")
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        self._build_panels()
        self._build_central()
        self.actions = build_actions(self)
        self._build_status_bar()
        self._fill_panels_menu()
        self._restore_window()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self.open_workspace(workspace, readonly=readonly, sample_if_missing=sample_if_missing)
        # A named map opens now; otherwise the first map waits until the window is shown, so
        # a caller that opens another map first (`open_map`) does not build a scene for nothing.
        self._first_map_pending = self.session is not None and not map_name_or_id
        if self.session is not None and map_name_or_id:
            self._open_first_map(map_name_or_id)

    # -- building ---------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_panels(self) -> None:
        self.map_list = MapListPanel()
        self.map_list.map_selected.connect(self._map_chosen)
        self.map_list.new_requested.connect(self.new_map_interactive)
        self.map_list.rename_requested.connect(self.rename_map)
        self.map_list.duplicate_requested.connect(self.duplicate_map)
        self.map_list.delete_requested.connect(self.delete_map)
        self.inspector = Inspector()
        self.inspector.status.connect(self.show_status)
        self.inspector.unsaved_changed.connect(lambda _unsaved: self._saved())
        self.problems = ProblemsPanel()
        self.problems.problem_activated.connect(self._select_cards)
        self.problems.badges_changed.connect(lambda b: self.canvas_call("set_problem_badges", b))
        self.problems.counts_changed.connect(self._show_problem_counts)
        self.problems.status.connect(self.show_status)
        self.facilitation = FacilitationPanel()
        self.facilitation.voting_toggled.connect(self.set_voting)
        self.facilitation.hidden_fields_changed.connect(
            lambda fields: self.canvas_call("set_hidden_fields", set(fields)))
        self.facilitation.card_chosen.connect(lambda tp_id: self._select_cards([tp_id]))
        self.facilitation.status.connect(self.show_status)
        self.timer = CountdownTimer()
        self.timer.finished.connect(lambda: self.show_status("Time is up."))

        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.maps_dock = self._dock("Maps", "mapsDock", self.map_list, left)
        self.inspector_dock = self._dock("Inspector", "inspectorDock", self.inspector, right)
        self.facilitation_dock = self._dock("Facilitation", "facilitationDock",
                                            self.facilitation, right)
        self.compare = ComparePanel()
        self.compare.status.connect(self.show_status)
        self.compare_dock = self._dock("Compare with log", "compareDock", self.compare, right)
        for dock in (self.inspector_dock, self.facilitation_dock, self.compare_dock):
            dock.setMinimumWidth(320)  # narrower and the forms would be clipped
        self.tabifyDockWidget(self.inspector_dock, self.facilitation_dock)
        self.tabifyDockWidget(self.facilitation_dock, self.compare_dock)
        self.inspector_dock.raise_()
        # Problems under the map list: the canvas keeps the full height of the window.
        self.problems_dock = self._dock("Problems", "problemsDock", self.problems, left)
        self.splitDockWidget(self.maps_dock, self.problems_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.maps_dock, self.inspector_dock], [250, 380],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.maps_dock, self.problems_dock], [260, 400],
                         Qt.Orientation.Vertical)
        self.docks = (self.maps_dock, self.inspector_dock, self.facilitation_dock,
                      self.compare_dock, self.problems_dock)

    def _build_central(self) -> None:
        self.pages = QStackedWidget()
        self.empty_page = self._empty_page()
        self.canvas_page = QWidget()
        layout = QVBoxLayout(self.canvas_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.find_bar = FindBar()
        self.find_bar.closed.connect(lambda: self.canvas_call("setFocus"))
        layout.addWidget(self.find_bar)
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.canvas_page)
        self.setCentralWidget(self.pages)

    def _empty_page(self) -> QWidget:
        page = QWidget()
        self.empty_title = QLabel("No map open")
        self.empty_title.setObjectName("emptyTitle")
        self.empty_text = QLabel()
        self.empty_text.setObjectName("hint")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        new = QPushButton("New map…")
        new.clicked.connect(self.new_map_interactive)
        self.empty_new = new
        other = QPushButton("Open workspace…")
        other.clicked.connect(self.open_workspace_interactive)
        fresh = QPushButton("New workspace…")
        fresh.clicked.connect(self.new_workspace_interactive)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (new, other, fresh):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        layout.addWidget(self.empty_title, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_text, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addLayout(buttons)
        layout.addStretch(3)
        return page

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.undo_delete_button = QToolButton()
        self.undo_delete_button.setObjectName("undoDelete")
        self.undo_delete_button.setText("Undo delete")
        self.undo_delete_button.setAutoRaise(True)
        self.undo_delete_button.clicked.connect(self.restore_deleted_map)
        self.undo_delete_button.hide()
        self._undo_delete_timer = QTimer(self)  # one timer, restarted by each delete
        self._undo_delete_timer.setSingleShot(True)
        self._undo_delete_timer.timeout.connect(self.undo_delete_button.hide)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.workspace_label = QLabel()
        self.workspace_label.setObjectName("workspacePath")
        self.workspace_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar.addPermanentWidget(self.undo_delete_button)
        bar.addPermanentWidget(self.save_state)
        bar.addPermanentWidget(self.workspace_label)

    def _fill_panels_menu(self) -> None:
        for dock in self.docks:
            self.panels_menu.addAction(dock.toggleViewAction())
        self.panels_menu.addSeparator()
        self.panels_menu.addAction(self.main_toolbar.toggleViewAction())
        self.panels_menu.addAction(self.facilitation_toolbar.toggleViewAction())

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen().availableGeometry()
            self.resize(min(1480, screen.width() - 40), min(920, screen.height() - 60))
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    # -- workspace ------------------------------------------------------------------------
    def open_workspace(self, path: Path, *, readonly: bool = False,
                       sample_if_missing: bool = False) -> bool:
        """Open `path` (the sample is made first if asked and it is missing); on trouble ask
        the user how to go on. Returns whether a workspace is now open from this call."""
        path = Path(path).expanduser().absolute()
        if self.session is not None and self.session.path == path and (
                self.session.readonly == readonly):
            return True
        while True:
            try:
                workspace = self._open_or_create(path, readonly, sample_if_missing)
                break
            except JourneymapError as error:
                log.warning("%s", error)
                choice = self.problem_dialog(self, path, str(error),
                                             can_read_only=path.exists() and not readonly)
            if choice.action == "readonly":
                readonly = True
            elif choice.action in ("open", "new") and choice.path is not None:
                path, readonly, sample_if_missing = Path(choice.path).absolute(), False, False
            else:
                self._show_empty_state()
                return False
        self._set_session(Session(workspace, self.undo_group, self))
        if workspace.damage:  # opened read-only on purpose: say why it cannot be changed
            self.report("warning", "Damaged workspace",
                        damaged_warning(workspace.path, workspace.damage))
        return True

    def _open_or_create(self, path: Path, readonly: bool, sample_if_missing: bool) -> Workspace:
        if sample_if_missing and not readonly and not path.exists():
            from journeymap.sample import create_sample_workspace

            self._sample_ids = create_sample_workspace(path)
            self.show_status("Welcome! This sample workspace holds a map for each template.")
        if self.session is not None and self.session.path == path:
            self._close_session()  # reopening ours in another mode: let go of our lock first
        return Workspace.open(path, readonly=readonly)

    def _set_session(self, session: Session) -> None:
        self._close_session()
        self.session = session
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        session.map_changed.connect(self._map_changed)
        self._remember_workspace(session.path)
        mode = " (read-only, view only)" if session.readonly else ""
        self.workspace_label.setText(f"{session.path}{mode}")
        self.workspace_label.setToolTip(f"Workspace file: {session.path}")
        self._set_save_state("Read-only: changes cannot be made" if session.readonly
                             else "All changes saved", error=session.readonly)
        self._update_restore_action()
        self.refresh_map_list()
        if self.current_id is None:
            self._show_empty_state()

    def _close_session(self) -> None:
        if self.session is None:
            return
        self.inspector.finish_pending()
        self._show_document(None)
        self.session.close()
        self.session.deleteLater()
        self.session = None
        self.current_id = None

    def refresh_map_list(self) -> None:
        # Storage is up to date: every edit of an open map is saved as it happens.
        summaries = self.session.summaries() if self.session else []
        self.map_list.set_maps(summaries, self.current_id)

    # -- maps --------------------------------------------------------------------------------
    def open_map(self, name_or_id: str):
        """Show the map named or with id `name_or_id`; returns its Document.

        Raises NotFoundError / AmbiguousNameError (JourneymapError) with a clear sentence."""
        if self.session is None:
            raise WorkspaceError("No workspace is open.")
        summary = self.session.find(name_or_id)
        self._show_map(summary.id)
        return self.session.open_maps[summary.id].document

    def document(self):
        """The Document on screen, or None."""
        if self.session is None or self.current_id is None:
            return None
        opened = self.session.open_maps.get(self.current_id)
        return opened.document if opened else None

    def undo_stack(self):
        opened = self.session.open_maps.get(self.current_id) if self.session else None
        return opened.stack if opened else None

    def _open_first_map(self, name_or_id: str | None) -> None:
        if name_or_id:
            try:
                self.open_map(name_or_id)
                return
            except JourneymapError as error:
                log.warning("%s", error)
                # After the window is up, so the message does not float alone on screen.
                QTimer.singleShot(0, self, lambda e=str(error): self.report(
                    "error", "Map not found", f"{e} The editor shows another map instead."))
        summaries = self.session.summaries()
        ids = [s.id for s in summaries]
        last = self._recent_maps().get(str(self.session.path))
        first_start = [i for i in self._sample_ids if i in ids]
        if last in ids:
            self._show_map(last)
        elif first_start:
            self._show_map(first_start[0])  # the first template, not the first by name
        elif ids:
            self._show_map(ids[0])
        else:
            self._show_empty_state()

    def _map_chosen(self, map_id: str) -> None:
        if map_id != self.current_id:
            self._show_map(map_id)

    def _show_map(self, map_id: str) -> None:
        self._first_map_pending = False
        try:
            opened = self.session.open(map_id)
        except JourneymapError as error:
            self.report("error", "Cannot open the map", str(error))
            return
        if map_id == self.current_id and self.canvas is not None and \
                self.canvas.document is opened.document:
            self.map_list.set_current(map_id)  # already on screen: nothing to rebuild
            self.map_opened.emit(map_id)
            return
        self.inspector.finish_pending()
        self._remember_view()
        self.current_id = map_id
        self.undo_group.setActiveStack(opened.stack)
        self._show_document(opened)
        QTimer.singleShot(0, self, lambda: self._restore_view(map_id))
        self.map_list.set_current(map_id)
        recent = self._recent_maps()
        recent[str(self.session.path)] = map_id
        self.settings.setValue("recent/maps", json.dumps(recent))
        self._update_title()
        if not self.map_list.is_searching():
            self.canvas.setFocus()  # arrows, Tab and Enter work on the cards at once
        self.map_opened.emit(map_id)

    def _show_document(self, opened) -> None:
        document = opened.document if opened else None
        if opened is not None:
            self._ensure_canvas(opened)
            self.pages.setCurrentWidget(self.canvas_page)
        self.inspector.set_document(document)
        self.problems.set_document(document)
        self.facilitation.set_document(document)
        # History is saved in a writable workspace only; the overlay draws on the canvas.
        writable = self.session is not None and not self.session.readonly
        self.compare.set_context(document, self.session.workspace if document and writable
                                 else None, self.canvas if document else None)
        if opened is None:
            self.undo_group.setActiveStack(None)

    def _ensure_canvas(self, opened) -> None:
        if self.canvas is None:
            from .canvas.view import CanvasView

            self.canvas = CanvasView(opened.document, opened.stack, self.canvas_page)
            self.canvas.setObjectName("canvas")
            self.canvas.selection_changed.connect(self.inspector.set_selection)
            self.canvas.message.connect(self.show_status)
            self.canvas_page.layout().insertWidget(0, self.canvas, 1)
            self.canvas_page.addActions(self.actions.canvas_actions)
            self.canvas.set_hidden_fields(self.facilitation.hidden_fields())
            self.canvas.set_theme(theme_is_dark(self.theme))
            self._vote_clicks = VoteClicks(self.canvas, self)
            self._vote_clicks.voted.connect(self._vote)
        else:
            self.canvas.set_document(opened.document, opened.stack)
        # No badges here: `problems.set_document` analyses the new map next and sends them.

    def _remember_view(self) -> None:
        if self.canvas is not None and self.current_id is not None:
            centre = self.canvas.mapToScene(self.canvas.viewport().rect().center())
            self._views[self.current_id] = (self.canvas.zoom(), centre)

    def _restore_view(self, map_id: str) -> None:
        """Back to where this map was left; the first time, the whole map if it is legible."""
        if self.canvas is None or self.current_id != map_id:
            return
        if map_id in self._views:
            zoom, centre = self._views[map_id]
            self.canvas.set_zoom(zoom)
            self.canvas.centerOn(centre)
            return
        rect = self.canvas.scene().sceneRect()
        view = self.canvas.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return
        fit = min(view.width() / rect.width(), view.height() / rect.height())
        if fit >= MIN_FIRST_ZOOM:
            self.canvas.fit_to_window()
        else:
            self.canvas.set_zoom(MIN_FIRST_ZOOM)
            self.canvas.horizontalScrollBar().setValue(0)
            self.canvas.verticalScrollBar().setValue(0)

    def _show_empty_state(self) -> None:
        self.current_id = None
        self._show_document(None)
        self.pages.setCurrentWidget(self.empty_page)
        if self.session is None:
            self.empty_title.setText("No workspace open")
            self.empty_text.setText("Open a workspace file, or create a new one to start.")
            self.empty_new.setEnabled(False)
        else:
            self.empty_title.setText("No map yet")
            self.empty_text.setText(
                "Start a journey from a template (acquisition, onboarding, renewal …) or blank.")
            self.empty_new.setEnabled(not self.session.readonly)
        self._update_title()

    def _update_title(self) -> None:
        parts = []
        document = self.document()
        if document is not None:
            parts.append(document.map.name)
        if self.session is not None:
            parts.append(self.session.path.name + (" (read-only)" if self.session.readonly else ""))
        self.setWindowTitle(" — ".join([*parts, "Journeymap"]))

    def _map_changed(self, map_id: str, changes: list) -> None:
        opened = self.session.open_maps.get(map_id) if self.session else None
        if opened is None:
            return
        m = opened.document.map
        self.map_list.update_map(map_id, m.name, len(m.touchpoints))
        if map_id == self.current_id and any(c.kind == "map" for c in changes):
            self._update_title()

    # -- canvas and selection ---------------------------------------------------------------
    def canvas_call(self, method: str, *args):
        """Call a canvas method if a canvas exists (menus stay harmless without a map)."""
        if self.canvas is None or self.current_id is None:
            return None
        return getattr(self.canvas, method)(*args)

    def _select_cards(self, ids: list[str]) -> None:
        if self.canvas is not None and self.current_id is not None:
            self.canvas.select_touchpoints(list(ids), frame=True)

    def show_find_bar(self) -> None:
        if self.canvas is not None and self.current_id is not None:
            self.find_bar.open_bar(self.canvas)

    # -- status ---------------------------------------------------------------------------------
    def show_status(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message, STATUS_MS)
        else:
            self.statusBar().clearMessage()

    def report(self, kind: str, title: str, text: str) -> None:
        """A message the user must see: status bar and a dialog (a hook in tests)."""
        self.show_status(text.splitlines()[0] if text else title)
        self.message_dialog(self, kind, title, text)

    def _saved(self) -> None:
        """Say "All changes saved" only when it is true: typed text waiting for its save (or
        refused) is not saved yet, and a failed save keeps saying so until one succeeds."""
        if self.session is None or self.session.readonly or not self.session.all_saved:
            return
        self._set_save_state("Unsaved changes…" if self.inspector.unsaved
                             else "All changes saved", error=False)

    def _save_failed(self, message: str) -> None:
        self._set_save_state("Not saved!", error=True)
        self.save_state.setToolTip(message)
        self.show_status(message)

    def _set_save_state(self, text: str, error: bool) -> None:
        self.save_state.setText(text)
        self.save_state.setToolTip("Every change is saved to the workspace as you make it."
                                   if not error else text)
        self.save_state.setProperty("error", error)
        self.save_state.style().unpolish(self.save_state)
        self.save_state.style().polish(self.save_state)

    def _show_problem_counts(self, errors: int, warnings: int) -> None:
        if self.current_id is None:
            self.problems_dock.setWindowTitle("Problems")
            return
        if not errors and not warnings:
            self.problems_dock.setWindowTitle("Problems — none")
            return
        self.problems_dock.setWindowTitle(
            f"Problems — {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}")

    @guarded
    def showEvent(self, event) -> None:
        if self._first_map_pending and self.session is not None and self.current_id is None:
            self._first_map_pending = False
            self._open_first_map(None)
        super().showEvent(event)

    # -- closing ----------------------------------------------------------------------------------
    @guarded
    def closeEvent(self, event) -> None:
        if self.presenting:
            self.set_presentation(False)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self._close_session()
        super().closeEvent(event)
