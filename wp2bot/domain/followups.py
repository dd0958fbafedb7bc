"""Follow-up entries: "Name: task – state" bullets that review earlier actions.

A review of the last meeting's actions is written as one bullet per action, the owner first and
the state after a dash or as a check mark: "Ann: renew the certificate – done",
"Bo + Cy: migration notes – ongoing, first draft next week", "Di: ✔ ask the vendor".
The owner must be a person or group the meeting knows, and the entry must carry a state: a
"Name: ..." line without one is a speaker's turn, not an action.
"""

from __future__ import annotations

import re

from wp2bot.domain.action_items import Item, Names
from wp2bot.domain.models import Status
from wp2bot.domain.pattern_rules import TICKS, PatternRule, case, pattern, ranked

# the states that report the action over, in the state after the dash and in its test
_OVER = (
    r"done|completed?|closed|finished|fixed|resolved|superseded|dropped|cancell?ed|withdrawn|"
    r"obsolete"
)

# The parts of a follow-up entry in one table; an entry is tried for each in turn.
RULES = ranked(
    PatternRule(
        name="entry",
        rank=30,
        pattern=re.compile(r"^(?P<who>[^:;.!?]{1,40}?)\s*:\s+(?P<rest>\S.*)$"),
        yields="an entry opened by its owner: the owner as written and the rest",
        how="match",
        examples=(case("Bo + Cy: migration notes - ongoing", who="Bo + Cy"),),
        counter_examples=("Renew the certificate - done", "Note. Bo: later"),
    ),
    PatternRule(
        name="check-mark",
        rank=20,
        pattern=re.compile(rf"^[{TICKS}]\s*"),
        yields="a check mark before the task: the action is done",
        how="match",
        examples=(case("✔ ask the vendor"), case("☑renew the key")),
        counter_examples=("ask the vendor ✔",),
    ),
    PatternRule(
        name="state",
        rank=10,
        # the state written after the task: "– done", "- ongoing, blocked by ...", "– carried over"
        pattern=re.compile(
            r"\s[–—-]\s+(?P<state>(?:not |no longer )?(?:" + _OVER + r"|needed|ongoing|"
            r"in progress|started|pending|blocked|waiting|carried over|postponed|open|"
            r"still (?:open|failing|running|pending|waiting|to do)|to do|no progress|delayed|"
            r"not started)\b.*)$",
            re.IGNORECASE,
        ),
        yields="the state written after the task",
        examples=(
            case("renew the certificate – done", state="done"),
            case(
                "draft the notes - ongoing, first part next week",
                state="ongoing, first part next week",
            ),
            case(
                "token refresh – still failing after 6h, ongoing",
                state="still failing after 6h, ongoing",
            ),
        ),
        counter_examples=("the pre-production cluster", "renew - maybe"),
    ),
    PatternRule(
        name="dash-entry",
        rank=6,
        # the owner before a dash, the state after the task's colon: "CW – ask AARNet for the
        # results: ✅ got them", "JvR – SURF RSE: switch to WebDAV: **done**"
        pattern=re.compile(
            r"^(?P<who>[^\W\d_][\w.'’/+ ]{0,30}?)\s+[–—]\s+(?P<task>.+):\s*"
            r"(?P<state>[" + TICKS + r"].*|\**(?:not |no longer )?(?:" + _OVER + r"|ongoing|"
            r"in progress|pending|blocked|carried over|not started|still open)\b.*)$",
            re.IGNORECASE,
        ),
        yields="the owner (who), the task and the state written after its colon",
        how="match",
        examples=(
            case(
                "CW – ask AARNet for the results: ✅ got them",
                who="CW",
                task="ask AARNet for the results",
            ),
            case("JvR – SURF RSE: switch to WebDAV: **done**", task="SURF RSE: switch to WebDAV"),
        ),
        counter_examples=("CERN – Ana: all fine", "Tape – the recall test: 3 GB/s"),
    ),
    PatternRule(
        name="tracked",
        rank=5,
        # a tracker's action reviewed by its owner: "ACTION-141 (write the tests) is done",
        # "ACTION-145, editorial pass on section 4 -- I'll finish it by next week"
        pattern=re.compile(
            r"^ACTION-\d+(?:\s+on\s+me)?\s*(?:\((?P<task>[^()]{8,120})\)|,\s*"
            r"(?P<listed>[^()]{8,120}?)\s+(?=--|[–—]))\s*(?:--|[–—,])?\s*(?P<state>.*)$"
        ),
        yields="the task of a tracked action (task or listed) and what its owner says of it",
        how="match",
        examples=(
            case("ACTION-141 (write the test cases) is done", task="write the test cases"),
            case(
                "ACTION-144 on me (contact the coordinator) -- still pending", state="still pending"
            ),
            case(
                "ACTION-145, editorial pass on section 4 -- I'll finish it",
                listed="editorial pass on section 4",
            ),
        ),
        counter_examples=("ACTION-139 is obsolete", "ACTION-12: send the slides"),
    ),
    PatternRule(
        name="over",
        rank=0,
        pattern=re.compile(r"^(?:" + _OVER + r"|not needed|no longer needed)\b", re.IGNORECASE),
        yields="a state that reports the action over (else it stays open)",
        how="match",
        examples=(case("Done, see the ticket"), case("no longer needed")),
        counter_examples=("not done", "ongoing", "closing next week"),
    ),
)
_ENTRY = pattern(RULES, "entry")
_CHECK = pattern(RULES, "check-mark")
_STATE = pattern(RULES, "state")
_DONE_STATE = pattern(RULES, "over")
_TRACKED = pattern(RULES, "tracked")
_DASH_ENTRY = pattern(RULES, "dash-entry")
_TRACKED_OVER = re.compile(r"\b(?:" + _OVER + r")\b", re.IGNORECASE)


def followup_item(text: str, names: Names) -> Item | None:
    """The action a follow-up entry reviews, with its owner and state; None for other text."""
    if ":" not in text:
        return None
    # "✔ Matteo: enable token auth": a tick before the owner ticks the entry off
    tick = _CHECK.match(text)
    if tick is not None:
        text = text[tick.end() :]
    if ("–" in text[:40] or "—" in text[:40]) and (dashed := _DASH_ENTRY.match(text)):
        # "CW – ask AARNet for the results: ✅ got them": the owner's action and its state
        who, state = dashed["who"].strip(), dashed["state"].strip("* ")
        if all(names.is_known(part) for part in names.split(who) or [who]):
            over = _CHECK.match(state) is not None or _DONE_STATE.match(state) is not None
            return Item(dashed["task"], [who], False, Status.DONE if over else Status.OPEN, 2)
    match = _ENTRY.match(text)
    if match is None:
        return None
    who, rest = match["who"].strip(), match["rest"]
    if rest[:7] == "ACTION-" and (tracked := _TRACKED.match(rest)) is not None:
        # "Diego: ACTION-141 (write the tests) is done": the speaker's action and its state
        if not names.is_known(who):
            return None
        over = _TRACKED_OVER.search(tracked["state"]) is not None
        task = tracked["task"] or tracked["listed"]
        return Item(task, [who], False, Status.DONE if over else Status.OPEN, 2, context=rest)
    # the state first: it is a cheap pattern, and most "Name: ..." lines are turns without one,
    # while resolving a name that the meeting does not know runs every tier of the index
    if tick is not None or _CHECK.match(rest) is not None:
        status = Status.DONE
    elif (state := _STATE.search(rest)) is not None:
        status = Status.DONE if _DONE_STATE.match(state["state"]) else Status.OPEN
    else:
        return None
    parts = names.split(who) or [who]
    if not all(names.is_known(part) for part in parts):
        return None
    # "Ana: ✔ renew the key": the task is what follows the owner and the tick
    task = rest[check.end() :] if (check := _CHECK.match(rest)) else rest
    return Item(task, [who], False, status, 2)
