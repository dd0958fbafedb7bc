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
from wp2bot.domain.clause_terms import ClauseRule, RuleTable

RULES: tuple[ClauseRule, ...] = tuple(sorted(OWNED_RULES + UNOWNED_RULES, key=lambda r: -r.rank))


# judge_clause(clause): the first rule by rank that gives a verdict on the clause, and the
# verdict; or None (each rule tried only on clauses whose first character may open it)
judge_clause = RuleTable(RULES).judge
