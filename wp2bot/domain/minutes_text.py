"""Line-based parser for plain-text minutes: TWiki text, reST, Indico meeting pages, notes.

Markdown has a parser of its own (``minutes_markdown``, on markdown-it-py).
"""

from __future__ import annotations

import re

from wp2bot.domain import action_headings as ah
from wp2bot.domain import commitment_patterns as cp
from wp2bot.domain import markers as mk
from wp2bot.domain import text_markup as tm
from wp2bot.domain import text_tables as tt
from wp2bot.domain import vocabulary as vo
from wp2bot.domain.minutes_build import add_row, open_heading
from wp2bot.domain.minutes_lines import LineAssembler, Pending
from wp2bot.domain.models import Document, LineKind
from wp2bot.domain.roll_calls import ABSENT_LABEL, PARTICIPANTS_LABEL, SPEAKERS_LABEL

# a numbered minute's number and the spaces after it, up to its text ("3.2  Action ...")
_NUMBER_THEN_TEXT = re.compile(r" *\d+(?:\.\d+)*\.? +(?=\S)")
# words a title never ends with, after which a sentence goes on in the next line
_RUNS_ON_WORDS = frozenset("the a an of to and or on in for with by at from that".split())


class _TextParser(LineAssembler):
    """Walk physical lines once, building logical lines (``LineAssembler``) and sections."""

    def __init__(self, text: str) -> None:
        super().__init__()
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        # page text copied from a browser writes a table row as tab-separated cells, a typed
        # table lines its columns up with spaces
        self.tab_rows = tt.tab_rows(text) if "\t" in text else {}
        self.raw = text.replace("\t", "    ")
        if "|" in self.raw and ("-+-" in self.raw or "-|-" in self.raw):
            self.tab_rows |= tt.pipe_rows(self.raw.split("\n"))
        if "list-table::" in self.raw:
            self.tab_rows |= tt.list_table_rows(self.raw.split("\n"))
        if "  " in self.raw:
            self.tab_rows |= tt.aligned_rows(self.raw.split("\n"), self.tab_rows)
        self.md_level = 0  # level of the last "#" heading, for bold pseudo-headings
        self.heading_level = 0  # level of the last heading, but a list's title
        self.rst_levels: dict[str, int] = {}  # reST adornment characters, in order of use
        self.stripped: list[str] = []  # the physical lines, stripped
        self.raw_lines: list[str] = []  # the physical lines, as written
        # an Org outline ("#+TITLE: ..."): its "*" lines are headlines, not bullets
        self.org = "#+" in text and tm.ORG_KEYWORD.search(text) is not None

    def heading(self, title: str, level: int, number: int, inner: bool = False) -> None:
        """Open a section and record its heading line; ``inner``: a title of a list within
        the section of the last heading, one level below it."""
        self.flush()
        if inner:
            level = min(self.heading_level + 1, 6)
        else:
            self.heading_level = level
        open_heading(self.b, title, level, number)
        self.indents = []

    def parse(self) -> Document:
        """Parse the whole text."""
        lines = self.raw.split("\n")
        # each physical line is stripped once; handle_block blanks a setext underline in both
        self.stripped = stripped_lines = [line.strip() for line in lines]
        self.raw_lines = lines
        count = len(lines)
        slot_title_next = False
        tab_rows = self.tab_rows
        for i, physical in enumerate(lines):
            number = i + 1
            stripped = stripped_lines[i]
            if tab_rows and i in tab_rows:
                self.flush()
                if tab_rows[i]:  # (a table's rule, or a cell's wrapped text: no row)
                    add_row(self.b, tab_rows[i], number)
                continue
            if not stripped:
                if self.pending is not None:
                    self.flush()
                continue
            indent = len(physical) - len(physical.lstrip(" "))
            before_blank = i == 0 or not stripped_lines[i - 1]
            after_blank = i + 1 >= count or not stripped_lines[i + 1]
            if slot_title_next:
                slot_title_next = False
                self.heading(tm.DURATION.sub("", stripped), 1, number)
                continue
            # a time slot ("09:00 - 09:20") always holds a colon
            first = stripped[0]
            if (
                ":" in stripped
                and (first.isdigit() or first in "•*-")
                and tm.TIME_SLOT.match(stripped)
            ):
                self.flush()
                slot_title_next = True
                continue
            if indent == 0 and not after_blank and self.field_over_value(stripped, lines, i):
                continue
            if indent == 0 and not after_blank and ":" in stripped[:40]:
                self.join_hanging_value(stripped, lines, i)
                stripped = self.stripped[i]
            if self.handle_block(stripped, indent, number, before_blank, after_blank, lines, i):
                continue
            self.add_text(stripped, indent, number)
        self.flush()
        return self.b.doc

    def handle_block(
        self,
        stripped: str,
        indent: int,
        number: int,
        before_blank: bool,
        after_blank: bool,
        lines: list[str],
        i: int,
    ) -> bool:
        """Headings, rules and table rows; False when the line is ordinary text."""
        first = stripped[0]
        if self.org and first in "*#" and indent == 0 and self.org_line(stripped, number):
            return True
        md = tm.MD_HEADING.match(stripped) if first == "#" else None
        if md and (md.group(2) or len(md.group(1)) > 1) and not stripped.startswith("#!"):
            self.md_level = len(md.group(1))
            self.heading(md.group(2), self.md_level, number)
            return True
        tw = tm.TWIKI_HEADING.match(stripped) if stripped.startswith("---") else None
        if tw:
            self.heading(tw.group(2), len(tw.group(1)), number)
            return True
        wiki = tm.WIKI_HEADING.match(stripped) if first == "=" and indent == 0 else None
        if wiki:
            self.heading(wiki.group(2), len(wiki.group(1)), number)
            return True
        jira = tm.JIRA_HEADING.match(stripped) if first == "h" and indent == 0 else None
        if jira:
            self.heading(jira.group(2), int(jira.group(1)), number)
            return True
        if i + 1 < len(lines) and self.rst_title(stripped, i, before_blank):
            level = self.rst_levels.setdefault(lines[i + 1].strip()[0], len(self.rst_levels) + 1)
            self.heading(stripped, min(level, 6), number)
            lines[i + 1] = ""
            self.stripped[i + 1] = ""
            return True
        dashed = tm.DASHED_TITLE.match(stripped) if first in "-=*~#+" and indent == 0 else None
        if dashed:  # "--- Actions ---"
            self.heading(dashed["title"].rstrip(":"), 1, number)
            return True
        # a rule ends with the character it starts with ("---", "* * *"); bullets rarely do
        if first in "*-_=" and stripped[-1] == first and tm.RULE.match(stripped):
            self.flush()
            return True
        if first == "|" and stripped[1:3] == "==" and not stripped.strip("|="):
            self.flush()  # AsciiDoc's "|===" opens or closes a table
            return True
        if first == "|" and stripped.count("|") >= 2:
            self.flush()
            if not tm.TABLE_SEP.match(stripped):
                # Jira and Confluence wiki markup write a header row "||Owner||Task||"
                bar = "||" if stripped.startswith("||") else "|"
                add_row(self.b, stripped.strip("|").split(bar), number)
            return True
        bold = tm.BOLD_LINE.match(stripped) if first in "*_" else None
        if bold and before_blank and indent == 0:
            self.heading(bold.group(1), min(self.md_level + 1, 6) or 6, number)
            return True
        numbered = tm.NUMBERED_TITLE.match(stripped) if first.isdigit() else None
        if numbered and stripped[-1] not in ".;," and not self.runs_on(i):
            level = numbered.group(1).count(".") + 1
            self.heading(numbered.group(2), level, number)
            return True
        if (
            before_blank
            and not after_blank
            and first.isdigit()
            and (lone := tm.NUMBERED_LONE.match(stripped))
            and self.titles_marked_list(stripped, i)
        ):
            self.heading(lone.group(1), 1, number)  # "2. Follow-up (AIs of 27/01)" over "* ..."
            return True
        if before_blank and not after_blank and indent == 0 and self.titles_list(stripped, i):
            self.heading(stripped, 1, number, inner=True)  # "Summary of actions" over its list
            return True
        if before_blank and not after_blank and indent == 0 and _caps_title(stripped):
            self.heading(stripped.rstrip(":"), 1, number)  # "PRODUCTION STATUS" over its text
            return True
        if not before_blank or not after_blank:
            return False
        lone = tm.NUMBERED_LONE.match(stripped) if first.isdigit() else None
        if lone and stripped[-1] not in ".;,!?" and len(stripped.split()) <= 10:
            # "2. Review of open actions" alone between blank lines: a numbered section title
            self.heading(lone.group(1), 1, number)
            return True
        if (
            not self.rst_levels  # reST marks its titles: a lone line there is no title
            and not tm.BULLET.match(stripped)
            and tm.is_text_heading(stripped, before_blank, after_blank, self.opens_block(i))
            and not PARTICIPANTS_LABEL.match(stripped)
            and not SPEAKERS_LABEL.match(stripped)  # "Chair: Ana Lima" is a label, no title
            # "ACTION: KB" alone under a minute: the minute's owners (``actions``), no title
            # ("Action list:" still is one)
            and not (
                mk.may_open_marker(stripped)
                and (marker := mk.MARKER.match(stripped))
                and stripped[marker.end() :].strip()
            )
        ):
            self.heading(stripped.rstrip(":"), 1, number)
            return True
        return False

    def org_line(self, stripped: str, number: int) -> bool:
        """An Org keyword line ("#+TITLE: ...") or headline; a headline with a state keyword
        ("** TODO Bo: renew the key") is a task line, its planning lines ("DEADLINE: <...>")
        indented under it. False for other lines."""
        keyword = tm.ORG_KEYWORD.match(stripped) if stripped[0] == "#" else None
        if keyword is not None:
            self.flush()
            if keyword.group(1).upper() == "TITLE" and not self.b.doc.title:
                self.b.doc.title = keyword.group(2)
            return True
        headline = tm.ORG_HEADLINE.match(stripped) if stripped[0] == "*" else None
        if headline is None or not headline["title"]:
            return False
        state = headline["state"]
        if state is None:
            self.heading(headline["title"], len(headline.group(1)), number)
            return True
        self.flush()
        # DONE and CANCELLED close the item (``markers.STATE_TAG``), any other state is to do
        word = state if state in ("DONE", "CANCELLED", "CANCELED") else "TODO"
        self.pending = Pending(f"{word}: {headline['title']}", LineKind.BULLET, 0, number, 0)
        return True

    def runs_on(self, i: int) -> bool:
        """Whether the line's sentence goes on in the next line ("3.1 Luca presented the draft:
        a, b and" over "c. Fifteen of ..."): a minute's first line, no numbered title."""
        below = self.stripped[i + 1] if i + 1 < len(self.stripped) else ""
        if below[:1].islower():
            return True
        if not below or tm.BULLET.match(below):
            return False
        # "3.2  Action 5.1 (the Secretary to update the" over "     School intranet): ongoing":
        # the next line hangs under the text after the number, or this line stops mid-phrase
        hanging = _NUMBER_THEN_TEXT.match(self.raw_lines[i])
        under = self.raw_lines[i + 1]
        return (hanging is not None and len(under) - len(under.lstrip(" ")) == hanging.end()) or (
            self.stripped[i].rsplit(None, 1)[-1].lower() in _RUNS_ON_WORDS
        )

    def rst_title(self, stripped: str, i: int, before_blank: bool) -> bool:
        """A reST section title: a line underlined by an adornment at least as long as it
        ("Minutes" over "-------"), after a blank line or under its overline."""
        below = self.stripped[i + 1]
        if not below or below[0] != below[-1] or len(below) < len(stripped):
            return False
        if not tm.RST_ADORNMENT.match(below) or tm.RST_ADORNMENT.match(stripped):
            return False
        above = self.stripped[i - 1] if i else ""
        # a numbered title is one too ("1. Actions from 19 November" over "------")
        bullet = tm.BULLET.match(stripped) and not stripped[:1].isdigit()
        return (before_blank or above == below) and not bullet

    def field_over_value(self, stripped: str, lines: list[str], i: int) -> bool:
        """A roll-call field written over its indented value ("Present" over "    Ana, Bo", as a
        definition list exported as text; "Participants:" over one name a line): the lines below
        become one "Present: Ana, Bo"."""
        below = lines[i + 1]
        if not below[:1].isspace() or len(stripped) > 20 or not stripped[:1].isalpha():
            return False
        if ":" in stripped.rstrip(":"):
            return False  # "Speaker: Bo Chen" has its value already
        labels = (PARTICIPANTS_LABEL, SPEAKERS_LABEL, ABSENT_LABEL)
        value = self.stripped[i + 1]
        if any(p.match(value) for p in labels) or tm.BULLET.match(value):
            return False  # "Attendees" over "  Present: ...": the fields are written below
        field = f"{stripped.rstrip(':')}: {value}"
        if not any(p.match(field) for p in labels):
            return False
        end = i + 2  # the value's next lines, each indented: one name a line, or a wrapped list
        while end < len(lines) and lines[end][:1].isspace() and (line := self.stripped[end]):
            if any(p.match(line) for p in labels) or tm.BULLET.match(line):
                break
            end += 1
        more = [self.stripped[k] for k in range(i + 2, end)]
        for k in range(i + 2, end):
            lines[k] = self.stripped[k] = ""
        lines[i + 1] = self.stripped[i + 1] = ", ".join((field, *more))
        return True

    def join_hanging_value(self, stripped: str, lines: list[str], i: int) -> None:
        """A roll call whose names go on in lines indented to where its value starts
        ("Present:   Ana Lima (Chair)" over "           Bo Berg"): one line of them all."""
        labels = (PARTICIPANTS_LABEL, SPEAKERS_LABEL, ABSENT_LABEL)
        if not any(p.match(stripped) for p in labels):
            return
        raw = lines[i]
        colon = raw.find(":")
        column = len(raw) - len(raw[colon + 1 :].lstrip())
        end = i + 1
        while end < len(lines) and (line := self.stripped[end]):
            under = lines[end]
            if len(under) - len(under.lstrip(" ")) != column or any(p.match(line) for p in labels):
                break
            end += 1
        if end == i + 1:
            return
        joined = stripped
        for k in range(i + 1, end):
            joined += (" " if joined.endswith(",") else ", ") + self.stripped[k]
            lines[k] = self.stripped[k] = ""
        lines[i] = self.stripped[i] = joined

    def titles_marked_list(self, stripped: str, i: int) -> bool:
        """Whether a short numbered line without end punctuation titles the list of other marks
        right below it ("2. Follow-up" over "* [x] Bo - ..."): a numbered section's title, not
        the first item of a numbered list."""
        below = self.stripped[i + 1]
        if below[:1] not in "*-•" or not tm.BULLET.match(below):
            return False
        if stripped[-1] in ".;,!?:" or len(stripped.split()) > 10:
            return False
        title = stripped.split(None, 1)[1]
        if ah.is_action_heading(title) or ah.is_followup(title) or ah.FOLLOW_UPS.match(title):
            return True
        return not cp.prose_trigger(title) and not vo.looks_imperative(title)

    def titles_list(self, stripped: str, i: int) -> bool:
        """Whether a short line without end punctuation titles the indented list right below
        it ("Summary of action items" over "   1. Ana to ...")."""
        below, next_text = self.raw_lines[i + 1], self.stripped[i + 1]
        if tm.TAGGED.match(next_text) and next_text[:1] in "[(":
            # "ACTIONS" over "[Ana] book the room" lines, indented or not: the owners' tags
            # ("Action items:" is a label of its own, ``actions``)
            return stripped[-1] != ":" and (
                ah.is_action_heading(stripped) or (below[:1].isspace() and ah.is_followup(stripped))
            )
        if not below[:1].isspace() or not tm.BULLET.match(next_text):
            return False
        if stripped[-1] in ".;,!?" or ": " in stripped or len(stripped.split()) > 8:
            return False
        if tm.BULLET.match(stripped) or tm.CHECKBOX.match(stripped):
            return False  # an item over its details
        if PARTICIPANTS_LABEL.match(stripped) or SPEAKERS_LABEL.match(stripped):
            return False
        # a sentence that commits someone or asks for work is one ("Bo to fix the disk" over
        # its details), as is a marker's line
        marker = mk.MARKER.match(stripped) if mk.may_open_marker(stripped) else None
        if marker and stripped[marker.end() :].strip():
            return False
        if ah.is_action_heading(stripped) or ah.is_followup(stripped):
            return True  # "Summary of action items", "Open actions"
        return not cp.prose_trigger(stripped) and not vo.looks_imperative(stripped)

    def opens_block(self, i: int) -> bool:
        """Whether the next text after line ``i`` is a bullet or a table row."""
        for k in range(i + 1, min(i + 4, len(self.stripped))):
            after = self.stripped[k]
            if after:
                if k in self.tab_rows or (after[0] in tm.BULLET_FIRST and after[1:2] == " "):
                    return True
                # a numbered list: "1. Bo - ...", "2) ..."
                return after[0].isdigit() and tm.NUMBERED_LONE.match(after) is not None
        return False


def _caps_title(text: str) -> bool:
    """A short line in capitals alone after a blank line ("PRODUCTION STATUS", "NEW
    DATASETS:"): a title even with its text right below it; no sentence, no "ACTION: Bo"."""
    if len(text) > 50 or text[-1] in ".;,!?" or ":" in text[:-1] or len(text.split()) > 6:
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def parse_text(text: str) -> Document:
    """Parse plain-text minutes into a Document."""
    return _TextParser(text).parse()
