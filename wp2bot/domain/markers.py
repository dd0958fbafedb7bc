"""The marks that open action items, in one ranked table: headings, markers, owner layouts.

Each rule names a layout, its pattern, what a match gives the caller and invented examples with
the groups they capture (``tests/unit/test_pattern_rules.py`` runs them). The rank orders the
rules a caller tries in turn: an item's own marker (at its start, after a note, inside it), the
headings of action and follow-up sections, then the owner layouts (a trailing bracket, dash or
colon before a leading name).
"""

from __future__ import annotations

import re

from wp2bot.domain.casefold import contains_any, lower_safe
from wp2bot.domain.pattern_rules import (
    CAPITALS,
    DASH_MARKS,
    DASHES,
    PatternRule,
    case,
    pattern,
    ranked,
    rule,
)
from wp2bot.domain.status_patterns import CLOSED_STATES, OTHER_STATES

_WHO = (
    r"@?[" + CAPITALS + r"][\w.'’-]*(?:\s+[" + CAPITALS + r"][\w.'’-]*){0,2}"
)  # "Ana", "Bo de Vries"

RULES = ranked(
    PatternRule(
        name="marker",
        rank=60,
        # "ACTION:", "AI (Jo):", "TODO Omar:", "**Action item:**"; a label that also names the
        # owner's column counts too: "Action/Owner:", "Action items/Who:"
        pattern=re.compile(
            r"^[\s(\[*_]*(?P<m>action(?:\s+items?(?:\s*\(s\))?|\s+points?)?"
            r"(?:\s*/\s*(?:assignees?|owners?|responsibles?|who)(?:\s*\(s\))?)?|"
            # "AP" (an action point) only in capitals: "ap" and "Ap" are words of other kinds
            r"ai|a\.i\.|(?-i:AP)|todo|to-do|to do|outcome(?:\s*\d+)?)(?:\b|(?<=\)))"
            # a numbered action: "ACTION 2210-02 (ops@example.org): ...", "AI #12: ...", "AI-7: ..."
            r"(?:(?:\s+|-)#?\d[\w.-]*)?"
            r"(?:\s+(?:for|to|on)\s+(?P<for>[\w&+/ -]{1,40}?))?"
            r"\s*(?:\((?P<paren>[^()]{1,60})\))?"
            r"(?:\s+(?P<name>@?["
            + CAPITALS
            + r"][\w.@-]*(?:\s*[,/&]\s*@?["
            + CAPITALS
            + r"][\w.@-]*)*"
            r"|[A-Z]{2,4}))?"
            r"\s*[*_]*\s*(?:[:–—]|\s-\s|->)[*_]*\s*",
            re.IGNORECASE,
        ),
        yields="the marker (m) and the owner it names (for, paren, name); the task follows",
        how="match",
        examples=(
            case("ACTION: Bo to renew the certificate", m="ACTION", name=None),
            case("AI (Ana): update the wiki", m="AI", paren="Ana"),
            case("TODO Carla: book the room", m="TODO", name="Carla"),
            case("**Action item:** send the minutes", m="Action item"),
            case("Action/Owner: fix the link", m="Action/Owner"),
            case("Action for Bo: check the quotas", **{"for": "Bo"}),
            case("AP Bo: update the changelog", m="AP", name="Bo"),
            case("AI-2031-07 (Ana): move the archive", m="AI", paren="Ana"),
            case(
                "ACTION 2611-03 (ops@example.org): open the call",
                m="ACTION",
                paren="ops@example.org",
            ),
        ),
        counter_examples=("Aims: faster scans", "Bo to renew the certificate", "Ap: a tool"),
    ),
    PatternRule(
        name="bracketed-marker",
        rank=59,
        # "[ACTION] Bo: ask the vendor", "(TODO) renew the key": the brackets close the marker
        pattern=re.compile(
            r"^[\[(](?P<m>action(?:\s+items?)?|ai|todo|to-?do)[\])](?!\()\s*:?\s*(?=\S)",
            re.IGNORECASE,
        ),
        yields="a marker in brackets (m), read as the marker with a colon",
        how="match",
        examples=(case("[ACTION] Bo: ask the vendor", m="ACTION"), case("(todo) renew the key")),
        counter_examples=("[Ana] ask the vendor", "(action items below)", "[Action items](/notes)"),
    ),
    PatternRule(
        name="trailing-action",
        rank=50,
        pattern=re.compile(
            r"^(?P<rest>.*\S)\s*[,;]\s*action\s+(?P<who>@?[" + CAPITALS + r"][\w.-]*)\s*$"
        ),
        yields="a note (rest) and the owner appended to it (who)",
        how="match",
        examples=(
            case("Lea -> not applied yet, action JK", rest="Lea -> not applied yet", who="JK"),
        ),
        counter_examples=("action JK to apply the patch",),
    ),
    PatternRule(
        name="inline-owned",
        rank=45,
        # lower case counts only with an owner: "... (open point) action Dana: to book ..."
        pattern=re.compile(r"\baction(?P<name>\s+@?[" + CAPITALS + r"][\w.-]*)\s*:\s*"),
        yields="a lower-case marker inside the line and its owner (name); the task follows",
        examples=(case("quota (open point) action Dana: book the room", name=" Dana"),),
        counter_examples=("action items: none",),
    ),
    PatternRule(
        name="inline-marker",
        rank=40,
        # in capitals, so the name after it may be a lower-case handle ("TODO jdoe:"); after a
        # name a dash may stand for the colon ("AI Bo - rerun it")
        pattern=re.compile(
            r"\(?\b(?:ACTION|TODO|AI)(?P<name>\s+@?[" + CAPITALS + r"a-z][\w.-]*)?"
            r"(?:\s*:\s*|(?(name)\s[" + DASHES + r"]\s+|(?!)))"
        ),
        yields="an upper-case marker inside the line and the owner it names (name)",
        examples=(
            case("Quotas were set (ACTION: Bo to check them)", name=None),
            case("the scan is slow, TODO jdoe: rerun it", name=" jdoe"),
            case("The plots look fine. AI Bo - update the page", name=" Bo"),
        ),
        counter_examples=("the action: none", "AI - the new models"),
    ),
    PatternRule(
        name="action-heading",
        rank=30,
        # "Action list", "Action items", "AIs", "Next steps"
        pattern=re.compile(
            r"^\W*(?:[0-9]+(?:\.[0-9]+)*[.)]?\s+)?"  # a section number: "5. Next steps"
            r"(?:(?:summary|list|review)\s+of\s+(?:the\s+)?)?"
            r"(?:(?:new|open|next|agreed|key|follow[- ]?up|pending|outstanding)\s+)?"
            r"(?:action(?:s|\s+items?(?:\s*\(s\))?|\s+list|\s+points?|\s+summary)?|ais|a\.i\.s?|"
            r"to-?dos?|next\s+steps|tasks)\b(?:\s+(?:and|&)\s+next\s+steps)?"
            r"(?:\s*\([\w\s&,/]{1,30}\))?[\W]*$",  # "Next actions (team)": who the list is for
            re.IGNORECASE,
        ),
        yields="a title or label whose items are actions",
        how="match",
        words=("action", "ais", "a.i.", "todo", "to-do", "steps", "tasks"),
        examples=(
            case("5. Next steps"),
            case("Action items (storage)"),
            case("Summary of actions"),
            case("Summary of new actions:"),
            case("Outstanding action items"),
        ),
        counter_examples=("Storage report", "2024 actions budget"),
    ),
    PatternRule(
        name="follow-ups",
        rank=30,
        pattern=re.compile(
            r"^\W*follow[- ]?ups?(?:\s+(?:for|on|with|from)\s+.{1,40})?$", re.IGNORECASE
        ),
        yields="a label whose items follow up on earlier work",
        how="match",
        examples=(case("Follow-ups for the storage team"), case("followup")),
        counter_examples=("Follow the install guide",),
    ),
    PatternRule(
        name="followup-heading",
        rank=20,
        # sections that review items of an earlier meeting: the items are carried over
        pattern=re.compile(
            r"(?:follow[- ]?up|review|status|previous|last|outstanding|open|pending|old|earlier)\b"
            r".{0,40}\bactions?\b|\bactions?\b.{0,30}\b(?:follow[- ]?up|from (?:the )?(?:last|"
            r"previous)|review|status)|carried|matters arising",
            re.IGNORECASE,
        ),
        yields="a title that reviews earlier actions",
        words=("action", "carried", "arising"),
        examples=(
            case("Review of previous actions"),
            case("Actions from the last meeting"),
            case("Matters arising"),
        ),
        counter_examples=("New actions",),
    ),
    PatternRule(
        name="action-is-to",
        rank=20,
        # "Likely action item is to ...": the task of the meeting, no owner
        pattern=re.compile(
            r"^(?:(?:the|an?|one|our)\s+)?(?:(?:likely|possible|probable|next|main|first|only|"
            r"agreed)\s+)?action(?:\s+items?)?\s+(?:is|was|would be|will be)\s+to\s+"
            r"(?P<task>[a-z].*)$",
            re.IGNORECASE,
        ),
        yields="the task of the meeting (task), with no owner",
        how="match",
        examples=(case("The action is to split the review", task="split the review"),),
        counter_examples=("The action was taken",),
    ),
    PatternRule(
        name="checkbox",
        rank=15,
        pattern=re.compile(r"^\[[ xX]\]\s*"),
        yields="a checkbox opening the item, to strip",
        how="match",
        examples=(case("[x] send the slides"), case("[ ] book the room")),
        counter_examples=("[link] the page",),
    ),
    PatternRule(
        name="state-tag",
        rank=16,
        # a state written in capitals, or in brackets, before the item: "DONE Bo: rotate the
        # keys", "[Cancelled] Ana to book the room" (closed is DONE, CANCELLED and their kin)
        pattern=re.compile(
            r"^(?:(?:(?P<closed>" + CLOSED_STATES + r")|" + OTHER_STATES + r")\b\s*:?"
            r"|[\[(](?i:(?P<bracketed>" + CLOSED_STATES + r")|" + OTHER_STATES + r")[\])]\s*:?)"
            r"\s+(?=\S)"
        ),
        yields="a state tag opening the item (closed or bracketed: a closing state), to strip",
        how="match",
        examples=(
            case("DONE Bo: rotate the keys", closed="DONE"),
            case("[Cancelled] Ana to book the room", bracketed="Cancelled"),
            case("ONGOING: Bo to fix the probe", closed=None),
        ),
        counter_examples=("Done with the review", "OPENSSL upgrade", "New nodes arrived"),
    ),
    PatternRule(
        name="item-number",
        rank=15,
        # the number a list of actions gives its items: no owner, no part of the task
        pattern=re.compile(r"^(?:#\d[\w.-]*|[A-Z]{1,5}-\d[\w.-]*)\s*[:.)]?\s+(?=\S)"),
        yields="an item's number opening it ('#14 ', 'ACT-7: '), to strip",
        how="match",
        examples=(case("#14 Bo: check the pools"), case("ACT-7: Bo to check the pools")),
        counter_examples=("14 pools to check", "DC24 starts", "#hashtag"),
    ),
    PatternRule(
        name="hackmd-name",
        rank=15,
        pattern=re.compile(r"\[name=([^\]]+)\]\s*"),
        yields="the owner a HackMD name tag gives (group 1), to strip",
        examples=(case("check the logs [name=Ana Lima]"),),
        counter_examples=("check the logs [Ana Lima]",),
    ),
    PatternRule(
        name="trailing-paren",
        rank=12,
        pattern=re.compile(r"^(?P<rest>.*?\S)\s*\((?P<who>[^()]{1,80})\)\s*[.;:]*\s*$"),
        yields="the task (rest) and the owners in a closing bracket (who)",
        how="match",
        examples=(case("Draft the FAQ (Ana).", rest="Draft the FAQ", who="Ana"),),
        counter_examples=("Draft the FAQ (Ana) today",),
    ),
    PatternRule(
        name="trailing-dash",
        rank=11,
        pattern=re.compile(
            r"^(?P<rest>.*\S)\s+(?:["
            + DASHES
            + r"]|→|->|=>)\s+(?P<who>@?["
            + CAPITALS
            + r"][\w.]*(?:\s+["
            + CAPITALS
            + r"]"
            r"[\w.]*)?)\s*$"
        ),
        yields="the task (rest) and the owner after a closing dash or arrow (who)",
        how="match",
        examples=(
            case("Renew the certificate - Bo Berg", rest="Renew the certificate"),
            case("Someone should renew it → Bo", who="Bo"),
        ),
        counter_examples=("Renew the certificate - soon",),
    ),
    PatternRule(
        name="trailing-colon",
        rank=10,
        # "Tokens: migrate the test instance: Bo": a topic, the task, and its owner
        pattern=re.compile(
            r"^(?P<rest>[^:]*\S:\s.*\S)\s*:\s+(?P<who>@?["
            + CAPITALS
            + r"][\w.]*(?:\s*[,/&]\s*@?["
            + CAPITALS
            + r"][\w.]*){0,3})\s*$"
        ),
        yields="the topic and task (rest) and the owners after a last colon (who)",
        how="match",
        examples=(case("Tokens: migrate the test instance: Bo", who="Bo"),),
        counter_examples=("Tokens: migrate the test instance",),
    ),
    PatternRule(
        name="leading-owner",
        rank=5,
        # "Name - text" / "Name: text" at the start of an item
        pattern=re.compile(
            r"^(?P<who>" + _WHO + r"(?:\s*(?:,|/|&|\+|\band\b|\bor\b)\s*" + _WHO + r"){0,4}"
            r"|@[\w.-]+)"
            # a deadline beside the owner: "Bo (due 3 Dec): renew ..."
            r"(?:\s*\((?P<due>(?:due|by|until|before|deadline)\b[^()]{1,30})\))?"
            r"\s*(?::|\s[" + DASHES + r"]\s)\s*(?P<rest>\S.*)$"
        ),
        yields="the owners (who) opening the item, a deadline beside them (due), the task (rest)",
        how="match",
        examples=(
            case("Bo Berg: renew the certificate", who="Bo Berg", rest="renew the certificate"),
            case("Ana / Carla - draft the FAQ", who="Ana / Carla"),
            case("Bo (due 3 Dec): renew the key", who="Bo", due="due 3 Dec", rest="renew the key"),
        ),
        counter_examples=("renew the certificate: soon",),
    ),
    PatternRule(
        name="trailing-field",
        rank=5,
        # "Tomás to be contacted about the nodes (action: Ana)": who acts, in closing brackets
        pattern=re.compile(
            r"[(\[](?:actions?|owners?|responsible|who|ai)(?:\s+(?:on|for))?\s*[:=]?\s*"
            r"(?P<who>[^()\[\]:=]{1,40})[)\]]\W*$",
            re.IGNORECASE,
        ),
        yields="the owner a closing bracket names as the task's (who)",
        how="search",
        examples=(case("Bo to be contacted (action: Ana)", who="Ana"),),
        counter_examples=("Bo to be contacted (see the action list)",),
    ),
    PatternRule(
        name="owner-label",
        rank=5,
        # a form's field names the owner before the task: "Owner: Bo - renew the key"
        pattern=re.compile(
            r"^\W*(?:owners?|responsible|assignees?|actionees?|assigned\s+to|who)\s*:\s*"
            r"(?P<rest>\S.*)$",
            re.IGNORECASE,
        ),
        yields="the owner and the task after an owner's field label (rest)",
        how="match",
        examples=(
            case("Owner: Bo - renew the key", rest="Bo - renew the key"),
            case("Assigned to: Bo: renew the key", rest="Bo: renew the key"),
        ),
        counter_examples=("Owners of the pools met", "Who knows?"),
    ),
    PatternRule(
        name="handle-label",
        rank=5,
        # "jdoe: update the table": a lower-case account name labels the task
        pattern=re.compile(r"^@?(?P<who>[a-z][a-z0-9_.-]{2,30})\s*:\s+(?P<task>\S.*)$"),
        yields="the account (who) and its task (task)",
        how="match",
        examples=(case("jdoe42: update the table", who="jdoe42", task="update the table"),),
        counter_examples=("Bo: update the table", "ab: update the table"),
    ),
)

ACTION_HEADING = pattern(RULES, "action-heading")
ACTION_IS_TO = pattern(RULES, "action-is-to")
FOLLOWUP_HEADING = pattern(RULES, "followup-heading")
FOLLOW_UPS = pattern(RULES, "follow-ups")
MARKER = pattern(RULES, "marker")
INLINE_MARKER = pattern(RULES, "inline-marker")
INLINE_OWNED = pattern(RULES, "inline-owned")
TRAILING_ACTION = pattern(RULES, "trailing-action")
CHECKBOX_TEXT = pattern(RULES, "checkbox")
ITEM_NUMBER = pattern(RULES, "item-number")
STATE_TAG = pattern(RULES, "state-tag")
HACKMD_NAME = pattern(RULES, "hackmd-name")
LEADING_OWNER = pattern(RULES, "leading-owner")
TRAILING_PAREN = pattern(RULES, "trailing-paren")
HANDLE_LABEL = pattern(RULES, "handle-label")
TRAILING_COLON = pattern(RULES, "trailing-colon")
TRAILING_DASH = pattern(RULES, "trailing-dash")
OWNER_LABEL = pattern(RULES, "owner-label")
TRAILING_FIELD = pattern(RULES, "trailing-field")
BRACKETED_MARKER = pattern(RULES, "bracketed-marker")


def may_label_owner(text: str) -> bool:
    """False when ``OWNER_LABEL`` cannot match: no colon in the first 24 characters."""
    return ":" in text[:24]


def may_end_with_owner(text: str) -> bool:
    """False when ``text`` holds no dash or arrow that ``TRAILING_DASH`` needs."""
    return contains_any(text, DASH_MARKS) or "→" in text or "=>" in text


_HEADING_WORDS = rule(RULES, "action-heading").words
_FOLLOWUP_WORDS = rule(RULES, "followup-heading").words


def is_action_heading(text: str) -> bool:
    """A title or label that heads a list of actions (ACTION_HEADING), tested cheaply first."""
    if lower_safe(text):
        lower = text.lower()
        if not contains_any(lower, _HEADING_WORDS):
            return False
    return ACTION_HEADING.match(text) is not None


def is_followup(title: str) -> bool:
    """A title that reviews earlier actions; the word test spares the costly pattern."""
    if not contains_any(title.lower(), _FOLLOWUP_WORDS):
        return False
    return bool(FOLLOWUP_HEADING.search(title))


def may_open_marker(text: str) -> bool:
    """False when MARKER cannot match: its word starts with "a", "t" or "o" after whitespace,
    brackets and emphasis marks."""
    at = 0
    while at < len(text) and (text[at] in "([*_" or text[at].isspace()):
        at += 1
    return text[at : at + 1] in ("a", "A", "t", "T", "o", "O")
