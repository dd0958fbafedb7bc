"""The wording of done and tentative items, and the words each pattern needs (cheap pre-tests)."""

from __future__ import annotations

import re

from wp2bot.domain.casefold import contains_any

# a past judgement of the effort means the work is over: "it was quick", "turned out trivial"
EFFORT_PAST = (
    r"(?:was|were|turned out(?: to be)?)\s+(?:very\s+|quite\s+|really\s+)?"
    r"(?:easy|quick|simple|trivial|straightforward)"
)
# The searches below open with a one-character look-ahead holding the first letters of their words:
# the engine then skips most positions at once instead of trying every lookbehind and alternative
# there (two to three times faster; what matches is unchanged).
DONE = re.compile(
    # "once done", "when finished": a condition on future work, not a report that it is over
    r"(?=[dcfmrntw✅✔☑])(?:(?<!not )(?<!not yet )(?<!n't )(?<!be )(?<!once )(?<!when )(?<!until )"
    r"(?<!if )\b(?:done|completed?|finished|closed|resolved|fixed|"
    r"merged|no longer needed|not needed anymore|delivered|" + EFFORT_PAST + r")\b|✅|✔|☑)",
    re.IGNORECASE,
)
# "get the checks done": the result of work still to do, not a report that it is over
NOT_DONE = re.compile(
    r"(?=[niopgt])\b(?:not (?:yet )?done|not yet|in progress|ongoing|pending|to do|"
    r"get(?:ting)?\s+(?:[\w-]+\s+){0,4}?(?:done|finished|fixed|merged|completed))\b",
    re.I,
)
TENTATIVE = re.compile(
    r"(?=[(tmphwicos])(?:\(?\btbc\b\)?|\b(?:maybe|perhaps|possibly|might|(?-i:may)|hoping|"
    r"hopes?\s+to|try\s+(?:to|and)|will try|tries|trying|would like to|"
    r"if (?:possible|time permits)|when (?:i|we) get (?:some )?time|think about|"
    r"consider(?:ing)?|probably|tentative(?:ly)?|"
    r"could|offered to|would be good|(?:proposes|suggests) that|"
    # a self-assignment hedged by the speaker: "I guess we could ...", "I think I ought to ..."
    r"(?:i|we)\s+(?:think|guess|suppose)\s+(?:i|we)\s+(?:should|ought to|could|can|might))\b)",
    re.IGNORECASE,
)


DONE_WORDS = (
    "done",
    "complete",
    "finished",
    "closed",
    "resolved",
    "fixed",
    "merged",
    "needed",
    "delivered",
    "easy",
    "quick",
    "simple",
    "trivial",
    "straightforward",
)


def may_say_done(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words DONE needs (cheap pre-test)."""
    return contains_any(lower, DONE_WORDS)


TENTATIVE_WORDS = (
    "tbc",
    "may",
    "might",
    "perhaps",
    "possibl",
    "hop",
    "try",
    "tries",
    "would",
    "if ",
    "when ",
    "think",
    "guess",
    "suppos",
    "consider",
    "probabl",
    "tentativ",
    "could",
    "offered",
    "propos",
    "suggest",
)


def may_be_tentative(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words TENTATIVE needs."""
    return contains_any(lower, TENTATIVE_WORDS)
