"""Fixtures shared by the whole suite; each group lives in its own module under tests/."""

from tests.integration.indico_server import indico_server
from tests.integration.servers import servers
from tests.support.postgres import database_url, postgres_server

__all__ = ["database_url", "indico_server", "postgres_server", "servers"]
