"""The ``wp2bot`` console script and ``python -m wp2bot``: the CLI with a start-up that skips the
cyclic garbage collector's passes over the modules it imports.

While a command imports its libraries the collector runs a full pass every few thousand new
objects, and each pass walks every object imported so far: modules, classes and functions that
are never garbage. A one-shot command that allocates little (``QUICK``: ``wp2bot probe URL``)
keeps the collector off for its whole run and freezes what it holds before the interpreter's
exit, whose final collection then skips it: about a fifth of the command's wall time. Every other
command turns the collector back on before it starts its work (reference counting frees all else
as usual), so a long run of the bot or an extraction of a large file collects as ever.
"""

from __future__ import annotations

import gc
import sys

# Commands that do little work after their imports and never run long.
QUICK = frozenset({"probe"})


def main() -> int:
    """Run the CLI on ``sys.argv``; the exit status."""
    gc.disable()
    from wp2bot.cli import command_word
    from wp2bot.cli import main as cli_main

    argv = sys.argv[1:]
    quick = command_word(argv) in QUICK
    if not quick:
        gc.enable()
    code = cli_main(argv)
    if quick:
        gc.freeze()  # the interpreter's last collection need not walk what the run imported
    return code
