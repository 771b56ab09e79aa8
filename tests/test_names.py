"""Fixed values of the plan read as names in the report's language, never as raw ids."""

from __future__ import annotations

import pytest

from crmplan import i18n, names
from crmplan.model.base import Answer, Channel, Evidence
from crmplan.model.governance import ActionStatus, DecisionStatus
from crmplan.model.journey import OpportunityStatus


@pytest.mark.parametrize("kind", [Channel, Evidence, OpportunityStatus, ActionStatus,
                                  DecisionStatus, Answer])
def test_every_value_has_a_name(kind: type) -> None:
    with i18n.language("ko"):
        unnamed = [m for m in kind if names.name(m) == m.value]
    assert unnamed == []


def test_names_in_korean_and_chinese() -> None:
    with i18n.language("ko"):
        assert (names.channel("kakaotalk"), names.evidence("assumed")) == ("카카오톡", "추정")
        assert names.name(OpportunityStatus.IN_PROGRESS) != "in_progress"
    with i18n.language("zh"):
        assert names.channel("wechat") == "微信"


def test_an_unknown_id_is_shown_as_it_is() -> None:
    assert names.channel("fax") == "fax"
