"""The few path and colour operators the map grid draws thousands of times, written straight
into the canvas's content stream.

reportlab formats every number through a pure-Python `fp_str` unless its optional C
accelerator is installed; for a 500-card sheet that was half the drawing time. These helpers
format with f-strings and keep the canvas's own record of the current colours true, so
reportlab code drawing afterwards on the same canvas behaves as before.
"""

from __future__ import annotations

_KAPPA = 0.5523  # control-point distance of a quarter circle as a cubic Bézier


def _rgb(colour) -> str:
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f}"


def fill(c, colour) -> None:
    c._code.append(f"{_rgb(colour)} rg")
    c._fillColorObj = colour


def stroke(c, colour) -> None:
    c._code.append(f"{_rgb(colour)} RG")
    c._strokeColorObj = colour


def line_width(c, width: float) -> None:
    c._code.append(f"{width:.2f} w")
    c._lineWidth = width


def _paint(do_fill: bool, do_stroke: bool) -> str:
    return {(True, True): "B", (True, False): "f", (False, True): "S"}.get((do_fill, do_stroke), "n")


def rect(c, x: float, y: float, w: float, h: float, *, do_fill=True, do_stroke=False) -> None:
    c._code.append(f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re {_paint(do_fill, do_stroke)}")


def _round_path(x: float, y: float, w: float, h: float, r: float) -> str:
    r = max(0.0, min(r, w / 2, h / 2))
    k = r * _KAPPA
    x1, y1 = x + w, y + h
    return (f"{x + r:.2f} {y:.2f} m {x1 - r:.2f} {y:.2f} l "
            f"{x1 - r + k:.2f} {y:.2f} {x1:.2f} {y + r - k:.2f} {x1:.2f} {y + r:.2f} c "
            f"{x1:.2f} {y1 - r:.2f} l "
            f"{x1:.2f} {y1 - r + k:.2f} {x1 - r + k:.2f} {y1:.2f} {x1 - r:.2f} {y1:.2f} c "
            f"{x + r:.2f} {y1:.2f} l "
            f"{x + r - k:.2f} {y1:.2f} {x:.2f} {y1 - r + k:.2f} {x:.2f} {y1 - r:.2f} c "
            f"{x:.2f} {y + r:.2f} l "
            f"{x:.2f} {y + r - k:.2f} {x + r - k:.2f} {y:.2f} {x + r:.2f} {y:.2f} c h")


def round_rect(c, x: float, y: float, w: float, h: float, r: float, *, do_fill=True,
               do_stroke=False) -> None:
    c._code.append(f"{_round_path(x, y, w, h, r)} {_paint(do_fill, do_stroke)}")


def clip_round_rect(c, x: float, y: float, w: float, h: float, r: float) -> None:
    """Clip further drawing to a rounded rectangle (inside saveState/restoreState)."""
    c._code.append(f"{_round_path(x, y, w, h, r)} W n")


def line(c, x1: float, y1: float, x2: float, y2: float) -> None:
    c._code.append(f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S")


def curve(c, p0, p1, p2, p3) -> None:
    """A stroked cubic Bézier through four (x, y) points."""
    c._code.append(f"{p0[0]:.2f} {p0[1]:.2f} m {p1[0]:.2f} {p1[1]:.2f} {p2[0]:.2f} {p2[1]:.2f} "
                   f"{p3[0]:.2f} {p3[1]:.2f} c S")


def chain(c, points) -> None:
    """A stroked chain of cubic Béziers: a start, then two controls and an end per segment."""
    (x, y), rest = points[0], points[1:]
    parts = [f"{x:.2f} {y:.2f} m"]
    for i in range(0, len(rest) - 2, 3):
        (x1, y1), (x2, y2), (x3, y3) = rest[i:i + 3]
        parts.append(f"{x1:.2f} {y1:.2f} {x2:.2f} {y2:.2f} {x3:.2f} {y3:.2f} c")
    c._code.append(" ".join(parts) + " S")


def polygon(c, points) -> None:
    """A filled polygon through (x, y) points."""
    first, *rest = points
    path = " ".join(f"{x:.2f} {y:.2f} l" for x, y in rest)
    c._code.append(f"{first[0]:.2f} {first[1]:.2f} m {path} h f")
