"""The commitment rules of one clause in one ranked table: who takes on which task.

Each rule names a category of language, the pattern that finds it, a cheap test run before the
pattern, the judge that reads the match (``clause_judges``) and invented example clauses, with
the owners each gives, that ``tests/unit/test_clause_rules.py`` runs. The rules that name an owner
live in ``clause_rules_owned``, those that name nobody in ``clause_rules_unowned``; here they are
ranked into one table and tried by rank: the first whose judge gives a verdict decides, and a
rejecting verdict ends the search.
"""

from __future__ import annotations

from wp2bot.domain.clause_rules_owned import OWNED_RULES
from wp2bot.domain.clause_rules_unowned import UNOWNED_RULES
from wp2bot.domain.clause_terms import Clause, ClauseRule, Verdict
from wp2bot.domain.regex_openers import may_open

RULES: tuple[ClauseRule, ...] = tuple(sorted(OWNED_RULES + UNOWNED_RULES, key=lambda r: -r.rank))


# The rules, by rank, that can match a clause opening with a character (``regex_openers``; a
# rule that searches anywhere can match after any): most rules read the clause's first words,
# so a clause opening with a lower-case verb or a digit skips most of them.
_BY_OPENING: dict[str, tuple[ClauseRule, ...]] = {}


def _rules_opening_with(ch: str) -> tuple[ClauseRule, ...]:
    rules = _BY_OPENING.get(ch)
    if rules is None:
        rules = tuple(r for r in RULES if r.search or may_open(r.pattern, ch))
        if len(_BY_OPENING) < 1024:  # the characters clauses open with: a few dozen
            _BY_OPENING[ch] = rules
    return rules


def judge_clause(clause: Clause) -> tuple[str, Verdict] | None:
    """The first rule by rank that gives a verdict on the clause, and the verdict; or None."""
    text = clause.text
    for rule in _rules_opening_with(text[:1]):
        if rule.gate is not None and not rule.gate(text):
            continue
        found = rule.pattern.search(text) if rule.search else rule.pattern.match(text)
        if found is None:
            continue
        verdict = rule.judge(clause, found)
        if verdict is not None:
            return rule.name, verdict
    return None
