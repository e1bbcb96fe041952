"""The editor window on a real temporary workspace: first start, opening maps, editing in the
inspector with real keys, undo, problems, a locked workspace, the map list, presentation."""

from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from test_window_helpers import *  # noqa: E402, F403 (fixtures)

from journeymap.analysis import analyse  # noqa: E402
from journeymap.errors import NotFoundError  # noqa: E402
from journeymap.storage import Workspace  # noqa: E402
from journeymap.templates import build_template, list_templates  # noqa: E402
from ui.dialogs import WorkspaceChoice  # noqa: E402


def stored_map(path, map_id):
    with Workspace.open(path, readonly=True) as workspace:
        return workspace.load_map(map_id)


def type_into(qtbot, widget, text: str) -> None:
    """Focus a line edit like a click would, replace its text with real keys, press Return."""
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def pick_card_with_one_exit(m):
    """A card outside the last stage with one outgoing connection and one incoming."""
    last = m.stages[-1].id
    for tp in m.touchpoints:
        if tp.stage != last and len(m.outgoing(tp.id)) == 1 and m.incoming(tp.id):
            return tp
    raise AssertionError("the sample has no such card")


# -- first start and opening -------------------------------------------------------------------
def test_first_start_creates_a_sample_with_every_template(make_window, workspace_path):
    assert not workspace_path.exists()
    window = make_window(workspace_path)
    names = sorted(build_template(key).name for key, _ in list_templates())
    assert workspace_path.exists()
    assert sorted(window.map_list.visible_names()) == names
    first = build_template(list_templates()[0][0]).name
    assert window.document().map.name == first  # the first template, not alphabetical
    assert window.pages.currentWidget() is window.canvas_page
    assert window.save_state.text() == "All changes saved"
    assert str(workspace_path) in window.workspace_label.text()


def test_open_map_by_name_and_by_id(window):
    document = window.open_map("Subscription renewal")
    assert document.map.name == "Subscription renewal"
    assert window.canvas.document is document
    other = window.session.find("Upsell and cross-sell")
    assert window.open_map(other.id).map.id == other.id
    assert window.map_list.current_id() == other.id
    assert "Upsell and cross-sell" in window.windowTitle()
    with pytest.raises(NotFoundError):
        window.open_map("No such journey")


def test_window_reopens_the_map_used_last(make_window, settings):
    first = make_window()
    renewal = first.open_map("Subscription renewal").map.id
    first.close()
    again = make_window()
    assert again.current_id == renewal


def test_an_existing_workspace_gets_no_sample(make_window, tmp_path):
    path = tmp_path / "mine.journeymap"
    with Workspace.open(path) as workspace:
        workspace.add_map(build_template("renewal", "Our renewal"))
    window = make_window(path)
    assert window.map_list.visible_names() == ["Our renewal"]


# -- inspector editing -------------------------------------------------------------------------
def test_title_typed_in_the_inspector_is_one_command_and_saved(window, qtbot, sample_copy):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    form = window.inspector.touchpoint
    assert window.inspector.pages.currentWidget() is form
    stack = window.undo_stack()
    before = stack.count()
    type_into(qtbot, form.fields.fields["title"].widget, "Sees the billboard")
    assert document.map.touchpoint(tp.id).title == "Sees the billboard"
    assert stack.count() == before + 1
    assert window.actions.undo.text() == "Undo Edit touchpoint (title)"
    map_id = document.map.id
    window.close()
    assert stored_map(sample_copy, map_id).touchpoint(tp.id).title == "Sees the billboard"


def test_typing_does_not_commit_per_keystroke(window, qtbot):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    owner = window.inspector.touchpoint.fields.fields["owner"].widget
    owner.setFocus()
    qtbot.waitUntil(owner.hasFocus)
    before = window.undo_stack().count()
    qtbot.keyClick(owner, Qt.Key.Key_End)
    qtbot.keyClicks(owner, " and Ann")
    assert window.undo_stack().count() == before
    window.canvas.setFocus()  # focus out finishes the edit
    qtbot.waitUntil(lambda: document.map.touchpoint(tp.id).owner.endswith(" and Ann"))
    assert window.undo_stack().count() == before + 1


def test_undo_reverts_an_inspector_edit_and_the_field_follows(window, qtbot, sample_copy):
    document = window.document()
    tp = document.map.touchpoints[1]
    old = tp.title
    window.canvas.select_touchpoints([tp.id])
    title = window.inspector.touchpoint.fields.fields["title"].widget
    type_into(qtbot, title, "Renamed card")
    window.canvas.setFocus()
    window.actions.undo.trigger()
    assert document.map.touchpoint(tp.id).title == old
    assert title.text() == old
    window.actions.redo.trigger()
    assert title.text() == "Renamed card"
    window.actions.undo.trigger()
    map_id = document.map.id
    window.close()
    assert stored_map(sample_copy, map_id).touchpoint(tp.id).title == old


def test_non_numeric_days_are_refused_and_marked(window, qtbot):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    field = window.inspector.touchpoint.fields.fields["days"]
    before = (tp.days, window.undo_stack().count())
    type_into(qtbot, field.widget, "three weeks")
    assert (document.map.touchpoint(tp.id).days, window.undo_stack().count()) == before
    assert field.invalid and field.widget.property("invalid") is True
    assert "must be a number" in window.statusBar().currentMessage()
    type_into(qtbot, field.widget, "2,5")
    assert document.map.touchpoint(tp.id).days == 2.5
    assert not field.invalid


def test_map_fields_show_when_nothing_is_selected_and_commit(window, qtbot):
    window.canvas.select_touchpoints([])
    form = window.inspector.map_form
    assert window.inspector.pages.currentWidget() is form
    type_into(qtbot, form.a3.fields.fields["version"].widget, "2.0")
    assert window.document().map.version == "2.0"


# -- problems ------------------------------------------------------------------------------------
def test_problems_list_a_dead_end_and_clicking_it_selects_the_card(window, qtbot):
    document = window.document()
    tp = pick_card_with_one_exit(document.map)
    assert not analyse(document.map).problems
    with qtbot.waitSignal(window.problems.counts_changed, timeout=2000):
        document.remove_connections([document.map.outgoing(tp.id)[0].id])
    codes = [p.code for p in window.problems.problems]
    assert "dead-end" in codes
    errors = sum(1 for p in window.problems.problems if p.severity == "error")
    assert f"{errors} error" in window.problems_dock.windowTitle()
    row = codes.index("dead-end")
    item = window.problems.list.item(row)
    rect = window.problems.list.visualItemRect(item)
    QTest.mouseClick(window.problems.list.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert window.canvas.selected_touchpoints() == [tp.id]
    assert window.canvas._style.badges.get(tp.id) == "error"



def test_switching_maps_shows_only_the_new_maps_badges(window, qtbot):
    document = window.document()
    tp = pick_card_with_one_exit(document.map)
    with qtbot.waitSignal(window.problems.counts_changed, timeout=2000):
        document.remove_connections([document.map.outgoing(tp.id)[0].id])
    other = next(s for s in window.session.summaries() if s.id != document.map.id)
    window.open_map(other.id)
    new_ids = {t.id for t in window.document().map.touchpoints}
    assert set(window.canvas._style.badges) <= new_ids
    assert window.canvas._style.badges == window.problems.badges()

def test_problems_are_debounced_into_one_run(window, qtbot, monkeypatch):
    runs = []
    original = window.problems.run_now
    monkeypatch.setattr(window.problems, "run_now", lambda: (runs.append(1), original()))
    window.problems.timer.timeout.disconnect()
    window.problems.timer.timeout.connect(window.problems.run_now)
    document = window.document()
    for tp in document.map.touchpoints[:3]:
        document.update("touchpoint", tp.id, owner="Room")
    qtbot.waitUntil(lambda: runs == [1], timeout=2000)


# -- workspace problems ----------------------------------------------------------------------------
@pytest.fixture
def locked_workspace(sample_copy):
    """A workspace whose writer lock is held by another (live) Journeymap process."""
    path = sample_copy
    holder = ("import sys; from journeymap.storage import Workspace; "
              "w = Workspace.open(sys.argv[1]); print('ready', flush=True); sys.stdin.read()")
    other = subprocess.Popen([sys.executable, "-c", holder, str(path)], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert other.stdout.readline().strip() == "ready"
    yield path
    other.kill()
    other.wait()


def test_locked_workspace_shows_the_dialog_not_a_traceback(make_window, dialogs,
                                                          locked_workspace, capfd):
    window = make_window(locked_workspace)
    assert len(dialogs.problems) == 1
    asked = dialogs.problems[0]
    assert "being edited by another Journeymap window" in asked.message
    assert asked.can_read_only
    assert window.session is None
    assert window.pages.currentWidget() is window.empty_page
    assert "Traceback" not in capfd.readouterr().err


def test_locked_workspace_can_be_opened_read_only(make_window, dialogs, locked_workspace):
    dialogs.problem_answer = WorkspaceChoice("readonly", locked_workspace)
    window = make_window(locked_workspace)
    assert window.session.readonly
    assert "read-only" in window.windowTitle()
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    field = window.inspector.touchpoint.fields.fields["owner"]
    field.widget.setText("Someone")
    field.finish()
    assert document.map.touchpoint(tp.id).owner != "Someone"
    assert field.invalid and "read-only" in window.statusBar().currentMessage()


def test_locked_workspace_offers_a_new_one(make_window, dialogs, locked_workspace, tmp_path):
    fresh = tmp_path / "fresh.journeymap"
    dialogs.problem_answer = WorkspaceChoice("new", fresh)
    window = make_window(locked_workspace)
    assert window.session.path == fresh
    assert window.map_list.visible_names() == []
    assert window.pages.currentWidget() is window.empty_page


def test_a_damaged_workspace_is_refused_for_editing_and_opens_read_only_with_a_warning(
        make_window, dialogs, sample_copy):
    data = bytearray(sample_copy.read_bytes())
    data[-4096:] = b"\xff" * 4096  # the last page, as a failing disk leaves it
    sample_copy.write_bytes(bytes(data))
    dialogs.problem_answer = WorkspaceChoice("readonly", sample_copy)
    window = make_window(sample_copy)
    assert "is damaged" in dialogs.problems[0].message
    assert "journeymap restore" in dialogs.problems[0].message
    assert window.session.readonly
    assert [(kind, title) for kind, title, _ in dialogs.messages] == [
        ("warning", "Damaged workspace")]
    assert sample_copy.read_bytes() == bytes(data)


def test_a_file_that_is_no_workspace_is_explained(make_window, dialogs, tmp_path):
    path = tmp_path / "notes.journeymap"
    path.write_text("shopping list")
    make_window(path)
    assert dialogs.problems and str(path) in dialogs.problems[0].message


# -- map list ---------------------------------------------------------------------------------------
def test_map_list_search_filters_by_name(window, qtbot):
    qtbot.keyClicks(window.map_list.search, "onboard")
    assert window.map_list.visible_names() == [
        "Channel partner onboarding", "Customer onboarding", "Employee onboarding"]


def test_rename_from_the_list_is_saved_and_undoable(window, qtbot, sample_copy):
    map_id = window.current_id
    window.map_list.start_rename()
    qtbot.waitUntil(lambda: window.map_list.list.findChild(type(window.map_list.search))
                    is not None)
    editor = window.map_list.list.findChild(type(window.map_list.search))
    editor.selectAll()
    qtbot.keyClicks(editor, "Acquisition 2027")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document().map.name == "Acquisition 2027")
    assert "Acquisition 2027" in window.map_list.visible_names()
    assert stored_map(sample_copy, map_id).name == "Acquisition 2027"
    window.actions.undo.trigger()
    assert window.document().map.name != "Acquisition 2027"
    assert "Acquisition 2027" not in window.map_list.visible_names()


def test_duplicate_opens_a_copy(window):
    original = window.document().map
    copy_id = window.maps.duplicate_map(original.id)
    assert window.current_id == copy_id != original.id
    assert window.document().map.name == f"{original.name} (copy)"
    assert len(window.document().map.touchpoints) == len(original.touchpoints)


def test_delete_then_restore_brings_the_map_back(window, qtbot, sample_copy):
    doomed = window.open_map("Service recovery").map
    count = len(window.map_list.visible_names())
    QTest.mouseClick(window.map_list.delete_button, Qt.MouseButton.LeftButton)
    assert "Service recovery" not in window.map_list.visible_names()
    assert len(window.map_list.visible_names()) == count - 1
    assert window.current_id not in (None, doomed.id)
    assert window.undo_delete_button.isVisible()
    assert window.actions.restore_map.isEnabled()
    window.actions.restore_map.trigger()
    assert "Service recovery" in window.map_list.visible_names()
    assert window.current_id == doomed.id
    assert not window.actions.restore_map.isEnabled()
    restored = stored_map(sample_copy, doomed.id)
    assert [t.title for t in restored.touchpoints] == [t.title for t in doomed.touchpoints]


def test_each_map_keeps_its_own_undo_history(window):
    first = window.document()
    first.set_map_fields(version="9")
    second = window.open_map("Subscription renewal")
    assert not window.actions.undo.isEnabled()
    second.set_map_fields(version="7")
    window.open_map(first.map.id)
    window.actions.undo.trigger()
    assert first.map.version != "9" and second.map.version == "7"


def test_new_map_from_a_template_through_the_dialog(window, dialogs):
    dialogs.new_map = ("Workshop Monday", "upsell")
    window.actions.new_map.trigger()
    assert window.document().map.name == "Workshop Monday"
    assert window.document().map.touchpoints
    dialogs.new_map = ("Empty start", None)
    window.actions.new_map.trigger()
    assert window.document().map.name == "Empty start"
    assert window.document().map.stages and not window.document().map.touchpoints


# -- import and export ------------------------------------------------------------------------------
def test_export_then_import_a_map_file(window, dialogs, tmp_path):
    name = window.document().map.name
    dialogs.save_path = tmp_path / "out.json"
    window.actions.exports["json"].trigger()
    assert dialogs.save_path.exists() and not dialogs.messages
    dialogs.open_path = dialogs.save_path
    window.actions.import_file.trigger()
    assert window.map_list.visible_names().count(name) == 2
    assert window.document().map.name == name


def test_a_broken_import_is_reported_in_one_sentence(window, dialogs, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert window.transfer.import_file(broken) is None
    assert dialogs.messages and dialogs.messages[0][0] == "error"
    assert "broken.json" in dialogs.messages[0][2]


# -- view and facilitation ------------------------------------------------------------------------
def test_presentation_mode_hides_docks_and_esc_leaves(window, qtbot):
    window.actions.presentation.trigger()
    assert window.modes.presenting
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert not any(dock.isVisible() for dock in window.docks)
    assert not window.menuBar().isVisible()
    assert window.canvas._style.presentation
    assert window.facilitation_toolbar.isVisible()  # the room still sees the timer
    QTest.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not window.modes.presenting
    assert not window.windowState() & Qt.WindowState.WindowFullScreen
    assert window.inspector_dock.isVisible() and window.menuBar().isVisible()
    assert not window.canvas._style.presentation


def test_dot_voting_click_gives_a_dot_and_never_drags(window, qtbot, ui):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.facilitation.participant.setEditText("Ann")
    window.facilitation.budget.setValue(3)  # the map's dot budget
    window.actions.voting.trigger()
    assert window.facilitation.voting.isChecked()
    stage_before = (tp.stage, tp.lane)
    ui.click(window.canvas, ui.card_point(window.canvas, tp.id))
    ui.click(window.canvas, ui.card_point(window.canvas, tp.id))
    assert document.map.touchpoint(tp.id).votes == {"Ann": 2}
    ui.click(window.canvas, ui.card_point(window.canvas, tp.id), Qt.KeyboardModifier.ShiftModifier)
    assert document.map.touchpoint(tp.id).votes == {"Ann": 1}
    assert window.facilitation.left.text() == "Ann: 2 of 3 dots left"
    assert window.facilitation.ranking.count() == 1
    ui.drag(window.canvas, ui.card_point(window.canvas, tp.id),
            ui.card_point(window.canvas, document.map.touchpoints[-1].id))
    assert (document.map.touchpoint(tp.id).stage, document.map.touchpoint(tp.id).lane) == \
        stage_before
    window.actions.voting.trigger()
    ui.click(window.canvas, ui.card_point(window.canvas, tp.id))
    assert document.map.touchpoint(tp.id).votes == {"Ann": 2}  # the 2nd click was the drag's
    assert window.canvas.selected_touchpoints() == [tp.id]


def test_hidden_fields_reach_the_canvas(window):
    window.actions.hide["owner"].trigger()
    assert window.facilitation.hide_boxes["owner"].isChecked()
    assert "owner" in window.canvas._style.hidden
    window.facilitation.hide_boxes["owner"].setChecked(False)
    assert "owner" not in window.canvas._style.hidden
    assert not window.actions.hide["owner"].isChecked()


def test_find_bar_selects_matching_cards(window, qtbot):
    window.actions.find.trigger()
    assert window.find_bar.isVisible()
    title = window.document().map.touchpoints[2].title
    qtbot.keyClicks(window.find_bar.edit, title)
    assert window.document().map.touchpoints[2].id in window.canvas.selected_touchpoints()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_window_geometry_and_theme_are_kept(make_window, settings):
    first = make_window()
    first.modes.set_theme("dark")
    assert first.canvas._style.theme.dark
    first.close()
    assert settings.value("window/geometry") is not None
    again = make_window()
    assert again.modes.theme == "dark" and again.actions.themes["dark"].isChecked()
    again.modes.set_theme("light")


def test_toolbar_undo_stays_short_and_tells_what_it_undoes(window):
    window.document().set_map_fields(version="3")
    assert window.actions.toolbar_undo.text() == "Undo"
    assert window.actions.toolbar_undo.isEnabled()
    assert window.actions.toolbar_undo.toolTip().startswith("Undo Edit map (version)")
    window.actions.toolbar_undo.trigger()
    assert window.document().map.version != "3"
    assert window.actions.toolbar_redo.isEnabled()


def test_an_unexpected_error_becomes_a_dialog_and_one_log_line(monkeypatch, tmp_path, capsys):
    import sys

    from ui import app

    shown = []
    monkeypatch.setattr(app, "report_error", lambda message, log_path: shown.append(message))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_exception_hook(tmp_path / "journeymap.log")
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert shown and "ZeroDivisionError" in shown[0] and "nothing before" in shown[0]
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(tmp_path / "journeymap.log") in err


def test_delete_key_in_the_map_list_deletes_the_map(window, qtbot):
    name = window.document().map.name
    window.map_list.list.setFocus()
    qtbot.waitUntil(window.map_list.list.hasFocus)
    qtbot.keyClick(window.map_list.list, Qt.Key.Key_Delete)
    assert name not in window.map_list.visible_names()
    window.undo_delete_button.click()
    assert name in window.map_list.visible_names()


def test_print_and_preview_use_the_sheet_plan_of_the_pdf(window, monkeypatch):
    import ui.printing

    shown = []
    monkeypatch.setattr(ui.printing, "run_dialog", lambda dialog: shown.append(dialog) or False)
    window.actions.print.trigger()
    window.actions.print_preview.trigger()
    assert [type(d).__name__ for d in shown] == ["QPrintDialog", "QPrintPreviewDialog"]


def test_print_uses_the_print_backend_hook_when_given(window, monkeypatch):
    from ui.main_window import MainWindow

    printed = []
    monkeypatch.setattr(MainWindow, "print_backend",
                        staticmethod(lambda win, journey_map: printed.append(journey_map.name)))
    window.actions.print.trigger()
    assert printed == [window.document().map.name]


def test_an_unknown_map_name_is_reported_and_another_shown(make_window, dialogs, qtbot):
    window = make_window(map_name_or_id="Nonexistent journey")
    qtbot.waitUntil(lambda: bool(dialogs.messages))
    kind, _title, text = dialogs.messages[0]
    assert kind == "error" and "Nonexistent journey" in text
    assert window.document() is not None


def test_a_failed_autosave_is_shown_not_raised(window, monkeypatch):
    from journeymap.errors import WorkspaceError

    def broken(m, changes):
        raise WorkspaceError("Could not save the changes to map 'x' in the workspace (disk full).")

    monkeypatch.setattr(window.session.workspace, "save_changes", broken)
    window.document().set_map_fields(version="5")
    assert window.save_state.text() == "Not saved!"
    assert "disk full" in window.statusBar().currentMessage()
    assert window.document().map.version == "5"  # the edit itself stands


def test_after_a_failed_autosave_the_next_save_writes_both_edits(window, monkeypatch):
    from journeymap.errors import WorkspaceError
    from journeymap.storage import Workspace

    workspace = window.session.workspace
    real = workspace.save_changes
    monkeypatch.setattr(workspace, "save_changes", lambda m, changes: (_ for _ in ()).throw(
        WorkspaceError("Could not save (disk full).")))
    document = window.document()
    document.set_map_fields(version="5")
    assert window.save_state.text() == "Not saved!"
    monkeypatch.setattr(workspace, "save_changes", real)
    document.set_map_fields(date="2027-01")
    assert window.save_state.text() == "All changes saved"
    map_id, path = document.map.id, workspace.path
    with Workspace.open(path, readonly=True) as reader:
        stored = reader.load_map(map_id)
    assert (stored.version, stored.date) == ("5", "2027-01")


def test_switching_workspace_releases_the_first(window, tmp_path, sample_copy):
    other = tmp_path / "other.journeymap"
    with Workspace.open(other) as workspace:
        workspace.add_map(build_template("upsell", "Other upsell"))
    assert window.workspace.switch(other)
    assert window.map_list.visible_names() == ["Other upsell"]
    with Workspace.open(sample_copy) as again:  # the lock of the first one is gone
        assert again.list_maps()


def test_run_gui_without_a_display_says_so(monkeypatch, capsys, tmp_path):
    from ui import app

    monkeypatch.setattr(app.sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert app.run_gui(tmp_path / "w.journeymap", None) == 2
    assert capsys.readouterr().err.startswith("journeymap: error: there is no display")
    assert not (tmp_path / "w.journeymap").exists()


def test_compare_panel_follows_the_map_on_screen(window):
    assert window.compare.document is window.document()
    assert window.compare.view is window.canvas
    assert window.compare.workspace is window.session.workspace
    other = window.open_map("Upsell and cross-sell")
    assert window.compare.document is other
    assert window.compare.overlay is None or window.compare.overlay.scene is window.canvas.scene()


def test_new_touchpoint_goes_after_the_selected_card(window, qtbot):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    count = len(document.map.touchpoints)
    window.actions.new_card.trigger()
    assert len(document.map.touchpoints) == count + 1
    cell = document.map.cell(tp.stage, tp.lane)
    assert cell[[t.id for t in cell].index(tp.id) + 1].title == "New touchpoint"
    assert window.canvas.title_editor().is_open()
