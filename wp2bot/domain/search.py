"""Search across the series: the query people type, and what a hit is (pure: no I/O).

``search perfSONAR GSI site GSI owner @ana since 2026-01-01`` — free words, then optional
filters in any order.  The words become a full-text query that every store dialect can run
(each word a quoted term, all of them required, the last one also as a prefix so that
``perfsonar`` finds ``perfSONAR``'s stem forms as you type).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime

from wp2bot.domain.mentions import escape_mentions

MAX_LIMIT = 50


class SearchError(ValueError):
    """A query that cannot be run (no words, a filter without its value, a bad date)."""


class HitKind(enum.StrEnum):
    """Where a hit comes from."""

    ACTION = "action"
    NOTE = "note"
    HISTORY = "history"
    ANSWER = "answer"  # a round-table answer
    MINUTES = "minutes"  # a line of ingested minutes


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to look for and where."""

    words: tuple[str, ...]
    site: str | None = None
    owner: str | None = None  # a username without "@", lower-cased, or a name
    since: date | None = None
    kinds: frozenset[HitKind] = frozenset(HitKind)
    limit: int = 10

    def terms(self) -> tuple[str, ...]:
        """The words as index terms: letters and digits only, lower-cased, de-duplicated."""
        out: list[str] = []
        for word in self.words:
            for term in _TERM.findall(word.lower()):
                if term not in out:
                    out.append(term)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One searchable piece of text, as the index stores it."""

    kind: HitKind
    key: str  # unique per kind: the action id, "meeting:line", ...
    text: str
    at: datetime | None = None
    action_id: int | None = None
    meeting_id: int | None = None
    line: int | None = None
    entities: str = ""  # sites, experiments, groups and section titles it concerns, lower-case
    owners: str = ""  # usernames and names of the people it concerns, lower-case
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked result."""

    doc: SearchDoc
    snippet: str
    rank: float
    meeting_title: str = ""


_TERM = re.compile(r"[^\W_]+", re.UNICODE)
_FILTERS = {"site": "site", "at": "site", "owner": "owner", "by": "owner", "since": "since"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_query(text: str, *, limit: int = 10) -> SearchQuery:
    """``WORDS [site X] [owner @u] [since YYYY-MM-DD]`` → a query; raises SearchError."""
    tokens = text.split()
    words: list[str] = []
    found: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        key = _FILTERS.get(token.lower())
        if key is not None and i + 1 < len(tokens) and words:
            if key in found:
                raise SearchError(f"`{token}` is given twice.")
            found[key] = tokens[i + 1]
            i += 2
            continue
        if key is not None and i + 1 >= len(tokens) and words:
            raise SearchError(f"`{token}` needs a value, e.g. `{token} {_EXAMPLE[key]}`.")
        words.append(token)
        i += 1
    since = _date(found["since"]) if "since" in found else None
    owner = found.get("owner")
    query = SearchQuery(
        words=tuple(words),
        site=found.get("site"),
        owner=owner.lstrip("@").lower() if owner else None,
        since=since,
        limit=max(1, min(limit, MAX_LIMIT)),
    )
    if not query.terms():
        raise SearchError("Say what to look for, e.g. `search perfSONAR site GSI`.")
    return query


_EXAMPLE = {"site": "CERN", "owner": "@ana", "since": "2026-01-31"}


def _date(value: str) -> date:
    if not _ISO.match(value):
        raise SearchError(f"`since` takes a date as YYYY-MM-DD, not `{value}`.")
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise SearchError(f"`{value}` is not a calendar date.") from err


def fts5_match(query: SearchQuery, *, columns: bool = False) -> str:
    """The query as an SQLite FTS5 MATCH expression: every term required, the last a prefix;
    with ``columns`` the site and owner filters too, as matches in their columns."""
    terms = query.terms()
    quoted = [f'"{t}"' for t in terms[:-1]]
    quoted.append(f'"{terms[-1]}"*')
    if columns:
        for column, value in (("entities", query.site), ("owners", query.owner)):
            for term in _TERM.findall((value or "").lower()):
                quoted.append(f'{column} : "{term}"')
    return " AND ".join(quoted)


def tsquery(query: SearchQuery) -> str:
    """The query as a PostgreSQL ``to_tsquery('simple', ...)`` text, same meaning as FTS5's."""
    terms = query.terms()
    parts = [*terms[:-1], f"{terms[-1]}:*"]
    return " & ".join(parts)


def minutes_docs(
    meeting_id: int,
    lines: list[tuple[int, str, str]],
    *,
    at: datetime | None,
    url: str | None,
) -> list[SearchDoc]:
    """Searchable docs for a meeting's minutes: one per non-blank line, with its section.

    ``lines`` are (line number, text, section title).  The section title goes into the
    entities so that ``site GSI`` finds the lines under a "GSI" heading.
    """
    docs = []
    seen: dict[int, int] = {}
    for number, text, section in lines:
        body = text.strip()
        if not body:
            continue
        # an Indico event's minutes join several notes, each numbered from 1: a repeated
        # number gets its own key ("7:1", "7:1.2"), the unique key of the index holds
        seen[number] = seen.get(number, 0) + 1
        key = f"{meeting_id}:{number}" + (f".{seen[number]}" if seen[number] > 1 else "")
        docs.append(
            SearchDoc(
                kind=HitKind.MINUTES,
                key=key,
                text=body,
                at=at,
                meeting_id=meeting_id,
                line=number,
                entities=section.lower(),
                url=url,
            )
        )
    return docs


_SNIP = 160


def snippet(text: str, terms: tuple[str, ...], width: int = _SNIP) -> str:
    """The part of ``text`` around the first term found, at most ``width`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    low = flat.lower()
    starts = [i for i in (low.find(t) for t in terms) if i >= 0]
    start = max(0, min(starts) - width // 3) if starts else 0
    end = min(len(flat), start + width)
    start = max(0, end - width)
    out = flat[start:end]
    return ("…" if start else "") + out + ("…" if end < len(flat) else "")


_MARKUP = re.compile(r"([\\`*_\[\]<>!#|~])")


def inert(text: str) -> str:
    """Quoted text that Markdown shows as written: no mention, link, image or emphasis."""
    return escape_mentions(_MARKUP.sub(r"\\\1", text))


def hit_label(hit: Hit) -> str:
    """What the hit is, in a few words: ``#12``, ``note on #12``, ``minutes line 40``."""
    doc = hit.doc
    ref = f"#{doc.action_id}" if doc.action_id is not None else ""
    labels = {
        HitKind.ACTION: f"action {ref}",
        HitKind.NOTE: f"note on {ref}",
        HitKind.HISTORY: f"history of {ref}",
        HitKind.ANSWER: "round-table answer",
        HitKind.MINUTES: f"minutes line {doc.line}" if doc.line else "minutes",
    }
    return labels[doc.kind].strip()


def describe_query(query: SearchQuery) -> str:
    """The query read back: ``perfSONAR (site GSI, since 2026-01-01)``."""
    filters = [
        f"{name} {value}"
        for name, value in (
            ("site", query.site),
            ("owner", f"@{query.owner}" if query.owner else None),
            ("since", query.since.isoformat() if query.since else None),
        )
        if value
    ]
    words = " ".join(query.words)
    return words + (f" ({', '.join(filters)})" if filters else "")


def render_hits(query: SearchQuery, hits: list[Hit]) -> str:
    """The hits as a Markdown list for chat; everything quoted from minutes is inert."""
    head = f"**Search:** {inert(describe_query(query))}"
    if not hits:
        return head + " — nothing found. Fewer words, or without filters, may find more."
    lines = [head + f" — {len(hits)} {'hit' if len(hits) == 1 else 'hits'}", ""]
    for n, hit in enumerate(hits, 1):
        where = hit.meeting_title or ""
        when = hit.doc.at.date().isoformat() if hit.doc.at else ""
        place = " ".join(x for x in (inert(where), when) if x)
        link = f" · [minutes]({hit.doc.url})" if _safe_url(hit.doc.url) else ""
        lines.append(
            f"{n}. **{hit_label(hit)}**"
            + (f" · _{place}_" if place else "")
            + f" — {inert(hit.snippet)}{link}"
        )
    return "\n".join(lines)


def _safe_url(url: str | None) -> bool:
    return (
        bool(url)
        and str(url).startswith(("https://", "http://"))
        and not any(c in str(url) for c in " ()<>")
    )
