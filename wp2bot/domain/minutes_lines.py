"""Logical lines of plain text: bullets, paragraphs and their continuations.

``LineAssembler`` joins the physical lines of a bullet or paragraph into one logical line (split
at ``<br>``, continued by a lower-case line), tracks bullet depth by indentation and hands each
finished line to the document builder. ``minutes_text`` adds the block structure; Markdown has
its own blocks (``minutes_markdown``) and shares ``continues`` for the lines of a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wp2bot.domain import text_markup as tm
from wp2bot.domain.markers import BRACKETED_MARKER, ITEM_NUMBER, MARKER, may_open_marker
from wp2bot.domain.minutes_build import DocBuilder, emit_line
from wp2bot.domain.models import LineKind
from wp2bot.domain.roll_calls import PARTICIPANTS_LABEL


def continues(before: str, text: str, under_bullet: bool = False) -> bool:
    """Whether a physical line ``text`` continues the logical line ``before``: minutes write one
    statement per line, so a capitalised line starts a new one unless ``before`` runs on ("...
    and", "... to") or the line is indented under a bullet (``under_bullet``)."""
    if tm.TURN.match(text) or text.startswith(("…", "...")):
        return False  # a new speaker turn or a scribe continuation
    first = text[:1]
    item = next((text[len(m) :] for m in _ARROW_MARKS if text.startswith(m)), text)
    if item[:1].isupper() and may_open_marker(item) and MARKER.match(item):
        # "-> AP all sites: put ..." under "... which versions run where": a new item
        return False
    if first.islower() and _LOWER_TURN.match(text) and _LOWER_TURN.match(before):
        return False  # "kofi: I'll re-sync it" over "oksana: maybe ...": a scribe's next turn
    if (
        first == "["
        and len(before.split()) <= 3
        and before[-1:] not in ".,;"
        and tm.TAGGED.match(text)
    ):
        return False  # "Old items" over "[Ana] book the room", "[Bo] ...": a title over items
    if under_bullet:
        return True
    if (
        len(before) >= 50
        and before[-1:] not in ".:;!?)"
        and text.endswith(".")
        and len(text.split()) <= 2
    ):
        return True  # "... event date with Academic" over "Registry.": a sentence wrapped
    if (
        before[-1:] not in ".:;"
        and ("," in text or ")" in text or len(text.split()) <= 3)
        and not _FIELD.match(text)
        and PARTICIPANTS_LABEL.match(before)
    ):
        # "Directors present: Ana Lima (President), Bo Berg (Vice" over "President), Cy ...":
        # the names of a roll call run on, wrapped anywhere, until another field
        return True
    runs_on = bool(tm.JOIN_END.search(before))
    if first in "([" and (tag := tm.TAGGED.match(text)):
        if before[-1:] == ":" or tm.TAGGED.match(before):
            return False  # "Actions:" then "[Ana] book the room", "[Bo] ...": one item a line
        if (text[tag.end() - 1].isupper() or BRACKETED_MARKER.match(text)) and not runs_on:
            # a tag, then a capital: "[NEW] ACTION: Bo to ...", "(Ana) Book ..."; a marker in
            # brackets: "[todo] renew the key"
            return False
    return first.islower() or first in "([\"'“" or runs_on


# another field of the header: "Directors absent: ...", "Staff: ..."
_FIELD = re.compile(r"[A-Z][\w ]{0,25}:\s")
# a turn in a scribe's lower-case notes: "kofi: ...", "helene_m: ..."
_LOWER_TURN = re.compile(r"[a-z][\w.-]{1,20}:\s")
_ARROW_MARKS = (">> ", "=> ", "-> ", "» ", "⇒ ", "→ ")
_ARROW_FIRST = frozenset(m[0] for m in _ARROW_MARKS)


@dataclass(slots=True)
class Pending:
    """A logical line being assembled from physical lines."""

    text: str
    kind: LineKind
    depth: int
    number: int
    indent: int
    checked: bool | None = None
    breaks: bool = False  # ended with <br>: the next physical line starts a new logical line
    under: bool = False  # unmarked text placed under a bullet by its indentation


class LineAssembler:
    """Assemble logical lines from physical ones and add them to a ``DocBuilder``."""

    def __init__(self) -> None:
        self.b = DocBuilder()
        self.pending: Pending | None = None
        self.indents: list[int] = []  # bullet indentation stack of the current section

    def flush(self) -> None:
        """Emit the logical line being assembled."""
        p = self.pending
        self.pending = None
        if p is not None:
            emit_line(self.b, p.text, p.kind, p.depth, p.number, p.checked)

    def bullet_depth(self, indent: int) -> int:
        """Nesting depth of a bullet from its indentation, relative to the section."""
        while self.indents and self.indents[-1] > indent:
            self.indents.pop()
        if not self.indents or self.indents[-1] < indent:
            self.indents.append(indent)
        return len(self.indents) - 1

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
        elif first in _ARROW_FIRST and text.startswith(_ARROW_MARKS):
            p = self.pending
            if (
                p is not None
                and p.kind is LineKind.PARAGRAPH
                and indent > p.indent
                and continuation_ok
                and not p.text.endswith(":")
            ):
                # "AP 24/07  Replace the bottles (Tim)" over an indented "-> erledigt.": the
                # item's state, noted after an arrow on its own line
                p.text = f"{p.text} {text}"
                return
            # ">> [Bo] post the list", "=> Ana checks the plans": an arrow sets off the point
            # that follows from the line above, as a bullet does
            body = text.split(None, 1)[1] if " " in text else None
        elif first == "o" and indent and text[1:2] == " " and text[2:3].isalnum():
            body = text[2:]  # "   o item": a word processor's second-level bullet, as text
        # a bullet starts with a marker, a digit or a lower-case letter: skip the pattern else
        elif first in tm.BULLET_FIRST or first.isdigit() or "a" <= first <= "z" or first == "(":
            bullet = tm.BULLET.match(text)
            # "a) ", "(ii) " enumerate; "a. " in plain text is more often a sentence's letter
            if bullet and (not bullet.group(1)[0].isalpha() or bullet.group(1)[-1] == ")"):
                body = bullet.group(2)
        p = self.pending  # flush() below only when there is something pending
        if body is not None:
            if p is not None:
                self.flush()
            checked: bool | None = None
            box = tm.CHECKBOX.match(body) if body[:1] in tm.BOX_FIRST else None
            if box:
                checked, body = tm.box_checked(box.group(1)), box.group(2)
            depth = self.bullet_depth(indent)
            self.pending = Pending(body, LineKind.BULLET, depth, number, indent, checked)
            return
        box = tm.CHECKBOX.match(text) if text[:1] in tm.BOX_FIRST else None
        if box:
            if p is not None:
                self.flush()
            depth = self.bullet_depth(indent)
            checked = tm.box_checked(box.group(1))
            self.pending = Pending(box.group(2), LineKind.BULLET, depth, number, indent, checked)
            return
        if p is not None and continuation_ok and not p.breaks and continues(p.text, text):
            p.text = f"{p.text} {text}"
            return
        if (
            p is not None
            and p.kind is LineKind.PARAGRAPH
            and indent > p.indent
            and continuation_ok
            and not p.breaks
            and ITEM_NUMBER.match(p.text)
        ):
            # "23/24-41 (GP) Confirm with Registry ..." over an indented "Completed.": a
            # register's item and its state, hanging under it
            p.text = f"{p.text} {text}"
            return
        if p is not None:
            self.flush()
        if p is not None and p.kind is LineKind.BULLET and indent > p.indent:
            # text after a <br> or indented under a bullet belongs to that bullet
            self.pending = Pending(text, LineKind.BULLET, p.depth + 1, number, indent, under=True)
            return
        if p is not None and p.under and indent == p.indent:
            # the next statement at the same indentation ("1. Release" over two indented
            # lines): under the same bullet as the one before
            self.pending = Pending(text, LineKind.BULLET, p.depth, number, indent, under=True)
            return
        if not self.indents or indent <= self.indents[0]:
            self.indents = []
        self.pending = Pending(text, LineKind.PARAGRAPH, 0, number, indent)
