"""Map management: gui, new, list, templates, rename, duplicate, delete."""

from __future__ import annotations

import sys

from .common import (
    CommandError,
    add_command,
    note,
    open_workspace,
    print_id,
    read_map,
    workspace_path,
    writable_map,
)
from .printing import write_json, write_line


def register(subparsers) -> None:
    p = add_command(subparsers, "gui", "open the editor (the default)")
    p.add_argument("map", nargs="?", metavar="MAP", help="map to open (id or name)")
    p.set_defaults(handler=gui)

    p = add_command(subparsers, "new", "create a map; prints its id",
                    "Create a map, blank (five stages, five lanes) or from a template, and "
                    "print its id.")
    p.add_argument("name", metavar="NAME", help="name of the map")
    p.add_argument("--template", metavar="KEY", help="start from a template (see 'templates')")
    p.add_argument("--from", dest="source", metavar="MAP[@VERSION]",
                   help="start from a map or one of its versions, keeping every item id (a "
                   "to-be map, or an old state brought back)")
    p.set_defaults(handler=new)

    p = add_command(subparsers, "list", "list the maps of the workspace")
    p.add_argument("--json", action="store_true",
                   help='print JSON: [{"id", "name", "touchpoints", "updated"}]')
    p.set_defaults(handler=list_maps)

    p = add_command(subparsers, "templates", "list the templates: key, tab, description")
    p.set_defaults(handler=templates)

    p = add_command(subparsers, "rename", "rename a map")
    p.add_argument("map", metavar="MAP", help="map to rename (id or name)")
    p.add_argument("name", metavar="NAME", help="its new name")
    p.set_defaults(handler=rename)

    p = add_command(subparsers, "duplicate", "copy a map; prints the copy's id")
    p.add_argument("map", metavar="MAP", help="map to copy (id or name, or MAP@VERSION)")
    p.add_argument("--name", metavar="NAME", help="name of the copy (default: '<name> (copy)')")
    p.set_defaults(handler=duplicate)

    p = add_command(subparsers, "delete", "delete a map (a backup is made first)")
    p.add_argument("map", metavar="MAP", help="map to delete (id or name)")
    p.set_defaults(handler=delete)


def gui(args) -> int:
    from .frontends import get

    return get("gui")(workspace_path(args), getattr(args, "map", None))


def new(args) -> int:
    if args.source is not None:
        return _new_from(args)
    if args.template:
        from ..templates import build_template

        journey_map = build_template(args.template, args.name)
    else:
        from ..templates import blank_map

        journey_map = blank_map(args.name)
    with open_workspace(args, readonly=False) as workspace:
        stored = workspace.add_map(journey_map)
    print_id(stored.id)
    return 0


def _new_from(args) -> int:
    from ..document import duplicate_map

    if args.template:
        raise CommandError("give either --template or --from, not both.")
    with open_workspace(args, readonly=False) as workspace:
        twin = duplicate_map(read_map(workspace, args.source), args.name)
        stored = workspace.add_map(twin)
    print_id(stored.id)
    return 0


def list_maps(args) -> int:
    with open_workspace(args, readonly=True) as workspace:
        summaries = workspace.list_maps()
        editing = workspace.editors() if workspace.on_server else None
    if args.json:
        rows = [
            {"id": s.id, "name": s.name, "touchpoints": s.touchpoints, "updated": s.updated}
            for s in summaries
        ]
        if editing is not None:  # a server: who holds each map's edit lease
            for row in rows:
                row["editing"] = editing.get(row["id"])
        write_json(rows)
        return 0
    if not summaries:
        note("the workspace has no maps yet; try 'journeymap new NAME --template acquisition'.")
        return 0
    width = max(len(s.id) for s in summaries)
    for s in summaries:
        who = f"  (being edited by {editing[s.id]})" if editing and s.id in editing else ""
        write_line(f"{s.id:<{width}}  {s.touchpoints:>5} touchpoints  {s.updated}  {s.name}{who}")
    return 0


def templates(args) -> int:
    from ..templates import list_templates

    for key, description in list_templates():
        sys.stdout.write(f"{key}\t{description}\n")
    return 0


def rename(args) -> int:
    from ..document import checked_map_name

    name = checked_map_name(args.name)
    with open_workspace(args, readonly=False) as workspace:
        workspace.rename_map(writable_map(workspace, args.map).id, name)
    return 0


def duplicate(args) -> int:
    from ..document import checked_map_name, duplicate_map

    if args.name and args.name.strip():
        checked_map_name(args.name)  # refused before the workspace is opened for writing
    with open_workspace(args, readonly=False) as workspace:
        twin = duplicate_map(read_map(workspace, args.map), args.name)
        stored = workspace.add_map(twin)
    print_id(stored.id)
    return 0


def delete(args) -> int:
    with open_workspace(args, readonly=False) as workspace:
        summary = writable_map(workspace, args.map)
        if not workspace.on_server:
            workspace.backup_now("before-delete")
        workspace.delete_map(summary.id)
        kept = ("the server's own backups hold earlier states" if workspace.on_server
                else "'journeymap backups' lists the copy made first")
    note(f"deleted '{summary.name}' ({summary.id}); {kept}.")
    return 0
