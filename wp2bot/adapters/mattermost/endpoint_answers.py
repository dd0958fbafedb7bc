"""The JSON the HTTP endpoint answers Mattermost with: a slash command's response, a click's update.

Buttons on an answer are signed and bound to where they may be clicked, until ``button_ttl``
from now. A click on one card of a post with several cards replaces that card only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from wp2bot.adapters.mattermost.attachments import render_card, render_cards
from wp2bot.adapters.mattermost.button_context import Binding, Verified
from wp2bot.adapters.mattermost.long_posts import fit_message
from wp2bot.chat import Card, CardPost, JSONValue, Reply, Request, without_buttons
from wp2bot.clock import Clock
from wp2bot.domain.mentions import chat_safe


@dataclass(frozen=True, slots=True)
class EndpointAnswers:
    """Renders replies as answer bodies; ``signing_secret`` signs the buttons' contexts."""

    signing_secret: bytes
    action_url: str  # public URL of /mattermost/actions, put into the buttons
    button_ttl: timedelta
    clock: Clock

    def bound(self, binding: Binding) -> Binding:
        """``binding`` valid until ``button_ttl`` from now."""
        expires = int((self.clock.now() + self.button_ttl).timestamp())
        return replace(binding, expires=expires)

    def attachments(self, cards: tuple[Card, ...], binding: Binding) -> list[JSONValue]:
        """The cards as attachments whose buttons are bound to ``binding``."""
        return render_cards(cards, self.action_url, self.signing_secret, self.bound(binding))

    def slash(self, reply: Reply, request: Request) -> dict[str, JSONValue]:
        """The response to a slash command, with its further replies as extra responses."""
        ephemeral = reply.ephemeral or not reply.ok
        # The server posts the answer; its id is never known here, so the buttons are bound
        # to the channel (and to the person for an answer only they see).
        binding = Binding("", request.channel_id, request.user_id if ephemeral else "")
        body: dict[str, JSONValue] = {
            "response_type": "ephemeral" if ephemeral else "in_channel",
            "text": chat_safe(reply.text),
            # An ephemeral answer is never stored: a button on it could not update it.
            "attachments": self.attachments(
                without_buttons(reply.cards) if ephemeral else reply.cards, binding
            ),
            # Without this the server's ProcessSlackText turns <!channel> and <@id> into pings.
            "skip_slack_parsing": True,
        }
        if reply.extra:
            body["extra_responses"] = [self.slash(extra, request) for extra in reply.extra]
        return body

    def click(
        self,
        reply: Reply,
        request: Request,
        verified: Verified,
        record: CardPost | None,
        *,
        keeping: bool,
    ) -> tuple[dict[str, JSONValue], CardPost | None]:
        """The answer to a click, and the post's new record when the post is updated.

        ``keeping``: the endpoint keeps the posts with cards (a click updates one card).
        """
        extra = "\n\n".join(chat_safe(e.text) for e in reply.extra)
        text = chat_safe(reply.text)
        if not reply.ok or reply.ephemeral:
            answer = f"{text}\n\n{extra}" if extra else text
            return {"ephemeral_text": answer, "skip_slack_parsing": True}, None
        if record is None:  # a post the bot did not keep (a slash answer): keep it from now on
            kept_as = request.post_id if keeping else ""
            binding = Binding(kept_as, request.channel_id, verified.binding.recipient)
            record = CardPost(request.post_id, request.post_id, request.channel_id, "", "", ())
        else:
            binding = Binding(record.nonce, record.channel_id, record.recipient)
        if len(record.attachments) > 1 and 0 <= verified.card < len(record.attachments):
            # One card of several: replace it, keep the post's text and every other card.
            card = reply.cards[0] if reply.cards else Card(text=text, color="good")
            rendered = render_card(
                card,
                self.action_url,
                self.signing_secret,
                index=verified.card,
                binding=self.bound(binding),
            )
            attachments = list(record.attachments)
            attachments[verified.card] = rendered
            message = record.message
            ephemeral = "\n\n".join(t for t in (text, extra) if t)
        else:
            attachments = self.attachments(reply.cards, binding)
            message, ephemeral = text, extra
        message = fit_message(message)
        update: dict[str, JSONValue] = {"message": message, "props": {"attachments": attachments}}
        body: dict[str, JSONValue] = {"update": update, "skip_slack_parsing": True}
        if ephemeral:
            body["ephemeral_text"] = ephemeral
        kept = CardPost(
            record.post_id,
            binding.post,
            binding.channel,
            binding.recipient,
            message,
            tuple(attachments),
        )
        return body, kept
