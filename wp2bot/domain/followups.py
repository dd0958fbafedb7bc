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

_ENTRY = re.compile(r"^(?P<who>[^:;.!?]{1,40}?)\s*:\s+(?P<rest>\S.*)$")
_CHECK = re.compile(r"^[✔✓✅☑]\s*")
# the state written after the task: "– done", "- ongoing, blocked by ...", "– carried over"
_STATE = re.compile(
    r"\s[–—-]\s+(?P<state>(?:not |no longer )?(?:done|completed?|closed|finished|fixed|"
    r"resolved|superseded|needed|ongoing|in progress|started|pending|blocked|waiting|"
    r"carried over|postponed|open|still open|to do|no progress|delayed|not started)\b.*)$",
    re.IGNORECASE,
)
_DONE_STATE = re.compile(
    r"^(?:done|completed?|closed|finished|fixed|resolved|superseded|not needed|"
    r"no longer needed)\b",
    re.IGNORECASE,
)


def followup_item(text: str, names: Names) -> Item | None:
    """The action a follow-up entry reviews, with its owner and state; None for other text."""
    if ":" not in text:
        return None
    match = _ENTRY.match(text)
    if match is None:
        return None
    who, rest = match["who"].strip(), match["rest"]
    # the state first: it is a cheap pattern, and most "Name: ..." lines are turns without one,
    # while resolving a name that the meeting does not know runs every tier of the index
    if _CHECK.match(rest) is not None:
        status = Status.DONE
    elif (state := _STATE.search(rest)) is not None:
        status = Status.DONE if _DONE_STATE.match(state["state"]) else Status.OPEN
    else:
        return None
    parts = names.split(who) or [who]
    if not all(names.is_known(part) for part in parts):
        return None
    return Item(text, [who], False, status, 2)
