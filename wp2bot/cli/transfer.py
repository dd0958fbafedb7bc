"""``wp2bot export`` and ``wp2bot import``: move the tracked state in and out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import EXIT_DATA, app_from_args, fail


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``export`` and ``import``."""
    ex = add_command(sub, "export")
    ex.add_argument("--format", choices=("json", "csv"), default="json")
    ex.add_argument("-o", "--output", help="file to write (default: standard output)")
    ex.set_defaults(handler=run_export)
    im = add_command(sub, "import")
    im.add_argument("file", help="a file written by `wp2bot export --format json` (- = stdin)")
    im.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    """Write the export."""
    from wp2bot.adapters.storage.transfer_store import TransferStore
    from wp2bot.services.transfer import export_csv, export_json

    app = app_from_args(args)
    if args.format == "json":
        text = export_json(TransferStore(app.store.engine))
    else:
        text = export_csv(app.store)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            return fail(f"{args.output}: {exc.strerror or exc}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Read an export into the database."""
    from wp2bot.adapters.storage.transfer_store import TransferStore
    from wp2bot.services.transfer import ExportFormatError, import_json

    try:
        app = app_from_args(args)
        raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return fail(f"{args.file}: not a wp2bot export (binary or not UTF-8)", EXIT_DATA)
        imported, skipped = import_json(TransferStore(app.store.engine), text)
    except ExportFormatError as exc:
        return fail(f"{args.file}: {exc}", EXIT_DATA)
    except OSError as exc:
        return fail(f"{args.file}: {exc.strerror or exc}")
    print(f"imported {imported} action(s), skipped {skipped} already present")
    return 0
