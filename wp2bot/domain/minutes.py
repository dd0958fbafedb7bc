"""Minutes in any supported form (Indico HTML, Markdown, plain text) parsed into a Document."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from charset_normalizer import from_bytes

from wp2bot.domain.minutes_build import DocBuilder
from wp2bot.domain.minutes_html import html_title, parse_html, parse_html_into
from wp2bot.domain.minutes_markdown import parse_markdown
from wp2bot.domain.minutes_text import parse_text
from wp2bot.domain.models import Document, LineKind, Participant
from wp2bot.domain.text_markup import clean

MinutesFormat = Literal["html", "markdown", "text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# encodings a detector may report for Western text that Windows-1252 decodes better
_WESTERN = frozenset(
    "cp1252 windows-1252 latin_1 iso8859_1 iso8859_15 mac_roman cp850 ascii".split()
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_C1 = re.compile(r"[\x80-\x9f]")
_HIGH = re.compile(r"[^\x00-\x7f]+")
# letters and punctuation that Western-European minutes written in Windows-1252 use
_WESTERN_CHARS = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸŒŠŽ"
    "‘’‚“”„–—…•€£°±´µ·«»¿¡§©®™×÷½¼¾ªº¢ \u00a0"
)
_HTML_SNIFF = re.compile(
    r"<!doctype html|<html[\s>]|<(?:p|div|ul|ol|li|h[1-6]|table|body|br)\b[^>]*>", re.I
)
_MD_SNIFF = re.compile(
    r"^(?:#{1,6}\s|\s*[-*]\s+\[[ xX]\]|\s*\|.*\|\s*$|.*\]\(https?://|.*\*\*[^*]+\*\*)", re.M
)
# the files of the wiki and outline markups the text reader knows, by name and by a heading
# or directive of their own ("---++ Title", "== Title ==", "#+TITLE:", ".. list-table::")
_WIKI_TEXTS = (
    ".txt",
    ".text",
    ".twiki",
    ".tw",
    ".wiki",
    ".mediawiki",
    ".rst",
    ".rest",
    ".adoc",
    ".asciidoc",
    ".org",
    ".textile",
)
_WIKI_SNIFF = re.compile(
    r"^(?:---\+{1,6}\s|%META:TOPIC|={1,6}\s.*\s={1,6}\s*$|#\+TITLE:|\.\.\s+[a-z-]+::)", re.M
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH_RE = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ISO = re.compile(r"\b(20\d\d|19\d\d)[-/.](\d{1,2})[-/.](\d{1,2})\b")
_DMY_NAME = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(\d{4})\b", re.I)
_MDY_NAME = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
_DMY_NUM = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
# every date pattern above holds a four-digit year: text without four digits in a row has none
_FOUR_DIGITS = re.compile(r"\d{4}")


def decode_minutes(raw: bytes) -> str:
    """Decode minutes bytes: BOM, UTF-8, then Windows-1252 or a detected charset; never raises."""
    text: str | None = None
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(encoding, errors="replace")
            break
    if text is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(raw)
    return _CONTROL.sub(" ", text)


def _decode_legacy(raw: bytes) -> str:
    """Bytes that are not UTF-8: Windows-1252 when it reads as Western text, else detected."""
    western = raw.decode("cp1252", errors="replace")
    if _plausible_western(western):
        return western
    sample = raw[:200_000]  # detection on a prefix keeps 10 MB inputs fast
    best = from_bytes(sample).best()
    encoding = (best.encoding if best is not None else "cp1252").lower()
    if encoding in _WESTERN or best is None:
        return western
    try:
        return raw.decode(encoding, errors="replace")
    except LookupError:
        return western


def _plausible_western(text: str) -> bool:
    """Whether cp1252-decoded text looks like a Western-European language.

    Western text has few accented letters, each next to plain ASCII letters; text in another
    single-byte or multi-byte code page read as cp1252 gives undefined bytes, C1 controls or
    long runs of accented letters and symbols ("Ïðèâåò").
    """
    if "\ufffd" in text or _C1.search(text):
        return False
    high = _HIGH.findall(text)
    if not high:
        return True
    letters = sum(map(str.isalpha, text))  # counted in C: a generator costs a call per character
    if sum(ch.isalpha() for run in high for ch in run) > 0.3 * max(letters, 1):
        return False
    return all(len(run) <= 3 and all(ch in _WESTERN_CHARS for ch in run) for run in high)


def guess_format(filename: str, text: str) -> MinutesFormat:
    """The form of the minutes, from the file name and a look at the content."""
    name = filename.lower()
    head = text[:20_000]
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    if len(_HTML_SNIFF.findall(head)) >= 3 or head.lstrip().lower().startswith(
        ("<!doctype", "<html")
    ):
        return "html"
    if name.endswith(_WIKI_TEXTS) or _WIKI_SNIFF.search(head):
        # TWiki, MediaWiki, reST, AsciiDoc, Org: their tables and bullets look like Markdown's,
        # their headings do not; the text reader knows their markup
        return "text"
    return "markdown" if len(_MD_SNIFF.findall(head)) >= 2 else "text"


def parse_minutes(text: str, fmt: MinutesFormat) -> Document:
    """Parse minutes into sections and lines; best effort on malformed input."""
    if fmt == "html":
        doc = parse_html(text)
    else:
        doc = parse_markdown(text) if fmt == "markdown" else parse_text(text)
        if not doc.title:
            doc.title = _first_heading(doc)
    doc.meeting_date = stated_meeting_date(doc)
    return doc


@dataclass(frozen=True)
class NotePart:
    """One Indico note (event, session, contribution or subcontribution) as exported."""

    title: str
    html: str
    speakers: tuple[Participant, ...] = ()
    url: str | None = None
    level: int = 1


def compose_document(title: str, parts: Sequence[NotePart]) -> Document:
    """Join an event's notes into one Document: one section per note, owned by its speaker."""
    builder = DocBuilder()
    builder.doc.title = clean(title)
    for part in parts:
        owner = part.speakers[0].name if len(part.speakers) == 1 else None
        builder.open_section(
            part.title or title, part.level, owner_raw=owner, speakers=part.speakers, url=part.url
        )
        if part.speakers:
            known = {p.name for p in builder.doc.speakers}
            builder.doc.speakers.extend(p for p in part.speakers if p.name not in known)
        parse_html_into(builder, part.html, base_level=part.level)
    if not builder.doc.title and parts:
        builder.doc.title = html_title(parts[0].html)
    builder.doc.meeting_date = stated_meeting_date(builder.doc)
    return builder.doc


def _first_heading(doc: Document) -> str:
    """Title of the first heading, else the first line."""
    for line in doc.lines[:20]:
        if line.kind is LineKind.HEADING:
            return line.text
    return doc.lines[0].text[:120] if doc.lines else ""


def find_date(text: str) -> date | None:
    """The first explicit calendar date (with a year) written in ``text``."""
    if not _FOUR_DIGITS.search(text):
        return None  # one quick scan instead of four patterns (most titles and lines name no date)
    found: list[tuple[int, date]] = []
    for match in _ISO.finditer(text):
        found.extend(_safe(match.start(), int(match[1]), int(match[2]), int(match[3])))
    for match in _DMY_NAME.finditer(text):
        month = _MONTHS[match[2].lower().rstrip(".")]
        found.extend(_safe(match.start(), int(match[3]), month, int(match[1])))
    for match in _MDY_NAME.finditer(text):
        month = _MONTHS[match[1].lower().rstrip(".")]
        found.extend(_safe(match.start(), int(match[3]), month, int(match[2])))
    for match in _DMY_NUM.finditer(text):
        first, second = int(match[1]), int(match[2])
        # day first unless that is impossible (the minutes we see are mostly European)
        day, month = (second, first) if second > 12 >= first else (first, second)
        found.extend(_safe(match.start(), int(match[3]), month, day))
    return min(found)[1] if found else None


def _safe(position: int, year: int, month: int, day: int) -> list[tuple[int, date]]:
    """A date when the numbers form one."""
    try:
        return [(position, date(year, month, day))]
    except ValueError:
        return []


def stated_meeting_date(doc: Document) -> date | None:
    """The meeting date the document states: in its metadata (Markdown front matter), else
    near its top (title, heading or "Date:" line)."""
    if (written := doc.metadata.get("date")) and (found := find_date(written)):
        return found
    if doc.title and (found := find_date(doc.title)):
        return found
    for line in doc.lines[:25]:
        if (
            line.kind is LineKind.HEADING
            or line.number <= 12
            or line.text.lower().startswith("date")
        ):
            found = find_date(line.text[:200])
            if found:
                return found
    return None
