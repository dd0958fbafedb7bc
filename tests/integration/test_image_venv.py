"""The image's virtualenv, built outside Docker with the Dockerfile's own build-stage lines.

No Docker daemon is needed: the build stage's ``ENV``, ``WORKDIR``, ``COPY`` and ``RUN`` lines
are read from the Dockerfile and run here as ``docker build`` would run them, with the image's
paths (``/opt/wp2bot``, the work directory) moved under a temporary folder and ``python`` being
this interpreter's base Python (the image's is the same minor version). The virtualenv that
the runtime stage copies must then run wp2bot, import the XRootD bindings and psycopg, and hold
no installer (pip, setuptools, wheel) and no bytecode caches.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
VENV = "/opt/wp2bot"  # where the build stage makes the virtualenv the runtime stage copies
INSTALLERS = ("pip", "setuptools", "wheel", "pkg_resources", "_distutils_hack")


def instructions(stage: str) -> list[tuple[str, str]]:
    """(keyword, arguments) of each instruction, continuation lines joined, comments left out."""
    lines = [line for line in stage.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    found = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def build_stage() -> tuple[str, list[tuple[str, str]]]:
    """The build stage's base image and instructions."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = re.split(r"(?m)^FROM ", dockerfile)[1:]
    build = next(s for s in stages if re.match(r"\S+ AS build\b", s, re.IGNORECASE))
    image, _, rest = build.partition("\n")
    return image.split()[0], instructions(rest)


def ignored(name: str, patterns: list[str]) -> bool:
    """Whether ``.dockerignore`` leaves a file of this name out of the build context."""
    return any(fnmatch.fnmatch(name, p.removeprefix("**/")) for p in patterns)


def copy_in(sources: list[str], dest: Path) -> None:
    """``COPY`` from the repository, as the build context holds it."""
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for source in sources:
        origin = ROOT / source
        if origin.is_dir():
            shutil.copytree(
                origin,
                dest if len(sources) == 1 else dest / origin.name,
                ignore=lambda _, names: [n for n in names if ignored(n, patterns)],
                dirs_exist_ok=True,
            )
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, dest / origin.name)


def base_python(folder: Path) -> Path:
    """A ``python`` command that runs this interpreter's base Python (not the test virtualenv)."""
    folder.mkdir()
    command = folder / "python"
    command.write_text(f'#!/bin/sh\nexec {shlex.quote(sys._base_executable)} "$@"\n')
    command.chmod(0o755)
    return folder


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    image, steps = build_stage()
    tag = re.match(r"python:(\d+)\.(\d+)", image)
    assert tag is not None, image
    if (int(tag[1]), int(tag[2])) != sys.version_info[:2]:
        pytest.skip(f"the image builds on Python {tag[1]}.{tag[2]}, this is {sys.version[:4]}")
    root = tmp_path_factory.mktemp("image")
    prefix = root / "opt-wp2bot"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WP2BOT_", "VIRTUAL_ENV"))}
    env["PATH"] = f"{base_python(root / 'bin')}{os.pathsep}{env['PATH']}"
    workdir = root
    for keyword, args in steps:
        args = args.replace(VENV, str(prefix))
        if keyword == "ENV":
            env.update(pair.split("=", 1) for pair in shlex.split(args))
        elif keyword == "WORKDIR":
            workdir = root / args.lstrip("/")
            workdir.mkdir(parents=True, exist_ok=True)
        elif keyword == "COPY":
            *sources, dest = shlex.split(args)
            copy_in(sources, workdir / dest)
        elif keyword == "RUN":
            done = subprocess.run(
                ["/bin/sh", "-c", args], cwd=workdir, env=env, capture_output=True, text=True,
                timeout=900, check=False,
            )  # fmt: skip
            assert done.returncode == 0, f"RUN {args}\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        else:
            raise AssertionError(f"the test does not know the build stage's {keyword}")
    return prefix


def in_image(*command: str | Path) -> subprocess.CompletedProcess[str]:
    """Run a command of the virtualenv as the runtime stage does (no bytecode written)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WP2BOT_", "VIRTUAL_ENV"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # the runtime stage's ENV
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_the_runtime_virtualenv_runs_wp2bot_with_the_xrootd_bindings(venv: Path) -> None:
    check = "import XRootD.client, psycopg, wp2bot.cli; print(XRootD.client.__name__)"
    done = in_image(venv / "bin" / "python", "-c", check)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "XRootD.client"
    helped = in_image(venv / "bin" / "wp2bot", "--help")
    assert helped.returncode == 0, helped.stderr
    assert "COMMAND" in helped.stdout


def test_the_runtime_virtualenv_keeps_no_installer_and_no_caches(venv: Path) -> None:
    find = f"import importlib.util as u; print([m for m in {INSTALLERS!r} if u.find_spec(m)])"
    done = in_image(venv / "bin" / "python", "-c", find)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    commands = sorted(p.name for p in (venv / "bin").iterdir())
    assert not [c for c in commands if c.startswith(("pip", "wheel", "easy_install"))], commands
    site = next(venv.glob("lib/python*/site-packages"))
    dists = [p.name.lower() for p in site.glob("*.dist-info")]
    assert not [d for d in dists if d.startswith(tuple(f"{i}-" for i in INSTALLERS))], dists
    assert not list(venv.rglob("__pycache__"))  # the image is built without bytecode caches
