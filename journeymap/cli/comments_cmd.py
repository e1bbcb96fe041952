"""comment, comments, resolve: remarks on a map or one of its touchpoints."""

from __future__ import annotations

from .common import add_command, note, open_workspace, read_map, writable_map
from .printing import write_json, write_line


def register(subparsers) -> None:
    p = add_command(subparsers, "comment", "comment on a map or a touchpoint; prints its id",
                    "Add a comment to a map, or with --on to one of its touchpoints, and "
                    "print the comment's id.")
    p.add_argument("map", metavar="MAP", help="map (id or name)")
    p.add_argument("text", metavar="TEXT", help="what to say")
    p.add_argument("--on", metavar="TOUCHPOINT", help="a touchpoint's id, else its exact title")
    p.add_argument("--author", metavar="NAME", help="who says it (default: your user name)")
    p.set_defaults(handler=comment)

    p = add_command(subparsers, "comments", "the comments of a map, oldest first")
    p.add_argument("map", metavar="MAP", help="map (id or name, or MAP@VERSION)")
    p.add_argument("--json", action="store_true", help='print JSON: [{"id", "touchpoint", '
                   '"author", "created", "text", "resolved"}]')
    p.add_argument("--open", action="store_true", help="only the comments not resolved yet")
    p.set_defaults(handler=comments)

    p = add_command(subparsers, "resolve", "mark a comment resolved")
    p.add_argument("map", metavar="MAP", help="map (id or name)")
    p.add_argument("comment_id", metavar="COMMENT_ID", help="the comment's id")
    p.set_defaults(handler=resolve)


def _edit(args, edit):
    """Run `edit(document)` on the map and save it, as the editor's autosave would."""
    from ..document import Document
    from ..errors import WorkspaceError
    from ..storage import Autosave

    failed: list[str] = []
    with open_workspace(args, readonly=False) as workspace:
        summary = writable_map(workspace, args.map, lease=False)
        autosave = Autosave(workspace, on_failed=failed.append)
        document = autosave.follow(Document(workspace.load_map(summary.id)))
        try:
            result = edit(document)
            if not autosave.all_saved:
                raise WorkspaceError(failed[-1] if failed else "The change could not be saved.")
        finally:
            autosave.close()
    return result


def comment(args) -> int:
    from ..comments import add_comment

    made = _edit(args, lambda document: add_comment(document, args.text, args.on, args.author))
    write_line(made.id)
    return 0


def comments(args) -> int:
    from ..comments import comment_line, comments_json

    with open_workspace(args, readonly=True) as workspace:
        journey_map = read_map(workspace, args.map)
    if args.json:
        write_json(comments_json(journey_map, only_open=args.open))
        return 0
    shown = [c for c in journey_map.comments if not (args.open and c.resolved)]
    if not shown:
        note("no comments yet; 'journeymap comment MAP TEXT [--on TOUCHPOINT]' adds one.")
        return 0
    for item in shown:
        write_line(comment_line(journey_map, item))
    return 0


def resolve(args) -> int:
    from ..comments import resolve_comment

    _edit(args, lambda document: resolve_comment(document, args.comment_id))
    return 0
