"""Every status rule's examples fire it and its counter-examples do not (``status_rules``)."""

from __future__ import annotations

import pytest

from wp2bot.domain.action_items import status_of
from wp2bot.domain.models import Status
from wp2bot.domain.status_rule import StatusRule
from wp2bot.domain.status_rules import (
    CELL_RULES,
    ITEM_RULES,
    NOTE_RULES,
    cell_status,
    head,
    item_status,
    note_status,
)

RULES = [*ITEM_RULES, *NOTE_RULES, *CELL_RULES]


def _scoped(rule: StatusRule, text: str) -> str:
    return head(text) if rule.scope == "head" else text


def _lower(text: str) -> str | None:
    return text.lower() if text.isascii() else None


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_example_fires_its_rule_through_the_word_test(rule: StatusRule) -> None:
    assert rule.examples, "a rule without examples is untested"
    for text in rule.examples:
        scoped = _scoped(rule, text)
        assert rule.fires(scoped, _lower(scoped)), text  # with the cheap word test
        assert rule.fires(scoped, None), text  # and without it


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_no_counter_example_fires_its_rule(rule: StatusRule) -> None:
    for text in rule.counter_examples:
        scoped = _scoped(rule, text)
        assert not rule.fires(scoped, _lower(scoped)), text


@pytest.mark.parametrize("rule", ITEM_RULES, ids=lambda r: r.name)
def test_item_examples_get_the_status_of_their_rule(rule: StatusRule) -> None:
    for text in rule.examples:
        assert item_status(text) == (rule.yields, rule.name), text


@pytest.mark.parametrize("rule", NOTE_RULES, ids=lambda r: r.name)
def test_note_examples_get_the_status_of_their_rule(rule: StatusRule) -> None:
    for text in rule.examples:
        assert note_status(text) is rule.yields, text


@pytest.mark.parametrize("rule", CELL_RULES, ids=lambda r: r.name)
def test_cell_examples_get_the_status_of_their_rule(rule: StatusRule) -> None:
    for text in rule.examples:
        assert cell_status(text) is rule.yields, text


def test_rules_are_ranked_and_named_once() -> None:
    for table in (ITEM_RULES, NOTE_RULES, CELL_RULES):
        assert [r.rank for r in table] == sorted((r.rank for r in table), reverse=True)
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


def test_plain_items_and_reports_are_open_or_no_note() -> None:
    assert item_status("Bob to renew the host certificate") == (Status.OPEN, None)
    assert note_status("Ask the vendor for an update") is None
    assert cell_status("") is Status.OPEN
    assert cell_status("in progress") is Status.OPEN


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Rerun the tests now that the vendor fixed the firmware", Status.OPEN),
        ("Renew the host key – done", Status.DONE),
        ("Upload the poster (completed)", Status.DONE),
        ("Upload the poster ✓", Status.DONE),
        ("Evaluate the old client (dropped)", Status.DONE),
    ],
)
def test_an_empty_checkbox_is_open_unless_a_closing_note_says_done(
    text: str, status: Status
) -> None:
    assert status_of(text, struck=False, checked=False) is status
    assert status_of(text, struck=False, checked=True) is Status.DONE
