"""Fuzzing the event-log importers through `journeymap compare`: valid CSV, XES and .xes.gz
logs, mutated (bytes flipped, inserted, deleted, repeated, cut off), are either compared
(exit 0) or refused with one sentence (exit 2) -- never an internal error, never more than
one error line, and the workspace is left exactly as it was."""

from __future__ import annotations

import gzip
import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("journeymap.storage")

SHEET = "Stage,Lane,Touchpoint,Next\nReach,Marketing,Sees ad,Demo\nEngage,Sales,Demo,Renews\n" \
    "Retain,Customer,Renews,\n"

CSV_LOG = (
    b"case,activity,timestamp,channel\n"
    b"c1,Sees ad,2026-03-01T09:00:00Z,web\n"
    b'c1,"Demo, online",2026-03-02 09:00,web\n'
    b"c1,Renews,02/03/2026 10:00,\n"
    b"c2,Sees ad,2026-03-01T10:00:00+01:00,event\n"
    b"c2,Renews,2026-03-05,event\n"
)

XES_LOG = b"""<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
  <trace>
    <string key="concept:name" value="c1"/>
    <event><string key="concept:name" value="Sees ad"/>
      <date key="time:timestamp" value="2026-03-01T09:00:00.000+01:00"/></event>
    <event><string key="concept:name" value="Demo"/>
      <date key="time:timestamp" value="2026-03-02T09:00:00Z"/>
      <list key="tags"><values><string key="t" value="x"/></values></list></event>
  </trace>
  <trace>
    <string key="concept:name" value="c2"/>
    <event><string key="concept:name" value="Renews"/>
      <date key="time:timestamp" value="2026-03-05T09:00:00Z"/></event>
  </trace>
</log>
"""

# Bytes that matter to the parsers: delimiters, quotes, markup, digits, odd encodings.
_TOKENS = [b",", b";", b'"', b"\n", b"\r", b"<", b">", b"/", b"&", b"'", b"=", b"\x00",
           b"\xff", b"\xfe", b"\xef\xbb\xbf", b"\xc3", b"0000", b"9999", b"-", b":", b"T", b"Z",
           b"<!DOCTYPE x>", b"<![CDATA[", b"]]>", b"&lt;", b"<trace>", b"</event>"]

_mutation = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "repeat", "cut"]),
    st.floats(0, 1),
    st.one_of(st.sampled_from(_TOKENS), st.binary(min_size=1, max_size=8)),
)


def mutate(data: bytes, mutations) -> bytes:
    buffer = bytearray(data)
    for kind, where, piece in mutations:
        at = int(where * len(buffer))
        if kind == "flip" and at < len(buffer):
            buffer[at] ^= piece[0] or 1
        elif kind == "insert":
            buffer[at:at] = piece
        elif kind == "delete":
            del buffer[at : at + len(piece)]
        elif kind == "repeat":
            buffer[at:at] = buffer[at : at + 40] * (1 + piece[0] % 4)
        elif kind == "cut":
            del buffer[at:]
    return bytes(buffer)


@pytest.fixture
def cli(run_cli, tmp_path):
    sheet = tmp_path / "journey.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    assert run_cli("import", sheet, "--name", "Journey")[0] == 0
    return run_cli


def assert_clean_outcome(cli, path) -> None:
    before = hashlib.sha256(cli.workspace.read_bytes()).hexdigest()
    code, out, err = cli("compare", "Journey", "--log", path, "--no-save", "--json")
    errors = [line for line in err.splitlines() if line.startswith("journeymap: error:")]
    assert code in (0, 2), err
    assert "internal problem" not in err and "Traceback" not in err, err
    assert all(line.startswith(("journeymap: error:", "journeymap: warning:"))
               for line in err.splitlines()), err
    if code == 2:
        assert len(errors) == 1 and out == "", err
    else:
        assert errors == [] and out.startswith("{")
    assert hashlib.sha256(cli.workspace.read_bytes()).hexdigest() == before


_fuzz = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@_fuzz
@given(mutations=st.lists(_mutation, max_size=6))
def test_mutated_csv_logs_are_compared_or_refused_in_one_sentence(cli, tmp_path, mutations):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(mutate(CSV_LOG, mutations))
    assert_clean_outcome(cli, path)


@_fuzz
@given(mutations=st.lists(_mutation, max_size=6))
def test_mutated_xes_logs_are_compared_or_refused_in_one_sentence(cli, tmp_path, mutations):
    path = tmp_path / "fuzz.xes"
    path.write_bytes(mutate(XES_LOG, mutations))
    assert_clean_outcome(cli, path)


@_fuzz
@given(mutations=st.lists(_mutation, max_size=4), inside=st.booleans())
def test_mutated_gzipped_xes_logs_are_compared_or_refused_in_one_sentence(
    cli, tmp_path, mutations, inside
):
    """Mutations inside the XML (then compressed) or of the compressed stream itself."""
    data = gzip.compress(mutate(XES_LOG, mutations)) if inside else mutate(
        gzip.compress(XES_LOG), mutations)
    path = tmp_path / "fuzz.xes.gz"
    path.write_bytes(data)
    assert_clean_outcome(cli, path)
