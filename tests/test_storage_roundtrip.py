"""Round trips through a real workspace file: whole maps, and Document edits autosaved."""

from __future__ import annotations

import copy
import tempfile
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.document import Document
from journeymap.errors import ValidationError
from journeymap.model import CLASS_OF_KIND, Map
from journeymap.storage import Autosave, Workspace

TEXT = st.text(max_size=12)  # any Unicode, NUL included
NAME = st.text(min_size=1, max_size=10).map(lambda s: "n" + s)
# What the Document accepts (validation.characters): no control characters but tab, and newline only in
# multi-line fields. Storage itself keeps anything (TEXT above), as older workspaces hold it.
DOC_CHARS = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff")
DOC_LINE = st.text(DOC_CHARS | st.just("\t"), max_size=12)
DOC_TEXT = st.text(DOC_CHARS | st.sampled_from("\t\n"), max_size=12)
DOC_NAME = st.text(DOC_CHARS | st.just("\t"), min_size=1, max_size=10).map(lambda s: "n" + s)
FLOAT = st.floats(allow_nan=False)  # NaN is the one value SQLite cannot keep (it is NULL)
INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)

# PostgreSQL's text cannot hold NUL nor a lone surrogate (the Document lets neither in).
SERVER_CHARS = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))
SERVER_TEXT = st.text(SERVER_CHARS, max_size=12)


def by_annotation(text) -> dict:
    """A strategy for every annotation the model uses; a new kind of field fails loudly."""
    return {
        "str": text,
        "float | None": st.none() | FLOAT,
        "int | None": st.none() | INT64,
        "bool": st.booleans(),
        "dict[str, int]": st.dictionaries(text, st.integers(), max_size=3),
        "dict[str, str]": st.dictionaries(text, text, max_size=3),
    }


BY_ANNOTATION = by_annotation(TEXT)
MAP_ID = st.text(min_size=1, max_size=12)


def item_strategy(kind: str, ids, by=BY_ANNOTATION, **fixed):
    cls = CLASS_OF_KIND[kind]
    values = {f.name: by[f.type] for f in fields(cls) if f.name != "id"}
    values.update(fixed)
    return st.builds(cls, id=ids, **values)


@st.composite
def maps(draw, text=TEXT, map_id=MAP_ID) -> Map:
    by = by_annotation(text)

    def items(kind: str, max_size: int, **fixed):
        ids = draw(st.lists(text, unique=True, max_size=max_size))
        return [draw(item_strategy(kind, st.just(item_id), by, **fixed)) for item_id in ids]

    scalars = {f.name: by[f.type] for f in fields(Map) if f.name != "id" and f.type in by}
    m = draw(st.builds(Map, id=map_id, **scalars))
    m.personas = items("persona", 3)
    m.stages = items("stage", 4)
    m.lanes = items("lane", 3)
    m.roles = items("role", 3)
    if m.stages and m.lanes:
        m.touchpoints = items(
            "touchpoint",
            8,
            stage=st.sampled_from([s.id for s in m.stages]),
            lane=st.sampled_from([ln.id for ln in m.lanes]),
        )
    if m.touchpoints:
        ends = st.sampled_from([t.id for t in m.touchpoints])
        m.connections = items("connection", 8, source=ends, target=ends)
    return m


@settings(max_examples=60, deadline=None)
@given(journey=maps())
def test_any_map_round_trips_through_add_and_load(journey):
    original = copy.deepcopy(journey)
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(Path(tmp) / "w.journeymap") as ws:
        stored = ws.add_map(journey)
        assert stored == original
        assert journey == original  # the caller's map is not touched
        assert ws.load_map(stored.id) == original
        # And through a reader, while the writer still has it open.
        with Workspace.open(Path(tmp) / "w.journeymap", readonly=True) as reader:
            assert reader.load_map(stored.id) == original


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(journey=maps(text=SERVER_TEXT, map_id=st.text(SERVER_CHARS, min_size=1, max_size=12)))
def test_any_map_round_trips_through_a_server_workspace(pg_workspace, journey):
    """The same round trip on PostgreSQL: one database, each example a map of its own."""
    with Workspace.open(pg_workspace) as ws:
        stored = ws.add_map(copy.deepcopy(journey))
        expected = copy.deepcopy(journey)
        expected.id = stored.id  # an id used by an earlier example gets a fresh one
        assert stored == expected
        assert ws.load_map(stored.id) == expected
        with Workspace.open(pg_workspace, readonly=True) as reader:
            assert reader.load_map(stored.id) == expected


def test_every_model_field_has_a_column_so_nothing_is_dropped():
    from journeymap.commands import MAP_SCALAR_FIELDS
    from journeymap.storage import schema

    for kind, table in schema.ITEM_TABLES.items():
        assert {f.name for f in fields(CLASS_OF_KIND[kind])} <= set(table.c.keys())
    assert set(MAP_SCALAR_FIELDS) <= set(schema.maps.c.keys())


def test_add_map_with_a_used_id_stores_a_copy_under_a_fresh_id(any_workspace, small_doc):
    with Workspace.open(any_workspace) as ws:
        first = ws.add_map(small_doc.map)
        second = ws.add_map(small_doc.map)
        assert first.id == small_doc.map.id
        assert second.id != first.id and second.id.startswith("map-")
        assert ws.load_map(second.id) == second
        assert small_doc.map.id == first.id  # the argument keeps its id
        assert len(ws.list_maps()) == 2


def test_add_map_refuses_a_map_with_dangling_references_and_writes_nothing(any_workspace,
                                                                          small_doc):
    broken = copy.deepcopy(small_doc.map)
    broken.touchpoints[0].stage = "st-nowhere"
    with Workspace.open(any_workspace) as ws:
        try:
            ws.add_map(broken)
        except ValidationError as error:
            assert "st-nowhere" in str(error)
        else:  # pragma: no cover
            raise AssertionError("expected a ValidationError")
        assert ws.list_maps() == []


# -- autosave: random Document edits -----------------------------------------------------------
def _pick(data, items):
    return data.draw(st.sampled_from(items)) if items else None


def _random_edit(doc: Document, data) -> None:
    m = doc.map
    tp = _pick(data, m.touchpoints)
    action = data.draw(
        st.sampled_from(
            [
                "stage", "lane", "role", "persona", "touchpoint", "retitle", "fields", "move_tp",
                "remove_tp", "connect", "disconnect", "move_header", "remove_header", "raci",
                "vote", "map", "paste", "undo", "redo", "batch",
            ]
        )
    )  # fmt: skip
    cell = (_pick(data, m.stages), _pick(data, m.lanes))
    index = data.draw(st.integers(0, 5))
    if action == "stage":
        doc.add_stage(data.draw(DOC_NAME), index, days=data.draw(st.none() | st.floats(0, 99)))
    elif action == "lane":
        doc.add_lane(data.draw(DOC_NAME), index, capacity=data.draw(st.none() | st.floats(0, 9)))
    elif action == "role" and len(m.roles) < 5:
        name = data.draw(DOC_NAME).strip()  # as the Document stores it
        if all(role.name != name for role in m.roles):  # role names are unique
            doc.add_role(name, index)
    elif action == "persona":
        doc.add_persona(data.draw(DOC_NAME), goals=data.draw(DOC_TEXT))
    elif action == "touchpoint" and all(cell):
        doc.add_touchpoint(cell[0].id, cell[1].id, data.draw(DOC_NAME), index, notes=data.draw(DOC_TEXT))
    elif action == "retitle" and tp:
        doc.update("touchpoint", tp.id, title=data.draw(DOC_NAME))
    elif action == "fields" and tp:
        doc.update(
            "touchpoint",
            tp.id,
            experience=data.draw(st.none() | st.integers(-2, 2)),
            cost=data.draw(st.none() | st.floats(0, 1e9)),
            moment_of_truth=data.draw(st.booleans()),
            evidence=data.draw(st.sampled_from(["assumption", "observed", "measured"])),
        )
    elif action == "move_tp" and tp and all(cell):
        ids = data.draw(st.lists(st.sampled_from([t.id for t in m.touchpoints]), max_size=3))
        doc.move_touchpoints(ids or [tp.id], cell[0].id, cell[1].id, index)
    elif action == "remove_tp" and tp:
        doc.remove_touchpoints([tp.id])
    elif action == "connect" and len(m.touchpoints) > 1:
        source, target = data.draw(st.lists(st.sampled_from(m.touchpoints), min_size=2, max_size=2))
        if not any(c.source == source.id and c.target == target.id for c in m.connections):
            doc.add_connection(source.id, target.id, label=data.draw(DOC_LINE))
    elif action == "disconnect" and m.connections:
        doc.remove_connections([_pick(data, m.connections).id])
    elif action in ("move_header", "remove_header"):
        kind = data.draw(st.sampled_from(["stage", "lane", "role", "persona"]))
        item = _pick(data, m.collection(kind))
        if item and action == "move_header":
            doc.move(kind, item.id, index)
        elif item:
            doc.remove(kind, item.id)
    elif action == "raci" and tp and m.roles:
        doc.set_raci(tp.id, _pick(data, m.roles).id, data.draw(st.sampled_from(["R", "AC", ""])))
    elif action == "vote" and tp:
        doc.vote(tp.id, data.draw(DOC_NAME), data.draw(st.sampled_from([1, 2, -1])))
    elif action == "map":
        doc.set_map_fields(goal=data.draw(DOC_TEXT), mapping={data.draw(DOC_LINE): "x"})
    elif action == "paste" and tp:
        # unique: Document.copy_touchpoints gives a card listed twice one id for both copies
        cards = st.lists(st.sampled_from(m.touchpoints), max_size=3, unique_by=lambda t: t.id)
        doc.copy_touchpoints(data.draw(cards))
    elif action == "undo":
        doc.undo()
    elif action == "redo":
        doc.redo()
    elif action == "batch":
        doc.batch("Several", lambda scratch: [_random_edit(scratch, data) for _ in range(3)])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
@pytest.mark.parametrize("kind", ["file", "server"])
def test_autosaved_document_edits_reload_exactly(small_doc, data, kind, request):
    with tempfile.TemporaryDirectory() as tmp:
        path = (Path(tmp) / "w.journeymap" if kind == "file"
                else request.getfixturevalue("pg_workspace"))
        with Workspace.open(path) as ws:
            for old in ws.list_maps():  # an earlier example's map (the server's database stays)
                ws.delete_map(old.id)
            doc = Autosave(ws, on_failed=pytest.fail).follow(Document(ws.add_map(small_doc.map)))
            for step in range(data.draw(st.integers(1, 30))):
                _random_edit(doc, data)
                if step % 7 == 0:
                    assert ws.load_map(doc.map.id) == doc.map
            assert ws.load_map(doc.map.id) == doc.map
        with Workspace.open(path) as ws:  # what reached the file, not a cache
            assert ws.load_map(doc.map.id) == doc.map
