"""Everything that speaks Mattermost: REST, the websocket loop, the bot, and message attachments."""
