"""Items a marker opens or closes: "ACTION (Bo, 15.12.): ...", "TODO jdoe: ...", "Outcome:
...", a marker opening a later sentence ("... is late. Action (Lee): ..."), one closing the line
("... -> ACTION Bo") or standing in the margin ("ACTION: KB" under the minute)."""

from __future__ import annotations

import re

from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import markers as mk
from wp2bot.domain import owner_positions as pos
from wp2bot.domain import sentences as st
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names, all_known, names_ok
from wp2bot.domain.casefold import contains_any
from wp2bot.domain.listed_items import parse_listed
from wp2bot.domain.models import Status

_CLOSING = re.compile(
    r"(?:close|closed|no action|agreed|accept|merge as|keep|leave|wontfix|won't)", re.IGNORECASE
)
# an outcome told in the past: "Outcome: nobody objected", "Outcome: the chairs agreed"
_PAST_OUTCOME = re.compile(r"^[A-Za-z]+(?:\s+[a-z]+)?\s+(?:[a-z]{2,}ed|was|were|had)\b")
_PLURAL_MARK = re.compile(r"s|\(s\)")
# a chat log's nick before what they typed: "<priya> ACTION: ..."
_CHAT_NICK = re.compile(r"<@?[\w.-]{1,30}>\s+")
# a speaker's name before what they read out: "brigitte: ACTION-41 on Dev, ..."
_SPEAKER_LABEL = re.compile(r"[\w.'’-]{1,30}:\s+")
# a marker opening a later sentence: "The build is late. Action (Lee): ...", "... Outcome: ..."
_LATER_MARKERS = (
    ". Action",
    ". ACTION",
    ". To do",
    ". Todo",
    ". TODO",
    ". Outcome",
    ". AP",
    ". AI",
)
# the words a marker closing the line opens with ("... -> ACTION Bo", "... [AI: Bo]")
_CLOSING_WORDS = ("ACTION", "AI", "AP", "TODO")
_MENTIONS = re.compile(r"@[\w.-]*\w(?:\s*(?:,|&|\band\b)?\s*@[\w.-]*\w)*\s*\.?")  # "@ana, @bo"
# the parts of a marker's brackets, and a deadline among them: "(Bob, by 3 Dec)"
_PAREN_PARTS = re.compile(r"\s*[,;]\s*")
_DEADLINE = re.compile(r"(?:by|due|until|till|before|deadline|eta)\b", re.IGNORECASE)


def _no_owner(part: str, names: Names) -> bool:
    """Whether a part of a marker's brackets names nobody ("15.12.", "Friday", "ASAP"); an
    address ("ops@example.org") is a team's."""
    return "@" not in part and not names_ok(part, names, lenient=True)


def _closing_owners(who: str, names: Names) -> bool:
    """Whether the words after a closing marker name owners: known people when the minutes
    list who attends ("... AI Act" names nobody), else any names."""
    return all_known(who, names) if names.strict else names_ok(who, names, lenient=True)


def marker_item(text: str, names: Names, hint: str | None) -> tuple[Item | None, bool]:
    """An item opened by a marker; second value True when the marker is a bare label."""
    if (
        text[:1] == "<"
        and (typed := _CHAT_NICK.match(text))
        and (mk.may_open_marker(rest := text[typed.end() :]) or ":" in rest[:32])
    ):
        # "<priya> ACTION-43 (kwab) ping ...": who typed the marker is no owner
        item, is_label = marker_item(rest, names, hint)
        if item is not None:
            return item, is_label
    if (
        ":" in text[:32]
        and (said := _SPEAKER_LABEL.match(text))
        and (rest := text[said.end() :])[:1].isupper()
        and mk.may_open_marker(rest)
        and mk.MARKER.match(rest)
    ):
        # "brigitte: ACTION-41 on Dev, review ...": the chair reads out the marker, whose owner
        # it names
        return marker_item(rest, names, hint)
    if (text[:1] in "[(" or text[:1].isupper()) and (state := mk.STATE_TAG.match(text)):
        # "DONE Bo: rotate the keys", "[Cancelled] ACTION: ...": the item after its state tag
        # (the status rules read the tag), a marker's or one that names its owner
        rest = text[state.end() :]
        item, is_label = marker_item(rest, names, hint)
        if item is None and not is_label:
            listed = parse_listed(rest, names, None)
            item = listed if listed is not None and listed.owners else None
        return item, is_label
    if text[:1] in "[(" and (boxed := mk.BRACKETED_MARKER.match(text)):
        text = f"{boxed['m']}: {text[boxed.end() :]}"  # "[ACTION] Bo: ..." as "ACTION: Bo: ..."
    match = mk.MARKER.match(text) if mk.may_open_marker(text) else None
    owned = pos.OWNER_LABEL.match(text) if match is None and pos.may_label_owner(text) else None
    if owned is not None:
        # "Owner: Bo - renew the key": the field's value is the owner, the task follows it
        item = parse_listed(owned["rest"].strip(" *_"), names, None)
        return (item if item is not None and item.owners else None), False
    if match is None:
        # (the marker stands near the line's end: only its tail is looked at first)
        tail = text[-60:]
        closing = mk.CLOSING_MARKER.search(text) if contains_any(tail, _CLOSING_WORDS) else None
        if closing and closing.start() and _closing_owners(closing["who"], names):
            # "The dashboard misses the rates. -> ACTION Bo": Bo's task is the text before
            task = text[: closing.start()].rstrip(" ;,")
            return Item(task, [closing["who"]], False, Status.OPEN, 2), False
        # the inline marker is upper-case: skip the search when no capital letter can start it
        if "action " in text:
            trailing = mk.TRAILING_ACTION.match(text)
            if trailing and names_ok(trailing["who"], names, lenient=True):
                return Item(trailing["rest"], [trailing["who"]], False, Status.OPEN, 2), False
        if contains_any(text, _LATER_MARKERS):
            # "Dana asked about X. Action on Lee: check Y", "... late. Action (Lee): check Y": a
            # marker opening a later sentence
            for sentence in st.split_sentences(text)[1:]:
                if mk.MARKER.match(sentence):
                    item, is_label = marker_item(sentence, names, hint)
                    if item is not None and not item.text:
                        # "The quotas will be reviewed. ACTION: KB": the task written before
                        item.text = text[: text.rfind(sentence)].strip()
                    return item, is_label
        if "ACTION" not in text and "TODO" not in text and "AI" not in text:
            if "action " not in text:
                return None, False
            inline = mk.INLINE_OWNED.search(text)
        else:
            inline = mk.INLINE_MARKER.search(text)
        if inline is None or inline.start() == 0:
            return None, False
        rest = text[inline.end() :]
        bracketed = text[inline.start()] == "("
        if bracketed:
            rest = rest.split(")")[0]
        # "... lots of duplicated code (TODO: open an issue)": a remark for whoever picks it
        # up, not a task of the person whose report it is in; a name in it still counts
        item = parse_listed(rest, names, None if bracketed else hint)
        if item is not None and inline["name"] and not item.owners:
            item.owners = [inline["name"].strip()]
        return item, False
    rest = text[match.end() :].strip(" *_")
    who = match["paren"] or match["square"] or match["name"] or match["for"]
    if match["paren"] and (inside := _bracketed_task(match["paren"], names)) is not None:
        # "Action 6.4 (Dr Quintero to consult students): no longer required": the brackets hold
        # the task and its owner, what follows is its state
        first = st.split_sentences(rest)[0] if rest else ""
        inside.text = f"{text[: match.end()].rstrip()} {first}".strip()
        return inside, False
    deadline = ""
    if who and (match["paren"] or match["square"]):
        # "Action (Bob, by 3 Dec):", "Action for Bob (by Friday):", "ACTION (Bob, 15.12.):":
        # the deadline beside the owner is the item's, no owner; a bare date reads as "by" it
        parts = _PAREN_PARTS.split(who.strip())
        dated = [p for p in parts if _DEADLINE.match(p) or _no_owner(p, names)]
        deadline = " ".join(p if _DEADLINE.match(p) else f"by {p}" for p in dated)
        who = ", ".join(p for p in parts if p not in dated) or match["for"]
    kind = match["m"].lower()
    if not rest:
        return None, True
    if (
        not who
        and len(rest) <= 40
        and (all_known(rest.rstrip(" ."), names) or _MENTIONS.fullmatch(rest))
    ):
        # "ACTION: KB, HS" after the minute it is for (minutes that write the owners in the
        # margin): the owners, of a task written before the marker; no text of its own
        return Item("", [rest.rstrip(" .")], False, Status.OPEN, 2), False
    if kind.startswith("outcome") and _CLOSING.match(rest):
        later = st.split_sentences(rest)[1:]
        return (parse_listed(" ".join(later), names, hint) if later else None), False
    if kind.startswith("outcome") and _PAST_OUTCOME.match(rest) and not vo.looks_imperative(rest):
        return None, False  # what happened, no task
    if kind.startswith("outcome") and ";" in rest:
        rest = _commitment_clause(rest, names)
    # the marker's own owner ("ACTION (Bo): ...") comes before the one its context names
    named = bool(who) and not _PLURAL_MARK.fullmatch(who or "")
    item = parse_listed(rest, names, None if named else hint)
    if item is not None and named and not item.owners:
        item.owners = [who]
    elif (
        item is not None
        and named
        and who
        and all_known(who, names)
        and not all_known(", ".join(item.owners), names)
    ):
        # "AP AK (07/03): FTS config docs ...": the marker's known owner, not a word the task
        # opens with
        item.owners = [who]
    if item is not None and deadline:
        item.context = f"{item.context} {deadline}".strip()  # where its due date is read
    return item, False


def _bracketed_task(inside: str, names: Names) -> Item | None:
    """The task a marker's brackets hold with its owner ("Dr Quintero to consult students"),
    or None when they hold owners or a deadline only."""
    if " to " not in inside and " will " not in inside:
        return None
    commit = cp.COMMITMENT.match(inside.strip())
    if commit is None or not names_ok(commit["who"], names, lenient=True):
        return None
    return parse_listed(inside.strip(), names, None)


def _commitment_clause(text: str, names: Names) -> str:
    """The sentence part from the clause that commits someone ("... seems useful; @x will
    prepare a PR"), when the opening clause only reports; else the whole text."""
    sentence = st.split_sentences(text)[0]
    parts = sentence.split(";")
    if cp.COMMITMENT.match(parts[0].strip()):
        return text
    for k, part in enumerate(parts[1:], start=1):
        commit = cp.COMMITMENT.match(part.strip())
        if commit and names_ok(commit["who"], names, lenient=True):
            return ";".join(parts[k:]).strip()
    return text


# "Could we raise this with ...?", "Maybe we start a document?", "Once public, we can do a demo?",
# "who would like to try it out?": a concrete task proposed as a question (tentative). "Should
# we ...?" and "Can we ...?" openings are left out: they ask for a decision rather than offer work
