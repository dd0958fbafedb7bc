"""The marks that open action items: action and follow-up headings, markers, owner layouts."""

from __future__ import annotations

import re

from wp2bot.domain.casefold import contains_any, lower_safe

# Section titles whose items are actions: "Action list", "Action items", "AIs", "Next steps".
ACTION_HEADING = re.compile(
    r"^\W*(?:[0-9]+(?:\.[0-9]+)*[.)]?\s+)?"  # a section number: "5. Next steps", "2.3 Actions"
    r"(?:(?:new|open|next|summary of|list of|agreed|key|follow[- ]?up)\s+)?"
    r"(?:action(?:s|\s+items?(?:\s*\(s\))?|\s+list|\s+points?|\s+summary)?|ais|a\.i\.s?|to-?dos?|"
    r"next\s+steps|tasks)\b(?:\s+(?:and|&)\s+next\s+steps)?"
    r"(?:\s*\([\w\s&,/]{1,30}\))?[\W]*$",  # "Next actions (team)": who the list is for
    re.IGNORECASE,
)


_ACTION_HEADING_WORDS = ("action", "ais", "a.i.", "todo", "to-do", "steps", "tasks")


def is_action_heading(text: str) -> bool:
    """A title or label that heads a list of actions (ACTION_HEADING), tested cheaply first."""
    if lower_safe(text):
        lower = text.lower()
        if not contains_any(lower, _ACTION_HEADING_WORDS):
            return False
    return ACTION_HEADING.match(text) is not None


# "The action is to ...", "Likely action item is to ...": the task of the meeting, no owner
ACTION_IS_TO = re.compile(
    r"^(?:(?:the|an?|one|our)\s+)?(?:(?:likely|possible|probable|next|main|first|only|agreed)\s+)?"
    r"action(?:\s+items?)?\s+(?:is|was|would be|will be)\s+to\s+(?P<task>[a-z].*)$",
    re.IGNORECASE,
)

# Sections that review items of an earlier meeting: the items are carried over.
FOLLOWUP_HEADING = re.compile(
    r"(?:follow[- ]?up|review|status|previous|last|outstanding|open|pending|old|earlier)\b.{0,40}"
    r"\bactions?\b|\bactions?\b.{0,30}\b(?:follow[- ]?up|from (?:the )?(?:last|previous)|"
    r"review|status)|carried|matters arising",
    re.IGNORECASE,
)


def is_followup(title: str) -> bool:
    """A title that reviews earlier actions; the word test spares the costly pattern."""
    lower = title.lower()
    if "action" not in lower and "carried" not in lower and "arising" not in lower:
        return False
    return bool(FOLLOWUP_HEADING.search(title))


def may_open_marker(text: str) -> bool:
    """False when MARKER cannot match: its word starts with "a", "t" or "o" after whitespace,
    brackets and emphasis marks."""
    at = 0
    while at < len(text) and (text[at] in "([*_" or text[at].isspace()):
        at += 1
    return text[at : at + 1] in ("a", "A", "t", "T", "o", "O")


# A marker that opens an item: "ACTION:", "AI (Jo):", "TODO Omar:", "**Action item:**" ...;
# a label that also names the owner's column counts too: "Action/Owner:", "Action items/Who:"
MARKER = re.compile(
    r"^[\s(\[*_]*(?P<m>action(?:\s+items?(?:\s*\(s\))?|\s+points?)?"
    r"(?:\s*/\s*(?:assignees?|owners?|responsibles?|who)(?:\s*\(s\))?)?|"
    r"ai|a\.i\.|todo|to-do|to do|outcome(?:\s*\d+)?)(?:\b|(?<=\)))"
    r"(?:\s+(?:for|to|on)\s+(?P<for>[\w&+/ -]{1,40}?))?"
    r"\s*(?:\((?P<paren>[^()]{1,60})\))?"
    r"(?:\s+(?P<name>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.@-]*(?:\s*[,/&]\s*@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.@-]*)*|[A-Z]{2,4}))?"
    r"\s*[*_]*\s*(?:[:–]|\s-\s|->)[*_]*\s*",
    re.IGNORECASE,
)
# An upper-case marker in the middle of a line: "... set up (ACTION: Rizart to check ...)".
# the marker is in capitals, so the name after it may be a lower-case handle ("TODO jdoe:")
INLINE_MARKER = re.compile(
    r"\(?\b(?:ACTION|TODO|AI)(?P<name>\s+@?[A-ZÀ-ÖØ-ÞĀ-ſa-z][\w.-]*)?\s*:\s*"
)
# the same in lower case, only with an owner: "... (open point) action Dana: to book ..."
INLINE_OWNED = re.compile(r"\baction(?P<name>\s+@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.-]*)\s*:\s*")
# an owner appended to a note: "Ines -> not applied yet, action JK"
TRAILING_ACTION = re.compile(
    r"^(?P<rest>.*\S)\s*[,;]\s*action\s+(?P<who>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.-]*)\s*$"
)
CHECKBOX_TEXT = re.compile(r"^\[[ xX]\]\s*")
HACKMD_NAME = re.compile(r"\[name=([^\]]+)\]\s*")
# "Name - text" / "Name: text" at the start of an item.
LEADING_OWNER = re.compile(
    r"^(?P<who>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*){0,2}"
    r"(?:\s*(?:,|/|&|\+|\band\b|\bor\b)\s*@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*){0,2}){0,4}|@[\w.-]+)"
    r"\s*(?::|\s[-–]\s)\s*(?P<rest>\S.*)$"
)
TRAILING_PAREN = re.compile(r"^(?P<rest>.*?\S)\s*\((?P<who>[^()]{1,80})\)\s*[.;:]*\s*$")
# "jdoe: update the table": a lower-case account name labels the task
HANDLE_LABEL = re.compile(r"^@?(?P<who>[a-z][a-z0-9_.-]{2,30})\s*:\s+(?P<task>\S.*)$")
# "Tokens: migrate the test instance: Bo": a topic, the task, and its owner after a colon
TRAILING_COLON = re.compile(
    r"^(?P<rest>[^:]*\S:\s.*\S)\s*:\s+(?P<who>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.]*(?:\s*[,/&]\s*@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.]*){0,3})\s*$"
)
TRAILING_DASH = re.compile(
    r"^(?P<rest>.*\S)\s+[-–]\s+(?P<who>@?[A-ZÀ-ÖØ-ÞĀ-ſ][\w.]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w.]*)?)\s*$"
)

FOLLOW_UPS = re.compile(r"^\W*follow[- ]?ups?(?:\s+(?:for|on|with|from)\s+.{1,40})?$", re.I)
