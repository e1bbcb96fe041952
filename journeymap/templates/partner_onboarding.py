"""Channel-partner onboarding: from recruitment to selling on their own (seed 001)."""

from .spec import TP, Template

ROLES = {
    "PM": "Partner manager",
    "CM": "Channel marketing manager",
    "SR": "Sales rep",
    "OL": "Ops lead",
    "FI": "Finance",
}

TOUCHPOINTS = (
    # -- Recruit ---------------------------------------------------------------------------
    TP("Recruit", "Channel partner", "Partner enquiry on the partner page", "web", 0,
       "measured", "CM:AR PM:I",
       "A reseller reads what we offer partners and applies.",
       "Applications per month, share that fit", "Partner page, programme overview",
       volume=5, days=5,
       next="Partner fit interview"),
    TP("Recruit", "Channel team", "Partner fit interview", "in person", 1, "observed",
       "PM:AR SR:C",
       "The partner manager checks the fit: customers, skills, competing brands.",
       "Interviews per month, fit rate", "Partner manager, fit checklist",
       volume=4, days=7,
       next="Credit check and terms"),
    # -- Contract --------------------------------------------------------------------------
    TP("Contract", "Finance", "Credit check and terms", "document", -1, "observed",
       "FI:AR PM:I",
       "Finance checks credit and sets payment terms and discount levels.",
       "Days from interview to terms", "Credit agency, terms matrix",
       volume=3, days=15,
       pain="Takes three weeks and the partner hears nothing meanwhile.",
       opportunity="A status email at every step; pre-approved terms for small partners.",
       next="Partner agreement signed"),
    TP("Contract", "Channel team", "Partner agreement signed", "document", 1, "measured",
       "PM:AR FI:C",
       "The partner signs the agreement electronically.",
       "Agreements signed per quarter", "Agreement template, e-signature",
       volume=3, days=2,
       next="Portal access and ordering account; Welcome kit and brand guidelines"),
    TP("Contract", "Operations", "Portal access and ordering account", "app", -1, "measured",
       "OL:AR PM:I",
       "Operations opens the partner's portal log-ins and ordering account.",
       "Days from signature to first log-in", "Partner portal, ERP account",
       volume=3, days=10,
       pain="Access arrives two weeks after signing.",
       opportunity="Create accounts automatically on signature.",
       next="Sales certification course"),
    # -- Enable ----------------------------------------------------------------------------
    TP("Enable", "Marketing", "Welcome kit and brand guidelines", "mail", 1, "assumption",
       "CM:AR PM:C",
       "A welcome box with demo kit, brand guidelines and ready-made campaign material.",
       "Kits sent within a week of signature", "Demo kit, brand book, campaign templates",
       volume=3, days=5, cost=250,
       next="Sales certification course"),
    TP("Enable", "Channel team", "Sales certification course", "web", 0, "measured",
       "PM:A SR:R CM:C",
       "Partner sales staff learn to position, price and demo the offer.",
       "Staff certified per partner, test scores", "E-learning, certification test",
       volume=10, days=10,
       pain="Four hours of slides; partner staff drop out halfway.",
       opportunity="Short modules built around real customer conversations.",
       next="Joint demo practice"),
    TP("Enable", "Sales", "Joint demo practice", "in person", 2, "observed", "SR:AR PM:C",
       "A sales rep and the partner's staff practise the demo on a real prospect case.",
       "Partners who pass the demo practice", "Sales rep half a day, demo kit",
       volume=3, days=7, moment=True,
       next="Register the first deal"),
    # -- First deal ------------------------------------------------------------------------
    TP("First deal", "Channel partner", "Register the first deal", "app", -1, "observed",
       "SR:A OL:R PM:I",
       "The partner registers an opportunity to protect it and ask for support.",
       "Registrations per new partner in 90 days", "Deal registration in the portal",
       volume=3, days=3, moment=True,
       pain="Registrations clash with direct sales on named accounts.",
       opportunity="Clear rules of engagement and a 48-hour answer.",
       next="Joint customer visit"),
    TP("First deal", "Sales", "Joint customer visit", "in person", 1, "observed",
       "SR:AR PM:C",
       "Our sales rep supports the partner at the customer, in the partner's name.",
       "Win rate of supported first deals", "Sales rep, demo kit",
       volume=2, days=14,
       next="First order processed"),
    TP("First deal", "Operations", "First order processed", "app", 0, "measured",
       "OL:AR FI:I",
       "The partner's first order is booked and shipped.",
       "Order errors on first orders", "ERP, order desk",
       volume=2, days=5,
       next="First commission paid"),
    TP("First deal", "Finance", "First commission paid", "document", -1, "measured",
       "FI:AR PM:I",
       "The partner receives margin or commission on the first deal.",
       "Days from order to commission", "Commission statement, payment run",
       volume=2, days=60,
       pain="Paid 60 days after month end; partners lose interest.",
       next="Quarterly business review"),
    # -- Grow ------------------------------------------------------------------------------
    TP("Grow", "Channel team", "Quarterly business review", "in person", 1, "assumption",
       "PM:AR SR:C CM:C",
       "Partner and partner manager review the pipeline and plan the next quarter.",
       "Reviews held, pipeline per partner", "Scorecard, pipeline report",
       volume=1, days=7,
       next="New partner employee joins; Co-marketing campaign"),
    TP("Grow", "Marketing", "Co-marketing campaign", "event", 1, "assumption", "CM:AR PM:C",
       "A joint event or campaign in the partner's region, funded from the programme.",
       "Leads per campaign", "Market development funds, campaign kit",
       volume=1, cost=2000),
    TP("Grow", "Channel partner", "New partner employee joins", "in person", 0,
       "assumption", "PM:A CM:R",
       "The partner hires a salesperson, who needs the same onboarding.",
       "New partner staff certified within 30 days", "Partner staff list in the portal",
       volume=2,
       loops="Sales certification course",
       loop_label="new partner hires get onboarded too"),
)

TEMPLATE = Template(
    key="partner-onboarding",
    summary="Channel-partner onboarding, from recruitment to the first deal and new "
    "partner hires",
    name="Channel partner onboarding",
    kind="channel partner",
    description="The journey of a new channel partner: recruitment, contract, enablement, "
    "the first supported deal and growth, including the onboarding of people the partner "
    "hires later.",
    a3={
        "owner": "Channel director",
        "background": "Partners sell our offer incorrectly, do not understand the brand and "
        "lose deals to inferior competitors. There is no formal onboarding for new "
        "partners, and nothing for the people they hire.",
        "current_condition": "Signing to first deal takes 7 months; 40% of partners never "
        "register a deal; certification is finished by a third of partner staff.",
        "goal": "First registered deal within 90 days of signing for 70% of new partners.",
        "analysis": "Partners wait weeks for terms and portal access, learn from slides, "
        "clash with direct sales on deal registration, and are paid late for the first "
        "deal.",
        "countermeasures": "Accounts created on signature; short certification modules; "
        "joint demo practice; rules of engagement; commission paid within 30 days.",
        "plan": "Automated accounts and status emails this quarter; new certification "
        "modules next quarter; rules of engagement agreed with direct sales.",
        "follow_up": "Monthly partner scorecard; quarterly comparison of the partner event "
        "log with this map.",
    },
    personas=(
        ("Lars, reseller owner",
         "Runs a 15-person regional reseller that carries three competing brands and sells "
         "what is easiest to sell.",
         "A first profitable deal within a quarter; his staff certified quickly; one "
         "person to call.",
         "Thick PDF price lists; deal registration conflicts with direct sales; new hires "
         "get no training."),
        ("Aisha, new partner salesperson",
         "Joined the reseller last month from another industry.",
         "Understand the offer well enough to demo it alone.",
         "Long e-learning without real cases; nobody to practise with."),
    ),
    stages=(
        ("Recruit", 30, "The right partners apply, knowing what we expect and what they "
         "get."),
        ("Contract", 21, "Terms, agreement and accounts are done quickly and visibly."),
        ("Enable", 30, "Partner staff can position, price and demo the offer correctly."),
        ("First deal", 60, "The partner wins a first deal with our support."),
        ("Grow", 90, "The partner sells on its own and onboards its new hires."),
    ),
    lanes=(
        ("Channel partner", "partner", "blue", None),
        ("Channel team", "frontstage", "green", 20),
        ("Marketing", "frontstage", "orange", 10),
        ("Sales", "frontstage", "sky", 8),
        ("Operations", "backstage", "vermillion", 10),
        ("Finance", "backstage", "yellow", 10),
    ),
    roles=ROLES,
    touchpoints=TOUCHPOINTS,
)
