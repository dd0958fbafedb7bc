"""Chat-safe text, checked against a port of the server's own mention parser."""

from __future__ import annotations

import pytest

from tests.fakes.mattermost.mention_parser import MentionParser
from tests.fakes.mattermost.slack_text import process_slack_text
from wp2bot.domain.mentions import (
    ZWJ,
    chat_safe,
    escape_mentions,
    inert_markdown,
    mention,
    neutralise_broadcast,
)

KEYWORDS = {"@bob": ["bob-id"], "@allison": ["allison-id"]}
GROUPS = {"site-admins"}

# Every way the server's parser (or ProcessSlackText before it) reads a channel-wide mention.
BROADCASTS = [
    "@channel",
    "@ALL please",
    "hey @here.",
    "@here__",
    "@channel_",
    "@all-:_.",
    "note.@all",
    "x-@here-y",
    "_@channel",
    "::@here",
    "(@channel)",
    "«@all»",
    "@channel\u0301",
    "<!channel>",
    "<!here> <!all>",
    "&#64;channel",
    "&commat;here",
]


def parse(text: str) -> MentionParser:
    """What the server would notify for this text."""
    parser = MentionParser(KEYWORDS, GROUPS)
    parser.process_text(process_slack_text(text, {"bobid": "bob"}))
    return parser


@pytest.mark.parametrize("text", BROADCASTS)
def test_the_server_reads_these_as_broadcasts(text: str) -> None:
    assert parse(text).results.channel_wide


@pytest.mark.parametrize("text", BROADCASTS)
def test_defused_broadcasts_notify_nobody(text: str) -> None:
    assert not parse(neutralise_broadcast(text)).results.channel_wide
    assert not parse(chat_safe(text)).results.channel_wide


@pytest.mark.parametrize("text", ["@allison", "@channel_team", "mail me@example.org", "@alls"])
def test_near_misses_are_not_broadcasts_and_stay_as_written(text: str) -> None:
    assert not parse(text).results.channel_wide
    assert neutralise_broadcast(text) == text


@pytest.mark.parametrize("text", ["x@all", ":@channel:"])
def test_harmless_broadcast_words_are_defused_anyway(text: str) -> None:
    assert not parse(text).results.channel_wide  # glued to a word, or read as an emoji
    assert neutralise_broadcast(text) != text


def test_a_wanted_ping_survives_the_transport() -> None:
    text = f"{mention('allison')} and {mention('bob')}: please look"
    assert parse(chat_safe(text)).results.users == {"allison-id", "bob-id"}


@pytest.mark.parametrize(
    "text",
    ["@bob", "_@bob", "x.@bob", "<@bobid>", "@Bob:", "@site-admins", "(@bob)", "&#x40;bob"],
)
def test_quoted_text_pings_nobody(text: str) -> None:
    found = parse(escape_mentions(text)).results
    assert not found.users
    assert not found.channel_wide


def test_defusing_is_idempotent_and_keeps_e_mail_addresses() -> None:
    once = escape_mentions("ask @bob or write to bob@example.org, @here")
    assert escape_mentions(once) == once
    assert "bob@example.org" in once
    assert once.count(ZWJ) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("![chart](https://img.example/c.png)", "[chart](https://img.example/c.png)"),
        ("![](http://img.example/c.png)", "[image](http://img.example/c.png)"),
        ("[run](javascript:alert(1)) now", "run now"),
        ("[data](data:text/html;base64,PHNjcmlwdA==)", "data"),
        ("![p](data:image/png;base64,AAAA)", "p"),
        ("[ok](https://example.org/a_(b)) fine", "[ok](https://example.org/a_(b)) fine"),
        ("[mail](mailto:me@example.org)", "[mail](mailto:me@example.org)"),
        ("<javascript:alert(1)>", f"javascript:{ZWJ}alert(1)"),
        ("<https://example.org>", "<https://example.org>"),
        ("[r]: javascript:alert(1)", "[r]: (link removed)"),
        ("plain text [not a link]", "plain text [not a link]"),
    ],
)
def test_minutes_markdown_is_made_inert(text: str, expected: str) -> None:
    assert inert_markdown(text) == expected
