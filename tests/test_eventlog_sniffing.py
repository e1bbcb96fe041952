"""Reading event logs: the format told by the content; a CSV's encoding and separator."""

from __future__ import annotations

import pytest
from eventlog_files import rows, utc, write

from journeymap.errors import ImportFileError
from journeymap.eventlog import read_log


def test_missing_file_is_an_import_error(tmp_path):
    with pytest.raises(ImportFileError, match="does not exist"):
        read_log(tmp_path / "nope.csv")


def test_binary_garbage_is_not_a_log(tmp_path):
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(ImportFileError, match="garbage.csv"):
        read_log(path)


def test_text_that_is_not_utf8_is_refused(tmp_path):
    path = write(tmp_path, "case,activity,timestamp\n1,Café,2026-03-01\n", encoding="latin-1")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        read_log(path)


def test_utf16_text_is_refused_with_advice(tmp_path):
    path = write(tmp_path, "case\tactivity\ttimestamp\n1\tA\t2026-03-01\n", encoding="utf-16")
    with pytest.raises(ImportFileError, match="UTF-16 text; save it as UTF-8"):
        read_log(path)


def test_semicolons_and_a_bom_are_handled(tmp_path):
    path = write(
        tmp_path,
        "\ufeffcase;activity;timestamp\n1;Sees ad;2026-03-01 09:00\n1;Demo;2026-03-01 10:00\n",
    )
    log, _ = read_log(path)
    assert rows(log)[1] == ("1", "Demo", utc(2026, 3, 1, 10), 3)


def test_a_file_that_looks_like_xlsx_but_is_not_is_refused(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportFileError, match="fake.xlsx"):
        read_log(path)
