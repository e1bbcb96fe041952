"""Comments on a map or on one of its touchpoints: author, time, text, resolved or not.

They are a collection of the map (kept in the workspace, in map files from version 2, and in
versions), added and resolved through the document as any edit, so they can be undone in
the editor. A comment on a card that is later deleted stays, shown as on a deleted card with
the card's last title. `comments_json` is the `journeymap comments --json` contract.
"""

from __future__ import annotations

from .commands import Command, Insert, Update
from .errors import NotFoundError, ValidationError
from .model import Comment, Map, new_id
from .stamps import current_user, utc_now
from .validation import checked, required_text
from .validation.characters import escaped

AUTHOR_LIMIT = 80


def default_author() -> str:
    return current_user() or "someone"


def find_card(m: Map, given: str):
    """A touchpoint by id, else by its exact title (which must be unique)."""
    found = m.touchpoint(given)
    if found is not None:
        return found
    titled = [tp for tp in m.touchpoints if tp.title == given]
    if len(titled) > 1:
        raise ValidationError(f"{len(titled)} touchpoints are titled '{escaped(given)}'; "
                              "name the one you mean by its id.")
    if not titled:
        raise NotFoundError(f"There is no touchpoint with the id or title '{escaped(given)}' "
                            f"in the map '{escaped(m.name)}'.")
    return titled[0]


def add_comment(document, text: str, touchpoint: str | None = None,
                author: str | None = None) -> Comment:
    """Comment on the map, or on a touchpoint (its id or unique title); one undo step."""
    m = document.map
    if not isinstance(text, str) or not text.strip():
        raise ValidationError("A comment needs some text.")
    card = find_card(m, touchpoint) if touchpoint is not None else None
    who = required_text(author if author and author.strip() else default_author(),
                        "A comment's author")
    if len(who) > AUTHOR_LIMIT:
        raise ValidationError(f"A comment's author is at most {AUTHOR_LIMIT} characters long.")
    values = checked("comment", {"text": text.strip(), "author": who, "created": utc_now(),
                                 "touchpoint": card.id if card else None,
                                 "card_title": card.title if card else ""})
    comment = Comment(id=new_id("cm", {c.id for c in m.comments}), **values)
    document.run(Command("Comment", [Insert("comment", comment, len(m.comments))]))
    return m.find("comment", comment.id)


def resolve_comment(document, comment_id: str, resolved: bool = True) -> None:
    comment = document.map.find("comment", comment_id)
    if comment is None:
        raise NotFoundError(f"There is no comment '{escaped(comment_id)}' on the map "
                            f"'{escaped(document.map.name)}'.")
    if comment.resolved != resolved:
        label = "Resolve comment" if resolved else "Reopen comment"
        document.run(Command(label, [Update("comment", comment_id, {"resolved": resolved})]))


def on_card(m: Map, comment: Comment) -> tuple[str | None, bool]:
    """(the card's title or None for the map, whether the card was deleted)."""
    if comment.touchpoint is None:
        return None, False
    tp = m.touchpoint(comment.touchpoint)
    return (tp.title, False) if tp is not None else (comment.card_title, True)


def open_counts(m: Map) -> dict[str, int]:
    """Unresolved comments per touchpoint id (the cards' badges)."""
    counts: dict[str, int] = {}
    for comment in m.comments:
        if comment.touchpoint and not comment.resolved:
            counts[comment.touchpoint] = counts.get(comment.touchpoint, 0) + 1
    return counts


def comments_json(m: Map, *, only_open: bool = False) -> list[dict]:
    rows = []
    for comment in m.comments:
        if only_open and comment.resolved:
            continue
        title, deleted = on_card(m, comment)
        row = {"id": comment.id, "touchpoint": title, "author": comment.author,
               "created": comment.created, "text": comment.text, "resolved": comment.resolved}
        if deleted:
            row["deleted_card"] = True
        rows.append(row)
    return rows


def comment_line(m: Map, comment: Comment) -> str:
    title, deleted = on_card(m, comment)
    where = ("on the map" if title is None else
             f"on a deleted card '{title}'" if deleted else f"on '{title}'")
    state = "resolved" if comment.resolved else "open"
    text = " ".join(comment.text.split())
    return f"{comment.id}  {comment.created}  {comment.author}  {where}  [{state}]  {text}"
