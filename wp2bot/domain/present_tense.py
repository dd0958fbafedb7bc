"""The wording of commitments written in the present tense: "Bo updates the group on the
migration, ETA June", "Carla circulates the draft to the list".

Minutes narrate the meeting in the present too ("Ana presents the results"), so a present verb
commits its subject only when it is a verb of work, the subject is someone the meeting knows, and
the clause looks ahead (an ETA, "by ...", "next week") or hands something on to others
(``clause_judges.present_commitment`` judges them, knowing the names).
"""

from __future__ import annotations

import re

from wp2bot.domain import judge_patterns as jp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.pattern_rules import CAPITALS

# the subject: one or two capitalised words
_WHO = r"(?P<who>[" + CAPITALS + r"][\w'’-]+(?:\s+[" + CAPITALS + r"][\w'’-]+)?)"
# a known name, then a verb in the third person ("updates", "fixes"), then its object
PRESENT_COMMIT = re.compile(
    r"^" + _WHO + r"\s+(?:also\s+|now\s+)?"
    r"(?P<verb>[a-z]{3,}(?<![su])s)\s+(?P<task>\S.*)$"
)
# a group, then its verb: "each experiment nominates ...", "all Tier-1 sites provide ..."
PRESENT_GROUP = re.compile(
    r"^(?P<who>(?i:each|every|all)\s+[\w-]+(?:\s+[\w-]+)?)\s+"
    r"(?P<verb>(?!(?:the|its|their|this|that|our|any|some|each|all)\b)[a-z]{3,})\s+(?P<task>\S.*)$"
)
# note style for work under way: "Tom checking the logo", "Ana still looking into the timeout",
# "Kim is following up with the vendor"; also after what happened ("One disk failed, Kim is
# chasing the vendor")
_AT_WORK = _WHO + r"\s+(?:is\s+|are\s+)?(?:still\s+|now\s+|also\s+)?(?P<verb>[a-z]{2,}ing)"
PROGRESSIVE = re.compile(r"(?:^|(?<=[,;]\s))" + _AT_WORK + r"\s+(?P<task>\S.*)$")
# the same opening a later sentence or clause
_LATER_PROGRESSIVE = re.compile(r"(?<=[.;!,]\s)" + _AT_WORK + r"\s")
# work under way, told in the passive with its agent: "Timeouts on large files. Under
# investigation by Kim", "the pool is being looked at by Bo"
UNDER_WAY = re.compile(
    r"(?:^|(?<=[.;:,]\s))(?:[\w&'-]+(?:\s+[\w&'-]+){0,4}?\s+(?:is|are)\s+)?(?:still\s+|now\s+)?"
    r"(?i:under\s+investigation|being\s+(?:investigated|looked\s+(?:at|into)|followed\s+up|"
    r"handled|worked\s+on|debugged))\s+by\s+"
    r"(?P<who>@?[" + CAPITALS + r"][\w.'’-]*(?:\s+[" + CAPITALS + r"][\w.'’-]*)?)"
)
# verbs that hand work on to others: a commitment even without a date
HAND_OFF = frozenset(("circulate", "distribute", "forward"))
# verbs of the meeting itself, or of a person's own schedule: narration, not a task
NARRATION = frozenset(
    "present discuss mention think talk give summarise summarize continue consider understand go "
    "join start keep try look".split()
)


def may_commit_in_present(text: str) -> bool:
    """A gate: the clause has a space and a lower-case "s" word ending, somewhere."""
    return "s " in text


def may_be_ongoing(text: str) -> bool:
    """A gate: the clause has a word ending in "ing" before a space."""
    return "ing " in text


# "Aleem working to drive the workflow": an activity reported, not one task taken on
_REPORTS = frozenset(("work", "support", "help"))


def progressive_stem(verb: str, after: str = "") -> str | None:
    """The work verb of a present participle ("checking" -> "check", "setting" -> "set",
    "updating" -> "update"), or None when it is no verb of work or one of narration; "looking
    into ..." (``after`` the verb) is investigating, "looking at the slides" narration."""
    if verb == "looking" and after.startswith("into "):
        return "look"
    base = verb[:-3]
    for candidate in (base, base + "e", base[:-1] if base[-1:] == base[-2:-1] else base):
        if candidate in vo.IMPERATIVES and candidate not in NARRATION and candidate not in _REPORTS:
            return candidate
    return None


def may_be_under_way(text: str) -> bool:
    """A gate: the clause says " by " and "investigat" or "being "."""
    return " by " in text and ("nvestigat" in text or "being " in text)


def present_trigger(text: str) -> bool:
    """The line opens with a present commitment of someone, or tells work under way by someone
    (before the names are known)."""
    if may_be_under_way(text) and UNDER_WAY.search(text):
        return True
    if "ing " in text and (ongoing := PROGRESSIVE.match(text)):
        # "WLCG working groups": an organisation's acronym and a noun, not a person at work
        return (
            not ongoing["who"].isupper()
            and progressive_stem(ongoing["verb"], ongoing["task"]) is not None
        )
    if "ing " in text and (". " in text or ", " in text or "; " in text):
        # "Open: checksum mismatches. Kim is following up with the vendor": a later sentence
        for later in _LATER_PROGRESSIVE.finditer(text):
            after = text[later.end() :]
            if not later["who"].isupper() and progressive_stem(later["verb"], after) is not None:
                return True
    m = PRESENT_COMMIT.match(text) if may_commit_in_present(text) else None
    if m is None:
        return False
    base = stem(m["verb"])
    if (base not in vo.IMPERATIVES and base not in HAND_OFF) or base in NARRATION:
        return False
    return base in HAND_OFF or jp.AHEAD.search(m["task"]) is not None


def stem(verb: str) -> str:
    """The base form of a third-person verb: "updates" -> "update", "fixes" -> "fix"."""
    if verb.endswith(("ches", "shes", "sses", "xes", "zes")):
        return verb[:-2]
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    return verb[:-1]
