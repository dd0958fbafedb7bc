"""People listed in an attendance table of the minutes, with the initials and site written there.

Minutes often open with a table of who attended: ``| Initials | Name | Site |``. The names are
the meeting's participants, the initials are how the notes then name them ("JvE to upgrade ..."),
and the site tells apart two people one first name fits. A table is an attendance table when its
header names a person column ("Name", "Participant", "Attendee") and no task column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from wp2bot.domain.models import (
    Document,
    LineKind,
    MeetingContext,
    Participant,
    Roster,
    RosterPerson,
)
from wp2bot.domain.pattern_rules import CAPITALS, PatternRule, case, pattern, ranked
from wp2bot.domain.roll_calls import ACCOUNT, split_people

# the words for the people of a roll call, a header's own or a part of the person column's
_PEOPLE = r"participants?|attendees?|people|members?|present|in attendance"

# The header cells of a roll-call table and the cells of its rows, in one table: each header
# rule is applied to a whole cell (its stars, underscores and colons stripped); they never
# compete, so they share a rank.
RULES = ranked(
    PatternRule(
        name="name-column",
        rank=0,
        pattern=re.compile(r"(?:full\s+)?names?|persons?|" + _PEOPLE, re.I),
        yields="the header cell of the column of people's names",
        how="match",
        examples=(case("Full name"), case("Attendees"), case("Person")),
        counter_examples=("Site",),
    ),
    PatternRule(
        name="initials-column",
        rank=0,
        pattern=re.compile(
            r"initials?|abbr\.?|abbreviations?|short(?:\s+name)?|kürzel|sigle", re.I
        ),
        yields="the header cell of the column of the initials the notes name people by",
        how="match",
        examples=(case("Initials"), case("Short name"), case("Kürzel")),
        counter_examples=("Name",),
    ),
    PatternRule(
        name="role-column",
        rank=0,
        pattern=re.compile(r"roles?|positions?|functions?|posts?|job\s+titles?", re.I),
        yields="the header cell of the column of each person's role ('Chief Nurse')",
        how="match",
        examples=(case("Role"), case("Position")),
        counter_examples=("Site",),
    ),
    PatternRule(
        name="site-column",
        rank=0,
        pattern=re.compile(
            r"sites?|institut(?:e|ion)s?|affiliations?|organi[sz]ations?|labs?|centres?|"
            r"centers?|experiments?|teams?",
            re.I,
        ),
        yields="the header cell of the column of each person's site",
        how="match",
        examples=(case("Affiliation"), case("Institute"), case("Organization")),
        counter_examples=("Role",),
    ),
    PatternRule(
        name="task-column",
        rank=0,
        pattern=re.compile(r"actions?|tasks?|descriptions?|to ?-?dos?", re.I),
        yields="a header cell of tasks: the table lists work, not who attended",
        how="match",
        examples=(case("Action"), case("To-do"), case("Description")),
        counter_examples=("Attendee",),
    ),
    PatternRule(
        name="people-column",
        rank=0,
        # a "Name" column alone may list endpoints or files: the title or an initials column
        # must say; a person column headed "Participants" says so itself
        pattern=re.compile(_PEOPLE, re.I),
        yields="a person column whose header says it lists people",
        how="match",
        examples=(case("Participants"), case("members")),
        counter_examples=("Name",),
    ),
    PatternRule(
        name="roll-call-title",
        rank=0,
        pattern=re.compile(r"\W*(?:attendance|attendees|participants|present|people|who)\b", re.I),
        yields="a section title that announces who attended",
        how="match",
        examples=(case("Attendance"), case("## Present: in the room"), case("Who is here")),
        counter_examples=("Actions", "Whoever"),
    ),
    PatternRule(
        name="person",
        rank=0,
        pattern=re.compile(r"^[" + CAPITALS + r"][\w.'’-]*(?:\s+[\w.'’-]+){0,4}$"),
        yields="a cell that names a person (a capital, then up to five words)",
        how="match",
        examples=(case("Ana de la Cruz"), case("Łukasz Nowak"), case("O'Neill")),
        counter_examples=("ana", "https://example.org/a", "Ana (remote)"),
    ),
    PatternRule(
        name="listed-name",
        rank=0,
        # one name of a roll call written as a line: capitalised words, the particles of a
        # surname between them, a role or site in brackets after it
        pattern=re.compile(
            r"^[" + CAPITALS + r"][\w.'’-]*(?:\s+(?:(?:de|del|della|der|den|di|da|du|des|la|"
            r"le|van|von|ter|zu)\s+)*[" + CAPITALS + r"][\w.'’-]*){0,4}(?:\s*\([^()]*\))?$|"
            r"^(?!(?:none|nobody|all|everyone|n/a|tbd)\b)[a-z][a-z0-9_-]{1,30}(?:\s*\([^()]*\))?$"
        ),
        yields="an item of a line of names under a roll-call title; a chat's account alone",
        how="match",
        examples=(
            case("Ana de la Cruz"),
            case("H. Sato (remote)"),
            case("Bo Berg (CERN)"),
            case("jdoe42 (12)"),
        ),
        counter_examples=("Nothing to report", "the whole team", "Ana said hello", "none"),
    ),
    PatternRule(
        name="initials",
        rank=0,
        pattern=re.compile(r"^[A-Za-z]{2,5}$"),
        yields="a cell of initials, the person's alias in the notes",
        how="match",
        examples=(case("JvE"), case("AB")),
        counter_examples=("A", "J.v.E.", "ABCDEF"),
    ),
)
_NAME = pattern(RULES, "name-column")
_INITIALS = pattern(RULES, "initials-column")
_SITE = pattern(RULES, "site-column")
_ROLE = pattern(RULES, "role-column")
# what a role cell adds in brackets or after a comma: "Medical Director (Chair)" is the director
_ROLE_NOTE = re.compile(r"\s*(?:\([^()]*\)|,.*)$")
_TASK = pattern(RULES, "task-column")
_PEOPLE_WORD = pattern(RULES, "people-column")
_ROLL_CALL = pattern(RULES, "roll-call-title")
_PERSON = pattern(RULES, "person")
_SHORT = pattern(RULES, "initials")
_LISTED_NAME = pattern(RULES, "listed-name")
# (a comma inside brackets stays: "Dr Sam Berg (Library, Data Services)")
_LIST_SPLIT = re.compile(r"(?:\s*[,;]\s*|\s+and\s+|\s*&\s*)(?![^()]*\))")


def _column(header: tuple[str, ...], pattern: re.Pattern[str]) -> int | None:
    for at, cell in enumerate(header):
        if pattern.fullmatch(cell.strip(" *_:")):
            return at
    return None


def attendance_people(doc: Document) -> list[RosterPerson]:
    """Everyone an attendance table lists, in order; [] when the minutes have none."""
    return [person for _, person, _ in _attendance_rows(doc) if person is not None]


def roll_call_rows(doc: Document) -> set[int]:
    """The lines that are rows of an attendance table: who attended, no work."""
    return {index for index, _, _ in _attendance_rows(doc)}


def _attendance_rows(doc: Document) -> Iterator[tuple[int, RosterPerson | None, str | None]]:
    """Each row of an attendance table (its header too), the person it lists, if any, and
    the role written beside them."""
    header: tuple[str, ...] | None = None
    role_at: int | None = None
    columns: tuple[int, int | None, int | None] | None = None
    previous = header_at = -1
    for index, line in enumerate(doc.lines):
        if line.kind is not LineKind.ROW:
            continue
        # the next row of the same table: the next source line, or the one after the header's
        # "|---|" rule
        gap = line.number - doc.lines[previous].number if index == previous + 1 else 0
        if not (gap == 1 or (gap == 2 and previous == header_at)) or header is None:
            header, header_at = line.cells, index  # the first row of a table is its header
            titled = _roll_call(doc, line.section, header)
            columns = titled or _initialled_row(line.cells)
            role_at = _column(header, _ROLE) if titled is not None else None
            previous = index
            if titled is not None:
                yield index, None, None
            elif columns is not None and (person := _person(line.cells, columns)):
                # a table without a header row, "GF | Giulia Ferraresi | CNAF": its first row
                # is one of the people already
                yield index, person, None
            continue
        previous = index
        if columns is not None:
            role = (
                line.cells[role_at].strip(" *_")
                if role_at is not None and role_at < len(line.cells)
                else ""
            )
            yield index, _person(line.cells, columns), _ROLE_NOTE.sub("", role).lower() or None


def titled_roll_call(doc: Document) -> list[Participant]:
    """The people listed under a roll-call title ("Attendees" over "Ana Lima, Bo Berg (CERN)",
    or one name a bullet): only lines that are nothing but names count."""
    people: list[Participant] = []
    sections = doc.sections
    for line in doc.lines:
        if line.kind not in (LineKind.BULLET, LineKind.PARAGRAPH):
            continue
        if line.section >= len(sections) or not _ROLL_CALL.match(sections[line.section].title):
            continue
        parts = [p.strip(" *_.") for p in _LIST_SPLIT.split(line.text)]
        if all(_LISTED_NAME.match(p) for p in parts if p):
            people.extend(split_people(line.text))
    return people


def _initialled_row(cells: tuple[str, ...]) -> tuple[int, int | None, int | None] | None:
    """The name, initials and site columns of a row that writes a person's initials beside
    the name ("GF | Giulia Ferraresi | CNAF"): a table of who attended without a header."""
    for at, cell in enumerate(cells[:3]):
        words = cell.split()
        if len(words) < 2 or not _PERSON.match(cell):
            continue
        short = "".join(w[0] for w in words).upper()
        for other, initials in enumerate(cells[:3]):
            if other != at and _SHORT.match(initials) and initials.upper() == short:
                site = next((k for k in range(len(cells)) if k not in (at, other)), None)
                return at, other, site
    return None


def _roll_call(
    doc: Document, section: int, header: tuple[str, ...]
) -> tuple[int, int | None, int | None] | None:
    """The name, initials and site columns of a roll-call table's header, else None."""
    name = _column(header, _NAME)
    if name is None or _column(header, _TASK) is not None:
        return None
    initials = _column(header, _INITIALS)
    title = doc.sections[section].title if section < len(doc.sections) else ""
    if (
        initials is None
        and not _ROLL_CALL.match(title)
        and not _PEOPLE_WORD.fullmatch(header[name].strip(" *_:"))
    ):
        return None
    return name, initials, _column(header, _SITE)


def _person(
    cells: tuple[str, ...], columns: tuple[int, int | None, int | None]
) -> RosterPerson | None:
    name_at, initials_at, site_at = columns

    def cell(at: int | None) -> str:
        return cells[at].strip(" *_") if at is not None and at < len(cells) else ""

    name = cell(name_at)
    if not _PERSON.match(name):
        return None
    short = cell(initials_at)
    return RosterPerson(
        name=name,
        aliases=(short,) if _SHORT.match(short) else (),
        site=cell(site_at) or None,
    )


def meeting_people(
    doc: Document, ctx: MeetingContext, roster: Roster
) -> tuple[Roster, tuple[Participant, ...]]:
    """The roster and the participants the owners resolve against, with the people the minutes
    list: an attendance table's people attend, known by the initials and site written there;
    the excused and absent ("Excused: Lea Moser") are the group's, though not in the meeting."""
    participants = tuple(ctx.participants) or tuple(doc.participants)
    rows = [(person, role) for _, person, role in _attendance_rows(doc) if person is not None]
    # (the roles an attendance table writes beside its names too: "| Sian Gal | Chief Nurse |")
    roles = {p.name: p.role for p in doc.participants if p.role}
    roles |= {person.name: role for person, role in rows if role}
    if roles and ctx.participants:
        # the meeting's own list, with the roles the minutes write beside its names (as written
        # there: "I. Solberg (chair)" is Ingrid Solberg's)
        participants = tuple(
            replace(p, role=p.role or _role_of(p.name, roles)) for p in participants
        )
    known = {p.name for p in participants}
    if not ctx.participants:
        # "Attendees" over a line of names (with an "In attendance: ..." line of others too)
        participants += tuple(p for p in titled_roll_call(doc) if p.name not in known)
        known = {p.name for p in participants}
    listed = [person for person, _ in rows]
    participants += tuple(
        Participant(p.name, affiliation=p.site, role=roles.get(p.name))
        for p in listed
        if p.name not in known
    )
    # "Sung-min Park (smpark)": the account in brackets is how the notes name them
    accounts = [
        RosterPerson(p.name, aliases=(p.affiliation,))
        for p in participants
        if p.affiliation and ACCOUNT.fullmatch(p.affiliation)
    ]
    attending = {p.name for p in (*participants, *doc.speakers)}
    absent = [
        RosterPerson(p.name, affiliation=p.affiliation)
        for p in doc.absent
        if p.name not in attending
    ]
    if listed or absent or accounts:
        people = (*roster.people, *listed, *absent, *accounts)
        roster = Roster(people=people, groups=roster.groups)
    return roster, participants


def _role_of(name: str, roles: dict[str, str]) -> str | None:
    """The role the minutes write beside a participant's name, or beside its short form (an
    initial and the surname: "I. Solberg" for Ingrid Solberg), when only one fits."""
    if name in roles:
        return roles[name]
    words = name.split()
    fits = [
        role
        for written, role in roles.items()
        if len(words) > 1
        and (parts := written.split())
        and len(parts) > 1
        and parts[-1] == words[-1]
        and parts[0].rstrip(".") == words[0][: len(parts[0].rstrip("."))]
    ]
    return fits[0] if len(fits) == 1 else None
