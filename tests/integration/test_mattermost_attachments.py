"""Safe chat text, button signing and mention parsing (pure parts of the Mattermost adapter)."""

from __future__ import annotations

import pytest

from tests.fakes.mattermost.state import State, validate_attachments
from wp2bot.adapters.mattermost.attachments import render_cards
from wp2bot.adapters.mattermost.button_context import (
    Binding,
    binding_refusal,
    sign_context,
    verify_context,
)
from wp2bot.adapters.mattermost.post_commands import command_text
from wp2bot.chat import Button, Card
from wp2bot.clock import SystemClock
from wp2bot.domain.mentions import ZWJ, escape_mentions, mention, neutralise_broadcast

SECRET = b"k"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@channel", f"@{ZWJ}channel"),
        ("hi @ALL.", f"hi @{ZWJ}ALL."),
        ("@here: now", f"@{ZWJ}here: now"),
        ("@allison and @channels stay", "@allison and @channels stay"),
        ("mail a@here.org", f"mail a@{ZWJ}here.org"),
    ],
)
def test_broadcast_mentions_are_defused(text: str, expected: str) -> None:
    assert neutralise_broadcast(text) == expected


def test_the_fakes_mention_parser_agrees_that_defused_text_pings_nobody() -> None:
    state = State(SystemClock())
    alice, _ = state.add_user("alice")
    bob, _ = state.add_user("bob")
    team = state.add_team("t")
    channel = state.add_channel(team["id"], "c")
    state.members[channel["id"]] = {alice["id"], bob["id"]}
    quoted = escape_mentions("@bob said @all is fine")
    post, _ = state.create_post(alice["id"], {"channel_id": channel["id"], "message": quoted})
    assert state.mentioned(post) == []
    post, _ = state.create_post(
        alice["id"], {"channel_id": channel["id"], "message": mention("bob")}
    )
    assert state.mentioned(post) == [bob["id"]]


@pytest.mark.parametrize("name", ["all", "@here", "Channel", "bob smith", ""])
def test_mention_refuses_broadcasts_and_non_usernames(name: str) -> None:
    with pytest.raises(ValueError, match="not a username"):
        mention(name)


def test_signed_context_verifies_and_tampering_does_not() -> None:
    signed = sign_context("done", {"cmd": "done", "id": 3}, SECRET)
    verified = verify_context(signed, SECRET)
    assert verified is not None
    assert (verified.button, verified.data) == ("done", {"cmd": "done", "id": 3})
    assert verify_context({**signed, "selected_option": "x"}, SECRET) is not None
    assert verify_context(signed, b"other key") is None
    assert verify_context({**signed, "data": {"cmd": "done", "id": 4}}, SECRET) is None
    assert verify_context({**signed, "button": "reopen"}, SECRET) is None
    flipped = signed["sig"][:-1] + ("1" if signed["sig"][-1] == "0" else "0")
    assert verify_context({**signed, "sig": flipped}, SECRET) is None
    assert verify_context({"data": {}, "button": "x"}, SECRET) is None
    assert verify_context("not a mapping", SECRET) is None


def test_rendered_cards_pass_the_servers_attachment_rules() -> None:
    card = Card(
        text="ping @here",
        title="Item 3",
        color="warning",
        fields=(("Owner", "@all", True),),
        buttons=(
            Button("done", "Done", {"cmd": "done", "id": 3}, "primary"),
            Button("snooze", "Snooze", {"cmd": "snooze", "id": 3}, "fancy"),
        ),
        footer="WP2",
    )
    attachments = render_cards([card], "https://bot.example/mattermost/actions", SECRET)
    validate_attachments({"attachments": attachments})
    (rendered,) = attachments
    assert rendered["text"] == f"ping @{ZWJ}here"
    assert rendered["fields"] == [{"title": "Owner", "value": f"@{ZWJ}all", "short": True}]
    assert [a["style"] for a in rendered["actions"]] == ["primary", "default"]
    with pytest.raises(ValueError, match="alphanumeric"):
        render_cards([Card(buttons=(Button("no-dash", "x", {}),))], "https://b", SECRET)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("@wp2bot done 3", "done 3"),
        ("@WP2BOT: done 3", "done 3"),
        ("@wp2bot, actions mine", "actions mine"),
        ("thanks, @wp2bot done 3", "done 3"),
        ("done 3 @wp2bot", "done 3"),
        ("mail me at x@wp2bot.org", None),
        ("@wp2botx done 3", None),
        ("no mention at all", None),
    ],
)
def test_command_text_strips_the_mention(message: str, expected: str | None) -> None:
    assert command_text(message, "wp2bot") == expected


def test_a_bound_context_counts_only_where_and_until_it_was_meant() -> None:
    binding = Binding(post="nonce1", channel="chan1", recipient="user1", expires=1000)
    signed = sign_context("done", {"cmd": "done", "id": 3}, SECRET, card=2, binding=binding)
    verified = verify_context(signed, SECRET)
    assert verified is not None
    assert (verified.card, verified.binding) == (2, binding)
    here = {"post_nonce": "nonce1", "channel_id": "chan1", "user_id": "user1", "now": 999}
    assert binding_refusal(verified, **here) is None
    for change, why in (
        ({"now": 1001}, "expired"),
        ({"channel_id": "chan2"}, "another channel"),
        ({"user_id": "user2"}, "another person"),
        ({"post_nonce": None}, "another post"),
        ({"post_nonce": "nonce2"}, "another post"),
    ):
        assert binding_refusal(verified, **{**here, **change}) == why
    assert verify_context({**signed, "card": 0}, SECRET) is None
    assert verify_context({**signed, "to": ""}, SECRET) is None
    with pytest.raises(ValueError, match="signing secret"):
        sign_context("done", {}, b"")


def test_action_ids_are_unique_within_a_post() -> None:
    buttons = (Button("done", "Done", {"cmd": "done", "id": 1}), Button("snooze", "Snooze", {}))
    attachments = render_cards([Card(buttons=buttons)] * 12, "https://b/actions", SECRET)
    ids = [a["id"] for att in attachments for a in att["actions"]]
    assert len(ids) == len(set(ids)) == 24
    with pytest.raises(ValueError, match="starting with a letter"):
        render_cards([Card(buttons=(Button("1done", "x", {}),))], "https://b", SECRET)


def test_a_card_title_link_must_be_a_web_link() -> None:
    links = ("https://indico.example/event/1", "javascript:alert(1)")
    cards = [Card(title="t", title_link=link) for link in links]
    safe, unsafe = render_cards(cards, "http://bot/actions", b"k")
    assert isinstance(safe, dict)
    assert isinstance(unsafe, dict)
    assert safe["title_link"] == links[0]
    assert "title_link" not in unsafe
