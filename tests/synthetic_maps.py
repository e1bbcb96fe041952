"""Synthetic journey maps of any size, for benchmarks, tests and print previews."""

from __future__ import annotations

import random

from journeymap.document import Document
from journeymap.model import Map, new_id

STAGES = ("Awareness", "Consideration", "Purchase", "Onboarding", "Use", "Support", "Renewal",
          "Advocacy", "Expansion", "Win-back", "Referral", "Review")
LANES = (("Customer", "customer", "#4e79a7"), ("Sales", "frontstage", "#f28e2b"),
         ("Service desk", "frontstage", "#59a14f"), ("Operations", "backstage", "#76b7b2"),
         ("IT systems", "backstage", "#9c755f"), ("Reseller", "partner", "#b07aa1"))
CHANNELS = ("Web", "Email", "Phone", "Store", "App", "Chat", "Letter", "Event")
ROLES = ("Marketing", "Sales", "Support", "Operations", "Finance", "Legal", "IT", "Product",
         "Partner manager", "Quality", "HR", "Management")
WORDS = ("check", "request", "offer", "contract", "invoice", "account", "delivery", "review",
         "approval", "reminder", "welcome", "training", "feedback", "renewal", "quote", "demo")


def sample_map(stages: int = 6, lanes: int = 4, per_cell: int = 2, roles: int = 6,
               seed: int = 7, name: str = "Sample journey") -> Map:
    """A filled map: stages x lanes cells with per_cell cards each, RACI letters, forward
    connections along each lane, a loop in every third stage, an A3 header and personas."""
    rnd = random.Random(seed)
    doc = Document(Map(id=new_id("map"), name=name))
    _describe(doc)
    stage_ids = [doc.add_stage(STAGES[i % len(STAGES)] + ("" if i < len(STAGES) else f" {i}"),
                               days=float(rnd.choice((3, 5, 7, 14)))).id for i in range(stages)]
    lane_ids = []
    for i in range(lanes):
        title, kind, colour = LANES[i % len(LANES)]
        lane_ids.append(doc.add_lane(title if i < len(LANES) else f"{title} {i}", kind=kind,
                                     color=colour).id)
    role_ids = [doc.add_role(ROLES[i % len(ROLES)] + ("" if i < len(ROLES) else f" {i}")).id
                for i in range(roles)]
    cells = _add_cards(doc, rnd, stage_ids, lane_ids, role_ids, per_cell)
    _connect(doc, cells, stages, lanes)
    return doc.map


def _describe(doc: Document) -> None:
    """The A3 header and two personas."""
    doc.set_map_fields(owner="Customer Experience team", date="2024-05-02", version="3",
                       description="How a small business buys and renews a service contract.",
                       background="Renewals fell by 12 % last year; churned customers mention "
                                  "slow onboarding and unclear invoices.",
                       current_condition="Onboarding takes 21 days on average; 30 % of "
                                         "tickets are about the first invoice.",
                       goal="Onboarding in 7 days and first-invoice tickets halved by Q4.",
                       analysis="Hand-offs between Sales and Operations lose the order "
                                "details; nobody owns the welcome call.",
                       countermeasures="One order sheet shared by Sales and Operations; a "
                                       "named onboarding owner per account.",
                       plan="Pilot in region North in June, roll out in September.",
                       follow_up="Monthly review of onboarding days and invoice tickets.")
    doc.add_persona("Dana", description="Owner of a 12-person bakery",
                    goals="Reliable service, predictable costs",
                    frustrations="Chasing the supplier by phone")
    doc.add_persona("Sam", description="Office manager, buys for a law firm")


def _add_cards(doc: Document, rnd: random.Random, stage_ids: list[str], lane_ids: list[str],
               role_ids: list[str], per_cell: int) -> dict[tuple[int, int], list[str]]:
    """per_cell cards in every stage x lane cell; returns their ids by (stage, lane) index."""
    cells: dict[tuple[int, int], list[str]] = {}
    roles = len(role_ids)
    count = 0
    for s, stage in enumerate(stage_ids):
        for ln, lane in enumerate(lane_ids):
            for _ in range(per_cell):
                count += 1
                raci = {}
                if role_ids:
                    raci[rnd.choice(role_ids)] = "RA" if rnd.random() < 0.6 else "R"
                    raci.setdefault(rnd.choice(role_ids), "C")
                tp = doc.add_touchpoint(
                    stage, lane, f"{rnd.choice(WORDS).capitalize()} {rnd.choice(WORDS)} {count}",
                    channel=rnd.choice(CHANNELS), owner=rnd.choice(ROLES[:roles or 1]),
                    experience=rnd.choice((-2, -1, 0, 1, 2, None)),
                    description=f"Step {count} of the journey, described for the index.",
                    pain_points="Waiting for an answer" if rnd.random() < 0.25 else "",
                    opportunities="Send a status text" if rnd.random() < 0.2 else "",
                    moment_of_truth=rnd.random() < 0.08, raci=raci)
                cells.setdefault((s, ln), []).append(tp.id)
    return cells


def _connect(doc: Document, cells, stages: int, lanes: int) -> None:
    """Each card leads to the card in the same place of the next stage's cell (or that
    cell's last card); every other stage hands over to the lane below; every third stage
    has a feedback loop back to the stage before."""
    for ln in range(lanes):
        for s in range(stages - 1):
            here, ahead = cells.get((s, ln), []), cells.get((s + 1, ln), [])
            for i, tp in enumerate(here):
                if ahead:
                    doc.add_connection(tp, ahead[min(i, len(ahead) - 1)])
        if ln + 1 < lanes:
            for s in range(0, stages - 1, 2):
                top, below = cells.get((s, ln)), cells.get((s + 1, ln + 1))
                if top and below:
                    doc.add_connection(top[-1], below[0], label="hand-over", days=2.0)
    for s in range(2, stages, 3):
        here, back = cells.get((s, 0)), cells.get((s - 1, 0))
        if here and back:
            doc.add_connection(here[-1], back[0], loop=True, label="feedback")
