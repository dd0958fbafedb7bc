"""Running one endpoint check."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from wp2bot.domain.health import CheckSpec, ProbeResult

# One check in, its result out; the prober enforces the check's timeout itself.
Prober = Callable[[CheckSpec], Awaitable[ProbeResult]]
