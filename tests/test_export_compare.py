"""The planned-vs-actual PDF, read back with pypdf and pdfplumber, for results of the real
`compare` on small logs."""

from __future__ import annotations

import csv
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from journeymap.comparison import compare, from_json_dict, to_json_dict
from journeymap.document import Document
from journeymap.eventlog import read_log
from journeymap.export.compare_sheet.writer import write_compare_pdf as write_sheet
from journeymap.model import Map
from journeymap.templates import build_template
from tests.synthetic_maps import sample_map

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
HAPPY = ["Trade event talk", "Discovery call", "Pilot trial on site", "Proposal and quote",
         "Sign first order", "Delivery and setup", "Welcome call at day 30",
         "Quarterly value review"]
SKIPS_PILOT = ["Trade event talk", "Discovery call", "Proposal and quote", "Sign first order"]
UNMATCHED = ["Peer recommendation", "Webinar signup", "Read practice guides"]


def write_log(path: Path, cases: list[tuple[list[str], str, float]]) -> Path:
    """One row an event: (activities, plan, days between steps) per case."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["case", "activity", "timestamp", "plan"])
        for n, (activities, plan, step) in enumerate(cases):
            start = T0 + timedelta(hours=n)
            for i, activity in enumerate(activities):
                out.writerow([f"c{n}", activity, (start + timedelta(days=i * step)).isoformat(),
                              plan])
    return path


def result_of(m: Map, path: Path, segment: str | None = None) -> dict:
    """The comparison in the contract's JSON form (the tests edit it to make hard cases)."""
    log, _ = read_log(path, attributes=[segment] if segment else [])
    return to_json_dict(compare(m, log, segment=segment))


def write_compare_pdf(m: Map, result: dict, out: Path, *args, **options) -> None:
    """The PDF of a comparison given in its JSON form, read back against its map."""
    write_sheet(m, from_json_dict(result, m), out, *args, **options)


def acquisition_cases() -> list[tuple[list[str], str, float]]:
    return ([(HAPPY, "Pro", 9.0)] * 12 + [(SKIPS_PILOT, "Starter", 2.0)] * 7
            + [(UNMATCHED, "", 1.0)] * 3 + [(HAPPY[:3], "Enterprise", 20.0)] * 4)


def text_of(path: Path) -> str:
    reader = PdfReader(str(path))
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))


def pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


@pytest.fixture(scope="module")
def acquisition(tmp_path_factory) -> tuple[Map, dict, Path]:
    folder = tmp_path_factory.mktemp("acq")
    m = build_template("acquisition")
    result = result_of(m, write_log(folder / "log.csv", acquisition_cases()), "plan")
    out = folder / "report.pdf"
    write_compare_pdf(m, result, out, compared="2026-07-01")
    return m, result, out


# -- the page -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("paper", "portrait", "size"), [
    ("A3", False, (1190.55, 841.89)),
    ("A4", True, (595.28, 841.89)),
    ("A2", False, (1683.78, 1190.55)),
])
def test_page_size_follows_paper_and_orientation(tmp_path, paper, portrait, size):
    m = build_template("acquisition")
    result = result_of(m, write_log(tmp_path / "log.csv", acquisition_cases()))
    out = tmp_path / "r.pdf"
    write_compare_pdf(m, result, out, paper, portrait=portrait)
    for page in PdfReader(str(out)).pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.5)


def test_default_paper_is_a3_landscape(acquisition):
    _, _, out = acquisition
    first = PdfReader(str(out)).pages[0]
    assert (float(first.mediabox.width), float(first.mediabox.height)) == pytest.approx(
        (1190.55, 841.89), abs=0.5)


# -- what it says -------------------------------------------------------------------------------
def test_sheet_names_the_map_log_period_and_comparison_date(acquisition):
    m, _, out = acquisition
    first = PdfReader(str(out)).pages[0].extract_text()
    for expected in (m.name, "log.csv", "2026-03-02", "2026-07-01", "Planned vs actual"):
        assert expected in first


def test_key_figures_are_on_the_sheet(acquisition):
    _, result, out = acquisition
    first = PdfReader(str(out)).pages[0].extract_text()
    cases = result["cases"]
    conforming = f"{100 * result['conforming_cases'] / cases:.0f} %"
    reached = f"{100 * result['reached_goal'] / cases:.0f} %"
    assert f"{conforming}" in first and f"{reached}" in first
    assert f"of {cases}" in first
    assert str(result["variants"]) in first


def test_top_deviations_are_named_with_their_kind(acquisition):
    _, result, out = acquisition
    first = PdfReader(str(out)).pages[0].extract_text()
    top = next(iter(result["deviations"]))
    assert top.replace(" -> ", " → ") in first
    assert result["deviation_kinds"][top] in first
    assert "Discovery call → Proposal and quote" in first  # the skipped pilot


def test_cards_carry_visits_drop_off_and_timing_against_plan(acquisition):
    _, result, out = acquisition
    first = PdfReader(str(out)).pages[0].extract_text()
    # Trade event talk starts 23 cases and is left by each of them
    assert "23 visits" in first
    # four Enterprise cases stop at the pilot, which they reached 20 days apart
    assert "4 end here" in first
    # Discovery call -> Pilot trial: 12 cases 9 days apart and 4 cases 20 days: median 9
    assert "median 9 d / expected 7 d" in first


def test_slow_steps_say_expected_and_took(acquisition):
    _, _, out = acquisition
    first = PdfReader(str(out)).pages[0].extract_text()
    assert "expected 7 d, took 9 d" in first  # Discovery call -> Pilot trial on site
    assert "expected 14 d, took 20 d" not in first  # 9 of 16 cases took 9 days: not slow


def test_unmatched_activities_and_never_visited_touchpoints_are_listed(acquisition):
    _, result, out = acquisition
    text = text_of(out)
    assert "Webinar signup" in text
    for title in result["skipped"]:
        assert title in text
    assert "never visited" in text


def test_document_metadata_has_title_and_subject(acquisition):
    m, _, out = acquisition
    meta = PdfReader(str(out)).metadata
    assert meta.title == f"{m.name} — planned vs actual"
    assert "log.csv" in meta.subject and m.name in meta.subject


# -- segments -----------------------------------------------------------------------------------
def test_segments_get_a_page_of_their_own(acquisition, tmp_path):
    m, result, out = acquisition
    text = text_of(out)
    assert "Segments by plan" in text
    for name in ("Pro", "Starter", "Enterprise", "(none)"):
        assert name in text
    plain = dict(result)
    plain.pop("segments")
    without = tmp_path / "plain.pdf"
    write_compare_pdf(m, plain, without)
    assert "Segments by" not in text_of(without)
    assert pages(without) < pages(out)


def test_many_segments_stay_within_a_few_pages(tmp_path):
    m = build_template("acquisition")
    cases = [(HAPPY if n % 3 else SKIPS_PILOT, f"region {n:02d}", 3.0) for n in range(60)]
    result = result_of(m, write_log(tmp_path / "log.csv", cases), "plan")
    assert len(result["segments"]) == 60
    out = tmp_path / "r.pdf"
    write_compare_pdf(m, result, out)
    text = text_of(out)
    assert "other segments" in text  # the table merges the rest into one row
    assert pages(out) <= 6


# -- hard cases ---------------------------------------------------------------------------------
def test_a_log_matching_no_touchpoint_still_prints(tmp_path):
    m = build_template("acquisition")
    cases = [(["Chatbot", "Email", "Chatbot"], "", 1.0)] * 5
    result = result_of(m, write_log(tmp_path / "log.csv", cases))
    assert result["cases"] == 5 and len(result["skipped"]) == len(m.touchpoints)
    out = tmp_path / "r.pdf"
    write_compare_pdf(m, result, out)
    text = text_of(out)
    assert "Chatbot" in text and "never visited" in text


def test_a_result_without_cases_prints_dashes_not_errors(tmp_path):
    m = build_template("acquisition")
    result = result_of(m, write_log(tmp_path / "log.csv", [(["Chatbot"], "", 1.0)]))
    empty = {**result, "cases": 0, "events": 0, "conforming_cases": 0, "reached_goal": 0,
             "variants": 0, "variant_list": [], "transitions": {}, "deviations": {},
             "deviation_kinds": {}, "drop_off": {}, "unmatched_activities": {},
             "median_days": {}, "p90_days": {}}
    out = tmp_path / "r.pdf"
    write_compare_pdf(m, empty, out)
    assert "No cases in the log." in text_of(out)


def test_a_map_without_connections_prints_every_step_as_a_deviation(tmp_path):
    doc = Document(Map(id="m1", name="Loose cards"))
    stage, lane = doc.add_stage("Only"), doc.add_lane("Customer")
    for title in ("Visit", "Buy"):
        doc.add_touchpoint(stage.id, lane.id, title)
    result = result_of(doc.map, write_log(tmp_path / "log.csv", [(["Visit", "Buy"], "", 1)] * 3))
    assert result["deviations"] == {"Visit -> Buy": 3}
    out = tmp_path / "r.pdf"
    write_compare_pdf(doc.map, result, out)
    assert "Visit → Buy" in text_of(out)


def test_a_map_without_touchpoints_prints(tmp_path):
    m = Map(id="m0", name="Empty")
    result = result_of(m, write_log(tmp_path / "log.csv", [(["A", "B"], "", 1)]))
    out = tmp_path / "r.pdf"
    write_compare_pdf(m, result, out)
    assert "Empty" in text_of(out)


def test_long_and_awkward_texts_are_cut_on_the_sheet_but_whole_in_the_pdf(tmp_path):
    doc = Document(Map(id="m2", name="<b>R&D</b> journey"))
    stage, lane = doc.add_stage("Étape"), doc.add_lane("Kunde")
    long = "A touchpoint title so long that no card could ever hold all of it on two lines"
    a = doc.add_touchpoint(stage.id, lane.id, long)
    b = doc.add_touchpoint(stage.id, lane.id, "中文测试")
    doc.add_connection(a.id, b.id, days=1)
    result = result_of(doc.map, write_log(tmp_path / "log.csv", [([long, "中文测试"], "", 2)] * 4))
    out = tmp_path / "r.pdf"
    write_compare_pdf(doc.map, result, out)
    first = PdfReader(str(out)).pages[0].extract_text()
    assert "…" in first  # cut on the card
    assert long in text_of(out).replace("\n", " ")  # whole under "Figures in full"
    assert "<b>R&D</b> journey" in first and "中文测试" in first


def test_a_map_too_big_to_label_prints_shapes_and_lists_its_touchpoints(tmp_path):
    m = sample_map(stages=10, lanes=5, per_cell=10, roles=4)
    titles = [tp.title for tp in m.touchpoints_in_display_order()]
    result = result_of(m, write_log(tmp_path / "log.csv", [(titles[:6], "", 1)] * 5))
    out = tmp_path / "r.pdf"
    write_compare_pdf(m, result, out)
    text = text_of(out)
    assert "too large to label" in text
    assert titles[0] in text and titles[-1] in text
    _assert_no_small_text(out)


# -- print quality ------------------------------------------------------------------------------
def _fonts(reader: PdfReader):
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            yield font.get_object()


def _embedded(font) -> bool:
    for descendant in font.get("/DescendantFonts") or [font]:
        descriptor = (descendant.get_object().get("/FontDescriptor") or {})
        if descriptor and any(k in descriptor.get_object() for k in
                              ("/FontFile", "/FontFile2", "/FontFile3")):
            return True
    return False


def test_all_fonts_are_embedded_and_none_is_helvetica(acquisition):
    _, _, out = acquisition
    seen = list(_fonts(PdfReader(str(out))))
    assert seen
    for font in seen:
        assert "Helvetica" not in str(font.get("/BaseFont")), font.get("/BaseFont")
        assert _embedded(font), font.get("/BaseFont")
    assert b"Helvetica" not in out.read_bytes()


def _assert_no_small_text(out: Path) -> None:
    with pdfplumber.open(str(out)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            small = [(c["text"], round(c["size"], 2)) for c in page.chars if c["size"] < 5.999]
            assert not small, f"page {number}: {small[:10]}"


@pytest.mark.parametrize(("paper", "portrait"), [("A3", False), ("A4", False), ("A4", True),
                                                 ("A1", False)])
def test_no_text_is_smaller_than_6_pt(tmp_path, paper, portrait):
    m = build_template("acquisition")
    result = result_of(m, write_log(tmp_path / "log.csv", acquisition_cases()), "plan")
    out = tmp_path / "r.pdf"
    write_compare_pdf(m, result, out, paper, portrait=portrait)
    _assert_no_small_text(out)


def test_the_command_line_writes_the_report(tmp_path, capsys, monkeypatch):
    from journeymap.cli import main

    monkeypatch.delenv("JOURNEYMAP_WORKSPACE", raising=False)
    workspace = tmp_path / "w.journeymap"
    assert main(["new", "Demo", "--template", "acquisition", "--workspace", str(workspace)]) == 0
    log = write_log(tmp_path / "log.csv", acquisition_cases())
    out = tmp_path / "report.pdf"
    code = main(["compare", "Demo", "--log", str(log), "--segment", "plan", "-o", str(out),
                 "--workspace", str(workspace)])
    capsys.readouterr()
    assert code == 0
    assert "Segments by plan" in text_of(out)
    assert not list(tmp_path.glob(".*partial"))
