"""The lines of the minutes that list people: attendees ("Present: ..."), the absent
("Excused: ..."), speakers and chairs ("Chair: ..."); their labels, and how a list splits into
people with the affiliation and role written beside each name."""

from __future__ import annotations

import re
from dataclasses import replace

from wp2bot.domain.models import Participant
from wp2bot.domain.names import given_first
from wp2bot.domain.text_markup import clean

# "Participants:", "Present:", "Attending:", "Attendees:"; a second word after a slash qualifies
# the label ("Present/remote:", "Attendees / guests:")
# "Present: ...", "**Attendees:** ...", reST's field ":Participants: ..."
PARTICIPANTS_LABEL = re.compile(
    r"^\s*:?(?:\*\*)?((?:participants?|present|attending|attendees?|attendance|in attendance"
    # a committee's: "Members: ...", "Ex officio (non-voting): ..."
    r"|members|(?:board\s+)?(?:members|directors|trustees)\s+present"
    # a stand-up's or a scribe's: "team: Ana Lima (AL), ...", "att: AK (Agnes Kowal), ..."
    r"|team|att"
    r"|ex[- ]officio(?: \([^()]{1,20}\))?"
    # the people of a hybrid meeting, by how they took part: "Remote: ...", "In the room: ..."
    r"|people present|remote(?:ly)?|online|on[- ]site|in (?:the )?room|in person|by phone"
    r"|(?:on|via) (?:zoom|vidyo|teams|video)"
    # the same labels in the languages of a European collaboration's scribes
    r"|anwesend|teilnehmer(?:innen)?|pr[ée]sents?|participants|presenti|partecipanti|aanwezig"
    r"|asistentes|presentes)"
    r"(?:\s*/\s*[a-z]+)?)(?:\*\*)?\s*(?::|\s-\s)(?:\*\*)?\s*(.*)$",
    re.IGNORECASE,
)
SPEAKERS_LABEL = re.compile(
    r"^\s*(?P<label>speakers?|conveners?|chairs?)\s*:\s*(?P<people>.+)$", re.IGNORECASE
)
# the attendees after other fields of a paragraph: "Date: 3 Dec · Notes: Bo Participants: ..."
# (the second group, as PARTICIPANTS_LABEL's, holds the people)
LATER_PARTICIPANTS = re.compile(
    r"\s(?:\*\*)?((?:participants|attendees|attendance))(?:\*\*)?\s*:(?:\*\*)?\s*(\S.*)$", re.I
)
# an attendee list after a chair's on the same line
LATER_ROLL_CALL = re.compile(
    r"[.;|·]\s+(?=(?:participants?|present|attendees?|attending|attendance|in attendance)\s*:)"
    r"|\s+(?=(?:participants|attendees|attendance)\s*:)",
    re.I,
)
# "Full Name (Affiliation)" items of an Indico "Speakers:" line.
_PERSON_AFFIL = re.compile(r"^(.*?)\s*\((.*)\)\s*$")
_TITLES = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|professor)\.?\s+", re.IGNORECASE)
# "In the room: Ana Lima, ...; online: Bo Berg": how the people after it took part
_HOW_LABEL = re.compile(r"^[^\W\d_][\w ]{0,20}:\s+")
# the notes beside a name that say how someone took part, not where they are from
_HOW_NOTES = frozenset(("minutes", "notes", "note", "scribe", "remote", "host", "online"))
# the roles the minutes may name someone by ("The Chair will write to ..."), as written beside
# the name in the attendee list ("Ana Lima (Chair)", "Bo Berg (CERN, secretary)")
ROLES = {
    "chair": "chair",
    "chairperson": "chair",
    "chairman": "chair",
    "chairwoman": "chair",
    "secretary": "secretary",
    "treasurer": "treasurer",
    "convener": "convener",
    "convenor": "convener",
    "coordinator": "coordinator",
    "president": "president",
}
# the nouns of other roles, written with what they are of or for ("Director of Teaching",
# "Observatory Director", "instrument scientist", "Student Representative"): the whole note is
# the role, and its noun names it too ("the Director will decide ...")
ROLE_NOUNS = frozenset(
    "director head dean manager officer librarian representative scientist administrator "
    "editor registrar rapporteur spokesperson counsel nurse matron pharmacist captain "
    "controller auditor lead ceo cfo coo cto cio".split()
)
_ABSENT_WORDS = (
    r"excused|apologies|regrets|absent|entschuldigt|excus[ée]s?|assenti|giustificati|afwezig"
    r"|ausentes|excusados"
)
# (also a field's label after the names, the lines run together: "Chairs: Ana, Bo Notes: Kim")
_NEXT_LABEL = re.compile(
    rf"\.\s+(?=[A-Z][\w ]{{0,20}}:)|\s*\b(?:{_ABSENT_WORDS})\b\s*:"
    # (not a group of those present: "Board: Ana Lima, Bo Berg Management: Cy Dahl (CEO)")
    r"|\s+(?!(?-i:Board|Management|Staff|Guests|Observers|Officers|Executives?|Members|Team)\s*:)"
    r"(?=(?-i:[A-Z][a-z]+(?:\s+[a-z]+)?)\s*:\s)",
    re.I,
)
# "Excused: Lea Moser", "Apologies - Bo Chen": a line of the people who did not attend; the
# same label after the attendees on their own line ("Present: ... Excused: ...")
ABSENT_LABEL = re.compile(
    rf"^\s*(?:\*\*)?(?:{_ABSENT_WORDS}|absentees?|not\s+present)(?:\*\*)?"
    r"\s*(?::|\s-\s)(?:\*\*)?\s*(.*)$",
    re.IGNORECASE,
)
ABSENT_AFTER = re.compile(rf"\b(?:{_ABSENT_WORDS})\b\s*:\s*(.*)$", re.IGNORECASE)
_NAME_OK = re.compile(r"^[^\W\d_][\w.'’\- ]{0,60}$")
# an account before the name it stands for: "tkarvonen (Tuuli Karvonen)", "wen.lu (Wen Lu)"
ACCOUNT = re.compile(r"[a-z][a-z0-9_.-]{1,24}")
_INITIALS = re.compile(r"[A-Z][A-Za-z]{0,2}[A-Z]")  # "KO", "PvD"
# a full name, with the lower-case particles of a surname: "Pieter van Dongen"
_PARTICLE_NAME = re.compile(r"\s*[A-Z][\w'’.-]+(?:\s+(?:[a-z]{1,3}\s+){0,2}[A-Z][\w'’.-]+){1,3}\s*")
_FULL_NAME = re.compile(r"\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s*")
_AND = re.compile(r"\s+and\s+|\s*&\s*")
_SEPARATOR = re.compile(r"[,;]")
_LIST_MARK = re.compile(r"[(),;]")


def split_people(text: str) -> list[Participant]:
    """Split an attendee or speaker list into participants, keeping affiliations apart."""
    # "... Jürgen Müller. Excused: David Okafor." : the absent are not participants
    # ("... Lea Moser · Excused: ...": the separator before the next label goes with it)
    text = _NEXT_LABEL.split(clean(text))[0].rstrip(" .;·•|–—-")
    people: list[Participant] = []
    for part in _list_items(text):
        item = _HOW_LABEL.sub("", part.strip())
        for sub in _AND.split(item) if "(" not in item else [item]:
            sub = sub.strip(" *_.").removeprefix("@")  # "@kimlee": a chat's account
            affiliation = role = None
            match = _PERSON_AFFIL.match(sub)
            if match and ACCOUNT.fullmatch(match.group(1)) and _FULL_NAME.fullmatch(match[2]):
                # "@tkarvonen (Tuuli Karvonen)": the name in brackets, the account kept beside it
                # as ``attendance`` reads an account after a name
                sub, affiliation = match.group(2).strip(), match.group(1).strip()
            elif (
                match
                and _INITIALS.fullmatch(match.group(1))
                and _PARTICLE_NAME.fullmatch(named := match[2].split(",", 1)[0])
            ):
                # "KO (Katrin Obermaier)", "JW (Jörg Westphal, chair)": the initials the minutes
                # use, then the name and its notes
                sub = named.strip()
                affiliation, role = _note_parts(match[2][len(named) :])
            elif match:
                sub = match.group(1).strip()
                affiliation, role = _note_parts(match.group(2))
            sub = given_first(_TITLES.sub("", sub).replace("_", " ").strip())
            if sub and _NAME_OK.match(sub) and len(sub.split()) <= 5:
                people.append(Participant(name=sub, affiliation=affiliation, role=role))
    return people


def _note_parts(note: str) -> tuple[str | None, str | None]:
    """The affiliation and the role in the note beside a name: "CERN, chair" gives both;
    how someone took part ("minutes", "remote") is neither, nor a count ("kim (12)": the lines
    a chat log's summary counts)."""
    places: list[str] = []
    role = None
    for part in re.split(r"[,;/]", note):
        word = part.strip().lower()
        if not word or word.split()[0] in _HOW_NOTES or word.isdigit():
            continue
        if word in ROLES and role is None:
            role = ROLES[word]
        elif role is None and len(word.split()) <= 4 and ROLE_NOUNS.intersection(word.split()):
            role = " ".join(word.split())  # "Director of Teaching", "instrument scientist"
        else:
            places.append(part.strip())
    return ", ".join(places) or None, role


def labelled_speakers(label: re.Match[str]) -> list[Participant]:
    """The people of a "Speakers:" or "Chair:" line (``SPEAKERS_LABEL``); a chair's or a
    convener's label is their role."""
    word = label["label"].lower().rstrip("s")
    role = ROLES.get(word)
    listed = label["people"]
    later = LATER_ROLL_CALL.search(listed)  # "Chair: Ana; Present: ...": the chair alone
    people = split_people(listed[: later.start()] if later else listed)
    return [replace(p, role=p.role or role) for p in people] if role else people


def _list_items(text: str) -> list[str]:
    """The items of a list split on commas and semicolons outside parentheses (affiliations may
    hold commas); only the brackets and separators are visited, not every character."""
    if "(" not in text:
        return _SEPARATOR.split(text)
    parts: list[str] = []
    depth = start = 0
    for mark in _LIST_MARK.finditer(text):
        char = mark.group()
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start : mark.start()])
            start = mark.end()
    parts.append(text[start:])
    return parts
