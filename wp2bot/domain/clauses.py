"""Line-level action rules: markers, action-list rows, imperative task lines, status notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wp2bot.domain import action_headings as ah
from wp2bot.domain import markers as mk
from wp2bot.domain import owner_positions as pos
from wp2bot.domain import task_patterns as tp
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names, all_known, names_ok, status_of
from wp2bot.domain.casefold import lower_safe
from wp2bot.domain.listed_items import parse_listed
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


# a label, then the items of an action list on the same line, split at semicolons or commas
_INLINE_LIST = re.compile(r"^[\W_]*(?P<label>[^:]{2,30}?)[\W_]*:[*_\s]*(?P<rest>\S.*)$")
_SEMICOLONS = re.compile(r"\s*;\s*")
_COMMAS = re.compile(r",\s+")
# an enumerator opening an item of a list run into one line: "(1) ", "2) ", "(b) "; the
# separators before the next one
_ENUMERATED = re.compile(r"[;,]?\s+(?=\(?(?:\d{1,2}|[a-h])\)\s)")
_ENUMERATOR = re.compile(r"^\(?(?:\d{1,2}|[a-h])\)\s+(?=\S)")


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
    if inline is None or not ah.is_action_heading(inline["label"]):
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
