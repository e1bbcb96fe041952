"""compare and history (written by the comparison engineer; placeholder registration until then)."""


def register(subparsers) -> None:
    """Registers nothing until the comparison lands."""
