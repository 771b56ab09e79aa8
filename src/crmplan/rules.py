"""Every rule crmplan reports, by its stable code: the one registry of findings.

A finding is an :class:`~crmplan.findings.Issue` of one of these rules. Codes are
grouped by what they look at, as ruff's and mypy's are:

- CRM1xx the plan file and its YAML
- CRM2xx the schema: fields and values the plan format does not allow
- CRM3xx references and consistency across the plan (ids, scales, dates)
- CRM4xx what a valid plan still lacks (validate's warnings, render's to-dos)
- CRM5xx the journey map's coverage gaps
- CRM6xx segments, offers and campaigns
- CRM7xx the SMART check of goals
- CRM8xx the review: what is overdue or stale
- CRM9xx data: exports, the rows the cleaning dealt with, KPI figures read in

A code never changes meaning and is never reused; a rule that is retired keeps
its code out of use. docs/rules.md is generated from this table (a test fails
when it is out of date). The summaries are English: they are for the docs.
"""

from __future__ import annotations

from crmplan.errors import UsageError
from crmplan.findings import AREA_OF_HUNDREDS, FOUNDATIONS, FixHint, Rule, Severity
from crmplan.i18n import _
from crmplan.quoting import closest, shown

ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE
EVERY = ("every command",)  # every command that reads the plan
VALIDATE = ("validate",)
# validate reports every finding of the reports too (crmplan.validation.report_findings)
JOURNEY = ("journey", "validate")
SEGMENT = ("segment", "validate")
SEGMENT_ONLY = ("segment",)  # notes: they fail no command, and validate leaves them out
BASELINE = ("baseline", "validate")
REVIEW = ("review", "validate")
COMPUTE = ("baseline compute", "segment compute")
FIGURES = ("baseline record", "baseline import", "baseline compute")
CSV = ("baseline import",)

# -- CRM1xx: the file and its YAML --------------------------------------------------------

NOT_UTF8 = Rule("CRM101", "not_utf8", ERROR,
                "The plan is not UTF-8 text (UTF-16, UTF-32 or bytes that are not UTF-8).",
                EVERY)
CONTROL_CHARACTER = Rule("CRM102", "control_character", ERROR,
                         "A control character, byte order mark or lone surrogate in the "
                         "text, written or escaped.", EVERY)
LONE_CARRIAGE_RETURN = Rule("CRM103", "lone_carriage_return", ERROR,
                            "A carriage return without a line feed.", EVERY)
BIDI_CONTROL = Rule("CRM104", "bidi_control", WARNING,
                    "A bidirectional control character, which can make text display "
                    "differently from what it says.", EVERY)
YAML_SYNTAX = Rule("CRM110", "yaml_syntax", ERROR,
                   "The text cannot be read as YAML 1.2 (indentation, quotes, a glued '#').",
                   EVERY)
SECOND_DOCUMENT = Rule("CRM111", "second_document", ERROR,
                       "A second YAML document; a plan file holds exactly one.", EVERY)
YAML_DIRECTIVE = Rule("CRM112", "yaml_directive", ERROR,
                      "A %YAML or %TAG directive; plans are plain YAML 1.2.", EVERY)
YAML_TAG = Rule("CRM113", "yaml_tag", ERROR, "A YAML tag such as '!!python/object'.", EVERY)
BAD_ALIAS = Rule("CRM114", "bad_alias", ERROR,
                 "An alias without an anchor before it, or one that contains itself.", EVERY)
TOO_LARGE = Rule("CRM115", "too_large", ERROR,
                 "More nesting, aliases or values than a plan needs (an alias bomb).", EVERY)
NON_TEXT_KEY = Rule("CRM116", "non_text_key", ERROR,
                    "A key that is not text: a number, null, true/false, a list or mapping.",
                    EVERY)
DUPLICATE_KEY = Rule("CRM117", "duplicate_key", ERROR,
                     "The same key twice in one mapping.", EVERY)
SPECIAL_VALUE = Rule("CRM118", "special_value", ERROR,
                     "A plain value with a special meaning in YAML that plans do not use.",
                     EVERY)
UNREADABLE_VALUE = Rule("CRM119", "unreadable_value", ERROR,
                        "A number or date a plan cannot hold: too long, not finite, or a "
                        "day that does not exist.", EVERY)
EMPTY_PLAN = Rule("CRM120", "empty_plan", ERROR, "The file holds no data.", EVERY)
NOT_A_MAPPING = Rule("CRM121", "not_a_mapping", ERROR,
                     "The top of the plan is a list or a single value, not its sections.",
                     EVERY)
NEWER_SCHEMA_VERSION = Rule("CRM122", "newer_schema_version", ERROR,
                            "The plan's schema_version is newer than this crmplan reads.",
                            EVERY)
BAD_SCHEMA_VERSION = Rule("CRM123", "bad_schema_version", ERROR,
                          "schema_version is not 1.", EVERY)
TOO_MANY_PROBLEMS = Rule("CRM199", "too_many_problems", ERROR,
                         "More problems than are listed; the first ones are shown.", EVERY)

# -- CRM2xx: the schema -------------------------------------------------------------------

MISSING_FIELD = Rule("CRM201", "missing_field", ERROR, "A required field is missing.", EVERY)
WRONG_TYPE = Rule("CRM202", "wrong_type", ERROR,
                  "A value of the wrong kind: text, number, whole number, true/false, date, "
                  "list or mapping.", EVERY)
UNKNOWN_FIELD = Rule("CRM203", "unknown_field", ERROR,
                     "A field the plan format does not have (often a typo).", EVERY)
NOT_A_CHOICE = Rule("CRM204", "not_a_choice", ERROR,
                    "A value that is not one of the field's choices.", EVERY)
OUT_OF_RANGE = Rule("CRM205", "out_of_range", ERROR,
                    "A number below or above what the field allows.", EVERY)
BAD_FORMAT = Rule("CRM206", "bad_format", ERROR,
                  "Text without the field's form: an id, an e-mail address, a currency or "
                  "country code.", EVERY)
EMPTY_VALUE = Rule("CRM207", "empty_value", ERROR,
                   "Empty or blank text where a value is needed.", EVERY)
TOO_LONG = Rule("CRM208", "too_long", ERROR, "Text longer than the field allows.", EVERY)
BAD_KEY = Rule("CRM209", "bad_key", ERROR,
               "A key that is not a valid id where ids are the keys.", EVERY)
INVALID_VALUE = Rule("CRM210", "invalid_value", ERROR,
                     "A value the field refuses for another reason (a link that is not "
                     "https, a number that is not finite).", EVERY)

# -- CRM3xx: references and consistency ---------------------------------------------------

DUPLICATE_ID = Rule("CRM301", "duplicate_id", ERROR, "Two items of one list share an id.",
                    EVERY)
UNKNOWN_REFERENCE = Rule("CRM302", "unknown_reference", ERROR,
                         "A reference to a segment, persona, KPI, stage, ... the plan does "
                         "not define.", EVERY)
SCORE_OFF_SCALE = Rule("CRM303", "score_off_scale", ERROR,
                       "A task-force or software score outside its scale.", EVERY)
DUPLICATE_SCORE_SHEET = Rule("CRM304", "duplicate_score_sheet", ERROR,
                             "A second score sheet of one member for one segment.", EVERY)
INCOMPLETE_CUSTOM_KPI = Rule("CRM305", "incomplete_custom_kpi", ERROR,
                             "A KPI outside the catalogue without its unit and direction.",
                             EVERY)
IMPOSSIBLE_KPI_VALUE = Rule("CRM306", "impossible_kpi_value", ERROR,
                            "A KPI value it cannot take at all (an NPS of 150, a rate of "
                            "140%).", EVERY)
DATES_OUT_OF_ORDER = Rule("CRM307", "dates_out_of_order", ERROR,
                          "An end date before its start date, or a KPI's target dated no "
                          "later than its baseline.", EVERY)
UNKNOWN_RULE = Rule("CRM308", "unknown_rule", ERROR,
                    "checks.ignore names a code that is not a rule of crmplan.", EVERY)
RULE_NOT_SILENCEABLE = Rule("CRM309", "rule_not_silenceable", ERROR,
                            "checks.ignore names a rule that cannot be silenced.", EVERY)

# values the schema takes that cannot be what was meant (crmplan.plausibility)
FIGURE_BEFORE_BASELINE = Rule("CRM330", "figure_before_baseline", WARNING,
                              "A KPI snapshot dated before the KPI's baseline (often the "
                              "year mistyped); no report counts it.", VALIDATE)
KPI_TARGET_NOT_AN_IMPROVEMENT = Rule("CRM331", "kpi_target_not_an_improvement", WARNING,
                                     "A KPI's target is no better than its baseline in the "
                                     "KPI's direction; no report judges its course.",
                                     VALIDATE)
SHARE_AS_FRACTION = Rule("CRM332", "share_as_fraction", WARNING,
                         "A share between 0 and 1 where the plan's other shares are "
                         "percentages (0.71 for 71%).", VALIDATE)

# -- CRM4xx: what a valid plan still lacks ------------------------------------------------

EMPTY_STEP = Rule("CRM401", "empty_step", WARNING,
                  "One of the ten steps has no content yet.", VALIDATE)
MISSING_DISCLAIMER = Rule("CRM402", "missing_disclaimer", WARNING,
                          "A healthcare client's plan has no disclaimer.", VALIDATE)
PART_TO_DO = Rule("CRM403", "part_to_do", ERROR,
                  "A part of a deliverable would be a to-do (only with --strict).",
                  ("render --strict", "validate --strict"))
PART_LEFT_OUT = Rule("CRM404", "part_left_out", WARNING,
                     "A part with no data is left out of the client's version of the "
                     "deliverables.", ("render",))

# -- CRM5xx: the journey map's coverage -----------------------------------------------------

JOURNEY_WITHOUT_CUSTOMER = Rule("CRM501", "journey_without_customer", WARNING,
                                "A journey names neither a persona nor a segment.", JOURNEY)
STAGE_WITHOUT_TOUCHPOINTS = Rule("CRM502", "stage_without_touchpoints", WARNING,
                                 "A stage of a journey has no touchpoint.", JOURNEY)
TOUCHPOINT_WITHOUT_OWNER = Rule("CRM503", "touchpoint_without_owner", WARNING,
                                "A touchpoint has no owner.", JOURNEY)
TOUCHPOINT_WITHOUT_KPI = Rule("CRM504", "touchpoint_without_kpi", WARNING,
                              "A touchpoint is measured by no KPI.", JOURNEY)
TOUCHPOINT_WITHOUT_EVIDENCE = Rule("CRM505", "touchpoint_without_evidence", WARNING,
                                   "A touchpoint does not say where its knowledge comes "
                                   "from.", JOURNEY)
TOUCHPOINT_ASSUMED = Rule("CRM506", "touchpoint_assumed", WARNING,
                          "A touchpoint is known by assumption, not research.", JOURNEY)
TOUCHPOINT_WITHOUT_EMOTION = Rule("CRM507", "touchpoint_without_emotion", WARNING,
                                  "A touchpoint has no emotion.", JOURNEY)
PAIN_POINT_WITHOUT_OPPORTUNITY = Rule("CRM508", "pain_point_without_opportunity", WARNING,
                                      "No opportunity addresses a pain point.", JOURNEY)
OPPORTUNITY_WITHOUT_OWNER = Rule("CRM509", "opportunity_without_owner", WARNING,
                                 "An open opportunity has no owner.", JOURNEY)
PERSONA_WITHOUT_JOURNEY = Rule("CRM510", "persona_without_journey", WARNING,
                               "No journey is drawn for a persona.", JOURNEY)

# -- CRM6xx: segments, offers and campaigns -------------------------------------------------

CONTACTABLE_UNKNOWN = Rule("CRM601", "contactable_unknown", WARNING,
                           "A segment's contactable share is not stated.", SEGMENT)
NOT_CONTACTABLE = Rule("CRM602", "not_contactable", WARNING,
                       "None of a segment's customers can be contacted one by one.", SEGMENT)
WEIGHTS_ALL_ZERO = Rule("CRM603", "weights_all_zero", ERROR,
                        "Every criterion weighs 0, so the ranking cannot tell segments apart.",
                        SEGMENT)
NO_SCORES = Rule("CRM604", "no_scores", WARNING, "The task force has scored no segment yet.",
                 SEGMENT)
MISSING_SCORES = Rule("CRM605", "missing_scores", WARNING,
                      "A member has not scored every segment in full.", SEGMENT)
DISAGREEMENT = Rule("CRM606", "disagreement", NOTE,
                    "Members' scores for one criterion and segment are far apart.", SEGMENT_ONLY)
TOP_TIED = Rule("CRM607", "top_tied", NOTE, "The top of the ranking is a tie.", SEGMENT_ONLY)
TOP_SENSITIVE = Rule("CRM608", "top_sensitive", NOTE,
                     "The top of the ranking changes when one weight moves by 10%.", SEGMENT_ONLY)
TOP_NOT_TARGETABLE = Rule("CRM609", "top_not_targetable", WARNING,
                          "The top-ranked segment cannot be contacted one by one yet.",
                          SEGMENT)
TOP_WITHOUT_OFFER = Rule("CRM610", "top_without_offer", WARNING,
                         "The top-ranked segment has no offer.", SEGMENT)
TOP_IS_PROSPECTS = Rule("CRM611", "top_is_prospects", NOTE,
                        "The top-ranked segment is prospects, not existing customers.",
                        SEGMENT_ONLY)
TOP_WITHOUT_CAMPAIGN = Rule("CRM612", "top_without_campaign", NOTE,
                            "The top-ranked segment has no campaign yet.", SEGMENT_ONLY)
OFFER_INCOMPLETE = Rule("CRM613", "offer_incomplete", WARNING,
                        "An offer of a targeted segment lacks payment, delivery or service "
                        "terms.", SEGMENT)
CONVERSION_MISSING = Rule("CRM614", "conversion_missing", ERROR,
                          "A campaign measured by a metric other than revenue states no "
                          "revenue conversion.", SEGMENT)
RETURN_NOT_STATED = Rule("CRM615", "return_not_stated", WARNING,
                         "A campaign states no cost or no expected return.", SEGMENT)
TEST_DOES_NOT_COVER_COST = Rule("CRM616", "test_does_not_cover_cost", WARNING,
                                "A test campaign is expected to return less than it costs.",
                                SEGMENT)
MEASUREMENT_MISSES_CAMPAIGN = Rule("CRM617", "measurement_misses_campaign", WARNING,
                                   "A campaign's measurement does not cover the whole "
                                   "campaign.", SEGMENT)
NO_CONTROL_GROUP = Rule("CRM618", "no_control_group", WARNING,
                        "A campaign is measured before and after, without a control group.",
                        SEGMENT)
CAMPAIGN_WITHOUT_OFFER = Rule("CRM619", "campaign_without_offer", WARNING,
                              "A campaign names no offer of its segment.", SEGMENT)
CAMPAIGN_NOT_TARGETABLE = Rule("CRM620", "campaign_not_targetable", WARNING,
                               "A campaign targets a segment that cannot be contacted one by "
                               "one.", SEGMENT)
RESULT_BELOW_COST = Rule("CRM621", "result_below_cost", NOTE,
                         "A campaign's recorded result is below its cost.", SEGMENT_ONLY)
NO_SEGMENTS = Rule("CRM622", "no_segments", WARNING, "The plan has no segments yet.", SEGMENT)

# -- CRM7xx: the SMART check of goals -------------------------------------------------------

GOAL_WITHOUT_KPI = Rule("CRM701", "goal_without_kpi", WARNING,
                        "Not specific: no KPI measures the goal.", BASELINE)
GOAL_WITHOUT_SCOPE = Rule("CRM702", "goal_without_scope", WARNING,
                          "Not specific: the goal does not say who or what it covers.",
                          BASELINE)
KPI_WITHOUT_DEFINITION = Rule("CRM703", "kpi_without_definition", WARNING,
                              "Not measurable: the goal's KPI is missing or does not say "
                              "what it counts.", BASELINE)
KPI_WITHOUT_BASELINE = Rule("CRM704", "kpi_without_baseline", WARNING,
                            "Not measurable: the goal's KPI has no baseline.", BASELINE)
GOAL_WITHOUT_TARGET = Rule("CRM705", "goal_without_target", WARNING,
                           "Not measurable: neither the goal nor its KPI sets a target.",
                           BASELINE)
TARGET_NOT_AN_IMPROVEMENT = Rule("CRM706", "target_not_an_improvement", WARNING,
                                 "Not achievable: the target does not improve on the "
                                 "baseline.", BASELINE)
TREND_AWAY_FROM_TARGET = Rule("CRM707", "trend_away_from_target", WARNING,
                              "Not achievable: the recorded figures move away from the "
                              "target.", BASELINE)
TARGET_BEYOND_TREND = Rule("CRM708", "target_beyond_trend", WARNING,
                           "Not achievable: the target needs more than three times the pace "
                           "recorded so far.", BASELINE)
GOAL_WITHOUT_PURPOSE = Rule("CRM709", "goal_without_purpose", WARNING,
                            "Not relevant: the goal names neither an obstacle nor a "
                            "business goal.", BASELINE)
GOAL_WITHOUT_DEADLINE = Rule("CRM710", "goal_without_deadline", WARNING,
                             "Not time-bound: neither the goal nor its KPI has a deadline.",
                             BASELINE)
DEADLINE_BEFORE_BASELINE = Rule("CRM711", "deadline_before_baseline", WARNING,
                                "Not time-bound: the deadline is not after the baseline "
                                "date.", BASELINE)

# -- CRM8xx: the review ---------------------------------------------------------------------

REVIEW_OVERDUE = Rule("CRM801", "review_overdue", WARNING, "The review due is overdue.",
                      REVIEW)
REVIEW_NOT_SCHEDULED = Rule("CRM802", "review_not_scheduled", WARNING,
                            "No review is logged and the engagement has no start date.",
                            REVIEW)
STALE_KPI = Rule("CRM803", "stale_kpi", WARNING,
                 "A KPI's latest figure is older than its period allows.", REVIEW)
SOP_WITHOUT_OWNER = Rule("CRM804", "sop_without_owner", WARNING, "An SOP has no owner.",
                         REVIEW)
SOP_NEVER_REVIEWED = Rule("CRM805", "sop_never_reviewed", WARNING,
                          "An SOP has never been reviewed.", REVIEW)
SOP_REVIEW_OVERDUE = Rule("CRM806", "sop_review_overdue", WARNING,
                          "An SOP's review is overdue.", REVIEW)
ACTION_OVERDUE = Rule("CRM807", "action_overdue", WARNING,
                      "An action of an earlier review is past its due date and still open.",
                      REVIEW)
CAMPAIGN_WITHOUT_RESULT = Rule("CRM808", "campaign_without_result", WARNING,
                               "A campaign's measurement has ended and no result is "
                               "recorded.", REVIEW)

# -- CRM9xx: data -----------------------------------------------------------------------------
# the exports and their tables

DATA_ENCODING = Rule("CRM901", "data_encoding", ERROR,
                     "A data file that cannot be read in its encoding (UTF-8 unless the "
                     "source names another).", (*COMPUTE, *CSV))
UNREADABLE_DATA = Rule("CRM902", "unreadable_data", ERROR,
                       "A row, a header or a workbook that cannot be read.", (*COMPUTE, *CSV))
EMPTY_DATA = Rule("CRM903", "empty_data", ERROR,
                  "A data file or table without a header row or without rows.",
                  (*COMPUTE, *CSV))
ONE_COLUMN_HEADER = Rule("CRM904", "one_column_header", ERROR,
                         "The header reads as one column: the file is separated by another "
                         "character.", COMPUTE)
DUPLICATE_COLUMN = Rule("CRM905", "duplicate_column", ERROR,
                        "Two columns of the header have the same name.", (*COMPUTE, *CSV))
WRONG_SHEET = Rule("CRM906", "wrong_sheet", ERROR,
                   "The workbook has no such sheet, or the data is on another sheet.",
                   COMPUTE)
NO_HEADER_ROW = Rule("CRM907", "no_header_row", ERROR,
                     "The first row holds data, not the columns' names.", COMPUTE)
NO_DATA_SECTION = Rule("CRM908", "no_data_section", ERROR,
                       "The plan has no data section to compute from.", COMPUTE)
UNKNOWN_TABLE = Rule("CRM909", "unknown_table", ERROR,
                     "The warehouse has no table of the name the source gives.", COMPUTE)
QUERY_REFUSED = Rule("CRM910", "query_refused", ERROR,
                     "The engine refused a query over the sources.", COMPUTE)
COLUMN_TYPE = Rule("CRM911", "column_type", ERROR,
                   "A warehouse column cannot be read as the date, number or text its field "
                   "needs.", COMPUTE)
MISSING_COLUMN = Rule("CRM912", "missing_column", ERROR,
                      "A column the plan maps, or a CSV file needs, is not in the file.",
                      (*COMPUTE, *CSV))
UNKNOWN_COLUMN = Rule("CRM913", "unknown_column", ERROR,
                      "A column of a KPI figures file that crmplan does not know.", CSV)
WRONG_FIELD_COUNT = Rule("CRM914", "wrong_field_count", ERROR,
                         "A row with more or fewer fields than the header.", CSV)
UNREADABLE_CELL = Rule("CRM915", "unreadable_cell", ERROR,
                       "A cell that is not the date, number or word its column needs.", CSV)
ORDERS_BEFORE_1900 = Rule("CRM916", "orders_before_1900", ERROR,
                          "Every order is dated before 1900: the dates are misread (the date "
                          "format, or a slip in the export).", COMPUTE)

# the rows the cleaning rules dealt with (docs/data.md)

MISSING_CUSTOMER = Rule("CRM920", "missing_customer", WARNING,
                        "Order rows without a customer id, left out.", COMPUTE)
BAD_DATE = Rule("CRM921", "bad_date", WARNING,
                "Order rows with a missing or unreadable date, left out.", COMPUTE)
BAD_AMOUNT = Rule("CRM922", "bad_amount", WARNING,
                  "Order rows with a missing or unreadable amount, left out.", COMPUTE)
CANCELLED = Rule("CRM923", "cancelled", NOTE, "Cancelled orders, left out.", COMPUTE)
REFUNDS = Rule("CRM924", "refunds", NOTE,
               "Refunds (negative amounts), taken off the customer's revenue.", COMPUTE)
DUPLICATE_ROWS = Rule("CRM925", "duplicate_rows", NOTE,
                      "Rows repeating an order id, customer, date and amount, read once.",
                      COMPUTE)
ORDER_LINES = Rule("CRM926", "order_lines", NOTE, "Orders made of several rows, added up.",
                   COMPUTE)
SHARED_ORDER_IDS = Rule("CRM927", "shared_order_ids", WARNING,
                        "Order ids used by more than one customer, left out.", COMPUTE)
AFTER_AS_OF = Rule("CRM928", "after_as_of", NOTE, "Orders after the as-of date, left out.",
                   COMPUTE)
REFUNDS_WITHOUT_ORDERS = Rule("CRM929", "refunds_without_orders", WARNING,
                              "Customers with refunds but no order in the data; their "
                              "refunds left out.", COMPUTE)
CUSTOMER_WITHOUT_ID = Rule("CRM930", "customer_without_id", WARNING,
                           "Customer rows without an id, left out.", COMPUTE)
DUPLICATE_CUSTOMERS = Rule("CRM931", "duplicate_customers", NOTE,
                           "Customer ids that appear more than once, merged.", COMPUTE)
CUSTOMERS_WITHOUT_ORDERS = Rule("CRM932", "customers_without_orders", NOTE,
                                "Customers without an order.", COMPUTE)
UNKNOWN_CUSTOMERS = Rule("CRM933", "unknown_customers", WARNING,
                         "Buyers missing from the customer export (not contactable).",
                         COMPUTE)

# KPI figures recorded, imported or computed into the plan

FIGURE_UNKNOWN_KPI = Rule("CRM950", "figure_unknown_kpi", ERROR,
                          "A figure for a KPI the plan does not define.", FIGURES)
IMPOSSIBLE_FIGURE = Rule("CRM951", "impossible_figure", ERROR,
                         "A figure the KPI cannot take (not finite, too large, outside its "
                         "bounds).", FIGURES)
FIGURE_IN_FUTURE = Rule("CRM952", "figure_in_future", ERROR,
                        "A figure dated after today.", FIGURES)
BAD_FIGURE_TEXT = Rule("CRM953", "bad_figure_text", ERROR,
                       "A figure's source or note is empty, too long or holds a control "
                       "character.", FIGURES)
REPEATED_FIGURE = Rule("CRM954", "repeated_figure", ERROR,
                       "Two figures for one KPI on one date.", FIGURES)
FIGURE_CONFLICT = Rule("CRM955", "figure_conflict", ERROR,
                       "The plan already has another figure (or baseline) for that KPI and "
                       "date; --replace replaces it.", FIGURES)
BASELINE_ROW_DIFFERS = Rule("CRM956", "baseline_row_differs", ERROR,
                            "A baseline row of the file differs from the plan's baseline.",
                            CSV)
# a figure that would make nonsense of the KPI's judgement (crmplan.plausibility warns
# about those already in a plan)
FIGURE_BEFORE_BASELINE_REFUSED = Rule("CRM960", "figure_before_baseline_refused", ERROR,
                                      "A figure dated before its KPI's baseline, recorded "
                                      "only with --before-baseline.", FIGURES)

# -- the client as found, the decision in force, and the method's remaining items -------------
# (kept together: CRM44x-45x what a plan lacks (validate, assess), CRM64x segments and
# campaigns, CRM74x goals and baseline, CRM84x the review)

ASSESS = ("assess",)

ACTIVITY_PLAN_INCOMPLETE = Rule("CRM440", "activity_plan_incomplete", WARNING,
                                "The activity plan is missing, or leaves out one of its "
                                "eight parts.", VALIDATE)
PROMISE_NOT_EXCLUDED = Rule("CRM441", "promise_not_excluded", WARNING,
                            "The disclaimer does not exclude every promise the engagement "
                            "never makes (revenue, conversion, treatment outcomes, exposure "
                            "in AI search results).", VALIDATE)
MUST_HAVE_NOT_COMPARED = Rule("CRM442", "must_have_not_compared", WARNING,
                              "The software comparison leaves out one of the five CRM "
                              "must-haves or the vendor's culture fit.", VALIDATE)
TOOL_CRITERION_NOT_COMPARED = Rule("CRM443", "tool_criterion_not_compared", WARNING,
                                   "The software comparison leaves out one of the four "
                                   "criteria of a journey-management CRM tool.", VALIDATE)
ASSUMES_PAST_BEHAVIOUR = Rule("CRM450", "assumes_past_behaviour", WARNING,
                              "Segments cut on past behaviour are never tested against a "
                              "control group.", ASSESS)
ASSUMES_LASTING_VALUE = Rule("CRM451", "assumes_lasting_value", WARNING,
                             "Offers are made, but no review weighs the market or customer "
                             "expectations.", ASSESS)
ASSUMES_RELATIONSHIPS_RETAIN = Rule("CRM452", "assumes_relationships_retain", WARNING,
                                    "Relationship work is planned, but retention itself is "
                                    "not measured.", ASSESS)
SYSTEMS_NOT_RECORDED = Rule("CRM453", "systems_not_recorded", WARNING,
                            "The systems the client uses today are not recorded.", ASSESS)
SYSTEM_CANNOT_GROW = Rule("CRM454", "system_cannot_grow", WARNING,
                          "A system in use cannot grow with the business, or nobody knows.",
                          ASSESS)
ANALYTICS_NOT_READY = Rule("CRM455", "analytics_not_ready", WARNING,
                           "The team's data-analysis capability is not stated, or not "
                           "there.", ASSESS)
NO_COLLABORATION = Rule("CRM456", "no_collaboration", WARNING,
                        "No shared tool or regular cross-department meeting is recorded.",
                        ASSESS)
NO_CORE_TEAM = Rule("CRM457", "no_core_team", WARNING,
                    "No core team brings two or more departments together.", ASSESS)
STAGE_WITHOUT_WORKING_GROUP = Rule("CRM458", "stage_without_working_group", WARNING,
                                   "A journey stage has no working group.", ASSESS)
GOALS_UNCLEAR = Rule("CRM459", "goals_unclear", WARNING,
                     "The business problems the work must solve are not named.", ASSESS)

SEGMENT_TOO_SMALL = Rule("CRM640", "segment_too_small", WARNING,
                         "A segment's reachable value does not cover its programme's cost.",
                         SEGMENT)
PURCHASE_TIMING_UNKNOWN = Rule("CRM641", "purchase_timing_unknown", WARNING,
                               "A targeted segment does not say when its customers buy.",
                               SEGMENT)
CAMPAIGN_NOT_SIMULATED = Rule("CRM642", "campaign_not_simulated", WARNING,
                              "A campaign's measurement is not simulated before it runs.",
                              SEGMENT)

GOALS_WITHOUT_STAKEHOLDERS = Rule("CRM740", "goals_without_stakeholders", WARNING,
                                  "The goals were not set with stakeholders from two or more "
                                  "departments.", BASELINE)
NO_QUALITATIVE_BASELINE = Rule("CRM741", "no_qualitative_baseline", WARNING,
                               "The baseline has figures but no qualitative record.",
                               BASELINE)

SOP_REFRESHER_OVERDUE = Rule("CRM840", "sop_refresher_overdue", WARNING,
                             "An SOP's refresher training is overdue, or none is on record.",
                             REVIEW)
FEEDBACK_LEVEL_MISSING = Rule("CRM841", "feedback_level_missing", WARNING,
                              "No feedback channel hears frontline staff, managers or "
                              "executives.", REVIEW)
NO_ADJUSTMENT_AFTER_LAUNCH = Rule("CRM842", "no_adjustment_after_launch", WARNING,
                                  "A rollout phase has ended and no adjustment to workflows, "
                                  "data fields or reports is recorded since.", REVIEW)
EXTERNAL_FACTORS_NOT_REVIEWED = Rule("CRM843", "external_factors_not_reviewed", WARNING,
                                     "The last review weighed no change in technology, "
                                     "customer expectations or the market.", REVIEW)
JOURNEY_NOT_REWALKED = Rule("CRM844", "journey_not_rewalked", WARNING,
                            "A journey map was not re-walked within the review cadence.",
                            REVIEW)


def _collect() -> dict[str, Rule]:
    found: dict[str, Rule] = {}
    for value in globals().values():
        if isinstance(value, Rule):
            found.setdefault(value.code, value)
    return dict(sorted(found.items()))


RULES: dict[str, Rule] = _collect()  # by code, in code order
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES.values()}


def silenced(codes: list[str], option: str = "--ignore") -> frozenset[str]:
    """The codes of ``--ignore`` (each repeatable, or comma-separated); an unknown code or
    one that cannot be silenced is a usage error (exit 2)."""
    found: set[str] = set()
    for text in codes:
        for part in (p.strip() for p in text.split(",")):
            if not part:
                continue
            rule = RULES.get(part.upper())
            if rule is None:
                raise UsageError(_("{option} {code}: no rule has this code").format(
                    option=option, code=shown(part)), unknown_rule_hint(part))
            if not rule.silenceable:
                raise UsageError(_("{option} {code}: rule {code} ({name}) cannot be silenced")
                                 .format(option=option, code=rule.code, name=rule.name),
                                 not_silenceable_hint())
            found.add(rule.code)
    return frozenset(found)


_DIGIT_LOOKALIKES = str.maketrans("OILSZB", "011528")


def unknown_rule_hint(text: str) -> str:
    """Did you mean: the closest code, or the code of a rule named ``text``."""
    named = BY_NAME.get(text.strip().lower().replace("-", "_"))
    if named is not None:
        return FixHint(_("did you mean {code} ({name})?").format(code=named.code,
                                                                 name=named.name), named.code)
    # letters typed for digits (CRM2O3, CRM4l1) are the commonest slip in a code
    typed = text.strip().upper()
    close = closest(typed[:3] + typed[3:].translate(_DIGIT_LOOKALIKES), list(RULES))
    if close:
        return FixHint(_("did you mean {code} ({name})?").format(
            code=close, name=RULES[close].name), close)
    return _("the codes are listed in docs/rules.md")


def not_silenceable_hint() -> str:
    return _("errors that make a plan or a data file unreadable or invalid (CRM1xx, CRM2xx, "
             "CRM3xx, CRM9xx) cannot be silenced; fix the plan instead")


# -- docs/rules.md -----------------------------------------------------------------------------

AREA_TITLES = {
    "1": "CRM1xx: the plan file and its YAML",
    "2": "CRM2xx: the schema",
    "3": "CRM3xx: references and consistency",
    "4": "CRM4xx: what a valid plan still lacks",
    "5": "CRM5xx: the journey map's coverage",
    "6": "CRM6xx: segments, offers and campaigns",
    "7": "CRM7xx: the SMART check of goals",
    "8": "CRM8xx: the review",
    "9": "CRM9xx: data",
}
_INTRO = """\
# Rules

<!-- generated from src/crmplan/rules.py:
     CRMPLAN_REFRESH_DOCS=1 python -m pytest tests/test_rules.py -->

Every finding crmplan reports has a rule with a stable code, grouped by what
it looks at. Text output ends each finding's line with its code, as mypy does:

```text
plan.yaml:4:3: error: client.industy: unknown field 'industy'  [CRM203]
```

JSON output gives it as `"code": "CRM203"` on every issue and every report's
findings. A code never changes meaning and is never reused.

A rule can be silenced with `crmplan validate --ignore CODE`, or for one plan
with `checks: {{ignore: [CODE]}}` (see [validate.md](validate.md#silencing-a-rule)).
Every warning and note may be silenced, and so may the errors of the analyses;
the errors of the file, the schema, the references and the data
({foundations}) may not, since they leave the plan or a data file unreadable
or invalid for every other command.

"every command" below means every command that reads the plan.
"""


def reference() -> str:
    """docs/rules.md: every rule, area by area, as a Markdown table."""
    lines = [_INTRO.format(foundations=", ".join(
        f"CRM{d}xx" for d, area in AREA_OF_HUNDREDS.items() if area in FOUNDATIONS))]
    for digit, title in AREA_TITLES.items():
        lines += [f"## {title}", "", "| code | name | severity | reported by | may be silenced "
                  "| summary |", "|---|---|---|---|---|---|"]
        lines += [f"| {r.code} | `{r.name}` | {r.severity.value} | {', '.join(r.commands)} | "
                  f"{'yes' if r.silenceable else 'no'} | {r.summary} |"
                  for r in RULES.values() if r.code[3] == digit]
        lines.append("")
    return "\n".join(lines)
