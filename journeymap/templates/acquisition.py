"""Acquisition: the closed loop reach -> engage -> enroll -> retain -> develop (seeds 000, 002)."""

from .spec import TP, Template

ROLES = {
    "MM": "Marketing manager",
    "CM": "Community manager",
    "SR": "Sales rep",
    "AM": "Account manager",
    "OL": "Ops lead",
    "SL": "Support lead",
}

TOUCHPOINTS = (
    # -- Reach: be where the customer already works ------------------------------------
    TP("Reach", "Community/peers", "Peer recommendation", "community", 1, "observed",
       "CM:A AM:R MM:I",
       "A peer at another plant mentions us in a trade-association forum or over coffee.",
       "Referred prospects per week", "Referral programme, customer stories to share",
       volume=30, days=7,
       opportunity="Give happy customers an easy way to share a case study.",
       next="Read practice guides"),
    TP("Reach", "Marketing", "Answer questions in industry communities", "social", 1,
       "observed", "CM:A MM:R SR:I",
       "We answer practitioners' questions in LinkedIn groups and trade forums as a pupil, "
       "not a seller.",
       "Answers per week, profile visits", "Community manager 1 day/week, expert rota",
       volume=200, days=5, cost=800,
       next="Read practice guides"),
    TP("Reach", "Marketing", "Trade event talk", "event", 2, "measured", "MM:A SR:R AM:C",
       "A practical talk at the regional trade show, with a demo corner staffed by sales.",
       "Badge scans, booked follow-ups", "Booth, demo kit, 2 staff, slide deck",
       volume=40, days=3, cost=6000,
       next="Download best-practice template; Discovery call"),
    # -- Engage: prospects self-serve and qualify themselves ---------------------------
    TP("Engage", "Customer", "Read practice guides", "web", 1, "measured", "MM:AR CM:C",
       "The prospect reads how-to guides and benchmarks on our website.",
       "Guide readers per week, time on page", "Guides, benchmark data, web analytics",
       volume=150, days=4,
       next="Download best-practice template"),
    TP("Engage", "Marketing", "Download best-practice template", "web", 0, "measured",
       "MM:A CM:R SR:I",
       "A free template of our best practice the prospect can use in their own plant.",
       "Downloads, share of downloads that book a call", "Template, landing page, CRM form",
       volume=60, days=5,
       pain="The download form asks for 12 fields; a third of visitors give up.",
       opportunity="Ask for an email only; learn the rest from use.",
       next="Discovery call"),
    TP("Engage", "Sales", "Discovery call", "phone", -1, "observed", "SR:AR MM:C OL:I",
       "A sales rep learns the prospect's process and whether a pilot makes sense.",
       "Days from download to first reply, calls per week", "Sales rep, discovery guide",
       volume=20, days=7,
       pain="The first human reply takes 6 days on average; prospects cool down.",
       opportunity="Reply within one working day; let prospects book the call themselves.",
       next="Pilot trial on site"),
    # -- Enroll: a qualified prospect signs with confidence ----------------------------
    TP("Enroll", "Operations", "Pilot trial on site", "in person", 2, "observed",
       "OL:A SR:R AM:C",
       "Operations runs a two-week pilot on one of the prospect's lines.",
       "Pilots started, pilot success rate", "Ops engineer 3 days, pilot kit, travel",
       volume=6, days=14, cost=1200, moment=True,
       opportunity="Let the prospect's own operator present the pilot results.",
       next="Proposal and quote"),
    TP("Enroll", "Sales", "Proposal and quote", "document", -1, "observed", "SR:A AM:R OL:C",
       "A written proposal with price, scope and delivery date from the pilot's findings.",
       "Days from pilot end to quote", "Quote template, price book, approvals",
       volume=8, days=9,
       pain="A quote needs three approvals and takes 9 days.",
       opportunity="Pre-approved price bands for standard pilots.",
       next="Sign first order"),
    TP("Enroll", "Customer", "Sign first order", "document", 1, "measured", "SR:A AM:R",
       "The customer signs the first order electronically.",
       "Pilot-to-order conversion", "E-signature, order form",
       volume=5, days=5, moment=True,
       next="Delivery and setup"),
    # -- Retain: value in use --------------------------------------------------------
    TP("Retain", "Operations", "Delivery and setup", "in person", -1, "observed",
       "OL:AR AM:C SL:I",
       "Operations delivers, installs and trains the first operators.",
       "On-time delivery, days to first use", "Install crew, training kit, spare parts",
       volume=5, days=10,
       pain="The pilot team's notes do not reach the install crew; questions are asked twice.",
       opportunity="One handover sheet from pilot to delivery.",
       next="Welcome call at day 30; Support request"),
    TP("Retain", "Customer Service", "Welcome call at day 30", "phone", 1, "assumption",
       "SL:A AM:R",
       "Customer service checks that the customer gets the value promised in the pilot.",
       "Calls done on time, issues found", "Call script, CRM task",
       volume=5, days=60,
       next="Quarterly value review"),
    TP("Retain", "Customer Service", "Support request", "chat", -1, "measured",
       "SL:AR OL:C AM:I",
       "The customer asks for help by chat or phone when something does not work.",
       "First-contact resolution, time to resolve", "Support team, knowledge base",
       volume=25, days=2,
       pain="Field problems wait for an engineer visit.",
       next="Quarterly value review", loops="Delivery and setup",
       loop_label="support loop: engineer revisits"),
    # -- Develop: grow together, refer peers, co-create ---------------------------------
    TP("Develop", "Sales", "Quarterly value review", "in person", 1, "assumption",
       "AM:AR SR:C OL:C",
       "The account manager reviews results with the customer and finds the next need.",
       "Reviews held, expansion opportunities", "Account manager, usage report",
       volume=3, days=30,
       next="User group meeting; Customer story and referral"),
    TP("Develop", "Marketing", "User group meeting", "event", 2, "assumption", "MM:A CM:R AM:C",
       "Customers share practice with each other and with our product team.",
       "Attendees, ideas adopted", "Venue, facilitator, product team",
       volume=10, cost=3000,
       loops="Download best-practice template", loop_label="feedback loop: new templates"),
    TP("Develop", "Community/peers", "Customer story and referral", "community", 2,
       "assumption", "CM:A AM:R MM:C",
       "A satisfied customer tells peers and lets us publish their story.",
       "Referrals per customer, stories published", "Case-study writer, referral thank-you",
       volume=2,
       loops="Peer recommendation", loop_label="feedback loop: referral"),
)

TEMPLATE = Template(
    key="acquisition",
    summary="Closed-loop acquisition: reach, engage, enroll, retain, develop, with referral "
    "and feedback loops",
    name="Customer acquisition",
    kind="customer",
    description="A B2B acquisition journey as a closed loop: prospects are reached where they "
    "already work, qualify themselves with useful knowledge, enroll through a pilot, stay "
    "because they get value in use, and develop into customers who refer their peers.",
    a3={
        "owner": "Head of marketing",
        "background": "Most good customers came through peers and trade communities; paid "
        "advertising brought leads that never bought. We want a path to participation "
        "rather than a funnel we push people down.",
        "current_condition": "We expect 3 weeks from first research to signed order; the "
        "CRM shows 7. 60% of pilots do not turn into orders, and the pilot-to-delivery "
        "handover has no owner.",
        "goal": "Research to order in 4 weeks and pilot-to-order conversion from 40% to 55% "
        "by Q2, without adding operations headcount.",
        "analysis": "The waits are a 6-day first reply after a download and a 9-day quote. "
        "Pilots succeed technically but proposals arrive after the champion's attention "
        "has moved on.",
        "countermeasures": "Reply within one working day; pre-approved price bands; one "
        "handover sheet from pilot to delivery; ask for an email only on downloads.",
        "plan": "Month 1 reply-time rota and short download form; month 2 price bands; "
        "month 3 handover sheet and day-30 welcome call for every new customer.",
        "follow_up": "Compare the map with the CRM event log every month, by segment; "
        "review this sheet in the quarterly A3 meeting.",
    },
    personas=(
        ("Maria, operations manager",
         "Runs a 40-person plant; researches suppliers through peers, trade associations "
         "and LinkedIn before she talks to any sales rep.",
         "Find a supplier who understands her process; prove value with a small pilot "
         "before committing budget.",
         "Cold calls and generic brochures; being passed between departments; slow "
         "answers once the contract is signed."),
        ("Dev, procurement lead",
         "Joins late in the decision; compares offers on price, terms and delivery risk.",
         "A clear quote with a delivery date he can hold the supplier to.",
         "Quotes that change after approval; missing references."),
    ),
    stages=(
        ("Reach", 14, "The right prospects find us where they already work: communities, "
         "events, peers."),
        ("Engage", 10, "Prospects self-serve useful knowledge and qualify themselves."),
        ("Enroll", 21, "A qualified prospect signs the first order with confidence."),
        ("Retain", 60, "The customer gets the value promised in the pilot and stays."),
        ("Develop", 90, "The customer grows with us, refers peers and co-creates."),
    ),
    lanes=(
        ("Customer", "customer", "blue", None),
        ("Community/peers", "customer", "sky", None),
        ("Marketing", "frontstage", "orange", 350),
        ("Sales", "frontstage", "green", 40),
        ("Operations", "backstage", "vermillion", 15),
        ("Customer Service", "frontstage", "purple", 40),
    ),
    roles=ROLES,
    touchpoints=TOUCHPOINTS,
)
