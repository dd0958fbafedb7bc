"""Chat-safe text: the one place that defuses mentions and unsafe Markdown before it reaches chat.

Mattermost's notification parser (server ``app/mention_parser_standard.go``,
``StandardMentionParser.ProcessText``) splits a message into words of letters, digits and
``: . - _ @``; it trims leading ``:.-_``, matches ``@channel``, ``@all`` and ``@here`` in any
case, also after stripping a trailing run of ``.-:_`` (so ``@here__`` and ``@channel_`` notify
everyone), and splits words further at ``. - :`` (so ``note.@all`` notifies too). Integration
responses that are not sent with ``skip_slack_parsing`` also pass ``ProcessSlackText``
(``app/slack.go``), which turns ``<!channel>``, ``<!here>``, ``<!all>`` into broadcasts and
``<@userid>`` into a ping.

Defusing inserts a zero-width joiner (U+200D) right after the ``@`` (or the ``<!`` / ``<@``):
the text reads the same, but the joiner is neither letter nor digit, so the parser splits the
word there and sees only a bare ``@``. ``mention`` is the one way to ping somebody on purpose.

Minutes are written by people outside the bot's control, so their Markdown is made inert as
well: an image ``![alt](url)`` would make every reader's client fetch the URL and becomes a
plain link, and a link whose target is not http(s) or mailto (``javascript:``, ``data:``) keeps
only its label.
"""

from __future__ import annotations

import re

ZWJ = "\u200d"
BROADCAST_NAMES = frozenset({"channel", "all", "here"})

# "@channel" (any case) followed by the end of the word, by a run of ".-:_" that the server
# strips, or by ".-:" where the server splits the word; "@allison" and "@channel_team" stay.
_BROADCAST = re.compile(
    r"@(?=(?:channel|all|here)(?:[._:-]*+(?![^\W_])|[.:-]))", re.IGNORECASE | re.UNICODE
)
# Slack forms that ProcessSlackText expands: <!channel>, <!here>, <!all>, <@userid>.
_SLACK_FORM = re.compile(r"<(?=!(?:channel|here|all)\b|@[A-Za-z0-9]+>)", re.IGNORECASE)
# A word-initial "@" before a name: only a letter or digit right before it keeps it inert
# ("user@example.org" stays copyable); "_@bob" and "x.@bob" are mentions for the server.
_ANY_MENTION = re.compile(r"(?<![^\W_])@(?=\w)")
_USERNAME = re.compile(r"^[A-Za-z0-9_.-]+$")
# Markdown decodes character references, so "&#64;here" reaches the parser as "@here".
_AT_ENTITY = re.compile(r"&(?:#0*64|#x0*40|commat);", re.IGNORECASE)

# Inline links and images, with one level of balanced parentheses in the target.
_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<label>(?:[^\[\]\\]|\\.)*)\]"
    r"\(\s*<?(?P<url>(?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_REFERENCE = re.compile(
    r"^(?P<head> {0,3}\[[^\]]+\]:[ \t]*)<?(?P<url>\S+?)>?(?P<tail>[ \t].*)?$", re.MULTILINE
)
_SAFE_SCHEME = re.compile(r"^(?:https?://|mailto:|/(?!/)|#)", re.IGNORECASE)


def neutralise_broadcast(text: str) -> str:
    """Defuse every form of ``@channel``, ``@all``, ``@here`` and the Slack ``<!…>``/``<@…>``."""
    text = _AT_ENTITY.sub("@", text)
    return _SLACK_FORM.sub("<" + ZWJ, _BROADCAST.sub("@" + ZWJ, text))


def escape_mentions(text: str) -> str:
    """Defuse every ``@mention`` (broadcasts included) in text that is only quoted."""
    return _ANY_MENTION.sub("@" + ZWJ, neutralise_broadcast(text))


def safe_url(url: str) -> bool:
    """Whether a link target may stay clickable: http(s), mailto, or a path on the server."""
    return bool(_SAFE_SCHEME.match(url.strip()))


def _inline(match: re.Match[str]) -> str:
    label, url = match["label"], match["url"]
    if not safe_url(url):
        return label or "link"
    if match["bang"]:
        return f"[{label or 'image'}]({url})"
    return match[0]


def _reference(match: re.Match[str]) -> str:
    if safe_url(match["url"]):
        return match[0]
    return match["head"].rstrip() + " (link removed)"


def _autolink(match: re.Match[str]) -> str:
    return match[0] if safe_url(match["url"]) else match["url"].replace(":", ":" + ZWJ, 1)


def inert_markdown(text: str) -> str:
    """Images become links, and links to anything but http(s)/mailto keep only their label."""
    text = _LINK.sub(_inline, text)
    text = _REFERENCE.sub(_reference, text)
    return _AUTOLINK.sub(_autolink, text)


def chat_safe(text: str) -> str:
    """The transport's last line of defence for any outgoing text: no broadcast, inert links."""
    return neutralise_broadcast(inert_markdown(text))


def is_username(name: str) -> bool:
    """Whether ``name`` (without ``@``) is a plain username that may be pinged."""
    return bool(_USERNAME.match(name)) and name.lower() not in BROADCAST_NAMES


def mention(username: str) -> str:
    """An ``@username`` that really pings; refuses names that are not plain usernames."""
    name = username.removeprefix("@")
    if not is_username(name):
        raise ValueError(f"not a username that may be mentioned: {username!r}")
    return "@" + name
