"""A real PostgreSQL server for the test session, started by the project's own script."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts" / "servers"


def have_postgres() -> bool:
    """Whether this machine has PostgreSQL's server binaries (``scripts/test.sh`` installs them)."""
    return (
        any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
        if Path("/usr/lib/postgresql").is_dir()
        else shutil.which("initdb") is not None
    )


@contextmanager
def postgres_cluster(prefix: str = "wp2bot-pg-") -> Iterator[str]:
    """A throw-away PostgreSQL cluster on loopback, started and stopped by the project's scripts.

    Yields the URL of its ``wp2bot`` database; raises ``RuntimeError`` when it does not start.
    """
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    done = subprocess.run(
        ["bash", str(SCRIPTS / "postgres-start.sh"), str(workdir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        shutil.rmtree(workdir, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {done.stderr.strip()}")
    try:
        yield done.stdout.strip()
    finally:
        subprocess.run(
            ["bash", str(SCRIPTS / "postgres-stop.sh"), str(workdir)],
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server on loopback (one cluster for the whole session)."""
    if not have_postgres():
        pytest.skip("PostgreSQL server binaries are missing (scripts/test.sh installs them)")
    with postgres_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: an SQLite file, and a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'wp2bot.db'}"
    base: str = request.getfixturevalue("postgres_server")
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + "/" + name


@contextmanager
def benchmark_cluster(prefix: str) -> Iterator[str | None]:
    """A throw-away server for a benchmark; None (with the reason printed) when it cannot run."""
    if not have_postgres():
        print("PostgreSQL skipped: its server binaries are missing (scripts/test.sh installs them)")
        yield None
        return
    with ExitStack() as stack:
        try:
            url = stack.enter_context(postgres_cluster(prefix))
        except RuntimeError as failed:
            print(f"PostgreSQL skipped: {str(failed)[:200]}")
            yield None
            return
        yield url
