"""Every pattern rule's examples match it with their groups, and no counter-example does."""

from __future__ import annotations

import pytest

from wp2bot.domain import (
    action_headings,
    attendance,
    calls,
    clause_agreements,
    commitment_languages,
    commitment_patterns,
    first_person_languages,
    followups,
    group_patterns,
    judge_patterns,
    markers,
    markup_rules,
    owner_patterns,
    owner_positions,
    prose_patterns,
    request_patterns,
    section_context,
    status_patterns,
    table_patterns,
    task_fields,
    task_lines,
    task_patterns,
    turns,
    vocabulary,
)
from wp2bot.domain.pattern_rules import PatternRule, case, pattern, ranked, rule

TABLES: dict[str, tuple[PatternRule, ...]] = {
    "attendance": attendance.RULES,
    "followups": followups.RULES,
    "clause_agreements": clause_agreements.RULES,
    "judge_patterns": judge_patterns.RULES,
    "markers": markers.RULES,
    "action_headings": action_headings.RULES,
    "markup_rules": markup_rules.RULES,
    "owner_patterns": owner_patterns.RULES,
    "owner_positions": owner_positions.RULES,
    "prose_patterns": prose_patterns.RULES,
    "calls": calls.RULES,
    "section_context": section_context.RULES,
    "commitment_patterns": commitment_patterns.RULES,
    "request_patterns": request_patterns.RULES,
    "commitment_languages": commitment_languages.RULES,
    "first_person_languages": first_person_languages.RULES,
    "task_patterns": task_patterns.RULES,
    "task_fields": task_fields.RULES,
    "task_lines": task_lines.RULES,
    "group_patterns": group_patterns.RULES,
    "vocabulary": vocabulary.RULES,
    "turns": turns.RULES,
    "status_patterns": status_patterns.RULES,
    "table_patterns.header": table_patterns.HEADER_RULES,
    "table_patterns.cell": table_patterns.CELL_RULES,
}
RULES = [(module, r) for module, table in TABLES.items() for r in table]
IDS = [f"{module}.{r.name}" for module, r in RULES]


@pytest.mark.parametrize(("module", "each"), RULES, ids=IDS)
def test_each_example_matches_with_its_groups(module: str, each: PatternRule) -> None:
    assert each.examples, f"{module}.{each.name} has no example"
    for example in each.examples:
        found = each.finds(example.text)
        assert found is not None, example.text
        for group, value in example.groups:
            assert found[group] == value, (example.text, group)


@pytest.mark.parametrize(("module", "each"), RULES, ids=IDS)
def test_the_word_test_lets_every_example_through(module: str, each: PatternRule) -> None:
    for example in each.examples:
        if example.text.isascii():
            assert each.may_match(example.text.lower()), example.text


@pytest.mark.parametrize(("module", "each"), RULES, ids=IDS)
def test_no_counter_example_matches(module: str, each: PatternRule) -> None:
    for text in each.counter_examples:
        assert each.finds(text) is None, text


@pytest.mark.parametrize("module", TABLES)
def test_tables_are_ranked_and_named_once(module: str) -> None:
    table = TABLES[module]
    assert [r.rank for r in table] == sorted((r.rank for r in table), reverse=True)
    assert len({r.name for r in table}) == len(table)


def test_rules_are_found_by_name() -> None:
    table = ranked(
        PatternRule("low", 1, status_patterns.DONE, "a test", (case("done"),)),
        PatternRule("high", 2, status_patterns.TENTATIVE, "a test", (case("maybe"),)),
    )
    assert [r.name for r in table] == ["high", "low"]
    assert pattern(table, "low") is status_patterns.DONE
    assert rule(table, "high").finds("maybe later") is not None
    with pytest.raises(KeyError):
        rule(table, "absent")
