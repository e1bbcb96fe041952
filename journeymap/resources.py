"""Where the files shipped beside the code live (JSON schema, fonts, icons, templates)."""

from __future__ import annotations

from pathlib import Path

# resources/ sits next to the journeymap package in the source tree.
RESOURCES_DIR = Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. `resource_path("journeymap.schema.json")`."""
    return RESOURCES_DIR.joinpath(*parts)
