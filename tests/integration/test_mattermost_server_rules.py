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
from wp2bot.adapters.mattermost.catch_up import POSTS_SINCE_LIMIT, read_since
from wp2bot.adapters.mattermost.rest import MattermostRest
from wp2bot.adapters.storage import Store
from wp2bot.chat import Button, Card
from wp2bot.clock import FrozenClock
from wp2bot.domain.mentions import ZWJ
from wp2bot.domain.models import Owner, OwnerKind
from wp2bot.domain.tracking import Review
from wp2bot.part_builders import build_dispatcher

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


async def test_a_click_answered_with_an_error_fails_and_changes_nothing(
    endpoint: Endpoint,
) -> None:
    world = endpoint.world
    button = Button(id="done", label="Done", context={"command": "done 8"})
    rest = MattermostRest(world.address(), world.bot_token)
    posted = []
    for url in (f"{endpoint.base}/nowhere", f"{endpoint.base}/metrics"):  # a 404, a 405
        cards = render_cards([Card(buttons=(button,))], url, SECRET)
        posted.append(await asyncio.to_thread(
            rest.create_post, world.channel["id"], "with a button", props={"attachments": cards}
        ))  # fmt: skip
    rest.close()
    for post in posted:
        status, body = await world.fake.click(post.id, "c0done", world.alice)
        # DoActionRequest: an integration's answer other than 200 fails the click with 400
        assert (status, body["id"]) == (400, "api.post.do_action.action_integration.app_error")
        assert world.fake.state.posts[post.id]["message"] == "with a button"


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


async def test_posts_since_show_deletions_and_old_versions_of_edits(world: World) -> None:
    fake, alice = world.fake, world.alice["id"]
    since = fake.state.now_ms()
    first = fake.post_as(alice, world.channel["id"], "note 1")
    second = fake.post_as(alice, world.channel["id"], "note 2")
    reply = fake.post_as(alice, world.channel["id"], "a reply", root_id=first["id"])
    later = fake.state.now_ms()
    headers = {"Authorization": f"Bearer {world.alice_token}"}
    base = f"{fake.url}/api/v4"
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.put(f"{base}/posts/{second['id']}/patch", json={"message": "n2"}) as r:
            assert r.status == 200
        async with session.delete(f"{base}/posts/{reply['id']}") as r:
            assert r.status == 200
        url = f"{base}/channels/{world.channel['id']}/posts"
        async with session.get(url, params={"since": str(since)}) as r:
            everything = await r.json()
        async with session.get(url, params={"since": str(later)}) as r:
            changed = await r.json()
    listed = everything["posts"]
    assert listed[reply["id"]]["delete_at"] > 0  # a deletion is a change
    assert listed[second["id"]]["message"] == "n2"
    (old,) = [p for p in listed.values() if p["original_id"] == second["id"]]
    assert old["message"] == "note 2"
    assert old["delete_at"] > 0
    assert old["create_at"] == second["create_at"]
    # Since the edit: the edited post, its old version, the deleted reply; the thread's root
    # comes along in "posts" (unchanged, so not in "order").
    assert len(changed["order"]) == 3
    assert first["id"] not in changed["order"]
    assert first["id"] in changed["posts"]


async def test_posts_since_stop_at_1000_rows_and_the_reader_pages_past_them(
    world: World,
) -> None:
    fake, alice = world.fake, world.alice["id"]
    since = fake.state.now_ms()
    posts = [fake.post_as(alice, world.channel["id"], f"note {n}") for n in range(1203)]
    rest = MattermostRest(world.address(), world.alice_token)
    channel = world.channel["id"]
    try:
        cut = await asyncio.to_thread(rest.posts_since, channel, since)
        read = await asyncio.to_thread(
            read_since,
            lambda ms: rest.posts_since(channel, ms),
            lambda page, per_page: rest.channel_posts(channel, page, per_page),
            since,
        )
    finally:
        rest.close()
    assert len(cut) == POSTS_SINCE_LIMIT  # GetPostsSince: LIMIT 1000, in no promised order
    assert [p.id for p in read] == [p["id"] for p in posts]  # every one, oldest first


async def test_a_page_of_posts_brings_the_roots_of_its_replies_outside_its_order(
    world: World,
) -> None:
    fake, alice = world.fake, world.alice["id"]
    root = fake.post_as(alice, world.channel["id"], "a question")
    reply = fake.post_as(alice, world.channel["id"], "an answer", root_id=root["id"])
    url = f"{fake.url}/api/v4/channels/{world.channel['id']}/posts"
    headers = {"Authorization": f"Bearer {world.alice_token}"}
    async with (
        aiohttp.ClientSession(headers=headers) as session,
        session.get(url, params={"page": "0", "per_page": "1"}) as r,
    ):
        listed = await r.json()
    assert listed["order"] == [reply["id"]]
    assert set(listed["posts"]) == {reply["id"], root["id"]}
    rest = MattermostRest(world.address(), world.alice_token)
    try:
        page = await asyncio.to_thread(rest.channel_posts, world.channel["id"], 0, 1)
    finally:
        rest.close()
    assert [p.id for p in page] == [reply["id"]]  # the reader keeps to the order
