"""Fuzzing the importers through the command line: mutated valid files never break Journeymap.

Each example takes a valid workshop sheet (CSV, XLSX) or map file (JSON) exported from a
template, mutates it (hostile snippets inserted, spans deleted or replaced, lines repeated,
bytes flipped, cells or JSON values swapped for awkward ones), and imports it. Whatever the
file, the import exits 0 or 2, never with an internal error; a refusal is one
`journeymap: error:` line with the workspace byte-for-byte as it was; a success prints one id.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from journeymap.io.mapfile import map_to_json
from journeymap.io.sheet import write_sheet_csv, write_sheet_xlsx
from journeymap.templates import build_template
from journeymap.validation.characters import problem

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Snippets that have broken importers elsewhere: controls, quotes and separators, numbers
# too large or not finite, lone surrogates, deep nesting, byte-order marks, bidi controls.
HOSTILE = st.sampled_from(
    [
        "\x00", "\x07", "\x1b[2J", "\x1b]0;title\x07", "\x7f", "\x85", "\x9b", "\r", "\r\n",
        "\n", "\t", '"', '""', "'", ",", ";", ";;", "=", "+", "-", "@", "\ufeff", "\u200d",
        "\u202e", "\ufffe", "9" * 400, "1e400", "-1e400", "-5", "NaN", "Infinity", "1,5",
        "[" * 200, "{" * 200, "]", "}", ":", "null", "true", '\\ud800', '\\u001b', "\\",
        "Stage", "Touchpoint", "\u0645\u0631\u062d\u0628\u0627", "会員登録 🎉",
    ]
)
SNIPPET = HOSTILE | st.text(max_size=8)


def state(path: Path) -> str:
    digest = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        digest.update(part.read_bytes() if part.exists() else b"missing")
    return digest.hexdigest()


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, bytes]:
    """The valid files each example starts from: a template as CSV, XLSX and JSON."""
    folder = tmp_path_factory.mktemp("originals")
    m = build_template("renewal")
    write_sheet_csv(m, folder / "sheet.csv")
    write_sheet_xlsx(m, folder / "sheet.xlsx")
    return {
        "csv": (folder / "sheet.csv").read_bytes(),
        "xlsx": (folder / "sheet.xlsx").read_bytes(),
        "json": map_to_json(m).encode("utf-8"),
    }


@pytest.fixture
def importer(run_cli, tmp_path):
    """`importer(name, data)`: import the bytes as a file and check the outcome's contract."""
    assert run_cli("new", "Base")[0] == 0

    def check(name: str, data: bytes) -> int:
        path = tmp_path / name
        path.write_bytes(data)
        before = state(run_cli.workspace)
        code, out, err = run_cli("import", path)
        lines = err.splitlines()
        assert code in (0, 2), err
        assert "unexpected internal problem" not in err, err
        assert problem(err, multiline=True) is None, err  # messages escape what they quote
        assert len([line for line in lines if line.startswith("journeymap: error:")]) <= 1
        if code == 2:
            assert out == "" and len(lines) == 1 and lines[0].startswith("journeymap: error: ")
            assert state(run_cli.workspace) == before
        else:
            assert len(out.split()) == 1, out
            assert all(line.startswith("journeymap: ") for line in lines), err
        return code

    return check


# -- mutations of text ----------------------------------------------------------------------------
@st.composite
def text_edits(draw):
    """A short list of edits: (kind, where as a fraction of the length, length, snippet)."""
    edit = st.tuples(
        st.sampled_from(["insert", "delete", "replace", "repeat-line"]),
        st.floats(0, 1),
        st.integers(0, 40),
        SNIPPET,
    )
    return draw(st.lists(edit, min_size=1, max_size=6))


def mutated_text(text: str, edits) -> str:
    for kind, where, length, snippet in edits:
        at = int(where * len(text))
        if kind == "insert":
            text = text[:at] + snippet + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + length:]
        elif kind == "replace":
            text = text[:at] + snippet + text[at + length:]
        else:
            lines = text.split("\n")
            index = min(int(where * len(lines)), len(lines) - 1)
            text = "\n".join([*lines[: index + 1], *lines[index:]])
    return text


def encoded(text: str) -> bytes:
    """UTF-8, lone surrogates included as the invalid bytes they would be on disk."""
    return text.encode("utf-8", errors="surrogatepass")


@st.composite
def byte_flips(draw):
    return draw(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8))


def flipped(data: bytes, flips) -> bytes:
    out = bytearray(data)
    for where, value in flips:
        out[min(int(where * len(out)), len(out) - 1)] = value
    return bytes(out)


# -- the workshop sheet -----------------------------------------------------------------------------
@FUZZ
@given(edits=text_edits())
def test_a_mutated_csv_sheet_is_imported_or_refused_in_one_line(importer, originals, edits):
    importer("sheet.csv", encoded(mutated_text(originals["csv"].decode("utf-8"), edits)))


@FUZZ
@given(cells=st.lists(st.tuples(st.integers(1, 40), st.integers(0, 16), SNIPPET), min_size=1,
                      max_size=6))
def test_a_csv_sheet_with_mutated_cells_is_imported_or_refused_in_one_line(
    importer, originals, cells
):
    # Cell by cell, properly quoted: the mutations reach the rows, not only the CSV syntax.
    rows = list(csv.reader(io.StringIO(originals["csv"].decode("utf-8-sig"), newline="")))
    for row, column, value in cells:
        line = rows[min(row, len(rows) - 1)]
        line[min(column, len(line) - 1)] = value
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    importer("sheet.csv", encoded(out.getvalue()))


# Cell values an XLSX can hold (XML 1.0 has no room for most C0 controls).
xlsx_text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\ufffe\uffff").filter(
        lambda c: c in "\t\n\r" or not ("\x00" <= c < "\x20")
    ),
    max_size=12,
)
xlsx_value = st.one_of(
    st.none(),
    xlsx_text,
    HOSTILE.filter(lambda s: not any("\x00" <= c < "\x20" and c not in "\t\n\r" for c in s)
                   and "\ufffe" not in s),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)),
)


@FUZZ
@given(
    cells=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 20), xlsx_value), min_size=1,
                   max_size=8),
)
def test_an_xlsx_sheet_with_mutated_cells_is_imported_or_refused_in_one_line(
    importer, originals, cells
):
    book = load_workbook(io.BytesIO(originals["xlsx"]))
    sheet = book.worksheets[0]
    for row, column, value in cells:
        sheet.cell(row=row + 1, column=column + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    importer("sheet.xlsx", out.getvalue())


@settings(FUZZ, max_examples=30)
@given(flips=byte_flips())
def test_an_xlsx_sheet_with_flipped_bytes_is_imported_or_refused_in_one_line(
    importer, originals, flips
):
    importer("sheet.xlsx", flipped(originals["xlsx"], flips))


@pytest.mark.parametrize("version", [0x40, 0xFF])
def test_an_xlsx_whose_directory_claims_an_unknown_zip_version_is_refused_in_one_line(
    importer, originals, version
):
    # Found by the byte-flip test above: zipfile raises NotImplementedError for it.
    data = bytearray(originals["xlsx"])
    entry = data.rfind(b"PK\x01\x02")  # the last central-directory entry
    data[entry + 6] = version  # "version needed to extract"
    assert importer("sheet.xlsx", bytes(data)) == 2


@settings(FUZZ, max_examples=20)
@given(rows=st.lists(st.lists(xlsx_value, max_size=6), max_size=6))
def test_an_xlsx_workbook_of_any_cells_is_imported_or_refused_in_one_line(importer, rows):
    book = Workbook()
    book.active.append(["Stage", "Lane", "Touchpoint", "Experience", "Days", "R"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    importer("sheet.xlsx", out.getvalue())


# -- the map file ---------------------------------------------------------------------------------
@FUZZ
@given(edits=text_edits())
def test_a_mutated_map_file_is_imported_or_refused_in_one_line(importer, originals, edits):
    importer("map.json", encoded(mutated_text(originals["json"].decode("utf-8"), edits)))


def similar_value(original):
    """A value of the original's own type, so a swap gets past the schema and into the
    text, number and reference checks."""
    if isinstance(original, bool) or original is None:
        return st.none() | st.booleans()
    if isinstance(original, int | float):
        return st.sampled_from([10**400, -1, 36_501, 10**13]) | st.floats() | st.integers()
    if isinstance(original, str):
        return st.builds(lambda a, b, c: a + b + c, st.just(original), SNIPPET, st.text(max_size=3))
    return st.just(original)


json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**400), 10**400)
    | st.floats()
    | st.text(max_size=8)
    | HOSTILE,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _containers(node, path=()):
    """Every (path, container) in a parsed JSON document."""
    yield path, node
    children = node.items() if isinstance(node, dict) else enumerate(node)
    for key, child in children:
        if isinstance(child, dict | list):
            yield from _containers(child, (*path, key))


@FUZZ
@given(data=st.data())
def test_a_map_file_with_swapped_values_is_imported_or_refused_in_one_line(
    importer, originals, data
):
    document = json.loads(originals["json"])
    places = [(path, node) for path, node in _containers(document) if node]
    for _ in range(data.draw(st.integers(1, 4))):
        _, node = data.draw(st.sampled_from(places))
        key = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        node[key] = data.draw(similar_value(node[key]) | json_value)
    text = json.dumps(document, ensure_ascii=data.draw(st.booleans()))
    importer("map.json", encoded(text))
