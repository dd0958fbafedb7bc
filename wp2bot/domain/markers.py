"""The marks that open action items, in one ranked table: markers, item numbers, state tags.

Each rule names a layout, its pattern, what a match gives the caller and invented examples with
the groups they capture (``tests/unit/test_pattern_rules.py`` runs them). The rank orders the
rules a caller tries in turn: an item's own marker (at its start, after a note, inside it), its
number and state tag; the headings of action and follow-up sections are ``action_headings``',
where an item writes its owner ``owner_positions``'.
"""

from __future__ import annotations

import re

from wp2bot.domain.pattern_rules import (
    CAPITALS,
    DASHES,
    PatternRule,
    case,
    pattern,
    ranked,
)
from wp2bot.domain.status_patterns import CLOSED_STATES, OTHER_STATES

_CAP_NAME = "[" + CAPITALS + r"][\w.'’-]+"  # a capitalised word of a name

RULES = ranked(
    PatternRule(
        name="marker",
        rank=60,
        # "ACTION:", "AI (Jo):", "TODO Omar:", "**Action item:**"; a label that also names the
        # owner's column counts too: "Action/Owner:", "Action items/Who:"
        pattern=re.compile(
            # ("New action (Bo): ...", "New AI-12: ...": one the meeting adds)
            r"^[\s(\[*_]*(?:new\s+)?(?P<m>action(?:\s+items?(?:\s*\(s\))?|\s+points?)?"
            r"(?:\s*/\s*(?:assignees?|owners?|responsibles?|who)(?:\s*\(s\))?)?|"
            # "AP" (an action point) only in capitals: "ap" and "Ap" are words of other kinds
            r"ai|a\.i\.|(?-i:AP)|todo|to-do|to do|outcome(?:\s*\d+)?)(?:\b|(?<=\)))"
            # a numbered action: "ACTION 2210-02 (ops@example.org): ...", "AI #12: ...", "AI-7: ..."
            # (or with the letters of a register: "Action AP-14-01: ...")
            r"(?P<num>(?:\s+|-)#?\d[\w./-]*|\s+(?-i:[A-Z]{1,5})-\d[\w.-]*)?"
            # (everyone up to the colon: "Action on Ana and Bo:", "Action for Ana, Bo:")
            # (or a comma before a lower-case task: "ACTION-41 on Dev, review the proposal")
            r"(?:\s+(?:for|to|on)\s+(?P<for>@?[\w&+/ ,@.-]{1,40}?)(?=\s*(?:[(*_:–—,]|-\s|->)))?"
            r"\s*(?:\((?:(?=(?P<named>["
            + CAPITALS
            + r"][\w.'’-]*(?:\s*[,/&]\s*["
            + CAPITALS
            + r"][\w.'’-]*)*\))))?(?P<paren>[^()]{1,60})\)|"
            r"\[(?=[^\[\]]{1,60}\])(?P<square>[^\[\]]+)\])?"
            r"(?:\s+(?P<name>@?["
            + CAPITALS
            + r"][\w.@-]*(?:\s*[,/&+]\s*@?["
            + CAPITALS
            + r"][\w.@-]*)*"
            # a group: "AP 2404-1  All modelling groups: confirm ..."
            r"|(?-i:[Aa]ll|[Ee]ach|[Ee]very)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?"
            r"|[A-Z]{2,4}))?"
            # where it comes from, after its owner: "ACTION OA (from 9 Feb): ...", or the day
            # it was set alone: "AP AK (07/03): ...", "AP RP (2024-02-22): ..."
            r"(?:\s*\((?:(?:from|since|carried\s+(?:over\s+)?from)\s+[^()]{1,30}"
            r"|\d{1,2}[./]\d{1,2}(?:[./](?:\d\d){1,2})?\.?|\d{4}-\d\d-\d\d)\))?"
            # the owner in brackets needs no colon before a lower-case task: "ACTION-43 (kwab)
            # ping ...", "AP (JE) order new cantilevers"
            # (only a name's: "Action (see below) is needed" is none)
            r"(?:\s*[*_]*\s*(?:[:–—]|\s-\s|->)[*_]*\s*|(?(for),\s+(?=(?-i:[a-z]))|(?!))|(?(named)(?<=\))\s+(?=[a-z])|"
            # (a register's numbered point before its task: "AP 24/07  Replace the bottles")
            r"(?(num)(?:(?<=\))\s+(?=[a-z])|(?(name)(?!)|\s+(?=(?-i:[A-Z][a-z]+)\s)))|(?!))))",
            re.IGNORECASE,
        ),
        yields="the marker (m) and the owner it names (for, paren, name); the task follows",
        how="match",
        examples=(
            case("ACTION: Bo to renew the certificate", m="ACTION", name=None),
            case("ACTION OA (from 9 Feb): draft the schedule", m="ACTION", name="OA"),
            case("AP KO (22/02): results of the file matrix -- carry over", m="AP", name="KO"),
            case("AP all sites: put the version in the table", m="AP", name="all sites"),
            case("AI (Ana): update the wiki", m="AI", paren="Ana"),
            case("AI[Ana]: update the wiki", m="AI", square="Ana"),
            case("ACTION-43 (kwab) ping the list", m="ACTION", paren="kwab"),
            case("Action AP-14-01: circulate the draft", m="Action", num=" AP-14-01", name=None),
            case("TODO Carla: book the room", m="TODO", name="Carla"),
            case("**Action item:** send the minutes", m="Action item"),
            case("Action/Owner: fix the link", m="Action/Owner"),
            case("Action for Bo: check the quotas", **{"for": "Bo"}),
            case("Action on Ana and Bo: draft the plan", **{"for": "Ana and Bo"}),
            case("Action on Ana, Bo: draft the plan", **{"for": "Ana, Bo"}),
            case("ACTION-41 on Dev, review the enum proposal", **{"for": "Dev"}),
            case("AP Bo: update the changelog", m="AP", name="Bo"),
            case("AP (JE) order new cantilevers - done", m="AP", paren="JE"),
            case("AP 2404-4  Ulla + Leah: a proposal on the output", name="Ulla + Leah"),
            case("AP 2404-1  All modelling groups: confirm it", name="All modelling groups"),
            case("AP 24/07  Replace the eyewash bottles (Tim)", num=" 24/07", name=None),
            case("New AI-2026-12 (Ana): move the archive", m="AI", paren="Ana"),
            case("AI-2031-07 (Ana): move the archive", m="AI", paren="Ana"),
            case(
                "ACTION 2611-03 (ops@example.org): open the call",
                m="ACTION",
                paren="ops@example.org",
            ),
        ),
        counter_examples=(
            "Aims: faster scans",
            "Bo to renew the certificate",
            "Ap: a tool",
            "Action (see below) is needed",
        ),
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
        name="closing-marker",
        rank=50,
        # the owners after the task, behind a marker: "The dashboard misses the rates. -> ACTION
        # Bo", "... [AI: Bo]", "... (AP Ana, Kim)"
        pattern=re.compile(
            r"(?:(?<=[.;,!?])|\s(?:→|->|=>|⇒)|\s(?=[\[(]))\s*[\[(]?(?:ACTION|AI|AP|TODO)\b\s*"
            r"(?:on\s+|for\s+)?"
            r"[:=]?\s*(?P<who>@?["
            + CAPITALS
            + r"][\w.-]*(?:\s*(?:,|/|&|\band\b)\s*@?["
            + CAPITALS
            + r"][\w.-]*){0,3})\s*[\])]?\s*\.?\s*$"
        ),
        yields="the owners (who) a marker closing the line names, of the task before it",
        how="search",
        examples=(
            case("The dashboard misses the rates. -> ACTION Bo", who="Bo"),
            case("The dashboard misses the rates [AI: Bo]", who="Bo"),
            case("The dashboard misses the rates. (AP Ana, Kim)", who="Ana, Kim"),
        ),
        counter_examples=("Quotas were set (ACTION: Bo to check them)", "ACTION Bo"),
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
        # (a tick in the box too: "[✔] SK – add the RSE", "[✓] ...")
        pattern=re.compile(r"^\[[ xX✔✓☑✅]\]\s*"),
        yields="a checkbox opening the item, to strip",
        how="match",
        examples=(case("[x] send the slides"), case("[ ] book the room"), case("[✔] SK – add")),
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
        pattern=re.compile(
            # (a meeting's number and the item's: "A46.1", "MB12.3")
            r"^(?:(?:#\d[\w.-]*|[A-Z][A-Z\d]{0,5}-\d[\w.-]*|[\[(]#?[A-Z]{0,5}-?\d[\w.-]*[\])])"
            r"(?:\s*[:.)]|\s+[" + DASHES + r"](?=\s))?"
            # (a version reads the same: "EL9.4 is out"; the number has its colon or dash)
            r"|[A-Z]{1,4}\d{1,4}\.\d{1,3}(?:\s*:|\s+[" + DASHES + r"](?=\s))"
            # a minute's number: "2.1 Luca to confirm ..." (a lone "2." is a list's bullet)
            r"|\d{1,3}(?:\.\d{1,3})+\.?(?=\s+[A-Z])"
            # a register's year and number: "22/041  TW - Correct ..." (no day and month)
            r"|\d{2,4}/\d{3,4}(?=\s+\S)"
            # (or the session's years and the number: "23/24-41 (GP) Confirm ...")
            r"|\d{2}/\d{2}-\d{1,4}(?=\s+\S)"
            # a short code before the owners and a dash: "A2 Bo + Ana — migration note"
            r"|[A-Z]{1,3}\d{1,3}(?=\s+"
            + _CAP_NAME
            + r"(?:\s*(?:\+|/|&|,|\band\b)\s*"
            + _CAP_NAME
            + r")*\s+["
            + DASHES
            + r"]\s))\s+(?=\S)"
        ),
        yields="an item's number opening it ('#14 ', 'ACT-7: ', '[A2] '), to strip",
        how="match",
        examples=(
            case("#14 Bo: check the pools"),
            case("ACT-7: Bo to check the pools"),
            case("[A2] Bo - check the pools"),
            case("(AI-3) Bo to check the pools"),
            case("WP2-33 Bo – check the pools"),
            case("A46.1 — Bo: check the pools"),
            case("2.1 Bo to check the pools"),
            case("A2 Bo + Ana — write the migration note"),
        ),
        counter_examples=(
            "14 pools to check",
            "DC24 starts",
            "EL9.4 is out",
            "#hashtag",
            "[RB] check the pools",
            "DC24 starts — in May",
        ),
    ),
    PatternRule(
        name="item-origin",
        rank=15,
        # where an item comes from, after its number: "AP-09 (from 10 Nov) Jo: ...", no owner
        # and no deadline
        pattern=re.compile(
            r"^\((?:from|since|raised|opened|created|new|carried(?:\s+over)?(?:\s+from)?)\b"
            r"[^()]{0,30}\)\s*(?=\S)",
            re.IGNORECASE,
        ),
        yields="a note of an item's origin opening it ('(from 10 Nov) '), to strip",
        how="match",
        examples=(case("(from 10 Nov) Jo: document it"), case("(carried over) Bo to fix it")),
        counter_examples=("(Jo) document it", "(fromage) Jo"),
    ),
    PatternRule(
        name="hackmd-name",
        rank=15,
        pattern=re.compile(r"\[name=([^\]]+)\]\s*"),
        yields="the owner a HackMD name tag gives (group 1), to strip",
        examples=(case("check the logs [name=Ana Lima]"),),
        counter_examples=("check the logs [Ana Lima]",),
    ),
)

ACTION_IS_TO = pattern(RULES, "action-is-to")
MARKER = pattern(RULES, "marker")
INLINE_MARKER = pattern(RULES, "inline-marker")
INLINE_OWNED = pattern(RULES, "inline-owned")
TRAILING_ACTION = pattern(RULES, "trailing-action")
CLOSING_MARKER = pattern(RULES, "closing-marker")
CHECKBOX_TEXT = pattern(RULES, "checkbox")
ITEM_NUMBER = pattern(RULES, "item-number")
ITEM_ORIGIN = pattern(RULES, "item-origin")
STATE_TAG = pattern(RULES, "state-tag")
HACKMD_NAME = pattern(RULES, "hackmd-name")
BRACKETED_MARKER = pattern(RULES, "bracketed-marker")


def may_open_marker(text: str) -> bool:
    """False when MARKER cannot match: its word starts with "a", "t" or "o" after whitespace,
    brackets and emphasis marks (and "new")."""
    at = 0
    while at < len(text) and (text[at] in "([*_" or text[at].isspace()):
        at += 1
    return (
        text[at : at + 1] in ("a", "A", "t", "T", "o", "O") or text[at : at + 4].lower() == "new "
    )
