"""init (an empty workspace, on a file or a server) and copy (a map, with its versions,
comparison history and comments, into another workspace as a new map that keeps every item
id)."""

from __future__ import annotations

from .common import add_command, note, open_workspace, print_id, workspace_path


def register(subparsers) -> None:
    p = add_command(subparsers, "init", "create an empty workspace",
                    "Create an empty workspace at --workspace (or the default place): a "
                    "workspace file, or the schema in an empty PostgreSQL database "
                    "(postgresql://USER@HOST:PORT/DB). A workspace that exists already is "
                    "left as it is.")
    p.set_defaults(handler=init)

    p = add_command(subparsers, "copy", "copy a map into another workspace; prints its id",
                    "Copy a map, with its versions, comparison history and comments, into "
                    "another workspace (file or server) as a new map with the same item ids "
                    "(so 'diff' matches the copy with its original); print the new map's id.")
    p.add_argument("map", metavar="MAP", help="map to copy (id or name, or MAP@VERSION for "
                   "that state alone)")
    p.add_argument("--to", required=True, metavar="WORKSPACE", help="the workspace to copy "
                   "into: a workspace file (made if missing) or postgresql://USER@HOST/DB")
    p.add_argument("--name", metavar="NAME", help="name of the copy (default: the map's)")
    p.set_defaults(handler=copy)


def init(args) -> int:
    from ..storage import Workspace
    from ..storage.address import ServerAddress

    where = workspace_path(args)
    if isinstance(where, ServerAddress):
        from ..storage.server.opening import init as init_server

        made = init_server(where)
        note(f"the workspace {where} " + ("was created." if made else
                                          "exists already and was left as it is."))
        return 0
    existed = where.exists()
    with Workspace.open(where):
        pass
    note(f"the workspace {where} " + ("exists already and was left as it is." if existed
                                        else "was created."))
    return 0


def copy(args) -> int:
    from ..document import checked_map_name
    from ..storage import Workspace
    from ..storage.address import parse

    name = checked_map_name(args.name) if args.name and args.name.strip() else None
    target = parse(args.to)
    with open_workspace(args, readonly=True) as source:
        ref = source.find(args.map)
        journey_map = source.load(ref)
        versions = [] if ref.is_version else source.stored_versions(ref.map.id)
        history = [] if ref.is_version else source.comparisons(ref.map.id)
    if name is not None:
        journey_map.name = name
    with Workspace.open(target) as destination:  # all of it, or nothing
        stored = destination.add_map(journey_map, versions=versions, comparisons=history)
    print_id(stored.id)
    return 0
