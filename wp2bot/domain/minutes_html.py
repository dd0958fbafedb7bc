"""HTML parser for Indico notes (export API, unsanitised) and W3C scribe.perl minutes."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from wp2bot.domain import text_markup as tm
from wp2bot.domain.html_exports import (
    DRAWN_BULLETS,
    WORD_GLYPH,
    emphasised_title,
    list_level,
    task_item_state,
    word_list_level,
)
from wp2bot.domain.minutes_build import DocBuilder
from wp2bot.domain.models import Document, LineKind
from wp2bot.domain.roll_calls import SPEAKERS_LABEL, split_people
from wp2bot.domain.text_markup import clean

_SKIP = frozenset(
    "script style noscript template head title meta link nav iframe object embed svg canvas "
    "button select textarea form img video audio".split()
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LISTS = frozenset(("ul", "ol", "menu"))
_BLOCKS = frozenset(
    "p div section article main header footer aside blockquote pre dl dt dd address figure "
    "figcaption details summary body html center fieldset table thead tbody tfoot hr".split()
)
_STRUCK = frozenset(("s", "del", "strike"))
_SPEAKER = re.compile(r"^([A-Za-z][\w.\- ]{0,30}):\s")
_CONTINUATION = re.compile(r"^(?:…|\.\.\.)\s*")
_ROLL_CALL = re.compile(r"^(?:present|attendees|participants|attending)\W*$", re.IGNORECASE)


# Minutes nest lists a few levels deep; a page nested thousands of levels (broken or hostile
# HTML) is read down to this depth, and everything below it becomes one line.
MAX_NESTING = 64


class _HtmlWalker:
    """Depth-first walk that turns block elements into logical lines."""

    def __init__(self, builder: DocBuilder, base_level: int = 0, html: str = "") -> None:
        self.b = builder
        # the export forms the page can hold: lists flattened with a level class, Word's lists
        self.level_lists = "lst-" in html
        self.word_lists = "mso-list" in html
        self.base_level = base_level  # a note's headings nest under its contribution
        self.ordinal = 0
        self.speaker: str | None = None  # last "Name:" turn, for scribe "…" continuations
        self.roll_call = False  # the previous <dt> was "Present": the <dd> lists attendees
        self.nesting = 0  # elements being walked, outermost first
        self.level = 0  # the level of the last <h1>-<h6>

    def emit(
        self, text: str, kind: LineKind, depth: int, struck: bool, checked: bool | None
    ) -> None:
        """Add one logical line, keeping track of scribe speaker turns."""
        text = clean(text)
        if not text:
            return
        self.ordinal += 1
        if kind is not LineKind.HEADING and text[0] in tm.BOX_FIRST:
            box = tm.CHECKBOX.match(text)  # "[ ] book the room", "☑ renew the key" as text
            if box and box.group(2):
                kind, text, checked = LineKind.BULLET, box.group(2), tm.box_checked(box.group(1))
        elif kind is LineKind.PARAGRAPH and text[0] in DRAWN_BULLETS and text[1:2] == " ":
            kind, text = LineKind.BULLET, text[2:]  # "<p>• Bo to ...</p>": a bullet typed in
        if kind is not LineKind.HEADING:
            # labels and speaker turns all hold a colon (or " - " after a label); clean text
            # has no other whitespace around the dash
            colon = ":" in text
            if colon or " - " in text:
                self.b.add_roll_call(text)
                speakers = SPEAKERS_LABEL.match(text) if colon else None
                if speakers and kind is LineKind.PARAGRAPH:
                    self.b.add_speaker_line(speakers)
                    return
            cont = _CONTINUATION.match(text) if text[0] in "…." else None
            if cont and self.speaker:
                # cleaned again: a bare "..." leaves a trailing space
                text = clean(f"{self.speaker}: {text[cont.end() :]}")
            else:
                turn = _SPEAKER.match(text) if colon else None
                self.speaker = turn.group(1) if turn else None
        self.b.append_clean(text, kind, depth, self.ordinal, struck, checked)

    def inline_pieces(self, node: LexborNode, struck: bool) -> tuple[list[str], bool, bool | None]:
        """Text of an element's inline content, split at <br>; also struck/checkbox state."""
        pieces: list[str] = [""]
        sizes = [0, 0]  # characters in total, characters struck through
        checked: list[bool] = []

        def collect(parent: LexborNode, strike: bool) -> None:
            for child in parent.iter(include_text=True):
                tag = child.tag
                if tag == "-text":
                    text = child.text(deep=False) or ""
                    pieces[-1] += text
                    size = len(text.strip())
                    sizes[0] += size
                    sizes[1] += size if strike else 0
                elif tag == "br":
                    pieces.append("")
                elif tag in _SKIP or tag in _LISTS or tag in _HEADINGS or tag in ("table", "input"):
                    continue
                elif tag in _BLOCKS:
                    pieces.append("")
                    collect(child, strike or tag in _STRUCK)
                    pieces.append("")
                else:
                    collect(child, strike or tag in _STRUCK)

        collect(node, struck)
        for box in node.iter(include_text=False):
            if box.tag == "input" and (box.attributes.get("type") or "").lower() == "checkbox":
                checked.append("checked" in box.attributes)
                break
        is_struck = sizes[0] > 0 and sizes[1] >= 0.8 * sizes[0]
        if checked:
            return pieces, is_struck, checked[0]
        return pieces, is_struck, task_item_state(node.attributes) if node.tag == "li" else None

    def block(
        self, node: LexborNode, kind: LineKind, depth: int, struck: bool, glyph: bool = False
    ) -> None:
        """Emit the inline content of a block, one line per <br>-separated piece; ``glyph``:
        the text opens with the bullet a word processor drew, which is dropped."""
        pieces, is_struck, checked = self.inline_pieces(node, struck)
        if glyph and pieces:
            pieces[0] = WORD_GLYPH.sub("", pieces[0].replace("\xa0", " "), count=1)
        first = True
        for piece in pieces:
            if not piece.strip():
                continue
            line_kind = kind if first or kind is not LineKind.BULLET else LineKind.BULLET
            self.emit(piece, line_kind, depth if first else depth + 1, is_struck, checked)
            first = False

    def heading(self, node: LexborNode, level: int) -> None:
        """Open a section for an HTML heading."""
        title = clean(node.text(deep=True, separator=" "))
        if not title:
            return
        if node.tag in _HEADINGS:
            self.level = level  # an emphasised paragraph's title nests under it
        self.speaker = None
        name, owner = tm.title_owner(title)  # "Tape (Ines)", "Tape – Ines", as in text
        self.b.open_section(name, level + self.base_level, owner_raw=owner)
        self.emit(title, LineKind.HEADING, level, False, None)

    def walk(self, node: LexborNode, list_depth: int, struck: bool) -> None:
        """Visit the children of ``node``; below MAX_NESTING levels, its text as one line."""
        if self.nesting >= MAX_NESTING:
            kind = LineKind.BULLET if list_depth else LineKind.PARAGRAPH
            self.emit(
                node.text(deep=True, separator=" "), kind, max(list_depth - 1, 0), struck, None
            )
            return
        self.nesting += 1
        try:
            self._walk_children(node, list_depth, struck)
        finally:
            self.nesting -= 1

    def _walk_children(self, node: LexborNode, list_depth: int, struck: bool) -> None:
        inline_buffer: list[LexborNode] = []
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag in _SKIP or tag == "-comment":
                continue
            if tag == "-text" or (
                tag not in _BLOCKS
                and tag not in _LISTS
                and tag not in _HEADINGS
                and tag not in ("li", "tr", "table")
            ):
                inline_buffer.append(child)
                continue
            self.flush_inline(node, inline_buffer, list_depth, struck)
            inline_buffer = []
            strike = struck or tag in _STRUCK
            if tag in _HEADINGS:
                self.heading(child, _HEADINGS[tag])
            elif tag in _LISTS:
                nested = list_level(child) if self.level_lists else 0
                self.walk(child, list_depth + 1 + nested, strike)
            elif tag == "li":
                self.block(child, LineKind.BULLET, max(list_depth - 1, 0), strike)
                self.walk_nested(child, list_depth, strike)
            elif tag == "table":
                self.table(child)
            elif tag in ("dt", "dd"):
                text = clean(child.text(deep=True, separator=" "))
                if tag == "dd" and self.roll_call:
                    self.b.add_participants(split_people(text))
                self.roll_call = tag == "dt" and bool(_ROLL_CALL.match(text))
                # a term over its description, as a bullet over its nested ones: "CERN (Bo)"
                # over "Will upgrade the gateway" labels what the site will do
                depth = max(list_depth - 1, 0) + (tag == "dd")
                self.block(child, LineKind.BULLET, depth, strike)
            elif tag == "p" and self.word_lists and (level := word_list_level(child)) is not None:
                self.block(child, LineKind.BULLET, level, strike, glyph=True)
            elif tag in ("p", "div") and not list_depth and emphasised_title(child):
                # "<p><u>1. Site reports</u></p>": under the last heading; before any, at the
                # lowest level, so that the page's headings that follow are not nested in it
                self.heading(child, min(self.level + 1, 6) if self.level else 6)
            elif tag in ("p", "pre", "summary", "figcaption", "address"):
                self.block(child, LineKind.PARAGRAPH, 0, strike)
                self.walk_nested(child, list_depth, strike)
            else:
                self.walk(child, list_depth, strike)
        self.flush_inline(node, inline_buffer, list_depth, struck)

    def walk_nested(self, node: LexborNode, list_depth: int, struck: bool) -> None:
        """Visit block children (nested lists, tables) of an element emitted as one line."""
        for child in node.iter(include_text=False):
            if child.tag in _LISTS:
                self.walk(child, list_depth + 1, struck or child.tag in _STRUCK)
            elif child.tag == "table":
                self.table(child)
            elif child.tag in ("div", "blockquote", "section") and child.css_first("ul, ol, table"):
                self.walk_nested(child, list_depth, struck)

    def flush_inline(
        self, parent: LexborNode, nodes: list[LexborNode], list_depth: int, struck: bool
    ) -> None:
        """Emit loose inline content (text directly inside a div or body)."""
        if not nodes:
            return
        pieces: list[str] = [""]
        for node in nodes:
            if node.tag == "br":
                pieces.append("")
            elif node.tag == "-text":
                pieces[-1] += node.text(deep=False) or ""
            else:
                pieces[-1] += node.text(deep=True, separator="")
        for piece in pieces:
            self.emit(piece, LineKind.PARAGRAPH, 0, struck, None)

    def table(self, node: LexborNode) -> None:
        """One ROW line per table row, cells kept apart."""
        for row in node.css("tr"):
            nodes = row.css("td, th")
            cells = tuple(clean(c.text(deep=True, separator=" ")) for c in nodes)
            if not any(cells):
                continue  # an empty row (a Markdown-style blank header) is no header
            self.ordinal += 1
            text = " | ".join(c for c in cells if c)
            struck = tuple(
                bool(cell) and self.inline_pieces(c, False)[1]
                for c, cell in zip(nodes, cells, strict=True)
            )
            self.b.add_line(text, LineKind.ROW, 0, self.ordinal, cells=cells, struck_cells=struck)


def parse_html_into(builder: DocBuilder, html: str, base_level: int = 0) -> None:
    """Parse HTML and append its lines and sections to ``builder``."""
    _walk_tree(builder, LexborHTMLParser(_flatten_if_deep(html)), base_level, html)


# Container tags that nest. An HTML5 parser spends time on every open element at each new tag,
# so thousands of unclosed lists (broken or hostile HTML) make the parse quadratic.
# (<li> and <dd> are left out: a sibling closes them, so they do not pile up.)
_CONTAINER_TAG = re.compile(r"<(/?)(?:ul|ol|menu|div|blockquote|section|dl|table)\b", re.I)


def _flatten_if_deep(html: str) -> str:
    """The HTML unchanged, unless its containers nest more than MAX_NESTING deep: then with
    every container tag made a line break, which keeps the text and its lines but not the
    nesting (a best effort on pages no person wrote)."""
    if html.count("<") < MAX_NESTING:
        return html
    depth = deepest = 0
    for tag in _CONTAINER_TAG.finditer(html):
        depth = max(depth - 1, 0) if tag.group(1) else depth + 1
        deepest = max(deepest, depth)
        if deepest > 4 * MAX_NESTING:
            return _CONTAINER_TAG.sub("<br", html)
    return html


def _walk_tree(builder: DocBuilder, tree: LexborHTMLParser, base_level: int, html: str) -> None:
    """Drop non-content elements from a parsed tree and walk what is left."""
    for junk in tree.css("script, style, noscript, template, nav, head"):
        junk.decompose()
    root = tree.body or tree.root
    if root is None:
        return
    _HtmlWalker(builder, base_level, html).walk(root, 0, False)


def html_title(html: str) -> str:
    """The document's <title> or first <h1>, if any."""
    return _tree_title(LexborHTMLParser(html))


def _tree_title(tree: LexborHTMLParser) -> str:
    """The <title> or first <h1> of a parsed tree (read before _walk_tree drops the head)."""
    for selector in ("title", "h1"):
        node = tree.css_first(selector)
        if node is not None:
            text = clean(node.text(deep=True, separator=" "))
            if text:
                return text
    return ""


def parse_html(html: str) -> Document:
    """Parse a whole HTML document (scribe export or a single note) into a Document."""
    builder = DocBuilder()
    # one parse serves both: the title first, since the walk removes the <head> holding it
    tree = LexborHTMLParser(_flatten_if_deep(html))
    title = _tree_title(tree)
    _walk_tree(builder, tree, 0, html)
    builder.doc.title = title
    return builder.doc
