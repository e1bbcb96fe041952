"""A paste is held to the rules of an edit: a card from another program's clipboard with a
value an edit refuses is refused with the same sentence, and the map is left as it was."""

from __future__ import annotations

import copy
import json

import pytest
from PySide6.QtGui import QGuiApplication

from journeymap.errors import JourneymapError
from journeymap.validation import NOT_AN_EXPERIENCE, TEXT_LIMIT, TOO_LONG
from ui.canvas import clipboard
from ui.panels.fields import InputError, parse_number


def paste_json(view, qtbot, card: dict) -> list[str]:
    """Paste one card given as the clipboard's JSON; the canvas's messages."""
    messages: list[str] = []
    view.scene().message.connect(messages.append)
    text = json.dumps({"format": clipboard.FORMAT, "touchpoints": [card]})
    QGuiApplication.clipboard().setText(text)
    view.select_touchpoints([view.document.map.touchpoints[0].id])
    view.paste()
    return messages


def edit_message(doc, **values) -> str:
    with pytest.raises(JourneymapError) as caught:
        doc.update("touchpoint", doc.map.touchpoints[0].id, **values)
    return str(caught.value)


@pytest.mark.parametrize(
    ("values", "clause"),
    [
        ({"description": "x" * (TEXT_LIMIT + 1)}, TOO_LONG),
        ({"experience": 7}, NOT_AN_EXPERIENCE),
        ({"experience": "great"}, NOT_AN_EXPERIENCE),
        ({"days": -1}, "is not a number of zero or more"),
        ({"evidence": "rumour"}, "Evidence must be one of"),
        ({"kpi": "bell\x07"}, "\\x07"),
        ({"title": "two\nlines"}, "\\x0a"),
    ],
)
def test_a_pasted_card_is_refused_with_the_sentence_of_an_edit(view, doc, qtbot, values, clause):
    before = copy.deepcopy(doc.map)
    messages = paste_json(view, qtbot, {"title": "From elsewhere", **values})
    assert doc.map == before
    expected = edit_message(doc, **values)
    assert clause in expected
    assert messages == [expected]


def test_a_pasted_card_within_the_rules_arrives_normalised(view, doc, qtbot):
    messages = paste_json(view, qtbot, {"title": "  From elsewhere ", "days": 3,
                                        "description": "a\r\nb", "raci": {"nobody": "ar"}})
    assert messages == []
    (pasted,) = [tp for tp in doc.map.touchpoints if tp.title == "From elsewhere"]
    assert (pasted.title, pasted.days, pasted.description) == ("From elsewhere", 3.0, "a\nb")
    assert isinstance(pasted.days, float) and pasted.raci == {}


def test_a_card_without_a_title_is_pasted_as_untitled():
    (card,) = clipboard.from_text(json.dumps({"format": clipboard.FORMAT,
                                              "touchpoints": [{"title": "  "}]}))
    assert card.title == clipboard.UNTITLED


@pytest.mark.parametrize("text", ["-0.5", "inf", "NaN"])
def test_the_number_field_refuses_what_the_core_refuses_for_typed_amounts(text):
    from journeymap.validation import typed_amount

    with pytest.raises(InputError) as from_field:
        parse_number(text, "Volume")
    with pytest.raises(JourneymapError) as from_core:
        typed_amount(text, "Volume")
    assert str(from_field.value) == str(from_core.value)
    assert str(from_field.value) == f"Volume must be a number of zero or more, not '{text}'."
