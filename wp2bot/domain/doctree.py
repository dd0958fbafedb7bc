"""The document tree over the parsed lines: what encloses what, tables, and owners from context.

Every input form (Indico note HTML, HTML exports, Markdown, reST, TWiki, Indico page text) is
parsed into the same sections and lines (``Document``); this module adds the tree on top:

* each line's parent — the bullet it is nested under, or the label paragraph ("Actions:") a
  list hangs from — so a nested task can inherit what its parent says;
* tables: consecutive rows grouped, the header row found and its columns given roles
  (``tables.Role``), with the source line of every row kept;
* the owner a node names for what is written under it: ``Site (Person): ...``,
  ``Site – Person: ...`` and ``Team (A, B):`` labels, a bare ``Name:`` parent, a ``[name=x]`` tag.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from wp2bot.domain.action_headings import is_action_heading
from wp2bot.domain.markers import HACKMD_NAME, MARKER, may_open_marker
from wp2bot.domain.models import Document, LineKind
from wp2bot.domain.owners import split_owners
from wp2bot.domain.table_content import content_roles
from wp2bot.domain.tables import Role, Table, header_roles

# "Cache ops (Noor):", "Site A (Alice): nothing new ...", "Monitoring – Team X (Ann, Bo):"
_LABEL = re.compile(r"^(?P<label>[^():]{1,50}?)\s*\((?P<who>[^()]{1,60})\)\s*:\s*(?P<rest>.*)$")
# "CERN (Alice)" alone over nested bullets: the label of a site or team, its colon left out
# (or a topic: "Collector & pipeline (Marek)", "**Tape tests** (Bo)")
_PARENT_LABEL = re.compile(
    r"^(?P<label>[*_]{0,2}[A-Z][\w&./-]*(?:\s+[\w&./-]+){0,4}?[*_]{0,2})\s*"
    r"\((?P<who>[^()]{1,60})\)\s*(?P<rest>)$"
)
# the words of a team, a service's crew: "Rucio ops (Riya)" is the team's and Riya's; a topic in
# lower-case words ("Collector & pipeline (Marek)") is only its person's
_TEAM_WORDS = frozenset(
    "ops operations team group admins support wg crew desk office services service".split()
)
# "CERN – Ana: EOS upgrade went fine": a site or team, a dash, the person speaking for it
_DASH_LABEL = re.compile(
    r"^[*_]*(?P<label>[A-Z][\w&./-]*(?:\s+[A-Z][\w&./-]*){0,2})[*_]*\s+[–—-]\s+"
    r"(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)\s*:\s*(?P<rest>.*)$"
)
# "Dashboards — Ines & Roel" alone over nested bullets: a topic and the people who own it
_PARENT_DASH = re.compile(
    r"^[*_]*(?P<label>[A-Z][\w&./ -]{0,40}?)[*_]*\s+[–—]\s+"
    r"(?P<who>[A-Z][\w.'’-]*(?:\s*(?:&|and|,|/)\s*[A-Z][\w.'’-]*){0,3})$"
)
# "Storage migration at SURF, coordinated by Daan:" over nested tasks: the topic, then the
# people who own what is under it, at the end of the line before its colon
_PARENT_TAIL = re.compile(
    r"^(?P<label>[^:]{3,80}?)(?:,\s*(?:(?:led|coordinated|owned|driven|handled)\s+by\s+)?|"
    r"\s+(?:led|coordinated|owned|driven|handled)\s+by\s+|\s+[–—]\s+)"
    r"(?P<who>[A-Z][\w.'’-]*(?:\s*(?:&|and|,|/)\s*[A-Z][\w.'’-]*){0,3})\s*:$"
)
_NAME_ONLY = re.compile(r"^@?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*:?$")
# not people: digits, links, markup, or a task ("Action 6.4 (Dr Quintero to consult ...): closed")
_HANDLE_ONLY = re.compile(r"^@[a-z][\w.-]*\s*:$")  # "@jmbarros:" over the account's tasks
_NOT_NAMES = re.compile(r"\d{2}|https?:|[=<>{}]|\s(?:to|will|should|must)\s+[a-z]")
_TEAM_NAME = re.compile(r"^.*?\s[–-]\s+")  # "Monitoring – Team X": the part after the dash
# a label that is an item's number, not a site or a team: "A3 (Ana):", "#14 (Bo):", "ACT-7 (Cy):",
# "2.1" ("WP2" or "DC24" is no number: a work package, a challenge); looser than the number
# ``parse_listed`` strips from an item's start (``markers.ITEM_NUMBER``): here brackets follow
_NUMBER_LABEL = re.compile(
    r"^(?:#\s*\w*\d[\w.-]*|[A-Za-z]?[.-]?\d[\d.-]*|[A-Za-z]{1,5}[-#.]\d[\w.-]*)$"
)


@dataclass(frozen=True, slots=True)
class Label:
    """A node that names who owns what is written in it and under it."""

    owners: str  # as written, several joined by ", " ("Cache ops, Noor")
    rest: str  # the text after the label ("" for a pure label with children)
    place: str = ""  # the site or team the label names ("Cache ops"), "" for a bare name


def _topic(label: str) -> bool:
    """A label of several words, one a lower-case word that names no team: a topic."""
    words = label.replace("&", " ").split()
    return len(words) >= 2 and any(
        w[:1].islower() and w.lower() not in _TEAM_WORDS and w not in ("and", "of", "the")
        for w in words
    )


def label_of(text: str, is_known: Callable[[str], bool], parent: bool = False) -> Label | None:
    """The owner label a line opens with, if any.

    One person in the parentheses speaks for the group before them (a site, a service):
    both own. Several people in the parentheses are the group: they own. ``parent``: the line
    has nested lines, so "CERN (Alice)" needs no colon to be their label.
    """
    if "[name=" in text:
        tag = HACKMD_NAME.search(text)
        if tag:
            return Label(tag.group(1).strip(), HACKMD_NAME.sub("", text).strip())
    if "(" in text and ("):" in text or (parent and text.endswith(")"))):
        match = _LABEL.match(text) if "):" in text else _PARENT_LABEL.match(text)
        if (
            match
            and not _NOT_NAMES.search(match["who"])
            # "AI (Carla): ...", "TODO (Bob): ...": an action marker names its owner itself
            and not (may_open_marker(text) and MARKER.match(text))
            and not _marker_sentence(text, match.start("who"))
        ):
            people = split_owners(match["who"])
            label = match["label"].strip(" *_-–—•")
            if (
                people
                and label
                and len(label.split()) <= 6
                and all(p[:1].isupper() or is_known(p) for p in people)
            ):
                team = _TEAM_NAME.sub("", label)
                if _NUMBER_LABEL.match(team):
                    return Label(", ".join(people), match["rest"].strip())
                if len(people) >= 2:
                    return Label(", ".join(people), match["rest"].strip(), team)
                if _topic(team):
                    return Label(people[0], match["rest"].strip(), team)
                return Label(f"{team}, {people[0]}", match["rest"].strip(), team)
    if ":" in text[:70] and (dashed := _DASH_LABEL.match(text)) and is_known(dashed["who"]):
        team = dashed["label"]
        if not is_known(team):
            return Label(f"{team}, {dashed['who']}", dashed["rest"].strip(), team)
    if parent and ("—" in text or "–" in text) and (dash := _PARENT_DASH.match(text)):
        people = split_owners(dash["who"])
        if people and all(is_known(p) for p in people):
            return Label(", ".join(people), "", dash["label"].strip())
    if parent and text.endswith(":") and (tail := _PARENT_TAIL.match(text)):
        people = split_owners(tail["who"])
        if people and all(is_known(p) for p in people):
            return Label(", ".join(people), "")
    if (
        text.endswith(":")
        and (_NAME_ONLY.match(text) or _HANDLE_ONLY.match(text))
        and (is_known(who := text.rstrip(": ").lstrip("@")) or is_known(text.rstrip(": ")))
    ):
        return Label(who, "")
    return None


def _marker_sentence(text: str, end: int) -> bool:
    """ "The build is late. Action (Lee): check it": the parentheses close a marker that opens
    a later sentence, not a label of the line."""
    cut = text.rfind(". ", 0, end)
    return cut >= 0 and MARKER.match(text[cut + 2 :]) is not None


@dataclass(slots=True)
class DocTree:
    """Parents of the lines, the tables, and owner labels, for one parsed document."""

    doc: Document
    is_known: Callable[[str], bool]
    parent: list[int] = field(default_factory=list)  # enclosing line's index, -1 for none
    tables: dict[int, Table] = field(default_factory=dict)  # row line index -> its table
    _labels: dict[int, Label | None] = field(default_factory=dict)

    def ancestors(self, index: int) -> Iterator[int]:
        """Indices of the lines enclosing ``index``, innermost first."""
        current = self.parent[index]
        while current >= 0:
            yield current
            current = self.parent[current]

    def label(self, index: int) -> Label | None:
        """The owner label of one line (cached: a parent is asked once per child)."""
        if index not in self._labels:
            line = self.doc.lines[index]
            found = None
            if line.kind in (LineKind.BULLET, LineKind.PARAGRAPH):
                lines = self.doc.lines
                nested = (
                    line.kind is LineKind.BULLET
                    and index + 1 < len(lines)
                    and lines[index + 1].kind is LineKind.BULLET
                    and lines[index + 1].depth > line.depth
                )
                found = label_of(line.text, self.is_known, parent=nested)
            self._labels[index] = found
        return self._labels[index]

    def owner_context(self, index: int) -> str | None:
        """Who owns what line ``index`` says when it names no owner itself: its own label, or
        the label of the nearest enclosing line that has one."""
        own = self.label(index)
        if own is not None:
            return own.owners
        for ancestor in self.ancestors(index):
            found = self.label(ancestor)
            if found is not None:
                return found.owners
        return None

    def site_label(self, index: int) -> Label | None:
        """The nearest "Site (Person)" or "Team (A, B)" label over line ``index`` (its own or an
        ancestor's), or None."""
        for at in (index, *self.ancestors(index)):
            found = self.label(at)
            if found is not None:
                return found if found.place else None
        return None

    def place(self, index: int) -> str:
        """The site or team of the nearest label over line ``index`` ("" when none names one):
        it tells apart two people a first name fits."""
        for at in (index, *self.ancestors(index)):
            found = self.label(at)
            if found is not None:
                return found.place
        return ""


def build_tree(doc: Document, is_known: Callable[[str], bool]) -> DocTree:
    """The tree of a parsed document, in one pass over its lines."""
    tree = DocTree(doc, is_known)
    parent = tree.parent
    open_bullets: list[tuple[int, int]] = []  # (depth, index) of the bullets still open
    label_paragraph = -1  # a paragraph ending with ":" that the next list hangs from
    # the first line of a paragraph whose later lines (after a <br>) sit one level deeper
    block = -1
    rows: list[int] = []
    section = -1
    for index, line in enumerate(doc.lines):
        if line.section != section:
            section, open_bullets, label_paragraph, block = line.section, [], -1, -1
            _close_table(tree, rows)
        kind = line.kind
        if kind is LineKind.ROW:
            rows.append(index)
            parent.append(-1)
            continue
        _close_table(tree, rows)
        if kind is LineKind.BULLET:
            while open_bullets and open_bullets[-1][0] >= line.depth:
                open_bullets.pop()
            parent.append(open_bullets[-1][1] if open_bullets else label_paragraph)
            open_bullets.append((line.depth, index))
            continue
        deeper = kind is LineKind.PARAGRAPH and line.depth > 0
        # "North (Ana): ...<br>Will share the notes": the later lines hang from the first
        parent.append(block if deeper else -1)
        block = index if kind is LineKind.PARAGRAPH and not deeper else block if deeper else -1
        open_bullets = []
        label_paragraph = index if kind is LineKind.PARAGRAPH and line.text.endswith(":") else -1
    _close_table(tree, rows)
    return tree


def _cell_at(cells: tuple[str, ...], at: int) -> str:
    return cells[at].strip() if at < len(cells) else ""


def _close_table(tree: DocTree, rows: list[int]) -> None:
    """Group the rows collected so far into one table, its header found by its words."""
    if not rows:
        return
    lines = tree.doc.lines
    header: int | None = None
    roles = {}
    # the header is the first row, or the second under a title row spanning the table
    for candidate in rows[:2]:
        roles = header_roles(lines[candidate].cells)
        if roles:
            header = candidate
            break
    if header is None and len(rows) >= 2:
        # no header row: the cells tell the columns ("AI 11.2  Kim  Collect ...  OPEN")
        width = max(len(lines[i].cells) for i in rows)
        columns = [[_cell_at(lines[i].cells, at) for i in rows] for at in range(width)]
        roles = content_roles(columns, tree.is_known)
    body = tuple(i for i in rows if header is None or i > header)
    cells = lines[header].cells if header is not None else ()
    listed = any(
        role is Role.TASK and at < len(cells) and is_action_heading(cells[at])
        for at, role in roles.items()
    )
    table = Table(header=header, rows=body, roles=roles, listed=listed)
    for i in rows:
        tree.tables[i] = table
    rows.clear()
