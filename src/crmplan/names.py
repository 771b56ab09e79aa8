"""How the plan's fixed values read in a report: channels, evidence, statuses, answers.

The plan holds English ids (``kakaotalk``, ``assumed``, ``in_progress``); JSON keeps
them, and text, Markdown and the deliverables show these names in the active
language. One table per kind of value, looked up by :func:`name`.
"""

from __future__ import annotations

import enum
from typing import Any

from crmplan.i18n import N_, NP_, _
from crmplan.model.base import Answer, Channel, Evidence
from crmplan.model.engagement import BusinessProblem, Promise
from crmplan.model.governance import ActionStatus, DecisionStatus, ExternalKind
from crmplan.model.journey import OpportunityStatus
from crmplan.model.strategy import AdjustmentArea, SystemKind, UserLevel

CHANNELS = {
    Channel.WEB: N_("web"), Channel.APP: N_("app"), Channel.PHONE: N_("phone"),
    Channel.KAKAOTALK: N_("KakaoTalk"), Channel.WECHAT: N_("WeChat"), Channel.LINE: N_("LINE"),
    Channel.WHATSAPP: N_("WhatsApp"), Channel.EMAIL: N_("email"), Channel.SMS: N_("SMS"),
    Channel.IN_PERSON: N_("in person"), Channel.SOCIAL: N_("social media"),
    Channel.ADVERTISING: N_("advertising"), Channel.SEARCH: N_("search"),
    Channel.MARKETPLACE: N_("marketplace"), Channel.CHATBOT: N_("chatbot"),
    Channel.VIDEO_CALL: N_("video call"), Channel.POST: N_("post"), Channel.EVENT: N_("event"),
    Channel.REFERRAL: N_("referral"), Channel.PARTNER: N_("partner"),
    Channel.SALES_REP: N_("sales rep"), Channel.OTHER: N_("other channel"),
}
EVIDENCE = {
    Evidence.SURVEY: N_("survey"), Evidence.INTERVIEW: N_("interview"),
    Evidence.ANALYTICS: N_("analytics"), Evidence.OBSERVATION: N_("observation"),
    Evidence.STAFF: N_("staff knowledge"), Evidence.ASSUMED: N_("assumed"),
}
OPPORTUNITY_STATUSES = {
    OpportunityStatus.IDEA: N_("idea"), OpportunityStatus.PLANNED: N_("planned"),
    OpportunityStatus.IN_PROGRESS: N_("in progress"), OpportunityStatus.DONE: NP_("status", "done"),
    OpportunityStatus.DROPPED: N_("dropped"),
}
ACTION_STATUSES = {ActionStatus.OPEN: N_("open"), ActionStatus.IN_PROGRESS: N_("in progress"),
                   ActionStatus.DONE: NP_("status", "done"),
                   ActionStatus.DROPPED: N_("dropped")}
DECISION_STATUSES = {DecisionStatus.ACTIVE: N_("active"),
                     DecisionStatus.SUPERSEDED: N_("superseded")}
ANSWERS = {Answer.YES: N_("yes"), Answer.PARTLY: N_("partly"), Answer.NO: N_("no"),
           Answer.UNKNOWN: N_("unknown")}

# the client as found, the disclaimer, and the method's remaining items
PROMISES = {Promise.REVENUE: N_("revenue"), Promise.CONVERSION: N_("conversion rates"),
            Promise.TREATMENT_OUTCOMES: N_("treatment outcomes"),
            Promise.AI_SEARCH_EXPOSURE: N_("exposure in AI search results")}
SYSTEM_KINDS = {
    SystemKind.CRM: N_("CRM"), SystemKind.BOOKING: N_("booking"),
    SystemKind.EMR: N_("medical records (EMR)"), SystemKind.POS: N_("point of sale"),
    SystemKind.ECOMMERCE: N_("online store"), SystemKind.ERP: N_("ERP"),
    SystemKind.HELPDESK: N_("help desk"), SystemKind.MESSAGING: N_("messaging"),
    SystemKind.MARKETING_AUTOMATION: N_("marketing automation"),
    SystemKind.ANALYTICS: N_("analytics"), SystemKind.SPREADSHEET: N_("spreadsheet"),
    SystemKind.OTHER: N_("other system"),
}
USER_LEVELS = {UserLevel.FRONTLINE: N_("frontline staff"), UserLevel.MANAGER: N_("managers"),
               UserLevel.EXECUTIVE: N_("executives")}
ADJUSTMENT_AREAS = {
    AdjustmentArea.WORKFLOW: N_("workflow"), AdjustmentArea.DATA_FIELD: N_("data field"),
    AdjustmentArea.REPORT: N_("report"), AdjustmentArea.INTEGRATION: N_("integration"),
    AdjustmentArea.INTERFACE: N_("interface"), AdjustmentArea.OTHER: N_("other"),
}
EXTERNAL_KINDS = {
    ExternalKind.TECHNOLOGY: N_("technology"),
    ExternalKind.CUSTOMER_EXPECTATIONS: N_("customer expectations"),
    ExternalKind.MARKET: N_("market"), ExternalKind.REGULATION: N_("regulation"),
    ExternalKind.OTHER: N_("other"),
}
BUSINESS_PROBLEMS = {
    BusinessProblem.SATISFACTION: N_("customer satisfaction"),
    BusinessProblem.CHURN: N_("churn"), BusinessProblem.CONVERSION: N_("conversion"),
    BusinessProblem.LIFETIME_VALUE: N_("customer lifetime value"),
    BusinessProblem.ACQUISITION: N_("new customers"),
    BusinessProblem.COST_TO_SERVE: N_("cost to serve"), BusinessProblem.OTHER: N_("other"),
}

_TABLES: dict[type, dict[Any, str]] = {
    Channel: CHANNELS, Evidence: EVIDENCE, OpportunityStatus: OPPORTUNITY_STATUSES,
    ActionStatus: ACTION_STATUSES, DecisionStatus: DECISION_STATUSES, Answer: ANSWERS,
    Promise: PROMISES, SystemKind: SYSTEM_KINDS, UserLevel: USER_LEVELS,
    AdjustmentArea: ADJUSTMENT_AREAS, ExternalKind: EXTERNAL_KINDS,
    BusinessProblem: BUSINESS_PROBLEMS,
}

# a KPI's unit as a table header or a workshop sheet shows it
UNIT_NAMES = {"percent": "%", "score": N_("score"), "count": N_("count"),
              "currency": N_("currency"), "hours": N_("hours"), "minutes": N_("minutes"),
              "days": N_("days"), "ratio": N_("ratio")}


def name(value: enum.Enum) -> str:
    """The value's name in the active language (its id when no table names it)."""
    table = _TABLES.get(type(value))
    return _(table[value]) if table and value in table else str(value.value)


def channel(value: str) -> str:
    """A channel id (``kakaotalk``) as its name (``KakaoTalk``, ``카카오톡``)."""
    return name(Channel(value)) if value in Channel._value2member_map_ else value


def evidence(value: str) -> str:
    """An evidence id (``assumed``) as its name."""
    return name(Evidence(value)) if value in Evidence._value2member_map_ else value
