"""The "Figures in full" pages of the planned-vs-actual sheet: flow blocks with every text the
sheet shortened, and the longer lists (each bounded)."""

from __future__ import annotations

from ...comparison import Comparison
from ...comparison.formatting import count_text, fraction_text, step_text
from ..pdf import theme, typeset
from ..pdf.flow import Line, text_lines
from ..sheet.pages import heading
from .band import slow_line
from .figures import CardFigures, pdf_days, period_text, slow_steps, stage_timings

Block = tuple[list[Line], list[Line]]


def full_blocks(result: Comparison, cards: list[tuple[str, str, CardFigures]], width: float
                ) -> list[Block]:
    """Every text of the sheet whole, and the longer lists (each bounded)."""
    blocks: list[Block] = [(heading("Comparison", width), _facts(result, width))]
    figures = result.figures
    blocks += _listed("Most common paths", [
        (f"{fraction_text(v.share)} · {count_text(v.cases, 'case')}",
         " › ".join(v.activities)) for v in figures.variant_list][:30],
        width, figures.variants)
    deviations = figures.deviations
    blocks += _listed("Deviations", [
        (f"{s.count:,}" + (f" {s.kind}" if s.kind is not None else ""),
         step_text(s.source, s.target)) for s in deviations][:60], width, len(deviations))
    blocks += _listed("Slower than planned (median)", [
        ("", s.text + " — " + "".join(t for t, *_ in slow_line(s)))
        for s in slow_steps(result)], width)
    blocks += _listed("Time through stages", [
        (row.name, _stage_text(row)) for row in stage_timings(figures)], width)
    blocks += _listed("Where cases end", [
        (f"{n:,}", name) for name, n in figures.drop_off.items()][:40], width,
        len(figures.drop_off))
    unmatched = figures.unmatched_activities
    blocks += _listed("Activities matching no touchpoint", [
        (count_text(int(n), "event"), name) for name, n in unmatched.items()][:60], width,
        len(unmatched))
    skipped = figures.skipped
    if skipped:
        blocks.append((heading(f"Never visited · {count_text(len(skipped), 'touchpoint')}",
                               width), text_lines(" · ".join(skipped), width, indent=4)))
    blocks += _touchpoints(cards, width)
    segments = result.segments
    blocks += _listed("Segments", [
        (count_text(fig.cases, "case"), name) for name, fig in segments.items()][:60], width,
        len(segments))
    return blocks


def _facts(result: Comparison, width: float) -> list[Line]:
    figures = result.figures
    rows = [
        ("Map", str(result.map_name or "")),
        ("Event log", str(result.log or "")),
        ("Period", period_text(result)),
        ("Cases", f"{figures.cases:,}"),
        ("Events", f"{figures.events:,}"),
        ("Rows skipped", f"{result.skipped_rows:,}"
         + (f" (first: row {result.first_skipped_row})" if result.first_skipped_row else "")),
        ("Exact duplicates", f"{figures.duplicate_events or 0:,} (kept)"),
        ("Goal touchpoints", " · ".join(result.goal) or "none"),
    ]
    if result.segment:
        rows.append(("Segments by", str(result.segment)))
    label_w = max(typeset.width(label + "  ", "cond-bold", theme.BODY_PT) for label, _ in rows)
    lines: list[Line] = []
    for label, value in rows:
        lines += text_lines(value, width, indent=4, label=label, label_w=label_w)
    return lines


def _listed(title: str, rows: list[tuple[str, str]], width: float, total: int | None = None
            ) -> list[Block]:
    if not rows:
        return []
    head = heading(title if total is None or total <= len(rows)
                   else f"{title} · the first {len(rows):,} of {total:,}", width)
    label_w = min(max(typeset.width(label + "  ", "cond-bold", theme.BODY_PT) for label, _ in rows),
                  width * 0.4)
    blocks = []
    for label, text in rows:
        blocks.append((head, text_lines(text, width, indent=4, label=label, label_w=label_w)))
        head = []
    return blocks


def _touchpoints(cards: list[tuple[str, str, CardFigures]], width: float) -> list[Block]:
    """Each card's title whole on its own line, where it is and its figures below."""
    head = heading("Touchpoints", width)
    blocks = []
    for title, where, fig in cards:
        lines = text_lines(title, width, style="cond-bold", indent=4)
        lines[0].space_before = 3
        text = f"{where} · {_card_text(fig)}" if where else _card_text(fig)
        blocks.append((head, lines + text_lines(text, width, indent=14, colour=theme.MUTED)))
        head = []
    return blocks


def _stage_text(row) -> str:
    plan = f"expected {pdf_days(row.expected)}" if row.expected is not None else "no plan"
    if row.median is None:
        return f"{plan} · no case went on to a later stage"
    return (f"{plan}, took {pdf_days(row.median)} · p90 {pdf_days(row.p90)} · "
            f"{count_text(row.cases, 'case')}")


def _card_text(fig: CardFigures) -> str:
    if fig.skipped:
        return "never visited"
    parts = [count_text(fig.visits, "visit")]
    if fig.ends:
        parts.append(f"{fig.ends:,} " + ("reached the goal here" if fig.goal else "ended here"))
    if fig.repeats:
        parts.append(f"{fig.repeats:,} repeated straight away")
    if fig.timing is not None:
        t = fig.timing
        plan = f", expected {pdf_days(t.expected)}" if t.expected is not None else ""
        parts.append(f"busiest step → {t.target}: median {pdf_days(t.median)}{plan}")
    return " · ".join(parts)
