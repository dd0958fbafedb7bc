"""The markup of text minutes: headings, bullets, tables, inline formatting, titles with owners."""

from __future__ import annotations

import re

MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
TWIKI_HEADING = re.compile(r"^---(\++)(?:!!)?\s*(.*)$")
RULE = re.compile(r"^\s*(?:\*\s*\*\s*\*[\s*]*|-{3,}|_{3,}|={3,})\s*$")
SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
# a reST section adornment: one punctuation character repeated, at least as long as the title
RST_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:.<>_])\1{2,}$")
BULLET = re.compile(r"^([-*+•–·▪◦‣●○]|\d{1,3}[.)]|[a-z][.)])\s+(.*)$")
BULLET_FIRST = frozenset("-*+•–·▪◦‣●○")
CHECKBOX = re.compile(r"^\[([ xX✓])\]\s*(.*)$")  # GFM: "[]" is no checkbox
TABLE_SEP = re.compile(r"^\|?[\s:|-]+\|[\s:|-]*$")
TIME_SLOT = re.compile(
    r"^(?:[•*-]\s*)?\d{1,2}:\d{2}\s*(?:[AP]M)?\s*(?:[-–]\s*)?\d{1,2}:\d{2}\s*(?:[AP]M)?\s*$", re.I
)
DURATION = re.compile(r"\s+\d+\s*(?:h|m|min|mins|')(?:\s*\d+\s*m)?\s*$")
NUMBERED_TITLE = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(\S.{1,90})$")
NUMBERED_LONE = re.compile(r"^\d{1,2}[.)]\s+(\S.{1,80})$")
OWNER_PAREN = re.compile(r"^(.*?\S)\s*\(([^()]{1,60})\)\s*:?\s*$")
BOLD_LINE = re.compile(r"^(?:\*\*|__)([^*_]{1,100}?)(?:\*\*|__)\s*:?\s*(?:\*\*)?:?\s*$")
BR = re.compile(r"<br\s*/?>", re.I)
INLINE_TAGS = re.compile(r"</?(?:u|b|i|em|strong|span|font|sup|sub|small|big|center)\b[^>]*>", re.I)
TWIKI_MACRO = re.compile(r"%[A-Z][A-Z0-9_]*(?:\{[^}]*\})?%")
TWIKI_LINK = re.compile(r"\[\[([^\]]*)\](?:\[([^\]]*)\])?\]")
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
STRIKE = re.compile(r"~~(.+?)~~")
HTML_COMMENT = re.compile(r"<!--.*?-->")
JOIN_END = re.compile(r"(?:[,;(&/+–-]|\b(?:and|or|the|to|of|with|a|an|for|in|on|by|at|that))$")
CAPS_WORD = re.compile(r"^[A-Z0-9(\[]")
SPECIAL = re.compile(r"[<%\[*_&]")
MINOR_WORDS = frozenset("a an and or of the to in on for with at by from vs via".split())


NOT_OWNER = re.compile(r"\d{2}|https?:")
DASH_OWNER = re.compile(r"^(.*?\S)\s+[-–]\s+([A-Z][\w.]*(?:\s*[,/&]\s*[A-Z][\w.]*){0,5})$")
TURN = re.compile(r"^[A-Z][\w.\- ]{0,30}:\s")


def inline(text: str) -> str:
    """Strip formatting that carries no meaning for extraction (emphasis, TWiki macros, tags)."""
    if not SPECIAL.search(text):
        return text
    # each pattern needs a marker it cannot match without; testing the current text for it is
    # much cheaper than a substitution that finds nothing
    if "<!--" in text:
        text = HTML_COMMENT.sub("", text)
    if "%" in text:
        text = TWIKI_MACRO.sub("", text)
    if "[[" in text:
        text = TWIKI_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    if "<" in text:
        text = INLINE_TAGS.sub("", text)
    if "**" in text or "__" in text:
        text = EMPHASIS.sub(r"\2", text)
    if "&" in text:
        text = text.replace("&nbsp;", " ").replace("&amp;", "&")
    return text


def is_text_heading(text: str, before_blank: bool, after_blank: bool, opens_block: bool) -> bool:
    """Guess whether a lone plain-text line is a title (used for Indico page text only).

    ``opens_block``: a list or a table follows the line, as one follows a heading.
    """
    if not (before_blank and after_blank) or len(text) > 80 or text[-1:] in ".;,!?":
        return False
    if opens_block and len(text.split()) <= 8 and ": " not in text:
        return True
    if text.endswith(":"):
        return len(text) <= 40
    if OWNER_PAREN.match(text):
        return True
    words = [w for w in text.split() if w.lower() not in MINOR_WORDS]
    caps = sum(1 for w in words if CAPS_WORD.match(w))
    return bool(words) and caps / len(words) >= 0.75 and len(words) <= 8


def title_owner(title: str) -> tuple[str, str | None]:
    """Split "3.1 Tape and caching (Ines)" into the title and the owner as written."""
    match = OWNER_PAREN.match(title)
    if match:
        inner = match.group(2).strip()
        if inner[:1].isupper() and not NOT_OWNER.search(inner):
            return match.group(1).strip(), inner
    dash = DASH_OWNER.match(title) if " - " in title or " – " in title else None
    if dash:
        return dash.group(1), dash.group(2)
    return title, None


def tab_rows(text: str) -> dict[int, list[str]]:
    """Lines that are rows of a tab-separated table: two or more cells, in a run of two or more
    such lines (one stray tab in a paragraph is no table)."""
    found: dict[int, list[str]] = {}
    for i, line in enumerate(text.split("\n")):
        body = line.strip()
        if "\t" in body:
            cells = body.split("\t")
            if sum(1 for c in cells if c.strip()) >= 2:
                found[i] = cells
    return {i: c for i, c in found.items() if i - 1 in found or i + 1 in found}
