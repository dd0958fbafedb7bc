"""Where an item writes its owner, in one ranked table: a trailing bracket, dash, colon or field
before a leading name, a form's owner label, an account's label.

Each rule names a layout, its pattern, what a match gives the caller and invented examples with
the groups they capture (``tests/unit/test_pattern_rules.py`` runs them).
"""

from __future__ import annotations

import re

from wp2bot.domain.casefold import contains_any
from wp2bot.domain.pattern_rules import (
    CAPITALS,
    DASH_MARKS,
    DASHES,
    PatternRule,
    case,
    pattern,
    ranked,
)

_WHO = (
    r"@?[" + CAPITALS + r"][\w.'’-]*(?:\s+[" + CAPITALS + r"][\w.'’-]*){0,2}"
)  # "Ana", "Bo de Vries"
# an account, or a name written after the @ sign ("@ana.lima", "@Ana Lima")
_MENTION = r"@[\w.-]*\w(?:\s[" + CAPITALS + r"][\w.'’-]*\w)?"

# a note of the owner's part beside the name, in brackets: "Kim (lead), Bo: ..."
_ROLE_NOTE = r"\s*\((?:lead|co-?lead|coordinator|chair|main|primary|backup|support|tbc)\)"
_ROLE = f"(?:{_ROLE_NOTE})?"
ROLE_NOTE = re.compile(_ROLE_NOTE)

RULES = ranked(
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
        name="trailing-bracket",
        rank=12,
        # "Update the wiki [HS]": initials or names in a closing square bracket (the caller
        # wants every one known: a bracket also holds links and references)
        pattern=re.compile(r"^(?P<rest>.*?\S)\s*\[(?P<who>[^\[\]=]{1,40})\]\s*[.;:]*\s*$"),
        yields="the task (rest) and the owners in a closing square bracket (who)",
        how="match",
        examples=(case("Update the wiki [HS]", rest="Update the wiki", who="HS"),),
        counter_examples=("Update the wiki [HS] today", "see [name=Ana]"),
    ),
    PatternRule(
        name="trailing-dash",
        rank=11,
        pattern=re.compile(
            r"^(?P<rest>.*\S)\s+(?:--|["
            + DASHES
            + r"]|→|->|=>)\s+(?P<who>@?["
            + CAPITALS
            + r"][\w.]*(?:\s+["
            + CAPITALS
            + r"]"
            r"[\w.]*)?"
            # (several: "— PK, MV", "- Bo/Ana")
            r"(?:\s*(?:,|/|&|\+)\s*@?[" + CAPITALS + r"][\w.]*){0,3})\s*$"
        ),
        yields="the task (rest) and the owners after a closing dash or arrow (who)",
        how="match",
        examples=(
            case("Renew the certificate - Bo Berg", rest="Renew the certificate"),
            case("Someone should renew it → Bo", who="Bo"),
            case("Ask Dario whether he can help -- Vera", who="Vera"),
            case("Cross-check the tape numbers — PK, MV", who="PK, MV"),
        ),
        counter_examples=("Renew the certificate - soon",),
    ),
    PatternRule(
        name="trailing-mention",
        rank=10,
        # "Re-run the recall test @bo", "Draft the FAQ @ana, @carla": mentions after the task
        # (the caller leaves a recipient's: "send the logs to @bo")
        pattern=re.compile(
            r"^(?P<rest>.*?\S)\s+(?P<who>"
            + _MENTION
            + r"(?:\s*(?:,|&|\band\b)\s*"
            + _MENTION
            + r"){0,4})"
            r"\s*$"
        ),
        yields="the task (rest) and the accounts mentioned after it (who)",
        how="match",
        examples=(
            case("Re-run the recall test @bo", rest="Re-run the recall test", who="@bo"),
            case("Draft the FAQ @ana, @carla", who="@ana, @carla"),
            case("Rerun the scan @Ana Lima", who="@Ana Lima"),
        ),
        counter_examples=("@bo re-run the recall test", "ask bo@example.org"),
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
            r"^(?P<who>"
            + _WHO
            + _ROLE
            + r"(?:\s*(?:,|/|&|\+|\band\b|\bor\b)\s*(?:"
            + _WHO
            + _ROLE
            # (a lower-case account after the first owner: "MD + sbakker: ...")
            + r"|[a-z][a-z0-9_-]{2,}\b)){0,4}"
            r"|@[\w.-]+(?:\s*(?:,|&|\band\b)\s*@[\w.-]+){0,4})"
            # a deadline beside the owner: "Bo (due 3 Dec): renew ..."
            r"(?:\s*\((?P<due>(?:due|by|until|before|deadline)\b[^()]{1,30})\))?"
            # "Bo: ...", "Bo - ...", and an arrow handing the point on: "Bo -> ..."
            r"\s*(?::|\s[" + DASHES + r"]\s|\s(?:->|→|=>)\s)\s*(?P<rest>\S.*)$"
        ),
        yields="the owners (who) opening the item, a deadline beside them (due), the task (rest)",
        how="match",
        examples=(
            case("Bo Berg: renew the certificate", who="Bo Berg", rest="renew the certificate"),
            case("Ana / Carla - draft the FAQ", who="Ana / Carla"),
            case("Rashid/Sabah -> decide on the RSE", who="Rashid/Sabah", rest="decide on the RSE"),
            case("@ana-l and @bo: draft the FAQ", who="@ana-l and @bo"),
            case("Bo (due 3 Dec): renew the key", who="Bo", due="due 3 Dec", rest="renew the key"),
            case("Kim (lead), Bo: write the plan", who="Kim (lead), Bo"),
            case("MD + sbakker: dCache upgrade plan", who="MD + sbakker"),
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
        name="leading-mention",
        rank=5,
        # "@bo draft the FAQ", "@Ana Lima, @bo: draft ...": mentions, then the task without a
        # colon (a task manager's or a chat's way); the caller wants an imperative after them
        pattern=re.compile(
            r"^(?P<who>" + _MENTION + r"(?:(?:\s*(?:,|&|\band\b)\s*|\s+)" + _MENTION + r"){0,4})"
            # (or a dash: "@svogt — finish the review")
            r"\s*(?:[:,]|\s[" + DASHES + r"])?\s+(?P<rest>\S.*)$"
        ),
        yields="the accounts mentioned (who) and what follows them (rest)",
        how="match",
        examples=(
            case("@bo draft the FAQ", who="@bo", rest="draft the FAQ"),
            case("@Ana Lima draft the FAQ", who="@Ana Lima", rest="draft the FAQ"),
            case("@ana and @bo check the logs", who="@ana and @bo"),
            case("@ana @bo check the logs", who="@ana @bo"),
            case("@bo_2: check the logs", who="@bo_2", rest="check the logs"),
            case("@svogt — finish the review", who="@svogt", rest="finish the review"),
        ),
        counter_examples=("Ask @bo about it", "bo@example.org check"),
    ),
    PatternRule(
        name="handle-label",
        rank=5,
        # "jdoe: update the table": a lower-case account name labels the task; several too
        # (a chat's nicks: "ana, bob: update the table"; the callers want each one known)
        pattern=re.compile(
            # (an account written as code: "`jnovak`: ask ...")
            r"^[@`]?(?P<who>[a-z][a-z0-9_.-]{2,30}(?:(?:\s*[,/&+]\s*|\s+and\s+)@?[a-z][a-z0-9_.-]{2,30}){0,3})`?"
            # (or a dash: "etamburini — release notes → done")
            r"(?:\s*:|\s+[" + DASHES + r"])\s+(?P<task>\S.*)$"
        ),
        yields="the accounts (who) and their task (task)",
        how="match",
        examples=(
            case("jdoe42: update the table", who="jdoe42", task="update the table"),
            case("ana, bob: update the table", who="ana, bob"),
            case("etamburini — release notes → done", who="etamburini"),
        ),
        counter_examples=("Bo: update the table", "ab: update the table"),
    ),
)
_NAME = r"[" + CAPITALS + r"][\w.'’-]+(?:\s+[" + CAPITALS + r"][\w.'’-]+)?"
# a helper or a role written between the subject and its commitment
AIDED_SUBJECT = re.compile(
    r"^(?P<who>" + _NAME + r")(?:\s*\((?:with|and|plus|\+)\s+(?P<inner>" + _NAME + r")\)"
    r"|,\s+(?:(?:supported|helped|assisted)\s+by|with\s+(?:the\s+)?help\s+(?:from|of)|"
    r"(?:together\s+)?with)\s+(?P<helper>" + _NAME + r"),"
    r"|,\s+as\s+(?:the\s+|our\s+)?[a-z][^,]{1,40},)"
    r"\s+(?=(?:will|shall|to|agreed|offered|volunteered)\s)"
)
# initials, a first name or "everyone", then a verb in its bare form and what it acts on: a
# note-taker's "FB chk FTS cfg b4 Tue" for "FB to check ..." (``task_lines`` wants the owner
# known and the verb one of work; ``line_gate`` lets such a line through)
OWNER_THEN_VERB = re.compile(
    r"(?P<who>[A-Z][A-Za-z]{0,2}[A-Z]|[A-Z][a-z]{2,}|every(?:one|body))\s+(?P<verb>[a-z]{3,})"
    r"\s+(?=\S)"  # (what it acts on follows: the match ends where it starts)
)
LEADING_OWNER = pattern(RULES, "leading-owner")
TRAILING_PAREN = pattern(RULES, "trailing-paren")
TRAILING_BRACKET = pattern(RULES, "trailing-bracket")
HANDLE_LABEL = pattern(RULES, "handle-label")
LEADING_MENTION = pattern(RULES, "leading-mention")
MENTION = re.compile(_MENTION)  # one mention of the leading or trailing ones
TRAILING_COLON = pattern(RULES, "trailing-colon")
TRAILING_DASH = pattern(RULES, "trailing-dash")
TRAILING_MENTION = pattern(RULES, "trailing-mention")
OWNER_LABEL = pattern(RULES, "owner-label")
TRAILING_FIELD = pattern(RULES, "trailing-field")


def may_label_owner(text: str) -> bool:
    """False when ``OWNER_LABEL`` cannot match: no colon in the first 24 characters."""
    return ":" in text[:24]


# a deadline after the closing owner: "Triage the regressions - Arvid, by Tuesday"
_DEADLINE_TAIL = re.compile(r",\s*(?:by|due|before|until)\s+[^,;()–—-]{1,30}$", re.IGNORECASE)


def before_deadline_tail(text: str) -> str:
    """The text before a closing ", by Tuesday" that follows its owner (the text itself when
    it has none)."""
    tail = _DEADLINE_TAIL.search(text) if "," in text else None
    return text[: tail.start()] if tail is not None else text


def may_end_with_owner(text: str) -> bool:
    """False when ``text`` holds no dash or arrow that ``TRAILING_DASH`` needs."""
    return contains_any(text, DASH_MARKS) or "→" in text or "=>" in text


def aided_subject(text: str) -> str | None:
    """The text with a helper joined to its subject, or a role between them dropped: "Bo,
    supported by Piet, will run ..." and "Lea (with Kim) to organise ..." as "Bo and Piet will
    run ...", "Lea and Kim to organise ..."; "Bo, as the site contact, will ..." as "Bo will
    ..."; None when the text has neither."""
    if not ("(" in text[:40] or ", " in text[:40]):
        return None
    match = AIDED_SUBJECT.match(text)
    if match is None:
        return None
    helper = match["inner"] or match["helper"]
    who = f"{match['who']} and {helper}" if helper else match["who"]
    return f"{who} {text[match.end() :]}"
