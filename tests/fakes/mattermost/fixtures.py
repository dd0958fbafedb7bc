"""Pytest fixtures for the fake Mattermost: import them in tests/conftest.py."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakes.mattermost.dispatcher import RecordingDispatcher
from tests.fakes.mattermost.server import FakeMattermost
from tests.fakes.mattermost.state import Json
from tests.fakes.mattermost.tls import ThrowawayCA, make_throwaway_ca
from wp2bot.adapters.mattermost.address import ServerAddress
from wp2bot.adapters.mattermost.bot import MattermostBot
from wp2bot.adapters.mattermost.bot_settings import BotSettings
from wp2bot.adapters.mattermost.rest import MattermostRest
from wp2bot.adapters.mattermost.websocket import WebsocketOptions
from wp2bot.adapters.retry import RetryPolicy
from wp2bot.chat import AnswerClaims, CardPosts, ChannelCursors, Dispatcher

SECRET = b"test-signing-secret"
ACTION_URL = "http://127.0.0.1:9/mattermost/actions"  # replaced where clicks are tested
FAST_RETRY = RetryPolicy(attempts=4, initial=0.01, maximum=0.05, max_retry_after=5)
FAST_WS = WebsocketOptions(heartbeat=5.0, hello_timeout=1.0, backoff_initial=0.02, backoff_max=0.1)


@dataclass
class World:
    """A fake server with a bot, two people, a team and a channel they share."""

    fake: FakeMattermost
    bot: Json
    bot_token: str
    alice: Json
    alice_token: str
    bob: Json
    bob_token: str
    team: Json
    channel: Json

    def address(self) -> ServerAddress:
        """The server address, trusting the test CA when TLS is on."""
        ca = str(self.fake.tls.ca_file) if self.fake.tls else None
        return ServerAddress.parse(self.fake.url, ca_file=ca)


def make_world(fake: FakeMattermost) -> World:
    """Populate a started fake."""
    bot, bot_token = fake.add_user("wp2bot", is_bot=True)
    alice, alice_token = fake.add_user("alice", timezone="Europe/Berlin")
    bob, bob_token = fake.add_user("bob")
    ids = [bot["id"], alice["id"], bob["id"]]
    team = fake.add_team("wp2", ids)
    channel = fake.add_channel(team, "actions", ids)
    return World(fake, bot, bot_token, alice, alice_token, bob, bob_token, team, channel)


@dataclass
class RunningBot:
    """A bot running against the fake, and its task."""

    bot: MattermostBot
    task: asyncio.Task[int]
    rest: MattermostRest

    async def stop(self) -> int:
        """Stop the bot and return its exit status."""
        await self.bot.stop()
        status = await asyncio.wait_for(self.task, 5)
        self.rest.close()
        return status


BotStarter = Callable[..., Awaitable[RunningBot]]


@pytest.fixture(scope="session")
def mm_test_ca(tmp_path_factory: pytest.TempPathFactory) -> ThrowawayCA:
    """A throw-away CA and a localhost certificate."""
    return make_throwaway_ca(Path(tmp_path_factory.mktemp("mm-ca")))


@asynccontextmanager
async def running_world(tls: ThrowawayCA | None = None) -> AsyncIterator[World]:
    """A started, populated fake Mattermost (https/wss when ``tls`` is given)."""
    fake = await FakeMattermost(tls=tls).start()
    fake.hub.auth_timeout = 0.5  # the real server waits ~5 s for a challenge
    try:
        yield make_world(fake)
        # Every post, edit and ephemeral the bot (or its slash and button answers) made went
        # through the port of the server's mention parser: none may notify a whole channel.
        offenders = [(p["message"], found) for p, found in fake.state.channel_wide]
        assert not offenders, f"posts that would notify a whole channel: {offenders}"
    finally:
        await fake.stop()


@pytest.fixture
async def mm_world() -> AsyncIterator[World]:
    """A populated fake Mattermost on plain http/ws."""
    async with running_world() as world:
        yield world


@pytest.fixture
async def mm_world_tls(mm_test_ca: ThrowawayCA) -> AsyncIterator[World]:
    """A populated fake Mattermost on https/wss with the test CA."""
    async with running_world(mm_test_ca) as world:
        yield world


async def start_bot(
    world: World,
    dispatcher: Dispatcher,
    *,
    token: str | None = None,
    options: WebsocketOptions = FAST_WS,
    action_url: str = ACTION_URL,
    posts: CardPosts | None = None,
    cursors: ChannelCursors | None = None,
    answers: AnswerClaims | None = None,
    settings: BotSettings | None = None,
) -> RunningBot:
    """Run a MattermostBot against the world's fake until it is connected (or has exited)."""
    address = world.address()
    rest = MattermostRest(address, token or world.bot_token, retry=FAST_RETRY)
    settings = settings or BotSettings(
        team=world.team["name"], action_url=action_url, signing_secret=SECRET
    )
    bot = MattermostBot(
        rest,
        dispatcher,
        settings,
        address=address,
        token=token or world.bot_token,
        websocket_options=options,
        posts=posts,
        cursors=cursors,
        answers=answers,
    )
    task = asyncio.create_task(bot.run())
    for _ in range(500):
        if bot.ready or task.done():
            break
        await asyncio.sleep(0.01)
    return RunningBot(bot, task, rest)


@pytest.fixture
def recording_dispatcher() -> RecordingDispatcher:
    """A fresh RecordingDispatcher."""
    return RecordingDispatcher()
