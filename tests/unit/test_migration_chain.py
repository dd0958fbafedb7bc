"""The migrations form one line: unique revision ids, each revising the one before it.

Two branches that each add "the next" revision give two revisions with one id (Alembic then
sees one of them only) or two heads (``upgrade head`` refuses): this fails first, in seconds.
"""

from __future__ import annotations

import ast
from pathlib import Path

VERSIONS = Path(__file__).resolve().parents[2] / "wp2bot" / "migrations" / "versions"


def _revisions() -> dict[str, tuple[str | None, str]]:
    out: dict[str, tuple[str | None, str]] = {}
    for path in sorted(VERSIONS.glob("[0-9]*.py")):
        values: dict[str, str | None] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        values[target.id] = node.value.value
        revision = values["revision"]
        assert isinstance(revision, str), path.name
        assert revision not in out, f"{path.name} and {out[revision][1]} both are {revision}"
        out[revision] = (values.get("down_revision"), path.name)
    return out


def test_revisions_form_one_chain_in_file_order() -> None:
    revisions = _revisions()
    assert revisions, "no migrations found"
    previous = None
    for revision, (down, name) in revisions.items():
        assert down == previous, f"{name}: revises {down}, the revision before it is {previous}"
        assert name.startswith(revision + "_"), f"{name} is named after another revision"
        previous = revision
