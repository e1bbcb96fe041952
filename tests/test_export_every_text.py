"""Every text a map holds appears in full somewhere in its PDF: what the sheet shortens (the
description in the title block, stage goals in the stage headers, long card fields, link
labels on their tags) continues in the index, which carries every field whole."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from journeymap.export.sheet.writer import write_map_pdf
from journeymap.templates import build_template, list_templates

PAPERS = [("A3", False), ("A4", True), ("A1", False)]


def all_text(path) -> str:
    """The text in drawing order (pypdf follows the content stream), so the lines of one
    wrapped field stay together even beside another column."""
    reader = PdfReader(path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def texts_of(m) -> list[str]:
    found = [m.name, m.description, m.owner, m.background, m.current_condition, m.goal,
             m.analysis, m.countermeasures, m.plan, m.follow_up, m.date, m.version]
    for persona in m.personas:
        found += [persona.name, persona.description, persona.goals, persona.frustrations]
    found += [stage.name for stage in m.stages] + [stage.goal for stage in m.stages]
    found += [lane.name for lane in m.lanes] + [role.name for role in m.roles]
    for tp in m.touchpoints:
        found += [tp.title, tp.description, tp.channel, tp.owner, tp.pain_points,
                  tp.opportunities, tp.resources, tp.kpi, tp.notes]
    found += [conn.label for conn in m.connections]
    return [" ".join(text.split()) for text in found if text and text.strip()]


@pytest.mark.parametrize("paper,portrait", PAPERS)
@pytest.mark.parametrize("key", [key for key, _ in list_templates()])
def test_every_text_of_a_template_is_printed_whole(tmp_path, key, paper, portrait):
    m = build_template(key)
    write_map_pdf(m, tmp_path / "m.pdf", paper=paper, portrait=portrait)
    printed = all_text(tmp_path / "m.pdf")
    missing = [text for text in texts_of(m) if text not in printed]
    assert not missing


def test_long_descriptions_goals_and_labels_continue_in_the_index(tmp_path):
    m = build_template("upsell")
    m.description = " ".join([m.description] * 12)
    for n, stage in enumerate(m.stages):
        stage.goal = f"Goal {n}: " + " ".join(["the customer knows what happens next"] * 8)
    for n, conn in enumerate(m.connections):
        conn.label = f"hand-over {n} with the signed order form and the delivery date agreed"
    write_map_pdf(m, tmp_path / "m.pdf")
    printed = all_text(tmp_path / "m.pdf")
    assert not [text for text in texts_of(m) if text not in printed]
