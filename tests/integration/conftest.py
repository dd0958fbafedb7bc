"""Fixtures shared by the integration tests.

``indico_server`` is defined here once so that the whole session starts one test Indico: a
session fixture imported into two test modules would be two fixtures, and two Indico starts.
"""

from collections.abc import Iterator

import pytest

from tests.integration.indico_server import indico_server
from tests.integration.test_run_process import Proc

__all__ = ["indico_server", "procs"]


@pytest.fixture
def procs() -> Iterator[list[Proc]]:
    """The ``wp2bot run`` processes a test starts; any still running is killed at its end."""
    started: list[Proc] = []
    yield started
    for p in started:
        if p.handle.poll() is None:
            p.handle.kill()
            p.handle.wait()
