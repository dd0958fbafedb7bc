"""Extract action items (owner, due date, status) from parsed minutes."""

from __future__ import annotations

import re

from wp2bot.domain import action_headings as ah
from wp2bot.domain import clauses as cl
from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import line_gate as lg
from wp2bot.domain import marker_items as mi
from wp2bot.domain import markers as mk
from wp2bot.domain import owner_positions as pos
from wp2bot.domain import section_context as sc
from wp2bot.domain import sentences as st
from wp2bot.domain import text_markup as tm
from wp2bot.domain import turns as tu
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.action_items import Item, Names, status_of
from wp2bot.domain.attendance import meeting_people, roll_call_rows
from wp2bot.domain.dates import DateContext, find_due, find_named_events
from wp2bot.domain.dates_series import SeriesDates
from wp2bot.domain.dedupe import Mergeable, merge
from wp2bot.domain.doctree import Label, build_tree, label_of
from wp2bot.domain.followups import followup_item
from wp2bot.domain.line_prose import as_candidate, line_commitments
from wp2bot.domain.listed_items import parse_listed
from wp2bot.domain.models import (
    Document,
    ExtractedAction,
    Line,
    LineKind,
    MeetingContext,
    Roster,
    Status,
)
from wp2bot.domain.owners import OwnerResolver, split_owners
from wp2bot.domain.pattern_rules import DASH_MARKS, DASHES
from wp2bot.domain.register_items import margin_owners, without_number
from wp2bot.domain.status_rules import STATUS_NOTE, item_status
from wp2bot.domain.tables import cell_due
from wp2bot.domain.task_lines import task_line
from wp2bot.domain.tree_items import field_children, table_item, task_field, under_label

_LABEL = re.compile(r"^\W*(?P<label>.{2,60}?)\s*:?\s*$")


_DASHED = re.compile(r"\s[-–—]\s")
_BY_THEN = re.compile(r"\b(?:by|until|till|before)\s+(?:then|that\s+(?:time|date|point))\b", re.I)
_AGENDA = re.compile(r"^\W*agenda\b", re.IGNORECASE)


def _candidates(doc: Document, names: Names) -> list[Mergeable]:
    found: list[Mergeable] = []
    # the kinds as locals: an enum member read through its class costs a lookup of the
    # metaclass's __getattr__ hook, several times per line here
    HEADING, BULLET, PARAGRAPH, ROW = (  # noqa: N806
        LineKind.HEADING,
        LineKind.BULLET,
        LineKind.PARAGRAPH,
        LineKind.ROW,
    )
    OPEN, TENTATIVE = Status.OPEN, Status.TENTATIVE  # noqa: N806
    walk = cl.Walk()
    lines = doc.lines
    tree = build_tree(doc, names.is_known)
    action_sections: dict[int, bool] = {}
    followups: dict[int, bool] = {}
    skip: set[int] = set()
    carried: set[int] = set()
    topic_boxes = False
    titled: str | None = None  # the owner the current section's title names
    titled_site: Label | None = None  # and the site with it: "DESY (Annika)"
    by_section: dict[int, list[str]] = {}
    for line in lines:
        by_section.setdefault(line.section, []).append(line.text)
    discussions = {s for s, texts in by_section.items() if tu.discusses(texts, names)}
    attending = roll_call_rows(doc)
    for index, line in enumerate(lines):
        if line.section != walk.section:
            if line.section not in action_sections:
                is_action, is_followup = sc.section_flags(doc, line.section)
                action_sections[line.section] = is_action and not cl.agenda_outline(lines, index)
                followups[line.section] = is_followup
            agenda, owner = (
                sc.in_agenda(doc, line.section),
                sc.section_owner(doc, line.section, names.is_known),
            )
            walk = cl.Walk(line.section, action_sections[line.section], agenda, owner)
            section = doc.sections[line.section] if line.section < len(doc.sections) else None
            titled = sc.title_owner(section, names.is_known) if section else None
            # "**DESY (Annika):**" as a title: what the list under it commits is the site's
            # and its speaker's, as under such a bullet
            titled_site = (
                label_of(line.text.rstrip(":*_ "), names.is_known, parent=True)
                if section is not None
                and section.owner_raw
                and titled == section.owner_raw
                and line.kind is HEADING
                and f"({section.owner_raw})" in line.text
                else None
            )
            if titled_site is not None and not titled_site.place:
                titled_site = None
            topic_boxes = not action_sections[line.section] and sc.topic_section(doc, line.section)
        if line.kind is HEADING:
            if lg.quiet(line, walk):
                continue
            item, _ = mi.marker_item(line.text, names, None)
            if item is not None and item.text:
                found.append(as_candidate(item, line, index, followups, 2, None))
            continue
        if index in skip or line.quoted:  # a quoted template or mail is no record of the meeting
            continue
        numbered = line.kind is not ROW and (bare := without_number(line.text)) is not line.text
        if numbered:
            line = line._replace(text=bare)  # "A-0412  Bo to ...": the item without its number
        if line.kind is ROW and index in attending:
            continue  # "| Dr Ana Lima | Medical Director |": who attended, in what role
        if line.kind is ROW and (table_row := table_item(tree, index, followups, names)):
            found.extend(table_row)
            continue
        if line.kind is BULLET:
            # the depths of walk.parents increase: drop the closed bullets from the end
            parents = walk.parents
            while parents and parents[-1][0] >= line.depth:
                parents.pop()
            parents.append((line.depth, line))
        if (
            walk.label_depth is not None
            and (
                (line.kind is not BULLET and walk.label_kind is not PARAGRAPH)
                or (
                    line.kind is BULLET
                    and line.depth <= walk.label_depth
                    and walk.label_kind is BULLET
                )
                or (
                    line.kind is PARAGRAPH
                    and walk.label_kind is PARAGRAPH
                    # under "Actions:" a line opened by a dash, a number or an owner's tag
                    # ("[Ana] book the room") is the label's next item, any other paragraph
                    # ends the list
                    and not numbered
                    and not line.text.startswith(DASH_MARKS)
                    and not (line.text[:1] in "[(" and tm.TAGGED.match(line.text))
                    # ... or by the known owner it labels ("PD: renew the cert", no bullet)
                    and not _owner_labelled(line.text, names)
                )
            )
        ):
            walk.label_depth = None
        if walk.label_depth is not None and walk.label_carried:
            carried.add(index)  # under "Actions carried over:": an earlier meeting's action
        if (
            walk.list_block
            and line.kind is PARAGRAPH
            and line.text.endswith(":")
            and not ah.is_action_heading(line.text)
        ):
            # "Related tickets are:" opens a list of another kind: the action list has ended
            walk.list_block = False
        if line.kind is PARAGRAPH and ":" in line.text[:16] and (task := task_field(lines, index)):
            # "What: renew the keys" over "Who: Bo": a form's fields (``field_children``)
            found.append(
                as_candidate(Item(task, [], False, OPEN, 3), line, index, followups, 3, None)
            )
            continue
        if (line.kind is BULLET or (line.kind is PARAGRAPH and "ACTION-" in line.text[:50])) and (
            entry := followup_item(line.text, names)
        ):
            found.append(
                as_candidate(entry, line, index, followups, 3 if walk.list_block else 2, None)
            )
            continue
        if lg.quiet(line, walk):
            if line.kind is BULLET and (closed := cl.closed_item(lines, index)):
                found.append(as_candidate(closed, line, index, followups, 3, None))
            continue
        if line.kind is not ROW and (inline := cl.inline_actions(line.text, names)):
            if any(not i.owners and not i.first_person for i in inline):
                # "TODO: add a queue" under "Collector (Marek):": the label's owner's
                context = tree.owner_context(index)
                for i in inline:
                    if not i.owners and not i.first_person and context:
                        i.owners = [context]
            found.extend(as_candidate(i, line, index, followups, 3, None) for i in inline)
            continue
        label = _LABEL.match(line.text) if len(line.text) < 60 and cl.may_label(line.text) else None
        if (
            label
            and (
                ah.is_action_heading(label["label"])
                # "Follow-ups for the cache:", or that alone on a (bold) line: the points under
                # it are what to do next
                or (
                    (line.text.endswith(":") or line.kind is PARAGRAPH)
                    and ah.FOLLOW_UPS.match(label["label"])
                )
            )
        ) or _reviews_actions(line):
            walk.label_depth, walk.label_kind, walk.item_depth = line.depth, line.kind, None
            walk.label_carried = ah.is_followup(line.text)
            continue
        hint = (
            (tree.owner_context(index) or sc.parent_hint(walk.parents, line.depth, names))
            if line.kind is BULLET
            else tree.owner_context(index)
            if line.kind is PARAGRAPH
            else None
        )
        in_list = (
            (walk.list_block and line.kind in (BULLET, ROW))
            or walk.label_depth is not None
            # under an action title, "Carmen: send the report", "[Bo] book the room" or "[A2]
            # Bo - book it" with no bullet is an item too
            or (
                walk.list_block
                and line.kind is PARAGRAPH
                and (numbered or (_labelled_item(line.text, names) and not _talk(line.text)))
            )
        )
        if in_list and line.kind is BULLET:
            if walk.item_depth is None or line.depth < walk.item_depth:
                walk.item_depth = line.depth
            in_list = line.depth == walk.item_depth
        if hint is None and in_list and titled:
            hint = titled  # "### Ana" over an action list: her tasks, unless one names another
        item, is_label = mi.marker_item(line.text, names, hint)
        marked = item is not None
        if item is not None and not item.text:
            margin_owners(item, found, lines, index, followups)
            continue
        if is_label:
            walk.label_depth, walk.label_kind, walk.item_depth = line.depth, line.kind, None
            walk.label_carried = False
            continue
        strength = 2
        asked = False
        if item is None and in_list and line.kind is ROW:
            item = cl.row_item(line, lines[index - 1] if index else None, names)
        elif item is None and (in_list or line.checked is not None):
            text = line.text.lstrip(DASHES + " ").strip()
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
                    found.append(as_candidate(closed, line, index, followups, 3, None))
                continue
            item = parse_listed(text, names, hint)
            strength = 3 if in_list else 2
            if topic_boxes and not in_list and item and not item.owners:
                # "[x] 2021-03: survey status" under "Discussion items": a topic ticked off;
                # "[ ] Ask the vendor ..." there is still a task
                item = None if not vo.looks_imperative(item.text) else item
        elif item is None and line.kind in (BULLET, PARAGRAPH):
            item = task_line(line, names, hint, walk, titled)
            if (
                item is None
                and hint
                and under_label(tree, index, line)
                # ("open q: does KM3NeT need tokens? nobody knows yet": a question, no task)
                and "?" not in line.text
            ):
                # "Cache ops (Noor):" over "deploy X next week": the parent names the owner
                item = parse_listed(line.text, names, hint)
        if item is not None:
            child, consumed = cl.child_status(lines, index)
            skip.update(consumed)
            status = child or status_of(
                _own_sentences(line.text, item.text), line.struck, line.checked
            )
            if asked and status is OPEN:
                status = TENTATIVE
            item.status = status
            if ". " in item.text:
                item.text = _task_and_state(item.text)
            found.append(as_candidate(item, line, index, followups, strength, hint))
            lead = _before_marker(line.text, item.text) if marked else ""
            if not lead:
                continue
            # "It was agreed that each site nominates a contact. AP-4 (Bo): book the slots":
            # the sentences before the marker's are read as running text too
            line = line._replace(text=lead)
        previous = lines[index - 1] if index else None
        own = tree.label(index) if line.kind is not ROW else None
        assigned = line.section not in discussions
        site = None
        if (line.kind is BULLET or line.depth) and own is None:
            # under "CERN (Alice):" a nested "Will test ..." (a bullet, or the next line of its
            # paragraph) is the site's report, as under a title; a name tag over a question
            # ("[name=Ana] Do we want ...?") is no such label
            site = tree.site_label(index)
        if site is None and own is None and titled_site is not None:
            site = titled_site
        owner = site.owners if site is not None else titled
        found.extend(
            line_commitments(
                line, index, followups, names, hint, previous, own, assigned, owner, site
            )
        )
    tu.taken_up(found, lines)
    field_children(found, tree)
    for candidate in found:
        candidate.carried = candidate.carried or candidate.index in carried
        if candidate.index > 0:
            candidate.previous = lines[candidate.index - 1].text
        if lines[candidate.index].kind is not HEADING:
            candidate.place = tree.place(candidate.index)
        title = (
            doc.sections[candidate.section].title if candidate.section < len(doc.sections) else ""
        )
        candidate.agenda = bool(_AGENDA.match(title))
    return found


# "PD: renew the cert", "Ana/Bo: ...": the owners a line opens with, before their task
_OWNER_COLON = re.compile(r"@?[^\W\d_][\w.'’-]*(?:\s*[/,&+]\s*@?[^\W\d_][\w.'’-]*){0,3}(?=:\s+\S)")


def _owner_labelled(text: str, names: Names) -> bool:
    """Whether a line opens with the known owners of its task and a colon."""
    who = _OWNER_COLON.match(text) if ":" in text[:40] else None
    return who is not None and all(names.is_known(part) for part in names.split(who[0]))


def _labelled_item(text: str, names: Names) -> bool:
    """Whether a line opens with its owners' tag ("[Bo] book the room") or with known owners
    and a colon: an item of an action list even with no bullet."""
    return (text[:1] in "[(" and tm.TAGGED.match(text) is not None) or _owner_labelled(text, names)


def _task_and_state(text: str) -> str:
    """An item's task and the state noted after it, without the notes that follow ("Write to
    the Faculty. Ongoing. A reply is expected before the end of term." as "Write to the
    Faculty. Ongoing.", "... retreat. In progress; a poll has gone out." as "... retreat. In
    progress.")."""
    sentences = st.split_sentences(text)
    if len(sentences) < 2 or not (
        STATUS_NOTE.match(state := sentences[1]) or item_status(state)[0] is not Status.OPEN
    ):
        return text
    # the state's first words ("In progress; a poll has gone out." as "In progress."), unless
    # the rest dates it ("Open, new date 18 December.")
    cut = min((at for at in (state.find(";"), state.find(",")) if at > 0), default=-1)
    if cut > 0 and not any(c.isdigit() for c in state[cut:]):
        return f"{sentences[0]} {state[:cut].rstrip()}."
    return f"{sentences[0]} {state}"


def _talk(text: str) -> bool:
    """A speaker's turn of several sentences that opens with no task ("Bruno: On the staging:
    it works, but the rate is low. Details under item 2."): what was said, read as running
    text, not an item of the list."""
    if ":" not in text:
        return False  # "[Hugo] update the driver": a tag, no turn
    rest = text.split(":", 1)[1].strip()
    return len(st.split_sentences(rest)) > 1 and not vo.looks_imperative(rest)


def _reviews_actions(line: Line) -> bool:
    """A bullet that titles a review of earlier actions ("Review of actions from last
    meeting"), or a paragraph that ends by opening one ("... approved. On the open actions:"):
    the bullets under it are the actions."""
    text = line.text
    if line.kind is LineKind.PARAGRAPH and text.endswith(":"):
        text = text[text.rfind(". ") + 2 :]  # the paragraph's last sentence
    elif line.kind is not LineKind.BULLET:
        return False
    return (
        len(text) < 100
        and ". " not in text  # a title, not sentences that happen to hold its words
        and ah.is_followup(text)
        # ("Write guidance — Sven — carried over": an item whose state its last dash notes)
        and ah.is_followup(_DASHED.split(text, maxsplit=1)[0])
        and not mk.MARKER.match(text)
        and not mk.INLINE_OWNED.search(text)
        and not mk.ACTION_IS_TO.match(text)  # "The action is to review ...": a task
        # "Rita to circulate the policy - not yet, carried forward": a task and its state
        and not ((" to " in text or " will " in text) and cp.COMMITMENT.match(text))
        # "@svogt – finish the review (carried over)": an owner's item and its state
        and text[:1] != "@"
        and not pos.LEADING_OWNER.match(text)
        # "[carried over] Tane — order the node": an item and its state tag
        and not (text[:1] in "[(" and mk.STATE_TAG.match(text))
    )


def _before_marker(text: str, task: str) -> str:
    """The sentences of a line before the one a marker opens ("... contact. AP-4 (Bo): book
    the slots"), or "" when the marker opens the line."""
    at = text.find(task[:30]) if task else -1
    cut = text.rfind(". ", 0, at) if at > 0 else -1
    return text[: cut + 1] if cut > 0 else ""


def _own_sentences(text: str, task: str) -> str:
    """The part of a line from the sentence the task is written in: "Test with ALICE completed.
    AI: Kim to put the configuration on the wiki" is Kim's open task, not a completed one."""
    at = text.find(task[:30]) if task else -1
    if at <= 0:
        return text
    cut = max(text.rfind(". ", 0, at), text.rfind("; ", 0, at))
    return text[cut + 2 :] if cut != -1 else text


def extract_actions(doc: Document, ctx: MeetingContext, roster: Roster) -> list[ExtractedAction]:
    """Every action item of the minutes, in document order, duplicates merged."""
    roster, participants = meeting_people(doc, ctx, roster)
    resolver = OwnerResolver(roster, participants=participants, speakers=tuple(doc.speakers))
    names = Names(resolver.is_known, split_owners, strict=len(participants) >= 3)
    meeting = ctx.meeting_date or doc.meeting_date
    full_text = "\n".join(line.text for line in doc.lines)
    events = find_named_events(full_text, meeting)
    per_section = sc.section_dates(doc)
    series = SeriesDates(full_text, (ctx.title, doc.title), meeting, per_section, ctx.next_meeting)
    actions: list[ExtractedAction] = []
    for found in sorted(merge(_candidates(doc, names)), key=lambda f: f.index):
        section = doc.sections[found.section] if found.section < len(doc.sections) else None
        owners_raw = list(found.owners)
        if found.first_person:
            owner = sc.section_owner(doc, found.section, names.is_known)
            owners_raw = [owner] if owner else []
        place = found.place or None
        resolved = tuple(o for w in owners_raw for o in resolver.resolve(w, section, place))
        next_meeting, next_precision = series.of(found.section)
        dctx = DateContext(
            meeting_date=per_section.get(found.section, meeting),
            timezone=ctx.timezone,
            next_meeting=next_meeting,
            named_events=events,
            next_precision=next_precision,
        )
        # a deadline cell or field names the deadline; else the task's words may ("for Q4")
        cell = cell_due(found.due_text, dctx) if found.due_text else None
        due = (
            (cell if cell is not None and cell.date is not None else None)
            or find_due(found.text, dctx)
            or cell
            or (find_due(found.other_texts, dctx) if found.other_texts else None)
            # "strict deadline: end of June" over "tape support must be in by then"
            or (
                find_due(found.previous, dctx)
                if found.previous and _BY_THEN.search(found.text)
                else None
            )
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
