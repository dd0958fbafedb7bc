"""``wp2bot run``: the bot, its HTTP endpoint, the scheduler and the probes in one process."""

from __future__ import annotations

import argparse
import asyncio

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import EXIT_CONFIG, CliError, app_from_args, fail


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``run`` subcommand."""
    p = add_command(
        sub,
        "run",
        description=(
            "Connect to Mattermost, serve the slash command, buttons, /healthz, /readyz and "
            "/metrics, and run reminders, the round-table, the chair's summary and the probes. "
            "SIGTERM finishes the work in flight and exits. Exit status 78 when the "
            "configuration has errors (those of `wp2bot config check`), the bot token is "
            "rejected or the HTTP port is taken, 69 when Mattermost cannot be reached at start."
        ),
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start everything and serve until stopped."""
    from wp2bot.adapters.http_imports import import_http_client
    from wp2bot.adapters.process_memory import limit_malloc_arenas

    limit_malloc_arenas()  # before any thread starts: its arena is the process's
    import_http_client()  # before anything imports httpx: trio and httpx's own CLI stay out
    from wp2bot.cli.checks import check_configuration
    from wp2bot.config import environ
    from wp2bot.runtime import RunError, build_runtime, freeze_startup_heap, serve

    report = check_configuration(getattr(args, "config", None), environ())
    if report.errors:  # exactly what `wp2bot config check` calls an error
        for problem in report.errors:
            fail(problem)
        return fail("not started; `wp2bot config check` lists the same problems", EXIT_CONFIG)
    try:
        app = app_from_args(args)
        runtime = build_runtime(app)
    except CliError as exc:  # the database down is 69, a bad secret file 78, ...
        return fail(str(exc), exc.code)
    except (RunError, ValueError) as exc:
        return fail(str(exc), EXIT_CONFIG)
    except RuntimeError as exc:
        return fail(str(exc))
    freeze_startup_heap()  # everything is wired: what is left to collect is what commands make
    try:
        return asyncio.run(serve(runtime))
    except RunError as exc:  # http.port taken by another process
        return fail(str(exc), EXIT_CONFIG)
