"""The JSON map file: envelope, canonical bytes, schema, and errors that name the JSON path."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from journeymap.errors import ImportFileError
from journeymap.io.mapfile import (
    FORMAT_VERSION,
    map_from_dict,
    map_to_dict,
    map_to_json,
    read_any,
    read_map_file,
    write_map_file,
)
from journeymap.model import (
    Connection,
    Lane,
    Map,
    Persona,
    Role,
    Stage,
    Touchpoint,
)
from journeymap.resources import resource_path


def full_map() -> Map:
    """A map using every field, in an order that is not display order."""
    m = Map(
        id="map-1",
        name="Renewal journey",
        description="From ad to renewal — «café»",
        kind="channel partner",
        owner="Zoë",
        background="b",
        current_condition="c",
        goal="g",
        analysis="a",
        countermeasures="cm",
        plan="p",
        follow_up="f",
        date="2026-03-01",
        version="v2",
        mapping={"Anruf": "tp-2"},
    )
    m.personas = [Persona("pe-1", "Ана", "who", "goals", "frustrations")]
    m.stages = [Stage("st-1", "Reach", days=14.0, goal="aware"), Stage("st-2", "Retain")]
    m.lanes = [
        Lane("ln-1", "Customer", color="#AABBCC", kind="customer", capacity=None),
        Lane("ln-2", "Sales", capacity=120.0),
    ]
    m.roles = [Role("ro-1", "Sales lead"), Role("ro-2", "Ops")]
    m.touchpoints = [
        Touchpoint(
            "tp-2", "Call", "st-2", "ln-2", experience=-2, days=3.0, volume=40.0, cost=0.5,
            evidence="measured", moment_of_truth=True, votes={"Ana": 3, "Bo": 1},
            raci={"ro-2": "RA", "ro-1": "C"}, notes="n", resources="r", kpi="k",
            pain_points="pp", opportunities="op", channel="phone", owner="o", description="d",
        ),
        Touchpoint("tp-1", "مرحبا 🎉", "st-1", "ln-1"),
    ]
    m.connections = [
        Connection("cn-1", "tp-1", "tp-2", label="calls", days=3.0),
        Connection("cn-2", "tp-2", "tp-1", loop=True),
    ]
    return m


def envelope() -> dict:
    return map_to_dict(full_map())


def error_of(data: dict) -> str:
    with pytest.raises(ImportFileError) as info:
        map_from_dict(data, "map.json")
    return str(info.value)


def write_text(tmp_path: Path, text: str | bytes, name: str = "map.json") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# -- writing ----------------------------------------------------------------------------------
def test_envelope_holds_every_map_field_and_the_lists_in_order():
    data = envelope()
    assert list(data) == ["format", "version", "map"]
    assert (data["format"], data["version"]) == ("journeymap", FORMAT_VERSION)
    body = data["map"]
    assert list(body)[:1] == ["name"] and "id" not in body and "mapping" in body
    assert list(body)[-7:] == ["personas", "stages", "lanes", "roles", "touchpoints", "connections",
                              "comments"]
    assert [tp["id"] for tp in body["touchpoints"]] == ["tp-2", "tp-1"]
    call = body["touchpoints"][0]
    assert (call["stage"], call["lane"], call["raci"], call["votes"]) == (
        "st-2", "ln-2", {"ro-1": "C", "ro-2": "RA"}, {"Ana": 3, "Bo": 1}
    )
    assert len(call) == 20  # every Touchpoint field


def test_dicts_are_written_in_a_canonical_order_whatever_their_insertion_order():
    m = full_map()
    m.touchpoints[0].raci = {"ro-2": "RA", "ro-1": "C"}
    m.touchpoints[0].votes = {"Bo": 1, "Ana": 3}
    m.mapping = {"z": "tp-1", "a": "tp-2"}
    body = map_to_dict(m)["map"]
    assert list(body["touchpoints"][0]["raci"]) == ["ro-1", "ro-2"]  # map role order
    assert list(body["touchpoints"][0]["votes"]) == ["Ana", "Bo"]
    assert list(body["mapping"]) == ["a", "z"]


def test_json_text_is_canonical_utf8_with_whole_amounts_as_floats():
    m = full_map()
    m.touchpoints[0].days = 3  # an int slipped in: still written as 3.0
    text = map_to_json(m)
    assert text.endswith("}\n") and text.startswith('{\n  "format": "journeymap",\n')
    assert '"days": 3.0' in text and '"capacity": 120.0' in text
    assert "مرحبا 🎉" in text and "\\u" not in text
    assert "timestamp" not in text and "created" not in text


def test_export_import_export_gives_the_same_bytes(tmp_path):
    first = tmp_path / "a.json"
    write_map_file(full_map(), first)
    again = read_map_file(first)
    assert again.id != full_map().id  # a fresh workspace id for every import
    again.id = full_map().id
    assert again == full_map()
    second = tmp_path / "b.json"
    write_map_file(again, second)
    assert first.read_bytes() == second.read_bytes()


def test_map_from_dict_does_not_share_or_change_the_input():
    data = envelope()
    snapshot = copy.deepcopy(data)
    m = map_from_dict(data)
    m.touchpoints[0].votes["Zed"] = 1
    m.mapping["x"] = "y"
    assert data == snapshot


def test_missing_optional_fields_take_their_defaults():
    data = {
        "format": "journeymap",
        "version": 1,
        "map": {
            "id": "m",
            "name": "Hand made",
            "stages": [{"id": "s", "name": "S"}],
            "lanes": [{"id": "l", "name": "L"}],
            "touchpoints": [{"id": "t", "title": "T", "stage": "s", "lane": "l", "days": 2}],
        },
    }
    m = map_from_dict(data)
    assert m.touchpoints[0].days == 2.0 and isinstance(m.touchpoints[0].days, float)
    assert m.lanes[0].color == "#4e79a7" and m.connections == []


# -- read_any -----------------------------------------------------------------------------------
def test_read_any_keeps_a_map_files_name_unless_one_is_given(tmp_path):
    path = tmp_path / "export.json"
    write_map_file(full_map(), path)
    kept, warnings = read_any(path)
    renamed, _ = read_any(path, "  Copy for client ")
    assert (kept.name, warnings) == ("Renewal journey", [])
    assert renamed.name == "Copy for client"
    assert map_to_json(renamed) == map_to_json(kept).replace(
        '"name": "Renewal journey"', '"name": "Copy for client"', 1
    )


def test_read_any_dispatches_sheets_by_extension(tmp_path):
    path = write_text(tmp_path, "Stage,Lane,Touchpoint\nR,S,A\n", "sheet.CSV")
    m, warnings = read_any(path, "Named")
    assert (m.name, [tp.title for tp in m.touchpoints], warnings) == ("Named", ["A"], [])


@pytest.mark.parametrize("name", ["map.txt", "map.xls", "map"])
def test_read_any_refuses_other_extensions(tmp_path, name):
    path = write_text(tmp_path, "{}", name)
    with pytest.raises(ImportFileError, match="imports .csv and .xlsx workshop sheets"):
        read_any(path)


# -- file-level errors --------------------------------------------------------------------------
def test_truncated_json_says_where_it_is_not_valid(tmp_path):
    text = map_to_json(full_map())
    path = write_text(tmp_path, text[: len(text) // 2])
    with pytest.raises(ImportFileError) as info:
        read_map_file(path)
    message = str(info.value)
    assert message.startswith("map.json is not valid JSON: ")
    assert " at line " in message and ", column " in message and message.endswith(".")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "map.json is empty."),
        (b"  \n", "map.json is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "map.json is a binary file, not a JSON map file."),
        (b'{"a": "caf\xe9"}', "map.json must be UTF-8 text, but it is not."),
        (b'{"a": NaN}', "map.json is not valid JSON: NaN is not a number JSON allows."),
    ],
)
def test_broken_files_are_refused(tmp_path, content, message):
    with pytest.raises(ImportFileError) as info:
        read_map_file(write_text(tmp_path, content))
    assert str(info.value) == message


@pytest.mark.parametrize(
    "data",
    [[], "journeymap", {"map": {}}, {"format": "other", "version": 1, "map": {}}],
)
def test_json_of_the_wrong_format_is_refused(data):
    assert error_of(data) == (
        'map.json is not a Journeymap map file (it lacks "format": "journeymap").'
    )


def test_a_newer_version_is_refused_as_made_by_a_newer_journeymap():
    data = envelope()
    data["version"] = FORMAT_VERSION + 1
    assert error_of(data) == (
        f"map.json was made by a newer Journeymap (map file version {FORMAT_VERSION + 1}); "
        f"this version reads version {FORMAT_VERSION}, so update Journeymap to open it."
    )


@pytest.mark.parametrize("version", [0, "1", None, True])
def test_an_invalid_version_is_refused(version):
    data = envelope()
    data["version"] = version
    assert error_of(data).startswith("map.json has no valid map file version")


# -- schema and references ------------------------------------------------------------------------
def edited(path: str, value) -> dict:
    """The full map's envelope with one value changed (`map.touchpoints.0.experience`)."""
    data = envelope()
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is KeyError:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("map.touchpoints.0.experience", 5, "at map.touchpoints[0].experience: 5 is above the maximum of 2"),
        ("map.touchpoints.1.experience", 1.5, "at map.touchpoints[1].experience: 1.5 is not a whole number or null"),
        ("map.touchpoints.0.days", -1, "at map.touchpoints[0].days: -1 is below the minimum of 0"),
        ("map.touchpoints.0.volume", "many", 'at map.touchpoints[0].volume: "many" is not a number or null'),
        ("map.touchpoints.0.evidence", "guess", 'at map.touchpoints[0].evidence: "guess" is not one of "assumption", "observed", "measured"'),
        ("map.touchpoints.1.title", "  ", "at map.touchpoints[1].title: it must not be empty"),
        ("map.touchpoints.1.title", KeyError, 'at map.touchpoints[1]: the field "title" is missing'),
        ("map.touchpoints.1.colour", "#fff", 'at map.touchpoints[1]: "colour" is not a field Journeymap knows here'),
        ("map.touchpoints.0.raci.ro-1", "",
         'at map.touchpoints[0].raci["ro-1"]: it must not be empty'),
        ("map.touchpoints.0.raci.ro-1", "X", 'at map.touchpoints[0].raci["ro-1"]: "X" is not RACI letters in R, A, C, I order (like "RA")'),
        ("map.touchpoints.0.votes.Ana", -1, 'at map.touchpoints[0].votes.Ana: -1 is below the minimum of 0'),
        ("map.touchpoints.0.moment_of_truth", "yes", 'at map.touchpoints[0].moment_of_truth: "yes" is not true or false'),
        ("map.lanes.0.color", "blue", 'at map.lanes[0].color: "blue" is not a colour like #1f77b4'),
        ("map.lanes.1.kind", "front", 'at map.lanes[1].kind: "front" is not one of'),
        ("map.kind", "partner", 'at map.kind: "partner" is not one of "customer"'),
        ("map.name", "", "at map.name: it must not be empty"),
        ("map.description", "x" * 20_001, "at map.description: the text is longer than 20000 characters"),
        ("map.stages", {}, "at map.stages: {} is not a list"),
        ("map.connections.1.loop", None, "at map.connections[1].loop: null is not true or false"),
        ("map.mapping.Anruf", 7, "at map.mapping.Anruf: 7 is not text"),
        ("map", [], "at map: [] is not an object"),
        ("extra", 1, 'at the top level: "extra" is not a field Journeymap knows here'),
    ],
)
def test_schema_violations_name_the_json_path(path, value, message):
    assert error_of(edited(path, value)).startswith(f"map.json, {message}")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("map.touchpoints.0.stage", "st-9", 'at map.touchpoints[0].stage: there is no stage with id "st-9".'),
        ("map.touchpoints.1.lane", "ln-9", 'at map.touchpoints[1].lane: there is no lane with id "ln-9".'),
        ("map.connections.1.target", "tp-9", 'at map.connections[1].target: there is no touchpoint with id "tp-9".'),
        ("map.touchpoints.1.raci", {"ro-9": "R"}, 'at map.touchpoints[1].raci["ro-9"]: there is no role with id "ro-9".'),
        ("map.touchpoints.1.id", "tp-2", 'at map.touchpoints[1].id: the id "tp-2" is already used by map.touchpoints[0].'),
        ("map.stages.1.id", "st-1", 'at map.stages[1].id: the id "st-1" is already used by map.stages[0].'),
    ],
)
def test_broken_references_and_duplicate_ids_are_refused(path, value, message):
    assert error_of(edited(path, value)) == f"map.json, {message}"


def test_zero_or_two_accountable_roles_are_kept_as_typed():
    data = edited("map.touchpoints.0.raci", {"ro-1": "RA", "ro-2": "A"})
    assert map_from_dict(data).touchpoints[0].roles_with("A") == ["ro-1", "ro-2"]


# -- the schema file ---------------------------------------------------------------------------------
def load_schema() -> dict:
    return json.loads(resource_path("journeymap.schema.json").read_text("utf-8"))


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_describes_every_field_of_every_item():
    schema = load_schema()
    defs = schema["$defs"]
    for name in ("map", "persona", "stage", "lane", "role", "touchpoint", "connection"):
        for field_name, spec in defs[name]["properties"].items():
            assert spec.get("description"), f"{name}.{field_name} has no description"
    data = envelope()["map"]
    assert set(defs["map"]["properties"]) == set(data) | {"id"}  # id accepted, ignored
    for collection, kind in (("touchpoints", "touchpoint"), ("lanes", "lane"), ("stages", "stage"),
                             ("connections", "connection"), ("personas", "persona"), ("roles", "role")):
        assert set(defs[kind]["properties"]) == set(data[collection][0]), kind
