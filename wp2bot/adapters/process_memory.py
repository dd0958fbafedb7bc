"""The C allocator's arenas of a long-running process, limited before its threads start.

glibc's ``malloc`` gives each thread that allocates while another holds an arena an arena of
its own, up to eight per core. ``wp2bot run`` has a thread per scheduled job, the default
executor's threads and the outbox's workers: each arena keeps the pages it once used, so that
after the first rounds over a large database the process is resident with several partly used
arenas (about 5 MB of the peak at 100,000 actions). Python's own allocator takes small objects
from its arenas and holds the GIL while it allocates, so that more than two C arenas buy the bot
almost no parallelism. ``MALLOC_ARENA_MAX``, when the operator set it, is glibc's own setting
and is left to glibc.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's malloc.h: the mallopt() parameter of the arena limit
ARENAS = 2


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Ask glibc for at most ``arenas`` malloc arenas; True when it took the setting. Nothing
    on another C library or platform, or when ``MALLOC_ARENA_MAX`` is in the environment."""
    if not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # musl and others have no mallopt
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    taken = bool(mallopt(M_ARENA_MAX, arenas))
    if not taken:
        log.debug("mallopt(M_ARENA_MAX, %d) was refused", arenas)
    return taken
