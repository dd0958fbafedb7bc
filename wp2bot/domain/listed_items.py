"""An item known to be an action (in an action list, after a marker, ticked in a box): its
owner and task, read from how lists write them ("Bo: ...", "[RB] ...", "@bo ...", "... (Bo)",
"Bo to ...", "JK write ...", fields and task managers' signs)."""

from __future__ import annotations

import re

from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import markers as mk
from wp2bot.domain import non_action_patterns as na
from wp2bot.domain import owner_patterns as op
from wp2bot.domain import owner_positions as pos
from wp2bot.domain import sentences as st
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names, all_known, known_or_group, names_ok
from wp2bot.domain.casefold import contains_any
from wp2bot.domain.groups import group_label, group_request
from wp2bot.domain.models import Status
from wp2bot.domain.non_action_rules import non_action
from wp2bot.domain.present_tense import PRESENT_COMMIT, stem
from wp2bot.domain.status_rules import cell_status, note_status
from wp2bot.domain.task_fields import task_fields

# what an action list holds when it holds nothing: "AI: none", "Actions: n/a", "- no new actions"
_NOTHING = re.compile(
    r"[\W_]*(?:none|n/?a|nil|nothing(?:\s+new)?|no\s+(?:new\s+|open\s+)?actions?|tb[ad])[\W_]*",
    re.IGNORECASE,
)


def _a_state(word: str) -> bool:
    """ "Done", "Ongoing", "Cancelled" after a closing dash or in brackets: the item's state,
    no owner."""
    return note_status(word) is not None or cell_status(word) is Status.DONE


# the words before a mention that make it a recipient or a partner, no owner ("send the logs
# to @bo", "check with @ana")
_TO_WHOM = frozenset(("to", "with", "from", "for", "by", "cc", "ping", "ask", "tell", "and", "or"))


def leading_mention(text: str, names: Names) -> tuple[str, str] | None:
    """The accounts a task opens with and the task: "@bo draft the FAQ", "@Ana Lima check
    the logs", "@ana and @bo: ..."; a mention's capitalised next word is a surname only when
    no imperative follows it ("@bo Draft the FAQ"). None unless the task is an imperative or
    every account is known."""
    mention = pos.LEADING_MENTION.match(text)
    if mention is None:
        return None
    who, rest = mention["who"], mention["rest"]
    if not vo.looks_imperative(rest) and " " in who and who.rsplit(" ", 1)[1][:1] != "@":
        who, first = who.rsplit(" ", 1)
        rest = f"{first} {rest}"
    if rest.startswith(("to ", "will ")) and vo.looks_imperative(after := rest.split(" ", 1)[1]):
        rest = after  # "@ana @bo to review the PR", "@bo will tag it"
    who = ", ".join(m.group()[1:] for m in pos.MENTION.finditer(who))  # "@ana @bo": "ana, bo"
    if not vo.looks_imperative(rest) and not all_known(who, names):
        return None
    return who, rest


def _opening_owners(who: str, task: str, names: Names) -> bool:
    """Whether the words opening a listed item before its verb are its owners: a known name or
    initials ("JK write ..."); accounts or several names when every one is known and an
    imperative follows ("ana, bo review the draft"; "bo said it works" is a report); before a
    capitalised verb, known people only ("AS/CE Consider ...", not "EOS Upgrade planned")."""
    if task.lstrip()[:1].isupper():
        return all_known(who, names) and vo.looks_imperative(task)
    if who[:1].isupper() and not names.split(who)[1:]:
        return names.is_known(who) or (who.isupper() and who.lower() not in vo.NOT_NAMES)
    return who not in vo.NOT_NAMES and all_known(who, names) and vo.looks_imperative(task)


# a topic with its owner in brackets, then a note after a colon or a dash
_TOPIC_OWNER = re.compile(
    r"^(?P<topic>[^()\[\]:]{3,80}?)\s*\((?P<who>[^()]{2,40})\)\s*(?::|\s[–—-])\s"
)
# a deadline closing the item after its owner: ", by Tuesday", ", due 3 Dec"


# a state noted after an arrow, past the owner's bracket: "... (Tim) -> erledigt."
_NOTE_AFTER = re.compile(r"\)\s+(?:->|→|=>)\s+\S")


# what closes an owner label at an item's start: a colon or a dash
_LABEL_MARKS = (":", " - ", " – ", " — ")
_REMARK_VERB = re.compile(r"\b(?:[a-z]{2,}ed|is|are|was|were|has|have|had)\b")


def _strip_owner_suffix(text: str, names: Names) -> tuple[str, list[str]]:
    """Remove a trailing "(PaulMillar/Aleem)", " - Lena" or, after a topic, ": Lena" that names
    the owners."""
    if ") " in text and (note := _NOTE_AFTER.search(text)) is not None:
        # "Replace the bottles (Tim) -> erledigt.": the owner before the arrow's state note
        head, owners = _strip_owner_suffix(text[: note.start() + 1], names)
        if owners:
            return head + text[note.start() + 1 :], owners
    match = pos.TRAILING_PAREN.match(text) if ")" in text else None
    if (
        match
        and names_ok(match["who"], names, lenient=True)
        and not _a_state(match["who"])
        # ("fix the search (the Algolia key expired)": a remark with its verb, no owner)
        and not _REMARK_VERB.search(match["who"])
    ):
        return match["rest"].rstrip(" ,;:"), [match["who"].strip()]
    square = pos.TRAILING_BRACKET.match(text) if text.rstrip(" .;:")[-1:] == "]" else None
    if square and all_known(square["who"], names):
        return square["rest"].rstrip(" ,;:"), [square["who"].strip()]
    # "Order disks => Bo (by Friday)", "Triage the regressions - Arvid, by Tuesday": the owner
    # before a closing remark or deadline, which stays the task's
    base = pos.before_deadline_tail(match["rest"] if match else text)
    dash = pos.TRAILING_DASH.match(base) if pos.may_end_with_owner(base) else None
    if dash and names_ok(dash["who"], names, lenient=True) and not _a_state(dash["who"]):
        return dash["rest"] + text[len(base) :], [dash["who"]]
    mention = pos.TRAILING_MENTION.match(text) if "@" in text else None
    if mention and mention["rest"].rsplit(None, 1)[-1].lower() not in _TO_WHOM:
        return mention["rest"], [mention["who"]]
    colon = pos.TRAILING_COLON.match(text) if text.count(":") >= 2 else None
    if colon and all_known(colon["who"], names):
        return colon["rest"], [colon["who"]]
    return text, []


def parse_listed(text: str, names: Names, hint: str | None) -> Item | None:
    """An item known to be an action (action list, marker, checkbox): find owner and task; the
    fields a task manager writes after it ("📅 2026-12-10", "Assignee: Bo") name its owner and
    deadline."""
    fields = task_fields(text)
    if fields is None:
        return _listed(text, names, hint)
    item = _listed(fields.text, names, hint)
    if item is not None and fields.owner and (not item.owners or item.owners == [hint]):
        item.owners = [fields.owner]
    if item is not None and fields.due and not item.deadline:
        item.deadline = fields.due
    return item


def _listed(text: str, names: Names, hint: str | None) -> Item | None:
    """``parse_listed`` of a text without a task manager's fields."""
    text = (mk.CHECKBOX_TEXT.sub("", text) if text.startswith("[") else text).strip()
    if (number := mk.ITEM_NUMBER.match(text)) is not None:
        text = text[number.end() :]
    if text[:1] == "(" and (origin := mk.ITEM_ORIGIN.match(text)) is not None:
        text = text[origin.end() :]  # "AP-09 (from 10 Nov) Jo: ...": where it comes from
    owners: list[str] = []
    hackmd = mk.HACKMD_NAME.search(text) if "[name=" in text else None
    if hackmd:
        owners.append(hackmd.group(1).strip())
        text = mk.HACKMD_NAME.sub("", text).strip()
    if not text or non_action(text, "listed") is not None or _NOTHING.fullmatch(text):
        # "Revisit next week", "Extra meeting set for ...", "none": no task, even listed
        return None
    bracket = _bracket_owners(text, names) if not owners and text[:1] in "[(" else None
    bracketed = bracket is not None
    if bracket is not None:
        owners.append(bracket[0])
        text = bracket[1]
    topic = _TOPIC_OWNER.match(text) if not owners and "(" in text[:90] else None
    if (
        topic is not None
        and " " in topic["topic"]  # "WP5 (Alice): deliver ...": the package owns with its lead
        and all_known(topic["who"], names)
    ):
        # "FTS token-only submission (Tomasz) – done on 27/1", "Dataset details (Henrik): sent":
        # a review's topic, its owner in brackets, then the news
        return Item(text, [topic["who"]], False, Status.OPEN, 2)
    first_person = False
    context = ""
    whole = text
    stripped, suffix = _strip_owner_suffix(text, names)
    if suffix and known_or_group(suffix[0], names) and not owners:
        # "Ask Jürgen to book the room (Paul)": the trailing owner list names who acts
        return Item(stripped, suffix, False, Status.OPEN, 2)
    aided = pos.aided_subject(text) if not bracketed else None
    commit = cp.COMMITMENT.match(aided or text) if not bracketed else None
    if bracketed:
        pass  # the brackets named the owners: "[NT] Connect to ..." is not "Connect to ..."
    elif commit and commit["who"] in ("I", "We", "we"):
        first_person = commit["who"] == "I"
    elif commit and names_ok(commit["who"], names, lenient=True):
        # "Ines (or Marco) can report ...": both are owners
        owners.append(
            op.ALT_OWNER.sub(r", \1", commit["who"]) if "(" in commit["who"] else commit["who"]
        )
    elif (
        (present := PRESENT_COMMIT.match(text) if "s " in text else None)
        and stem(present["verb"]) in vo.IMPERATIVES
        and all_known(present["who"], names)
    ):
        owners.append(present["who"])  # "Outcome: Lea drafts a proposal": a listed task
    elif (lead := pos.LEADING_OWNER.match(text)) and names_ok(
        who := pos.ROLE_NOTE.sub("", lead["who"]) if "(" in lead["who"] else lead["who"],
        names,
        lenient=True,
    ):
        owners.append(who.lstrip("@") if who.startswith("@") else who)
        text = lead["rest"]
        if na.DEFERRAL.match(text):
            return None
        context = lead["due"] or ""  # "Bo (due 3 Dec): ...": the deadline beside the owner
    elif (label := group_label(text)) is not None:
        owners.append(label.who)  # "all DCs: fill in the table": the group the item is for
        text = label.task
    elif (request := group_request(text)) is not None:
        owners.append(request.who)  # "Sites running X should upgrade ...": the group acts
    elif (action_for := cp.action_for(text)) and names_ok(action_for["who"], names, lenient=True):
        owners.append(action_for["who"])
    elif (
        (handle := cp.HANDLE_COMMIT.match(text))
        and handle["who"] not in vo.NOT_NAMES
        and handle["who"] not in vo.IMPERATIVES
        and (
            all_known(handle["who"], names)  # "ana and bo to ...": every account known
            if " " in handle["who"] or "," in handle["who"]
            else len(handle["who"]) > 3 or names.is_known(handle["who"])  # "way to go": no one
        )
    ):
        owners.append(handle["who"])  # "jdoe42 to open an issue ...": a lower-case account name
    elif (
        (account := pos.HANDLE_LABEL.match(text) if contains_any(text[:40], _LABEL_MARKS) else None)
        and account["who"] not in vo.NOT_NAMES
        and all_known(account["who"], names)
        # "mark: not sure ...": a first name in lower case opening a turn, not an account
        and (vo.looks_imperative(account["task"]) or not names.is_known(account["who"].title()))
    ):
        owners.append(account["who"])  # "jdoe: update the table": the account's task
        text = account["task"]
    elif text[:1] == "@" and (mention := leading_mention(text, names)) is not None:
        # "@rizart deploy the dashboard", "@Ana Lima check the logs", "@ana and @bo: ..."
        owners.append(mention[0])
        text = mention[1]
    elif (
        (full := op.NAME_THEN_TASK.match(text))
        and names.is_known(full["who"])
        and vo.looks_imperative(full["task"])
    ):
        owners.append(full["who"])  # "Ana Lima Book the room": an exported assignee, the task
        text = full["task"]
    elif (
        (group := op.GROUP_COMMIT.match(text))
        and (group["word"] or "") not in vo.NOT_NAMES
        and (
            names_ok(group["who"], names, lenient=True)
            or names.is_known(group["who"])
            or group["who"].endswith(" list")  # a mailing list, known to the roster or not
        )
    ):
        owners.append(group["who"])  # "all sites to upgrade ...": a group in lower case
    elif (initials := op.OWNER_VERB.match(text)) and _opening_owners(
        initials["who"], text[initials.end("who") :], names
    ):
        owners.append(initials["who"])  # "JK write a note on ...": owner, then the task
    # the owner suffix of the whole text is known already
    text, suffix = (stripped, suffix) if text is whole else _strip_owner_suffix(text, names)
    if not owners:
        owners = suffix
    if not owners:
        owners = _later_commitment(text, names)
        if not owners:
            owners, beside = _inline_owners(text, names)
            context = context or beside
    elif "help" in text or "assist" in text or "support" in text:
        owners.extend(_helpers(text, names, owners))
    if not owners and hint and not first_person:
        owners = [hint]
    return Item(text, owners, first_person, Status.OPEN, 2, context)


def _bracket_owners(text: str, names: Names) -> tuple[str, str] | None:
    """Owners written in brackets before the task ("[RB] Book ...", "(JH) will ask ..."),
    and the task; None when the brackets hold something else (a link text, a label)."""
    match = op.BRACKET_OWNER.match(text)
    if match is None:
        return None
    who = op.REMARK.sub(" ", match["sq"] or match["rd"] or "").strip(" ,;")
    parts = names.split(who) if who else []
    if not parts:
        return None
    for part in parts:
        if part.lower() in op.BRACKET_LABELS:
            return None
        known = names.is_known(part) or part.lower() in op.EVERYONE
        if not known and not op.INITIALISM.match(part) and not names_ok(part, names, True):
            return None
    rest = match["rest"]
    if (
        match["rd"] is not None
        and not (cp.COMMITMENT.match(f"{parts[0]} {rest}") or vo.looks_imperative(rest))
        # ("(Holger) Quote for the second frame - open": people the meeting knows own it)
        and not all(names.is_known(part) for part in parts)
    ):
        return None  # "(see below) the plan changed": a remark, not an owner
    return who, rest


def _helpers(text: str, names: Names, owners: list[str]) -> list[str]:
    """People a later clause adds to help: "Ana to chase the vendor, Bo to help as needed"."""
    found: list[str] = []
    for clause in op.CLAUSE_BREAK.split(text)[1:]:
        commit = cp.COMMITMENT.match(clause)
        if (
            commit
            and commit["verb"] in ("to", "will", "can", "offered to", "volunteered to")
            and op.HELPS.match(commit["task"])
            and commit["who"] not in ("I", "We", "we", *owners)
            and names_ok(commit["who"], names, lenient=False)
        ):
            found.append(commit["who"])
    return found


# owners written as a field inside the item ("... Responsible: Bo. Deadline: ...", "(owner: Bo,
# due: 3 Dec)"), in closing brackets beside a deadline ("[Bo, 15/12]", "(Bo; by 3 Dec)"), or
# between dashes before a deadline ("Update the wiki — Bo — 3 Dec")
_OWNER_FIELD = re.compile(
    r"\b(?:owners?|responsible|who|assignees?|actionees?)\s*[:=]\s*(?P<who>[^.;,()\[\]]{1,40})",
    re.IGNORECASE,
)
_CLOSING_BRACKETS = re.compile(r"[(\[](?P<inner>[^()\[\]]{1,60})[)\]]\W*$")
_BETWEEN_DASHES = re.compile(r"\s[–—-]\s+(?P<who>[^–—]{1,40}?)\s+[–—-]\s+\S[^–—]{0,30}$")


def _inline_owners(text: str, names: Names) -> tuple[list[str], str]:
    """The known people an item names in a field, in its closing brackets or between dashes;
    and a bare date beside them in the brackets, read as "by" it ("[Bo, 15/12]")."""
    field = _OWNER_FIELD.search(text) if ":" in text or "=" in text else None
    if field and names_ok(field["who"].strip(), names, lenient=False):
        return [field["who"].strip()], ""
    brackets = _CLOSING_BRACKETS.search(text) if text.rstrip(" .")[-1:] in ")]" else None
    if brackets:
        parts = [p.strip() for p in re.split(r"[,;]", brackets["inner"])]
        known = [p for p in parts if p and names.is_known(p)]
        if known and len(known) < len(parts):  # names beside a deadline or a remark
            dates = [f"by {p}" for p in parts if p[:1].isdigit()]
            return known, " ".join(dates)
    dashed = _BETWEEN_DASHES.search(text) if text.count(" ") > 2 else None
    if dashed and names.is_known(dashed["who"]):
        return [dashed["who"]], ""
    return [], ""


def _later_commitment(text: str, names: Names) -> list[str]:
    """Owners named by a commitment in a later clause of the same item, or after a topic's
    label ("Funding call: Bo still to confirm the date")."""
    clauses = [c for s in st.split_sentences(text) for c in st.split_clauses(s)]
    later = clauses[1:]
    topic, colon, rest = clauses[0].partition(": ") if clauses else ("", "", "")
    if colon and len(topic) <= 40 and rest:
        later.insert(0, rest)
    for sentence in later:
        commit = cp.COMMITMENT.match(sentence)
        if (
            commit
            and commit["who"] not in ("I", "We", "we")
            and names_ok(commit["who"], names, lenient=False)
        ):
            return [commit["who"]]
    return []
