"""Text and numbers Journeymap accepts, at every way in, and text as the terminal shows it.

product.md, "Text Journeymap accepts": control characters are refused (but tab, and newline in
multi-line fields; CR and CRLF become newline), format characters are kept, and a refused
character appears as `\\xNN` in every message and everything printed. Every number is finite
and within a range. Ids never repeat. Each refusal is exit 2, one `journeymap: error:` line,
and the workspace byte-for-byte as it was.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from journeymap.document import Document
from journeymap.errors import ValidationError
from journeymap.io.mapfile import map_to_json, read_any
from journeymap.io.sheet import read_sheet
from journeymap.model import Lane, Map, Stage, Touchpoint, new_id
from journeymap.resources import resource_path
from journeymap.storage import Workspace
from journeymap.validation import TEXT_LIMIT
from journeymap.validation.characters import escaped, json_safe, problem
from journeymap.validation.numbers import AMOUNT_MAXIMUM, VOTES_MAXIMUM

HEADER = "Stage,Lane,Touchpoint,Description,Days,Experience,R,Next"


def state(path: Path) -> str:
    """The workspace's bytes (and its write-ahead log's, if any) as one digest."""
    digest = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        digest.update(part.read_bytes() if part.exists() else b"missing")
    return digest.hexdigest()


@pytest.fixture
def cli(run_cli):
    code, _, err = run_cli("new", "Base")
    assert code == 0, err
    return run_cli


def refused(cli, *argv) -> str:
    """Run a command that must be refused; return its one error line."""
    before = state(cli.workspace)
    code, out, err = cli(*argv)
    lines = err.splitlines()
    assert (code, out) == (2, ""), err
    assert len(lines) == 1 and lines[0].startswith("journeymap: error: "), err
    assert "unexpected internal problem" not in err
    assert state(cli.workspace) == before
    return lines[0]


def no_raw_controls(text: str) -> bool:
    return problem(text, multiline=True) is None


def imported(cli, path: Path, *extra) -> Map:
    code, out, err = cli("import", path, *extra)
    assert code == 0, err
    with Workspace.open(cli.workspace, readonly=True) as workspace:
        return workspace.load_map(out.strip())


def sheet(tmp_path: Path, *rows: str, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8", newline="")
    return path


def map_file(tmp_path: Path, edit=None, name: str = "map.json") -> Path:
    """A valid map file (one stage, lane, card and connection), changed by `edit(body)`."""
    m = Map(id="m", name="Journey", stages=[Stage("st-1", "Reach")], lanes=[Lane("ln-1", "Web")])
    m.touchpoints = [Touchpoint("tp-1", "Ad", "st-1", "ln-1"), Touchpoint("tp-2", "Page", "st-1", "ln-1")]
    data = json.loads(map_to_json(m))
    if edit is not None:
        edit(data["map"])
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")  # "\\ud800" stays a JSON escape
    return path


# -- the workshop sheet ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("row", "column", "shown"),
    [
        ("Reach,Web,Ad\x1b]0;pwned\x07,,,,,", "Touchpoint", "\\x1b"),
        ("Reach\x01,Web,Ad,,,,,", "Stage", "\\x01"),
        ("Reach,Web,Ad,Text with a bell\x07,,,,", "Description", "\\x07"),
        ("Reach,Web,Ad,C1 \x9b control,,,,", "Description", "\\x9b"),
        ("Reach,Web,\x1fAd,,,,,", "Touchpoint", "\\x1f"),  # str.strip would drop it silently
        ('Reach,Web,"Two\nlines",,,,,', "Touchpoint", "\\x0a"),
        ("Reach,Web,Ad,,,,Ana\x08,", "R", "\\x08"),
    ],
)
def test_a_sheet_cell_with_a_control_character_is_refused_naming_row_column_and_character(
    cli, tmp_path, row, column, shown
):
    line = refused(cli, "import", sheet(tmp_path, row))
    assert f'sheet.csv, row 2, column "{column}": the text holds' in line
    assert shown in line and no_raw_controls(line)


def test_an_xlsx_cell_with_a_control_character_is_refused(cli, tmp_path):
    book = Workbook()
    book.active.append(["Stage", "Lane", "Touchpoint", "Owner"])
    book.active.append(["Reach", "Web", "Ad", "Ana\x85"])  # NEL: legal XML, but a control
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    line = refused(cli, "import", path)
    assert 'sheet.xlsx, row 2, column "Owner"' in line and "\\x85" in line


def test_a_control_character_in_a_header_or_an_extra_column_is_refused(cli, tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("Stage,Lane,Touchpoint,Note\x1b\nReach,Web,Ad,x\n", encoding="utf-8")
    assert "row 1 (the header), column 4" in refused(cli, "import", path)
    path.write_text("Stage,Lane,Touchpoint,Note\nReach,Web,Ad,x\x07\n", encoding="utf-8")
    assert 'row 2, column "Note"' in refused(cli, "import", path)


def test_sheet_keeps_format_characters_tabs_and_line_breaks_where_they_belong(cli, tmp_path):
    path = sheet(
        tmp_path,
        'Reach,Web,\u0633\u200d\u0644\u200f,"one\r\ntwo\rthree\tfour",,,"Ana,\nBob","Page"',
        "Reach,Web,Page,,,,,",
    )
    m = imported(cli, path)
    first = m.touchpoints[0]
    assert first.title == "\u0633\u200d\u0644\u200f"  # ZWJ and RLM kept
    assert first.description == "one\ntwo\nthree\tfour"  # CR and CRLF became newline
    assert [role.name for role in m.roles] == ["Ana", "Bob"]  # a line break between items
    assert len(m.connections) == 1


@pytest.mark.parametrize(
    ("cell", "column", "fragment"),
    [
        ("9" * 400, "Experience", "is not a whole number from -2 to 2"),
        ("1e400", "Days", "is larger than 36,500"),
        ("9" * 400, "Days", "is larger than 36,500"),
        ("-3", "Days", "is not a number of zero or more"),
        ("36501", "Days", "is larger than 36,500"),
    ],
)
def test_a_sheet_number_out_of_range_is_refused_in_one_sentence(cli, tmp_path, cell, column, fragment):
    days, experience = (cell, "") if column == "Days" else ("", cell)
    line = refused(cli, "import", sheet(tmp_path, f"Reach,Web,Ad,,{days},{experience},,"))
    assert f'row 2, column "{column}"' in line and fragment in line
    assert len(line) < 300  # the 400 digits are not repeated in full


def test_a_file_name_with_a_control_character_needs_a_name(cli, tmp_path):
    path = sheet(tmp_path, "Reach,Web,Ad,,,,,", name="evil\x1b]0;x\x07.csv")
    line = refused(cli, "import", path)
    assert "\\x1b" in line and "--name" in line and no_raw_controls(line)
    assert imported(cli, path, "--name", "Clean").name == "Clean"


# -- the map file -------------------------------------------------------------------------------
def _set(path: list, value):
    def edit(body):
        node = body
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


@pytest.mark.parametrize(
    ("edit", "where", "shown"),
    [
        (_set(["name"], "Evil\x1b]0;pwned\x07"), "at map.name:", "\\x1b"),
        (_set(["touchpoints", 0, "title"], "Ad\ud800"), "at map.touchpoints[0].title:", "\\ud800"),
        (_set(["touchpoints", 0, "title"], "Two\nlines"), "at map.touchpoints[0].title:", "\\x0a"),
        (_set(["touchpoints", 0, "description"], "C1 \x9b"), "description:", "\\x9b"),
        (_set(["touchpoints", 0, "votes"], {"Ana\x1b": 1}), 'votes["Ana\\u001b"]', "\\x1b"),
        (_set(["mapping"], {"Act\x00": "tp-1"}), 'mapping["Act\\u0000"]', "\\x00"),
        (_set(["touchpoints", 1, "id"], "tp-\x07"), "at map.touchpoints[1].id:", "\\x07"),
    ],
)
def test_a_map_file_string_with_a_refused_character_is_refused_at_its_json_path(
    cli, tmp_path, edit, where, shown
):
    line = refused(cli, "import", map_file(tmp_path, edit))
    assert where in line and shown in line and no_raw_controls(line)


def test_a_map_file_keeps_format_characters_and_makes_crlf_a_newline(cli, tmp_path):
    def edit(body):
        body["name"] = "Journey\u200d\u200e"
        body["description"] = "one\r\ntwo\rthree"

    m = imported(cli, map_file(tmp_path, edit))
    assert (m.name, m.description) == ("Journey\u200d\u200e", "one\ntwo\nthree")


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ('"days": 1e400', "at map.stages[0].days:", "too large to hold"),
        ('"days": -1e400', "at map.stages[0].days:", "too large to hold"),
        ('"days": -2', "at map.stages[0].days:", "below the minimum of 0"),
        ('"days": 36501', "at map.stages[0].days:", "above the maximum of 36500"),
        ('"capacity": ' + "9" * 400, "at map.lanes[0].capacity:", "a number of 400 digits"),
    ],
)
def test_a_map_file_number_out_of_range_is_refused_in_one_sentence(
    cli, tmp_path, text, where, fragment
):
    path = map_file(tmp_path)
    field = text.split(":")[0]
    path.write_text(path.read_text().replace(f"{field}: null", text, 1), encoding="utf-8")
    line = refused(cli, "import", path)
    assert where in line and fragment in line and len(line) < 300


def test_a_map_file_with_too_many_votes_is_refused(cli, tmp_path):
    line = refused(cli, "import", map_file(tmp_path, _set(["touchpoints", 0, "votes"], {"Ana": 10**30})))
    assert "votes.Ana" in line and "above the maximum" in line


def test_a_map_file_nested_100000_deep_is_refused(cli, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "nests lists or objects more deeply" in refused(cli, "import", path)
    inner = tmp_path / "inner.json"
    inner.write_text(
        '{"format": "journeymap", "version": 1, "map": {"name": "x", "mapping": '
        + "{\"a\": " * 100_000 + "1" + "}" * 100_000 + "}}",
        encoding="utf-8",
    )
    assert "nests lists or objects more deeply" in refused(cli, "import", inner)


def test_the_schema_states_the_same_limits_as_the_code():
    defs = json.loads(resource_path("journeymap.schema.json").read_text(encoding="utf-8"))["$defs"]
    assert defs["days"]["maximum"] == AMOUNT_MAXIMUM["days"]
    assert defs["cases"]["maximum"] == AMOUNT_MAXIMUM["volume"] == AMOUNT_MAXIMUM["capacity"]
    assert defs["cost"]["maximum"] == AMOUNT_MAXIMUM["cost"]
    votes = defs["touchpoint"]["properties"]["votes"]["additionalProperties"]
    assert votes["maximum"] == VOTES_MAXIMUM
    assert defs["name"]["maxLength"] == defs["text"]["maxLength"] == TEXT_LIMIT


# -- command-line arguments ---------------------------------------------------------------------
def test_a_name_argument_with_a_control_character_is_refused(cli, tmp_path):
    assert "\\x1b" in refused(cli, "new", "Evil\x1b[2J")
    assert "\\x0a" in refused(cli, "rename", "Base", "Two\nlines")
    line = refused(cli, "import", sheet(tmp_path, "Reach,Web,Ad,,,,,"), "--name", "Bell\x07")
    assert "\\x07" in line and no_raw_controls(line)
    assert "\\x07" in refused(cli, "duplicate", "Base", "--name", "Bell\x07")


def test_an_argument_that_is_not_utf8_is_refused_in_one_sentence(cli, tmp_path):
    # Python hands over invalid UTF-8 bytes in argv as lone surrogates (surrogateescape).
    line = refused(cli, "new", "caf\udce9")
    assert "is not valid UTF-8 text" in line and "caf\\xe9" in line  # the byte as given
    assert "is not valid UTF-8" in refused(cli, "check", "caf\udce9")
    log = tmp_path / "log.csv"
    log.write_text("case,activity,timestamp\n1,Ad,2026-01-01\n", encoding="utf-8")
    assert "segment" in refused(cli, "compare", "Base", "--log", log, "--segment", "\udcff")


def test_import_name_keeps_the_name_length_limit(cli, tmp_path):
    line = refused(cli, "import", sheet(tmp_path, "Reach,Web,Ad,,,,,"), "--name", "n" * 20_001)
    assert "cannot be longer than 20000 characters" in line
    line = refused(cli, "import", map_file(tmp_path), "--name", "n" * 20_001)
    assert "cannot be longer than 20000 characters" in line


# -- mapping files ------------------------------------------------------------------------------
@pytest.fixture
def log_file(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("case,activity,timestamp\n1,Ad,2026-01-01\n1,Chat,2026-01-02\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("m.json", "[" * 100_000 + "]" * 100_000, "nests lists or objects too deeply"),
        ("m.json", '{"Chat\\u001b": "Base"}', "\\x1b"),
        ("m.json", '{"Chat": "Ad\\u0007"}', "\\x07"),
        ("m.csv", "activity,touchpoint\nChat\x1b,Ad\n", "row 2, column activity"),
        ("m.csv", 'activity,touchpoint\nChat,"A\nd"\n', "\\x0a"),
    ],
)
def test_a_mapping_file_with_refused_text_or_nesting_is_refused(
    cli, tmp_path, log_file, name, content, fragment
):
    mapping = tmp_path / name
    mapping.write_text(content, encoding="utf-8", newline="")
    line = refused(cli, "compare", "Base", "--log", log_file, "--mapping", mapping)
    assert fragment in line and no_raw_controls(line)


# -- what the terminal shows ---------------------------------------------------------------------
@pytest.fixture
def stored_hostile(run_cli):
    """A workspace holding text from before the rule: a map name and a title with escapes."""
    m = Map(id="map-old", name="Old\x1b]0;pwned\x07 \x9b2J", stages=[Stage("st-1", "Reach")],
            lanes=[Lane("ln-1", "Web")])
    m.touchpoints = [Touchpoint("tp-3f9a1c02", "Ad\x1b[31m\nforged line", "st-1", "ln-1")]
    with Workspace.open(run_cli.workspace, readonly=False) as workspace:
        workspace.add_map(m)
    return run_cli


def test_list_and_check_escape_control_characters_of_stored_text(stored_hostile):
    code, out, err = stored_hostile("list")
    assert code == 0 and no_raw_controls(out) and "\\x9b" not in err
    assert "Old\\x1b]0;pwned\\x07 \\x9b2J" in out and len(out.splitlines()) == 1
    code, out, _ = stored_hostile("check", "map-old")
    assert code == 1 and "Ad\\x1b[31m\\x0aforged line" in out and no_raw_controls(out)
    assert not any(line.startswith("forged line") for line in out.splitlines())


def test_json_outputs_escape_c1_controls_and_stay_the_same_json(stored_hostile):
    code, out, _ = stored_hostile("list", "--json")
    assert code == 0 and no_raw_controls(out.replace("\n", ""))
    assert json.loads(out)[0]["name"] == "Old\x1b]0;pwned\x07 \x9b2J"
    code, out, _ = stored_hostile("check", "map-old", "--json")
    assert code == 1 and no_raw_controls(out.replace("\n", ""))


def test_compare_escapes_activities_from_the_log(stored_hostile, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text('case,activity,timestamp\n1,Bell\x07,2026-01-01\n1,"Two\nlines",2026-01-02\n',
                   encoding="utf-8")
    code, out, err = stored_hostile("compare", "map-old", "--log", log, "--no-save")
    assert code == 0, err
    assert "Bell\\x07" in out and "Two\\x0alines" in out
    assert no_raw_controls(out) and no_raw_controls(err)


def test_an_error_line_quoting_stored_text_escapes_it(stored_hostile, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("case,activity,timestamp\n1,Ad,2026-01-01\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"Chat": "Nowhere"}', encoding="utf-8")
    code, _, err = stored_hostile("compare", "map-old", "--log", log, "--mapping", mapping)
    assert code == 2 and len(err.splitlines()) == 1
    assert "Old\\x1b]0;pwned\\x07 \\x9b2J" in err and no_raw_controls(err)


@given(st.text())
def test_escaped_text_never_holds_a_refused_character_and_accepted_text_is_unchanged(text):
    assert problem(escaped(text)) is None
    assert problem(escaped(text, keep_newlines=True), multiline=True) is None
    if problem(text, multiline=True) is None:
        assert escaped(text, keep_newlines=True) == text


def test_escaping_shows_every_refused_character_and_keeps_format_characters():
    assert escaped("a\x1bb\x00\x7f\x9f\ud800\ufffe") == "a\\x1bb\\x00\\x7f\\x9f\\ud800\\ufffe"
    assert escaped("a\u200d\u200f\tb") == "a\u200d\u200f\tb"
    assert escaped("a\nb") == "a\\x0ab" and escaped("a\nb", keep_newlines=True) == "a\nb"
    assert json.loads(json_safe(json.dumps("\x85\ud800", ensure_ascii=False))) == "\x85\ud800"


# -- the document (what the editor and every other caller use) -----------------------------------
def test_the_document_refuses_control_characters_and_keeps_format_characters(small_doc):
    doc = small_doc
    stage, lane = doc.map.stages[0].id, doc.map.lanes[0].id
    before = map_to_json(doc.map)
    for edit in (
        lambda: doc.add_touchpoint(stage, lane, "Bell\x07"),
        lambda: doc.add_touchpoint(stage, lane, "\x1cHidden"),
        lambda: doc.add_stage("Two\nlines"),
        lambda: doc.set_map_fields(owner="ESC\x1b"),
        lambda: doc.set_map_fields(mapping={"act\x00": "tp"}),
        lambda: doc.update("connection", doc.map.connections[0].id, label="a\x9bb"),
        lambda: doc.vote(doc.map.touchpoints[0].id, "Ana\x1b"),
        lambda: doc.add_role("R\ud800"),
    ):
        with pytest.raises(ValidationError, match=r"\\x|\\u"):
            edit()
    assert map_to_json(doc.map) == before
    tp = doc.add_touchpoint(stage, lane, "\u0645\u200d\u0631\u200f", description="a\r\nb\tc")
    assert (tp.title, tp.description) == ("\u0645\u200d\u0631\u200f", "a\nb\tc")


@pytest.mark.parametrize(
    ("field", "value"),
    [("days", float("inf")), ("days", 36_501), ("volume", 10**400), ("cost", -1.0),
     ("days", float("nan"))],
)
def test_the_document_refuses_numbers_out_of_range(small_doc, field, value):
    tp = small_doc.map.touchpoints[0]
    with pytest.raises(ValidationError):
        small_doc.update("touchpoint", tp.id, **{field: value})
    with pytest.raises(ValidationError):
        small_doc.update("touchpoint", tp.id, votes={"Ana": VOTES_MAXIMUM + 1})


def test_pasting_cards_with_control_characters_is_refused(small_doc):
    card = Touchpoint("clip-0", "From another program\x1b", "", "")
    with pytest.raises(ValidationError, match=r"\\x1b"):
        small_doc.copy_touchpoints([card], small_doc.map.stages[0].id, small_doc.map.lanes[0].id)


# -- ids ----------------------------------------------------------------------------------------
def test_new_ids_have_64_bits_and_skip_ids_in_use():
    assert len(new_id("tp").removeprefix("tp-")) == 16
    taken = {new_id("tp") for _ in range(3)}
    assert new_id("tp", taken) not in taken


def test_ids_stay_unique_even_when_the_random_source_repeats(monkeypatch, tmp_path):
    # Ids are checked against those already handed out, not only trusted to be random.
    values = iter([uuid.UUID(int=(n % 3) << 100) for n in range(1000)])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(values))
    path = sheet(tmp_path, "Reach,Web,Ad,,,,,Page", "Reach,Web,Page,,,,,")
    m, _ = read_sheet(path)
    ids = [item.id for kind in ("stages", "lanes", "touchpoints", "connections")
           for item in getattr(m, kind)]
    assert len(ids) == len(set(ids))
    doc = Document(Map(id="m", name="n"))
    assert doc.add_stage("A").id != doc.add_stage("B").id


def test_a_map_file_with_old_8_character_ids_still_imports_and_keeps_them(cli, tmp_path):
    def edit(body):
        body["stages"][0]["id"] = "st-3f9a1c02"
        for tp in body["touchpoints"]:
            tp["stage"] = "st-3f9a1c02"

    m = imported(cli, map_file(tmp_path, edit))
    assert m.stages[0].id == "st-3f9a1c02"
    code, _, err = cli("check", m.id)
    assert code in (0, 1), err


def test_read_any_names_a_map_after_its_file_and_checks_given_names(tmp_path):
    path = sheet(tmp_path, "Reach,Web,Ad,,,,,")
    assert read_any(path)[0].name == "sheet"
    assert read_any(path, "  Spaced  ")[0].name == "Spaced"
