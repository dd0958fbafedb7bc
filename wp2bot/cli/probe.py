"""``wp2bot probe URL``: run one storage smoke test now and print its stages."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from wp2bot.adapters.probes.schemes import STORAGE_SCHEMES
from wp2bot.cli.catalog import add_command

if TYPE_CHECKING:
    from wp2bot.domain.health import ProbeResult


def register(subparsers: Any) -> None:
    """Add the ``probe`` subcommand."""
    p = add_command(
        subparsers,
        "probe",
        description=(
            "Smoke-test one storage endpoint: stat the base path, make a test directory, "
            "upload a small random file, download and compare it, compare the server's "
            "adler32 with the local one, delete. Exit status 0 only when no stage failed "
            "(a server without checksums gets the checksum stage skipped, not failed). "
            f"URL schemes: {', '.join(STORAGE_SCHEMES)}."
        ),
    )
    p.add_argument("url", help="base path to test in, e.g. davs://host:2880/pnfs/.../test/")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S", help="whole-probe limit")
    p.add_argument("--ca", metavar="FILE|DIR", help="CA bundle file or hashed CA directory")
    p.add_argument("--token-file", metavar="F", help="file holding a bearer token")
    p.add_argument("--cert", metavar="F", help="X.509 client certificate (or grid proxy)")
    p.add_argument("--key", metavar="F", help="key of --cert (omit for a proxy)")
    p.set_defaults(handler=run)


def render_text(result: ProbeResult) -> str:
    """A human-readable table of the stages."""
    lines = [f"{result.url}: {'OK' if result.ok else 'FAILED'} ({result.seconds:.3f} s)"]
    for s in result.stages:
        error = f"  {s.error}" if s.error else ""
        lines.append(f"  {s.name:<9} {s.status.value:<8} {s.seconds:7.3f} s{error}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run the probe; 0 when no stage failed, 1 when one did, 2 on a usage error."""
    import asyncio

    from wp2bot.adapters.http_imports import import_http_client

    import_http_client()  # before anything imports httpx: the lean import is the first one
    from wp2bot.adapters.probes.registry import ProbeRunner, storage_spec
    from wp2bot.clock import SystemClock
    from wp2bot.domain.health import Credentials

    if args.key and not args.cert:
        print("wp2bot probe: --key needs --cert", file=sys.stderr)
        return 2
    if args.timeout <= 0:
        print("wp2bot probe: --timeout must be positive", file=sys.stderr)
        return 2
    creds = Credentials(token_file=args.token_file, cert=args.cert, key=args.key, ca=args.ca)
    try:
        spec = storage_spec(args.url, creds, args.timeout)
    except ValueError as exc:
        print(f"wp2bot probe: {exc}", file=sys.stderr)
        return 2
    result = asyncio.run(ProbeRunner(SystemClock(), threaded_http=True)(spec))
    if args.format == "json":
        print(json.dumps(result.as_json()))
    else:
        print(render_text(result))
    return 0 if result.ok else 1
