"""Service recovery: from a failure and a complaint to a fixed problem and a kept customer."""

from .spec import TP, Template

ROLES = {
    "SL": "Support lead",
    "SA": "Support agent",
    "OL": "Ops lead",
    "SM": "Social media manager",
    "FI": "Finance",
    "QM": "Quality manager",
}

TOUCHPOINTS = (
    # -- Failure ---------------------------------------------------------------------------
    TP("Failure", "Customer", "Delivery missed or faulty", "in person", -2, "measured",
       "OL:A QM:R SL:I",
       "The customer's delivery is late, incomplete or faulty.",
       "Failures per 1,000 deliveries", "Delivery records, quality data",
       volume=40, days=0.5,
       next="Complaint call or chat; Public post on social media"),
    TP("Failure", "Operations", "Proactive failure alert", "email", 0, "assumption",
       "OL:AR SL:C",
       "Operations spots the failure first and tells the customer before they notice.",
       "Share of failures announced by us first", "Delivery tracking, alert template",
       volume=20, days=0.5,
       opportunity="Announce every known delay before the customer finds out.",
       next="Ticket acknowledged with owner and date"),
    # -- Complaint -------------------------------------------------------------------------
    TP("Complaint", "Community/peers", "Public post on social media", "social", -2,
       "observed", "SM:A SA:R SL:I",
       "The customer complains in public, and peers join in.",
       "Public complaints per week, reach", "Social listening tool",
       volume=8, days=0.2,
       next="Social care reply"),
    TP("Complaint", "Marketing", "Social care reply", "social", 0, "measured",
       "SM:AR SL:C",
       "The social team replies within the hour and moves the case to a private channel.",
       "Reply time, cases moved to a ticket", "Social team rota, reply guidelines",
       volume=8, days=0.2,
       next="Ticket acknowledged with owner and date"),
    TP("Complaint", "Customer Service", "Complaint call or chat", "phone", -1, "measured",
       "SL:A SA:R",
       "The customer calls or chats to complain.",
       "Contacts per complaint, waiting time", "Agents, complaint script, CRM",
       volume=30, days=0.5, moment=True,
       pain="Customers tell their story three times on average.",
       opportunity="The first agent owns the case to the end.",
       next="Ticket acknowledged with owner and date"),
    TP("Complaint", "Customer Service", "Ticket acknowledged with owner and date", "email",
       1, "measured", "SL:A SA:R OL:I",
       "A confirmation with a named owner, what happens next and by when.",
       "Acknowledged within 4 hours", "Ticket system, acknowledgement template",
       volume=35, days=1,
       next="Root-cause diagnosis"),
    # -- Resolve ---------------------------------------------------------------------------
    TP("Resolve", "Operations", "Root-cause diagnosis", "document", 0, "assumption",
       "OL:AR QM:C SA:I",
       "Operations finds what went wrong for this customer.",
       "Days to diagnosis", "Engineer time, delivery and quality data",
       volume=35, days=1,
       next="Fix or replacement; Progress update"),
    TP("Resolve", "Operations", "Fix or replacement", "in person", 1, "observed",
       "OL:AR SA:I",
       "The faulty item is fixed or replaced, at the customer's convenience.",
       "Days from complaint to fix, first-time fix rate", "Field engineers, spare stock",
       volume=30, days=2, cost=150,
       next="Confirm the fix works"),
    TP("Resolve", "Customer Service", "Progress update", "email", 1, "assumption",
       "SA:AR SL:I",
       "The case owner tells the customer where things stand, before they have to ask.",
       "Updates sent before the customer chases", "Case owner, update template",
       volume=20, days=2,
       pain="Promised callbacks do not come; customers chase.",
       next="Confirm the fix works"),
    # -- Recover ---------------------------------------------------------------------------
    TP("Recover", "Customer", "Confirm the fix works", "phone", 1, "observed", "SL:A SA:R",
       "The case owner and the customer confirm together that the problem is gone.",
       "Cases confirmed fixed at first attempt", "Case owner, checklist",
       volume=30, days=1, moment=True,
       next="Goodwill credit; Reopened case"),
    TP("Recover", "Finance", "Goodwill credit", "email", 2, "measured", "FI:A SL:R",
       "A fair credit or gesture, sized by the trouble caused.",
       "Days from approval to credit", "Goodwill policy, billing system",
       volume=15, days=5, cost=60,
       pain="The credit shows up two billing cycles later.",
       opportunity="Credit on the next invoice, announced in the closing email.",
       next="Satisfaction check after closure"),
    TP("Recover", "Customer Service", "Reopened case", "phone", -2, "measured",
       "SL:AR OL:C QM:I",
       "The fix did not hold; the customer comes back.",
       "Reopen rate", "Senior agent, escalation path",
       volume=5, days=1,
       next="Root-cause review and process fix", loops="Root-cause diagnosis",
       loop_label="support loop: diagnose again"),
    # -- Learn -----------------------------------------------------------------------------
    TP("Learn", "Customer Service", "Satisfaction check after closure", "email", 0,
       "measured", "SL:AR QM:I",
       "A two-question survey once the problem is really fixed.",
       "Satisfaction after recovery, response rate", "Survey tool",
       volume=30,
       pain="The survey used to arrive before the problem was fixed."),
    TP("Learn", "Operations", "Root-cause review and process fix", "document", 1,
       "assumption", "QM:AR OL:R SL:C",
       "Each week the quality manager removes the cause of the most frequent failures.",
       "Repeat failures of the same cause", "Weekly review, Pareto of causes",
       volume=10,
       next="'You said, we did' update", loops="Proactive failure alert",
       loop_label="feedback loop: catch it earlier"),
    TP("Learn", "Marketing", "'You said, we did' update", "web", 1, "assumption",
       "SM:AR QM:C",
       "Customers see what changed because of their complaints.",
       "Page views, public complaints on the same cause", "Web page, newsletter item",
       volume=40),
)

TEMPLATE = Template(
    key="service-recovery",
    summary="Complaint to recovery: a failure turned into loyalty, with a support loop",
    name="Service recovery",
    kind="customer",
    description="What happens after something goes wrong: detecting the failure, capturing "
    "the complaint once, fixing it, making it right, and removing the cause for everyone. "
    "Reopened cases loop back to diagnosis.",
    a3={
        "owner": "Head of customer service",
        "background": "A well-handled complaint keeps customers who would otherwise leave; "
        "a badly handled one goes public. Complaints cross customer service, operations, "
        "finance and the social media team.",
        "current_condition": "Customers tell their story three times; 18% of cases are "
        "reopened; goodwill credits take two billing cycles; 1 in 5 complaints is public.",
        "goal": "One contact to log a complaint, reopen rate below 8%, and satisfaction "
        "after recovery of 4 of 5 within two quarters.",
        "analysis": "Cases pass between agents without an owner; fixes are not confirmed "
        "with the customer; the same causes return because nobody reviews them.",
        "countermeasures": "The first agent owns the case; confirm the fix with the "
        "customer; credit on the next invoice; weekly root-cause review.",
        "plan": "Case ownership and the acknowledgement template this month; fix "
        "confirmation next month; weekly root-cause review from next quarter.",
        "follow_up": "Weekly: reopen rate and contacts per complaint from the ticket log; "
        "monthly comparison of the complaint event log with this map.",
    },
    personas=(
        ("Elena, long-time customer",
         "A customer for six years whose delivery arrived damaged the day before an event.",
         "Be heard once, get it fixed quickly, and a fair gesture for the trouble.",
         "Repeating her story to every agent; callbacks that never come; a survey before "
         "the problem is fixed."),
    ),
    stages=(
        ("Failure", 1, "We detect the failure, ideally before the customer tells us."),
        ("Complaint", 1, "The complaint is captured once, acknowledged and owned by one "
         "person."),
        ("Resolve", 5, "The problem is fixed for this customer, who is kept informed."),
        ("Recover", 7, "A confirmed fix and a fair gesture restore trust."),
        ("Learn", 30, "The cause is removed for everyone, and customers see that it was."),
    ),
    lanes=(
        ("Customer", "customer", "blue", None),
        ("Community/peers", "customer", "sky", None),
        ("Marketing", "frontstage", "orange", 60),
        ("Customer Service", "frontstage", "purple", 150),
        ("Operations", "backstage", "vermillion", 120),
        ("Finance", "backstage", "yellow", 30),
    ),
    roles=ROLES,
    touchpoints=TOUCHPOINTS,
)
