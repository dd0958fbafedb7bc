"""A protocol-faithful fake Mattermost server (REST subset, websocket, integrations) for tests."""

from tests.fakes.mattermost.server import FakeMattermost, Fault

__all__ = ["FakeMattermost", "Fault"]
