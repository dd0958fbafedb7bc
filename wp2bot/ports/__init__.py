"""Ports: the small Protocols services and commands depend on, and the values that cross them.

The storage adapters (``wp2bot.adapters.storage``), the Indico client, the probe registry and
the Prometheus metrics satisfy these; mypy checks it where the composition root wires them.
"""
