"""The three renderings of the meeting summary: Markdown (fitted to one post), text, HTML."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

from wp2bot.domain.mentions import escape_mentions
from wp2bot.domain.models import Status
from wp2bot.domain.render import link, one_line, owners_text
from wp2bot.domain.summary import FORMATS, Summary
from wp2bot.domain.tracking import ActionRecord, Review


def _due(r: ActionRecord, today: date) -> str:
    if r.due is None:
        return f"due “{one_line(r.due_phrase)}”" if r.due_phrase else "no due date"
    days = (today - r.due).days
    return f"due {r.due.isoformat()}" + (f", {days} d late" if days > 0 and r.is_open else "")


_HEADINGS = (
    ("overdue", "Overdue"),
    ("due_soon", "Due before this meeting"),
    ("new", "New since the last meeting"),
    ("still_open", "Still open"),
    ("closed", "Closed since the last meeting"),
)


def _sections(s: Summary) -> list[tuple[str, Sequence[ActionRecord], int]]:
    """The summary's sections that have items: (heading, the items read, how many it has),
    in the order they are shown."""
    sections = [(name, getattr(s, f), s.total(f)) for f, name in _HEADINGS]
    return [(name, items, total) for name, items, total in sections if total]


def _title(s: Summary) -> str:
    if s.meeting is None:
        return f"Action summary of {s.today.isoformat()}"
    return f"Action summary for {one_line(s.meeting.title)} — {s.meeting.when()}"


def _item(r: ActionRecord, today: date) -> tuple[str, str]:
    """(action text, details) with mentions defused."""
    flags = [r.status.value] if r.status is Status.TENTATIVE else []
    if r.review is Review.PROPOSED:
        flags.append("unconfirmed")
    owners = owners_text(r.owners) if r.owners else "no owner"
    details = f"{owners}; {_due(r, today)}" + (f" ({', '.join(flags)})" if flags else "")
    return escape_mentions(one_line(r.text)), escape_mentions(details)


def _entry(r: ActionRecord, s: Summary) -> tuple[str, str]:
    """(action text, details) with the item's linked checks' compact status, when it has any."""
    text, details = _item(r, s.today)
    badge = s.live.get(r.id)
    return text, f"{details}; {escape_mentions(one_line(badge))}" if badge else details


MAX_POST = 16_383  # characters in one Mattermost post (the server's PostMessageMaxRunesV2)
_MORE = {
    "Overdue": "actions overdue",
    "Due before this meeting": "actions due-soon",
    "New since the last meeting": "actions",
    "Still open": "actions",
    "Closed since the last meeting": "actions all",
}
_RESERVE = 120  # room per section for its heading and its "and N more" line
# the most item lines one post can hold (each is at least this long): a summary need not read
# more items than this, over all its sections
MAX_ITEMS = MAX_POST // len("- [ ] #1  — no owner; no due date\n")


def _rest(name: str, more: int) -> str:
    """The closing line of a section cut short: how many more, and the command for them."""
    return f"… and {more} more: `{_MORE[name]}`"


def render_markdown(s: Summary, limit: int = MAX_POST) -> str:
    """Markdown: a checklist per section (pastes into the Indico minutes as the action list).
    It fits ``limit`` characters: past that, each section ends with how many more items there
    are and the chat command that lists them."""
    out = [f"### {escape_mentions(_title(s))}", ""]
    out.extend(_links(s, link))
    extras = _extras(s, bullet="- ")
    sections = _sections(s)
    used = sum(len(x) + 1 for x in (*out, *extras)) + _RESERVE * len(sections)
    for name, items, total in sections:
        out.append(f"**{name}** ({total})")
        box = "[x]" if name.startswith("Closed") else "[ ]"
        shown = 0
        for r in items:
            text, details = _entry(r, s)
            src = " " + link("minutes", r.source_url) if r.source_url else ""
            line = f"- {box} #{r.id} {text} — {details}{src}"
            if used + len(line) + 1 > limit:
                break
            out.append(line)
            used += len(line) + 1
            shown += 1
        if shown < total:
            out.append(f"- {_rest(name, total - shown)}")
        out.append("")
    out.extend(extras)
    return "\n".join(out).rstrip() + "\n"


def render_text(s: Summary) -> str:
    """Plain text for terminals and e-mail."""
    out = [_title(s), "=" * min(78, len(_title(s))), ""]
    out.extend(_links(s, lambda label, url: f"{label}: {url}"))
    for name, items, total in _sections(s):
        out.append(f"{name} ({total}):")
        for r in items:
            text, details = _entry(r, s)
            out.append(f"  #{r.id} {text}\n      {details}")
        if total > len(items):
            out.append(f"  {_rest(name, total - len(items))}")
        out.append("")
    out.extend(_extras(s, bullet="  * "))
    return "\n".join(out).rstrip() + "\n"


def render_html(s: Summary) -> str:
    """An HTML fragment for Indico's rich-text minutes editor."""
    e = html.escape
    out = [f"<h3>{e(_title(s))}</h3>"]
    links = _links(s, lambda label, url: f'<a href="{e(url, quote=True)}">{e(label)}</a>')
    if links:
        out.append("<p>" + "<br>".join(x for x in links if x) + "</p>")
    for name, items, total in _sections(s):
        out.append(f"<p><strong>{e(name)}</strong> ({total})</p><ul>")
        for r in items:
            text, details = _entry(r, s)
            src = f' <a href="{e(r.source_url, quote=True)}">minutes</a>' if r.source_url else ""
            out.append(f"<li>#{r.id} {e(text)} — {e(details)}{src}</li>")
        if total > len(items):
            out.append(f"<li>{e(_rest(name, total - len(items)))}</li>")
        out.append("</ul>")
    extras = _extras(s, bullet="")
    if extras:
        out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in extras if x) + "</ul>")
    return "\n".join(out) + "\n"


def render(s: Summary, fmt: str) -> str:
    """The summary in ``fmt`` (markdown, html or text)."""
    if fmt == "html":
        return render_html(s)
    if fmt == "text":
        return render_text(s)
    if fmt == "markdown":
        return render_markdown(s)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _links(s: Summary, fmt_link: Callable[[str, str], str]) -> list[str]:
    out = []
    if s.previous is not None:
        label = f"Minutes of {s.previous.day.isoformat()}"
        out.append(fmt_link(label, s.previous.url) if s.previous.url else label)
    if s.meeting is not None and s.meeting.url:
        out.append(fmt_link("Agenda", s.meeting.url))
    return [*out, ""] if out else []


def _extras(s: Summary, bullet: str) -> list[str]:
    out: list[str] = []
    if s.stuck:
        out.append("Stuck (reminders unanswered):")
        out.extend(
            f"{bullet}#{r.id} {escape_mentions(one_line(r.text))} — "
            f"{escape_mentions(owners_text(r.owners))}, {n} reminders unanswered"
            for r, n in s.stuck
        )
    if s.roundtable is not None:
        rt = s.roundtable
        out.append(f"Round-table: {len(rt.answers)} answered, {len(rt.missing)} missing.")
        out.extend(
            f"{bullet}{escape_mentions(e)} ({escape_mentions(who)}): {escape_mentions(what)}"
            for e, who, what in rt.answers
        )
        if rt.missing:
            out.append(f"{bullet}Missing: " + ", ".join(escape_mentions(m) for m in rt.missing))
    if s.red_endpoints:
        out.append("Endpoints failing:")
        out.extend(f"{bullet}{escape_mentions(one_line(x))}" for x in s.red_endpoints)
    if s.proposals:
        out.append(f"{s.proposals} proposal(s) await confirmation (`review`).")
    return out
