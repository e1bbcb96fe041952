"""Editing never happens by accident, and typed text is never lost (issue 10, section 2).

- The mouse wheel over a list, number box or slider that does not have focus scrolls the
  panel around it and never changes the value.
- Text saves while you type: about a second after the last key, one undo step per burst, in
  the workspace file (read here by another process, and after a `kill -9`), and at once when
  the selection, the map or the window changes. The status bar says "All changes saved" only
  when that is true.
- A duplicated or pasted card starts without the original's dots.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QTableWidget,
)
from test_window_helpers import *  # noqa: E402, F403 (fixtures)

from journeymap.document import Document  # noqa: E402
from journeymap.errors import WorkspaceError  # noqa: E402
from journeymap.templates import build_template  # noqa: E402
from ui.canvas import clipboard  # noqa: E402
from ui.panels import fields as fields_module  # noqa: E402
from ui.panels.compare import ComparePanel  # noqa: E402
from ui.panels.compare_tables import TouchpointCombo  # noqa: E402
from ui.panels.facilitation import FacilitationPanel  # noqa: E402
from ui.panels.inspector import Inspector  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAVE_WAIT_MS = 10 * fields_module.SAVE_DELAY_MS  # a generous bound for a loaded machine


# -- helpers -------------------------------------------------------------------------------------
def wheel(widget, notches: int = -1) -> None:
    """One turn of the wheel (down for negative notches) over the middle of `widget`."""
    centre = widget.rect().center()
    event = QWheelEvent(QPointF(centre), QPointF(widget.mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def value_of(widget):
    return widget.currentIndex() if isinstance(widget, QComboBox) else widget.value()


def value_widgets(root):
    kinds = (QComboBox, QAbstractSpinBox, QAbstractSlider)
    return [w for kind in kinds for w in root.findChildren(kind)
            if not isinstance(w, QScrollBar) and w.isVisibleTo(root)]


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def text_of(widget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()


def key_target(widget):
    return widget.lineEdit() if isinstance(widget, QComboBox) else widget


def type_burst(qtbot, inspector, widget, text: str, *, replace: bool = False) -> None:
    """Type `text` with real keys at the end of the field, then wait for its save."""
    target = key_target(widget)
    focus(qtbot, target)
    qtbot.keyClick(target, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier
                   if hasattr(target, "toPlainText") else Qt.KeyboardModifier.NoModifier)
    if replace:
        target.selectAll()
    with qtbot.waitSignal(inspector.edit_committed, timeout=SAVE_WAIT_MS):
        qtbot.keyClicks(target, text)


def read_map_in_another_process(workspace: Path, map_id: str, tmp_path: Path) -> dict:
    """The map as the workspace file holds it, exported by the journeymap CLI in a new process."""
    out = tmp_path / f"read-{len(list(tmp_path.glob('read-*')))}.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--workspace", str(workspace), "export", map_id,
         "--format", "json", "-o", str(out)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))["map"]


def stored_touchpoint(data: dict, tp_id: str) -> dict:
    return next(tp for tp in data["touchpoints"] if tp["id"] == tp_id)


@pytest.fixture
def panel_document() -> Document:
    return Document(build_template("renewal"))


@pytest.fixture
def short_inspector(qtbot, panel_document):
    """An inspector much shorter than its forms, so it has to scroll."""
    panel = Inspector()
    qtbot.addWidget(panel)
    panel.resize(420, 320)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.set_document(panel_document)
    return panel


# -- the wheel -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["stage", "lane", "experience", "evidence", "channel"])
def test_wheel_over_an_unfocused_card_field_scrolls_the_inspector_and_edits_nothing(
        short_inspector, panel_document, qtbot, name):
    tp = panel_document.map.touchpoints[0]
    short_inspector.set_selection([tp.id])
    form = short_inspector.touchpoint
    field = form.place.fields.get(name) or form.fields.fields[name]
    short_inspector.ensureWidgetVisible(field.widget)
    focus(qtbot, form.fields.fields["title"].widget)  # the keyboard is elsewhere
    bar = short_inspector.verticalScrollBar()
    bar.setValue(bar.value() - 40)  # room to scroll down
    before = (value_of(field.widget), field.widget.currentText(), panel_document.map.touchpoint(tp.id),
              len(panel_document.undo_stack), bar.value())
    stage, lane = tp.stage, tp.lane

    wheel(field.widget, -1)

    assert value_of(field.widget) == before[0] and field.widget.currentText() == before[1]
    assert len(panel_document.undo_stack) == before[3]
    assert (panel_document.map.touchpoint(tp.id).stage, panel_document.map.touchpoint(tp.id).lane) \
        == (stage, lane)
    assert bar.value() > before[4]  # the inspector scrolled instead
    assert not field.widget.hasFocus()  # and the wheel did not hand it the keyboard


def test_wheel_over_a_focused_stage_box_still_changes_the_stage(short_inspector, panel_document,
                                                                qtbot):
    tp = panel_document.map.touchpoints[0]
    short_inspector.set_selection([tp.id])
    combo = short_inspector.touchpoint.place.fields["stage"].widget
    focus(qtbot, combo)
    index = combo.currentIndex()
    wheel(combo, -1 if index < combo.count() - 1 else 1)
    assert combo.currentIndex() != index
    assert panel_document.map.touchpoint(tp.id).stage == combo.currentData()


def test_wheel_over_the_map_forms_journey_kind_scrolls(short_inspector, panel_document, qtbot):
    combo = short_inspector.map_form.fields.fields["kind"].widget
    bar = short_inspector.verticalScrollBar()
    kind = panel_document.map.kind
    wheel(combo, -1)
    wheel(combo, 1)
    wheel(combo, 1)
    assert panel_document.map.kind == kind and not panel_document.undo_stack
    assert bar.value() == 0  # scrolled down, then back up to the top where it started
    wheel(combo, -1)
    assert bar.value() > 0


@pytest.mark.parametrize("make_panel", [Inspector, FacilitationPanel, ComparePanel],
                         ids=["inspector", "facilitation", "compare"])
def test_no_value_widget_of_a_panel_changes_under_an_unfocused_wheel(qtbot, panel_document,
                                                                     make_panel):
    panel = make_panel()
    qtbot.addWidget(panel)
    panel.resize(420, 500)
    panel.show()
    qtbot.waitExposed(panel)
    if isinstance(panel, ComparePanel):
        panel.set_context(panel_document)
    else:
        panel.set_document(panel_document)
    if isinstance(panel, Inspector):
        panel.set_selection([panel_document.map.touchpoints[0].id])
    widgets = value_widgets(panel)
    assert widgets
    for widget in widgets:
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus, widget.objectName()
        before = value_of(widget)
        for notches in (-1, 1, 1):
            wheel(widget, notches)
        assert value_of(widget) == before, f"{type(widget).__name__} {widget.objectName()}"
    assert not panel_document.undo_stack


def test_wheel_over_a_map_to_box_in_the_unmatched_table_scrolls_the_table(qtbot, panel_document):
    table = QTableWidget(40, 1)
    qtbot.addWidget(table)
    table.resize(300, 200)
    combos = []
    for row in range(40):
        combo = TouchpointCombo(panel_document.map)
        combo.fill()
        combos.append(combo)
        table.setCellWidget(row, 0, combo)
    table.show()
    qtbot.waitExposed(table)
    picked = []
    combos[1].activated.connect(picked.append)
    wheel(combos[1], -1)
    assert combos[1].currentIndex() == 0 and not picked  # nothing mapped by scrolling
    assert table.verticalScrollBar().value() > 0


def test_a_timebox_spin_box_takes_the_wheel_once_clicked(qtbot):
    panel = FacilitationPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    minutes = panel.findChild(QAbstractSpinBox)
    value = minutes.value()
    wheel(minutes, 1)
    assert minutes.value() == value
    qtbot.mouseClick(minutes, Qt.MouseButton.LeftButton)
    assert minutes.hasFocus()
    wheel(minutes, 1)
    assert minutes.value() != value


# -- typing saves while you type -----------------------------------------------------------------
CARD_TEXT_FIELDS = ["title", "owner", "kpi", "channel", "days", "description", "pain_points",
                    "opportunities", "resources", "notes"]


def test_every_card_text_field_saves_a_moment_after_the_last_key(window, qtbot, sample_copy,
                                                                 tmp_path):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    inspector = window.inspector
    expected = {}
    for name in CARD_TEXT_FIELDS:
        widget = inspector.field(name).widget
        typed = "12" if name == "days" else f" typed into {name}"
        before = getattr(document.map.touchpoint(tp.id), name)
        type_burst(qtbot, inspector, widget, typed, replace=name == "days")
        assert key_target(widget).hasFocus()  # saved without leaving the field
        value = getattr(document.map.touchpoint(tp.id), name)
        expected[name] = 12.0 if name == "days" else (before or "") + typed
        assert value == expected[name]
        assert text_of(widget).endswith(typed)  # the text (and cursor) stayed as typed
    assert window.save_state.text() == "All changes saved"
    stored = stored_touchpoint(read_map_in_another_process(sample_copy, document.map.id,
                                                           tmp_path), tp.id)
    assert {name: stored[name] for name in expected} == expected


def test_map_description_and_a3_sections_save_while_typing(window, qtbot, sample_copy, tmp_path):
    document = window.document()
    window.canvas.select_touchpoints([])
    inspector = window.inspector
    form = inspector.map_form
    widgets = {"description": form.fields.fields["description"].widget,
               **{name: f.widget for name, f in form.a3.fields.fields.items()}}
    for name, widget in widgets.items():
        type_burst(qtbot, inspector, widget, f" ({name} typed)")
    stored = read_map_in_another_process(sample_copy, document.map.id, tmp_path)
    for name in widgets:
        assert stored[name] == getattr(document.map, name)
        assert stored[name].endswith(f" ({name} typed)")


def test_nothing_is_saved_per_keystroke_and_the_status_bar_says_so(window, qtbot):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    title = window.inspector.field("title").widget
    focus(qtbot, title)
    steps = window.undo_stack().count()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " now")
    assert document.map.touchpoint(tp.id).title == tp.title  # nothing yet
    assert window.undo_stack().count() == steps
    assert window.save_state.text() == "Unsaved changes…"
    with qtbot.waitSignal(window.inspector.edit_committed, timeout=SAVE_WAIT_MS):
        pass
    assert document.map.touchpoint(tp.id).title.endswith(" now")
    assert window.save_state.text() == "All changes saved"


def test_a_burst_is_one_undo_step_and_undo_brings_the_field_back(window, qtbot):
    document = window.document()
    tp = document.map.touchpoints[1]
    original = tp.title
    window.canvas.select_touchpoints([tp.id])
    title = window.inspector.field("title").widget
    stack = window.undo_stack()
    steps = stack.count()
    type_burst(qtbot, window.inspector, title, " and more words")
    assert stack.count() == steps + 1
    window.canvas.setFocus()
    window.actions.undo.trigger()
    assert document.map.touchpoint(tp.id).title == original
    assert title.text() == original


def test_two_bursts_with_a_pause_between_are_two_undo_steps(window, qtbot):
    document = window.document()
    tp = document.map.touchpoints[1]
    original = tp.title
    window.canvas.select_touchpoints([tp.id])
    notes = window.inspector.field("notes").widget
    stack = window.undo_stack()
    steps = stack.count()
    type_burst(qtbot, window.inspector, notes, "first thought")
    type_burst(qtbot, window.inspector, notes, " second thought")
    assert stack.count() == steps + 2
    assert document.map.touchpoint(tp.id).notes == tp.notes  # same object, now both bursts
    assert document.map.touchpoint(tp.id).notes.endswith("first thought second thought")
    window.canvas.setFocus()
    window.actions.undo.trigger()
    assert notes.toPlainText().endswith("first thought")
    window.actions.undo.trigger()
    assert document.map.touchpoint(tp.id).title == original
    assert "first thought" not in notes.toPlainText()


def test_toolbar_undo_while_typing_undoes_the_typing_first(window, qtbot):
    document = window.document()
    tp = document.map.touchpoints[1]
    window.canvas.select_touchpoints([tp.id])
    owner = window.inspector.field("owner").widget
    type_burst(qtbot, window.inspector, owner, "Ann", replace=True)
    steps = window.undo_stack().count()
    qtbot.keyClicks(owner, " and Bo")  # still waiting for its save
    button = window.main_toolbar.widgetForAction(window.actions.toolbar_undo)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.undo_stack().count() == steps + 1  # the typing became a step, then undone
    assert window.undo_stack().index() == steps
    assert document.map.touchpoint(tp.id).owner == "Ann"
    assert owner.text() == "Ann"


def test_a_space_typed_before_the_pause_is_kept_in_a_required_title(window, qtbot):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    title = window.inspector.field("title").widget
    type_burst(qtbot, window.inspector, title, "Sees ", replace=True)
    assert document.map.touchpoint(tp.id).title == "Sees"  # stored trimmed
    type_burst(qtbot, window.inspector, title, "the billboard")
    assert document.map.touchpoint(tp.id).title == "Sees the billboard"


def test_a_new_channel_can_be_typed_on_after_its_first_save(window, qtbot):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    channel = window.inspector.field("channel").widget
    type_burst(qtbot, window.inspector, channel, "webina", replace=True)
    type_burst(qtbot, window.inspector, channel, "rs")  # the suggestions now hold "webina"
    assert document.map.touchpoint(tp.id).channel == "webinars"


def test_text_typed_is_kept_when_the_selection_changes_before_the_pause(window, qtbot):
    document = window.document()
    first, second = document.map.touchpoints[:2]
    window.canvas.select_touchpoints([first.id])
    owner = window.inspector.field("owner").widget
    focus(qtbot, owner)
    owner.selectAll()
    qtbot.keyClicks(owner, "Ann from sales")
    window.canvas.select_touchpoints([second.id])
    assert document.map.touchpoint(first.id).owner == "Ann from sales"
    assert document.map.touchpoint(second.id).owner == second.owner
    assert window.inspector.field("owner").widget.text() == (second.owner or "")
    assert not window.inspector.unsaved


def test_text_typed_is_kept_when_the_map_changes_before_the_pause(window, qtbot, sample_copy,
                                                                  tmp_path):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    kpi = window.inspector.field("kpi").widget
    focus(qtbot, kpi)
    kpi.selectAll()
    qtbot.keyClicks(kpi, "Share of renewals")
    other = next(s for s in window.session.summaries() if s.id != document.map.id)
    window.open_map(other.id)
    assert window.document() is not document
    stored = stored_touchpoint(read_map_in_another_process(sample_copy, document.map.id,
                                                           tmp_path), tp.id)
    assert stored["kpi"] == "Share of renewals"


def test_text_typed_is_kept_when_the_window_closes_before_the_pause(window, qtbot, sample_copy,
                                                                    tmp_path):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    pains = window.inspector.field("pain_points").widget
    focus(qtbot, pains)
    pains.selectAll()
    qtbot.keyClicks(pains, "Too many forms")
    window.close()
    stored = stored_touchpoint(read_map_in_another_process(sample_copy, document.map.id,
                                                           tmp_path), tp.id)
    assert stored["pain_points"] == "Too many forms"


def test_persona_text_goes_to_the_persona_it_was_typed_for(short_inspector, panel_document,
                                                           qtbot):
    editor = short_inspector.map_form.personas
    if len(panel_document.map.personas) < 2:
        panel_document.add_persona("Second persona")
    first, second = panel_document.map.personas[:2]
    editor.list.setCurrentRow(0)
    goals = editor.fields.fields["goals"].widget
    focus(qtbot, goals)
    goals.selectAll()
    qtbot.keyClicks(goals, "Renew without a call")
    editor.list.setCurrentRow(1)  # e.g. the arrow keys in the list, before the pause
    assert panel_document.map.find("persona", first.id).goals == "Renew without a call"
    assert panel_document.map.find("persona", second.id).goals == second.goals


def open_cell_editor(qtbot, table, row: int, column: int):
    table.setFocus()
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table
                    and table.isAncestorOf(QApplication.focusWidget()))
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    return editor


def test_a_stage_goal_cell_saves_while_typing_and_stays_open(window, qtbot, sample_copy,
                                                               tmp_path):
    document = window.document()
    window.canvas.select_touchpoints([])
    table = window.inspector.map_form.stages.table
    column = [name for name, _header, _kind in window.inspector.map_form.stages.columns].index(
        "goal")
    stage = document.map.stages[0]
    before = stage.goal or ""
    editor = open_cell_editor(qtbot, table, 0, column)
    with qtbot.waitSignal(window.inspector.edit_committed, timeout=SAVE_WAIT_MS):
        qtbot.keyClicks(editor, " soon")
    assert document.map.stages[0].goal == before + " soon"
    assert table.state() == table.State.EditingState  # still typing in the same cell
    with qtbot.waitSignal(window.inspector.edit_committed, timeout=SAVE_WAIT_MS):
        qtbot.keyClicks(editor, " enough")
    assert document.map.stages[0].goal == before + " soon enough"  # the cursor stayed at the end
    stored = read_map_in_another_process(sample_copy, document.map.id, tmp_path)
    assert stored["stages"][0]["goal"] == before + " soon enough"


def test_a_refused_number_stays_in_its_open_cell_and_closing_puts_the_model_back(window, qtbot):
    document = window.document()
    window.canvas.select_touchpoints([])
    stages = window.inspector.map_form.stages
    column = [name for name, _header, _kind in stages.columns].index("days")
    days = document.map.stages[0].days
    messages = []
    window.inspector.status.connect(messages.append)
    editor = open_cell_editor(qtbot, stages.table, 0, column)
    editor.selectAll()
    with qtbot.waitSignal(window.inspector.edit_committed, timeout=SAVE_WAIT_MS):
        qtbot.keyClicks(editor, "two weeks")
    assert document.map.stages[0].days == days
    assert editor.text() == "two weeks" and any("must be a number" in m for m in messages)
    window.canvas.setFocus()  # leave the cell
    qtbot.waitUntil(lambda: stages.table.state() != stages.table.State.EditingState)
    assert stages.table.item(0, column).text() == fields_module.format_number(days)


def test_a_role_name_typed_in_the_raci_grid_is_kept_when_the_window_closes(window, qtbot,
                                                                          sample_copy, tmp_path):
    document = window.document()
    tp = next(t for t in document.map.touchpoints if document.map.roles)
    window.canvas.select_touchpoints([tp.id])
    table = window.inspector.touchpoint.raci.table
    role, name = document.map.roles[0], document.map.roles[0].name
    editor = open_cell_editor(qtbot, table, 0, 0)
    with qtbot.waitSignal(window.inspector.edit_committed, timeout=SAVE_WAIT_MS):
        qtbot.keyClicks(editor, " (lead)")
    assert document.map.roles[0].name == name + " (lead)"
    qtbot.keyClicks(editor, " 2")  # the editor stayed open; this burst waits for its save
    assert window.save_state.text() == "Unsaved changes…"
    window.close()
    stored = read_map_in_another_process(sample_copy, document.map.id, tmp_path)
    assert next(r for r in stored["roles"] if r["id"] == role.id)["name"] == name + " (lead) 2"


# -- the status bar tells the truth --------------------------------------------------------------
def test_a_failed_save_never_says_all_changes_saved(window, qtbot, monkeypatch, sample_copy,
                                                    tmp_path):
    document = window.document()
    tp = document.map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    workspace = window.session.workspace
    real_save = workspace.save_changes

    def failing(*_args, **_kwargs):
        raise WorkspaceError("The disk is full.")

    monkeypatch.setattr(workspace, "save_changes", failing)
    owner = window.inspector.field("owner").widget
    type_burst(qtbot, window.inspector, owner, "Ann", replace=True)
    assert window.save_state.text() == "Not saved!"
    # Other maps saving fine does not make the failed one saved.
    other = next(s for s in window.session.summaries() if s.id != document.map.id)
    monkeypatch.setattr(workspace, "save_changes", real_save)
    window.open_map(other.id)
    window.document().set_map_fields(goal="Elsewhere")
    assert window.save_state.text() == "Not saved!"
    # The next change of the failed map writes both, and only then is everything saved.
    window.open_map(document.map.id)
    window.canvas.select_touchpoints([tp.id])
    type_burst(qtbot, window.inspector, window.inspector.field("kpi").widget, "NPS", replace=True)
    assert window.save_state.text() == "All changes saved"
    stored = stored_touchpoint(read_map_in_another_process(sample_copy, document.map.id,
                                                           tmp_path), tp.id)
    assert (stored["owner"], stored["kpi"]) == ("Ann", "NPS")


def test_refused_text_is_not_called_saved(window, qtbot):
    tp = window.document().map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    days = window.inspector.field("days")
    focus(qtbot, days.widget)
    days.widget.selectAll()
    qtbot.keyClicks(days.widget, "three weeks")
    qtbot.waitUntil(lambda: days.invalid, timeout=SAVE_WAIT_MS)
    assert window.save_state.text() == "Unsaved changes…"
    window.document().vote(tp.id, "Ann")  # another edit saves meanwhile
    assert window.save_state.text() == "Unsaved changes…"
    days.widget.selectAll()
    with qtbot.waitSignal(window.inspector.edit_committed, timeout=SAVE_WAIT_MS):
        qtbot.keyClicks(days.widget, "21")
    assert window.save_state.text() == "All changes saved"


# -- kill -9 once the save has happened loses nothing --------------------------------------------
EDITOR_SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from ui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow(sys.argv[1], settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.show()
    window.activateWindow()
    tp = window.document().map.touchpoints[0]
    window.canvas.select_touchpoints([tp.id])
    notes = window.inspector.field("notes").widget
    notes.setFocus()
    app.processEvents()
    window.inspector.edit_committed.connect(
        lambda name: print("committed", window.document().map.id, tp.id, flush=True))
    QTest.keyClicks(notes, "Typed just before the crash")
    app.exec()
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and select on pipes")
def test_kill_9_after_the_debounced_save_loses_nothing(sample_copy, tmp_path):
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR_SCRIPT, str(sample_copy), str(tmp_path / "settings.ini")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    try:
        # Wait for the editor to report its save (a bound only so a broken editor cannot hang
        # the run; nothing is timed).
        ready, _, _ = select.select([editor.stdout], [], [], 120)
        line = editor.stdout.readline() if ready else ""
        if not line.startswith("committed"):
            editor.kill()
            pytest.fail(f"the editor did not report its save: {editor.communicate()[1]}")
        editor.send_signal(signal.SIGKILL)
        editor.wait(timeout=60)
    finally:
        if editor.poll() is None:
            editor.kill()
    assert editor.returncode == -signal.SIGKILL
    _, map_id, tp_id = line.split()
    stored = stored_touchpoint(read_map_in_another_process(sample_copy, map_id, tmp_path), tp_id)
    assert stored["notes"].endswith("Typed just before the crash")


# -- copies start without dots -------------------------------------------------------------------
@pytest.fixture
def voted(doc):
    doc.vote("tp-b", "Ann", 2)
    doc.vote("tp-b", "Bo")
    return doc


def test_duplicating_a_card_does_not_copy_its_votes(view, voted, qtbot):
    view.select_touchpoints(["tp-b"])
    before = {tp.id for tp in voted.map.touchpoints}
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    (copy_id,) = {tp.id for tp in voted.map.touchpoints} - before
    assert voted.map.touchpoint(copy_id).votes == {}
    assert voted.map.touchpoint("tp-b").votes == {"Ann": 2, "Bo": 1}


def test_copy_and_paste_of_a_card_does_not_copy_its_votes(view, voted, qtbot):
    view.select_touchpoints(["tp-b"])
    before = {tp.id for tp in voted.map.touchpoints}
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    (copy_id,) = {tp.id for tp in voted.map.touchpoints} - before
    assert voted.map.touchpoint(copy_id).votes == {}
    assert voted.map.touchpoint("tp-b").votes == {"Ann": 2, "Bo": 1}


def test_cards_from_another_windows_clipboard_arrive_without_votes(voted):
    text = json.dumps({"format": clipboard.FORMAT, "touchpoints": [
        {"id": "tp-x", "title": "From elsewhere", "votes": {"Ann": 5}}]})
    (pasted,) = clipboard.from_text(text)
    assert pasted.votes == {}
    (copy,) = voted.copy_touchpoints([pasted], "st-reach", "ln-customer")
    assert copy.votes == {}


def test_the_document_copy_never_carries_votes(voted):
    copies = voted.copy_touchpoints([voted.map.touchpoint("tp-b")])
    assert [c.votes for c in copies] == [{}]
    voted.undo()
    voted.redo()
    assert voted.map.touchpoint(copies[0].id).votes == {}
