"""The wording of done, not-done and tentative items in one table, with the words each needs.

The status rules (``status_rules``) decide with these patterns; each rule here carries its cheap
word test and invented examples (``tests/unit/test_pattern_rules.py`` runs them).
"""

from __future__ import annotations

import re

from wp2bot.domain.casefold import contains_any
from wp2bot.domain.pattern_rules import TICKS, PatternRule, case, pattern, ranked, rule

# a past judgement of the effort means the work is over: "it was quick", "turned out trivial"
EFFORT_PAST = (
    r"(?:was|were|turned out(?: to be)?)\s+(?:very\s+|quite\s+|really\s+)?"
    r"(?:easy|quick|simple|trivial|straightforward)"
)
# The searches below open with a one-character look-ahead holding the first letters of their words:
# the engine then skips most positions at once instead of trying every lookbehind and alternative
# there (two to three times faster; what matches is unchanged).
RULES = ranked(
    PatternRule(
        name="done",
        rank=20,
        pattern=re.compile(
            # "once done", "when finished": a condition on future work, not a report that it is over
            r"(?=[dcfmrntw"
            + TICKS
            + r"])(?:(?<!not )(?<!not yet )(?<!n't )(?<!be )(?<!once )(?<!when )"
            r"(?<!until )(?<!if )\b(?:done|completed?|finished|closed|resolved|fixed|"
            r"merged|no longer needed|not needed anymore|delivered|"
            # "was asked to send the slides and did so", "..., which she did"
            r"did\s+(?:so|that)|which\s+(?:s?he|they|we)\s+did|"
            + EFFORT_PAST
            + r")\b|["
            + TICKS
            + r"])",
            re.IGNORECASE,
        ),
        yields="the item is reported over",
        words=(
            "done",
            "did",
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
        ),
        examples=(
            case("Renew the host key: done"),
            case("the patch was merged on Monday"),
            case("That one turned out quite simple"),
            case("Upload the poster ✅"),
            case("Yuki was asked to send the slides and did so"),
            case("Check the logs ✓"),
        ),
        counter_examples=("not yet done", "once finished, tell the chairs", "it should be easy"),
    ),
    PatternRule(
        name="not-done",
        rank=20,
        # "get the checks done": the result of work still to do, not a report that it is over;
        # "ask whether the link is fixed": a question to put, not its answer
        pattern=re.compile(
            r"(?=[niopgtwoauhmldcf\d])\b(?:not (?:yet )?done|not yet|in progress|ongoing|pending|"
            r"to do|"
            # done in part: "partially done", "80% completed", "done except for the CA"
            r"(?:partially|partly|almost|nearly|mostly|half|largely|\d{1,2}\s?%)\s+"
            r"(?:done|completed?|finished)|(?:done|completed?|finished)\s+(?:except|apart\s+from)|"
            r"get(?:ting)?\s+(?:[\w-]+\s+){0,4}?(?:done|finished|fixed|merged|completed)|"
            # a question ("whether ... is fixed") or a condition ("once the bug is fixed")
            r"(?:whether|if|once|until|after|as\s+soon\s+as)\s+[^.;:!?]{0,80}?\b"
            r"(?:is|are|was|were|has|have|had|got|gets)\s+"
            r"(?:been\s+)?(?:already\s+|now\s+|really\s+)?(?:done|completed?|finished|closed|"
            r"resolved|fixed|merged|delivered))\b",
            re.I,
        ),
        yields="the item is still open, whatever done word it holds",
        examples=(
            case("Rotate the keys - not done"),
            case("still in progress"),
            case("get the release notes finished this week"),
            case("Ask whether the proxy bug is fixed on the test cluster"),
            case("Tag the release once the regression is fixed"),
            case("Rotate the keys - partially done"),
            case("Rotate the keys - 80% completed"),
            case("Rotate the keys - done except for the CA"),
        ),
        counter_examples=("Rotate the keys - done",),
    ),
    PatternRule(
        name="tentative",
        rank=10,
        pattern=re.compile(
            r"(?=[(tmphwicos])(?:\(?\btbc\b\)?|\b(?:maybe|perhaps|possibly|might|(?-i:may)|hoping|"
            r"hopes?\s+to|try\s+(?:to|and)|will try|tries|trying|would like to|"
            r"if (?:possible|time permits)|when (?:i|we) get (?:some )?time|think about|"
            r"consider(?:ing)?|probably|tentative(?:ly)?|"
            r"could|offered to|would be good|(?:proposes|suggests) that|"
            # a self-assignment hedged by the speaker: "I guess we could ...", "I think I ought to"
            r"(?:i|we)\s+(?:think|guess|suppose)\s+(?:i|we)\s+"
            r"(?:should|ought to|could|can|might))\b)",
            re.IGNORECASE,
        ),
        yields="the item is not settled",
        words=(
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
        ),
        examples=(
            case("Perhaps Bo looks at the quota"),
            case("Carla (TBC) to chair"),
            case("we may add a second mirror"),
            case("if time permits, rerun the scan"),
            case("I think I could take the review"),
        ),
        counter_examples=("Bo to look at the quota", "May 5: release day"),
    ),
)

DONE = pattern(RULES, "done")
NOT_DONE = pattern(RULES, "not-done")
TENTATIVE = pattern(RULES, "tentative")
DONE_WORDS = rule(RULES, "done").words
TENTATIVE_WORDS = rule(RULES, "tentative").words


def may_say_done(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words DONE needs (cheap pre-test)."""
    return contains_any(lower, DONE_WORDS)


def may_be_tentative(lower: str) -> bool:
    """False when lower-cased ASCII text holds none of the words TENTATIVE needs."""
    return contains_any(lower, TENTATIVE_WORDS)


# The states an item may be tagged with before its text ("DONE Bo: rotate the keys"), in
# capitals; the first closes it. ``markers.STATE_TAG`` strips the tag, ``CLOSED_TAG`` reads it.
CLOSED_STATES = r"DONE|CLOSED|COMPLETED|FINISHED|FIXED|CANCELL?ED|DROPPED|WITHDRAWN"
OTHER_STATES = (
    r"OPEN|ONGOING|PENDING|WIP|IN\s+PROGRESS|NEW|WAITING|POSTPONED|DEFERRED|CONTINUE[SD]|"
    r"CARRIED(?:\s+(?:OVER|FORWARD))?"
)
CLOSED_TAG = re.compile(r"^(?:(?:" + CLOSED_STATES + r")\b|[\[(](?i:" + CLOSED_STATES + r")[\])])")
