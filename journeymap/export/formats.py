"""Every export format in one place: the command line and the editor both write through here."""

from __future__ import annotations

from ..errors import ValidationError

SHEET_AND_FILE_FORMATS = ("json", "csv", "xlsx")
PRINT_FORMATS = ("pdf", "raci-pdf", "raci-csv", "raci-xlsx")
WORKSHOP_FORMATS = ("ranking-csv",)  # the dot-voting ranking
IMAGE_FORMATS = ("png", "svg")  # the sheet's page as a picture (see image/)
FORMATS = SHEET_AND_FILE_FORMATS + PRINT_FORMATS + WORKSHOP_FORMATS + IMAGE_FORMATS
PAPERS = ("A4", "A3", "A2", "A1", "A0", "Letter", "Tabloid")


def write(journey_map, fmt: str, out, *, paper: str = "A3", portrait: bool = False,
          dpi: int = 150, summary: bool = True, comments: bool = False) -> None:
    """Write `journey_map` as `fmt` to `out`: a binary stream, or a path (then replaced all
    or nothing through `safe_output.replacing`)."""
    if fmt == "json":
        from ..io.mapfile import map_to_json
        from ..io.safe_output import binary_output

        with binary_output(out) as stream:
            stream.write(map_to_json(journey_map).encode("utf-8"))
    elif fmt == "csv":
        from ..io.sheet import write_sheet_csv

        write_sheet_csv(journey_map, out)
    elif fmt == "xlsx":
        from ..io.sheet import write_sheet_xlsx

        write_sheet_xlsx(journey_map, out)
    elif fmt == "pdf":
        from .sheet.writer import write_map_pdf

        write_map_pdf(journey_map, out, paper=paper, portrait=portrait, summary=summary,
                      comments=comments)
    elif fmt == "raci-pdf":
        from .raci.matrix import write_raci_pdf

        write_raci_pdf(journey_map, out, paper=paper, portrait=portrait)
    elif fmt == "raci-csv":
        from .raci.matrix import write_raci_csv

        write_raci_csv(journey_map, out)
    elif fmt == "raci-xlsx":
        from .raci.matrix import write_raci_xlsx

        write_raci_xlsx(journey_map, out, paper=paper)
    elif fmt == "ranking-csv":
        from ..io.safe_output import binary_output
        from ..voting import ranking_csv

        with binary_output(out) as stream:
            stream.write(ranking_csv(journey_map).encode("utf-8"))
    elif fmt in IMAGE_FORMATS:
        from .image import write_image

        write_image(journey_map, out, fmt, dpi=dpi, paper=paper, portrait=portrait)
    else:
        raise ValidationError(f"Unknown export format '{fmt}'; use one of {', '.join(FORMATS)}.")

