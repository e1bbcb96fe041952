"""Round trips: map file (any valid map, byte-identical) and workshop sheet (what its columns carry).

What a sheet cannot carry, and so what the sheet round trip does not compare: stage and lane
details, empty stages and lanes, roles no touchpoint uses, everything outside the 17 columns.
Lane order is the order of first appearance in the sheet's rows (display order), which is
the original order unless a lane's first card sits in a later stage than another lane's.
Titles may contain `;` (the writer doubles it in Next/Loops); role names never contain `,`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.io.mapfile import map_from_dict, map_to_json, read_any
from journeymap.io.sheet import read_sheet, write_sheet_csv, write_sheet_xlsx
from journeymap.model import (
    EVIDENCE_LEVELS,
    JOURNEY_KINDS,
    LANE_KINDS,
    Connection,
    Lane,
    Map,
    Persona,
    Role,
    Stage,
    Touchpoint,
    normalise_raci,
)

DATA = Path(__file__).parent / "data" / "io"
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- strategies --------------------------------------------------------------------------------
# Text Journeymap accepts (validation.characters): no control characters but tab, and newline only in
# multi-line fields; format characters and every script welcome.
accepted_chars = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")
line_text = st.text(accepted_chars | st.just("\t"), max_size=24)
any_text = st.text(accepted_chars | st.sampled_from("\t\n"), max_size=24)  # multi-line fields
any_name = line_text.filter(lambda s: s.strip())
amounts = st.none() | st.floats(min_value=0, max_value=36_500)  # within every amount's limit
experiences = st.none() | st.integers(-2, 2)
raci_letters = st.sets(st.sampled_from("RACI"), min_size=1).map(lambda s: normalise_raci("".join(s)))
colors = st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True)


def ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{index}" for index in range(count)]


@st.composite
def json_maps(draw) -> Map:
    """Any map the document could hold: any Unicode text, None or values, loops, RACI, votes."""
    m = Map(
        id=draw(st.text(min_size=1, max_size=12)),
        name=draw(any_name),
        kind=draw(st.sampled_from(JOURNEY_KINDS)),
        description=draw(any_text),
        goal=draw(any_text),
        version=draw(line_text),
        mapping=draw(st.dictionaries(line_text, line_text, max_size=3)),
    )
    m.personas = [
        Persona(pid, draw(any_name), draw(any_text), draw(any_text), draw(any_text))
        for pid in ids("pe", draw(st.integers(0, 2)))
    ]
    m.stages = [
        Stage(sid, draw(any_name), draw(amounts), draw(any_text))
        for sid in ids("st", draw(st.integers(0, 3)))
    ]
    m.lanes = [
        Lane(lid, draw(any_name), draw(colors), draw(st.sampled_from(LANE_KINDS)), draw(amounts))
        for lid in ids("ln", draw(st.integers(0, 3)))
    ]
    m.roles = [Role(rid, draw(any_name)) for rid in ids("ro", draw(st.integers(0, 3)))]
    if m.stages and m.lanes:
        m.touchpoints = [draw(json_touchpoint(tid, m)) for tid in ids("tp", draw(st.integers(0, 6)))]
    tp_ids = [tp.id for tp in m.touchpoints]
    if tp_ids:
        ends = st.sampled_from(tp_ids)
        m.connections = [
            Connection(cid, draw(ends), draw(ends), draw(line_text), draw(amounts), draw(st.booleans()))
            for cid in ids("cn", draw(st.integers(0, 6)))
        ]
    return m


@st.composite
def json_touchpoint(draw, tp_id: str, m: Map) -> Touchpoint:
    role_ids = [role.id for role in m.roles]
    raci = draw(st.dictionaries(st.sampled_from(role_ids), raci_letters)) if role_ids else {}
    return Touchpoint(
        id=tp_id,
        title=draw(any_name),
        stage=draw(st.sampled_from([s.id for s in m.stages])),
        lane=draw(st.sampled_from([lane.id for lane in m.lanes])),
        channel=draw(line_text),
        description=draw(any_text),
        experience=draw(experiences),
        days=draw(amounts),
        volume=draw(amounts),
        cost=draw(amounts),
        evidence=draw(st.sampled_from(EVIDENCE_LEVELS)),
        moment_of_truth=draw(st.booleans()),
        votes=draw(st.dictionaries(any_name, st.integers(0, 20), max_size=3)),
        notes=draw(any_text),
        raci=raci,
    )


# Text a spreadsheet cell can hold (no control characters but tab and newline), with the
# separators and quote characters the sheet format has to cope with mixed in.
cell_chars = st.characters(
    exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
) | st.sampled_from("\n\t;,\"'= <>&")
cell_text = st.text(cell_chars, max_size=16)
cell_line = st.text(cell_chars.filter(lambda c: c != "\n"), max_size=16).map(str.strip)  # trimmed
cell_name = cell_line.filter(bool)
# Amounts as people type them: XLSX numbers keep only 15-16 significant digits.
sheet_amounts = st.none() | st.integers(0, 36_500) | st.integers(0, 36_500_000).map(lambda n: n / 1000)
role_name = cell_name.map(lambda s: s.replace(",", "").strip()).filter(bool)


@st.composite
def sheet_maps(draw) -> Map:
    """Maps whose every sheet-carried field survives: unique titles, days on connections."""
    stage_names = draw(st.lists(cell_name, min_size=1, max_size=3, unique=True))
    lane_names = draw(st.lists(cell_name, min_size=1, max_size=3, unique=True))
    role_names = draw(st.lists(role_name, max_size=4, unique=True))
    titles = draw(st.lists(cell_name, max_size=7, unique=True))
    m = Map(id="map-sheet", name="Sheet")
    m.stages = [Stage(sid, name) for sid, name in zip(ids("st", 3), stage_names, strict=False)]
    m.lanes = [Lane(lid, name) for lid, name in zip(ids("ln", 3), lane_names, strict=False)]
    m.roles = [Role(rid, name) for rid, name in zip(ids("ro", 4), role_names, strict=False)]
    role_ids = [role.id for role in m.roles]
    for tp_id, title in zip(ids("tp", len(titles)), titles, strict=True):
        m.touchpoints.append(
            Touchpoint(
                id=tp_id,
                title=title,
                stage=draw(st.sampled_from([s.id for s in m.stages])),
                lane=draw(st.sampled_from([lane.id for lane in m.lanes])),
                channel=draw(cell_line),
                description=draw(cell_text),
                owner=draw(cell_line),
                kpi=draw(cell_line),
                experience=draw(experiences),
                days=draw(sheet_amounts),
                volume=draw(sheet_amounts),
                cost=draw(sheet_amounts),
                raci=draw(st.dictionaries(st.sampled_from(role_ids), raci_letters))
                if role_ids
                else {},
            )
        )
    by_id = {tp.id: tp for tp in m.touchpoints}
    if by_id:
        pairs = st.tuples(st.sampled_from(list(by_id)), st.sampled_from(list(by_id)))
        for index, (source, target) in enumerate(draw(st.lists(pairs, max_size=8, unique=True))):
            m.connections.append(
                Connection(f"cn-{index}", source, target, days=by_id[source].days,
                           loop=draw(st.booleans()))
            )
    return m


# -- what a sheet carries ---------------------------------------------------------------------
def sheet_view(m: Map, ordered: list[Touchpoint] | None = None) -> dict:
    """Everything the workshop sheet carries, by name and title instead of ids.

    Cards are listed in `ordered` (default: display order); stages and lanes all, in map
    order (the writer adds order rows when first appearances would not give it).
    """
    stages = {s.id: s.name for s in m.stages}
    lanes = {lane.id: lane.name for lane in m.lanes}
    roles = {role.id: role.name for role in m.roles}
    titles = {tp.id: tp.title for tp in m.touchpoints}
    ordered = m.touchpoints_in_display_order() if ordered is None else ordered
    return {
        "stages": [s.name for s in m.stages],
        "lanes": [lane.name for lane in m.lanes],
        "cards": [
            (stages[tp.stage], lanes[tp.lane], tp.title, tp.channel, tp.description,
             tp.experience, tp.owner, tp.days, tp.volume, tp.cost, tp.kpi,
             sorted((roles[r], letters) for r, letters in tp.raci.items()))
            for tp in ordered
        ],
        "connections": Counter(
            (titles[c.source], titles[c.target], c.loop, c.days) for c in m.connections
        ),
        "roles": {roles[r] for tp in m.touchpoints for r in tp.raci},
    }


# -- map file --------------------------------------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(json_maps())
def test_any_valid_map_survives_the_map_file_byte_for_byte(m):
    text = map_to_json(m)
    back = map_from_dict(json.loads(text), "property")
    back.id = m.id  # each import gives the map a fresh workspace id
    assert back == m
    assert map_to_json(back) == text


# -- workshop sheet ------------------------------------------------------------------------------
@SLOW
@given(sheet_maps())
def test_sheet_export_then_import_keeps_what_the_columns_carry(m):
    folder = Path(tempfile.mkdtemp())
    try:
        for name, write in (("map.csv", write_sheet_csv), ("map.xlsx", write_sheet_xlsx)):
            write(m, folder / name)
            back, warnings = read_sheet(folder / name)
            assert warnings == ([] if m.touchpoints else [f"{name} has a header row but no touchpoints."])
            # Imported cards are in row order, which is the original display order.
            expected = sheet_view(m)
            assert sheet_view(back, back.touchpoints) == expected, name
            assert [s.name for s in back.stages] == expected["stages"]
            assert [lane.name for lane in back.lanes] == expected["lanes"]
    finally:
        shutil.rmtree(folder)


def test_sheet_round_trip_keeps_stage_and_lane_order_when_first_appearances_agree(tmp_path):
    m = Map(id="m", name="n")
    m.stages = [Stage("s1", "One"), Stage("s2", "Two")]
    m.lanes = [Lane("l1", "Top"), Lane("l2", "Bottom")]
    m.touchpoints = [
        Touchpoint("b", "B", "s2", "l2"),
        Touchpoint("a", "A", "s1", "l1"),
        Touchpoint("c", "C", "s1", "l2"),
    ]
    write_sheet_csv(m, tmp_path / "s.csv")
    back, _ = read_sheet(tmp_path / "s.csv")
    assert [s.name for s in back.stages] == ["One", "Two"]
    assert [lane.name for lane in back.lanes] == ["Top", "Bottom"]
    assert [tp.title for tp in back.touchpoints] == ["A", "C", "B"]


# -- the awkward hand-written sheet ------------------------------------------------------------------
def test_awkward_csv_imports_every_script_and_quirk():
    m, warnings = read_any(DATA / "awkward.csv")
    assert warnings == [
        'awkward.csv: the column "Workshop note" is not a Journeymap column; '
        "its values were kept in the touchpoint notes."
    ]
    assert [s.name for s in m.stages] == ["Découverte", "Engagement", "Rétention"]
    assert [lane.name for lane in m.lanes] == ["Marketing & Ventes", "Поддержка", "مبيعات"]
    assert [tp.title for tp in m.touchpoints] == [
        "Annonce « été »", "Ιστοσελίδα", "Звонок в поддержку", "مرحبا بالعملاء", "会員登録 🎉",
    ]
    ad, page, call, hello, signup = m.touchpoints
    assert ad.description == 'Ad says "free trial", then "buy"'
    assert (ad.channel, ad.experience, ad.days, ad.volume, ad.cost) == ("Web, social", 1, 2.5, 120, 1500)
    assert ad.notes == "Workshop note: from the café wall"
    assert page.description == "Greek page; two lines:\nΚαλημέρα"
    assert (call.kpi, hello.kpi) == ("<b>R&D</b>", "=SUM(A1:A3)")
    assert signup.description == 'CJK & emoji 👩\u200d💻; quoted "x"'
    assert [role.name for role in m.roles] == ["Marketing", "Sales", "Support", "Web team"]
    titles = {tp.id: tp.title for tp in m.touchpoints}
    loops = [(titles[c.source], titles[c.target]) for c in m.connections if c.loop]
    assert loops == [("Звонок в поддержку", "Ιστοσελίδα")]
    assert len(m.connections) == 5


def test_awkward_csv_then_map_file_round_trip_is_byte_identical(tmp_path):
    m, _ = read_any(DATA / "awkward.csv")
    first = map_to_json(m)
    (tmp_path / "a.json").write_bytes(first.encode("utf-8"))
    again, _ = read_any(tmp_path / "a.json")
    assert map_to_json(again) == first


def test_awkward_csv_survives_csv_and_xlsx_export(tmp_path):
    m, _ = read_any(DATA / "awkward.csv")
    for name, write in (("again.csv", write_sheet_csv), ("again.xlsx", write_sheet_xlsx)):
        write(m, tmp_path / name)
        back, _ = read_sheet(tmp_path / name)
        assert sheet_view(back, back.touchpoints) == sheet_view(m), name


def test_sheet_keeps_lane_order_and_empty_lanes_with_order_rows(tmp_path):
    m = Map(id="m", name="n")
    m.stages = [Stage("s1", "One"), Stage("s2", "Two"), Stage("s3", "Empty stage")]
    m.lanes = [Lane("l1", "Top"), Lane("l2", "Middle"), Lane("l3", "Empty lane")]
    m.touchpoints = [Touchpoint("a", "A", "s1", "l2"), Touchpoint("b", "B", "s2", "l1")]
    path = tmp_path / "order.csv"
    write_sheet_csv(m, path)
    back, warnings = read_sheet(path)
    assert warnings == []
    assert [s.name for s in back.stages] == ["One", "Two", "Empty stage"]
    assert [lane.name for lane in back.lanes] == ["Top", "Middle", "Empty lane"]
    assert [t.title for t in back.touchpoints] == ["A", "B"]
