"""Fixtures shared by the integration tests.

``indico_server`` is defined here once so that the whole session starts one test Indico: a
session fixture imported into two test modules would be two fixtures, and two Indico starts.
"""

from tests.integration.indico_server import indico_server

__all__ = ["indico_server"]
