"""Journey analysis: the checks and key figures behind `journeymap check` and the Problems panel.

`analyse(m)` returns a `Report`; `Report.to_dict()` is the `check --json` object
`{"problems": [{"code", "severity", "message", "touchpoints", ...extra}], "figures": {...}}`.

Definitions
-----------
- Connections are Next and Loops (`Connection.loop`); connections whose ends are not
  touchpoints of the map are ignored. Stage order is `Map.stages` order.
- Entry touchpoints: all touchpoints of the first non-empty stage.
- Goal touchpoints: those of the last non-empty stage with no outgoing connection; if none
  qualifies (a loop leaves each of them), all touchpoints of that stage.

Problems (one per offending item; `touchpoints` are titles in `Map.touchpoints` order)
--------------------------------------------------------------------------------------
Listed in this order, errors first, each check's problems in map order:
- `orphan` (error): no connection at all, in or out. An orphan is reported only as orphan,
  never also as `unreachable` or `dead-end` -- an entry or goal card included. A map of one
  touchpoint therefore has one orphan: the contract says "no connection at all".
- `unreachable` (error): no path from an entry reaches it (loops count as edges).
- `dead-end` (error): not in the last non-empty stage and no outgoing connection.
- `raci-no-accountable`, `raci-multiple-accountable` (extra `roles`: names),
  `raci-no-responsible` (error): per touchpoint, counting only roles of the map. A map with
  no roles reports them too, with a message saying to add roles first.
- `capacity-exceeded` (error): a lane with a capacity whose touchpoints' summed weekly
  `volume` exceeds it; extra `lane`, `volume`, `capacity`; touchpoints = the lane's cards
  that have a volume.
- `backward-flow` (warning): a connection not marked as a loop whose target is in an
  earlier stage; extra `from`, `to` (titles); touchpoints = [from, to] in that order.
- `empty-stage` / `empty-lane` (warning): extra `stage` / `lane` (name); touchpoints [].
- `raci-overload` (warning): a role's load is its number of R letters plus A letters (R and A
  on one card count 2). In a map with at least 3 roles and 5 touchpoints, a role whose share of
  the total load exceeds max(40 %, 2 / number of roles) -- well above both a fair split and
  a plain majority -- is overloaded. Extra `role` (name), `share` (0..1); touchpoints = the
  cards where it holds R or A.
- `duplicate-title` (warning): one problem per title used more than once (exact text),
  listing every card with it; extra `title`.

Figures (`Report.figures`, all JSON-friendly; stage and lane keys are names, and stages or
lanes sharing a name are merged)
----------------------------------------------------------------------------------------
- `touchpoints`, `connections`, `loops` (connections marked as loop), `stages`, `lanes`,
  `roles`: counts.
- `entries`, `goals`: titles, map order.
- `reach`: how deep and widespread the journey goes into the organisation.
  `{"main_path": {...}, "reachable": {...}}`, each `{"lanes": n, "lane_names": [...],
  "touchpoints": n}`: the lanes and cards of the main path (= `critical_path`), and of every
  touchpoint reachable from an entry.
- `depth`: number of stages holding at least one reachable touchpoint.
- `handoffs`: `{"total": n, "main_path": n}`, connections whose two ends are in different
  lanes (all connections, loops included), and steps of the main path that change lane.
- `channels`: `{stage: {channel: touchpoints}}`, every stage in order, most used channel
  first; `""` counts touchpoints with no channel.
- `critical_path`: `{"titles": [...], "days": x, "planned_stage_days": y}`. The longest path
  in expected days from an entry to a goal, over forward connections only (loops and backward
  connections left out; a cycle inside one stage is cut where depth-first search from the
  entries closes it). A step's days are the connection's `days`, else its source
  touchpoint's `days`, else 0; equal days go to the path with more steps. `days` is null
  and `titles` empty when no goal can be reached. `planned_stage_days` is the sum of the
  stages' expected durations (null if no stage has one).
- `evidence`: `{"assumption", "observed", "measured": share of touchpoints}` (0..1).
- `experience`: `{stage: mean rated experience, or null when none is rated}`.
- `touchpoints_per_lane`: `{lane: n}`.
"""

from __future__ import annotations

from ..model import Map
from .checks import run_checks
from .figures import compute_figures
from .graph import JourneyGraph, entry_touchpoints, goal_touchpoints
from .problems import CODES, ERROR, SEVERITY, WARNING, Problem, Report
from .text import format_report

__all__ = [
    "CODES",
    "ERROR",
    "SEVERITY",
    "WARNING",
    "Problem",
    "Report",
    "analyse",
    "entry_touchpoints",
    "format_report",
    "goal_touchpoints",
]


def analyse(m: Map) -> Report:
    """Check the journey and compute its key figures; never changes the map."""
    graph = JourneyGraph.of(m)
    return Report(problems=run_checks(graph), figures=compute_figures(graph))
