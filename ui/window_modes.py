"""Facilitation and view modes of the main window: dot voting, presentation mode, theme, help.

A mixin for `MainWindow`; it uses the window's canvas, docks, toolbars and actions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from journeymap import __version__

from .themes import THEMES, apply_theme


class ModeCommands:
    # -- facilitation ------------------------------------------------------------------------
    def set_voting(self, on: bool) -> None:
        on = bool(on) and self.canvas is not None and self.current_id is not None
        self.actions.voting.blockSignals(True)
        self.actions.voting.setChecked(on)
        self.actions.voting.blockSignals(False)
        self.facilitation.show_voting(on)
        if self.canvas is None:
            return
        viewport = self.canvas.viewport()
        viewport.removeEventFilter(self._vote_clicks)
        if on:
            viewport.installEventFilter(self._vote_clicks)
            viewport.setCursor(Qt.CursorShape.PointingHandCursor)
            self.facilitation_dock.show()
            self.facilitation_dock.raise_()
            self.show_status("Dot voting: click a card to give it a dot; Shift+click takes one back.")
        else:
            viewport.unsetCursor()
            self.show_status("Dot voting ended.")

    def voting(self) -> bool:
        return self.actions.voting.isChecked()

    def _vote(self, tp_id: str, delta: int) -> None:
        if self.facilitation.vote(tp_id, delta):
            tp = self.document().map.touchpoint(tp_id)
            who = self.facilitation.participant_name()
            verb = "gave a dot to" if delta > 0 else "took a dot back from"
            self.show_status(f"{who} {verb} '{tp.title}' ({tp.vote_total} in all).")

    # -- view ----------------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        on = bool(on)
        if on == self.presenting:
            return
        self.presenting = on
        self.actions.presentation.blockSignals(True)
        self.actions.presentation.setChecked(on)
        self.actions.presentation.blockSignals(False)
        self.actions.leave_presentation.setEnabled(on)
        if on:
            self.inspector.finish_pending()
            self._before_presentation = (self.saveState(), self.windowState(),
                                         self.geometry())
            for dock in self.docks:
                dock.hide()
            self.main_toolbar.hide()
            self.menuBar().hide()
            self.statusBar().hide()
            self.showFullScreen()
        else:
            state, window_state, geometry = self._before_presentation or (
                None, Qt.WindowState.WindowNoState, None)
            self.menuBar().show()
            self.statusBar().show()
            if window_state & Qt.WindowState.WindowMaximized:
                self.showMaximized()
            else:
                self.showNormal()
                if geometry is not None:
                    self.setGeometry(geometry)  # some platforms forget the normal size
            if state is not None:
                self.restoreState(state)
                # Again once the normal size is back, so the docks get their widths too.
                QTimer.singleShot(50, self, lambda: self.presenting or self.restoreState(state))
            self.main_toolbar.show()
        self.canvas_call("set_presentation", on)
        if on:
            self.canvas_call("setFocus")
            # Fit once the full-screen size has arrived (it comes with a later resize).
            QTimer.singleShot(0, self, lambda: self.presenting and self.canvas_call("fit_to_window"))
            QTimer.singleShot(150, self, lambda: self.presenting and self.canvas_call("fit_to_window"))

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
            self.show_status("Add a stage and a lane first (Edit ▸ Add stage, Add lane).")

    def compare_with_log(self) -> None:
        """Show the Compare panel and ask for an event log."""
        if self.document() is None:
            self.show_status("Open a map to compare it with an event log.")
            return
        self.compare_dock.show()
        self.compare_dock.raise_()
        self.compare.choose_log()

    def set_theme(self, theme: str) -> None:
        self.theme = theme if theme in THEMES else "system"
        self.settings.setValue("view/theme", self.theme)
        app = QApplication.instance()
        dark = apply_theme(app, self.theme)
        self.canvas_call("set_theme", dark)
        for key, action in self.actions.themes.items():
            action.setChecked(key == self.theme)

    def _system_scheme_changed(self, *_args) -> None:
        if self.theme == "system":
            self.set_theme("system")

    # -- help ------------------------------------------------------------------------------------
    def show_about(self) -> None:
        QMessageBox.about(
            self, "About Journeymap",
            f"<h3>Journeymap {__version__}</h3>"
            "<p>Design customer, employee and partner journeys offline: stages, departments, "
            "touchpoints, RACI, journey checks, A3 sheets, and planned versus actual from "
            "event logs.</p><p>Your maps stay on this computer, in the workspace file "
            f"<br><code>{self.session.path if self.session else '—'}</code>.</p>",
        )

    def show_shortcuts(self) -> None:
        rows = []
        for action in self.findChildren(type(self.actions.new_map)):
            keys = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText)
                             for key in action.shortcuts())
            if keys and action.text():
                rows.append((action.text().replace("&", "").rstrip("…"), keys))
        rows += [("Edit a card's title", "Enter / F2"), ("Move between cards", "Arrows, Tab"),
                 ("New card in a cell", "Double-click"), ("Pan", "Space + drag, middle drag"),
                 ("Zoom", "Ctrl + wheel")]
        body = "".join(f"<tr><td>{name}</td><td>&nbsp;&nbsp;<b>{keys}</b></td></tr>"
                       for name, keys in sorted(set(rows)))
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts",
                          f"<table>{body}</table>", QMessageBox.StandardButton.Close, self)
        box.exec()

