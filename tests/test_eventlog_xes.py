"""Reading event logs: XES traces become cases, plain or gzipped; other XML is refused."""

from __future__ import annotations

import gzip

import pytest
from eventlog_files import DATA, rows, utc, write

from journeymap.errors import ImportFileError
from journeymap.eventlog import read_log


def test_xes_traces_become_cases_with_event_and_trace_attributes():
    log, warnings = read_log(DATA / "onboarding.xes")
    assert rows(log) == [
        ("case-1", "Sees ad", utc(2026, 3, 1, 8), 1),
        ("case-1", "Discovery call", utc(2026, 3, 2, 9), 2),
        ("case-2", "Sees ad", utc(2026, 3, 3, 10, 30, 0, 250000), 3),
    ]
    assert log.frame["case:region"].to_list() == ["North", "North", "South"]
    assert log.frame["org:resource"].to_list() == ["Ann", None, None]
    assert log.frame["cost"].to_list() == [None, "12", None]
    assert "tag" not in log.frame.columns  # nested attributes are left out
    assert warnings and "event 4" in warnings[0] and "no timestamp" in warnings[0]


def test_gzipped_xes_reads_the_same(tmp_path):
    path = tmp_path / "onboarding.xes.gz"
    path.write_bytes(gzip.compress((DATA / "onboarding.xes").read_bytes()))
    plain, _ = read_log(DATA / "onboarding.xes")
    packed, _ = read_log(path)
    assert packed.frame.equals(plain.frame)


def test_broken_xml_is_an_import_error(tmp_path):
    path = write(tmp_path, "<?xml version='1.0'?><log><trace><event>", name="broken.xes")
    with pytest.raises(ImportFileError, match="broken.xes is not well-formed XES"):
        read_log(path)


def test_xml_that_is_not_xes_is_refused(tmp_path):
    path = write(tmp_path, "<?xml version='1.0'?><html><body/></html>", name="page.xml")
    with pytest.raises(ImportFileError, match="root is not <log>"):
        read_log(path)
