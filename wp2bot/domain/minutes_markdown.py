"""Markdown minutes (CommonMark, GFM tables, HackMD notes) parsed from markdown-it's tree.

markdown-it (markdown-it.rs through ``markdown-it-pyrs``, the Rust port of the markdown-it
family markdown-it-py belongs to) gives the blocks: ATX and setext headings, lists and their
items nested to any depth, GFM tables with their header row, block quotes, paragraphs, YAML
front matter (HackMD's "title:" and "tags:", metadata rather than text), each node with the
source bytes it spans, which become the line numbers kept for provenance. Indented code is left
out (minutes indent text, never code), and so are the inline rules: the inline forms that
matter to extraction (emphasis, strike-through, ``<br>``, tags) are read by ``text_markup`` as
in the other forms, from the text as written.

Inside a paragraph the minutes keep conventions Markdown has no syntax for, read here as the
plain-text parser reads them: one statement per line (a capitalised line starts a new logical
line unless the one before runs on), ``<br>`` breaks, bullets written "•", "–" or "a)", "[ ]"
boxes, and a bold line alone ("**Actions**") as the title of what follows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from markdown_it_pyrs import MarkdownIt, Node

from wp2bot.domain import text_markup as tm
from wp2bot.domain.minutes_build import DocBuilder, add_row, emit_line, open_heading
from wp2bot.domain.minutes_lines import continues
from wp2bot.domain.models import Document, LineKind

_PARSER = MarkdownIt("zero")
_PARSER.enable_many(
    [
        "front_matter", "table", "fence", "blockquote", "hr", "list", "html_block", "heading",
        "lheading", "paragraph",
    ]
)  # fmt: skip
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


@dataclass(slots=True)
class _Item:
    """An open list item: its bullet depth, the indentation of its marker, whether its text (the
    first paragraph) has been read."""

    depth: int
    indent: int
    has_text: bool = False


@dataclass(slots=True)
class _Line:
    """A logical line being assembled from the physical lines of a paragraph."""

    text: str
    kind: LineKind
    depth: int
    number: int
    indent: int
    checked: bool | None = None
    breaks: bool = False  # ended with <br>: the next piece starts a new logical line


class _Walker:
    """One pass over the block tokens, building sections and logical lines."""

    def __init__(self, source: list[str], ascii_only: bool = True) -> None:
        self.b = DocBuilder()
        self.source = source  # the physical lines, for indentation and blank lines
        self.heading_level = 0  # of the last heading, for bold pseudo-headings
        self.indents: list[int] = []  # marker indentation of the bullets open in this list
        # the UTF-8 byte offset each line starts at (the character offset for ASCII text): the
        # tree maps nodes to bytes
        sizes = (len(line) + 1 for line in source) if ascii_only else _byte_sizes(source)
        self.starts = list(accumulate(sizes, initial=0))
        self.quotes = 0  # block quotes open around the current block

    def indent(self, number: int) -> int:
        raw = self.source[number - 1]
        if raw[:1] not in (" ", "\t"):
            return 0
        raw = raw.replace("\t", "    ")
        return len(raw) - len(raw.lstrip(" "))

    def bullet_depth(self, indent: int, nesting: int) -> int:
        """The depth of a bullet: as deep as markdown-it nests it (``nesting``), deeper when the
        writer indented it further than the bullet above. Minutes nest by indentation, one space
        or four, where CommonMark wants the width of the parent's marker ("* Site" over " * task"
        is one list to CommonMark, a site and its task to the writer)."""
        indents = self.indents
        while indents and indents[-1] > indent:
            indents.pop()
        if not indents or indents[-1] < indent:
            indents.append(indent)
        return max(len(indents) - 1, nesting)

    def line_of(self, node: Node) -> int:
        """The source line (1-based) a node starts on; markdown-it maps nodes to bytes."""
        srcmap = node.srcmap
        return bisect_right(self.starts, srcmap[0]) if srcmap else 0

    def walk(self, root: Node) -> None:
        """Visit the tree depth first, without recursion: lists nest as deep as the text."""
        lists = 0
        items: list[_Item] = []
        stack: list[tuple[Iterator[Node], str]] = [(iter(root.children), "")]
        while stack:
            node = next(stack[-1][0], None)
            if node is None:
                closed = stack.pop()[1]
                if closed == "list_item":
                    items.pop()
                elif closed == "list":
                    lists -= 1
                elif closed == "blockquote":
                    self.quotes -= 1
                continue
            name = node.name
            if name in ("text", "paragraph"):
                item = items[-1] if items else None
                self.paragraph(_content(node), self.line_of(node), item)
                if item is not None:
                    item.has_text = True
            elif name == "list_item":
                indent = self.indent(self.line_of(node))
                items.append(_Item(self.bullet_depth(indent, lists - 1), indent))
                stack.append((iter(node.children), name))
            elif name in ("bullet_list", "ordered_list"):
                lists += 1
                stack.append((iter(node.children), "list"))
            elif name in ("heading", "lheading"):
                self.heading(node)
            elif name == "trow":
                add_row(self.b, [_content(cell) for cell in node.children], self.line_of(node))
            elif name in ("table", "thead", "tbody"):
                stack.append((iter(node.children), ""))
            elif name == "blockquote":
                self.quotes += 1
                stack.append((iter(node.children), name))
            elif name == "html_block":
                html = str(node.meta.get("content", ""))
                if not html.lstrip().startswith("<!--"):
                    item = items[-1] if items else None
                    self.paragraph(_TAG.sub(" ", html), self.line_of(node), item)
                    if item is not None:
                        item.has_text = True
            elif name == "front_matter":
                self.b.add_metadata(str(node.meta.get("content", "")))
            # rules and fenced code: nothing to read

    def heading(self, node: Node) -> None:
        text = _content(node)
        number = self.line_of(node)
        if node.name == "lheading" and ("\n" in text or len(text) >= 100):
            # "---" under a paragraph ends it as a rule: no 100-character title spans lines
            self.paragraph(text, number, None)
            return
        level = int(node.meta.get("level", 1))
        self.heading_level = level
        self.indents = []
        open_heading(self.b, text, level, number)

    def paragraph(self, content: str, first: int, item: _Item | None) -> None:
        """The logical lines of one paragraph (the text of a list item, or a paragraph) whose
        first line is source line ``first``."""
        if item is None:
            kind, depth = LineKind.PARAGRAPH, 0
            self.indents = []
        else:
            kind, depth = LineKind.BULLET, item.depth + (1 if item.has_text else 0)
        if "\n" not in content and "<" not in content:
            # one physical line without <br>, the commonest paragraph: no pieces to join
            text = content.strip()
            if tm.SPECIAL.search(text):
                if item is None and not self.quotes and self.bold_title(text, first):
                    return
                text = tm.inline(text).strip()
            if not text:
                return
            # ``start`` and ``emit`` without the _Line between them
            checked: bool | None = None
            if text[0] in tm.BOX_FIRST and (box := tm.CHECKBOX.match(text)):
                checked, text = tm.box_checked(box.group(1)), box.group(2)
                kind = LineKind.BULLET
            elif item is None and (found := _bullet_match(text)):
                kind, text = LineKind.BULLET, found.group(2)
            emit_line(self.b, text, kind, depth, first, checked, self.quotes > 0)
            return
        line: _Line | None = None
        for offset, physical in enumerate(content.split("\n")):
            number = first + offset
            stripped = physical.strip()
            if not stripped:
                continue
            if (
                line is None
                and item is None
                and not self.quotes
                and self.bold_title(stripped, number)
            ):
                continue
            indent = 0 if item is None else self.indent(number)
            pieces = tm.BR.split(stripped) if "<" in stripped else (stripped,)
            for k, piece in enumerate(pieces):
                text = tm.inline(piece).strip() if tm.SPECIAL.search(piece) else piece.strip()
                if not text:
                    if line is not None:
                        line.breaks = True
                    continue
                if line is None:
                    line = self.start(text, kind, depth, number, indent, item is not None)
                    continue
                bullet = self.bullet(text, item, indent, number) if k == 0 else None
                if bullet is not None:
                    self.emit(line)
                    line = bullet
                elif (
                    k == 0
                    and not line.breaks
                    and continues(line.text, text, self.under(item, indent, line))
                ):
                    line.text = f"{line.text} {text}"
                else:
                    self.emit(line)
                    nested = item is not None and indent > item.indent
                    line = _Line(
                        text,
                        LineKind.BULLET if nested else LineKind.PARAGRAPH,
                        (item.depth + 1) if nested and item is not None else 0,
                        number,
                        indent,
                    )
        if line is not None:
            self.emit(line)

    @staticmethod
    def under(item: _Item | None, indent: int, line: _Line) -> bool:
        """A physical line indented under the bullet it continues."""
        return item is not None and line.kind is LineKind.BULLET and indent > line.indent

    def start(
        self, text: str, kind: LineKind, depth: int, number: int, indent: int, in_item: bool
    ) -> _Line:
        """The first logical line of a paragraph; a list item's may open with a box."""
        checked: bool | None = None
        if text[0] in tm.BOX_FIRST and (box := tm.CHECKBOX.match(text)):
            checked, text = tm.box_checked(box.group(1)), box.group(2)
            kind = LineKind.BULLET
        elif not in_item and (found := _bullet_match(text)):
            kind, text = LineKind.BULLET, found.group(2)
        return _Line(text, kind, depth, number, indent, checked)

    def bullet(self, text: str, item: _Item | None, indent: int, number: int) -> _Line | None:
        """A line of a paragraph that opens a bullet Markdown does not know ("• x", "– x",
        "a) x", "2. x" after text) or a box ("[ ] x")."""
        first = text[0]
        checked: bool | None = None
        if first in tm.BOX_FIRST and (box := tm.CHECKBOX.match(text)):
            checked, body = tm.box_checked(box.group(1)), box.group(2)
        elif found := _bullet_match(text):
            body = found.group(2)
        else:
            return None
        nesting = 0 if item is None else item.depth + (1 if indent > item.indent else 0)
        depth = self.bullet_depth(indent, nesting)
        return _Line(body, LineKind.BULLET, depth, number, indent, checked)

    def bold_title(self, stripped: str, number: int) -> bool:
        """A bold line alone at the left margin after a blank line: the title of what follows."""
        if stripped[0] not in "*_" or (number > 1 and self.source[number - 2].strip()):
            return False
        bold = tm.BOLD_LINE.match(stripped)
        if bold is None or self.source[number - 1][:1].isspace():
            return False
        level = min(self.heading_level + 1, 6)
        open_heading(self.b, bold.group(1), level, number)
        return True

    def emit(self, line: _Line) -> None:
        quoted = self.quotes > 0
        emit_line(self.b, line.text, line.kind, line.depth, line.number, line.checked, quoted)


def _bullet_match(text: str) -> re.Match[str] | None:
    """A bullet Markdown has no syntax for: "• x", "– x", "a) x" (one test of the first
    character spares the pattern on most lines)."""
    first = text[:1]
    if first in tm.BULLET_FIRST or first.isdigit() or "a" <= first <= "z":
        return tm.BULLET.match(text)
    return None


def _content(node: Node) -> str:
    """The source text of a paragraph, a heading or a cell (inline markup as written)."""
    if node.name == "text":
        return str(node.meta.get("content", ""))
    children = node.children
    if len(children) == 1:  # the commonest: one text node
        return _content(children[0])
    return "".join(_content(child) for child in children)


def _byte_sizes(lines: list[str]) -> Iterator[int]:
    """The size in UTF-8 bytes of each line with its line end."""
    return (len(line.encode()) + 1 for line in lines)


def parse_markdown(text: str) -> Document:
    """Parse Markdown minutes into a Document."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    walker = _Walker(lines, text.isascii())
    walker.walk(_PARSER.tree(text))
    return walker.b.doc
