"""A port of the server's standard mention parser, run by the fake on every post it stores.

Follows ``server/channels/app/mention_parser_standard.go`` (``StandardMentionParser.ProcessText``,
``checkForMention``, ``checkForGroupMention``) and the fields it is fed from
``server/channels/app/notification.go`` (``getMentionsEnabledFields``: the message, and each
attachment's pretext, text and string field values). The server walks the Markdown and skips code;
this port reads the whole text (entities decoded), which is stricter, never more lenient.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]

_SYSTEM = frozenset({"@here", "@channel", "@all"})
_WORD_PUNCT = frozenset(":.-_@")
_SUFFIX = ".-:_"
_SENTENCE = ".-:"


@dataclass
class MentionResults:
    """What the server would notify for one post."""

    channel: bool = False
    here: bool = False
    all: bool = False
    groups: set[str] = field(default_factory=set)
    users: set[str] = field(default_factory=set)
    potential: list[str] = field(default_factory=list)

    @property
    def channel_wide(self) -> bool:
        """Whether everybody in the channel (or a whole group) would be notified."""
        return self.channel or self.here or self.all or bool(self.groups)


def _fields(text: str) -> list[str]:
    # strings.FieldsFunc splitting at anything that is not a letter, a number or ":.-_@".
    words, current = [], []
    for char in text:
        if char in _WORD_PUNCT or char.isalpha() or char.isnumeric():
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _split(word: str, separators: str) -> list[str]:
    parts, current = [], []
    for char in word:
        if char in separators:
            if current:
                parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if current:
        parts.append("".join(current))
    return parts


class MentionParser:
    """``keywords``: lower-case ``@username`` -> user ids; ``groups``: group names."""

    def __init__(self, keywords: Mapping[str, list[str]], groups: Iterable[str] = ()) -> None:
        self.keywords = keywords
        self.groups = {g.lower() for g in groups}
        self.results = MentionResults()

    def process_text(self, text: str) -> None:
        """``ProcessText``: one text field of a post."""
        for raw in _fields(html.unescape(text)):
            if raw[0] == ":" and raw[-1] == ":":
                continue  # an emoji such as :smile:
            word = raw.lstrip(":.-_")
            if self._check(word):
                continue
            stripped, found = word, False
            while stripped and stripped[-1] in _SUFFIX:
                stripped = stripped[:-1]
                if self._check(stripped):
                    found = True
                    break
            if found:
                continue
            if word not in _SYSTEM and word.startswith("@"):
                last = word[-1]
                self.results.potential.append((word[:-1] if last in _SENTENCE else word)[1:])
            elif any(c in word for c in _SENTENCE):
                for piece in _split(word, _SENTENCE):
                    if not self._check(piece) and piece not in _SYSTEM and piece.startswith("@"):
                        self.results.potential.append(piece[1:])

    def _check(self, word: str) -> bool:
        """``checkForMention``: a broadcast, a group or a keyword (user) mention."""
        lower = word.lower()
        if lower == "@here":
            self.results.here = True
        elif lower == "@channel":
            self.results.channel = True
        elif lower == "@all":
            self.results.all = True
        if word.startswith("@") and lower[1:] in self.groups:
            self.results.groups.add(lower[1:])
        ids = self.keywords.get(lower) or self.keywords.get(word)
        if ids:
            self.results.users.update(ids)
            return True
        return False


def mention_fields(post: Json) -> list[str]:
    """``getMentionsEnabledFields``: the message and the attachments' pretext/text/field values."""
    found = [str(post.get("message") or "")]
    props = post.get("props") or {}
    for attachment in props.get("attachments") or []:
        if not isinstance(attachment, dict):
            continue
        found.extend(str(attachment[k]) for k in ("pretext", "text") if attachment.get(k))
        for entry in attachment.get("fields") or []:
            value = entry.get("value") if isinstance(entry, dict) else None
            if isinstance(value, str) and value:
                found.append(value)
    return found


def parse_post(
    post: Json, keywords: Mapping[str, list[str]], groups: Iterable[str] = ()
) -> MentionResults:
    """Every mention the server would find in a post."""
    parser = MentionParser(keywords, groups)
    for text in mention_fields(post):
        parser.process_text(text)
    return parser.results
