"""Import the HTTP client stack without the optional packages it loads and wp2bot never uses."""

from __future__ import annotations

import importlib
import sys

# httpx imports its own command-line tool (click, rich, pygments) whenever those are installed,
# and httpcore imports all of trio whenever trio is installed, only to learn whether it runs
# under trio. wp2bot never runs httpx's tool and runs httpx on asyncio only.
HIDDEN_WHILE_IMPORTING = ("httpx._main", "trio")


def import_http_client() -> None:
    """Import httpx and httpcore with ``HIDDEN_WHILE_IMPORTING`` hidden, once per process.

    In a development install (selenium brings trio, import-linter brings rich) those packages
    are about 300 ms of CPU of a short command's start-up. They are hidden only while the two
    import (a module set to None in ``sys.modules`` fails to import, as if absent) and are
    importable again afterwards for whoever wants them; httpx then offers its fallback
    ``httpx.main`` and httpcore refuses to run under trio, which wp2bot never asks it to.
    Does nothing when httpx or httpcore is already imported (what they found stays).
    """
    if "httpx" in sys.modules or "httpcore" in sys.modules:
        return
    hidden = [name for name in HIDDEN_WHILE_IMPORTING if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        importlib.import_module("httpcore")
        importlib.import_module("httpx")
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
