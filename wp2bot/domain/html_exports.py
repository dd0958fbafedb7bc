"""The forms editors export HTML minutes in: Google Docs' flat lists with a level class,
Word's list paragraphs, task lists marked by attributes, titles written as emphasised
paragraphs."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

# Google Docs exports every list flat and writes its nesting level into a class: "lst-kix_x-1"
_LIST_LEVEL = re.compile(r"\blst-[\w]+-(\d)\b")


def list_level(node: LexborNode) -> int:
    """The nesting level a flat list's class gives (0 for an ordinary list)."""
    classes = node.attributes.get("class") or ""
    level = _LIST_LEVEL.search(classes) if "lst-" in classes else None
    return int(level.group(1)) if level else 0


# Word saves a list as paragraphs styled "mso-list:l0 level2 lfo1", each opened by the bullet
# glyph or number it drew ("·", "o", "§", "1.", "a)")
DRAWN_BULLETS = frozenset("•◦▪‣·")
_WORD_LEVEL = re.compile(r"mso-list:\s*l\d+\s+level(\d)")
WORD_GLYPH = re.compile(r"^\s*(?:[·o§Ø▪•➢✓-]|\(?(?:\d{1,3}|[ivxlc]{1,5}|[a-z])[.)])\s+")


def word_list_level(node: LexborNode) -> int | None:
    """The nesting depth of a paragraph Word styles as a list item, else None."""
    style = node.attributes.get("style") or ""
    level = _WORD_LEVEL.search(style) if "mso-list" in style else None
    return int(level.group(1)) - 1 if level else None


_TASK_DONE = frozenset(("true", "checked", "complete", "completed", "done"))


def task_item_state(attributes: dict[str, str | None]) -> bool | None:
    """Whether a list item that an editor marks as a task is ticked; None for other items.

    Editors write a task list without a checkbox element: Confluence marks its items with
    ``data-inline-task-id`` and a ``checked`` class, others with ``data-checked``,
    ``aria-checked`` or a task status attribute, and a ``task-list-item`` class.
    """
    classes = (attributes.get("class") or "").lower().split()
    named = [key for key in attributes if "task" in key or key in ("data-checked", "aria-checked")]
    if not named and not any("task" in c for c in classes):
        return None
    states = [(attributes.get(key) or "").lower() for key in named if "id" not in key]
    return any(c in _TASK_DONE for c in classes) or any(v in _TASK_DONE for v in states)


# a title a word processor writes as a paragraph in bold or underlined ("<p><u>1. Site
# reports</u></p>"): all its words are emphasised, and it is short and no sentence
_EMPHASIS = frozenset(("b", "strong", "u"))
_INLINE = frozenset(("span", "font", "a", "i", "em"))
# a span styled bold or underlined ("<span style="font-weight:bold">"), as editors write them
_EMPHASIS_STYLE = re.compile(
    r"font-weight\s*:\s*(?:bold|[6-9]00)|text-decoration[\w-]*\s*:\s*underline"
)


def emphasised_title(node: LexborNode) -> bool:
    """Whether a paragraph is a title written in bold or underlined: every word emphasised,
    at most 80 characters, not ending as a sentence or a list of points does."""
    text = " ".join(node.text(deep=True, separator=" ").split())
    if not text or len(text) > 80 or text[-1] in ".;,!?" or text.endswith(":"):
        return False
    return _all_emphasised(node, top=True)


# the speakers written after a bold title, outside the bold: "<b>2. FTS news</b> (Tom, Raj)"
_SPEAKERS_AFTER = re.compile(r"\s*\([^()]{2,60}\)\s*")


def _all_emphasised(node: LexborNode, top: bool = False) -> bool:
    emphasised = False
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            words = child.text_content or ""
            if top and emphasised and child.next is None and _SPEAKERS_AFTER.fullmatch(words):
                continue
            if words.strip():
                return False  # a word outside the emphasis
        elif tag in _INLINE:
            if tag == "span" and _EMPHASIS_STYLE.search(child.attributes.get("style") or ""):
                continue  # every word in it is emphasised
            if not _all_emphasised(child):
                return False
        elif tag not in _EMPHASIS and tag != "br":
            return False
        emphasised = emphasised or tag in _EMPHASIS
    return True
