"""The numbers the bot exports (Prometheus in production)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from wp2bot.domain.health import CheckSpec, ProbeResult


class ProbeMetricsSink(Protocol):
    """Takes each sweep's probe results."""

    def update(self, results: Iterable[ProbeResult], specs: Mapping[str, CheckSpec]) -> None:
        """Record a batch of results."""
        ...


class ActionMetricsSink(Protocol):
    """Takes the open and overdue actions per site."""

    def set_actions(
        self, open_by_site: Mapping[str, int], overdue_by_site: Mapping[str, int]
    ) -> None:
        """Replace the per-site counts."""
        ...
