"""What a card on the sheet shows of its RACI: the roles that fit, each name whole, then
"+N" for the rest — never a role dropped without a sign; the index lists them all."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from journeymap.document import Document
from journeymap.export.sheet.writer import write_map_pdf
from journeymap.model import Map

NAMES = ["Account manager", "Finance controller", "Legal counsel", "Ops lead", "Support lead",
         "Marketing manager", "Data protection officer"]
LETTERS = ["R", "A", "C", "C", "I", "I", "I"]


def one_card_map(names: list[str], letters: list[str]) -> Map:
    doc = Document(Map(id="map-raci", name="Roles"))
    stage = doc.add_stage("Decide")
    lane = doc.add_lane("Sales", kind="frontstage")
    roles = [doc.add_role(name) for name in names]
    doc.add_touchpoint(stage.id, lane.id, "Sign the amendment",
                       raci={role.id: letter for role, letter in zip(roles, letters, strict=True)})
    return doc.map


def page_texts(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [" ".join((page.extract_text() or "").split()) for page in pdf.pages]


@pytest.mark.parametrize("count", [2, 4, 7])
def test_the_roles_a_card_shows_plus_its_count_of_the_rest_are_all_its_roles(tmp_path, count):
    m = one_card_map(NAMES[:count], LETTERS[:count])
    write_map_pdf(m, tmp_path / "m.pdf")
    sheet, *rest = page_texts(tmp_path / "m.pdf")
    shown = [name for name in NAMES[:count] if name in sheet]
    names = "|".join(re.escape(name) for name in NAMES)
    more = re.findall(rf"(?:{names}) \+(\d+)\b", sheet)  # "+N" right after the last role shown
    hidden = int(more[0]) if more else 0
    assert len(shown) + hidden == count
    assert shown == NAMES[:len(shown)], "roles are shown in R, A, C, I order"
    index = "\n".join(rest)
    assert all(name in index for name in NAMES[:count])


def test_a_right_to_left_role_name_keeps_its_space_after_the_letters(tmp_path):
    m = one_card_map(["مبيعات"], ["RA"])
    write_map_pdf(m, tmp_path / "m.pdf")
    with pdfplumber.open(tmp_path / "m.pdf") as pdf:
        words = pdf.pages[0].extract_words()
    letters = next(w for w in words if w["text"].startswith("R/A"))
    assert letters["text"] == "R/A", "the letters and the name are separate words"


def test_a_card_with_more_roles_than_room_says_how_many_it_leaves_out(tmp_path):
    # 40: more than even a one-card map's poster-sized card has room for
    names = [f"Regional team {n}" for n in range(1, 41)]
    m = one_card_map(names, ["R", "A", *"C" * 18, *"I" * 20])
    write_map_pdf(m, tmp_path / "m.pdf")
    sheet = page_texts(tmp_path / "m.pdf")[0]
    shown = [name for name in names if re.search(rf"{name}\b", sheet)]
    more = re.findall(r"Regional team \d+ \+(\d+)\b", sheet)
    assert more and len(shown) + int(more[0]) == len(names)
