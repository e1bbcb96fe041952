"""Subscription renewal, including the renewal path that is so often missing (seed 001)."""

from .spec import TP, Template

ROLES = {
    "MM": "Marketing manager",
    "DL": "Digital lead",
    "AM": "Account manager",
    "SL": "Support lead",
    "FI": "Billing lead",
}

TOUCHPOINTS = (
    # -- Value in use --------------------------------------------------------------------
    TP("Value in use", "Customer", "Use the subscription", "app", 1, "measured",
       "DL:A SL:R",
       "The subscriber uses the product or service through the year.",
       "Active subscribers, log-ins per month", "Product, account area",
       volume=400, days=30,
       pain="Many subscribers forget they have a log-in at all.",
       next="Renewal reminders at 60, 30 and 7 days"),
    TP("Value in use", "Marketing", "Quarterly usage summary", "email", 1, "measured",
       "MM:AR DL:C",
       "An email shows what the subscriber got out of the subscription this quarter.",
       "Open rate, clicks to the account area", "Usage data, email template",
       volume=150, days=30,
       next="Renewal reminders at 60, 30 and 7 days"),
    TP("Value in use", "Account management", "Health check for at-risk accounts", "phone",
       0, "assumption", "AM:AR SL:C",
       "Account managers call subscribers whose use dropped, well before renewal.",
       "At-risk accounts called, saved renewals", "At-risk list, call guide",
       volume=15, days=14,
       next="Renewal call from a named account manager"),
    # -- Renewal notice -------------------------------------------------------------------
    TP("Renewal notice", "Marketing", "Renewal reminders at 60, 30 and 7 days", "email", 0,
       "measured", "MM:A DL:R AM:I",
       "Three reminders with the date, the price and a renew link that signs the "
       "subscriber in.",
       "Reminder click-through to renewal", "Email sequence, signed renew link",
       volume=40, days=7,
       pain="Today there is one reminder, a month before expiry, with no link.",
       opportunity="A signed one-click renew link in every reminder.",
       next="Look for the renewal option online; Renewal invoice and price notice"),
    TP("Renewal notice", "Finance", "Renewal invoice and price notice", "document", -1,
       "observed", "FI:AR AM:C",
       "The renewal invoice with the new price and what changed.",
       "Price queries per 100 renewals", "Billing system, price-change explainer",
       volume=40, days=7,
       pain="Price rises arrive unexplained.",
       opportunity="Explain the rise in one sentence next to the new price.",
       next="Look for the renewal option online; Renewal call from a named account manager"),
    # -- Decide ----------------------------------------------------------------------------
    TP("Decide", "Customer", "Look for the renewal option online", "web", -2, "observed",
       "DL:AR SL:C",
       "The subscriber goes to the website to renew.",
       "Share who find the renew option, drop-off on the page", "Website, account area",
       volume=35, days=1, moment=True,
       pain="The site only offers a new subscription; the form says 'already in the "
       "database'.",
       opportunity="A 'Renew' button on the home page and in the account area.",
       next="Renew in the account with one click; Renewal question in chat"),
    TP("Decide", "Account management", "Renewal call from a named account manager", "phone",
       -1, "observed", "AM:AR SL:I",
       "A named account manager calls to talk about the renewal and the right plan.",
       "Calls answered, renewals from calls", "Account manager, booking link",
       volume=20, days=3,
       pain="Calls from a private number are rejected as spam.",
       opportunity="Call from a named, known number; let the subscriber book a time.",
       next="Renew in the account with one click; Cancellation request"),
    TP("Decide", "Customer Service", "Renewal question in chat", "chat", 1, "assumption",
       "SL:AR DL:C",
       "The subscriber asks about plans, prices or the renew option in chat.",
       "Chats that end in a renewal", "Chat team, renewal FAQ",
       volume=12, days=1,
       next="Renew in the account with one click; Cancellation request"),
    TP("Decide", "Customer Service", "Cancellation request", "phone", -1, "measured",
       "SL:AR AM:C FI:I",
       "The subscriber says they will not renew.",
       "Cancellations per week, reasons", "Cancellation guide, retention offer",
       volume=6, days=2,
       next="Exit survey and win-back offer"),
    # -- Renew -----------------------------------------------------------------------------
    TP("Renew", "Customer", "Renew in the account with one click", "web", 2, "assumption",
       "DL:AR FI:C",
       "The missing renewal path: the existing subscriber renews with the details we have.",
       "Renewals online, time to renew", "Renew page, saved payment details",
       volume=30, days=1, moment=True,
       opportunity="Offer auto-renew on the same page.",
       next="Payment and auto-renew setup"),
    TP("Renew", "Finance", "Payment and auto-renew setup", "web", 1, "measured", "FI:AR DL:C",
       "Payment is taken and the subscriber can switch on auto-renew.",
       "Payment success rate, auto-renew share", "Payment provider, billing system",
       volume=38, days=1,
       next="Renewal thank-you and what's new; Failed payment recovery"),
    TP("Renew", "Customer Service", "Failed payment recovery", "email", -1, "measured",
       "FI:A SL:R",
       "When a card fails, the subscriber gets a clear message and a link to fix it.",
       "Recovered payments", "Dunning emails, update-card link",
       volume=4, days=3,
       pain="The subscription lapses silently after one failed attempt.",
       next="Exit survey and win-back offer", loops="Payment and auto-renew setup",
       loop_label="support loop: retry payment"),
    # -- Follow-up -------------------------------------------------------------------------
    TP("Follow-up", "Marketing", "Renewal thank-you and what's new", "email", 1,
       "assumption", "MM:AR AM:I",
       "A thank-you with what is coming in the next year of the subscription.",
       "Open rate, complaints after renewal", "Email template, roadmap highlights",
       volume=38),
    TP("Follow-up", "Customer Service", "Exit survey and win-back offer", "email", 0,
       "assumption", "SL:A MM:R AM:C",
       "Leavers say why they left and get a fair way back.",
       "Survey responses, win-backs within 90 days", "Survey tool, win-back offer",
       volume=8, cost=300,
       loops="Renew in the account with one click", loop_label="win-back: renew later"),
)

TEMPLATE = Template(
    key="renewal",
    summary="Subscription renewal, with the renewal path customers so often cannot find",
    name="Subscription renewal",
    kind="customer",
    description="The renewal of a yearly subscription, designed on purpose: reminders with a "
    "link, a named account manager, a one-click renewal for existing subscribers, payment "
    "recovery, and a fair exit with a way back.",
    a3={
        "owner": "Head of customer experience",
        "background": "Subscribers who want to renew cannot find how: the website offers "
        "only a new subscription, and reminder calls come from a private number. Renewals "
        "happen by accident, not by design.",
        "current_condition": "One reminder a month before expiry; no renew option online; "
        "28% of subscribers do not renew, a third of them after trying to.",
        "goal": "Renewal rate from 72% to 85% within a year; 70% of renewals online in "
        "under two minutes.",
        "analysis": "There is no renewal path: the site treats renewers as new customers "
        "and rejects them as duplicates; calls are rejected as spam; failed payments lapse "
        "silently.",
        "countermeasures": "Signed one-click renew link in three reminders; a Renew button "
        "in the account; calls from a named account manager; payment recovery emails.",
        "plan": "Renew page and signed links next quarter; reminder sequence the month "
        "after; dunning emails with the billing provider.",
        "follow_up": "Weekly: renewals online, drop-off on the renew page; monthly "
        "comparison of the renewal event log with this map.",
    },
    personas=(
        ("Sam, yearly subscriber",
         "Small-business owner on a yearly plan; logs in twice a year and has forgotten "
         "the password.",
         "Renew in two minutes at a fair price, without filling in his details again.",
         "A site that only offers a new subscription and says he is already in the "
         "database; anonymous calls; a single late reminder."),
    ),
    stages=(
        ("Value in use", 300, "The subscriber sees the value and knows when renewal is due."),
        ("Renewal notice", 60, "The subscriber knows what renews, when, at what price, and "
         "how."),
        ("Decide", 14, "Renewing, changing plan or leaving is easy to do."),
        ("Renew", 2, "The renewal is done in one step with the existing account."),
        ("Follow-up", 30, "Renewers feel recognised; leavers get a fair exit and a way "
         "back."),
    ),
    lanes=(
        ("Customer", "customer", "blue", None),
        ("Marketing", "frontstage", "orange", 250),
        ("Account management", "frontstage", "green", 40),
        ("Customer Service", "frontstage", "purple", 40),
        ("Finance", "backstage", "yellow", 100),
    ),
    roles=ROLES,
    touchpoints=TOUCHPOINTS,
)
