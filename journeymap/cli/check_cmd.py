"""check: the journey analysis of one map (exit 1 when it finds problems of severity error)."""

from __future__ import annotations

from .common import add_command, open_workspace, read_map
from .printing import shown_map, write_json, write_report


def register(subparsers) -> None:
    p = add_command(
        subparsers,
        "check",
        "check a map's journey (paths, dead ends, RACI, capacity) and print key figures; "
        "exits 1 when it finds errors",
        "Check a map's journey: unreachable touchpoints, dead ends, orphans, RACI rules, "
        "capacity, backward flow. Prints the problems and key figures; exits 1 when a problem "
        "is an error.",
    )
    p.add_argument("map", metavar="MAP", help="map to check (id or name, or MAP@VERSION)")
    p.add_argument("--json", action="store_true", help="print the problems and figures as JSON")
    p.set_defaults(handler=check)


def check(args) -> int:
    from ..analysis import analyse, format_report

    with open_workspace(args, readonly=True) as workspace:
        journey_map = read_map(workspace, args.map)
    report = analyse(journey_map)
    if args.json:
        write_json(report.to_dict())
    else:
        shown = shown_map(journey_map)  # titles escaped before the problems quote them
        write_report(format_report(analyse(shown), shown))
    return 1 if report.has_errors else 0
