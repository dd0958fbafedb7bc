"""The REST adapter through the real driver, the fake's protocol details, and the official spec."""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.fakes.mattermost.fixtures import FAST_RETRY, World, running_world
from tests.fakes.mattermost.state import ALPHABET
from wp2bot.adapters.mattermost.rest import MattermostApiError, MattermostRest

SPEC_DIR = Path(
    os.environ.get(
        "WP2BOT_MM_OPENAPI_DIR",
        Path(__file__).resolve().parents[2] / ".." / "shared" / "mattermost-openapi",
    )
)


@pytest.fixture
async def world() -> AsyncIterator[World]:
    """The fake Mattermost with a bot, alice, bob and a shared channel."""
    async with running_world() as populated:
        yield populated


def spec_operations() -> list[tuple[str, re.Pattern[str]]]:
    """(METHOD, path regex) of every operation in the official OpenAPI files."""
    operations = []
    for source in sorted(SPEC_DIR.glob("*.yaml")):
        path = ""
        for line in source.read_text(encoding="utf-8").splitlines():
            if found := re.match(r"^  [\"']?(/api/v4/[^\"':\s]*)[\"']?:\s*$", line):
                path = found.group(1)
            elif path and (verb := re.match(r"^    (get|post|put|delete|patch|head):\s*$", line)):
                pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))
                operations.append((verb.group(1).upper(), re.compile(pattern)))
    return operations


async def test_every_request_the_bot_makes_is_in_the_official_spec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not SPEC_DIR.is_dir():
        pytest.skip(f"the Mattermost OpenAPI files are not at {SPEC_DIR} (WP2BOT_MM_OPENAPI_DIR)")
    log = tmp_path / "requests.jsonl"
    monkeypatch.setenv("WP2BOT_MM_REQUEST_LOG", str(log))
    async with running_world() as world:
        rest = MattermostRest(world.address(), world.bot_token, retry=FAST_RETRY)
        world.fake.allow_ephemeral(world.bot["id"])

        def exercise() -> None:
            me = rest.me()
            team = rest.team_by_name("wp2")
            assert [t.id for t in rest.teams_of(me.id)] == [team.id]
            channel = rest.channel_by_name("wp2", "actions")
            assert rest.channel(channel.id) == channel
            assert channel.id in [c.id for c in rest.channels_of(me.id, team.id)]
            alice = rest.user_by_username("alice")
            assert rest.user(alice.id) == alice
            post = rest.create_post(channel.id, "hello", props={"k": "v"})
            rest.patch_post(post.id, "hello again", {"attachments": []})
            assert rest.post(post.id).message == "hello again"
            since = rest.posts_since(channel.id, post.create_at - 1)
            # The edited post, and its old version as the server keeps it (deleted, new id).
            assert [p.id for p in since if not p.delete_at] == [post.id]
            assert [p.message for p in since if p.delete_at] == ["hello"]
            assert [p.id for p in rest.channel_posts(channel.id, 0, 200)] == [post.id]
            assert [p.id for p in rest.thread(post.id)] == [post.id]
            rest.create_ephemeral(alice.id, channel.id, "psst", root_id=post.id)
            rest.direct_channel(me.id, alice.id)

        await asyncio.to_thread(exercise)
        rest.close()
    operations = spec_operations()
    assert len(operations) > 300  # the whole API was read
    logged = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(logged) == 16
    for request in logged:
        assert request["path"].startswith("/api/v4/")
        matches = [m for m, pattern in operations if pattern.fullmatch(request["path"])]
        assert request["method"] in matches, (
            f"{request['method']} {request['path']} is not in the spec"
        )
    create = next(r for r in logged if r["path"] == "/api/v4/posts")
    assert set(create["json"]) == {"channel_id", "message", "root_id", "pending_post_id", "props"}
    patch = next(r for r in logged if r["path"].endswith("/patch"))
    assert patch["json"] == {"message": "hello again", "props": {"attachments": []}}


async def test_user_timezone_is_the_effective_zone(world: World) -> None:
    rest = MattermostRest(world.address(), world.bot_token, retry=FAST_RETRY)
    alice = await asyncio.to_thread(rest.user_by_username, "alice")
    bob = await asyncio.to_thread(rest.user_by_username, "bob")
    assert (alice.timezone, bob.timezone) == ("Europe/Berlin", "")
    with pytest.raises(MattermostApiError) as missing:
        await asyncio.to_thread(rest.user_by_username, "nobody")
    assert (missing.value.status, missing.value.error_id) == (
        404,
        "app.user.get_by_username.app_error",
    )
    rest.close()


async def test_create_post_is_deduplicated_by_pending_post_id(world: World) -> None:
    headers = {"Authorization": f"Bearer {world.bot_token}"}
    body = {"channel_id": world.channel["id"], "message": "once", "pending_post_id": "p" * 26}
    async with httpx.AsyncClient(base_url=world.fake.url, headers=headers) as client:
        first = await client.post("/api/v4/posts", json=body)
        again = await client.post("/api/v4/posts", json=body)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert len(world.fake.posts(world.channel["id"])) == 1


async def test_a_pending_post_id_of_a_deleted_post_fails_within_30_s(world: World) -> None:
    headers = {"Authorization": f"Bearer {world.bot_token}"}
    body = {"channel_id": world.channel["id"], "message": "gone", "pending_post_id": "q" * 26}
    async with httpx.AsyncClient(base_url=world.fake.url, headers=headers) as client:
        first = await client.post("/api/v4/posts", json=body)
        assert (await client.delete(f"/api/v4/posts/{first.json()['id']}")).status_code == 200
        again = await client.post("/api/v4/posts", json=body)
    assert again.status_code == 500  # app/post.go deduplicateCreatePost: failed_to_get
    assert again.json()["id"] == "api.post.deduplicate_create_post.failed_to_get"


async def test_fake_speaks_like_the_server(world: World) -> None:
    bearer = {"Authorization": f"Bearer {world.alice_token}"}
    async with httpx.AsyncClient(base_url=world.fake.url) as client:
        me = await client.get(
            "/api/v4/users/me", headers={"Authorization": f"token {world.alice_token}"}
        )
        assert me.status_code == 200
        assert me.headers["content-type"] == "application/json"
        assert re.fullmatch(f"[{ALPHABET}]{{26}}", me.headers["x-request-id"])
        assert me.headers["x-version-id"]
        assert re.fullmatch(f"[{ALPHABET}]{{26}}", me.json()["id"])
        assert "is_bot" not in me.json()
        anonymous = await client.get("/api/v4/users/me")
        assert anonymous.status_code == 401
        error = anonymous.json()
        assert error["id"] == "api.context.session_expired.app_error"
        assert (error["status_code"], error["request_id"]) == (
            401,
            anonymous.headers["x-request-id"],
        )
        slashes = await client.get("/api/v4//users/me", headers=bearer)
        assert slashes.status_code == 301
        assert slashes.headers["location"] == "/api/v4/users/me"
        bad_id = await client.get("/api/v4/channels/NOT-AN-ID", headers=bearer)
        assert bad_id.status_code == 400
        world.fake.fail_next(1, 429, retry_after=3)
        limited = await client.get("/api/v4/users/me", headers=bearer)
        # net/http's http.Error writes the text with fmt.Fprintln: a newline ends it
        assert (limited.status_code, limited.text) == (429, "limit exceeded\n")
        assert limited.headers["content-type"].startswith("text/plain")
        assert limited.headers["retry-after"] == "3"


async def test_fake_enforces_threads_membership_and_direct_channels(world: World) -> None:
    bearer = {"Authorization": f"Bearer {world.alice_token}"}
    outsider, outsider_token = world.fake.add_user("carol")
    async with httpx.AsyncClient(base_url=world.fake.url, headers=bearer) as client:
        root = (
            await client.post(
                "/api/v4/posts", json={"channel_id": world.channel["id"], "message": "r"}
            )
        ).json()
        reply = await client.post(
            "/api/v4/posts",
            json={"channel_id": world.channel["id"], "message": "x", "root_id": root["id"]},
        )
        assert reply.status_code == 201
        nested = await client.post(
            "/api/v4/posts",
            json={"channel_id": world.channel["id"], "message": "y", "root_id": reply.json()["id"]},
        )
        assert (nested.status_code, nested.json()["id"]) == (
            400,
            "api.post.create_post.root_id.app_error",
        )
        foreign = await client.get(
            f"/api/v4/channels/{world.channel['id']}/posts",
            headers={"Authorization": f"Bearer {outsider_token}"},
        )
        assert (foreign.status_code, foreign.json()["id"]) == (
            403,
            "api.context.permissions.app_error",
        )
        pair = [world.alice["id"], outsider["id"]]
        direct = await client.post("/api/v4/channels/direct", json=pair)
        same = await client.post("/api/v4/channels/direct", json=list(reversed(pair)))
        assert direct.status_code == same.status_code == 201
        assert direct.json()["id"] == same.json()["id"]
        assert direct.json()["name"] == "__".join(sorted(pair))
        assert (direct.json()["type"], direct.json()["team_id"]) == ("D", "")
        page = await client.get(
            f"/api/v4/channels/{world.channel['id']}/posts", params={"per_page": 1}
        )
        listed = page.json()
        assert listed["order"] == [reply.json()["id"]]
        assert set(listed) == {"order", "posts", "next_post_id", "prev_post_id", "has_next"}
        invalid = {
            "channel_id": world.channel["id"],
            "message": "",
            "props": {"attachments": [{"actions": [{"type": "button", "name": "x"}]}]},
        }
        assert (await client.post("/api/v4/posts", json=invalid)).status_code == 400
