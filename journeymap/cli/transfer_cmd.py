"""import and export."""

from __future__ import annotations

from pathlib import Path

from .common import CommandError, open_workspace, print_id, warn

SHEET_AND_FILE_FORMATS = ("json", "csv", "xlsx")
PRINT_FORMATS = ("pdf", "raci-pdf", "raci-csv", "raci-xlsx")
IMAGE_FORMATS = ("png", "svg")
FORMATS = SHEET_AND_FILE_FORMATS + PRINT_FORMATS + IMAGE_FORMATS
PAPERS = ("A4", "A3", "A2", "A1", "A0", "Letter", "Tabloid")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import",
        help="import a workshop sheet (.csv/.xlsx) or a map file (.json); prints the new id",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--name", metavar="NAME", help="name of the new map")
    p.set_defaults(handler=import_file)

    p = subparsers.add_parser("export", help="export a map to a file")
    p.add_argument("map", metavar="MAP")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, metavar="F",
                   help=f"one of: {', '.join(FORMATS)}")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write")
    p.add_argument("--paper", default="A3", metavar="SIZE",
                   help=f"paper for PDF: {', '.join(PAPERS)} (default A3)")
    p.add_argument("--portrait", action="store_true", help="portrait instead of landscape")
    p.add_argument("--dpi", type=int, default=150, metavar="N", help="PNG resolution (default 150)")
    p.add_argument("--no-summary", action="store_true",
                   help="PDF: leave out the journey-check summary page")
    p.set_defaults(handler=export)


def import_file(args) -> int:
    from ..io.mapfile import read_any

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"{path}: no such file.")
    name = args.name.strip() if args.name and args.name.strip() else None
    journey_map, warnings = read_any(path, name)
    for message in warnings:
        warn(message)
    with open_workspace(args, readonly=False) as workspace:
        stored = workspace.add_map(journey_map)
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
    out = Path(args.output)
    if out.parent and not out.parent.exists():
        raise CommandError(f"{out.parent}: the folder to write into does not exist.")
    with open_workspace(args, readonly=True) as workspace:
        journey_map = workspace.load_map(workspace.find_map(args.map).id)
    # Write to a temporary file first, so a failed export never leaves half a file behind.
    partial = out.with_name(f".{out.name}.partial")
    try:
        write(journey_map, args.format, partial, paper=paper, portrait=args.portrait,
              dpi=args.dpi, summary=not args.no_summary)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return 0


def write(journey_map, fmt: str, out: Path, *, paper: str, portrait: bool, dpi: int,
          summary: bool) -> None:
    if fmt == "json":
        from ..io.mapfile import write_map_file

        write_map_file(journey_map, out)
    elif fmt == "csv":
        from ..io.sheet import write_sheet_csv

        write_sheet_csv(journey_map, out)
    elif fmt == "xlsx":
        from ..io.sheet import write_sheet_xlsx

        write_sheet_xlsx(journey_map, out)
    elif fmt == "pdf":
        from ..export.pdf_map import write_map_pdf

        write_map_pdf(journey_map, out, paper=paper, portrait=portrait, summary=summary)
    elif fmt == "raci-pdf":
        from ..export.raci import write_raci_pdf

        write_raci_pdf(journey_map, out, paper=paper, portrait=portrait)
    elif fmt == "raci-csv":
        from ..export.raci import write_raci_csv

        write_raci_csv(journey_map, out)
    elif fmt == "raci-xlsx":
        from ..export.raci import write_raci_xlsx

        write_raci_xlsx(journey_map, out)
    else:
        from ui.render import export_image

        export_image(journey_map, out, fmt, dpi=dpi)
