"""Every look-alike rule's examples fire it and its counter-examples do not."""

from __future__ import annotations

import pytest

from wp2bot.domain.non_action_rules import RULES, NonActionRule, Where, non_action


def _lower(text: str) -> str | None:
    return text.lower() if text.isascii() else None


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_example_fires_its_rule_through_the_pre_test(rule: NonActionRule) -> None:
    assert rule.examples, "a rule without examples is untested"
    for text in rule.examples:
        assert rule.fires(text, _lower(text)), text
        assert rule.fires(text, None), text
        for where in rule.where:
            assert non_action(text, where) is not None, (where, text)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_no_counter_example_fires_its_rule(rule: NonActionRule) -> None:
    for text in rule.counter_examples:
        assert not rule.fires(text, _lower(text)), text


def test_rules_are_ranked_and_named_once() -> None:
    assert [r.rank for r in RULES] == sorted((r.rank for r in RULES), reverse=True)
    assert len({r.name for r in RULES}) == len(RULES)


def test_a_decision_in_an_action_list_is_left_to_the_list_rules() -> None:
    assert non_action("Agreed to keep the old endpoint until June.", "prose") == "decision"
    assert non_action("Agreed to keep the old endpoint until June.", "listed") is None


def test_a_task_is_no_look_alike() -> None:
    wheres: tuple[Where, ...] = ("prose", "listed")
    for where in wheres:
        assert non_action("Bob to renew the host certificate by Friday", where) is None
