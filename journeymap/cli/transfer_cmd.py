"""import and export."""

from __future__ import annotations

import io
import sys

from ..export.formats import FORMATS, PAPERS, write
from .common import (
    CommandError,
    add_command,
    existing_file,
    open_workspace,
    output_file,
    print_id,
    read_map,
    warn,
)


def register(subparsers) -> None:
    p = add_command(
        subparsers,
        "import",
        "import a workshop sheet (.csv/.xlsx) or a map file (.json); prints the new id",
        "Import a workshop sheet (.csv or .xlsx, one touchpoint a row) or a map file (.json) "
        "as a new map, and print its id. A map file keeps its own name unless --name is given.",
    )
    p.add_argument("file", metavar="FILE", help="the .csv, .xlsx or .json file")
    p.add_argument("--name", metavar="NAME", help="name of the new map")
    p.set_defaults(handler=import_file)

    p = add_command(
        subparsers,
        "export",
        "export a map to a file",
        "Export a map as a map file (json), a workshop sheet (csv, xlsx), an A3 journey PDF "
        "(pdf), a RACI matrix (raci-pdf, raci-csv, raci-xlsx), the dot-voting ranking "
        "(ranking-csv) or an image (png, svg).",
    )
    p.add_argument("map", metavar="MAP", help="map to export (id or name, or MAP@VERSION)")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, metavar="F",
                   help=f"one of: {', '.join(FORMATS)}")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="file to write; '-' writes to standard output (for a pipe)")
    p.add_argument("--paper", default="A3", metavar="SIZE",
                   help=f"paper for PDF: {', '.join(PAPERS)} (default A3)")
    p.add_argument("--portrait", action="store_true", help="portrait instead of landscape")
    p.add_argument("--dpi", type=int, default=150, metavar="N", help="PNG resolution (default 150)")
    p.add_argument("--no-summary", action="store_true",
                   help="PDF: leave out the journey-check summary page")
    p.add_argument("--comments", action="store_true",
                   help="PDF: add the map's comments as an appendix")
    p.set_defaults(handler=export)


def import_file(args) -> int:
    from ..io.mapfile import read_any

    path = existing_file(args.file, "file to import")
    journey_map, warnings = read_any(path, args.name)
    with open_workspace(args, readonly=False) as workspace:
        stored = workspace.add_map(journey_map)
    for message in warnings:  # after the import: a refused import has only its error line
        warn(message)
    print_id(stored.id)
    return 0


def paper_name(value: str) -> str:
    for paper in PAPERS:
        if paper.lower() == value.lower():
            return paper
    raise CommandError(f"unknown paper size '{value}'; use one of {', '.join(PAPERS)}.")


def export(args) -> int:
    paper = paper_name(args.paper)
    if not 24 <= args.dpi <= 1200:
        raise CommandError(f"--dpi must be between 24 and 1200, not {args.dpi}.")
    if args.output == "-":
        return _export_to_stdout(args, paper)
    from ..io.safe_output import replacing

    out = output_file(args, args.output)
    with open_workspace(args, readonly=True) as workspace:
        journey_map = read_map(workspace, args.map)
    with replacing(out) as stream:
        write(journey_map, args.format, stream, paper=paper, portrait=args.portrait,
             dpi=args.dpi, summary=not args.no_summary, comments=args.comments)
    return 0


TEXT_FORMATS = ("json", "csv", "raci-csv", "ranking-csv", "svg")


def _export_to_stdout(args, paper: str) -> int:
    """`-o -`: the export goes down a pipe (binary formats never to a terminal)."""
    stream = sys.stdout.buffer
    if args.format not in TEXT_FORMATS and stream.isatty():
        raise CommandError(f"{args.format} is binary and standard output is a terminal; "
                           "give a file with -o, or pipe the output.")
    with open_workspace(args, readonly=True) as workspace:
        journey_map = read_map(workspace, args.map)
    buffer = io.BytesIO()  # all or nothing: a refused export prints nothing
    write(journey_map, args.format, buffer, paper=paper, portrait=args.portrait,
         dpi=args.dpi, summary=not args.no_summary, comments=args.comments)
    sys.stdout.flush()
    stream.write(buffer.getvalue())
    stream.flush()
    return 0
