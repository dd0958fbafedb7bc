"""People listed in an attendance table of the minutes, with the initials and site written there.

Minutes often open with a table of who attended: ``| Initials | Name | Site |``. The names are
the meeting's participants, the initials are how the notes then name them ("JvE to upgrade ..."),
and the site tells apart two people one first name fits. A table is an attendance table when its
header names a person column ("Name", "Participant", "Attendee") and no task column.
"""

from __future__ import annotations

import re

from wp2bot.domain.models import Document, LineKind, RosterPerson

_NAME = re.compile(r"(?:full\s+)?names?|participants?|attendees?|persons?|people|members?", re.I)
_INITIALS = re.compile(r"initials?|abbr\.?|abbreviations?|short(?:\s+name)?|kürzel|sigle", re.I)
_SITE = re.compile(
    r"sites?|institut(?:e|ion)s?|affiliations?|organi[sz]ations?|labs?|centres?|centers?|"
    r"experiments?|teams?",
    re.I,
)
# a "Name" column alone may list endpoints or files: the title or an initials column must say
_ROLL_CALL = re.compile(r"\W*(?:attendance|attendees|participants|present|people|who)\b", re.I)
_PEOPLE_WORD = re.compile(r"participants?|attendees?|people|members?", re.I)
_TASK = re.compile(r"actions?|tasks?|descriptions?|to ?-?dos?", re.I)
_PERSON = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w.'’-]*(?:\s+[\w.'’-]+){0,4}$")
_SHORT = re.compile(r"^[A-Za-z]{2,5}$")


def _column(header: tuple[str, ...], pattern: re.Pattern[str]) -> int | None:
    for at, cell in enumerate(header):
        if pattern.fullmatch(cell.strip(" *_:")):
            return at
    return None


def attendance_people(doc: Document) -> list[RosterPerson]:
    """Everyone an attendance table lists, in order; [] when the minutes have none."""
    people: list[RosterPerson] = []
    header: tuple[str, ...] | None = None
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
            columns = _roll_call(doc, line.section, header)
            previous = index
            continue
        previous = index
        if columns is None:
            continue
        person = _person(line.cells, columns)
        if person is not None:
            people.append(person)
    return people


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
