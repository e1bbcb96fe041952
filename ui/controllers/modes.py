"""Facilitation and view modes: dot voting, presentation mode, the theme; the Compare panel
and help. Presentation mode hides the window's docks, menus and status bar and restores
them as they were."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCursor, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

from journeymap import __version__

from ..canvas.stage_focus import legible_zoom
from ..panels.facilitation import VoteClicks
from ..themes import THEMES, apply_theme, theme_is_dark


class ModesController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.presenting = False
        self._view_before = None  # (zoom, scene centre) before presentation mode
        self.timer_overlay = None  # the room's countdown, made with the canvas
        self._before_presentation: tuple | None = None
        self._vote_clicks: VoteClicks | None = None
        self.theme = str(self.settings.value("view/theme", "system"))
        if self.theme not in THEMES:
            self.theme = "system"

    def attach_canvas(self, canvas) -> None:
        """The window's canvas was made: give it the theme, and clicks to vote with."""
        canvas.set_theme(theme_is_dark(self.theme))
        from ..panels.timer_overlay import TimerOverlay

        self.timer_overlay = TimerOverlay(self.window.timer, canvas)
        self._vote_clicks = VoteClicks(canvas, self.window)
        self._vote_clicks.voted.connect(self._vote)
        self._vote_clicks.participant_key.connect(self.window.facilitation.choose_number)

    # -- facilitation ------------------------------------------------------------------------
    def set_voting(self, on: bool) -> None:
        window, navigator = self.window, self.window.navigator
        on = bool(on) and navigator.canvas is not None and navigator.current_id is not None
        window.actions.voting.blockSignals(True)
        window.actions.voting.setChecked(on)
        window.actions.voting.blockSignals(False)
        window.facilitation.show_voting(on)
        if navigator.canvas is None:
            return
        navigator.canvas.set_voting(on)  # presenting, the cards make room for the dots
        viewport = navigator.canvas.viewport()
        viewport.removeEventFilter(self._vote_clicks)
        navigator.canvas.removeEventFilter(self._vote_clicks)
        if on:
            viewport.installEventFilter(self._vote_clicks)
            navigator.canvas.installEventFilter(self._vote_clicks)  # keys 1-9: who votes
            viewport.setCursor(Qt.CursorShape.PointingHandCursor)
            window.facilitation_dock.show()
            window.facilitation_dock.raise_()
            window.show_status(
                "Dot voting: click a card to give it a dot; Shift+click takes one back.")
        else:
            viewport.unsetCursor()
            window.show_status("Dot voting ended.")

    def voting(self) -> bool:
        return self.window.actions.voting.isChecked()

    def _vote(self, tp_id: str, delta: int) -> None:
        facilitation = self.window.facilitation
        if facilitation.vote(tp_id, delta):
            tp = self.window.document().map.touchpoint(tp_id)
            who = facilitation.participant_name()
            verb = "gave a dot to" if delta > 0 else "took a dot back from"
            self.window.show_status(f"{who} {verb} '{tp.title}' ({tp.vote_total} in all).")
        elif facilitation.refused:
            # Beside the pointer too: the room looks at the map, not at the status bar.
            QToolTip.showText(QCursor.pos(), facilitation.refused, self.window.canvas)

    # -- presentation ------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        on = bool(on)
        if on == self.presenting:
            return
        window, actions = self.window, self.window.actions
        self.presenting = on
        actions.presentation.blockSignals(True)
        actions.presentation.setChecked(on)
        actions.presentation.blockSignals(False)
        actions.leave_presentation.setEnabled(on)
        canvas = window.navigator.canvas
        if on:
            window.inspector.finish_pending()
            self._before_presentation = (window.saveState(), window.windowState(),
                                         window.geometry())
            self._view_before = None if canvas is None else (
                canvas.zoom(), canvas.mapToScene(canvas.viewport().rect().center()))
            for dock in window.docks:
                dock.hide()
            window.main_toolbar.hide()
            window.menuBar().hide()
            window.statusBar().hide()
            window.showFullScreen()
        else:
            self._leave_full_screen()
        # An inspector opened in front of the room leaves out what the room must not see.
        window.inspector.hide_from_room(window.facilitation.hidden_fields() if on else set())
        canvas_call = window.navigator.canvas_call
        canvas_call("set_presentation", on)
        if self.timer_overlay is not None:
            self.timer_overlay.set_presenting(on)
        if on:
            canvas_call("setFocus")
            # Frame once the full-screen size has arrived (it comes with a later resize).
            QTimer.singleShot(0, window, lambda: self.presenting and self._frame_for_room())
            QTimer.singleShot(150, window, lambda: self.presenting and self._frame_for_room())
        elif self._view_before is not None and canvas is not None:
            zoom, centre = self._view_before
            self._view_before = None

            def back() -> None:  # once the docks and the normal size are back
                if not self.presenting and window.navigator.canvas is canvas:
                    canvas.set_zoom(zoom)
                    canvas.centerOn(centre)

            back()
            QTimer.singleShot(80, window, back)

    def hidden_fields_changed(self, fields: set[str]) -> None:
        """A field was hidden from the room (or shown again): while presenting, the inspector
        follows the cards."""
        if self.presenting:
            self.window.inspector.hide_from_room(set(fields))

    def _frame_for_room(self) -> None:
        """The whole map when its cards stay legible at that size; else the first stage
        (a 300-card map fitted whole would show cards too small to carry text)."""
        canvas = self.window.navigator.canvas
        if canvas is None or canvas.stage_focus.active:
            return
        canvas.fit_presentation_grid()  # for the full-screen size, now that it has come
        canvas.fit_to_window()
        if canvas.zoom() < legible_zoom(canvas) and canvas.document.map.stages:
            canvas.stage_focus.step(1)

    def _leave_full_screen(self) -> None:
        window = self.window
        state, window_state, geometry = self._before_presentation or (
            None, Qt.WindowState.WindowNoState, None)
        window.menuBar().show()
        window.statusBar().show()
        if window_state & Qt.WindowState.WindowMaximized:
            window.showMaximized()
        else:
            window.showNormal()
            if geometry is not None:
                window.setGeometry(geometry)  # some platforms forget the normal size
        if state is not None:
            window.restoreState(state)
            # Again once the normal size is back, so the docks get their widths too.
            QTimer.singleShot(50, window, lambda: self.presenting or window.restoreState(state))
        window.main_toolbar.show()

    # -- panels and theme ----------------------------------------------------------------------
    def compare_with_log(self) -> None:
        """Show the Compare panel and ask for an event log."""
        window = self.window
        if window.document() is None:
            window.show_status("Open a map to compare it with an event log.")
            return
        window.compare_dock.show()
        window.compare_dock.raise_()
        window.compare.choose_log()

    def set_theme(self, theme: str) -> None:
        self.theme = theme if theme in THEMES else "system"
        self.settings.setValue("view/theme", self.theme)
        dark = apply_theme(QApplication.instance(), self.theme)
        self.window.navigator.canvas_call("set_theme", dark)
        for key, action in self.window.actions.themes.items():
            action.setChecked(key == self.theme)

    def follow_system_scheme(self, *_args) -> None:
        """The system switched between light and dark: follow it if the theme says so."""
        if self.theme == "system":
            self.set_theme("system")

    # -- help ------------------------------------------------------------------------------------
    def show_about(self) -> None:
        session = self.window.session
        QMessageBox.about(
            self.window, "About Journeymap",
            f"<h3>Journeymap {__version__}</h3>"
            "<p>Design customer, employee and partner journeys offline: stages, departments, "
            "touchpoints, RACI, journey checks, A3 sheets, and planned versus actual from "
            "event logs.</p><p>Your maps stay on this computer, in the workspace file "
            f"<br><code>{session.path if session else '—'}</code>.</p>",
        )

    def show_shortcuts(self) -> None:
        rows = []
        for action in self.window.findChildren(QAction):
            keys = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText)
                             for key in action.shortcuts())
            if keys and action.text():
                rows.append((action.text().replace("&", "").rstrip("…"), keys))
        rows += [("Edit a card's title", "Enter / F2"), ("Move between cards", "Arrows, Tab"),
                 ("New card in a cell", "Double-click"), ("Pan", "Space + drag, middle drag"),
                 ("Zoom", "Ctrl + wheel"),
                 ("Stage by stage while presenting", "PageDown / PageUp"),
                 ("Vote as participant 1 to 9 while voting", "1 … 9")]
        body = "".join(f"<tr><td>{name}</td><td>&nbsp;&nbsp;<b>{keys}</b></td></tr>"
                       for name, keys in sorted(set(rows)))
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts",
                          f"<table>{body}</table>", QMessageBox.StandardButton.Close,
                          self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_box = box
        box.open()  # not exec(): the map (and a presentation) go on behind it
