"""Employee onboarding: from a signed offer to a confident, productive team member."""

from .spec import TP, Template

ROLES = {
    "HR": "HR partner",
    "HM": "Hiring manager",
    "IT": "IT lead",
    "BU": "Buddy",
    "TL": "Training lead",
}

TOUCHPOINTS = (
    # -- Pre-boarding ----------------------------------------------------------------------
    TP("Pre-boarding", "HR", "Offer signed and welcome pack", "email", 2, "measured",
       "HR:AR HM:I",
       "The new hire gets a warm welcome, the first-week agenda and practical details.",
       "Welcome packs sent within 2 days of signature", "Welcome pack, first-week agenda",
       volume=3, days=2,
       next="Equipment and accounts requested; Pre-start call with the manager"),
    TP("Pre-boarding", "IT", "Equipment and accounts requested", "app", -1, "measured",
       "IT:AR HR:C HM:I",
       "IT orders the laptop and creates accounts before the start date.",
       "Requests made 10+ days before start", "Service desk ticket, role profile",
       volume=3, days=10,
       pain="The ticket is often raised on the first day.",
       opportunity="Raise it automatically when the offer is signed.",
       next="Equipment handover"),
    TP("Pre-boarding", "Team", "Pre-start call with the manager", "phone", 1, "assumption",
       "HM:AR BU:I",
       "The manager calls to say hello, explain the first weeks and name the buddy.",
       "Calls made before day one", "Manager's call guide",
       volume=3, days=7,
       next="Welcome session and paperwork"),
    # -- Day one ---------------------------------------------------------------------------
    TP("Day one", "HR", "Welcome session and paperwork", "in person", 0, "observed",
       "HR:AR HM:I",
       "HR welcomes the new hire, explains the company and completes the paperwork.",
       "Paperwork complete on day one", "Welcome deck, digital forms",
       volume=3, days=0.2,
       pain="Two hours of forms that could be signed before day one.",
       opportunity="Sign forms online during pre-boarding.",
       next="Equipment handover; Meet your buddy; 30-day plan agreed"),
    TP("Day one", "IT", "Equipment handover", "in person", -2, "observed", "IT:AR HM:I",
       "IT hands over a working laptop, phone and accounts.",
       "New hires working on day one", "Laptop, phone, accounts, set-up guide",
       volume=3, days=1, moment=True,
       pain="One in three new hires has no working laptop on day one.",
       opportunity="Equipment ready on the desk before arrival.",
       next="Product and process training"),
    TP("Day one", "Peers", "Meet your buddy", "in person", 2, "observed",
       "HR:A BU:R HM:I",
       "A colleague who has been here a year takes the new hire to lunch and stays "
       "their first contact.",
       "Buddies assigned before day one", "Buddy guide, lunch budget",
       volume=3, days=1, cost=30, moment=True,
       next="Shadowing customer calls"),
    # -- First month -----------------------------------------------------------------------
    TP("First month", "Team", "30-day plan agreed", "document", 1, "assumption",
       "HM:AR HR:C",
       "Manager and new hire agree what good looks like after 30, 60 and 90 days.",
       "Plans agreed in week one", "30-60-90 plan template",
       volume=3, days=3,
       next="Product and process training"),
    TP("First month", "Employee", "Product and process training", "app", 0, "measured",
       "TL:AR HM:C",
       "E-learning and classroom sessions on the product, systems and processes.",
       "Modules completed, test scores", "E-learning platform, trainer",
       volume=3, days=10, cost=400,
       pain="Long modules, little practice on real cases.",
       next="Shadowing customer calls"),
    TP("First month", "Peers", "Shadowing customer calls", "in person", -1, "observed",
       "BU:R TL:A HM:I",
       "The new hire listens in on real customer calls with experienced colleagues.",
       "Shadowing hours, questions logged", "Experienced agents, headset splitter",
       volume=3, days=5,
       pain="Unstructured: it depends on who happens to be free.",
       opportunity="A shadowing schedule with a checklist of call types.",
       next="First customer cases handled"),
    # -- Ramp-up ---------------------------------------------------------------------------
    TP("Ramp-up", "Employee", "First customer cases handled", "phone", -1, "measured",
       "HM:A BU:R TL:C",
       "The new hire takes real cases, with a buddy nearby.",
       "Cases per day, quality score", "Simple-case queue, buddy on call",
       volume=3, days=7,
       pain="Learns the product from customers' complaints.",
       next="Weekly one-to-one"),
    TP("Ramp-up", "Team", "Weekly one-to-one", "in person", 1, "observed", "HM:AR TL:I",
       "The manager reviews progress, gives feedback and spots gaps in knowledge.",
       "One-to-ones held", "Manager's time, 30-60-90 plan",
       volume=3, days=7,
       next="60-day check-in survey", loops="Product and process training",
       loop_label="gaps go back to training"),
    TP("Ramp-up", "HR", "60-day check-in survey", "app", 0, "measured", "HR:AR HM:I",
       "A short survey on how onboarding is going and what is missing.",
       "Response rate, ease score", "Survey tool",
       volume=3, days=30,
       next="90-day review"),
    # -- Established -----------------------------------------------------------------------
    TP("Established", "Team", "90-day review", "in person", 2, "assumption",
       "HM:AR HR:C",
       "Manager and employee confirm the role is mastered and set next goals.",
       "Employees fully productive at 90 days, first-year retention", "Review template",
       volume=3, days=30, moment=True,
       next="Becomes a buddy for the next hire; Onboarding feedback to HR"),
    TP("Established", "Employee", "Becomes a buddy for the next hire", "in person", 1,
       "assumption", "TL:A BU:R HR:I",
       "After a year the employee welcomes the next new hire.",
       "Buddies from the last year's hires", "Buddy guide",
       volume=1,
       loops="Meet your buddy", loop_label="feedback loop: next hire's buddy"),
    TP("Established", "HR", "Onboarding feedback to HR", "document", 1, "assumption",
       "HR:AR HM:C TL:C",
       "What the new hire would change about onboarding goes back into the welcome pack.",
       "Changes made from feedback", "Feedback form, quarterly review",
       volume=3,
       loops="Offer signed and welcome pack", loop_label="feedback loop: improve onboarding"),
)

TEMPLATE = Template(
    key="employee-onboarding",
    summary="Employee onboarding, from signed offer to a productive team member at 90 days",
    name="Employee onboarding",
    kind="employee",
    description="The journey of a new customer-service employee: pre-boarding, day one, the "
    "first month, ramp-up and the 90-day review, with feedback looping back into the next "
    "hire's onboarding.",
    a3={
        "owner": "HR director",
        "background": "New employees meet our customers within weeks, so how we onboard "
        "them shapes the customer journey too. Today every team does it differently.",
        "current_condition": "A third of new hires have no working laptop on day one; "
        "full productivity takes 5 months; 1 in 6 leaves within the first year.",
        "goal": "Every new hire working on day one; fully productive at 90 days; "
        "first-year leavers below 1 in 12.",
        "analysis": "Equipment is ordered on the start day; shadowing depends on who is "
        "free; knowledge gaps surface through customer complaints.",
        "countermeasures": "Equipment ordered on offer signature; buddy named before day "
        "one; a shadowing schedule; weekly one-to-ones that send gaps back to training.",
        "plan": "Automated IT request this quarter; buddy programme and shadowing "
        "schedule next quarter; 60-day survey from the next intake.",
        "follow_up": "Monthly review of survey results and time to productivity; update "
        "this map after each intake.",
    },
    personas=(
        ("Jamal, new customer-service agent",
         "Joins from a retail job; good with people, new to the product and the systems.",
         "Be productive and confident within six weeks; know whom to ask.",
         "No laptop on day one; shadowing without structure; learning the product from "
         "customers' complaints."),
    ),
    stages=(
        ("Pre-boarding", 14, "The new hire arrives expected: equipment, accounts and a "
         "buddy are ready."),
        ("Day one", 1, "The new hire feels welcome and can work from the first day."),
        ("First month", 30, "The new hire knows the product, the systems and the team."),
        ("Ramp-up", 45, "The new hire handles real cases with growing confidence."),
        ("Established", 90, "The role is mastered and the employee helps the next hire."),
    ),
    lanes=(
        ("Employee", "customer", "blue", None),
        ("Peers", "customer", "sky", 8),
        ("Team", "frontstage", "green", 15),
        ("HR", "frontstage", "orange", 15),
        ("IT", "backstage", "vermillion", 8),
    ),
    roles=ROLES,
    touchpoints=TOUCHPOINTS,
)
