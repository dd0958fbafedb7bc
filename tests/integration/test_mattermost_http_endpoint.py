"""The HTTP endpoint as Mattermost calls it: slash command, button clicks, health and metrics."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass

import httpx
import pytest
from prometheus_client import CollectorRegistry

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.fixtures import SECRET, RunningBot, World, running_world, start_bot
from tests.integration.test_mattermost_bot import wait_for
from wp2bot.adapters.http_endpoint import (
    STALE_TEXT,
    EndpointSettings,
    HttpServer,
    build_http_app,
)
from wp2bot.chat import Button, Card, JSONValue, Reply, Request

SLASH_TOKEN = "slashtokenfromthemattermostui"


@dataclass
class Endpoint:
    """The served endpoint and what it talks to."""

    world: World
    dispatcher: RecordingDispatcher
    base: str
    ready: list[bool]


def command_of(data: Mapping[str, JSONValue]) -> str:
    """The RecordingDispatcher's button convention: the context holds the command line."""
    command = data.get("command")
    if not isinstance(command, str):
        raise ValueError("no command in this button")
    return command


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def endpoint() -> AsyncIterator[Endpoint]:
    """The fake Mattermost plus wp2bot's HTTP endpoint on a free loopback port."""
    async with running_world() as world:
        dispatcher = RecordingDispatcher()
        ready = [False]
        port = free_port()  # the action URL must be known before the app is built
        base = f"http://127.0.0.1:{port}"
        app = build_http_app(
            dispatcher,
            EndpointSettings(SLASH_TOKEN, SECRET, f"{base}/mattermost/actions"),
            registry=CollectorRegistry(),
            ready=lambda: ready[0],
            button_command=command_of,
        )
        server = HttpServer(app, port=port)
        await server.start()
        yield Endpoint(world, dispatcher, base, ready)
        await server.stop()


async def test_slash_with_a_wrong_token_is_refused(endpoint: Endpoint) -> None:
    world = endpoint.world
    status, body = await world.fake.run_slash(
        f"{endpoint.base}/mattermost/slash", "wrong", world.alice, world.channel, "done 3"
    )
    assert status == 401
    assert "token" in body["error"]
    assert endpoint.dispatcher.requests == []


async def test_slash_with_the_right_token_answers_json(endpoint: Endpoint) -> None:
    world = endpoint.world
    url = f"{endpoint.base}/mattermost/slash"
    status, body = await world.fake.run_slash(
        url, SLASH_TOKEN, world.alice, world.channel, "done 3"
    )
    assert status == 200
    assert body == {
        "response_type": "in_channel",
        "text": "done 3",
        "attachments": [],
        "skip_slack_parsing": True,
    }
    request = endpoint.dispatcher.requests[0]
    assert (request.text, request.user, request.via) == ("done 3", "alice", "slash")
    assert request.channel_id == world.channel["id"]
    status, body = await world.fake.run_slash(
        url, SLASH_TOKEN, world.alice, world.channel, "done 3"
    )
    assert body["response_type"] == "ephemeral"  # refusals only go to the requester
    assert body["text"] == "item 3 was already closed"


async def test_slash_echo_keeps_extra_responses_and_defuses_mentions(endpoint: Endpoint) -> None:
    world = endpoint.world
    url = f"{endpoint.base}/mattermost/slash"
    _, body = await world.fake.run_slash(url, SLASH_TOKEN, world.bob, world.channel, "echo @here")
    assert body["text"] == "@\u200dhere"
    assert body["extra_responses"][0]["text"] == "and one more"


async def _card_post(endpoint: Endpoint) -> tuple[str, RunningBot]:
    """The bot posts a card whose button points at the endpoint; returns (post id, running bot)."""
    world = endpoint.world
    running = await start_bot(
        world, endpoint.dispatcher, action_url=f"{endpoint.base}/mattermost/actions"
    )
    button = Button(id="done", label="Done", context={"command": "done 5"}, style="primary")
    card = Card(title="Item 5", text="open", buttons=(button,))
    post_id = await asyncio.to_thread(running.bot.post, world.channel["id"], "item 5", cards=[card])
    return post_id, running


async def test_a_valid_click_updates_the_post_with_full_attachments(endpoint: Endpoint) -> None:
    post_id, running = await _card_post(endpoint)
    world = endpoint.world
    status, body = await world.fake.click(post_id, "c0done", world.bob)
    assert status == 200
    assert body["update"]["message"] == "done 5"
    (attachment,) = body["update"]["props"]["attachments"]
    (action,) = attachment["actions"]
    assert action["id"] == "c0reopen"
    assert action["integration"]["url"] == f"{endpoint.base}/mattermost/actions"
    assert world.fake.state.posts[post_id]["message"] == "done 5"
    request = endpoint.dispatcher.requests[-1]
    assert (request.text, request.user, request.via, request.post_id) == (
        "done 5",
        "bob",
        "button",
        post_id,
    )
    assert await running.stop() == 0


async def test_a_forged_click_is_refused_and_changes_nothing(endpoint: Endpoint) -> None:
    post_id, running = await _card_post(endpoint)
    world = endpoint.world
    stored = world.fake.state.posts[post_id]
    context = stored["props"]["attachments"][0]["actions"][0]["integration"]["context"]
    context["data"]["command"] = "done 99"  # someone edits the context the browser holds
    status, body = await world.fake.click(post_id, "c0done", world.bob)
    assert status == 200
    assert "update" not in body
    assert "could not be verified" in body["ephemeral_text"]
    assert world.fake.state.posts[post_id]["message"] == "item 5"
    assert endpoint.dispatcher.requests == []
    assert await running.stop() == 0


async def test_health_readiness_and_metrics(endpoint: Endpoint) -> None:
    async with httpx.AsyncClient(base_url=endpoint.base) as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        assert (await client.get("/readyz")).status_code == 503
        endpoint.ready[0] = True
        assert (await client.get("/readyz")).status_code == 200
        await client.post("/mattermost/slash", data={"token": "nope", "text": "done 1"})
        metrics = await client.get("/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    assert 'wp2bot_http_requests_total{outcome="refused",route="slash"} 1.0' in metrics.text


async def test_a_genuine_button_without_a_command_is_refused(endpoint: Endpoint) -> None:
    world = endpoint.world
    running = await start_bot(
        world, endpoint.dispatcher, action_url=f"{endpoint.base}/mattermost/actions"
    )
    card = Card(title="odd", buttons=(Button(id="odd", label="Odd", context={"nothing": 1}),))
    post_id = await asyncio.to_thread(running.bot.post, world.channel["id"], "odd", cards=[card])
    status, body = await world.fake.click(post_id, "c0odd", world.alice)
    assert (status, body) == (200, {"ephemeral_text": STALE_TEXT, "skip_slack_parsing": True})
    assert endpoint.dispatcher.requests == []
    assert await running.stop() == 0


async def test_oversized_bodies_are_refused_before_they_are_parsed(endpoint: Endpoint) -> None:
    big = b"text=" + b"x" * (2 * 1024 * 1024)

    async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: the stream is counted
        for start in range(0, len(big), 65536):
            yield big[start : start + 65536]

    async with httpx.AsyncClient(base_url=endpoint.base) as client:
        declared = await client.post(
            "/mattermost/slash",
            content=big,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        streamed = await client.post("/mattermost/actions", content=chunked())
        small = await client.post("/mattermost/actions", content=b"{}")
    assert declared.status_code == 413
    assert streamed.status_code == 413
    assert small.status_code == 200  # a small body still gets the usual answer
    assert endpoint.dispatcher.requests == []


class SlowDispatcher:
    """Takes ``seconds`` per command, then answers in the channel."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def dispatch(self, request: Request) -> Reply:
        time.sleep(self.seconds)  # runs in a worker thread, as every dispatch does
        return Reply(f"finished: {request.text}")


async def test_a_slow_slash_command_is_answered_later_through_its_response_url() -> None:
    async with running_world() as world:
        port = free_port()
        settings = EndpointSettings(
            SLASH_TOKEN, SECRET, f"http://127.0.0.1:{port}/mattermost/actions",
            slash_deadline=0.3, site_url=world.fake.url,
        )  # fmt: skip
        app = build_http_app(
            SlowDispatcher(1.0), settings, registry=CollectorRegistry(), ready=lambda: True,
            button_command=command_of,
        )  # fmt: skip
        server = HttpServer(app, port=port)
        await server.start()
        world.fake.integration_timeout = 0.8  # the server gives up before the command is done
        url = f"http://127.0.0.1:{port}/mattermost/slash"
        status, body = await world.fake.run_slash(
            url, SLASH_TOKEN, world.alice, world.channel, "report"
        )
        assert status == 200
        assert body["response_type"] == "ephemeral"  # "still working", only alice sees it
        assert "Still working" in body["text"]
        await wait_for(
            lambda: any(p["message"] == "finished: report" for p in world.fake.posts(
                world.channel["id"]
            ))
        )  # fmt: skip
        (late,) = [p for p in world.fake.posts(world.channel["id"]) if "finished" in p["message"]]
        assert late["user_id"] == world.alice["id"]  # as an in_channel command answer
        assert late["props"]["from_webhook"] == "true"
        await server.stop()


async def test_a_response_url_elsewhere_is_never_called() -> None:
    async with running_world() as world:
        port = free_port()
        settings = EndpointSettings(
            SLASH_TOKEN, SECRET, "", slash_deadline=0.2, site_url="https://chat.example.org"
        )
        app = build_http_app(
            SlowDispatcher(0.5), settings, registry=CollectorRegistry(), ready=lambda: True,
            button_command=command_of,
        )  # fmt: skip
        server = HttpServer(app, port=port)
        await server.start()
        url = f"http://127.0.0.1:{port}/mattermost/slash"
        status, body = await world.fake.run_slash(
            url, SLASH_TOKEN, world.alice, world.channel, "report"
        )
        assert status == 200
        assert "check with the same command again" in body["text"]
        await asyncio.sleep(0.6)
        assert not any("finished" in p["message"] for p in world.fake.posts(world.channel["id"]))
        await server.stop()


@dataclass
class SlowClicks:
    """The RecordingDispatcher, taking ``seconds`` longer for a click."""

    inner: RecordingDispatcher
    seconds: float

    def dispatch(self, request: Request) -> Reply:
        if request.via == "button":
            time.sleep(self.seconds)  # in a worker thread, as every dispatch runs
        return self.inner.dispatch(request)


async def test_a_slow_click_on_a_slash_answer_is_told_to_the_clicker() -> None:
    """The card came with an in_channel slash answer: the server posted it under the user's
    name, so the bot cannot update it later; the result is shown to the clicker instead."""
    async with running_world() as world:
        world.fake.allow_ephemeral(world.bot["id"])
        world.fake.integration_timeout = 5.0  # room for a busy machine; the click deadline is 0.2 s
        recorded = RecordingDispatcher()
        dispatcher = SlowClicks(recorded, 0.6)
        port = free_port()
        action_url = f"http://127.0.0.1:{port}/mattermost/actions"
        running = await start_bot(world, dispatcher, action_url=action_url)
        app = build_http_app(
            dispatcher, EndpointSettings(SLASH_TOKEN, SECRET, action_url, click_deadline=0.2),
            registry=CollectorRegistry(), ready=lambda: True, button_command=command_of,
            clicks=running.bot,
        )  # fmt: skip
        server = HttpServer(app, port=port)
        await server.start()
        try:
            url = f"http://127.0.0.1:{port}/mattermost/slash"
            status, _ = await world.fake.run_slash(
                url, SLASH_TOKEN, world.alice, world.channel, "card 5"
            )
            assert status == 200
            (shown,) = [p for p in world.fake.posts(world.channel["id"]) if p["props"].get(
                "attachments")]  # fmt: skip
            assert shown["user_id"] == world.alice["id"]  # posted by the server as alice
            action = shown["props"]["attachments"][0]["actions"][0]["id"]
            status, body = await world.fake.click(shown["id"], action, world.alice)
            assert status == 200
            assert "Still working" in body["ephemeral_text"]

            def told() -> list[str]:
                return [p["message"] for user, p in world.fake.state.ephemerals
                        if user == world.alice["id"] and p["message"] == "done 5"]  # fmt: skip

            await wait_for(lambda: told() == ["done 5"])
            assert recorded.closed == {5: "alice"}
            assert world.fake.state.posts[shown["id"]]["message"] == shown["message"]
        finally:
            assert await running.stop() == 0
            await server.stop()
