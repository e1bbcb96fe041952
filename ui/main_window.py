"""The editor window: canvas in the middle, maps and problems on the left, inspector and
facilitation on the right; menus and toolbars from `actions.py`.

The window is the frame: docks, the central pages, the status bar, closing. The commands are
controller objects it owns (ui/controllers/): `workspace` (open, switch, close), `navigator`
(the map on screen and its canvas), `maps` (new, rename, duplicate, delete, restore),
`transfer` (import, export, print) and `modes` (voting, presentation, theme, help); the menus
(`actions.py`) call them. The `Session` (ui/session.py) owns the workspace, the open documents
and their undo stacks; panels only show and ask; the canvas edits cards. Every dialog goes
through an overridable hook (`problem_dialog`, `new_map_dialog`, `save_file_dialog`,
`open_file_dialog`, `message_dialog`, `print_backend`), so tests and scripts never block on a
modal box.

Undo: one QUndoStack per open map in a QUndoGroup (Edit ▸ Undo / Redo follow the map on
screen); deleting a map is undone separately with Edit ▸ Restore deleted map or the status
bar's Undo button, because the deleted map's own stack is gone with it.
"""

from __future__ import annotations

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

from . import dialogs
from .actions import build_actions
from .controllers.maps import MapsController
from .controllers.modes import ModesController
from .controllers.navigator import MapNavigator
from .controllers.transfer import TransferController
from .controllers.versions import VersionsController
from .controllers.workspace import WorkspaceController
from .panels.comments import CommentsPanel
from .panels.compare import ComparePanel
from .panels.countdown import CountdownTimer
from .panels.facilitation import FacilitationPanel
from .panels.find_bar import FindBar
from .panels.inspector import Inspector
from .panels.map_list import MapListPanel
from .panels.problems import ProblemsPanel
from .panels.versions import VersionsPanel
from .safety import guarded

STATUS_MS = 6000
UNDO_DELETE_MS = 30_000  # how long the status bar offers to undo a map deletion


class MainWindow(QMainWindow):
    map_opened = Signal(str)  # map id

    # Hooks: replace on the class or the instance (tests do) to avoid modal dialogs.
    problem_dialog = staticmethod(dialogs.workspace_problem_dialog)
    new_map_dialog = staticmethod(dialogs.ask_new_map)
    save_file_dialog = staticmethod(dialogs.save_file_dialog)
    open_file_dialog = staticmethod(dialogs.open_file_dialog)
    message_dialog = staticmethod(dialogs.message_dialog)
    text_dialog = staticmethod(dialogs.text_dialog)
    choose_dialog = staticmethod(dialogs.choose_dialog)
    # Print hook: a callable (window, journey_map) -> None replacing the system print dialog
    # (ui/printing.py) — for tests and scripts.
    print_backend = None

    def __init__(self, workspace: Path, *, settings: QSettings | None = None,
                 map_name_or_id: str | None = None, readonly: bool = False,
                 sample_if_missing: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.undo_group = QUndoGroup(self)
        self.workspace = WorkspaceController(self)
        self.navigator = MapNavigator(self)
        self.maps = MapsController(self)
        self.transfer = TransferController(self)
        self.modes = ModesController(self)
        self.versions = VersionsController(self)
        self._connect_controllers()
        self.setWindowTitle("Journeymap")
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        self._build_panels()
        self._build_central()
        self.actions = build_actions(self)
        self._build_status_bar()
        self._fill_panels_menu()
        self._restore_window()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.modes.follow_system_scheme)
        self.workspace.open(workspace, readonly=readonly, sample_if_missing=sample_if_missing)
        self.navigator.start(map_name_or_id)

    def _connect_controllers(self) -> None:
        self.workspace.session_opened.connect(self._session_opened)
        self.navigator.map_opened.connect(self.map_opened)
        self.navigator.map_opened.connect(self.versions.map_shown)
        self.navigator.canvas_created.connect(self.modes.attach_canvas)
        self.maps.undo_delete_offered.connect(self._offer_undo_delete)
        self.maps.undo_delete_withdrawn.connect(lambda: self.undo_delete_button.hide())

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
        self.map_list.map_selected.connect(self.navigator.choose_map)
        self.map_list.new_requested.connect(self.maps.new_map_interactive)
        self.map_list.rename_requested.connect(self.maps.rename_map)
        self.map_list.duplicate_requested.connect(self.maps.duplicate_map)
        self.map_list.delete_requested.connect(self.maps.delete_map)
        self.inspector = Inspector()
        self.inspector.status.connect(self.show_status)
        self.inspector.unsaved_changed.connect(lambda _unsaved: self._saved())
        self.problems = ProblemsPanel()
        self.problems.problem_activated.connect(self.navigator.select_cards)
        self.problems.badges_changed.connect(lambda b: self.canvas_call("set_problem_badges", b))
        self.problems.counts_changed.connect(self._show_problem_counts)
        self.problems.status.connect(self.show_status)
        self.facilitation = FacilitationPanel()
        self.facilitation.voting_toggled.connect(self.modes.set_voting)
        self.facilitation.hidden_fields_changed.connect(
            lambda fields: self.canvas_call("set_hidden_fields", set(fields)))
        self.facilitation.hidden_fields_changed.connect(self.versions.refresh_diff)
        self.facilitation.hidden_fields_changed.connect(
            lambda fields: self.modes.hidden_fields_changed(fields))
        self.facilitation.card_chosen.connect(lambda tp_id: self.navigator.select_cards([tp_id]))
        self.facilitation.status.connect(self.show_status)
        self.facilitation.export_ranking_requested.connect(
            lambda: self.transfer.export_interactive("ranking-csv"))
        self.timer = CountdownTimer()
        self.timer.finished.connect(lambda: self.show_status("Time is up."))

        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.maps_dock = self._dock("Maps", "mapsDock", self.map_list, left)
        self.inspector_dock = self._dock("Inspector", "inspectorDock", self.inspector, right)
        self.facilitation_dock = self._dock("Facilitation", "facilitationDock",
                                            self.facilitation, right)
        self.compare = ComparePanel()
        self.compare.status.connect(self.show_status)
        self.compare_dock = self._dock("Compare", "compareDock", self.compare, right)
        self.versions_panel = VersionsPanel()
        self.versions.attach(self.versions_panel)
        self.versions_dock = self._dock("Versions", "versionsDock", self.versions_panel, right)
        self.comments = CommentsPanel()
        self.comments.status.connect(self.show_status)
        self.comments.card_chosen.connect(lambda tp_id: self.navigator.select_cards([tp_id]))
        for dock in (self.inspector_dock, self.facilitation_dock, self.compare_dock,
                     self.versions_dock):
            dock.setMinimumWidth(320)  # narrower and the forms would be clipped
        self.tabifyDockWidget(self.inspector_dock, self.facilitation_dock)
        self.tabifyDockWidget(self.facilitation_dock, self.compare_dock)
        self.tabifyDockWidget(self.compare_dock, self.versions_dock)
        self.inspector_dock.raise_()
        # Problems under the map list: the canvas keeps the full height of the window.
        self.problems_dock = self._dock("Problems", "problemsDock", self.problems, left)
        self.splitDockWidget(self.maps_dock, self.problems_dock, Qt.Orientation.Vertical)
        # Comments beside the problems: both are what a reviewer goes through card by card.
        self.comments_dock = self._dock("Comments", "commentsDock", self.comments, left)
        self.tabifyDockWidget(self.problems_dock, self.comments_dock)
        self.problems_dock.raise_()
        self.resizeDocks([self.maps_dock, self.inspector_dock], [250, 380],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.maps_dock, self.problems_dock], [260, 400],
                         Qt.Orientation.Vertical)
        self.docks = (self.maps_dock, self.inspector_dock, self.facilitation_dock,
                      self.compare_dock, self.versions_dock, self.comments_dock,
                      self.problems_dock)

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
        new.clicked.connect(self.maps.new_map_interactive)
        self.empty_new = new
        other = QPushButton("Open workspace…")
        other.clicked.connect(self.workspace.open_interactive)
        fresh = QPushButton("New workspace…")
        fresh.clicked.connect(self.workspace.new_interactive)
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
        self.undo_delete_button.clicked.connect(self.maps.restore_deleted_map)
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

    # -- what the window shows (scripts, benchmarks and tests drive it through these) -------
    @property
    def session(self):
        """The Session of the open workspace, or None."""
        return self.workspace.session

    @property
    def current_id(self) -> str | None:
        return self.navigator.current_id

    @property
    def canvas(self):
        """The CanvasView, once a map has been shown."""
        return self.navigator.canvas

    def open_map(self, name_or_id: str):
        """Show a map by name or id; returns its Document (see `MapNavigator.open_map`)."""
        return self.navigator.open_map(name_or_id)

    def document(self):
        """The Document on screen, or None."""
        return self.navigator.document()

    def undo_stack(self):
        return self.navigator.undo_stack()

    def canvas_call(self, method: str, *args):
        """Call a canvas method if a map is on screen (menus stay harmless without one)."""
        return self.navigator.canvas_call(method, *args)

    # -- pages and title ---------------------------------------------------------------------
    def _session_opened(self, session) -> None:
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        session.map_changed.connect(self.navigator.map_changed)
        session.map_changed.connect(self.versions.map_changed)
        session.others_changed.connect(self.navigator.others_changed)
        mode = " (read-only, view only)" if session.readonly else ""
        self.workspace_label.setText(f"{session.path}{mode}")
        kind = "Server workspace" if session.workspace.on_server else "Workspace file"
        self.workspace_label.setToolTip(f"{kind}: {session.path}")
        self._set_save_state("Read-only: changes cannot be made" if session.readonly
                             else "All changes saved", error=session.readonly)
        self.maps.update_restore_action()
        self.navigator.refresh_map_list()
        if self.current_id is None:
            self.navigator.show_empty_state()

    def show_empty_page(self) -> None:
        """The page in place of the canvas when no map is open: what to do next."""
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

    def update_title(self) -> None:
        parts = []
        document = self.document()
        if document is not None:
            version = self.session.versions_shown.get(self.current_id) if self.session else None
            parts.append(document.map.name if version is None else
                         f"{document.map.name} @ {version.label or version.id} (version, "
                         "read-only)")
            holder = self.session.busy.get(self.current_id) if self.session else None
            if holder:  # a server: someone else edits this map
                parts[-1] += f" (read-only: {_being_edited(holder)})"
        if self.session is not None:
            parts.append(self.session.path.name + (" (read-only)" if self.session.readonly else ""))
        self.setWindowTitle(" — ".join([*parts, "Journeymap"]))

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
        if self.session.busy.get(self.current_id):  # a reviewer's comment saved: still theirs
            self.show_map_state()
            return
        self._set_save_state("Unsaved changes…" if self.inspector.unsaved
                             else "All changes saved", error=False)

    def _save_failed(self, message: str) -> None:
        self._set_save_state("Not saved!", error=True)
        self.save_state.setToolTip(message)
        self.show_status(message)

    def show_map_state(self) -> None:
        """The save state says so while the map on screen is someone else's to edit."""
        if self.session is None or self.session.readonly:
            return
        holder = self.session.busy.get(self.current_id)
        if not holder:
            self._saved()
            return
        self._set_save_state(f"Read-only: {_being_edited(holder)}", error=True)
        self.save_state.setToolTip(f"{holder}. Their saved changes show here as they make "
                                   "them, and comments are welcome; it becomes editable when "
                                   "they close it.")

    def _set_save_state(self, text: str, error: bool) -> None:
        self.save_state.setText(text)
        self.save_state.setToolTip("Every change is saved to the workspace as you make it."
                                   if not error else text)
        self.save_state.setProperty("error", error)
        self.save_state.style().unpolish(self.save_state)
        self.save_state.style().polish(self.save_state)

    def _offer_undo_delete(self, name: str) -> None:
        self.undo_delete_button.setText(f"Undo delete of '{name}'")
        self.undo_delete_button.show()
        self._undo_delete_timer.start(UNDO_DELETE_MS)

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
        self.navigator.window_shown()
        super().showEvent(event)

    # -- closing ----------------------------------------------------------------------------------
    @guarded
    def closeEvent(self, event) -> None:
        if self.modes.presenting:
            self.modes.set_presentation(False)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.workspace.close()
        super().closeEvent(event)


def _being_edited(holder: str) -> str:
    """"being edited by USER on HOST since TIME", from the holder's sentence (whatever the
    map's name holds)."""
    return "being " + holder.rsplit(" is being ", 1)[-1]
