"""Comments through the command line and the document: the contract's JSON, comments on a
deleted card, resolving, map files and versions carrying them, refusals in one sentence."""

from __future__ import annotations

import json

from journeymap import comments
from journeymap.document import Document
from journeymap.io.mapfile import map_from_dict, map_to_dict
from journeymap.templates import build_template
from tests.cli_helpers import assert_one_error_line, on_both_kinds

pytest_generate_tests = on_both_kinds  # each test on a file and on a server


def new_map(cli) -> str:
    assert cli("new", "Renewal", "--template", "renewal").code == 0
    return "Renewal"


def test_comment_on_a_card_and_on_the_map_then_list_and_resolve(cli):
    name = new_map(cli)
    on_card = cli("comment", name, "Why a letter,\nnot an email?", "--on",
                  "Use the subscription", "--author", "Ana")
    assert on_card.code == 0 and on_card.err == ""
    card_id = on_card.out.strip()
    assert on_card.out == card_id + "\n"
    map_id = cli("comment", name, "Looks complete").out.strip()
    rows = json.loads(cli("comments", name, "--json").out)
    assert [r["id"] for r in rows] == [card_id, map_id]
    assert rows[0] == {"id": card_id, "touchpoint": "Use the subscription", "author": "Ana",
                       "created": rows[0]["created"], "text": "Why a letter,\nnot an email?",
                       "resolved": False}
    assert rows[1]["touchpoint"] is None and rows[1]["author"]  # the OS user by default
    assert rows[0]["created"].endswith("Z")
    assert cli("resolve", name, card_id).code == 0
    assert [r["id"] for r in json.loads(cli("comments", name, "--json", "--open").out)] == [map_id]
    assert "[resolved]" in cli("comments", name).out


def test_a_comment_outlives_its_card_with_the_cards_last_title(cli, ws):
    from journeymap.storage import Autosave, Workspace

    name = new_map(cli)
    cli("comment", name, "Too slow", "--on", "Use the subscription")
    with Workspace.open(ws) as workspace:
        autosave = Autosave(workspace)
        document = autosave.follow(Document(workspace.load_map(workspace.find_map(name).id)))
        card = next(t for t in document.map.touchpoints if t.title == "Use the subscription")
        document.update("touchpoint", card.id, title="Use it every day")
        document.remove_touchpoints([card.id])
        assert autosave.all_saved
    row = json.loads(cli("comments", name, "--json").out)[0]
    assert row["touchpoint"] == "Use it every day" and row["deleted_card"] is True
    assert "on a deleted card 'Use it every day'" in cli("comments", name).out


def test_bad_comments_are_one_sentence_and_change_nothing(cli, ws):
    name = new_map(cli)
    cli("comment", name, "kept")
    before = cli("export", name, "--format", "json", "-o", "-").out
    assert_one_error_line(cli("comment", name, "x", "--on", "No such card"), "No such card")
    assert_one_error_line(cli("comment", name, "   "), "needs some text")
    assert_one_error_line(cli("resolve", name, "cm-nope"), "cm-nope")
    assert cli("export", name, "--format", "json", "-o", "-").out == before
    cli("snapshot", name, "--label", "v1")
    assert_one_error_line(cli("comment", f"{name}@v1", "x"), "read-only")


def test_versions_and_map_files_carry_the_comments(cli, tmp_path):
    name = new_map(cli)
    cli("comment", name, "Keep this", "--on", "Use the subscription")
    cli("snapshot", name, "--label", "reviewed")
    cli("comment", name, "Later remark")
    assert [r["text"] for r in json.loads(cli("comments", f"{name}@reviewed", "--json").out)] \
        == ["Keep this"]
    out = tmp_path / "map.json"
    assert cli("export", name, "-f", "json", "-o", out).code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 2
    assert [c["text"] for c in data["map"]["comments"]] == ["Keep this", "Later remark"]
    imported = cli("import", out, "--name", "Copy").out.strip()
    assert [r["text"] for r in json.loads(cli("comments", imported, "--json").out)] == [
        "Keep this", "Later remark"]


def test_comments_round_trip_through_the_document_and_undo():
    document = Document(build_template("renewal", "Renewal"))
    made = comments.add_comment(document, "Check the price notice", author="Ben",
                                touchpoint=document.map.touchpoints[3].id)
    comments.resolve_comment(document, made.id)
    assert document.map.comments[0].resolved
    document.undo()
    assert not document.map.comments[0].resolved
    document.undo()
    assert document.map.comments == []
    document.redo()
    back = map_from_dict(map_to_dict(document.map))
    assert back.comments == document.map.comments
    assert comments.open_counts(document.map) == {document.map.touchpoints[3].id: 1}


def test_the_pdf_carries_the_comments_only_when_asked(cli, tmp_path):
    from pypdf import PdfReader

    name = new_map(cli)
    cli("comment", name, "Ask finance about the reminder letter", "--on",
        "Use the subscription", "--author", "Ana")
    with_comments, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    assert cli("export", name, "-f", "pdf", "--comments", "-o", with_comments).code == 0
    assert cli("export", name, "-f", "pdf", "-o", without).code == 0

    def text(path):
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)

    assert "Ask finance about the reminder letter" in text(with_comments)
    assert "On Use the subscription" in text(with_comments)
    assert "Ask finance" not in text(without)
