"""What the server does to the text of slash-command and button responses (Slack compatibility).

- ``server/channels/app/slack.go`` ``ProcessSlackText``: ``expandAnnouncement`` turns
  ``<!channel>``, ``<!here>``, ``<!all>`` into ``@channel``, ``@here``, ``@all``, and
  ``replaceUserIds`` turns ``<@userid>`` into ``@username``; ``ProcessSlackAttachments`` does
  both to each attachment's pretext, text, title and field values. Skipped when the response
  carries ``skip_slack_parsing: true`` (``app/command.go`` ``HandleCommandResponsePost``).
- ``server/public/model/slack_attachment.go`` ``ParseSlackLinksToMarkdown``: ``<url|label>``
  becomes ``[label](url)`` (``linkWithTextRegex``), applied by ``CreateCommandPost`` to the text
  and by ``ParseMessageAttachment`` to the attachments' text, pretext and field values.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

Json = dict[str, Any]

_ANNOUNCEMENTS = (("<!channel>", "@channel"), ("<!here>", "@here"), ("<!all>", "@all"))
_USER_ID = re.compile(r"<@([a-zA-Z0-9]+)>")
_LINK_WITH_TEXT = re.compile(r"<([^\n<|>]+)\|([^|\n>]+)>")


def process_slack_text(text: str, usernames: Mapping[str, str]) -> str:
    """``ProcessSlackText``; ``usernames`` maps user id -> username."""
    for slack, mention in _ANNOUNCEMENTS:
        text = text.replace(slack, mention)
    for user_id in _USER_ID.findall(text):
        if user_id in usernames:
            text = text.replace(f"<@{user_id}>", "@" + usernames[user_id])
    return text


def process_slack_attachments(attachments: list[Json], usernames: Mapping[str, str]) -> list[Json]:
    """``ProcessSlackAttachments``: pretext, text, title and every field value (stringified)."""
    done = copy.deepcopy(attachments)
    for attachment in done:
        for key in ("pretext", "text", "title"):
            attachment[key] = process_slack_text(str(attachment.get(key) or ""), usernames)
        for field in attachment.get("fields") or []:
            if field.get("value") is not None:
                field["value"] = process_slack_text(str(field["value"]), usernames)
    return done


def slack_links_to_markdown(text: str) -> str:
    """``ParseSlackLinksToMarkdown``."""
    return _LINK_WITH_TEXT.sub(r"[\2](\1)", text)


def parse_message_attachments(attachments: list[Json]) -> list[Json]:
    """``ParseMessageAttachment``: links in text, pretext and string field values."""
    done = copy.deepcopy(attachments)
    for attachment in done:
        for key in ("text", "pretext"):
            attachment[key] = slack_links_to_markdown(str(attachment.get(key) or ""))
        for field in attachment.get("fields") or []:
            if isinstance(field.get("value"), str):
                field["value"] = slack_links_to_markdown(field["value"])
    return done


def command_post(response: Json, usernames: Mapping[str, str]) -> tuple[str, list[Json] | None]:
    """The message and attachments a command response becomes (``HandleCommandResponsePost``
    then ``CreateCommandPost``)."""
    text = str(response.get("text") or "")
    attachments = response.get("attachments")
    skip = bool(response.get("skip_slack_parsing"))
    if not skip:
        text = process_slack_text(text, usernames)
        if attachments:
            attachments = process_slack_attachments(attachments, usernames)
    message = text if skip else slack_links_to_markdown(text)
    if attachments:
        attachments = parse_message_attachments(attachments)
    return message, attachments or None
