"""Customer onboarding: from a signed order to first value and wider adoption."""

from .spec import TP, Template

ROLES = {
    "AM": "Account manager",
    "OL": "Onboarding lead",
    "SL": "Support lead",
    "FI": "Finance",
    "CM": "Community manager",
}

TOUCHPOINTS = (
    # -- Welcome -----------------------------------------------------------------------
    TP("Welcome", "Sales", "Sales-to-onboarding handover", "document", 0, "observed",
       "AM:A OL:R SL:I",
       "The account manager hands the signed deal, goals and contacts to onboarding.",
       "Handovers complete on day 1", "Handover sheet in the CRM, 30-minute call",
       volume=6, days=1,
       pain="Sales notes live in email; the customer is asked the same questions twice.",
       opportunity="A required handover sheet before the deal can be marked won.",
       next="Welcome email with plan and contacts; Kick-off call"),
    TP("Welcome", "Customer Service", "Welcome email with plan and contacts", "email", 1,
       "measured", "SL:A OL:R AM:I",
       "A personal welcome with the onboarding plan, dates and named contacts.",
       "Sent within 24 h of signature, open rate", "Email template, onboarding plan",
       volume=6, days=1,
       next="Kick-off call"),
    TP("Welcome", "Operations", "Kick-off call", "phone", 2, "observed", "OL:AR AM:C SL:I",
       "Onboarding lead and customer agree goals, dates and the first outcome to reach.",
       "Kick-offs within 3 days of signature", "Onboarding lead, kick-off deck",
       volume=6, days=2, moment=True,
       next="Share data and access; Billing account setup"),
    # -- Setup -------------------------------------------------------------------------
    TP("Setup", "Customer", "Share data and access", "web", -1, "observed", "OL:A SL:R",
       "The customer uploads master data and grants system access.",
       "Days to complete data upload", "Upload portal, data checklist",
       volume=6, days=4,
       pain="The forms ask for data sales already collected.",
       opportunity="Pre-fill the forms from the handover sheet.",
       next="Account configuration and data import"),
    TP("Setup", "Operations", "Account configuration and data import", "app", -1, "measured",
       "OL:AR SL:C",
       "Operations configures the account and imports the customer's data.",
       "Days from data received to account ready", "Implementation engineer 2 days",
       volume=6, days=7, cost=900,
       pain="Planned 1 week, takes 3: incomplete data is found late.",
       opportunity="Validate uploads on arrival and ask for fixes the same day.",
       next="Key-user training", loops="Share data and access",
       loop_label="missing data goes back to the customer"),
    TP("Setup", "Finance", "Billing account setup", "email", 0, "measured", "FI:AR AM:I",
       "Finance sets up invoicing, payment terms and the billing contact.",
       "Correct first invoice", "Billing system, customer PO",
       volume=6, days=5,
       next="Key-user training"),
    # -- Learn -------------------------------------------------------------------------
    TP("Learn", "Customer Service", "Key-user training", "in person", 1, "observed",
       "SL:A OL:R AM:I",
       "Hands-on training for the customer's key users on their own data.",
       "Key users trained, training rating", "Trainer, training environment, handbook",
       volume=6, days=7, cost=600,
       next="First live use; Join the user community; Self-paced help centre"),
    TP("Learn", "Community/peers", "Join the user community", "community", 1, "assumption",
       "CM:AR SL:I",
       "New users join the customer forum and meet peers doing the same work.",
       "New members active in 30 days", "Forum, welcome thread, community manager",
       volume=4, days=7,
       next="First live use; Peer user group"),
    TP("Learn", "Customer", "Self-paced help centre", "web", 0, "measured", "SL:AR CM:C",
       "Users look up how-to articles and short videos when they get stuck.",
       "Articles viewed, searches without result", "Help centre, video library",
       volume=20, days=3,
       pain="Searches in the customer's own words find nothing.",
       next="First live use"),
    # -- First value -------------------------------------------------------------------
    TP("First value", "Customer", "First live use", "app", 1, "measured", "OL:A SL:R",
       "The customer runs real work in the product for the first time.",
       "Days from signature to first live use", "Product, go-live checklist",
       volume=6, days=7,
       next="Support request in the first weeks; 30-day success review"),
    TP("First value", "Customer Service", "Support request in the first weeks", "chat", -1,
       "measured", "SL:AR OL:C",
       "New users ask for help by chat when something is unclear or broken.",
       "First-contact resolution, requests per new customer", "Support team, knowledge base",
       volume=15, days=2,
       pain="New customers are queued with everyone else.",
       opportunity="A named onboarding contact answers the first month's requests.",
       next="30-day success review", loops="First live use",
       loop_label="support loop: back to work"),
    TP("First value", "Operations", "30-day success review", "in person", 2, "assumption",
       "OL:A AM:R SL:C",
       "Onboarding lead and customer check the first agreed outcome together.",
       "Share of customers reaching the first outcome in 30 days", "Review template, usage report",
       volume=6, days=5, moment=True,
       next="Handover to account manager; Onboarding satisfaction survey"),
    # -- Adopt -------------------------------------------------------------------------
    TP("Adopt", "Sales", "Handover to account manager", "phone", 1, "assumption",
       "AM:AR OL:C",
       "Onboarding ends; the account manager takes over for the retain journey.",
       "Handovers with an agreed success plan", "Success plan, CRM task",
       volume=6),
    TP("Adopt", "Community/peers", "Peer user group", "event", 1, "assumption", "CM:AR AM:I",
       "Users meet peers from other customers to share practice.",
       "Attendees from new customers", "Venue or video call, host",
       volume=3, cost=400),
    TP("Adopt", "Customer Service", "Onboarding satisfaction survey", "email", 0, "measured",
       "SL:A OL:R AM:I",
       "A short survey on how easy and enjoyable onboarding was.",
       "Response rate, ease score", "Survey tool",
       volume=6,
       loops="Welcome email with plan and contacts",
       loop_label="feedback loop: improve the welcome"),
)

TEMPLATE = Template(
    key="customer-onboarding",
    summary="Welcome and onboarding of a new customer, from signed order to first value",
    name="Customer onboarding",
    kind="customer",
    description="What a new customer goes through from the signed order to the first "
    "agreed outcome and wider adoption: welcome, setup, learning, first value, adoption.",
    a3={
        "owner": "Head of customer success",
        "background": "New customers decide in their first month whether they made the "
        "right choice. Onboarding is spread across sales, operations, customer service and "
        "finance, and nobody sees it end to end.",
        "current_condition": "Setup is planned at 1 week and takes 3; a third of new "
        "customers reach their first outcome after day 60; onboarding ease scores 2.9 of 5.",
        "goal": "80% of new customers reach their first agreed outcome within 30 days; "
        "ease score 4 of 5.",
        "analysis": "Setup waits for incomplete data that is found late; the customer is "
        "asked again for what sales already knew; first-month support requests queue with "
        "everyone else's.",
        "countermeasures": "Required handover sheet; pre-filled forms; validate uploads on "
        "arrival; a named onboarding contact for the first month.",
        "plan": "Handover sheet in the CRM this month; pre-filled forms next month; named "
        "contact pilot with the next ten customers.",
        "follow_up": "Weekly onboarding stand-up on this map; monthly comparison with the "
        "onboarding event log; survey results feed back into the welcome.",
    },
    personas=(
        ("Priya, customer administrator",
         "Owns the product on the customer's side after signature, next to her normal job.",
         "Be live and show a first result to her boss within 30 days; know whom to call.",
         "Asked again for data she gave sales; no single contact; training weeks after go-"
         "live."),
    ),
    stages=(
        ("Welcome", 3, "The customer feels welcome and knows the plan, the people and the "
         "next step."),
        ("Setup", 10, "Account, data and access are ready without asking again for "
         "anything sales already collected."),
        ("Learn", 10, "Key users can do their daily work unaided."),
        ("First value", 14, "The customer reaches the first agreed outcome and says so."),
        ("Adopt", 60, "Use spreads to the wider team; the account moves to the retain "
         "journey."),
    ),
    lanes=(
        ("Customer", "customer", "blue", None),
        ("Community/peers", "customer", "sky", None),
        ("Sales", "frontstage", "green", 20),
        ("Operations", "backstage", "vermillion", 20),
        ("Customer Service", "frontstage", "purple", 40),
        ("Finance", "backstage", "yellow", 15),
    ),
    roles=ROLES,
    touchpoints=TOUCHPOINTS,
)
