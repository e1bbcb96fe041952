"""Which map is on screen: showing one (its canvas, the panels following it, its undo stack,
the view it was left at), the first map of a workspace, the map list, and the commands that
reach the canvas. Menus stay harmless without a map: `canvas_call` does nothing then."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from journeymap.errors import JourneymapError, WorkspaceError

from ..safety import guarded

log = logging.getLogger(__name__)
MIN_FIRST_ZOOM = 0.7  # a map first opens fitted to the window, but never smaller than this
FOLLOW_MS = 1000  # others' saves to a map on screen are shown at most this often


class _PaintWatch(QObject):
    """Tells `painted()` each time the watched widget paints (the Problems panel runs a new
    map's check only once the canvas has shown it)."""

    def __init__(self, painted, parent: QObject) -> None:
        super().__init__(parent)
        self._painted = painted

    @guarded(fallback=False)
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._painted()
        return False


class MapNavigator(QObject):
    map_opened = Signal(str)  # map id, shown (or already on screen and asked for again)
    canvas_created = Signal(object)  # the CanvasView, made when the first map is shown

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.current_id: str | None = None
        self.canvas = None
        self._views: dict[str, tuple] = {}  # map id -> (zoom, scene centre) while it lives
        self._first_map_pending = False  # the first map opens when the window is shown
        # Others' saves to the map on screen, read at most once a FOLLOW_MS: a busy author
        # saves several times a second, and a large map takes a while to rebuild.
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self._follow_others)

    @property
    def _session(self):
        return self.window.workspace.session

    # -- the first map -------------------------------------------------------------------------
    def start(self, name_or_id: str | None) -> None:
        """A named map opens now; otherwise the first map waits until the window is shown, so
        a caller that opens another map first (`open_map`) does not build a scene for nothing."""
        self._first_map_pending = self._session is not None and not name_or_id
        if self._session is not None and name_or_id:
            self.open_first_map(name_or_id)

    def window_shown(self) -> None:
        if self._first_map_pending and self._session is not None and self.current_id is None:
            self._first_map_pending = False
            self.open_first_map(None)

    def open_first_map(self, name_or_id: str | None) -> None:
        """The map asked for; else the one last shown here, the first template of a new
        sample, or the first by name."""
        if name_or_id:
            try:
                self.open_map(name_or_id)
                return
            except JourneymapError as error:
                log.warning("%s", error)
                # After the window is up, so the message does not float alone on screen.
                QTimer.singleShot(0, self, lambda e=str(error): self.window.report(
                    "error", "Map not found", f"{e} The editor shows another map instead."))
        ids = [s.id for s in self._session.summaries()]
        last = self.window.workspace.last_map()
        first_start = [i for i in self.window.workspace.sample_ids if i in ids]
        if last in ids:
            self.show_map(last)
        elif first_start:
            self.show_map(first_start[0])  # the first template, not the first by name
        elif ids:
            self.show_map(ids[0])
        else:
            self.show_empty_state()

    # -- the map on screen -----------------------------------------------------------------------
    def open_map(self, name_or_id: str):
        """Show the map named or with id `name_or_id`; returns its Document.

        Raises NotFoundError / AmbiguousNameError (JourneymapError) with a clear sentence."""
        if self._session is None:
            raise WorkspaceError("No workspace is open.")
        summary = self._session.find(name_or_id)
        self.show_map(summary.id)
        return self._session.open_maps[summary.id].document

    def document(self):
        """The Document on screen, or None."""
        if self._session is None or self.current_id is None:
            return None
        opened = self._session.open_maps.get(self.current_id)
        return opened.document if opened else None

    def undo_stack(self):
        opened = self._session.open_maps.get(self.current_id) if self._session else None
        return opened.stack if opened else None

    def choose_map(self, map_id: str) -> None:
        """A map picked in the map list."""
        if map_id != self.current_id:
            self.show_map(map_id)

    def show_map(self, map_id: str) -> None:
        self._first_map_pending = False
        window = self.window
        try:
            opened = self._session.open(map_id)
        except JourneymapError as error:
            window.report("error", "Cannot open the map", str(error))
            return
        if map_id == self.current_id and self.canvas is not None and \
                self.canvas.document is opened.document:
            window.map_list.set_current(map_id)  # already on screen: nothing to rebuild
            self.map_opened.emit(map_id)
            return
        window.inspector.finish_pending()
        self._remember_view()
        previous, self.current_id = self.current_id, map_id
        window.undo_group.setActiveStack(opened.stack)
        self._show_document(opened)
        QTimer.singleShot(0, self, lambda: self._restore_view(map_id))
        window.map_list.set_current(map_id)
        window.workspace.remember_map(map_id)
        window.update_title()
        if not window.map_list.is_searching():
            self.canvas.setFocus()  # arrows, Tab and Enter work on the cards at once
        if previous is not None and previous != map_id:
            self._session.leave(previous)  # on a server: its edit lease goes back
        if map_id in self._session.busy:
            window.show_status(f"{self._session.busy[map_id]}: shown read-only; their saved "
                               "changes appear here as they make them.")
        window.show_map_state()
        self.map_opened.emit(map_id)

    def others_changed(self, changed: dict) -> None:
        """Others saved, renamed, made, deleted or let go of maps (a server workspace): the
        map list follows, and a map shown read-only because they edit it is read again."""
        session = self._session
        if session is None:
            return
        self.refresh_map_list()
        for map_id, kinds in changed.items():
            if "deleted" in kinds and map_id in session.open_maps:
                session.reload(map_id)
                if map_id == self.current_id:
                    self.close_map()
                    self.window.show_status("The map on screen was deleted by someone else.")
                    self.open_first_map(None)
            elif "outdated" in kinds and map_id in session.open_maps:
                session.reload(map_id)  # its refused changes go: the sentence said so
                if map_id == self.current_id:
                    self.show_map(map_id)
            elif (map_id in session.busy or (session.readonly and map_id in session.open_maps)) \
                    and kinds & {"saved", "renamed", "comments", "released"}:
                if map_id != self.current_id:
                    session.reload(map_id)  # read when it is shown again
                elif not self._follow.isActive():
                    self._follow.start()

    def _follow_others(self) -> None:
        """Show the newest saved state of the map on screen (someone else's to edit)."""
        session, map_id = self._session, self.current_id
        if session is None or map_id is None or map_id not in session.open_maps:
            return
        if map_id not in session.busy and not session.readonly:
            return  # ours to edit meanwhile: nothing to follow
        session.reload(map_id)
        self.show_map(map_id)  # their newest saved state, same zoom and place
        if map_id not in session.busy and not session.readonly:
            self.window.show_status("They have closed the map: you can edit it now.")

    def close_map(self) -> None:
        """Take the map off screen (before its workspace closes or it is deleted)."""
        self._show_document(None)
        self.current_id = None

    def show_empty_state(self) -> None:
        self.current_id = None
        self._show_document(None)
        self.window.show_empty_page()
        self.window.update_title()

    def _show_document(self, opened) -> None:
        window = self.window
        document = opened.document if opened else None
        if opened is not None:
            self._ensure_canvas(opened)
            window.pages.setCurrentWidget(window.canvas_page)
        window.inspector.set_document(document)
        window.problems.set_document(document)
        window.facilitation.set_document(document)
        window.comments.set_document(document)
        # History is saved in a writable workspace only; the overlay draws on the canvas.
        writable = self._session is not None and not self._session.readonly
        window.compare.set_context(document, self._session.workspace if document and writable
                                   else None, self.canvas if document else None)
        if opened is None:
            window.undo_group.setActiveStack(None)

    def _ensure_canvas(self, opened) -> None:
        if self.canvas is not None:
            self.canvas.set_document(opened.document, opened.stack)
            return  # no badges here: `problems.set_document` analyses the new map next
        from ..canvas.view import CanvasView

        window = self.window
        self.canvas = CanvasView(opened.document, opened.stack, window.canvas_page)
        self.canvas.setObjectName("canvas")
        self.canvas.selection_changed.connect(window.inspector.set_selection)
        self.canvas.selection_changed.connect(window.comments.set_selection)
        self.canvas.message.connect(window.show_status)
        window.canvas_page.layout().insertWidget(0, self.canvas, 1)
        window.canvas_page.addActions(window.actions.canvas_actions)
        self.canvas.set_hidden_fields(window.facilitation.hidden_fields())
        self._paint_watch = _PaintWatch(window.problems.canvas_painted, self)
        self.canvas.viewport().installEventFilter(self._paint_watch)
        self.canvas_created.emit(self.canvas)

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

    # -- the map list --------------------------------------------------------------------------
    def refresh_map_list(self) -> None:
        # Storage is up to date: every edit of an open map is saved as it happens.
        summaries = self._session.summaries() if self._session else []
        self.window.map_list.set_maps(summaries, self.current_id)

    def map_changed(self, map_id: str, changes: list) -> None:
        """An open map was edited: its line in the map list, and the title if it was renamed."""
        opened = self._session.open_maps.get(map_id) if self._session else None
        if opened is None:
            return
        m = opened.document.map
        self.window.map_list.update_map(map_id, m.name, len(m.touchpoints))
        if map_id == self.current_id and any(c.kind == "map" for c in changes):
            self.window.update_title()

    # -- the canvas ------------------------------------------------------------------------------
    def canvas_call(self, method: str, *args):
        """Call a canvas method if a canvas exists (menus stay harmless without a map)."""
        if self.canvas is None or self.current_id is None:
            return None
        return getattr(self.canvas, method)(*args)

    def select_cards(self, ids: list[str]) -> None:
        if self.canvas is not None and self.current_id is not None:
            self.canvas.select_touchpoints(list(ids), frame=True)

    def show_find_bar(self) -> None:
        if self.canvas is not None and self.current_id is not None:
            self.window.find_bar.open_bar(self.canvas)

    def new_touchpoint(self) -> None:
        """A new card after the selected one, in its cell; else in the first cell."""
        document = self.document()
        if document is None or self.canvas is None:
            return
        m = document.map
        selected = self.canvas.selected_touchpoints()
        if selected:
            tp = m.touchpoint(selected[-1])
            cell = [t.id for t in m.cell(tp.stage, tp.lane)]
            self.canvas.new_touchpoint(tp.stage, tp.lane, cell.index(tp.id) + 1)
        elif m.stages and m.lanes:
            self.canvas.new_touchpoint(m.stages[0].id, m.lanes[0].id)
        else:
            self.window.show_status("Add a stage and a lane first (Edit ▸ Add stage, Add lane).")
