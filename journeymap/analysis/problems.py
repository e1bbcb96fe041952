"""The result types of the journey analysis: a `Problem` per offending item, and the `Report`."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

# Every code the analysis can report, in the order problems are listed (errors first).
SEVERITY = {
    "orphan": ERROR,
    "unreachable": ERROR,
    "dead-end": ERROR,
    "raci-no-accountable": ERROR,
    "raci-multiple-accountable": ERROR,
    "raci-no-responsible": ERROR,
    "capacity-exceeded": ERROR,
    "backward-flow": WARNING,
    "empty-stage": WARNING,
    "empty-lane": WARNING,
    "raci-overload": WARNING,
    "duplicate-title": WARNING,
}
CODES = tuple(SEVERITY)


@dataclass
class Problem:
    """One offending item. `touchpoints` holds titles for people, `ids` the same cards for the GUI.

    `extra` is merged into the JSON object (e.g. {"lane": name}); `ids` is not exported.
    """

    code: str
    severity: str
    message: str
    touchpoints: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        result = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "touchpoints": list(self.touchpoints),
        }
        for key, value in self.extra.items():
            result.setdefault(key, value)  # the four contract keys always win
        return result


def problem(code: str, message: str, cards=(), **extra) -> Problem:
    """A Problem of `code` about `cards` (Touchpoints, already in the order to report)."""
    return Problem(
        code=code,
        severity=SEVERITY[code],
        message=message,
        touchpoints=[tp.title for tp in cards],
        extra=extra,
        ids=[tp.id for tp in cards],
    )


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    figures: dict = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def to_dict(self) -> dict:
        return {"problems": [p.to_dict() for p in self.problems], "figures": self.figures}
