"""Ready-to-use journey maps a facilitator can start a workshop from.

Each template is a compact declarative spec (one module each) turned into a Map by the one
builder in `spec.py`; every build gets fresh ids.
"""

from __future__ import annotations

from ..errors import NotFoundError
from ..model import Map
from . import (
    acquisition,
    customer_onboarding,
    employee_onboarding,
    partner_onboarding,
    renewal,
    service_recovery,
    upsell,
)
from .blank import blank_map
from .spec import Template, build

__all__ = ["blank_map", "build_template", "list_templates"]

# The customer's lifecycle first, then the other travellers (partners, employees).
_TEMPLATES: dict[str, Template] = {
    module.TEMPLATE.key: module.TEMPLATE
    for module in (
        acquisition,
        customer_onboarding,
        upsell,
        renewal,
        service_recovery,
        partner_onboarding,
        employee_onboarding,
    )
}


def list_templates() -> list[tuple[str, str]]:
    """(key, one-line description) of every template, in a sensible order."""
    return [(key, spec.summary) for key, spec in _TEMPLATES.items()]


def build_template(key: str, name: str | None = None) -> Map:
    """A fresh Map from the template `key`, named `name` or the template's own name."""
    spec = _TEMPLATES.get(key)
    if spec is None:
        raise NotFoundError(
            f"There is no template '{key}'; choose one of {', '.join(_TEMPLATES)}."
        )
    return build(spec, name)


__all__ = ["build_template", "list_templates"]
