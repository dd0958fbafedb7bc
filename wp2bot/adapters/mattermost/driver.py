"""The parts of ``mattermostautodriver`` the bot calls, without importing the rest of it.

The package's ``__init__`` imports its driver, and the driver imports every endpoint group of
the API (about 70 modules), its async client and its websocket. The bot needs the blocking
client, the exceptions and four endpoint groups. ``Driver`` builds just those: the package
and its ``driver`` subpackage are entered in ``sys.modules`` without running their
``__init__``, which runs the first time anything else is asked of them, so that an
``import mattermostautodriver`` elsewhere still gets the whole package.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any

PACKAGE = "mattermostautodriver"


def _bare(name: str) -> None:
    """Enter package ``name`` in ``sys.modules`` with its ``__init__`` deferred."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"{name} is not installed")
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def load_whole(attribute: str) -> object:
        # A name the bare package lacks: run its own __init__ once, then look again.
        del package.__dict__["__getattr__"]
        loader.exec_module(package)
        return getattr(package, attribute)

    package.__dict__["__getattr__"] = load_whole
    sys.modules[name] = package
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, package)


def _module(name: str) -> ModuleType:
    """A module of the package, its parent packages entered bare first."""
    _bare(PACKAGE)
    _bare(f"{PACKAGE}.driver")
    return importlib.import_module(f"{PACKAGE}.{name}")


_errors = _module("exceptions")
# Any: the package has no type hints, and these carry its extra attributes (status_code, ...)
MattermostError: Any = _errors.MattermostError
InvalidMattermostError: Any = _errors.InvalidMattermostError
TooManyRequests: Any = _errors.TooManyRequests


class Driver:
    """What the bot uses of ``TypedDriver``: ``client``, ``users``, ``teams``, ``channels``,
    ``posts`` and ``close()``; ``options`` as ``TypedDriver`` takes them."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = {**_module("driver.base").BaseDriver.default_options, **options}
        self.client: Any = _module("client").Client(self.options)
        self.users: Any = _module("endpoints.users").Users(self.client)
        self.teams: Any = _module("endpoints.teams").Teams(self.client)
        self.channels: Any = _module("endpoints.channels").Channels(self.client)
        self.posts: Any = _module("endpoints.posts").Posts(self.client)

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()
