"""``wp2bot board``: serve the read-only web board alone (no Mattermost needed)."""

from __future__ import annotations

import argparse

from wp2bot.cli.catalog import add_command
from wp2bot.cli.common import app_from_args, fail


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``board`` subcommand."""
    p = add_command(
        sub,
        "board",
        description="Serve the web board (actions, live status, meetings, search) on this "
        "machine and print a personal link to it. `wp2bot run` serves the same pages under "
        "/board/ of its HTTP endpoint, and `@wp2bot board` answers each person their link.",
    )
    p.add_argument("--host", default="127.0.0.1", help="listen address (default: loopback)")
    p.add_argument("--port", type=int, default=8066, help="listen port (0: any free port)")
    p.add_argument("--user", help="whom the printed link is for (default: the console user)")
    p.add_argument("--member", action="store_true", help="a member's link, not a chair's")
    p.add_argument("--days", type=int, default=7, help="how long the link is valid")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    import secrets as random_secrets
    import socket
    from datetime import timedelta

    import uvicorn
    from starlette.applications import Starlette

    from wp2bot.adapters.board import board_routes
    from wp2bot.domain.board_access import BoardRole, sign_link

    if args.days < 1:
        return fail("--days must be at least 1", 2)
    app = app_from_args(args)
    # without a configured action secret the links are signed with a key of this run only
    secret = (app.secrets.action_secret or random_secrets.token_urlsafe(32)).encode()
    sock = socket.socket()
    try:
        sock.bind((args.host, args.port))
    except OSError as err:
        return fail(f"cannot listen on {args.host}:{args.port}: {err.strerror}", 69)
    host, port = sock.getsockname()[:2]
    role = BoardRole.MEMBER if args.member else BoardRole.CHAIR
    user = args.user or app.settings.console_user
    token = sign_link(secret, user, role, app.clock.now() + timedelta(days=args.days))
    print(f"The board for {user} ({role.value}), valid {args.days} days:", flush=True)
    print(f"http://{host}:{port}/board/?t={token}", flush=True)
    web = Starlette(routes=board_routes(app.board(), secret, app.clock))
    config = uvicorn.Config(web, log_level="warning", lifespan="off")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        app.store.close()
    return 0
