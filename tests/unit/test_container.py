"""The container files hold together: what compose mounts is shipped, the image has no leftovers.

Docker itself is not needed: these read the files the way ``docker build`` and ``docker
compose`` would, so a missing file or a stray layer is caught on any machine.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _stages(dockerfile: str) -> list[str]:
    return re.split(r"(?m)^FROM ", dockerfile)[1:]


def test_the_image_keeps_only_the_virtualenv_and_has_the_xrootd_bindings() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    build, runtime = _stages(dockerfile)
    assert ".[postgres,xrootd]" in build
    assert "import XRootD.client" in build  # the build fails when the bindings are missing
    # no installer in the virtualenv the runtime stage copies (test_image_venv.py builds it)
    assert "python -m venv --without-pip /opt/wp2bot" in build
    assert "pip --python /opt/wp2bot/bin/python install" in build
    assert "/opt/wp2bot/bin/pip" not in build
    assert "COPY --from=build /opt/wp2bot /opt/wp2bot" in runtime
    assert "wheel" not in runtime.lower()
    assert "pip install" not in runtime
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "xrootd" in extras["optional-dependencies"]


def test_the_build_context_leaves_out_local_state() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", ".wp2bot", "tests", "benchmarks", "*.db", ".env"} <= ignored
    for needed in ("pyproject.toml", "README.md", "wp2bot", "data"):
        assert needed not in ignored


def test_compose_mounts_the_file_the_readme_copies_from_the_shipped_example() -> None:
    compose = (ROOT / "compose.yaml").read_text()
    readme = (ROOT / "README.md").read_text()
    source = re.search(r"source: \./(\S+)", compose)
    assert source is not None
    mounted = source.group(1)
    copy = re.search(rf"cp (\S+) {re.escape(mounted)}", readme)
    assert copy is not None, "the README must say how to create the mounted file"
    assert (ROOT / copy.group(1)).is_file()
    assert "create_host_path: false" in compose
    assert mounted in (ROOT / ".gitignore").read_text().split()
