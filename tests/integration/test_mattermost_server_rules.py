"""What the real server does to what the bot sends and receives, driven through the fake.

Slash answers posted under the user's name, Slack-style text processing, the mention parser
(every test's posts are also checked by the ``running_world`` fixture), quiet resumes and
buttons on ephemeral posts.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import aiohttp
import pytest

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import SECRET, World, running_world, start_bot
from tests.fakes.mattermost.slack_text import command_post
from tests.integration import test_mattermost_http_endpoint as http_tests
from tests.integration.test_mattermost_bot import bot_posts, wait_for
from tests.integration.test_mattermost_http_endpoint import SLASH_TOKEN, Endpoint
from wp2bot.adapters.mattermost.attachments import render_cards
from wp2bot.adapters.mattermost.rest import MattermostRest
from wp2bot.adapters.storage import Store
from wp2bot.app import build_dispatcher
from wp2bot.chat import Button, Card
from wp2bot.clock import FrozenClock
from wp2bot.domain.mentions import ZWJ
from wp2bot.domain.models import Owner, OwnerKind
from wp2bot.domain.tracking import Review

WS = "/api/v4/websocket"
NOW = datetime(2025, 3, 12, 10, 0, tzinfo=UTC)
endpoint = http_tests.endpoint  # the fake plus wp2bot's HTTP endpoint (a pytest fixture)


@pytest.fixture
async def world() -> AsyncIterator[World]:
    """The fake Mattermost with a bot, alice, bob and a shared channel."""
    async with running_world() as populated:
        yield populated


def upgrades(world: World) -> int:
    """How many websocket connections the bot opened."""
    return len([r for r in world.fake.requests if r.path == WS])


async def test_a_quiet_resume_stays_connected(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())  # hello timeout: 1 s
    await world.fake.drop_websockets()  # nothing happens while the bot is away
    await wait_for(lambda: upgrades(world) == 2 and running.bot.ready)
    await asyncio.sleep(2.5)  # more than two hello timeouts of silence
    assert upgrades(world) == 2  # one resume, no reconnect loop
    assert running.bot.ready
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot done 4")
    await wait_for(
        lambda: [p["message"] for p in bot_posts(world, world.channel["id"])] == ["done 4"]
    )
    assert world.fake.count("GET", r"/api/v4/channels/\w+/posts") == 0  # nothing to re-read
    assert await running.stop() == 0


async def test_a_slash_answer_in_the_bots_dm_is_not_run_again(endpoint: Endpoint) -> None:
    world = endpoint.world
    running = await start_bot(world, endpoint.dispatcher)
    dm = world.fake.direct_channel(world.alice["id"], world.bot["id"])
    url = f"{endpoint.base}/mattermost/slash"
    status, _ = await world.fake.run_slash(url, SLASH_TOKEN, world.alice, dm, "done 3")
    assert status == 200
    answer = world.fake.posts(dm["id"])[-1]
    # The server posts an in_channel answer under the user's name, marked as an integration's.
    assert (answer["user_id"], answer["message"]) == (world.alice["id"], "done 3")
    assert answer["props"]["from_webhook"] == "true"
    await asyncio.sleep(0.5)  # the bot has seen the posted event by now
    assert [(r.text, r.via) for r in endpoint.dispatcher.requests] == [("done 3", "slash")]
    assert bot_posts(world, dm["id"]) == []
    assert await running.stop() == 0


async def test_slack_forms_in_a_slash_answer_never_ping(endpoint: Endpoint) -> None:
    world = endpoint.world
    url = f"{endpoint.base}/mattermost/slash"
    bob = world.bob["id"]
    text = f"echo <!channel> <!here> <!all> <@{bob}> @here__ @channel_ note.@all"
    status, body = await world.fake.run_slash(url, SLASH_TOKEN, world.alice, world.channel, text)
    assert status == 200
    assert body["skip_slack_parsing"] is True
    posted = [p for p in world.fake.posts(world.channel["id"]) if p["props"].get("from_webhook")]
    assert len(posted) == 2  # the echo and its extra response
    found = world.fake.state.mentions(posted[0])
    assert not found.channel_wide
    assert found.users == set()  # <@bob> did not become a ping either
    assert "@bob" not in posted[0]["message"]
    assert world.fake.state.channel_wide == []


def test_the_fake_expands_slack_forms_unless_told_to_skip() -> None:
    users = {"u1": "bob"}
    response = {"text": "<!here> and <@u1>, see <https://example.org|the page>"}
    assert command_post(response, users) == (
        "@here and @bob, see [the page](https://example.org)",
        None,
    )
    skipped = {**response, "skip_slack_parsing": True}
    assert command_post(skipped, users)[0] == response["text"]


async def test_an_echoed_image_and_script_link_are_inert(world: World) -> None:
    running = await start_bot(world, RecordingDispatcher())
    text = "@wp2bot echo ![x](http://tracker.example/p.png) [click](javascript:alert(1)) @all-"
    world.fake.post_as(world.alice["id"], world.channel["id"], text)
    await wait_for(lambda: len(bot_posts(world, world.channel["id"])) == 2)
    message = bot_posts(world, world.channel["id"])[0]["message"]
    assert message == f"[x](http://tracker.example/p.png) click @{ZWJ}all-"
    assert await running.stop() == 0


async def test_ephemeral_answers_carry_no_buttons(endpoint: Endpoint) -> None:
    world = endpoint.world
    world.fake.allow_ephemeral(world.bot["id"])
    running = await start_bot(world, endpoint.dispatcher)
    world.fake.post_as(world.alice["id"], world.channel["id"], "@wp2bot secret")
    url = f"{endpoint.base}/mattermost/slash"
    await world.fake.run_slash(url, SLASH_TOKEN, world.alice, world.channel, "secret")
    await wait_for(lambda: len(world.fake.state.ephemerals) == 2)
    for _, shown in world.fake.state.ephemerals:
        attachments = shown["props"]["attachments"]
        assert [a["title"] for a in attachments] == ["Item 7"]
        assert all(not a.get("actions") for a in attachments)
    assert await running.stop() == 0


async def test_the_fake_refuses_to_update_an_ephemeral_post(endpoint: Endpoint) -> None:
    world = endpoint.world
    world.fake.allow_ephemeral(world.bot["id"])
    button = Button(id="done", label="Done", context={"command": "done 8"})
    cards = render_cards([Card(buttons=(button,))], f"{endpoint.base}/mattermost/actions", SECRET)
    rest = MattermostRest(world.address(), world.bot_token)
    shown = await asyncio.to_thread(
        rest.create_ephemeral,
        world.alice["id"],
        world.channel["id"],
        "with a button",
        props={"attachments": cards},
    )
    rest.close()
    status, _ = await world.fake.click(shown.id, "c0done", world.alice)
    assert status == 404  # the command ran, but the clicker sees an error
    assert endpoint.dispatcher.closed == {8: "alice"}


HOSTILE = (
    "tell @here__ about ![pixel](http://t.example/p.gif) and [this](javascript:alert(1))",
    "note.@all <!channel> rerun the <@abcdefghijklmnopqrstuvwxyz> job",
)


async def test_hostile_minutes_text_through_the_real_commands(world: World, tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'wp2bot.db'}")
    meeting, _ = store.upsert_meeting(
        "indico:7", title="@channel WP2", meeting_date=date(2025, 3, 11)
    )
    alice = Owner("Alice Smith", "Alice Smith", OwnerKind.PERSON, username="alice")
    for text in HOSTILE:
        store.create_action(
            text=text,
            owners=[alice],
            at=NOW,
            who="ingest",
            via="cli",
            review=Review.ACCEPTED,
            meeting_id=meeting.id,
        )
    dispatcher = build_dispatcher(store, FrozenClock(NOW), chairs=["chair"], timezone="UTC")
    running = await start_bot(world, dispatcher)
    for command in ("actions", "show 1", "show 2"):
        world.fake.post_as(world.alice["id"], world.channel["id"], f"@wp2bot {command}")
    await wait_for(lambda: len(bot_posts(world, world.channel["id"])) >= 3, timeout=20)
    await asyncio.sleep(0.2)
    sent = json.dumps([(p["message"], p["props"]) for p in bot_posts(world, world.channel["id"])])
    assert "rerun" in sent  # the actions were shown
    assert "pixel" in sent
    assert "javascript:" not in sent
    assert "![" not in sent
    assert world.fake.state.channel_wide == []  # and the fixture checks every post again
    assert await running.stop() == 0
    store.close()


async def test_posted_events_name_only_the_receiver_in_mentions(world: World) -> None:
    headers = {"Authorization": f"Bearer {world.bob_token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{world.fake.url}{WS}", headers=headers) as ws,
    ):
        assert (await ws.receive_json(timeout=5))["event"] == "hello"
        world.fake.post_as(world.alice["id"], world.channel["id"], "@bob and @wp2bot: look")
        event = await ws.receive_json(timeout=5)
    assert event["event"] == "posted"
    assert json.loads(event["data"]["mentions"]) == [world.bob["id"]]


async def test_posts_since_include_deletions_up_to_1000_rows(world: World) -> None:
    fake, alice = world.fake, world.alice["id"]
    since = fake.state.now_ms()
    posts = [fake.post_as(alice, world.channel["id"], f"note {n}") for n in range(1003)]
    headers = {"Authorization": f"Bearer {world.alice_token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        base = f"{fake.url}/api/v4"
        async with session.delete(f"{base}/posts/{posts[0]['id']}") as r:
            assert r.status == 200
        url = f"{base}/channels/{world.channel['id']}/posts"
        async with session.get(url, params={"since": str(since)}) as r:
            listed = (await r.json())["posts"]
    assert len(listed) == 1000  # the server's limit: the caller asks again from the newest
    assert posts[0]["id"] not in listed  # its deletion is the newest change, beyond the limit
    later = max(p["update_at"] for p in listed.values())
    async with (
        aiohttp.ClientSession(headers=headers) as session,
        session.get(url, params={"since": str(later)}) as r,
    ):
        rest = (await r.json())["posts"]
    assert rest[posts[0]["id"]]["delete_at"] > 0
    assert len(rest) == 3  # notes 1001 and 1002, and the deleted first note
