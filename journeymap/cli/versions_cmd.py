"""Versions and diff: snapshot, versions, diff (the contract's "Versions and diff")."""

from __future__ import annotations

from .common import add_command, note, open_workspace, output_file, writable_map
from .printing import write_json, write_line, write_report


def register(subparsers) -> None:
    p = add_command(subparsers, "snapshot", "save the map's current state as a version; "
                    "prints its id",
                    "Save a map's current state as a read-only version and print its id "
                    "(a state identical to an existing version gives that version's id).")
    p.add_argument("map", metavar="MAP", help="map (id or name)")
    p.add_argument("--label", metavar="TEXT", help="a label to name the version by "
                   "(MAP@LABEL)")
    p.set_defaults(handler=snapshot)

    p = add_command(subparsers, "versions", "the versions of a map, oldest first")
    p.add_argument("map", metavar="MAP", help="map (id or name)")
    p.add_argument("--json", action="store_true",
                   help='print JSON: [{"id", "label", "created", "author", "touchpoints"}]')
    p.set_defaults(handler=versions)

    p = add_command(subparsers, "diff", "what changes from one map or version to another",
                    "Show what changes from OLD to NEW (maps or versions, MAP@VERSION): "
                    "touchpoints added, removed, moved and changed, connections, RACI, "
                    "stages and lanes, and the headline figures. Exits 0 whatever it finds.")
    p.add_argument("old", metavar="OLD", help="the as-is map or version")
    p.add_argument("new", metavar="NEW", help="the to-be map or version")
    p.add_argument("--json", action="store_true", help="print the changes as JSON")
    p.add_argument("-o", "--output", metavar="PDF", help="also write the current → target "
                   "A3 sheet")
    p.set_defaults(handler=diff)


def snapshot(args) -> int:
    with open_workspace(args, readonly=False) as workspace:
        info, made = workspace.snapshot(writable_map(workspace, args.map, lease=False).id,
                                        args.label)
    if not made:
        label = f" ('{info.label}')" if info.label else ""
        note(f"the map has not changed since its version {info.id}{label} of {info.created}; "
             "that version's id is printed.")
    write_line(info.id)
    return 0


def versions(args) -> int:
    with open_workspace(args, readonly=True) as workspace:
        ref = workspace.find(args.map)
        found = workspace.versions(ref.map.id)
    if ref.is_version:
        found = [info for info in found if info.id == ref.version.id]
    if args.json:
        write_json([info.to_dict() for info in found])
        return 0
    if not found:
        note("this map has no versions yet; 'journeymap snapshot MAP --label TEXT' makes one.")
        return 0
    for info in found:
        write_line(f"{info.id}  {info.created}  {info.touchpoints:>5} touchpoints  "
                   f"{info.author or '-':<10}  {info.label or ''}")
    return 0


def diff(args) -> int:
    from ..diff import diff_maps, to_json_dict
    from ..diff.text import format_diff
    from ..validation.characters import escaped

    out = output_file(args, args.output) if args.output else None
    with open_workspace(args, readonly=True) as workspace:
        old = workspace.load(workspace.find(args.old))
        new = workspace.load(workspace.find(args.new))
    result = diff_maps(old, new, args.old, args.new)
    if out is not None:
        from ..export.diff_sheet import write_diff_pdf
        from ..io.safe_output import replacing

        with replacing(out) as stream:
            write_diff_pdf(old, new, result, stream, paper="A3")
    if args.json:
        write_json(to_json_dict(result))
    else:
        write_report(format_diff(result, shown=escaped))
    return 0
