"""init (an empty workspace) and copy (a map, with its versions, comparison history and
comments, into another workspace as a new map that keeps every item id)."""

from __future__ import annotations

from pathlib import Path

from .common import CommandError, add_command, note, open_workspace, print_id, workspace_path


def register(subparsers) -> None:
    p = add_command(subparsers, "init", "create an empty workspace",
                    "Create an empty workspace at --workspace (or the default place); a "
                    "workspace that exists already is left as it is.")
    p.set_defaults(handler=init)

    p = add_command(subparsers, "copy", "copy a map into another workspace; prints its id",
                    "Copy a map, with its versions, comparison history and comments, into "
                    "another workspace as a new map with the same item ids (so 'diff' "
                    "matches the copy with its original); print the new map's id.")
    p.add_argument("map", metavar="MAP", help="map to copy (id or name, or MAP@VERSION for "
                   "that state alone)")
    p.add_argument("--to", required=True, metavar="WORKSPACE", help="the workspace to copy "
                   "into (a workspace file; made if missing)")
    p.add_argument("--name", metavar="NAME", help="name of the copy (default: the map's)")
    p.set_defaults(handler=copy)


def _is_server(text: str) -> bool:
    return text.startswith(("postgresql://", "postgresql+psycopg://", "postgres://"))


def init(args) -> int:
    from ..storage import Workspace

    path = workspace_path(args)
    if _is_server(str(args.workspace or "")):
        raise CommandError("server workspaces (PostgreSQL) are not supported by this "
                           "version of Journeymap; give a workspace file.")
    existed = path.exists()
    with Workspace.open(path):
        pass
    note(f"the workspace {path} " + ("exists already and was left as it is." if existed
                                       else "was created."))
    return 0


def copy(args) -> int:
    from ..document import checked_map_name
    from ..storage import Workspace

    if _is_server(args.to):
        raise CommandError("server workspaces (PostgreSQL) are not supported by this "
                           "version of Journeymap; give a workspace file with --to.")
    name = checked_map_name(args.name) if args.name and args.name.strip() else None
    target = Path(args.to).expanduser()
    with open_workspace(args, readonly=True) as source:
        ref = source.find(args.map)
        journey_map = source.load(ref)
        versions = [] if ref.is_version else source.stored_versions(ref.map.id)
        history = [] if ref.is_version else source.comparisons(ref.map.id)
    if name is not None:
        journey_map.name = name
    with Workspace.open(target) as destination:
        stored = destination.add_map(journey_map)
        ids = destination.put_versions(stored.id, versions) if versions else {}
        if history:  # each comparison names the version it ran against, as stored here
            destination.put_comparisons(stored.id, [
                {**entry, "version": ids.get(entry["version"], entry["version"])}
                for entry in history])
    print_id(stored.id)
    return 0
