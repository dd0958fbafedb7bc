"""Extract action items (owner, due date, status) from parsed minutes."""

from __future__ import annotations

import re
from datetime import date

from wp2bot.domain import clauses as cl
from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import markers as mk
from wp2bot.domain import sentences as st
from wp2bot.domain import turns as tu
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import (
    Item,
    Names,
    parse_listed,
    status_of,
)
from wp2bot.domain.attendance import attendance_people
from wp2bot.domain.dates import DateContext, find_due, find_named_events
from wp2bot.domain.dedupe import Mergeable, merge
from wp2bot.domain.doctree import DocTree, Label, build_tree
from wp2bot.domain.followups import followup_item
from wp2bot.domain.minutes import find_date
from wp2bot.domain.models import (
    Document,
    ExtractedAction,
    Line,
    LineKind,
    MeetingContext,
    Participant,
    Roster,
    Section,
    Status,
)
from wp2bot.domain.owners import OwnerResolver, split_owners
from wp2bot.domain.prose import parse_prose
from wp2bot.domain.status_rules import STATUS_NOTE
from wp2bot.domain.tables import cell_due, row_action

_NAME_ONLY = re.compile(r"^@?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*:?$")
_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")
_LABEL = re.compile(r"^\W*(?P<label>.{2,60}?)\s*:?\s*$")


_AGENDA = re.compile(r"^\W*agenda\b", re.IGNORECASE)
# "Discussion items", "Topics for today", "Agenda": a checkbox there ticks off a topic, not a task
_TOPIC_SECTION = re.compile(
    r"^\W*(?:agenda|discussion\s+(?:items|topics|points)|topics|items\s+for\s+discussion)\b",
    re.IGNORECASE,
)


def _section_chain(doc: Document, index: int) -> list[Section]:
    chain: list[Section] = []
    seen: set[int] = set()
    current: int | None = index
    while current is not None and current not in seen and 0 <= current < len(doc.sections):
        seen.add(current)
        chain.append(doc.sections[current])
        current = doc.sections[current].parent
    return chain


def _section_flags(doc: Document, index: int) -> tuple[bool, bool]:
    """Whether a section is an action section, and a follow-up one, walking its chain once."""
    # the chain's section itself and its parent decide an action section; any ancestor, a follow-up
    chain = _section_chain(doc, index)
    followup = [bool(s.title) and mk.is_followup(s.title) for s in chain]
    action = any(
        followup[step] or mk.is_action_heading(s.title)
        for step, s in enumerate(chain[:2])
        if s.title
    )
    return action, any(followup)


def _topic_section(doc: Document, index: int) -> bool:
    """Whether a section or its parent is titled as a list of topics ("Discussion items")."""
    return any(s.title and _TOPIC_SECTION.match(s.title) for s in _section_chain(doc, index)[:2])


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
        # "Kenneth:", "_Kenneth_", "**Kenneth**": a bare name, maybe emphasised
        bare = parent.text.strip("*_ ").rstrip(": ").strip("*_ ")
        if _NAME_ONLY.match(bare) and names.is_known(bare):
            return bare
    return None


def _candidates(doc: Document, names: Names) -> list[Mergeable]:
    found: list[Mergeable] = []
    walk = cl.Walk()
    lines = doc.lines
    tree = build_tree(doc, names.is_known)
    action_sections: dict[int, bool] = {}
    followups: dict[int, bool] = {}
    skip: set[int] = set()
    topic_boxes = False
    by_section: dict[int, list[str]] = {}
    for line in lines:
        by_section.setdefault(line.section, []).append(line.text)
    discussions = {s for s, texts in by_section.items() if tu.discusses(texts, names)}
    for index, line in enumerate(lines):
        if line.section != walk.section:
            if line.section not in action_sections:
                is_action, is_followup = _section_flags(doc, line.section)
                action_sections[line.section] = is_action and not cl.agenda_outline(lines, index)
                followups[line.section] = is_followup
            walk = cl.Walk(section=line.section, list_block=action_sections[line.section])
            topic_boxes = not action_sections[line.section] and _topic_section(doc, line.section)
        if line.kind is LineKind.HEADING:
            if cl.quiet(line, walk):
                continue
            item, _ = cl.marker_item(line.text, names, None)
            if item is not None:
                found.append(_found(item, line, index, followups, 2, None))
            continue
        if index in skip:
            continue
        if line.kind is LineKind.ROW and (table_row := _table_row(tree, index, followups)):
            found.extend(table_row)
            continue
        if line.kind is LineKind.BULLET:
            # the depths of walk.parents increase: drop the closed bullets from the end
            parents = walk.parents
            while parents and parents[-1][0] >= line.depth:
                parents.pop()
            parents.append((line.depth, line))
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
        if (
            walk.list_block
            and line.kind is LineKind.PARAGRAPH
            and line.text.endswith(":")
            and not mk.is_action_heading(line.text)
        ):
            # "Related tickets are:" opens a list of another kind: the action list has ended
            walk.list_block = False
        if line.kind is LineKind.BULLET and (entry := followup_item(line.text, names)):
            found.append(_found(entry, line, index, followups, 3 if walk.list_block else 2, None))
            continue
        if cl.quiet(line, walk):
            if line.kind is LineKind.BULLET and (closed := cl.closed_item(lines, index)):
                found.append(_found(closed, line, index, followups, 3, None))
            continue
        label = _LABEL.match(line.text) if len(line.text) < 60 and cl.may_label(line.text) else None
        if (
            label
            and (
                mk.is_action_heading(label["label"])
                # "Follow-ups for the cache:": the points under it are what to do next
                or (line.text.endswith(":") and mk.FOLLOW_UPS.match(label["label"]))
            )
        ) or (
            # "Review of actions from last meeting": the bullets under it are the actions
            line.kind is LineKind.BULLET
            and len(line.text) < 100
            and "ction" in line.text
            and ". " not in line.text  # a title, not sentences that happen to hold its words
            and mk.is_followup(line.text)
            and not mk.MARKER.match(line.text)
            and not mk.INLINE_OWNED.search(line.text)
            and not mk.ACTION_IS_TO.match(line.text)  # "The action is to review ...": a task
        ):
            walk.label_depth, walk.label_kind, walk.item_depth = line.depth, line.kind, None
            continue
        hint = (
            (tree.owner_context(index) or _parent_hint(walk.parents, line.depth, names))
            if line.kind is LineKind.BULLET
            else tree.owner_context(index)
            if line.kind is LineKind.PARAGRAPH
            else None
        )
        in_list = (walk.list_block and line.kind in (LineKind.BULLET, LineKind.ROW)) or (
            walk.label_depth is not None
        )
        if in_list and line.kind is LineKind.BULLET:
            if walk.item_depth is None or line.depth < walk.item_depth:
                walk.item_depth = line.depth
            in_list = line.depth == walk.item_depth
        item, is_label = cl.marker_item(line.text, names, hint)
        if is_label:
            walk.label_depth, walk.label_kind, walk.item_depth = line.depth, line.kind, None
            continue
        strength = 2
        asked = False
        if item is None and in_list and line.kind is LineKind.ROW:
            item = cl.row_item(line, lines[index - 1] if index else None, names)
        elif item is None and (in_list or line.checked is not None):
            text = line.text.lstrip("–- ").strip()
            if STATUS_NOTE.match(text) and in_list and walk.label_depth is None:
                continue
            asked = st.asks(text)
            if line.checked is None and (
                cl.is_topic(text)
                # "Ask for X in 3.5?": an imperative task with a question mark is a suggestion
                or (asked and not vo.looks_imperative(text))
                or len(text.split()) < 3
            ):
                if closed := cl.closed_item(lines, index):
                    found.append(_found(closed, line, index, followups, 3, None))
                continue
            item = parse_listed(text, names, hint)
            strength = 3 if in_list else 2
            if topic_boxes and not in_list and item and not item.owners:
                # "[x] 2021-03: survey status" under "Discussion items": a topic ticked off;
                # "[ ] Ask the vendor ..." there is still a task
                item = None if not vo.looks_imperative(item.text) else item
        elif item is None and line.kind in (LineKind.BULLET, LineKind.PARAGRAPH):
            item = cl.task_line(line, names, hint, walk)
            if item is None and hint and _under_label(tree, index, line):
                # "Cache ops (Noor):" over "deploy X next week": the parent names the owner
                item = parse_listed(line.text, names, hint)
        if item is not None:
            child, consumed = cl.child_status(lines, index)
            skip.update(consumed)
            status = child or status_of(line.text, line.struck, line.checked)
            if asked and status is Status.OPEN:
                status = Status.TENTATIVE
            item.status = status
            found.append(_found(item, line, index, followups, strength, hint))
            continue
        previous = lines[index - 1] if index else None
        own = tree.label(index) if line.kind is not LineKind.ROW else None
        assigned = line.section not in discussions
        section = doc.sections[line.section] if line.section < len(doc.sections) else None
        owner = section.owner_raw if section else None
        found.extend(_prose(line, index, followups, names, hint, previous, own, assigned, owner))
    for candidate in found:
        if candidate.index > 0:
            candidate.previous = lines[candidate.index - 1].text
        if lines[candidate.index].kind is not LineKind.HEADING:
            candidate.place = tree.place(candidate.index)
        title = (
            doc.sections[candidate.section].title if candidate.section < len(doc.sections) else ""
        )
        candidate.agenda = bool(_AGENDA.match(title))
    return found


def _under_label(tree: DocTree, index: int, line: Line) -> bool:
    """An imperative bullet nested under a pure owner label ("Team (Ann, Bo):")."""
    parent = tree.parent[index]
    if parent < 0 or line.kind is not LineKind.BULLET:
        return False
    label = tree.label(parent)
    text = line.text
    return (
        label is not None
        and not label.rest
        and vo.looks_imperative(text)
        and not st.asks(text)
        and len(text.split()) >= 3
    )


def _table_row(tree: DocTree, index: int, followups: dict[int, bool]) -> list[Mergeable] | None:
    """The action of a table row, ``[]`` for a header or a row with no task, None when the
    table's header names no task column (the line rules then decide)."""
    table = tree.tables.get(index)
    if table is None or not table.roles:
        return None
    if index == table.header:
        return []
    if not table.is_action_table:
        return None
    line = tree.doc.lines[index]
    row = row_action(table, line)
    if row is None:
        return []
    item = Item(row.task, [row.owners] if row.owners else [], False, row.status, 3)
    found = _found(item, line, index, followups, 3, None)
    found.due_text = row.deadline
    return [found]


def _prose(
    line: Line,
    index: int,
    followups: dict[int, bool],
    names: Names,
    hint: str | None,
    previous: Line | None = None,
    label: Label | None = None,
    assigned: bool = False,
    owner: str | None = None,
) -> list[Mergeable]:
    found: list[Mergeable] = []
    text = line.text
    if label is not None and label.rest:
        # "Site (Person): report. Will add ...": a sentence without a subject is the label's
        text = label.rest
    if "](" in text:
        text = _LINK.sub(r"\1", text)  # "[I need to fix the labels](https://...)": the words
    if not cp.prose_trigger(text):
        told = tu.told(text, names, assigned)
        if told is not None and not (told.owners and _continues(previous, line)):
            found.append(_found(told, line, index, followups, 1, hint))
        return found
    speaker: str | None = None
    turn = tu.SPEAKER_TURN.match(text) if ":" in text or "-" in text or "–" in text else None
    if turn and tu.names_like(turn["who"], names):
        speaker, text = turn["who"], text[turn.end() :]
        told = tu.told(line.text, names, assigned)
        if told is not None:
            return [_found(told, line, index, followups, 1, hint)]
    # under "DESY (Jonas)" a sentence with no subject ("Will share the snippet") is the owner's
    subject = speaker or owner
    for position, sentence in enumerate(st.split_sentences(text)):
        if label is not None and label.rest:
            subject = label.owners  # each sentence of a labelled report starts afresh
        if st.asks(sentence) and (task := cl.suggested_task(sentence)):
            # "Could we raise this with ...?": a suggestion phrased as a question
            item = Item(task, [], False, Status.TENTATIVE, 1)
            found.append(_found(item, line, index, followups, 1, hint))
            continue
        items, subject = parse_prose(sentence, names, subject, line_start=position == 0)
        if subject is not None and subject == owner != speaker and not items:
            # "The coordinator was appointed. Will take care of ...": the title's owner was
            # the subject of the first sentence only if it was theirs to commit to
            subject = None
        for item in items:
            if not item.owners and (
                st.asks(sentence) or (speaker and tu.WE_SHOULD.match(sentence))
            ):
                continue  # "Omar: We should mark it as pending": an opinion in a discussion
            written = status_of(item.text, line.struck, line.checked)
            # a rule's own tentative reading (an offer, a proposal) stands unless marked otherwise
            if written is not Status.OPEN or item.status is not Status.TENTATIVE:
                item.status = written
            if item.first_person and speaker:
                item.owners, item.first_person = [speaker], False
            found.append(_found(item, line, index, followups, 1, hint))
    return found


def _continues(previous: Line | None, line: Line) -> bool:
    """The line goes on with what the same speaker said on the line before ("AB: Shall we look at
    other layouts?" then "AB: to compare the two designs"): a fragment, not a turn of its own."""
    if previous is None or previous.section != line.section:
        return False
    speaker = line.text.split(":", 1)[0]
    before = previous.text.rstrip()
    return before.startswith(f"{speaker}:") and not before.endswith((".", "!"))


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
    listed = attendance_people(doc)
    if listed:
        # an attendance table: its people attend, known by the initials and site written there
        roster = Roster(people=(*roster.people, *listed), groups=roster.groups)
        known = {p.name for p in participants}
        participants += tuple(
            Participant(p.name, affiliation=p.site) for p in listed if p.name not in known
        )
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
        place = found.place or None
        resolved = tuple(o for w in owners_raw for o in resolver.resolve(w, section, place))
        dctx = DateContext(
            meeting_date=per_section.get(found.section, meeting),
            timezone=ctx.timezone,
            next_meeting=ctx.next_meeting,
            named_events=events,
        )
        due = (
            find_due(found.text, dctx)
            or (cell_due(found.due_text, dctx) if found.due_text else None)
            or (find_due(found.other_texts, dctx) if found.other_texts else None)
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
