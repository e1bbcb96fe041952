"""Upsell and cross-sell to existing customers, with operations' capacity checked (seed 003)."""

from .spec import TP, Template

ROLES = {
    "MM": "Marketing manager",
    "AM": "Account manager",
    "OL": "Ops lead",
    "FI": "Finance controller",
    "SL": "Support lead",
}

TOUCHPOINTS = (
    # -- Signal: a real need shows up ----------------------------------------------------
    TP("Signal", "Customer", "Usage nears plan limit", "app", 0, "measured", "AM:A SL:R OL:I",
       "The product shows the customer, and us, that they are close to their plan's limit.",
       "Accounts above 80% of plan", "Usage dashboard, in-app notice",
       volume=25, days=3,
       opportunity="Tell the customer before it hurts, with the options side by side.",
       next="Account review meeting"),
    TP("Signal", "Customer Service", "Support ticket reveals a new need", "chat", 0,
       "observed", "SL:AR AM:I",
       "A support conversation shows the customer needs more than they bought.",
       "Tickets tagged as expansion signal", "Ticket tag, weekly signal list to sales",
       volume=10, days=5,
       pain="Signals stay in the ticket system; sales never hears of them.",
       next="Account review meeting"),
    TP("Signal", "Marketing", "Customer newsletter with new options", "email", 1, "measured",
       "MM:AR AM:C",
       "A monthly newsletter shows what similar customers added and why.",
       "Open rate, replies asking for details", "Newsletter, customer stories",
       volume=300, days=10, cost=500,
       next="Account review meeting"),
    # -- Offer: relevant and feasible ------------------------------------------------------
    TP("Offer", "Sales", "Account review meeting", "in person", 1, "observed",
       "AM:AR SL:C MM:I",
       "The account manager reviews the customer's results and explores the need.",
       "Reviews with an identified need", "Account manager, usage report",
       volume=12, days=3,
       next="Capacity and feasibility check"),
    TP("Offer", "Operations", "Capacity and feasibility check", "document", 0, "observed",
       "OL:AR AM:C",
       "Operations confirms it can deliver the option, in the variant asked, by the date.",
       "Checks answered within 2 days", "Capacity plan, production schedule",
       volume=12, days=2,
       pain="Sales promised variants production cannot make.",
       opportunity="Show sales a live list of what can be delivered and when.",
       next="Tailored upgrade proposal"),
    TP("Offer", "Sales", "Tailored upgrade proposal", "document", 1, "observed",
       "AM:AR FI:C OL:C",
       "A proposal tied to the customer's own outcomes, with price and a confirmed date.",
       "Proposals sent, proposal-to-order rate", "Proposal template, price book",
       volume=10, days=7,
       next="Internal budget approval"),
    # -- Decide --------------------------------------------------------------------------
    TP("Decide", "Customer", "Internal budget approval", "document", -1, "observed",
       "AM:A FI:R",
       "The customer's manager approves the extra spend.",
       "Days to approval", "Business-case one-pager for the customer's manager",
       volume=10, days=10,
       pain="Approval waits for the next budget meeting.",
       opportunity="Give the champion a one-page business case to forward.",
       next="Contract amendment and pricing", loops="Tailored upgrade proposal",
       loop_label="revised proposal requested"),
    TP("Decide", "Finance", "Contract amendment and pricing", "document", -1, "measured",
       "FI:AR AM:C",
       "Finance adds the option to the contract with pro-rata pricing.",
       "Days from approval to amendment", "Amendment template, legal review",
       volume=8, days=15,
       pain="The amendment re-opens the whole contract: three weeks of legal review.",
       opportunity="A standard order form under the existing contract.",
       next="Sign the amendment"),
    TP("Decide", "Customer", "Sign the amendment", "document", 1, "measured", "AM:AR",
       "The customer signs the amendment electronically.",
       "Upsell orders per month", "E-signature",
       volume=7, days=2, moment=True,
       next="Schedule and deliver the upgrade"),
    # -- Deliver -------------------------------------------------------------------------
    TP("Deliver", "Operations", "Schedule and deliver the upgrade", "in person", -2,
       "measured", "OL:AR AM:I SL:I",
       "Operations schedules and delivers the upgrade without disrupting service.",
       "Promised vs actual delivery days", "Install crew, parts, change window",
       volume=7, days=21, moment=True,
       pain="We expected 3 weeks; it took 7 because the variant was not in stock.",
       opportunity="Only offer variants the capacity check confirmed.",
       next="Go-live check-in; First invoice for the upgrade"),
    TP("Deliver", "Customer Service", "Go-live check-in", "phone", 1, "assumption",
       "SL:AR OL:C",
       "Customer service calls after go-live to check everything works.",
       "Issues found at check-in", "Call script",
       volume=7, days=14,
       next="Value review after 90 days", loops="Schedule and deliver the upgrade",
       loop_label="support loop: fix on site"),
    TP("Deliver", "Finance", "First invoice for the upgrade", "email", 0, "measured",
       "FI:AR AM:I",
       "The first invoice with the upgrade's pro-rata charges.",
       "Invoice queries per upgrade", "Billing system, invoice explainer",
       volume=7, days=30,
       pain="Pro-rata lines nobody explained cause queries.",
       next="Value review after 90 days"),
    # -- Expand --------------------------------------------------------------------------
    TP("Expand", "Sales", "Value review after 90 days", "in person", 1, "assumption",
       "AM:AR OL:C SL:C",
       "The account manager shows the value the upgrade delivered.",
       "Upgrades with proven value", "Usage report, value template",
       volume=5, days=30,
       next="Customer case study", loops="Account review meeting",
       loop_label="feedback loop: next need"),
    TP("Expand", "Marketing", "Customer case study", "web", 2, "assumption", "MM:AR AM:C",
       "With the customer's consent, the story goes into the newsletter and website.",
       "Case studies published", "Writer, photographer, customer approval",
       volume=1, cost=1500),
)

TEMPLATE = Template(
    key="upsell",
    summary="Upsell and cross-sell to existing customers, with operations' capacity checked "
    "before anything is promised",
    name="Upsell and cross-sell",
    kind="customer",
    description="How an existing customer moves from a real need to a delivered upgrade: "
    "spotting the signal, offering only what operations can deliver, deciding, delivering "
    "on the promised date and proving the value.",
    a3={
        "owner": "Head of sales",
        "background": "Upsell revenue matters more each year with subscription and "
        "pay-as-you-use models, but upgrades sold are not always upgrades we can deliver.",
        "current_condition": "Upgrades are promised in 3 weeks and delivered in 7 on "
        "average; one in five needs a second visit; contract amendments take 3 weeks.",
        "goal": "Deliver 90% of upgrades on the promised date and cut signature-to-live "
        "from 7 to 4 weeks this year.",
        "analysis": "Sales offers variants without asking operations; amendments re-open "
        "the whole contract; expansion signals from support never reach sales.",
        "countermeasures": "A 2-day capacity check before every proposal; a standard order "
        "form under the existing contract; support tags expansion signals.",
        "plan": "Capacity check rule from next month; order form with legal by end of "
        "quarter; weekly signal list from support.",
        "follow_up": "Monthly: promised vs actual delivery days from the order log; "
        "quarterly review of this sheet with operations.",
    },
    personas=(
        ("Tom, facilities manager",
         "Long-standing customer who runs three sites; buys more when it saves his team "
         "time.",
         "Add capacity without re-negotiating the whole contract; a delivery date he can "
         "plan around.",
         "Offers that ignore what he already bought; dates that slip; surprise invoice "
         "lines."),
    ),
    stages=(
        ("Signal", 14, "We notice a real need from use and conversations, not from a quota."),
        ("Offer", 10, "A relevant offer that operations has confirmed it can deliver."),
        ("Decide", 21, "The customer decides with a clear price, date and paperwork."),
        ("Deliver", 21, "The upgrade is live on the promised date without disruption."),
        ("Expand", 90, "The upgrade's value is proven and feeds the next conversation."),
    ),
    lanes=(
        ("Customer", "customer", "blue", None),
        ("Marketing", "frontstage", "orange", 350),
        ("Sales", "frontstage", "green", 30),
        ("Operations", "backstage", "vermillion", 20),
        ("Customer Service", "frontstage", "purple", 30),
        ("Finance", "backstage", "yellow", 20),
    ),
    roles=ROLES,
    touchpoints=TOUCHPOINTS,
)
