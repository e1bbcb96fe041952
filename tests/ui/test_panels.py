"""The window's panels on their own, against a plain Document: inspector fields, RACI grid,
personas, problems, map list, facilitation timer and the new-map dialog."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from journeymap.document import Document  # noqa: E402
from journeymap.storage import MapSummary  # noqa: E402
from journeymap.templates import build_template, list_templates  # noqa: E402
from ui.dialogs import NewMapDialog  # noqa: E402
from ui.panels.countdown import CountdownTimer  # noqa: E402
from ui.panels.fields import InputError, parse_number  # noqa: E402
from ui.panels.inspector import Inspector  # noqa: E402
from ui.panels.map_list import MapListPanel  # noqa: E402
from ui.panels.problems import ProblemsPanel  # noqa: E402


@pytest.fixture
def document() -> Document:
    return Document(build_template("renewal"))


@pytest.fixture
def inspector(qtbot, document):
    panel = Inspector()
    qtbot.addWidget(panel)
    panel.resize(420, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.set_document(document)
    return panel


def commit_text(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def steps(document: Document) -> int:
    return len(document.undo_stack)


# -- fields --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [("", None), ("3", 3.0), ("2.5", 2.5), ("2,5", 2.5),
                                         (" 1 200 ", 1200.0), ("0", 0.0)])
def test_numbers_accept_the_usual_spellings(text, value):
    assert parse_number(text, "Days") == value


@pytest.mark.parametrize("text", ["abc", "-1", "nan", "1,000,5", "inf"])
def test_numbers_refuse_what_is_no_count(text):
    with pytest.raises(InputError, match="Days must be a number"):
        parse_number(text, "Days")


# -- inspector -----------------------------------------------------------------------------------
def test_inspector_shows_the_map_when_nothing_is_selected(inspector, document):
    assert inspector.pages.currentWidget() is inspector.map_form
    assert inspector.map_form.fields.fields["name"].widget.text() == document.map.name
    assert inspector.map_form.a3.fields.fields["goal"].widget.toPlainText() == document.map.goal


def test_every_touchpoint_field_is_shown(inspector, document):
    tp = next(t for t in document.map.touchpoints if t.days and t.kpi)
    inspector.set_selection([tp.id])
    form = inspector.touchpoint
    shown = {name: field.parse() for name, field in form.fields.fields.items()}
    for name, value in shown.items():
        assert value == getattr(tp, name), name
    assert form.place.fields["stage"].parse() == tp.stage
    assert form.place.fields["lane"].parse() == tp.lane


def test_a_multi_line_field_commits_once_on_focus_out(inspector, document, qtbot):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    notes = inspector.touchpoint.fields.fields["notes"].widget
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    before = steps(document)
    qtbot.keyClicks(notes, "Ask about the invoice")
    assert steps(document) == before
    inspector.touchpoint.fields.fields["title"].widget.setFocus()
    qtbot.waitUntil(lambda: steps(document) == before + 1)
    assert document.map.touchpoint(tp.id).notes.endswith("Ask about the invoice")


def test_experience_is_picked_from_a_list(inspector, document):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    combo = inspector.touchpoint.fields.fields["experience"].widget
    combo.setCurrentIndex(combo.findData(-2))
    combo.activated.emit(combo.currentIndex())
    assert document.map.touchpoint(tp.id).experience == -2
    combo.setCurrentIndex(combo.findData(None))
    combo.activated.emit(combo.currentIndex())
    assert document.map.touchpoint(tp.id).experience is None


def test_channel_takes_free_text_and_suggests_the_usual(inspector, document, qtbot):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    combo = inspector.touchpoint.fields.fields["channel"].widget
    assert combo.findText("email") >= 0
    commit_text(qtbot, combo.lineEdit(), "carrier pigeon")
    assert document.map.touchpoint(tp.id).channel == "carrier pigeon"
    assert combo.findText("carrier pigeon") >= 0  # now one of the map's channels


def test_an_empty_title_is_refused_and_the_model_kept(inspector, document, qtbot):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    messages = []
    inspector.status.connect(messages.append)
    field = inspector.touchpoint.fields.fields["title"]
    commit_text(qtbot, field.widget, "   ")
    assert document.map.touchpoint(tp.id).title == tp.title
    assert field.invalid and messages == ["Title cannot be empty."]


def test_stage_can_be_changed_from_the_inspector(inspector, document):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    combo = inspector.touchpoint.place.fields["stage"].widget
    target = document.map.stages[-1]
    combo.setCurrentIndex(combo.findData(target.id))
    combo.activated.emit(combo.currentIndex())
    assert document.map.touchpoint(tp.id).stage == target.id


def test_inspector_follows_undo_and_outside_edits(inspector, document):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    owner = inspector.touchpoint.fields.fields["owner"].widget
    document.update("touchpoint", tp.id, owner="Finance desk")
    assert owner.text() == "Finance desk"
    document.undo()
    assert owner.text() == tp.owner


def test_text_being_typed_survives_an_unrelated_change(inspector, document, qtbot):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    kpi = inspector.touchpoint.fields.fields["kpi"].widget
    kpi.setFocus()
    qtbot.waitUntil(kpi.hasFocus)
    kpi.selectAll()
    qtbot.keyClicks(kpi, "Half typed")
    document.vote(tp.id, "Ann")  # the room votes meanwhile: the inspector reloads
    assert kpi.text() == "Half typed"


def test_removing_the_selected_card_shows_the_map(inspector, document):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    document.remove_touchpoints([tp.id])
    assert inspector.pages.currentWidget() is inspector.map_form


def test_several_cards_get_one_owner_in_one_step(inspector, document, qtbot):
    ids = [t.id for t in document.map.touchpoints[:3]]
    inspector.set_selection(ids)
    assert inspector.pages.currentWidget() is inspector.multi
    before = steps(document)
    commit_text(qtbot, inspector.multi.fields.fields["owner"].widget, "Renewal desk")
    assert [document.map.touchpoint(i).owner for i in ids] == ["Renewal desk"] * 3
    assert steps(document) == before + 1


def test_votes_are_shown_and_cleared(inspector, document):
    tp = document.map.touchpoints[0]
    document.vote(tp.id, "Ann")
    document.vote(tp.id, "Bo")
    inspector.set_selection([tp.id])
    assert inspector.touchpoint.votes.text() == "2 dots — Ann 1, Bo 1"
    QTest.mouseClick(inspector.touchpoint.clear_votes, Qt.MouseButton.LeftButton)
    assert document.map.touchpoint(tp.id).votes == {}


# -- RACI --------------------------------------------------------------------------------------
def test_raci_tick_is_one_command(inspector, document):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    grid = inspector.touchpoint.raci
    row = next(r for r, role in enumerate(document.map.roles) if role.id not in tp.raci)
    role = document.map.roles[row]
    box = grid.checkbox(row, "C")
    before = steps(document)
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    assert document.map.touchpoint(tp.id).raci[role.id] == "C"
    assert steps(document) == before + 1
    assert grid.checkbox(row, "C").isChecked()


def test_raci_verdict_warns_about_two_accountables(inspector, document):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    grid = inspector.touchpoint.raci
    assert grid.verdict.text().startswith("✓")
    others = [r for r in document.map.roles if "A" not in tp.raci.get(r.id, "")]
    grid.set_letters(others[0].id, "A")
    assert "2 roles are accountable" in grid.verdict.text()


def test_roles_are_added_renamed_and_removed(inspector, document, qtbot):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    grid = inspector.touchpoint.raci
    count = len(document.map.roles)
    commit_text(qtbot, grid.new_role, "Data protection officer")
    assert [r.name for r in document.map.roles][-1] == "Data protection officer"
    assert grid.table.rowCount() == count + 1
    grid.table.item(count, 0).setText("DPO")  # as the item editor does on Return
    assert document.map.roles[-1].name == "DPO"
    grid.table.selectRow(count)
    QTest.mouseClick(grid.remove_button, Qt.MouseButton.LeftButton)
    assert len(document.map.roles) == count


def test_a_duplicate_role_name_is_refused(inspector, document, qtbot):
    tp = document.map.touchpoints[0]
    inspector.set_selection([tp.id])
    grid = inspector.touchpoint.raci
    messages = []
    inspector.status.connect(messages.append)
    commit_text(qtbot, grid.new_role, document.map.roles[0].name)
    assert "already a role" in messages[-1]


# -- personas --------------------------------------------------------------------------------
def test_personas_are_added_edited_and_removed(inspector, document, qtbot):
    editor = inspector.map_form.personas
    count = len(document.map.personas)
    QTest.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert len(document.map.personas) == count + 1
    name = editor.fields.fields["name"].widget
    assert name.hasFocus()
    qtbot.keyClicks(name, "Procurement lead")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert document.map.personas[-1].name == "Procurement lead"
    assert editor.list.currentItem().text() == "Procurement lead"
    QTest.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert len(document.map.personas) == count


# -- problems --------------------------------------------------------------------------------
def test_problems_errors_come_first_with_badges(qtbot, document):
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_document(document)
    assert panel.problems == []
    tp = document.map.touchpoints[0]
    document.update("touchpoint", tp.id, raci={})
    document.add_stage("Someday")
    with qtbot.waitSignal(panel.badges_changed, timeout=2000) as badges:
        pass
    severities = [p.severity for p in panel.problems]
    assert severities == sorted(severities, key=lambda s: s != "error")
    assert "warning" in severities and "error" in severities
    assert badges.args[0][tp.id] == "error"
    activated = []
    panel.problem_activated.connect(activated.append)
    panel.list.itemClicked.emit(panel.list.item(0))
    assert activated == [[tp.id]]


# -- map list --------------------------------------------------------------------------------
def test_map_list_shows_counts_and_emits_choices(qtbot):
    panel = MapListPanel()
    qtbot.addWidget(panel)
    panel.set_maps([MapSummary("m1", "Renewal", 14, ""), MapSummary("m2", "Upsell", 9, "")], "m2")
    assert panel.current_id() == "m2"
    chosen = []
    panel.map_selected.connect(chosen.append)
    panel.list.setCurrentRow(0)
    assert chosen == ["m1"]
    with qtbot.waitSignal(panel.duplicate_requested) as duplicate:
        QTest.mouseClick(panel.duplicate_button, Qt.MouseButton.LeftButton)
    assert duplicate.args == ["m1"]
    panel.update_map("m1", "Renewal 2027", 15)
    assert panel.visible_names() == ["Renewal 2027", "Upsell"]
    panel.search.setText("UPS")
    assert panel.visible_names() == ["Upsell"]


# -- facilitation ----------------------------------------------------------------------------
class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_timer_counts_down_pauses_and_rings(qtbot):
    clock = FakeClock()
    timer = CountdownTimer(clock=clock)
    qtbot.addWidget(timer)
    timer.minutes.setValue(2)
    assert timer.text() == "02:00"
    timer.start()
    clock.now += 30.2
    timer.tick()
    assert timer.display.text() == "01:30"
    timer.pause()
    clock.now += 600
    assert timer.text() == "01:30"
    timer.start()
    clock.now += 90
    with qtbot.waitSignal(timer.finished, timeout=1000):
        timer.tick()
    assert timer.text() == "00:00" and timer.display.property("state") == "done"
    timer.reset()
    assert timer.text() == "02:00" and not timer.running()


# -- dialogs ---------------------------------------------------------------------------------
def test_new_map_dialog_offers_blank_and_every_template(qtbot):
    dialog = NewMapDialog(list_templates())
    qtbot.addWidget(dialog)
    assert dialog.templates.count() == len(list_templates()) + 1
    name, key = dialog.choice()
    assert key == list_templates()[0][0] and name
    dialog.templates.setCurrentRow(0)
    dialog.name.setText("Our own journey")
    assert dialog.choice() == ("Our own journey", None)


# -- stages and lanes ------------------------------------------------------------------------
def test_lane_capacity_and_stage_days_are_edited_in_their_tables(inspector, document):
    lanes = inspector.map_form.lanes
    lane = document.map.lanes[1]
    column = [name for name, _, _ in lanes.columns].index("capacity")
    before = steps(document)
    lanes.table.item(1, column).setText("12,5")  # as the cell editor does when it closes
    assert document.map.lane(lane.id).capacity == 12.5
    assert steps(document) == before + 1
    messages = []
    inspector.status.connect(messages.append)
    stages = inspector.map_form.stages
    stages.table.item(0, 1).setText("soon")
    assert messages and messages[-1].startswith("Days must be a number")
    assert stages.table.item(0, 1).text() == str(int(document.map.stages[0].days))


def test_stages_are_added_moved_and_removed(inspector, document):
    stages = inspector.map_form.stages
    count = len(document.map.stages)
    stages.add()
    assert len(document.map.stages) == count + 1
    new = document.map.stages[-1].id
    stages.table.selectRow(count)
    stages.move_selected(-1)
    assert document.map.stages[-2].id == new
    stages.table.selectRow(count - 1)
    stages.remove_selected()
    assert new not in [s.id for s in document.map.stages]


def test_a_vote_with_nothing_selected_updates_the_summary_not_the_map_tables(
        inspector, document, monkeypatch):
    rebuilt = []
    monkeypatch.setattr(inspector.map_form.stages, "show_map", rebuilt.append)
    tp = document.map.touchpoints[0]
    document.vote(tp.id, "Ann", 1)
    document.add_touchpoint(tp.stage, tp.lane, "One more")
    assert rebuilt == []
    assert f"{len(document.map.touchpoints)} touchpoints" in inspector.map_form.summary.text()
    document.add_stage("Later")
    assert rebuilt == [document]


def test_the_window_shows_voting_on_the_panel_without_a_second_toggle(qtbot):
    from ui.panels.facilitation import FacilitationPanel

    panel = FacilitationPanel()
    qtbot.addWidget(panel)
    toggles = []
    panel.voting_toggled.connect(toggles.append)
    panel.show_voting(True)
    assert panel.voting.isChecked() and panel.voting.text() == "Stop dot voting"
    assert panel.participant_name() == "Room" and toggles == []


def test_a_failing_check_clears_old_problems_instead_of_keeping_them(qtbot, document, monkeypatch):
    from ui.panels import problems as problems_module

    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_document(document)
    document.update("touchpoint", document.map.touchpoints[0].id, raci={})
    panel.run_now()
    assert panel.problems

    def broken(m):
        raise RuntimeError("checker bug")

    monkeypatch.setattr(problems_module, "analyse", broken)
    with qtbot.waitSignal(panel.badges_changed, timeout=2000) as badges:
        panel.run_now()
    assert panel.problems == [] and badges.args[0] == {}
    assert "failed" in panel.summary.text()
