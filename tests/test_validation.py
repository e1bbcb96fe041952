"""One set of rules for a valid map: an edit, a sheet import, a map-file import and storing a
map refuse the same things, with the same clause (`journeymap.validation`)."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.document import Document
from journeymap.errors import ImportFileError, JourneymapError, ValidationError
from journeymap.io.mapfile import map_to_dict, read_any
from journeymap.model import EXPERIENCE_RANGE, Map
from journeymap.storage import Workspace
from journeymap.templates import build_template, list_templates
from journeymap.validation import (
    NOT_AN_EXPERIENCE,
    TEXT_LIMIT,
    TOO_LONG,
    missing,
    validate_map,
)
from journeymap.validation.characters import problem

SHEET_HEADER = ["Stage", "Lane", "Touchpoint", "Description", "Experience", "Next"]


def write_sheet(directory: Path, *rows: list) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([SHEET_HEADER, *rows])
    path = directory / "sheet.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def write_map_file(directory: Path, doc: Document, edit) -> Path:
    data = map_to_dict(doc.map)
    edit(data["map"])
    path = directory / "map.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(JourneymapError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


def edit_refusal(doc: Document, **values) -> str:
    before = copy.deepcopy(doc.map)
    message = refusal(doc.update, "touchpoint", doc.map.touchpoints[0].id, **values)
    assert doc.map == before  # refused whole
    return message


# -- the same text rule everywhere ---------------------------------------------------------------
def test_an_over_long_description_is_refused_by_an_edit_a_sheet_and_a_map_file(small_doc, tmp_path):
    long = "x" * (TEXT_LIMIT + 1)
    assert TOO_LONG in edit_refusal(small_doc, description=long)
    sheet = write_sheet(tmp_path, ["Reach", "Web", "Ad", long, "", ""])
    assert TOO_LONG in refusal(read_any, sheet)
    doc_file = write_map_file(tmp_path, small_doc,
                              lambda body: body["touchpoints"][0].update(description=long))
    assert TOO_LONG in refusal(read_any, doc_file)
    # At the limit all three accept it.
    small_doc.update("touchpoint", small_doc.map.touchpoints[0].id, description="y" * TEXT_LIMIT)
    sheet = write_sheet(tmp_path, ["Reach", "Web", "Ad", "y" * TEXT_LIMIT, "", ""])
    assert read_any(sheet)[0].touchpoints[0].description == "y" * TEXT_LIMIT


# NUL is left out: a CSV file holding one is refused whole, as binary.
refused_chars = st.sampled_from(["\x01", "\x07", "\x1b", "\x7f", "\x85", "\ufffe"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.text(alphabet="abc é", max_size=5), char=refused_chars,
       after=st.text(alphabet="xyz", max_size=5))
def test_a_refused_character_gets_the_same_clause_from_an_edit_a_sheet_and_a_map_file(
    small_doc, tmp_path, before, char, after
):
    text = f"{before}{char}{after}"
    clause = problem(text, multiline=True)
    assert clause is not None
    assert clause in edit_refusal(small_doc, description=text)
    assert clause in refusal(read_any, write_sheet(tmp_path, ["Reach", "Web", "Ad", text, "", ""]))
    doc_file = write_map_file(tmp_path, small_doc,
                              lambda body: body["touchpoints"][0].update(description=text))
    assert clause in refusal(read_any, doc_file)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(-10**6, 10**6).filter(lambda n: not -2 <= n <= 2))
def test_an_experience_out_of_range_is_refused_by_an_edit_a_sheet_and_a_map_file(
    small_doc, tmp_path, value
):
    assert NOT_AN_EXPERIENCE in edit_refusal(small_doc, experience=value)
    sheet_line = refusal(read_any, write_sheet(tmp_path, ["Reach", "Web", "Ad", "", value, ""]))
    assert sheet_line.endswith(f'column "Experience": {value} {NOT_AN_EXPERIENCE}.')
    doc_file = write_map_file(tmp_path, small_doc,
                              lambda body: body["touchpoints"][0].update(experience=value))
    low, high = EXPERIENCE_RANGE
    bound = f"maximum of {high}" if value > high else f"minimum of {low}"
    assert refusal(read_any, doc_file).endswith(f"at map.touchpoints[0].experience: {value} is "
                                                f"{'above' if value > high else 'below'} the {bound}.")


# -- the same structure rules everywhere ---------------------------------------------------------
def test_a_dangling_connection_is_refused_by_an_edit_a_map_file_and_the_workspace(
    small_doc, tmp_path
):
    clause = missing("touchpoint", "tp-gone")
    source = small_doc.map.touchpoints[0].id
    assert clause.capitalize() in refusal(small_doc.add_connection, source, "tp-gone")
    doc_file = write_map_file(tmp_path, small_doc,
                              lambda body: body["connections"][0].update(target="tp-gone"))
    assert refusal(read_any, doc_file) == f"map.json, at map.connections[0].target: {clause}."
    broken = copy.deepcopy(small_doc.map)
    broken.connections[0].target = "tp-gone"
    with Workspace.open(tmp_path / "w.journeymap") as ws:
        line = refusal(ws.add_map, broken)
        assert ws.list_maps() == []
    assert line == f"The map 'Small journey', at map.connections[0].target: {clause}."
    # A sheet names touchpoints by title: the same refusal, worded for titles.
    sheet = write_sheet(tmp_path, ["Reach", "Web", "Ad", "", "", "Gone"])
    assert 'there is no touchpoint titled "Gone"' in refusal(read_any, sheet)


def test_a_duplicate_id_is_refused_by_an_edit_a_map_file_and_the_workspace(small_doc, tmp_path):
    used = small_doc.map.touchpoints[0].id
    stage, lane = small_doc.map.stages[0].id, small_doc.map.lanes[0].id
    assert f"id '{used}' already exists" in refusal(small_doc.add_touchpoint, stage, lane, "Twin",
                                                    id=used)
    assert f"id '{stage}' already exists" in refusal(small_doc.add_stage, "Twin", id=stage)
    doc_file = write_map_file(tmp_path, small_doc,
                              lambda body: body["touchpoints"][1].update(id=used))
    clause = f'the id "{used}" is already used by map.touchpoints[0]'
    assert refusal(read_any, doc_file) == f"map.json, at map.touchpoints[1].id: {clause}."
    broken = copy.deepcopy(small_doc.map)
    broken.touchpoints[1].id = used
    with Workspace.open(tmp_path / "w.journeymap") as ws:
        assert refusal(ws.add_map, broken).endswith(f"at map.touchpoints[1].id: {clause}.")


def test_a_raci_that_is_not_letters_is_refused_in_a_sentence(small_doc):
    role = small_doc.map.roles[0].id
    assert edit_refusal(small_doc, raci={role: 5}) == "A RACI must map role ids to letters."


# -- a whole map is held to the rules of an edit -------------------------------------------------
@pytest.mark.parametrize("key", [key for key, _ in list_templates()])
def test_every_template_map_passes_the_rules_of_an_edit(key):
    validate_map(build_template(key))


def test_a_map_the_document_built_passes_and_a_broken_one_names_the_place(small_doc):
    validate_map(small_doc.map)
    broken = copy.deepcopy(small_doc.map)
    broken.lanes[1].color = "blue"
    with pytest.raises(ValidationError) as caught:
        validate_map(broken)
    assert str(caught.value) == (
        "The map 'Small journey', at map.lanes[1].color: A colour must look like #1f77b4, "
        "not 'blue'.")


def test_a_sheet_whose_map_breaks_a_rule_names_the_row(tmp_path, monkeypatch):
    # The cells pass their own checks; the rule the whole map breaks is still named by row.
    from journeymap.validation import whole_map

    real = whole_map.first_problem

    def one_more_rule(m: Map):
        return real(m) or whole_map.MapProblem(("touchpoints", 1, "title"), "the title is taken")

    monkeypatch.setattr(whole_map, "first_problem", one_more_rule)
    sheet = write_sheet(tmp_path, ["Reach", "Web", "Ad", "", "", ""],
                        ["Reach", "Web", "Call", "", "", ""])
    with pytest.raises(ImportFileError, match=r"^sheet\.csv, row 3: the title is taken\.$"):
        read_any(sheet)
