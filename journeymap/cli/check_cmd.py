"""check (written by the analysis engineer; placeholder registration until then)."""


def register(subparsers) -> None:
    """Registers nothing until the analysis lands."""
