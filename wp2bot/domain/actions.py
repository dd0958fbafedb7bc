"""Extract action items (owner, due date, status) from parsed minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from wp2bot.domain import markers as mk
from wp2bot.domain.action_items import (
    Item,
    Names,
    names_ok,
    parse_listed,
    parse_prose,
    status_of,
)
from wp2bot.domain.dates import DateContext, find_due, find_named_events
from wp2bot.domain.dedupe import Mergeable, merge
from wp2bot.domain.minutes import find_date
from wp2bot.domain.models import (
    Document,
    ExtractedAction,
    Line,
    LineKind,
    MeetingContext,
    Roster,
    Section,
    Status,
)
from wp2bot.domain.owners import OwnerResolver, split_owners

_STATUS_NOTE = re.compile(
    r"^\W*(?:done|not (?:yet )?done|completed?|closed|ongoing|in progress|pending|track|"
    r"no longer needed|still to do|to do|open|was easy)\b",
    re.IGNORECASE,
)
_NAME_ONLY = re.compile(r"^@?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*:?$")
_TOPIC = re.compile(
    r"^(?:updates?|status|report|news|summary|discussion|reminder|review)\s+(?:on|of|from|about)\b|"
    r"^(?:news|summary|discussion|reminder|heads up)\b|"
    r"\b(?:update|status)$|^\W*https?://|:$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\W*(?P<label>.{2,60}?)\s*:?\s*$")


_AGENDA = re.compile(r"^\W*agenda\b", re.IGNORECASE)
_FIRST_WORD = re.compile(r"^\W*([A-Za-z]+)\b")
_CLOSING = re.compile(
    r"(?:close|closed|no action|agreed|accept|merge as|keep|leave|wontfix|won't)", re.IGNORECASE
)
_PLURAL_MARK = re.compile(r"s|\(s\)")
_SPEAKER_TURN = re.compile(r"^(?P<who>@?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)\s*(?::|\s[-–]\s)\s*")


@dataclass(slots=True)
class _Walk:
    """Per-section state while walking lines in order."""

    section: int = -1
    list_block: bool = False  # inside an action heading's section
    label_depth: int | None = None  # "Actions:" label line: following deeper bullets are items
    label_kind: LineKind | None = None
    item_depth: int | None = None  # depth of the first item of the current action list
    task_depth: int | None = None  # depth of bullets that are "Do X. (Owner)" tasks
    parents: list[tuple[int, Line]] = field(default_factory=list)  # open bullets by depth


def _section_chain(doc: Document, index: int) -> list[Section]:
    chain: list[Section] = []
    seen: set[int] = set()
    current: int | None = index
    while current is not None and current not in seen and 0 <= current < len(doc.sections):
        seen.add(current)
        chain.append(doc.sections[current])
        current = doc.sections[current].parent
    return chain


def _is_action_section(doc: Document, index: int) -> bool:
    return any(
        mk.ACTION_HEADING.match(s.title) or mk.is_followup(s.title)
        for s in _section_chain(doc, index)[:2]
        if s.title
    )


def _is_followup(doc: Document, index: int) -> bool:
    return any(mk.is_followup(s.title) for s in _section_chain(doc, index) if s.title)


def _section_owner(doc: Document, index: int) -> str | None:
    for section in _section_chain(doc, index):
        if section.owner_raw:
            return section.owner_raw
        if len(section.speakers) == 1:
            return section.speakers[0].name
    return None


def _section_dates(doc: Document) -> dict[int, date]:
    """Dates of sections when the file holds several meetings (one dated heading per meeting)."""
    dated = {i: d for i, s in enumerate(doc.sections) if s.title and (d := find_date(s.title))}
    if len(set(dated.values())) < 2:
        return {}
    result: dict[int, date] = {}
    for index in range(len(doc.sections)):
        for step, section in enumerate(_section_chain(doc, index)):
            ancestor = index if step == 0 else None
            found = dated.get(ancestor) if ancestor is not None else find_date(section.title)
            if found:
                result[index] = found
                break
    return result


def _parent_hint(parents: list[tuple[int, Line]], depth: int, names: Names) -> str | None:
    """An owner named by the enclosing bullet: "[name=X] topic" or a bare "Paul:"."""
    for parent_depth, parent in reversed(parents):
        if parent_depth >= depth:
            continue
        hackmd = mk.HACKMD_NAME.search(parent.text)
        if hackmd:
            return hackmd.group(1).strip()
        if _NAME_ONLY.match(parent.text) and names.is_known(parent.text.rstrip(": ")):
            return parent.text.rstrip(": ")
    return None


_CLOSED = re.compile(
    r"^\W*(?:done|completed?|closed|finished|no longer needed)\b|\baction closed\b|"
    r"\bclose (?:the )?action\b",
    re.IGNORECASE,
)


def _child_status(lines: list[Line], index: int) -> tuple[Status | None, list[int]]:
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
        if _CLOSED.search(child.text) and not mk.NOT_DONE.search(child.text):
            consumed.append(k)
            found = Status.DONE
        elif _STATUS_NOTE.match(child.text):
            consumed.append(k)
            found = found or Status.OPEN
    return found, consumed


_LABEL_WORDS = re.compile(r"action|ai|a\.i|to-?\s?do|next step|task", re.IGNORECASE)


def _may_label(text: str) -> bool:
    """Cheap test before the action-label pattern."""
    return _LABEL_WORDS.search(text) is not None


def _task_line(line: Line, names: Names, hint: str | None, walk: _Walk) -> Item | None:
    """A task written as an imperative: "Add Horst to the list. (Paul)", "Next step is ...".

    An imperative line that ends with an owner list is a task anywhere; once one is seen, its
    imperative siblings in the same bullet list are tasks too, even without an owner.
    """
    text = line.text
    is_bullet = line.kind is LineKind.BULLET
    if line.kind is LineKind.PARAGRAPH or (
        walk.task_depth is not None and line.depth < walk.task_depth
    ):
        walk.task_depth = None
    if mk.NEXT_STEP.match(text):
        return parse_listed(text, names, hint)
    first = _FIRST_WORD.match(text)
    if (
        first is None
        or not mk.looks_imperative(text)
        or mk.QUESTION_END.search(text)
        or _TOPIC.search(text)
    ):
        return None
    if text[first.end() : first.end() + 1] == ":":
        return None  # "Present: ...", "Update: ...": a label, not an imperative
    owner = mk.TRAILING_PAREN.match(text)
    if owner and names_ok(owner["who"], names, lenient=True):
        if is_bullet:
            walk.task_depth = line.depth
        return parse_listed(text, names, hint)
    if is_bullet and walk.task_depth == line.depth and len(text.split()) >= 4:
        return parse_listed(text, names, hint)
    return None


def _row_item(line: Line, previous: Line | None, names: Names) -> Item | None:
    """A table row of an action list: the task in the first cell, owners in a name cell."""
    if previous is None or previous.kind is not LineKind.ROW or previous.section != line.section:
        return None  # the first row of a table is its header
    cells = [c for c in line.cells if c]
    if not cells or len(cells[0].split()) < 2:
        return None
    item = parse_listed(cells[0], names, None)
    if item is None:
        return None
    for cell in cells[1:]:
        if not item.owners and names_ok(cell, names, lenient=True) and len(cell.split()) <= 6:
            item.owners = [cell]
    return item


def _marker_item(text: str, names: Names, hint: str | None) -> tuple[Item | None, bool]:
    """An item opened by a marker; second value True when the marker is a bare label."""
    match = mk.MARKER.match(text)
    if match is None:
        # the inline marker is upper-case: skip the search when no capital letter can start it
        if "ACTION" not in text and "TODO" not in text and "AI" not in text:
            return None, False
        inline = mk.INLINE_MARKER.search(text)
        if inline is None or inline.start() == 0:
            return None, False
        rest = text[inline.end() :]
        if text[inline.start()] == "(":
            rest = rest.split(")")[0]
        item = parse_listed(rest, names, hint)
        if item is not None and inline["name"] and not item.owners:
            item.owners = [inline["name"].strip()]
        return item, False
    rest = text[match.end() :].strip(" *_")
    who = match["paren"] or match["name"] or match["for"]
    kind = match["m"].lower()
    if not rest:
        return None, True
    if kind.startswith("outcome") and _CLOSING.match(rest):
        later = mk.split_sentences(rest)[1:]
        return (parse_listed(" ".join(later), names, hint) if later else None), False
    item = parse_listed(rest, names, hint)
    if item is not None and who and not item.owners and not _PLURAL_MARK.fullmatch(who):
        item.owners = [who]
    return item, False


def _candidates(doc: Document, names: Names) -> list[Mergeable]:
    found: list[Mergeable] = []
    walk = _Walk()
    lines = doc.lines
    action_sections: dict[int, bool] = {}
    followups: dict[int, bool] = {}
    skip: set[int] = set()
    for index, line in enumerate(lines):
        if line.section != walk.section:
            if line.section not in action_sections:
                action_sections[line.section] = _is_action_section(doc, line.section)
                followups[line.section] = _is_followup(doc, line.section)
            walk = _Walk(section=line.section, list_block=action_sections[line.section])
        if line.kind is LineKind.HEADING:
            item, _ = _marker_item(line.text, names, None)
            if item is not None:
                found.append(_found(item, line, index, followups, 2, None))
            continue
        if index in skip:
            continue
        if line.kind is LineKind.BULLET:
            walk.parents = [(d, p) for d, p in walk.parents if d < line.depth]
            walk.parents.append((line.depth, line))
        if walk.label_depth is not None and (
            (line.kind is not LineKind.BULLET and walk.label_kind is not LineKind.PARAGRAPH)
            or (
                line.kind is LineKind.BULLET
                and line.depth <= walk.label_depth
                and walk.label_kind is LineKind.BULLET
            )
            or (
                line.kind is LineKind.PARAGRAPH
                and walk.label_kind is LineKind.PARAGRAPH
                and not line.text.startswith(("–", "-"))
            )
        ):
            walk.label_depth = None
        label = _LABEL.match(line.text) if len(line.text) < 60 and _may_label(line.text) else None
        if (label and mk.ACTION_HEADING.match(label["label"])) or (
            # "Review of actions from last meeting": the bullets under it are the actions
            line.kind is LineKind.BULLET
            and len(line.text) < 100
            and "ction" in line.text
            and mk.is_followup(line.text)
            and not mk.MARKER.match(line.text)
        ):
            walk.label_depth, walk.label_kind, walk.item_depth = line.depth, line.kind, None
            continue
        hint = (
            _parent_hint(walk.parents, line.depth, names) if line.kind is LineKind.BULLET else None
        )
        in_list = (walk.list_block and line.kind in (LineKind.BULLET, LineKind.ROW)) or (
            walk.label_depth is not None
        )
        if in_list and line.kind is LineKind.BULLET:
            if walk.item_depth is None or line.depth < walk.item_depth:
                walk.item_depth = line.depth
            in_list = line.depth == walk.item_depth
        item, is_label = _marker_item(line.text, names, hint)
        if is_label:
            walk.label_depth, walk.label_kind, walk.item_depth = line.depth, line.kind, None
            continue
        strength = 2
        if item is None and in_list and line.kind is LineKind.ROW:
            item = _row_item(line, lines[index - 1] if index else None, names)
        elif item is None and (in_list or line.checked is not None):
            text = line.text.lstrip("–- ").strip()
            if _STATUS_NOTE.match(text) and in_list and walk.label_depth is None:
                continue
            if line.checked is None and (
                _TOPIC.search(text) or mk.QUESTION_END.search(text) or len(text.split()) < 3
            ):
                continue
            item = parse_listed(text, names, hint)
            strength = 3 if in_list else 2
        elif item is None and line.kind in (LineKind.BULLET, LineKind.PARAGRAPH):
            item = _task_line(line, names, hint, walk)
        if item is not None:
            child, consumed = _child_status(lines, index)
            skip.update(consumed)
            status = child or status_of(line.text, line.struck, line.checked)
            item.status = status
            found.append(_found(item, line, index, followups, strength, hint))
            continue
        found.extend(_prose(line, index, followups, names, hint))
    for candidate in found:
        if candidate.index > 0:
            candidate.previous = lines[candidate.index - 1].text
        title = (
            doc.sections[candidate.section].title if candidate.section < len(doc.sections) else ""
        )
        candidate.agenda = bool(_AGENDA.match(title))
    return found


def _prose(
    line: Line, index: int, followups: dict[int, bool], names: Names, hint: str | None
) -> list[Mergeable]:
    found: list[Mergeable] = []
    text = line.text
    if not mk.prose_trigger(text):
        return found
    speaker: str | None = None
    turn = _SPEAKER_TURN.match(text)
    if turn and names_like(turn["who"], names):
        speaker, text = turn["who"], text[turn.end() :]
    subject = speaker
    for position, sentence in enumerate(mk.split_sentences(text)):
        items, subject = parse_prose(sentence, names, subject, line_start=position == 0)
        for item in items:
            if mk.QUESTION_END.search(sentence) and not item.owners:
                continue
            item.status = status_of(item.text, line.struck, line.checked)
            if item.first_person and speaker:
                item.owners, item.first_person = [speaker], False
            found.append(_found(item, line, index, followups, 1, hint))
    return found


def names_like(who: str, names: Names) -> bool:
    """A speaker label: a known name or a short capitalised token."""
    first = who.split(maxsplit=1)[0].lower()
    return names.is_known(who) or (first not in mk.NOT_NAMES and len(who) <= 25)


def _found(
    item: Item,
    line: Line,
    index: int,
    followups: dict[int, bool],
    strength: int,
    hint: str | None,
) -> Mergeable:
    owners = list(item.owners)
    first_person = item.first_person
    if first_person and hint:
        owners, first_person = [hint], False
    return Mergeable(
        text=item.text.strip(),
        owners=owners,
        status=item.status,
        strength=strength,
        index=index,
        section=line.section,
        line=line.number,
        source=line.text,
        first_person=first_person,
        carried=followups.get(line.section, False),
        other_texts=item.context,
    )


def extract_actions(doc: Document, ctx: MeetingContext, roster: Roster) -> list[ExtractedAction]:
    """Every action item of the minutes, in document order, duplicates merged."""
    participants = tuple(ctx.participants) or tuple(doc.participants)
    resolver = OwnerResolver(roster, participants=participants, speakers=tuple(doc.speakers))
    names = Names(resolver.is_known, split_owners, strict=len(participants) >= 3)
    meeting = ctx.meeting_date or doc.meeting_date
    full_text = "\n".join(line.text for line in doc.lines)
    events = find_named_events(full_text, meeting)
    per_section = _section_dates(doc)
    actions: list[ExtractedAction] = []
    for found in sorted(merge(_candidates(doc, names)), key=lambda f: f.index):
        section = doc.sections[found.section] if found.section < len(doc.sections) else None
        owners_raw = list(found.owners)
        if found.first_person:
            owner = _section_owner(doc, found.section)
            owners_raw = [owner] if owner else []
        resolved = tuple(o for w in owners_raw for o in resolver.resolve(w, section))
        dctx = DateContext(
            meeting_date=per_section.get(found.section, meeting),
            timezone=ctx.timezone,
            next_meeting=ctx.next_meeting,
            named_events=events,
        )
        due = find_due(found.text, dctx) or (
            find_due(found.other_texts, dctx) if found.other_texts else None
        )
        actions.append(
            ExtractedAction(
                text=found.text,
                owners_raw=tuple(o.written for o in resolved) or tuple(owners_raw),
                owners=resolved,
                due=due,
                status=found.status,
                section=section.title if section else "",
                line=found.line,
                source_text=found.source,
                carried_over=found.carried,
                section_url=section.url if section else None,
            )
        )
    return actions
