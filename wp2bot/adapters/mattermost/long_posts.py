"""Posts longer than the server takes, split into parts that it does.

The server refuses a message over ``PostMessageMaxRunesV2`` (16,383) characters with 400
``model.post.is_valid.msg.app_error`` (``server/public/model/post.go`` ``Post.IsValid``); a
server on an old database schema allows only ``PostMessageMaxRunesV1`` (4,000). A long message
is cut at paragraph breaks, else at line breaks, else anywhere, and the parts go into the
thread, each marked with its place, so that nothing is lost (as the server's own importers do,
``splitPostIntoThread``).
"""

from __future__ import annotations

from wp2bot.domain.mentions import neutralise_broadcast

MAX_MESSAGE = 16383  # PostMessageMaxRunesV2
OLD_MAX_MESSAGE = 4000  # PostMessageMaxRunesV1, servers whose Posts.Message is still small
_MARK_ROOM = 40  # room for "(continued, part 12 of 12)"


def _cut(text: str, limit: int) -> tuple[str, str]:
    """The longest head of ``text`` up to ``limit`` characters ending at a break, and the rest."""
    if len(text) <= limit:
        return text, ""
    for sep in ("\n\n", "\n", " "):
        at = text.rfind(sep, 0, limit)
        if at > limit // 4:  # a break far too early would make many tiny parts
            return text[:at].rstrip(), text[at + len(sep) :].lstrip("\n")
    # A cut inside a word can end the head in a broadcast ("@all" of "@all2", "@here_" of
    # "@here_desk"); defusing it adds one character, so the cut is one short of the limit.
    return neutralise_broadcast(text[: limit - 1]), text[limit - 1 :]


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """``text`` as parts of at most ``limit`` characters each (one part when it fits)."""
    if len(text) <= limit:
        return [text]
    room = limit - _MARK_ROOM
    parts: list[str] = []
    rest = text
    while rest:
        head, rest = _cut(rest, room)
        parts.append(head)
    total = len(parts)
    return [
        part if i == 0 else f"(continued, part {i + 1} of {total})\n\n{part}"
        for i, part in enumerate(parts)
    ]


def is_length_refusal(error_id: str) -> bool:
    """Whether a 400 from the server refused the message for its length."""
    return error_id == "model.post.is_valid.msg.app_error"


def fit_message(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters for an edit of one post, saying that it was cut."""
    if len(text) <= limit:
        return text
    note = "\n\n… (cut here: the rest did not fit into one post)"
    head, _ = _cut(text, limit - len(note))
    return head + note
