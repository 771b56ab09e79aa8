"""The short lead that opens each section of the deliverables, and each section's to-do.

Written for the client's reader: what the step is for and how to read what
follows. English source strings, translated when the context is built.
"""

from __future__ import annotations

from crmplan.i18n import N_

STEP_LEADS = {
    1: N_("A strategy starts from goals that can be checked: each one names the KPI that "
          "measures it, whom it covers, the figure to reach and the date. The vision says "
          "where the business should stand in two, five and ten years; the obstacles say "
          "what stands in the way."),
    2: N_("Nothing can be improved against a figure nobody recorded. Each KPI below is "
          "defined so that it can be measured again the same way, with its starting value, "
          "its source and its date, and every figure measured since."),
    3: N_("Customers are grouped by shared traits, behaviour, needs and value, each group "
          "precise enough to select and large enough to be worth a programme of its own. "
          "The task force scored every segment on the priority criteria; the weighted "
          "totals decide which segment is approached first."),
    4: N_("The journey is told from the customer's side: at each touchpoint, what the "
          "customer wants, what stops them and how they feel today, against how they "
          "should feel once it is redesigned. Where complaints cluster, the pain points are "
          "ranked by urgency."),
    5: N_("The current figures set against the targets show how far each KPI still has "
          "to move and whether the pace so far will get it there. Together with the "
          "journey's pain points, they make the list of problems this strategy must "
          "solve, most urgent first."),
    6: N_("The strategy says how customer data is collected, kept and used across "
          "departments, which privacy rules apply, what each segment is offered, and what "
          "it takes in people, time and money, with the executive who stands behind it."),
    7: N_("The CRM software is chosen against the capabilities the strategy needs, each "
          "weighted by its importance. A candidate that lacks a required capability is "
          "excluded whatever its total; costs, support, demos and trials complete the "
          "picture."),
    8: N_("The strategy is rolled out one department at a time, each with its own training "
          "and the benefit it gains, and with feedback channels that tell the team what "
          "works and what does not."),
    9: N_("What works becomes a standard operating procedure: written down step by step, "
          "owned by a named person, and reviewed on a fixed schedule so that it stays "
          "true to how the work is done."),
    10: N_("The strategy is reviewed at least twice a year against the goals of step 1. "
           "Each review records its findings, decisions and actions, and the decisions in "
           "force are listed with the evidence behind them."),
}

ACTIVITY_LEAD = N_("The activity plan turns the strategy into work: who does what by when, "
                   "how results feed the next plan, what is said to customers and through "
                   "which media, how a customer moves from first contact to continued "
                   "contact, what the systems must do, how the organisation changes, what "
                   "the programme should return, and how the data stays accurate.")

DISCLAIMER_LEAD = N_("The precautions below were stated to the client and apply to every "
                     "part of this document.")

ASSESSMENT_LEAD = N_("This memo answers the first question of the engagement: whether to map "
                     "the customer journey first, put CRM data and KPIs in order first, or "
                     "run both as one loop. Every conclusion rests on facts recorded in the "
                     "plan.")

JOURNEY_LEAD = N_("The journey map follows the customer stage by stage: each touchpoint with "
                  "the customer's goal, thoughts, barriers and emotion, as it is today and "
                  "as it should become; then the pain points ranked by urgency, the "
                  "opportunities ranked quick wins first, and what the map still lacks.")
# the client's version shows no coverage gap: the map's lead does not promise one
JOURNEY_LEAD_CLIENT = N_("The journey map follows the customer stage by stage: each touchpoint "
                         "with the customer's goal, thoughts, barriers and emotion, as it is "
                         "today and as it should become; then the pain points ranked by "
                         "urgency and the opportunities ranked quick wins first.")

REVIEW_LEAD = N_("The review prepares the twice-yearly meeting: when it is due, how each KPI "
                 "and goal moved since the last review, which actions are still open and "
                 "which decisions are in force.")
