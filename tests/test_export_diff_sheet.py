"""The current -> target sheet of a diff, read back with pypdf: two versions of the renewal
template with every kind of change, a diff of 300 changed cards, and two identical maps."""

from __future__ import annotations

import copy
import io
import unicodedata

import pytest
from pypdf import PdfReader

from journeymap.diff import diff_maps
from journeymap.export.diff_sheet import write_diff_pdf
from journeymap.model import Connection, Map, Touchpoint, new_id
from journeymap.templates import build_template
from tests.synthetic_maps import sample_map

A3_LANDSCAPE = (1190.55, 841.89)
ADDED = "Renew page with a signed link"
REMOVED = "Cancellation request"
MOVED = "Health check for at-risk accounts"
CHANGED = ("Quarterly usage summary", "Renewal call from a named account manager")
RACI = "Payment and auto-renew setup"
REMOVED_LINK = ("Quarterly usage summary", "Renewal reminders at 60, 30 and 7 days")


def old_title(m: Map, tp_id: str) -> str:
    tp = m.touchpoint(tp_id)
    return tp.title if tp else ""


def edited_pair() -> tuple[Map, Map]:
    old = build_template("renewal", "Renewal")
    new = copy.deepcopy(old)
    new.name = "Renewal target"
    tps = {tp.title: tp for tp in new.touchpoints}
    stages = {stage.name: stage for stage in new.stages}
    lanes = {lane.name: lane for lane in new.lanes}
    added = Touchpoint(id=new_id("tp"), title=ADDED, stage=stages["Renew"].id,
                       lane=lanes["Customer"].id, channel="web")
    new.touchpoints.append(added)
    gone = tps[REMOVED].id
    new.touchpoints = [tp for tp in new.touchpoints if tp.id != gone]
    new.connections = [c for c in new.connections if gone not in (c.source, c.target)]
    tps[MOVED].stage = stages["Renewal notice"].id
    tps[CHANGED[0]].channel = "app push"
    tps[CHANGED[1]].description = "Called by the account manager who knows the account."
    tps[RACI].raci[new.roles[0].id] = "RA"
    stages["Decide"].name = "Decide to renew"
    new.connections.append(Connection(id=new_id("cn"), source=tps["Use the subscription"].id,
                                      target=added.id, label="signed link"))
    kept = next(c for c in new.connections if (
        old_title(new, c.source), old_title(new, c.target)) == REMOVED_LINK)
    new.connections.remove(kept)
    new.goal = "Renewal rate of 85 % within a year."
    return old, new


def write(old: Map, new: Map, old_name: str = "as-is.json", new_name: str = "to-be.json",
          **options) -> PdfReader:
    out = io.BytesIO()
    write_diff_pdf(old, new, diff_maps(old, new, old_name, new_name), out, **options)
    out.seek(0)
    return PdfReader(out)


def text(reader: PdfReader, pages: slice = slice(None)) -> str:
    return unicodedata.normalize("NFKC", "\n".join(
        page.extract_text() for page in reader.pages[pages]))


def flat(value: str) -> str:
    """Text as pypdf gives it back, without the line breaks a wrap put in."""
    return " ".join(value.split())


@pytest.fixture(scope="module")
def small() -> PdfReader:
    return write(*edited_pair())


def test_pages_are_a3_landscape(small):
    for page in small.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A3_LANDSCAPE, abs=0.5)


def test_title_names_both_maps(small):
    first = text(small, slice(0, 1))
    assert "Current → target" in first
    assert "as-is.json → to-be.json" in first


def test_every_changed_touchpoint_is_named(small):
    everything = flat(text(small))
    for title in (ADDED, REMOVED, MOVED, *CHANGED, RACI, "Decide to renew"):
        assert title in everything, title
    assert "renamed, was Decide" in everything
    assert "from Value in use · Account management to Renewal notice · Account management" \
        in everything
    assert "channel: email → app push" in everything
    assert "none → R/A" in everything
    assert "− Quarterly usage summary → Renewal reminders at 60, 30 and 7 days" in everything
    assert "+ Use the subscription → " + ADDED in everything


def test_headline_counts_and_the_figures_old_and_new(small):
    first = flat(text(small, slice(0, 1)))
    old, new = edited_pair()
    figures = diff_maps(old, new).figures
    assert "1 touchpoint added" in first and "1 touchpoint removed" in first
    for name in ("touchpoints", "connections", "errors"):
        was, now = figures[name]
        assert f"{was}" in first and f"{now}" in first
    assert f"{figures['touchpoints'][0]} {figures['touchpoints'][1]} same" in first
    assert "Current condition" in first and "Goal" in first and "Countermeasures" in first
    assert old.current_condition.split()[0] in first and "Renewal rate of 85 %" in first


def test_a_removed_card_is_a_ghost_in_its_old_cell(small):
    first = flat(text(small, slice(0, 1)))
    assert "− removed" in first
    assert "+ new" in first


def test_no_changes_says_so():
    m = build_template("renewal", "Renewal")
    reader = write(m, copy.deepcopy(m))
    first = text(reader, slice(0, 1))
    assert "No changes" in first
    assert "the two maps are the same" in first
    assert len(reader.pages) == 1


def test_a_long_change_list_goes_on_to_the_following_pages():
    old = sample_map(stages=6, lanes=5, per_cell=10)
    new = copy.deepcopy(old)
    for tp in new.touchpoints:
        tp.channel = "Portal"
    reader = write(old, new)
    assert len(reader.pages) > 2
    assert "Changes in full" in text(reader, slice(1, 2))
    everything = flat(text(reader))
    for tp in new.touchpoints:
        assert tp.title in everything, tp.title
    assert "300 touchpoints changed" in everything
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A3_LANDSCAPE, abs=0.5)


def test_a_right_to_left_title_prints_in_reading_order():
    old, new = edited_pair()
    new.touchpoints[0].title = "تجديد الاشتراك"
    everything = text(write(old, new))
    assert "Δ تجديد الاشتراك" in everything  # the change list's entry
    assert "title: Use the subscription → تجديد الاشتراك" in everything
    assert "+ تجديد الاشتراك → " + ADDED in everything  # a connection named by its ends


def test_writes_to_a_path(tmp_path):
    old, new = edited_pair()
    out = tmp_path / "diff.pdf"
    write_diff_pdf(old, new, diff_maps(old, new), out)
    assert "Current → target" in PdfReader(str(out)).pages[0].extract_text()


def test_a_card_whose_stage_is_gone_is_listed_not_drawn():
    old = build_template("renewal", "Renewal")
    new = copy.deepcopy(old)
    stage = new.stages.pop()  # Follow-up, with its cards and their connections
    gone = {tp.id for tp in new.touchpoints if tp.stage == stage.id}
    titles = [tp.title for tp in new.touchpoints if tp.id in gone]
    new.touchpoints = [tp for tp in new.touchpoints if tp.id not in gone]
    new.connections = [c for c in new.connections if not {c.source, c.target} & gone]
    everything = flat(text(write(old, new)))
    assert titles
    for title in titles:
        assert title in everything
    assert "its stage or lane is gone, so it is not on the grid" in everything
    assert "removed" in everything and stage.name in everything


def test_a_diff_without_figures_and_an_empty_map_still_print():
    old = build_template("renewal", "Renewal")
    empty = Map(id=new_id("map"), name="Blank")
    out = io.BytesIO()
    write_diff_pdf(old, empty, diff_maps(old, empty, figures=False), out)
    everything = flat(text(PdfReader(io.BytesIO(out.getvalue()))))
    for tp in old.touchpoints:
        assert tp.title in everything


def test_the_ghost_stands_in_its_old_stage_and_the_moved_card_in_its_new_one():
    import pdfplumber

    old, new = edited_pair()
    out = io.BytesIO()
    write_diff_pdf(old, new, diff_maps(old, new), out)
    with pdfplumber.open(io.BytesIO(out.getvalue())) as pdf:
        page = pdf.pages[0]
        words = [w for w in page.extract_words() if w["x0"] < page.width * 0.55]  # the grid

    def at(first: str, second: str) -> dict:
        """The topmost place of two words in a row on the grid."""
        found = [a for a, b in zip(words, words[1:], strict=False)
                 if (a["text"], b["text"]) == (first, second)]
        return min(found, key=lambda w: w["top"])

    top = at("Value", "in")["top"]  # the stage headers' row
    row = [w for w in words if abs(w["top"] - top) < 1]
    heads = [next(w["x0"] for w in row if w["text"] == first)
             for first in ("Value", "Renewal", "Decide", "Renew")]
    assert heads == sorted(heads)

    def column(word: dict) -> int:
        return max(i for i, x in enumerate(heads) if x <= word["x0"] + 1)

    ghost, moved = at("Cancellation", "request"), at("Health", "check")
    assert column(ghost) == 2  # Decide, where it was
    assert column(moved) == 1  # Renewal notice, where it went
    assert ghost["top"] > at("Renewal", "question")["top"]  # under the cell's own cards
