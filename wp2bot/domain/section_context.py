"""What a section and its parents say about its lines: an action or follow-up section, a list
of topics, the owner or speaker named in its title, the date of its meeting."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from wp2bot.domain import action_headings as ah
from wp2bot.domain import markers as mk
from wp2bot.domain.action_items import Names
from wp2bot.domain.group_patterns import COLLECTIVE
from wp2bot.domain.minutes import find_date
from wp2bot.domain.models import Document, Line, Section
from wp2bot.domain.pattern_rules import PatternRule, case, pattern, ranked

# What a section's title and a parent bullet say about the items under them, in one table;
# the rules apply to different texts and never compete.
RULES = ranked(
    PatternRule(
        name="bare-name",
        rank=0,
        pattern=re.compile(r"^@?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*:?$"),
        yields="a parent bullet that is a name alone: the owner of the items under it",
        how="match",
        examples=(case("Kim Lee:"), case("@Kim"), case("Ana")),
        counter_examples=("Ana will check", "kim:", "@jdoe"),
    ),
    PatternRule(
        name="topic-section",
        rank=0,
        # "Discussion items", "Topics for today", "Agenda": a checkbox there ticks off a topic
        pattern=re.compile(
            r"^\W*(?:agenda|discussion\s+(?:items|topics|points)|topics|items\s+for\s+discussion)\b",
            re.IGNORECASE,
        ),
        yields="a section titled as a list of topics, not of tasks",
        how="match",
        examples=(case("## Topics for today"), case("Discussion points")),
        counter_examples=("Action items", "Topical news"),
    ),
    PatternRule(
        name="agenda-word",
        rank=0,
        pattern=re.compile(r"\bagenda\b", re.IGNORECASE),
        yields="a section titled as an agenda (unless record-word also says minutes)",
        examples=(case("Preset agenda"), case("Agenda:")),
        counter_examples=("Agendas of past calls",),
    ),
    PatternRule(
        name="record-word",
        rank=0,
        pattern=re.compile(r"\b(?:minutes|notes)\b", re.IGNORECASE),
        yields="a title that names the minutes too ('Agenda/Minutes'): not an agenda alone",
        examples=(case("Agenda/Minutes"), case("Agenda and notes")),
        counter_examples=("Agenda", "Notebooks"),
    ),
)
_NAME_ONLY = pattern(RULES, "bare-name")
_TOPIC_SECTION = pattern(RULES, "topic-section")
_AGENDA_WORD = pattern(RULES, "agenda-word")
_RECORD_WORD = pattern(RULES, "record-word")


def _section_chain(doc: Document, index: int) -> list[Section]:
    """The section and its parents, nearest first."""
    chain: list[Section] = []
    seen: set[int] = set()
    current: int | None = index
    while current is not None and current not in seen and 0 <= current < len(doc.sections):
        seen.add(current)
        chain.append(doc.sections[current])
        current = doc.sections[current].parent
    return chain


def section_flags(doc: Document, index: int) -> tuple[bool, bool]:
    """Whether a section is an action section, and a follow-up one, walking its chain once."""
    # the chain's section itself and its parent decide an action section; any ancestor, a follow-up
    chain = _section_chain(doc, index)
    followup = [bool(s.title) and ah.is_followup(s.title) for s in chain]
    action = any(
        followup[step] or ah.is_action_heading(s.title) or ah.FOLLOW_UPS.match(s.title)
        for step, s in enumerate(chain[:2])
        if s.title
    )
    return action, any(followup)


def topic_section(doc: Document, index: int) -> bool:
    """Whether a section or its parent is titled as a list of topics ("Discussion items")."""
    return any(s.title and _TOPIC_SECTION.match(s.title) for s in _section_chain(doc, index)[:2])


def in_agenda(doc: Document, index: int) -> bool:
    """Whether the section or a parent is titled as an agenda ("Preset agenda", "Agenda:"), not
    as the agenda and its minutes ("Agenda/Minutes")."""
    return any(
        s.title and _AGENDA_WORD.search(s.title) and not _RECORD_WORD.search(s.title)
        for s in _section_chain(doc, index)
    )


_COLLECTIVES = frozenset(COLLECTIVE.split("|"))
# a title that is one name and nothing else: "Ana", "Ana Lima", "Bo:" (a capital per word)
_NAME_TITLE = re.compile(r"^(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s*:?$")


def section_owner(
    doc: Document, index: int, is_known: Callable[[str], bool] | None = None
) -> str | None:
    """The owner written in the title of the section or a parent, or its one speaker.

    With ``is_known``, see ``title_owner``."""
    for section in _section_chain(doc, index):
        owner = title_owner(section, is_known)
        if owner:
            return owner
        if len(section.speakers) == 1:
            return section.speakers[0].name
    return None


def title_owner(section: Section, is_known: Callable[[str], bool] | None = None) -> str | None:
    """The owner the section's title writes in brackets; with ``is_known``, the person the
    title names before a place in brackets ("Ana Lima (CERN)") instead of the place, and a
    title that is a known person's name alone ("Ana Lima", "Bo:") in a round-table."""
    owner = section.owner_raw
    if owner and is_known and is_known(section.title) and not is_known(owner):
        return section.title
    if owner is None and is_known and (name := _NAME_TITLE.match(section.title)):
        # (a team's title, "OSG Investigations Team", is what the section reports on)
        team = name["name"].rsplit(None, 1)[-1].lower() in _COLLECTIVES
        return name["name"] if is_known(name["name"]) and not team else None
    return owner


def section_dates(doc: Document) -> dict[int, date]:
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


def parent_hint(parents: list[tuple[int, Line]], depth: int, names: Names) -> str | None:
    """An owner named by the enclosing bullet: "[name=X] topic" or a bare "Paul:"."""
    for parent_depth, parent in reversed(parents):
        if parent_depth >= depth:
            continue
        hackmd = mk.HACKMD_NAME.search(parent.text)
        if hackmd:
            return hackmd.group(1).strip()
        # "Ines:", "_Ines_", "**Ines**": a bare name, maybe emphasised
        bare = parent.text.strip("*_ ").rstrip(": ").strip("*_ ")
        if _NAME_ONLY.match(bare) and names.is_known(bare):
            return bare
    return None
