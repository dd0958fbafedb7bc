"""Reading the markup of text minutes: inline formatting, plain-text titles, titles with owners.

The patterns are the ranked table of ``markup_rules``; the names here are its rules.
"""

from __future__ import annotations

from wp2bot.domain.casefold import contains_any
from wp2bot.domain.markup_rules import BULLET_MARKS, RULES
from wp2bot.domain.pattern_rules import pattern

MD_HEADING = pattern(RULES, "md-heading")
TWIKI_HEADING = pattern(RULES, "twiki-heading")
WIKI_HEADING = pattern(RULES, "wiki-heading")
JIRA_HEADING = pattern(RULES, "jira-heading")
ORG_KEYWORD = pattern(RULES, "org-keyword")
ORG_HEADLINE = pattern(RULES, "org-headline")
RULE = pattern(RULES, "rule")
DASHED_TITLE = pattern(RULES, "dashed-title")
RST_ADORNMENT = pattern(RULES, "rst-adornment")
BULLET = pattern(RULES, "bullet")
STATE_SIGN = pattern(RULES, "state-sign")
BULLET_FIRST = frozenset(BULLET_MARKS)
CHECKBOX = pattern(RULES, "checkbox")
BOX_FIRST = frozenset("[☐☑☒")  # the first characters a box may open a line with


def box_checked(box: str) -> bool:
    """Whether a box (``CHECKBOX`` group 1) is ticked: "[x]", "[✓]", "☑", "☒"."""
    return box not in ("[ ]", "☐")


TABLE_SEP = pattern(RULES, "table-sep")
TIME_SLOT = pattern(RULES, "time-slot")
DURATION = pattern(RULES, "duration")
NUMBERED_TITLE = pattern(RULES, "numbered-title")
NUMBERED_LONE = pattern(RULES, "numbered-lone")
OWNER_PAREN = pattern(RULES, "owner-paren")
BOLD_LINE = pattern(RULES, "bold-line")
BR = pattern(RULES, "br")
INLINE_TAGS = pattern(RULES, "inline-tags")
TWIKI_MACRO = pattern(RULES, "twiki-macro")
TWIKI_LINK = pattern(RULES, "twiki-link")
JIRA_MENTION = pattern(RULES, "jira-mention")
EMPHASIS = pattern(RULES, "emphasis")
STRIKE = pattern(RULES, "strike")
HTML_COMMENT = pattern(RULES, "html-comment")
JOIN_END = pattern(RULES, "join-end")
CAPS_WORD = pattern(RULES, "caps-word")
SPECIAL = pattern(RULES, "special")
NOT_OWNER = pattern(RULES, "not-owner")
DASH_OWNER = pattern(RULES, "dash-owner")
TURN = pattern(RULES, "turn")
ITALIC = pattern(RULES, "single-emphasis")
TAGGED = pattern(RULES, "tagged-line")
MINOR_WORDS = frozenset("a an and or of the to in on for with at by from vs via".split())


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
    if "[~" in text:
        text = JIRA_MENTION.sub(r"@\1", text)
    if "<" in text:
        text = INLINE_TAGS.sub("", text)
    if "**" in text or "__" in text:
        text = EMPHASIS.sub(r"\2", text)
    if "*" in text or "_" in text:
        text = ITALIC.sub(r"\2", text)
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
    dash = DASH_OWNER.match(title) if contains_any(title, (" - ", " – ", " — ")) else None
    if dash:
        return dash.group(1), dash.group(2)
    return title, None


def clean(text: str) -> str:
    """Collapse whitespace and trim."""
    # Most text is clean already. Space is the only printable whitespace character, so printable
    # text without double, leading or trailing spaces needs no work.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())
