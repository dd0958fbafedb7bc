"""Every clause rule's examples give its owners and its counter-examples do not fire it."""

from __future__ import annotations

import pytest

from wp2bot.domain.action_items import Names
from wp2bot.domain.clause_rules import RULES, judge_clause
from wp2bot.domain.clause_terms import EXAMPLE_ACCOUNT, EXAMPLE_PEOPLE, Clause, ClauseRule, Example
from wp2bot.domain.models import Participant, Roster, RosterPerson
from wp2bot.domain.owners import OwnerResolver, split_owners


def _names() -> Names:
    name, account = EXAMPLE_ACCOUNT
    resolver = OwnerResolver(
        Roster(people=(RosterPerson(name, username=account),)),
        participants=tuple(Participant(p) for p in EXAMPLE_PEOPLE),
    )
    return Names(resolver.is_known, split_owners, strict=True)


def _clause(example: Example) -> Clause:
    # a later clause is a part of a longer sentence; an opening clause is the sentence itself
    sentence = f"The tests ran; {example.text}" if example.later else example.text
    return Clause(
        example.text, sentence, _names(), example.speaker, not example.later, named=example.named
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_example_is_judged_by_its_rule(rule: ClauseRule) -> None:
    assert rule.examples, "a rule without examples is untested"
    for example in rule.examples:
        clause = _clause(example)
        judged = judge_clause(clause)
        if rule.yields == "subject":  # the rule notes who the report is about and goes on
            assert clause.subject == example.owners[0], example.text
            continue
        assert judged is not None, example.text
        name, verdict = judged
        assert name == rule.name, example.text
        assert verdict.item is not None, example.text
        assert tuple(verdict.item.owners) == example.owners, example.text
        assert verdict.item.status is example.status, example.text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_no_counter_example_gives_an_item_by_its_rule(rule: ClauseRule) -> None:
    for example in rule.counter_examples:
        clause = _clause(example)
        judged = judge_clause(clause)
        if rule.yields == "subject":
            assert clause.subject == example.speaker, example.text
            continue
        assert judged is None or judged[0] != rule.name or judged[1].item is None, example.text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_gate_lets_every_example_through(rule: ClauseRule) -> None:
    for example in rule.examples:
        assert rule.gate is None or rule.gate(example.text), example.text


def test_rules_are_ranked_and_named_once() -> None:
    assert [r.rank for r in RULES] == sorted((r.rank for r in RULES), reverse=True)
    assert len({r.name for r in RULES}) == len(RULES)


def test_a_clause_no_rule_reads_gives_nothing() -> None:
    assert judge_clause(_clause(Example("The dashboard shows the transfer rates"))) is None
