"""What the method asks beyond each step's core, as the deliverables show it
(crmplan.render.practice): one line or section per item, in the step it belongs to, never
with a rule code or a plan location."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from render_helpers import loaded_example, render_loaded, render_text

pytestmark = pytest.mark.slow


@functools.cache
def documents() -> dict[str, str]:
    files = render_loaded(loaded_example("online-retailer-en"), formats=("md",))
    return {name.removesuffix(".md"): data.decode("utf-8") for name, data in files.items()}


def section(document: str, heading: str) -> str:
    """The text under ``heading`` (a Markdown heading line) up to the next heading."""
    text = documents()[document]
    start = text.index(heading + "\n")
    rest = text[start + len(heading) + 1:]
    end = re.search(r"^#{1,3} ", rest, re.MULTILINE)
    return rest[:end.start()] if end else rest


def test_seed_000_the_disclaimer_names_every_promise_never_made() -> None:
    line = "No guarantee is given of: revenue, conversion rates, exposure in AI search results."
    assert line in documents()["strategy"] and line in documents()["assessment"]


def test_seed_001_who_set_the_goals() -> None:
    assert "Marcus Lee (Marketing), Keisha Brown (Customer service)" in section(
        "strategy", "### Who set the goals")


def test_seed_001_the_qualitative_baseline() -> None:
    assert "| Service at peak season | Customers praise agents' gear knowledge" in section(
        "strategy", "### What the figures do not show")


def test_seed_001_each_segment_against_its_programme() -> None:
    assert "- **One-time buyers**: programme $160,000 a year: 64,792 reachable customers " \
           "worth $13,606,320; 762 of them cover it" in section(
               "strategy", "### Does each segment pay for its programme?")


def test_seed_001_and_004_the_built_in_criteria_and_keeping_the_current_system() -> None:
    strategy = documents()["strategy"]
    assert "| Keep the current stack (keep Shopify Plus store) |" in strategy
    assert "| Vendor support that fits a small in-house team | 1 |" in strategy
    assert "| Integrations (Shopify, ERP, phone, email, social) ✱ | 3 |" in strategy


def test_seed_001_sops_with_aids_place_and_refreshers() -> None:
    sop = section("strategy", "### Creating and merging customer records")
    assert "- **Where staff find it**: Harbor help panel, pinned in the Slack help channel" in sop
    assert "- **Visual aids**: Screenshot of the merge tool" in sop
    assert "- **Refresher training**: last 2026-02-12, every 6 months, next 2026-08-12" in sop


def test_seed_001_adjustments_after_launch_and_feedback_from_every_level() -> None:
    assert "| 2026-01-26 | data field | Dropped the free-text" in section(
        "strategy", "### Adjustments after launch")
    assert "— hears frontline staff, managers, executives" in section(
        "strategy", "### Feedback channels")


def test_seed_001_changes_outside_the_client_at_each_review() -> None:
    assert "- market: Two competitors launched paid loyalty tiers with free shipping. " \
           "(Keep the free tier;" in documents()["strategy"]
    assert "- technology: Carriers now offer same-day return drop-off" in section(
        "review", "## Changes outside the client, at the review of 2026-04-14")


def test_seed_002_when_customers_buy() -> None:
    assert "- **Regular customers**: At the season switch" in section(
        "strategy", "### When customers buy")


def test_seed_002_the_assumptions_and_the_systems_in_use() -> None:
    memo = documents()["assessment"]
    assert "- Better relationships guarantee retention — tested: **yes**" in section(
        "assessment", "### Assumptions the plan tests")
    assert "| ERP (finance and inventory) | ERP | Cost of goods, margin, stock and purchase " \
           "orders. | Finance, Merchandising | no | partly |" in memo
    assert "| Harbor CX Suite | CRM |" in section("strategy", "### Systems in use today")


def test_seed_003_each_campaign_simulated_beside_its_results() -> None:
    assert "| Second-trip test for one-time buyers | One-time buyers | simulated: 37,170 " \
           "contacted, 3,345 respond, 1,104 buy, revenue $114,811 against a cost of $62,000 | " \
           "result of 2026-01-20: 9.8% of 37,170 against 6.1% of 4,130 in the comparison " \
           "group, lift +3.7 points (95% confidence interval +2.9 to +4.5 points, p &lt; " \
           "0.001: significant); 4,210 responded, 1,375 bought; revenue $143,000, cost " \
           "$58,900, ROI 142.8%; decided: Scale to every new one-time buyer with a $10 " \
           "incentive and a standing 10% holdout (review of 2026-04-14). |" in section(
               "strategy", "### Campaigns: the simulation before they run, and the results")


def test_seed_004_the_team_the_goals_and_the_re_walked_journey() -> None:
    strategy = documents()["strategy"]
    assert "**Core team**: Priya Raman (Lifecycle marketing)" in section(
        "strategy", "### Core team and working groups")
    assert "| Retention | Priya Raman | Priya Raman, Keisha Brown, Luis Ortega |" in strategy
    assert "- Weekly CRM stand-up · Lifecycle marketing, Customer service, E-commerce · " \
           "weekly" in section("strategy", "### Working together across departments")
    assert "- churn\n- conversion\n- cost to serve\n" in section(
        "strategy", "### The business problems to solve first")
    assert "**Last re-walked with the people who run it**: First purchase to repeat customer " \
           "March 18, 2026" in strategy
    assert "last re-walked: March 18, 2026" in documents()["journey-map"]
    assert "the team can analyse customer data" not in section(
        "assessment", "## Journey-management readiness: 83/100")  # it can: nothing to do


def test_the_deliverables_show_no_rule_code_and_these_parts_no_plan_location() -> None:
    for name, text in documents().items():
        assert not re.search(r"CRM\d\d\d", text), name
    for heading in ("## What to do first", "### Who set the goals", "### When customers buy",
                    "### Does each segment pay for its programme?",
                    "### Adjustments after launch", "### Core team and working groups"):
        assert "plan.yaml" not in section("strategy", heading), heading
    assert "plan.yaml" not in section("assessment", "### Progress since the decision")


def test_seed_004_the_data_analysis_capability_is_an_item_of_readiness() -> None:
    files = render_loaded(loaded_example("b2b-manufacturer-zh"), formats=("md",))
    memo = files["assessment.md"].decode("utf-8")
    assert "| 技术与数据基础 | 90 | 团队能够分析客户数据 |" in memo


def test_seeds_001_and_004_the_built_in_criteria_a_comparison_leaves_out(
        tmp_path: Path) -> None:
    from conftest import MINIMAL_PLAN

    text = MINIMAL_PLAN + """\
software:
  capabilities:
    - {id: contacts_in_one_place, name: Contacts}
    - {id: integration, name: Integrations}
  candidates:
    - {id: a, name: Alpha, scores: {contacts_in_one_place: 4, integration: 3}}
"""
    strategy = render_text(tmp_path, text, formats=("md",))["strategy.md"]
    assert "Criteria every CRM comparison should weigh that this one leaves out: Every " \
           "customer interaction in one unified view, Customer satisfaction surveys" in strategy
    assert "Flexible process automation, Strong analytics and reporting\n" in strategy
