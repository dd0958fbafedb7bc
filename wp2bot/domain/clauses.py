"""Line-level action rules: markers, action-list rows, imperative task lines, status notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import markers as mk
from wp2bot.domain import owner_positions as pos
from wp2bot.domain import sentences as st
from wp2bot.domain import task_patterns as tp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names, all_known, names_ok, parse_listed, status_of
from wp2bot.domain.casefold import contains_any, lower_safe
from wp2bot.domain.models import Line, LineKind, Status
from wp2bot.domain.status_rules import note_status

# A topic line rather than a task: "Update on the cache", "News", "... status", a link, "...:".
# The openings are matched at the start and the endings searched in the last characters only: one
# search of both would try every alternative at every position of the line.
_TOPIC_START = re.compile(
    r"^(?:updates?|status|report|news|summary|discussion|reminder|review)\s+(?:on|of|from|about)\b|"
    r"^(?:news|summary|discussion|reminder|heads up)\b|^\W*https?://",
    re.IGNORECASE,
)
_TOPIC_END = re.compile(r"\b(?:update|status)$|:$", re.IGNORECASE)
_TOPIC_END_CHARS = 8  # "status" or ":", and the newline "$" may stand before


def is_topic(text: str) -> bool:
    """Whether the line names a topic (an update, a report, a link, a label) rather than a task."""
    if _TOPIC_START.match(text):
        return True
    return _TOPIC_END.search(text, max(0, len(text) - _TOPIC_END_CHARS)) is not None


_CLOSING = re.compile(
    r"(?:close|closed|no action|agreed|accept|merge as|keep|leave|wontfix|won't)", re.IGNORECASE
)
# an outcome told in the past: "Outcome: nobody objected", "Outcome: the chairs agreed"
_PAST_OUTCOME = re.compile(r"^[A-Za-z]+(?:\s+[a-z]+)?\s+(?:[a-z]{2,}ed|was|were|had)\b")
_PLURAL_MARK = re.compile(r"s|\(s\)")
# a label, then the items of an action list on the same line, split at semicolons or commas
_INLINE_LIST = re.compile(r"^[\W_]*(?P<label>[^:]{2,30}?)[\W_]*:[*_\s]*(?P<rest>\S.*)$")
_SEMICOLONS = re.compile(r"\s*;\s*")
_COMMAS = re.compile(r",\s+")
# an enumerator opening an item of a list run into one line: "(1) ", "2) ", "(b) "; the
# separators before the next one
_ENUMERATED = re.compile(r"[;,]?\s+(?=\(?(?:\d{1,2}|[a-h])\)\s)")
_ENUMERATOR = re.compile(r"^\(?(?:\d{1,2}|[a-h])\)\s+(?=\S)")
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


@dataclass(slots=True)
class Walk:
    """Per-section state while walking lines in order."""

    section: int = -1
    list_block: bool = False  # inside an action heading's section
    agenda: bool = False  # the section or a parent is titled as an agenda
    owner: str | None = None  # the owner written in the title of the section or a parent
    label_depth: int | None = None  # "Actions:" label line: following deeper bullets are items
    label_kind: LineKind | None = None
    label_carried: bool = False  # the label reviews earlier actions ("Actions carried over:")
    item_depth: int | None = None  # depth of the first item of the current action list
    task_depth: int | None = None  # depth of bullets that are "Do X. (Owner)" tasks
    parents: list[tuple[int, Line]] = field(default_factory=list)  # open bullets by depth


def child_status(lines: list[Line], index: int) -> tuple[Status | None, list[int]]:
    """Status notes written under an item ("Done, mandate is clear", "Action Closed")."""
    item = lines[index]
    found: Status | None = None
    consumed: list[int] = []
    for k in range(index + 1, min(index + 40, len(lines))):
        child = lines[k]
        if child.section != item.section or child.kind is not LineKind.BULLET:
            break
        if child.depth <= item.depth:
            break
        status = note_status(child.text)
        if status is Status.DONE:
            consumed.append(k)
            found = Status.DONE
        elif status is not None:
            consumed.append(k)
            found = found or Status.OPEN
    return found, consumed


def agenda_outline(lines: list[Line], index: int) -> bool:
    """An action heading over an outline: the first item is a short title with nested points
    ("Items for discussion" > "Pending reviews" > ...), so the heading is really an agenda."""
    section = lines[index].section
    k = index
    while k < len(lines) and lines[k].kind is LineKind.HEADING and lines[k].section == section:
        k += 1
    if k + 2 >= len(lines) or any(lines[j].section != section for j in (k, k + 1, k + 2)):
        return False
    first, child, grandchild = lines[k], lines[k + 1], lines[k + 2]
    return (
        first.kind is child.kind is grandchild.kind is LineKind.BULLET
        and first.depth < child.depth < grandchild.depth
        and len(first.text.split()) <= 12
        and not first.text.rstrip().endswith(".")
        and mk.MARKER.match(first.text) is None
    )


_ACTION_CLOSED = re.compile(
    r"(?=[ac])(?:\baction (?:item )?closed\b|\bclose (?:the )?action\b)", re.I
)


def _may_close_action(text: str) -> bool:
    """False when the text cannot match _ACTION_CLOSED: both its forms say "action" and "close"."""
    if not lower_safe(text):
        return True
    lower = text.lower()
    return "close" in lower and "action" in lower


def closed_item(lines: list[Line], index: int) -> Item | None:
    """A bullet whose sub-bullet closes it as an action ("Action Closed"): a done action."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    line = lines[index]
    if following is None or following.kind is not LineKind.BULLET or following.depth <= line.depth:
        return None
    for k in range(index + 1, min(index + 12, len(lines))):
        child = lines[k]
        if child.kind is not LineKind.BULLET or child.depth <= line.depth:
            break
        if (
            child.depth == line.depth + 1
            and _may_close_action(child.text)
            and _ACTION_CLOSED.search(child.text)
        ):
            return Item(line.text.rstrip(" :"), [], False, Status.DONE, 3)
    return None


_LABEL_WORDS = re.compile(
    r"(?=[atnf])(?:action|ai|a\.i|to-?\s?do|next step|task|follow)", re.IGNORECASE
)


def may_label(text: str) -> bool:
    """Cheap test before the action-label pattern."""
    if not lower_safe(text):
        return _LABEL_WORDS.search(text) is not None
    lower = text.lower()  # _LABEL_WORDS has no word boundaries: most words are plain substrings
    return (
        "ai" in lower
        or "a.i" in lower
        or "action" in lower
        or "task" in lower
        or "follow" in lower
        or "next step" in lower
        or ("to" in lower and "do" in lower and _LABEL_WORDS.search(lower) is not None)
    )


def row_item(line: Line, previous: Line | None, names: Names) -> Item | None:
    """A row of a table in an action list whose header names no columns: the task is the first
    cell of words (a number or an ID before it is skipped), the owners a name cell, the other
    cells (a deadline, a state) its context. A first row is the header unless it holds a task."""
    cells = [c for c in line.cells if c]
    at = next(
        (k for k, c in enumerate(cells) if len(c.split()) >= 2 and not names.is_known(c)), None
    )
    if at is None:
        return None
    first = (
        previous is None or previous.kind is not LineKind.ROW or previous.section != line.section
    )
    if first and not vo.looks_imperative(cells[at]):
        return None  # the first row of a table is its header
    item = parse_listed(cells[at], names, None)
    if item is None:
        return None
    others = []
    for k, cell in enumerate(cells):
        if k == at:
            continue
        if not item.owners and names_ok(cell, names, lenient=True) and len(cell.split()) <= 6:
            item.owners = [cell]
        elif k > at and not item.deadline and note_status(cell) is None:
            item.deadline = cell  # the first cell after the task that states no state: "10/12"
        else:
            others.append(cell)
    item.context = " ".join(others)
    return item


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
        closing = mk.CLOSING_MARKER.search(text) if contains_any(text, _CLOSING_WORDS) else None
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
    who = match["paren"] or match["name"] or match["for"]
    deadline = ""
    if who and match["paren"]:
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
    if item is not None and deadline:
        item.context = f"{item.context} {deadline}".strip()  # where its due date is read
    return item, False


def _owned_at_end(part: str, names: Names) -> bool:
    """The part closes with its known owners in brackets: "documentation (Ana)"."""
    trailing = pos.TRAILING_PAREN.match(part) if ")" in part else None
    return trailing is not None and all_known(trailing["who"], names)


def inline_actions(text: str, names: Names) -> list[Item]:
    """An action list written on one line: "Actions: Bob to renew the certificates; all to fill
    in the poll", "**Actions:** Bob - renew the certificates, Alice - book the room". Each part
    is an item when it names an owner or opens with a task verb ("Actions: see below" is none).
    """
    if ":" not in text[:40] or not may_label(text):
        return []
    inline = _INLINE_LIST.match(text)
    if inline is None or not mk.is_action_heading(inline["label"]):
        return []
    rest = inline["rest"]
    parts = _SEMICOLONS.split(rest)
    if len(parts) == 1:
        commas = _COMMAS.split(rest)
        if len(commas) > 1 and (
            all(pos.LEADING_OWNER.match(p) for p in commas)
            or all(_owned_at_end(p, names) for p in commas)
        ):
            # a comma splits the items only when each opens or closes with its owner
            # ("Bo - renew the key, Ana - book the room"; "alerting (Bo), documentation (Ana)")
            parts = commas
    if rest[:1] == "(" or rest[:1].isdigit():
        # "Next steps: (1) Bo to ...; (2) Ana to ...", also with commas between the items
        parts = _ENUMERATED.split(rest)
    items = []
    for part in parts:
        part = _ENUMERATOR.sub("", part.strip())
        item = parse_listed(part.strip(" ."), names, None) if part.strip(" .") else None
        if item is not None and (item.owners or vo.looks_imperative(item.text)):
            item.status = status_of(item.text, False, None)
            items.append(item)
    return items


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
_SUGGESTION = re.compile(
    r"^(?:[^,?]{1,40},\s*)?(?:(?:maybe|perhaps)\s+)?(?:could\s+we|we\s+(?:could|can)|"
    r"(?:maybe|perhaps)\s+we|who\s+(?:would like|wants|can)\s+to)\s+"
    r"(?:also\s+|just\s+)?(?P<verb>[a-z]+)\s+\S",
    re.IGNORECASE,
)


def suggested_task(sentence: str) -> str | None:
    """The sentence when it proposes a concrete task as a question; None for open questions."""
    match = _SUGGESTION.match(sentence)
    if match is None:
        return None
    verb = match["verb"]
    concrete_do = verb == "do" and sentence[match.end() - 1 :].startswith(("a ", "an ", "the "))
    if tp.VAGUE_TASK.match(verb) or tp.STATIVE_TASK.match(verb) or verb in ("not", "have"):
        return None  # "Should we discuss ...?", "Can we be ...?": a question, not a task
    if verb == "do" and not concrete_do:
        return None  # "can we do anything?"; "we can do a demo?" names the work
    return sentence
