"""Fixtures shared by the whole suite; each group lives in its own module under tests/."""

from tests.integration.servers import servers
from tests.support.postgres import database_url, postgres_server

__all__ = ["database_url", "postgres_server", "servers"]
