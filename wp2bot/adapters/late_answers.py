"""Answers that miss Mattermost's deadline: a slash command's or a click's result sent later.

The server waits ``OutgoingIntegrationRequestsTimeout`` (30 s) for an integration's answer and
then drops it (``DoCommandRequest`` in ``server/channels/app/command.go``,
``DoPostActionWithCookie`` in ``server/channels/app/integration_action.go``). The endpoint
answers "still working" before that; the result follows here: a slash command's through its
``response_url`` (only one on the configured server), a click's as what the server would have
done with the answer, done over REST (the post patched, the rest shown to the clicker).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Awaitable, Callable, Mapping
from urllib.parse import urlsplit

import httpx

from wp2bot.chat import CardPost, CardPosts, JSONValue, LateClicks, Reply
from wp2bot.domain.mentions import chat_safe

log = logging.getLogger(__name__)
LATE_TEXT = "Still working on it; the answer follows here in a moment."
LATE_LOST_TEXT = "That is taking long; please check with the same command again in a minute."
LATE_TIMEOUT = 10.0  # seconds for posting a late answer to the response_url

# (route, outcome) -> count it (the endpoint's request counter)
Count = Callable[[str, str], None]
# What the endpoint would have answered the server with: the JSON body and, for a click that
# updates a post with cards, the post's new record.
ClickBody = Callable[[Reply], tuple[dict[str, JSONValue], CardPost | None]]


class LateAnswers:
    """Sends the results of commands that ran past the deadline; holds their tasks."""

    def __init__(
        self,
        count: Count,
        *,
        site_url: str = "",
        site_tls: ssl.SSLContext | None = None,
        clicks: LateClicks | None = None,
        posts: CardPosts | None = None,
    ) -> None:
        self.count = count
        self.site_url, self.site_tls = site_url, site_tls
        self.clicks, self.posts = clicks, posts
        self.tasks: set[asyncio.Task[None]] = set()

    def _keep(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    # -- slash commands ---------------------------------------------------------------------

    def slash(
        self,
        running: asyncio.Future[Reply],
        body: Callable[[Reply], dict[str, JSONValue]],
        response_url: str,
    ) -> str:
        """Send the result through ``response_url`` when it is done; the text to answer now."""
        if not self.is_response_url(response_url):
            log.warning("a slow slash command has no usable response_url; its answer is lost")
            self.count("slash", "late_lost")
            return LATE_LOST_TEXT
        self._keep(self._send_slash(running, body, response_url))
        return LATE_TEXT

    def is_response_url(self, url: str) -> bool:
        """Only the configured Mattermost server's /hooks/commands/ (never another host)."""
        site, given = urlsplit(self.site_url), urlsplit(url)
        return (
            bool(site.netloc)
            and (given.scheme, given.netloc) == (site.scheme, site.netloc)
            and given.path.startswith("/hooks/commands/")
        )

    async def _send_slash(
        self,
        running: asyncio.Future[Reply],
        body: Callable[[Reply], dict[str, JSONValue]],
        response_url: str,
    ) -> None:
        reply = await running
        try:
            async with httpx.AsyncClient(
                timeout=LATE_TIMEOUT, verify=self.site_tls or True
            ) as client:
                answer = await client.post(response_url, json=body(reply))
            answer.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("the late answer to a slash command failed: %s", type(exc).__name__)
            self.count("slash", "late_failed")
            return
        self.count("slash", "late")

    # -- clicks -----------------------------------------------------------------------------

    def click(
        self,
        running: asyncio.Future[Reply],
        body: ClickBody,
        where: tuple[str, str, str],
    ) -> str:
        """Apply the click's answer when it is done; the text to show the clicker now.

        ``where`` is (post id, clicker's user id, channel id).
        """
        if self.clicks is None:
            log.warning("a slow click has no way to answer later; its answer is lost")
            self.count("actions", "late_lost")
            return LATE_LOST_TEXT
        self._keep(self._finish_click(self.clicks, running, body, where))
        return LATE_TEXT

    async def _finish_click(
        self,
        clicks: LateClicks,
        running: asyncio.Future[Reply],
        body_of: ClickBody,
        where: tuple[str, str, str],
    ) -> None:
        """What the server would have done with the answer: update the post, tell the clicker."""
        post_id, user_id, channel_id = where
        reply = await running
        body, kept = body_of(reply)
        update, told = body.get("update"), body.get("ephemeral_text")
        try:
            if isinstance(update, Mapping):
                message, props = update.get("message"), update.get("props")
                try:
                    await asyncio.to_thread(
                        clicks.patch_post,
                        post_id,
                        message if isinstance(message, str) else "",
                        props if isinstance(props, Mapping) else {},
                    )
                except Exception:  # not the bot's post (a slash answer): the clicker hears it
                    log.warning("the late update of post %s failed; telling the clicker",
                                post_id, exc_info=True)  # fmt: skip
                    told = "\n\n".join(chat_safe(r.text) for r in (reply, *reply.extra))
                    kept = None
                if kept is not None and self.posts is not None:
                    await asyncio.to_thread(self.posts.save, kept)
            if isinstance(told, str) and told:
                await asyncio.to_thread(clicks.tell, user_id, channel_id, told)
        except Exception:
            log.exception("the late answer to a click on post %s failed", post_id)
            self.count("actions", "late_failed")
            return
        self.count("actions", "late")
