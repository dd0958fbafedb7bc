"""Operator commands: ``wp2bot config check``, ``wp2bot db upgrade``, ``wp2bot db status``."""

from __future__ import annotations

import argparse

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import fail, settings_from_args


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``config`` and ``db`` subcommands."""
    cfg = add_command(sub, "config")
    cfg_sub = cfg.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    check = cfg_sub.add_parser("check", help="report every configuration error at once")
    check.set_defaults(handler=config_check)

    db = add_command(sub, "db")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser("upgrade", help="migrate the database schema to this version")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(handler=db_upgrade)
    st = db_sub.add_parser("status", help="show the schema revision of the database")
    st.set_defaults(handler=db_status)


def config_check(args: argparse.Namespace) -> int:
    """Load settings, secrets and data files; print every problem with where it is."""
    from wp2bot.cli.checks import check_configuration
    from wp2bot.config import environ

    report = check_configuration(args.config, environ())
    for problem in report.errors:
        print(f"error: {problem}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    if report.errors:
        return 1
    print("configuration OK")
    return 0


def db_upgrade(args: argparse.Namespace) -> int:
    """Migrate the configured database."""
    from wp2bot.adapters.storage import migrations
    from wp2bot.adapters.storage.store import make_engine

    engine = make_engine(settings_from_args(args).database_url)
    try:
        before = migrations.current_revision(engine)
        migrations.upgrade(engine, args.revision)
        after = migrations.current_revision(engine)
    except RuntimeError as exc:
        return fail(str(exc))
    finally:
        engine.dispose()
    print(f"database schema: {before or 'empty'} -> {after}")
    return 0


def db_status(args: argparse.Namespace) -> int:
    """Print the database's revision and this version's newest one."""
    from wp2bot.adapters.storage import migrations
    from wp2bot.adapters.storage.store import make_engine

    engine = make_engine(settings_from_args(args).database_url)
    try:
        current = migrations.current_revision(engine)
    finally:
        engine.dispose()
    head = migrations.head_revision()
    state = "up to date" if current == head else "needs `wp2bot db upgrade`"
    print(f"database: {current or 'empty'}; this version: {head} ({state})")
    return 0
