"""Menus, toolbars and shortcuts of the main window.

Everything a user can do is a QAction here, built once, so a menu entry, its shortcut and its
toolbar button share one enabled state. The actions call the public methods of the window's
controllers (ui/controllers/): `window.maps`, `window.workspace`, `window.transfer`,
`window.navigator` (the map on screen and its canvas) and `window.modes`.

Card edits (cut, copy, paste, duplicate, delete) use shortcuts bound to the canvas widget:
typing Ctrl+C or Delete in an inspector field keeps its usual text meaning.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from .panels.facilitation import HIDEABLE, HIDEABLE_LABELS

# format, menu text, file suffix, file-dialog filter
EXPORTS = (
    ("pdf", "A3 journey sheet (PDF)…", ".pdf", "PDF documents (*.pdf)"),
    ("raci-pdf", "RACI matrix (PDF)…", ".pdf", "PDF documents (*.pdf)"),
    ("raci-xlsx", "RACI matrix (Excel)…", ".xlsx", "Excel workbooks (*.xlsx)"),
    ("raci-csv", "RACI matrix (CSV)…", ".csv", "CSV files (*.csv)"),
    ("ranking-csv", "Dot-voting ranking (CSV)…", ".csv", "CSV files (*.csv)"),
    ("xlsx", "Workshop sheet (Excel)…", ".xlsx", "Excel workbooks (*.xlsx)"),
    ("csv", "Workshop sheet (CSV)…", ".csv", "CSV files (*.csv)"),
    ("json", "Map file (JSON)…", ".json", "Journeymap map files (*.json)"),
    ("png", "Image (PNG)…", ".png", "PNG images (*.png)"),
    ("svg", "Image (SVG)…", ".svg", "SVG images (*.svg)"),
)
PAPERS = ("A4", "A3", "A2", "A1", "A0", "Letter", "Tabloid")


def _action(window, text: str, slot=None, shortcut=None, tip: str | None = None,
            checkable: bool = False, name: str | None = None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.setCheckable(checkable)
    if slot is not None:
        (action.toggled if checkable else action.triggered).connect(slot)
    if name:
        action.setObjectName(name)
    return action


def build_actions(window) -> SimpleNamespace:
    """Create every action, the menu bar and the toolbars of `window`."""
    a = SimpleNamespace()
    _file_actions(window, a)
    _edit_actions(window, a)
    _view_actions(window, a)
    _facilitation_actions(window, a)
    a.compare = _action(window, "&Compare with an event log…", window.modes.compare_with_log,
                        "Ctrl+L", "Planned versus actual: read an event log and compare",
                        name="compare")
    a.snapshot = _action(window, "Save a &version (snapshot)", lambda: window.versions.snapshot(),
                         "Ctrl+Alt+S", "Keep the map's state now as a read-only version",
                         name="snapshotMap")
    a.diff = _action(window, "Compare with &version or map…", window.versions.compare_with_other,
                     "Ctrl+Alt+D", "Mark on the map what changes from a version or another map",
                     name="diffMap")
    a.about = _action(window, "About Journeymap", window.modes.show_about)
    a.shortcuts = _action(window, "Keyboard shortcuts", window.modes.show_shortcuts, "F1")
    _menus(window, a)
    _toolbars(window, a)
    _keep_shortcuts(window, a)
    return a


def _keep_shortcuts(window, a) -> None:
    """Every menu shortcut works while the menu bar is hidden (presentation mode): the
    window holds the actions too. The canvas's own actions (cut, copy, paste, zoom …) stay
    on the canvas page, so in a text field they do not take the field's keys."""
    mine = set(map(id, a.canvas_actions))

    def walk(menu):
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator() and id(action) not in mine \
                    and action.shortcuts():
                window.addAction(action)

    walk(window.menuBar())


def _file_actions(window, a) -> None:
    maps, workspace, transfer = window.maps, window.workspace, window.transfer
    a.new_map = _action(window, "&New map…", maps.new_map_interactive,
                        QKeySequence.StandardKey.New, "Create a map from a template or blank",
                        name="newMap")
    a.open_workspace = _action(window, "&Open workspace…", workspace.open_interactive,
                               QKeySequence.StandardKey.Open, "Open another workspace file")
    a.open_server = _action(window, "Open &server workspace…", workspace.open_server_interactive,
                            tip="Open a team workspace on a PostgreSQL server "
                                "(postgresql://USER@HOST:PORT/DB)")
    a.new_workspace = _action(window, "New &workspace…", workspace.new_interactive,
                              tip="Create a new, empty workspace file")
    a.import_file = _action(window, "&Import sheet or map file…", transfer.import_interactive,
                            "Ctrl+I", "Import a workshop sheet (.csv, .xlsx) or a map file (.json)")
    a.exports = {}
    for fmt, text, _suffix, _filter in EXPORTS:
        a.exports[fmt] = _action(window, text,
                                 lambda _c=False, f=fmt: transfer.export_interactive(f),
                                 name=f"export-{fmt}")
    a.exports["pdf"].setShortcut(QKeySequence("Ctrl+E"))
    a.paper = QActionGroup(window)
    a.papers = {}
    for paper in PAPERS:
        action = _action(window, paper, checkable=True)
        action.setChecked(paper == transfer.export_paper)
        action.triggered.connect(lambda _c=False, p=paper: transfer.set_export_paper(p))
        a.paper.addAction(action)
        a.papers[paper] = action
    a.portrait = _action(window, "Portrait", transfer.set_export_portrait, checkable=True)
    a.portrait.setChecked(transfer.export_portrait)
    a.as_shown = _action(window, "As shown in the room", transfer.set_as_shown_in_room,
                         tip="Leave out of exports the fields hidden from the room",
                         checkable=True, name="exportAsShown")
    a.export_comments = _action(window, "With comments (PDF)", transfer.set_export_comments,
                                tip="Add the map's comments to the PDF as an appendix",
                                checkable=True, name="exportComments")
    a.export_comments.setChecked(transfer.export_comments)
    a.print = _action(window, "&Print…", transfer.print_map, QKeySequence.StandardKey.Print,
                      "Print the map")
    a.print_preview = _action(window, "Print Pre&view…", transfer.print_preview, None,
                              "See how the map falls on the printed sheets")
    a.quit = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    a.quit.setMenuRole(QAction.MenuRole.QuitRole)


def _edit_actions(window, a) -> None:
    group = window.undo_group
    a.undo = group.createUndoAction(window, "Undo")
    a.undo.setShortcuts([QKeySequence.StandardKey.Undo])
    a.undo.setObjectName("undo")
    a.redo = group.createRedoAction(window, "Redo")
    a.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    a.redo.setObjectName("redo")
    a.restore_map = _action(window, "Restore deleted map", window.maps.restore_deleted_map,
                            "Ctrl+Alt+Z", "Bring back the map deleted last", name="restoreMap")
    a.restore_map.setEnabled(False)
    canvas_keys = (
        ("cut", "Cu&t", QKeySequence.StandardKey.Cut, "cut"),
        ("copy", "&Copy", QKeySequence.StandardKey.Copy, "copy_selection"),
        ("paste", "&Paste", QKeySequence.StandardKey.Paste, "paste"),
        ("duplicate", "D&uplicate", "Ctrl+D", "duplicate_selection"),
        ("delete", "&Delete", QKeySequence.StandardKey.Delete, "delete_selection"),
        ("select_all", "Select &all cards", QKeySequence.StandardKey.SelectAll, "select_all"),
    )
    canvas_call = window.navigator.canvas_call
    a.canvas_actions = []
    for attr, text, key, method in canvas_keys:
        action = _action(window, text, lambda _c=False, m=method: canvas_call(m), key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        setattr(a, attr, action)
        a.canvas_actions.append(action)
    a.new_card = _action(window, "New &touchpoint", window.navigator.new_touchpoint, "Ctrl+Return",
                         "Add a card next to the selected one (or in the first cell)",
                         name="newCard")
    a.add_stage = _action(window, "Add &stage", lambda: canvas_call("insert_header", "stage", None))
    a.add_lane = _action(window, "Add &lane", lambda: canvas_call("insert_header", "lane", None))
    a.find = _action(window, "&Find…", window.navigator.show_find_bar,
                     QKeySequence.StandardKey.Find, "Find cards by text", name="find")


def _view_actions(window, a) -> None:
    canvas_call = window.navigator.canvas_call
    a.zoom_in = _action(window, "Zoom &in", lambda: canvas_call("zoom_in"),
                        [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
    a.zoom_out = _action(window, "Zoom &out", lambda: canvas_call("zoom_out"),
                         QKeySequence.StandardKey.ZoomOut)
    a.reset_zoom = _action(window, "&Actual size", lambda: canvas_call("reset_zoom"), "Ctrl+0")
    a.fit = _action(window, "&Fit to window", lambda: canvas_call("fit_to_window"),
                    "Ctrl+9", "Show the whole map")
    for action in (a.zoom_in, a.zoom_out, a.reset_zoom, a.fit):
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        a.canvas_actions.append(action)
    a.presentation = _action(window, "&Presentation mode", window.modes.set_presentation, "F5",
                             "Full screen, larger type, no panels (Esc leaves)", checkable=True,
                             name="presentation")
    a.leave_presentation = _action(window, "Leave presentation",
                                   lambda: window.modes.set_presentation(False), "Esc")
    a.leave_presentation.setEnabled(False)
    window.addAction(a.leave_presentation)
    a.theme = QActionGroup(window)
    a.themes = {}
    for key, text in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
        action = _action(window, text, checkable=True)
        action.setChecked(key == window.modes.theme)
        action.triggered.connect(lambda _c=False, k=key: window.modes.set_theme(k))
        a.theme.addAction(action)
        a.themes[key] = action


def _facilitation_actions(window, a) -> None:
    a.voting = _action(window, "&Dot voting", window.modes.set_voting, "Ctrl+Shift+D",
                       "Click a card to give it a dot from the current participant",
                       checkable=True, name="voting")
    a.timer = _action(window, "Start or pause the &timer", window.timer.toggle, "Ctrl+T")
    a.timer_reset = _action(window, "&Reset the timer", window.timer.reset, "Ctrl+Shift+T")
    a.clear_votes = _action(window, "&Clear all dots", lambda: window.facilitation.clear_votes())
    a.timer_presets = []
    for minutes, key in zip(window.timer.PRESETS, ("1", "3", "5", "0"), strict=True):
        preset = _action(window, f"Timebox of {minutes} minute{'s' if minutes > 1 else ''}",
                         lambda _c=False, n=minutes: window.timer.set_minutes(n),
                         f"Ctrl+Alt+{key}", name=f"timer{minutes}")
        a.timer_presets.append(preset)
    a.timer_sound = _action(window, "Sound when time is up",
                            lambda on: setattr(window.timer, "sound", bool(on)), checkable=True,
                            name="timerSound")
    a.timer_sound.setChecked(window.timer.sound)
    a.hide = {}
    for name in HIDEABLE:
        action = _action(window, HIDEABLE_LABELS.get(name, name), checkable=True)
        box = window.facilitation.hide_boxes[name]
        action.toggled.connect(box.setChecked)
        box.toggled.connect(action.setChecked)
        a.hide[name] = action


def _menus(window, a) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(a.new_map)
    file_menu.addSeparator()
    file_menu.addAction(a.open_workspace)
    file_menu.addAction(a.open_server)
    window.recent_menu = file_menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(
        lambda: window.workspace.fill_recent_menu(window.recent_menu))
    file_menu.addAction(a.new_workspace)
    file_menu.addSeparator()
    file_menu.addAction(a.import_file)
    export = file_menu.addMenu("&Export")
    for fmt, *_rest in EXPORTS:
        export.addAction(a.exports[fmt])
        if fmt in ("raci-csv", "json"):
            export.addSeparator()
    export.addSeparator()
    paper = export.addMenu("PDF paper")
    for action in a.papers.values():
        paper.addAction(action)
    paper.addSeparator()
    paper.addAction(a.portrait)
    export.addAction(a.as_shown)
    export.addAction(a.export_comments)
    file_menu.addAction(a.print)
    file_menu.addAction(a.print_preview)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit = bar.addMenu("&Edit")
    edit.addActions([a.undo, a.redo])
    edit.addAction(a.restore_map)
    edit.addSeparator()
    edit.addActions([a.cut, a.copy, a.paste, a.duplicate, a.delete])
    edit.addSeparator()
    edit.addActions([a.new_card, a.add_stage, a.add_lane])
    edit.addSeparator()
    edit.addActions([a.select_all, a.find])

    view = bar.addMenu("&View")
    view.addActions([a.zoom_in, a.zoom_out, a.reset_zoom, a.fit])
    view.addSeparator()
    view.addAction(a.presentation)
    view.addSeparator()
    window.panels_menu = view.addMenu("&Panels")
    theme = view.addMenu("&Theme")
    theme.addActions(list(a.themes.values()))

    journey = bar.addMenu("&Journey")
    journey.addAction(a.compare)
    journey.addSeparator()
    journey.addAction(a.snapshot)
    journey.addAction(a.diff)
    journey.addAction(window.versions_dock.toggleViewAction())
    journey.addAction(window.comments_dock.toggleViewAction())
    journey.addSeparator()
    journey.addAction(window.problems_dock.toggleViewAction())

    facilitation = bar.addMenu("F&acilitation")
    facilitation.addAction(a.voting)
    facilitation.addAction(a.clear_votes)
    facilitation.addSeparator()
    facilitation.addActions([a.timer, a.timer_reset])
    facilitation.addActions(a.timer_presets)
    facilitation.addAction(a.timer_sound)
    facilitation.addSeparator()
    hide = facilitation.addMenu("&Hide from the room")
    hide.addActions(list(a.hide.values()))
    window.facilitation_menu = facilitation

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a.shortcuts)
    help_menu.addAction(a.about)


def _after_typing(window, run):
    """A toolbar click leaves the keyboard in the field being typed into, so its text would
    still wait for its save: commit it first, and Undo undoes that typing, as in the menu."""
    def go(_checked: bool = False) -> None:
        window.inspector.finish_pending()
        run()
    return go


def _toolbar_undo(window, a) -> list[QAction]:
    """Short Undo / Redo buttons: the menu entries carry the long text ("Undo Move
    touchpoint"), which would make the toolbar jump at every edit; here it is the tooltip."""
    group = window.undo_group
    buttons = []
    for verb, source, can_changed, text_changed, run in (
        ("Undo", a.undo, group.canUndoChanged, group.undoTextChanged, group.undo),
        ("Redo", a.redo, group.canRedoChanged, group.redoTextChanged, group.redo),
    ):
        button = QAction(verb, window)
        button.setObjectName(f"toolbar{verb}")
        button.setEnabled(source.isEnabled())
        button.triggered.connect(_after_typing(window, run))
        can_changed.connect(button.setEnabled)
        text_changed.connect(lambda text, b=button, v=verb: b.setToolTip(
            f"{v} {text} ({b.property('keys')})" if text else v))
        keys = source.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setProperty("keys", keys)
        button.setToolTip(verb)
        buttons.append(button)
    a.toolbar_undo, a.toolbar_redo = buttons
    return buttons


# Short labels for the toolbar buttons (menus keep the full text; tooltips say the rest).
TOOLBAR_TEXT = {
    "new_map": "New", "import_file": "Import", "zoom_out": "Zoom −", "zoom_in": "Zoom +",
    "fit": "Fit", "find": "Find", "presentation": "Present", "voting": "Vote",
}


def _text_toolbar(window, title: str, name: str) -> QToolBar:
    bar = QToolBar(title, window)
    bar.setObjectName(name)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.setMovable(False)
    return bar


def _toolbars(window, a) -> None:
    for attr, text in TOOLBAR_TEXT.items():
        action = getattr(a, attr)
        action.setIconText(text)
        if not action.toolTip() or action.toolTip() == text:
            action.setToolTip(action.text().replace("&", "").rstrip("…"))
    main = _text_toolbar(window, "Main toolbar", "mainToolbar")
    main.addAction(a.new_map)
    main.addAction(a.import_file)
    export = QMenu("Export", window)
    for fmt, *_rest in EXPORTS:
        export.addAction(a.exports[fmt])
    export_action = export.menuAction()
    export_action.triggered.connect(lambda: window.transfer.export_interactive("pdf"))
    export_action.setToolTip("Export the map (click: A3 PDF; hold for more)")
    main.addAction(export_action)
    main.addSeparator()
    main.addActions(_toolbar_undo(window, a))
    main.addSeparator()
    main.addActions([a.zoom_out, a.zoom_in, a.fit])
    main.addSeparator()
    main.addAction(a.find)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, main)
    window.main_toolbar = main

    room = _text_toolbar(window, "Facilitation toolbar", "facilitationToolbar")
    room.addAction(a.presentation)
    room.addAction(a.voting)
    room.addSeparator()
    room.addWidget(window.timer)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, room)
    window.facilitation_toolbar = room
