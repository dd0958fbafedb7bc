"""Line-based parser for Markdown (incl. HackMD), TWiki plain text and Indico meeting pages."""

from __future__ import annotations

from dataclasses import dataclass

from wp2bot.domain import text_markup as tm
from wp2bot.domain.minutes_build import (
    PARTICIPANTS_LABEL,
    SPEAKERS_LABEL,
    DocBuilder,
    clean,
    split_people,
)
from wp2bot.domain.models import Document, LineKind


@dataclass(slots=True)
class _Pending:
    """A logical line being assembled from physical lines."""

    text: str
    kind: LineKind
    depth: int
    number: int
    indent: int
    checked: bool | None = None
    breaks: bool = False  # ended with <br>: the next physical line starts a new logical line


class _TextParser:
    """Walk physical lines once, building logical lines and sections."""

    def __init__(self, text: str, markdown: bool) -> None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        # page text copied from a browser writes a table row as tab-separated cells
        self.tab_rows = tm.tab_rows(text) if not markdown and "\t" in text else {}
        self.raw = text.replace("\t", "    ")
        self.markdown = markdown
        self.b = DocBuilder()
        self.pending: _Pending | None = None
        self.indents: list[int] = []  # bullet indentation stack of the current section
        self.md_level = 0  # level of the last markdown heading, for bold pseudo-headings
        self.rst_levels: dict[str, int] = {}  # reST adornment characters, in order of use
        self.stripped: list[str] = []  # the physical lines, stripped

    def flush(self) -> None:
        """Emit the logical line being assembled."""
        p = self.pending
        self.pending = None
        if p is None:
            return
        text = p.text
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
            label = PARTICIPANTS_LABEL.match(text)
            if label and p.depth <= 1 and len(text) < 2000:
                self.b.add_participants(split_people(label.group(2)))
            elif p.kind is LineKind.PARAGRAPH and (speakers := SPEAKERS_LABEL.match(text)):
                self.b.add_speakers(split_people(speakers.group(1)))
                return
        # the text is already clean: append it without add_line cleaning it a second time
        self.b.append_clean(text, p.kind, p.depth, p.number, struck, p.checked)

    def heading(self, title: str, level: int, number: int) -> None:
        """Open a section and record its heading line."""
        self.flush()
        title = clean(tm.inline(title))
        if not title:
            return
        name, owner = tm.title_owner(title)
        self.b.open_section(name, level, owner_raw=owner)
        self.indents = []
        self.b.append_clean(title, LineKind.HEADING, level, number)

    def bullet_depth(self, indent: int) -> int:
        """Nesting depth of a bullet from its indentation, relative to the section."""
        while self.indents and self.indents[-1] > indent:
            self.indents.pop()
        if not self.indents or self.indents[-1] < indent:
            self.indents.append(indent)
        return len(self.indents) - 1

    def parse(self) -> Document:
        """Parse the whole text."""
        lines = self.raw.split("\n")
        # each physical line is stripped once; handle_block blanks a setext underline in both
        self.stripped = stripped_lines = [line.strip() for line in lines]
        count = len(lines)
        slot_title_next = False
        tab_rows = self.tab_rows
        for i, physical in enumerate(lines):
            number = i + 1
            stripped = stripped_lines[i]
            if tab_rows and i in tab_rows:
                self.flush()
                self.add_row(tab_rows[i], number)
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
            # Markdown text that cannot open a block skips handle_block: a "- " bullet that is no
            # rule ("- - -"), or a line starting with a letter that cannot be a setext title.
            if self.markdown and (
                (first == "-" and stripped[1:2] == " " and stripped[-1] != "-")
                or (first not in "#*_=|-" and (self.pending is not None or not before_blank))
            ):
                self.add_text(stripped, indent, number)
                continue
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
        md = tm.MD_HEADING.match(stripped) if first == "#" else None
        if md and (md.group(2) or len(md.group(1)) > 1) and not stripped.startswith("#!"):
            self.md_level = len(md.group(1))
            self.heading(md.group(2), self.md_level, number)
            return True
        tw = tm.TWIKI_HEADING.match(stripped) if stripped.startswith("---") else None
        if tw:
            self.heading(tw.group(2), len(tw.group(1)), number)
            return True
        if i + 1 < len(lines) and self.markdown and self.pending is None and before_blank:
            below = lines[i + 1].lstrip()
            under = tm.SETEXT.match(below) if below[:1] in ("=", "-") else None
            if under and not tm.BULLET.match(stripped) and len(stripped) < 100:
                self.heading(stripped, 1 if under.group(1)[0] == "=" else 2, number)
                lines[i + 1] = ""
                self.stripped[i + 1] = ""
                return True
        if not self.markdown and i + 1 < len(lines) and self.rst_title(stripped, i, before_blank):
            level = self.rst_levels.setdefault(lines[i + 1].strip()[0], len(self.rst_levels) + 1)
            self.heading(stripped, min(level, 6), number)
            lines[i + 1] = ""
            self.stripped[i + 1] = ""
            return True
        # a rule ends with the character it starts with ("---", "* * *"); bullets rarely do
        if first in "*-_=" and stripped[-1] == first and tm.RULE.match(stripped):
            self.flush()
            return True
        if first == "|" and stripped.count("|") >= 2:
            self.flush()
            if not tm.TABLE_SEP.match(stripped):
                self.add_row(stripped.strip("|").split("|"), number)
            return True
        bold = tm.BOLD_LINE.match(stripped) if first in "*_" else None
        if bold and before_blank and indent == 0:
            self.heading(bold.group(1), min(self.md_level + 1, 6) or 6, number)
            return True
        numbered = tm.NUMBERED_TITLE.match(stripped) if first.isdigit() else None
        if numbered and not self.markdown and stripped[-1] not in ".;,":
            level = numbered.group(1).count(".") + 1
            self.heading(numbered.group(2), level, number)
            return True
        if self.markdown or not before_blank or not after_blank:
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
        ):
            self.heading(stripped.rstrip(":"), 1, number)
            return True
        return False

    def rst_title(self, stripped: str, i: int, before_blank: bool) -> bool:
        """A reST section title: a line underlined by an adornment at least as long as it
        ("Minutes" over "-------"), after a blank line or under its overline."""
        below = self.stripped[i + 1]
        if not below or below[0] != below[-1] or len(below) < len(stripped):
            return False
        if not tm.RST_ADORNMENT.match(below) or tm.RST_ADORNMENT.match(stripped):
            return False
        above = self.stripped[i - 1] if i else ""
        return (before_blank or above == below) and not tm.BULLET.match(stripped)

    def opens_block(self, i: int) -> bool:
        """Whether the next text after line ``i`` is a bullet or a table row."""
        for k in range(i + 1, min(i + 4, len(self.stripped))):
            after = self.stripped[k]
            if after:
                return k in self.tab_rows or (after[0] in tm.BULLET_FIRST and after[1:2] == " ")
        return False

    def add_row(self, raw_cells: list[str], number: int) -> None:
        """One table row; a cell written wholly as ~~text~~ is struck through."""
        cells: list[str] = []
        struck: list[bool] = []
        for raw in raw_cells:
            cell = clean(tm.inline(raw))
            whole = tm.STRIKE.fullmatch(cell) if "~~" in cell else None
            struck.append(whole is not None)
            if whole:
                cell = whole.group(1).strip()
            elif "~~" in cell:
                cell = clean(tm.STRIKE.sub("", cell))  # "~~open~~ done": struck words are void
            cells.append(cell)
        text = " | ".join(c for c in cells if c)
        self.b.add_line(
            text, LineKind.ROW, 0, number, cells=tuple(cells), struck_cells=tuple(struck)
        )

    def add_text(self, stripped: str, indent: int, number: int) -> None:
        """A bullet, a paragraph line, or the continuation of the previous logical line."""
        if "<" not in stripped:
            # no <br>: one piece; the line is stripped, and tm.inline strips only what it removes
            text = tm.inline(stripped).strip() if tm.SPECIAL.search(stripped) else stripped
            if text:
                self.add_piece(text, indent, number, continuation_ok=True)
            elif self.pending is not None:
                self.pending.breaks = True
            return
        pieces = tm.BR.split(stripped)
        for k, piece in enumerate(pieces):
            piece_text = tm.inline(piece).strip()
            last = k == len(pieces) - 1
            if not piece_text:
                if self.pending is not None:
                    self.pending.breaks = True
                continue
            self.add_piece(piece_text, indent, number, continuation_ok=k == 0)
            if not last and self.pending is not None:
                self.pending.breaks = True

    def add_piece(self, text: str, indent: int, number: int, continuation_ok: bool) -> None:
        """Place one piece of text (split at <br>) into the line structure."""
        first = text[0]
        body: str | None = None  # the text of a bullet
        if first == "-" and text[1:2].isspace():
            body = text[1:].lstrip()  # "- item", the commonest bullet, needs no pattern
        # a bullet starts with a marker, a digit or a lower-case letter: skip the pattern else
        elif first in tm.BULLET_FIRST or first.isdigit() or "a" <= first <= "z":
            bullet = tm.BULLET.match(text)
            # "a) " lists are rare in plain text; "I think" must not be a bullet
            if bullet and (self.markdown or not bullet.group(1)[0].isalpha()):
                body = bullet.group(2)
        p = self.pending  # flush() below only when there is something pending
        if body is not None:
            if p is not None:
                self.flush()
            checked: bool | None = None
            box = tm.CHECKBOX.match(body) if body[:1] == "[" else None
            if box:
                checked, body = box.group(1).strip() != "", box.group(2)
            depth = self.bullet_depth(indent)
            self.pending = _Pending(body, LineKind.BULLET, depth, number, indent, checked)
            return
        box = tm.CHECKBOX.match(text) if text[:1] == "[" else None
        if box:
            if p is not None:
                self.flush()
            depth = self.bullet_depth(indent)
            checked = box.group(1).strip() != ""
            self.pending = _Pending(box.group(2), LineKind.BULLET, depth, number, indent, checked)
            return
        if p is not None and continuation_ok and not p.breaks and self.joins(p, text, indent):
            p.text = f"{p.text} {text}"
            return
        if p is not None:
            self.flush()
        if p is not None and p.kind is LineKind.BULLET and indent > p.indent:
            # text after a <br> or indented under a bullet belongs to that bullet
            self.pending = _Pending(text, LineKind.BULLET, p.depth + 1, number, indent)
            return
        if not self.indents or indent <= self.indents[0]:
            self.indents = []
        self.pending = _Pending(text, LineKind.PARAGRAPH, 0, number, indent)

    def joins(self, p: _Pending, text: str, indent: int) -> bool:
        """Whether a physical line continues the previous logical line."""
        if tm.TURN.match(text) or text.startswith(("…", "...")):
            return False  # a new speaker turn or a scribe continuation
        if p.kind is LineKind.BULLET and self.markdown and indent > p.indent:
            return True
        first = text[:1]
        return first.islower() or first in "([\"'“" or bool(tm.JOIN_END.search(p.text))


def parse_text(text: str, markdown: bool) -> Document:
    """Parse Markdown (``markdown=True``) or plain text into a Document."""
    return _TextParser(text, markdown).parse()
