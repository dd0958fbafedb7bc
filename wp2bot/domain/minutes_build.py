"""Incremental construction of a parsed Document, shared by the text, Markdown and HTML parsers."""

from __future__ import annotations

import re
from dataclasses import replace

from wp2bot.domain import text_markup as tm
from wp2bot.domain.casefold import contains_any
from wp2bot.domain.models import Document, Line, LineKind, Participant, Section
from wp2bot.domain.roll_calls import (
    ABSENT_AFTER,
    ABSENT_LABEL,
    LATER_PARTICIPANTS,
    LATER_ROLL_CALL,
    PARTICIPANTS_LABEL,
    SPEAKERS_LABEL,
    labelled_speakers,
    split_people,
)
from wp2bot.domain.text_markup import clean

# the words of a later attendee label ("... Participants: ..."), for a cheap test first
_LATER_LABELS = ("articipants", "ttendees", "ttendance")
# an arrow opening a line: a consequence of what came before, written like a bullet
_ARROW = re.compile(r"(?:=>|->|→|⇒|⟹)\s+")
_ARROW_STARTS = frozenset("=-→⇒⟹")
_TYPED_DASH = re.compile(r" -{2,3} ")
# a chat log's time stamp before a speaker's turn: "[10:03] Kim Lee: ...", "10:03 <kim> ...",
# "[2026-12-02 10:03:41] Kim: ..." (a timetable's "10:00 Welcome" names no speaker)
_CHAT_STAMP = re.compile(
    r"\[?(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?\]?\s+"
    r"(?=<[@+]?[\w.'’-]+>\s|@?[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?:\s)"
)
_STAMP_STARTS = frozenset("[0123456789<#")
# a meeting bot's command after the nick that typed it: "<ana> #action bo to ..." records an
# item, the nick is no speaker of it; "#action" is the bot's action marker
_NICK_COMMAND = re.compile(r"<[@+]?[\w.'’-]+>\s+(?=#[a-z]+\s)")
_BOT_ACTION = re.compile(r"#action\s+", re.IGNORECASE)
# who said a point, and when, after it: "... rerun the test  (ana, 15:05:02)", as a meeting
# bot's summary writes it; no owner
_SAID_AT = re.compile(r"\s*\([\w.@'’ -]{1,40},\s*\d{1,2}:\d{2}(?::\d{2})?\)$")
_META_LINE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")  # "title: Ops call"


def _add_once(people: list[Participant], more: list[Participant]) -> None:
    """Append the people of ``more`` not listed yet, once each."""
    known = {p.name for p in people}
    for person in more:
        if person.name not in known:
            known.add(person.name)
            people.append(person)


class DocBuilder:
    """Collect sections and lines in document order; parsers call it as they walk the source."""

    def __init__(self) -> None:
        self.doc = Document()
        self._stack: list[int] = [0]  # indices of open sections, outermost first

    @property
    def section(self) -> int:
        """Index of the innermost open section."""
        return self._stack[-1]

    def open_section(
        self,
        title: str,
        level: int,
        owner_raw: str | None = None,
        speakers: tuple[Participant, ...] = (),
        url: str | None = None,
    ) -> int:
        """Start a section at ``level``, closing open sections at the same or a deeper level."""
        sections = self.doc.sections
        while len(self._stack) > 1 and sections[self._stack[-1]].level >= level:
            self._stack.pop()
        parent = self._stack[-1]
        sections.append(
            Section(
                title=clean(title),
                level=level,
                owner_raw=owner_raw,
                speakers=speakers,
                parent=parent,
                url=url,
            )
        )
        index = len(sections) - 1
        self._stack.append(index)
        return index

    def add_speakers(self, speakers: list[Participant]) -> None:
        """Attach speakers to the innermost section and to the document's speaker list."""
        index = self.section
        current = self.doc.sections[index]
        self.doc.sections[index] = replace(current, speakers=current.speakers + tuple(speakers))
        known = {p.name for p in self.doc.speakers}
        self.doc.speakers.extend(p for p in speakers if p.name not in known)

    def add_speaker_line(self, label: re.Match[str]) -> None:
        """The people of a "Chair:" or "Speakers:" line (``SPEAKERS_LABEL``), and the attendees
        when the line lists them after ("Chair: Lea Moser. Attendees: Ana Ruiz, Bo Chen")."""
        self.add_speakers(labelled_speakers(label))
        later = LATER_ROLL_CALL.search(label["people"])
        if later is not None:
            self.add_roll_call(label["people"][later.end() :])

    def add_metadata(self, yaml: str) -> None:
        """The top-level "key: value" lines of YAML front matter, kept as the document's
        metadata: its "title" is the title, its "date" the meeting's (``stated_meeting_date``)."""
        metadata = self.doc.metadata
        for raw in yaml.split("\n"):
            found = _META_LINE.match(raw)
            if found and found.group(2):
                metadata.setdefault(found.group(1).lower(), found.group(2).strip("\"'"))
        if metadata.get("title"):
            self.doc.title = clean(tm.inline(metadata["title"]))

    def add_participants(self, people: list[Participant]) -> None:
        """Record attendees once each."""
        _add_once(self.doc.participants, people)

    def add_roll_call(self, text: str) -> bool:
        """Record the people of a "Present: ..." or "Excused: ..." line; False for other text."""
        label = PARTICIPANTS_LABEL.match(text) or (
            # a chair's line reads its later attendees itself (``add_speaker_line``)
            LATER_PARTICIPANTS.search(text)
            if contains_any(text, _LATER_LABELS) and not SPEAKERS_LABEL.match(text)
            else None
        )
        if label:
            self.add_participants(split_people(label.group(2)))
            later = ABSENT_AFTER.search(label.group(2))
            if later:
                _add_once(self.doc.absent, split_people(later.group(1)))
            return True
        absent = ABSENT_LABEL.match(text)
        if absent:
            _add_once(self.doc.absent, split_people(absent.group(1)))
        return absent is not None

    def add_line(
        self,
        text: str,
        kind: LineKind,
        depth: int,
        number: int,
        struck: bool = False,
        checked: bool | None = None,
        cells: tuple[str, ...] = (),
        struck_cells: tuple[bool, ...] = (),
    ) -> None:
        """Append one logical line to the innermost section."""
        text = clean(text)
        if kind is not LineKind.ROW:
            text = _own_words(text)
        if not text:
            return  # an empty table row holds nothing, not even a header
        self.doc.lines.append(
            Line(
                text=text,
                kind=kind,
                depth=depth,
                number=number,
                section=self.section,
                struck=struck,
                checked=checked,
                cells=cells,
                struck_cells=struck_cells,
            )
        )

    def append_clean(
        self,
        text: str,
        kind: LineKind,
        depth: int,
        number: int,
        struck: bool = False,
        checked: bool | None = None,
        quoted: bool = False,
    ) -> None:
        """Append a line whose text is already cleaned and not empty (the parsers' fast path)."""
        text = _own_words(text)
        if text[:1] > "\u2000" and (sign := tm.STATE_SIGN.match(text)) is not None:
            text = text[sign.end() :]  # "🔄 Bo: migrate ...": a board's sign of the state
        if kind is LineKind.BULLET and " --" in text:
            text = _typed_dash(text)
        # every field by position: a keyword makes the named tuple a third slower to build
        line = Line(text, kind, depth, number, self._stack[-1], struck, checked, (), (), quoted)
        self.doc.lines.append(line)


def _typed_dash(text: str) -> str:
    """An item's dash typed as two or three hyphens ("Bo -- renew the key") as the dash the list
    rules read; only in the item's first sentence, where its owner and task are written (later,
    and in running text, it stays an aside)."""
    end = text.find(". ")
    head, tail = (text, "") if end < 0 else (text[:end], text[end:])
    return _TYPED_DASH.sub(" – ", head) + tail


def _own_words(text: str) -> str:
    """A line without what ties it to the line before or says who wrote it when: an opening
    arrow, a chat's time stamp, a bot summary's "(ana, 15:05:02)"."""
    if text[:1] in _ARROW_STARTS:
        text = _without_arrow(text)
    elif text[:1] in _STAMP_STARTS:
        text = _without_stamp(text)
    if text[-1:] == ")" and ":" in text[-10:]:
        text = _without_said_at(text)
    return text


def _without_stamp(text: str) -> str:
    """ "[10:03] Kim: I'll check": the turn without the time it was said at; "10:03 <ana>
    #action bo to ...": the bot's command without the nick and the time, as "ACTION: bo to"."""
    stamp = _CHAT_STAMP.match(text)
    if stamp:
        text = text[stamp.end() :]
    command = _NICK_COMMAND.match(text) if text[:1] == "<" else None
    if command:
        text = text[command.end() :]
    action = _BOT_ACTION.match(text) if text[:1] == "#" else None
    return f"ACTION: {text[action.end() :]}" if action else text


def _without_said_at(text: str) -> str:
    """ "bo to rerun the test (ana, 15:05:02)": the point without who said it when."""
    said = _SAID_AT.search(text)
    return text[: said.start()] if said else text


def _without_arrow(text: str) -> str:
    """ "=> Ana to follow up": the line without the arrow that ties it to the line before."""
    arrow = _ARROW.match(text)
    return text[arrow.end() :] if arrow else text


def emit_line(
    b: DocBuilder,
    text: str,
    kind: LineKind,
    depth: int,
    number: int,
    checked: bool | None = None,
    quoted: bool = False,
) -> None:
    """One finished logical line of text or Markdown minutes: a line struck through as a whole
    is marked (struck words inside it are dropped), a roll-call line fills the participants and
    a speakers paragraph the speakers; the rest is appended."""
    struck = False
    if "~~" in text:
        whole = tm.STRIKE.fullmatch(text.strip())
        if whole:
            struck, text = True, whole.group(1)
        else:
            text = tm.STRIKE.sub(lambda m: m.group(1), text)
    text = clean(text)
    if not text:
        return
    if ":" in text or " - " in text:
        roll_call = depth <= 1 and len(text) < 2000 and b.add_roll_call(text)
        if (
            not roll_call
            and kind is LineKind.PARAGRAPH
            and (speakers := SPEAKERS_LABEL.match(text))
        ):
            b.add_speaker_line(speakers)
            return
    # the text is already clean: append it without add_line cleaning it a second time
    b.append_clean(text, kind, depth, number, struck, checked, quoted)


def open_heading(b: DocBuilder, title: str, level: int, number: int) -> None:
    """Open a section for a heading and record its line; the owner a title names ("Tape and
    caching (Ines)", "Review - Ines") is kept apart. An empty title opens nothing."""
    title = clean(tm.inline(title))
    if not title:
        return
    name, owner = tm.title_owner(title)
    b.open_section(name, level, owner_raw=owner)
    b.append_clean(title, LineKind.HEADING, level, number)


def add_row(b: DocBuilder, raw_cells: list[str], number: int) -> None:
    """One table row of text or Markdown minutes; a cell written wholly as ~~text~~ is struck
    through, struck words inside a cell are void ("~~open~~ done")."""
    cells: list[str] = []
    struck: list[bool] = []
    for raw in raw_cells:
        cell = clean(tm.inline(raw))
        whole = tm.STRIKE.fullmatch(cell) if "~~" in cell else None
        struck.append(whole is not None)
        if whole:
            cell = whole.group(1).strip()
        elif "~~" in cell:
            cell = clean(tm.STRIKE.sub("", cell))
        cells.append(cell)
    text = " | ".join(c for c in cells if c)
    b.add_line(text, LineKind.ROW, 0, number, cells=tuple(cells), struck_cells=tuple(struck))
