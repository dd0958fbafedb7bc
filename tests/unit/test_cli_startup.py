"""The CLI starts without loading what its commands do not need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wp2bot.adapters.storage import Store, migrations
from wp2bot.cli import build_parser, command_word

# Prints the heavy packages a run of the CLI with these arguments imported.
PROBE = """
import sys
from wp2bot.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("sqlalchemy", "sqlmodel", "alembic", "mako", "pygments", "httpx", "dateparser")
print(" ".join(name for name in heavy if name in sys.modules))
"""


def loaded_by(*argv: str, env: dict[str, str] | None = None) -> set[str]:
    """The heavy packages ``wp2bot ARGV`` imports, from a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return set(out.splitlines()[-1].split()) if out.strip() else set()


def test_help_imports_no_database_and_no_http_client() -> None:
    assert loaded_by("--help") == set()


def test_probe_help_imports_no_database_and_no_http_client() -> None:
    assert loaded_by("probe", "--help") == set()


def test_an_up_to_date_database_opens_without_the_migration_stack(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/db.sqlite"
    Store.open(url).close()  # migrates: this one needs Alembic
    loaded = loaded_by("--config", "/dev/null", "actions", env={"WP2BOT_DATABASE_URL": url})
    assert "sqlalchemy" in loaded
    assert not loaded & {"alembic", "mako", "pygments", "dateparser", "httpx"}


def test_head_revision_from_the_files_is_alembics_head() -> None:
    assert migrations.head_revision() == migrations.alembic_head()


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["--help"], None),
        (["-v", "probe", "URL"], "probe"),
        (["--config", "actions", "summary"], "summary"),
        (["--log-json", "--", "db", "status"], "db"),
        ([], None),
    ],
)
def test_command_word_skips_global_options(argv: list[str], word: str | None) -> None:
    assert command_word(argv) == word


def test_only_the_chosen_command_gets_its_arguments() -> None:
    parser = build_parser(["import", "x.json"])
    args = parser.parse_args(["import", "x.json"])
    assert args.file == "x.json"
    assert callable(args.handler)
    assert parser.parse_args(["export", "--format", "csv"]).format == "csv"  # same module


def test_the_bot_loads_neither_dateparser_nor_unused_mattermost_endpoints() -> None:
    probe = (
        "import sys\n"
        "from wp2bot.adapters.mattermost.rest import MattermostRest\n"
        "from wp2bot.adapters.mattermost.address import ServerAddress\n"
        "import wp2bot.runtime\n"
        "MattermostRest(ServerAddress.parse('http://127.0.0.1:9'), 'token').close()\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('dateparser', "
        "'mattermostautodriver.endpoints.')))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [
        f"mattermostautodriver.endpoints.{n}"
        for n in ("_base", "channels", "posts", "teams", "users")
    ]


def test_the_whole_driver_package_still_imports_after_the_bot_loaded_its_parts() -> None:
    probe = (
        "import wp2bot.adapters.mattermost.rest\n"
        "from mattermostautodriver import TypedDriver\n"
        "print(TypedDriver.__name__, hasattr(TypedDriver, 'login'))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["TypedDriver", "True"]
