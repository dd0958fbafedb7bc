"""The side-by-side extraction timing runs each checkout's own extractor in a child process,
and refuses to time a checkout whose wp2bot it did not import."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.extraction_side import HERE, child_speed, documents
from benchmarks.scoring import Counts, DocResult
from wp2bot.domain.models import MeetingContext, Participant

REPO = HERE.parents[1]
MINUTES = """# Storage WG

## Actions
- Ana to renew the host certificate by Friday
- CERN (Bo): will rerun the smoke tests
"""


def _doc(path: Path) -> DocResult:
    none = Counts()
    ctx = MeetingContext(
        meeting_date=dt.date(2026, 3, 4),
        timezone="Europe/Zurich",
        participants=(Participant("Ana Lima"),),
    )
    return DocResult("wg", "wg", path, ctx, [], [], [], [], [], [], [], none, none)


def test_the_documents_carry_what_every_revision_reads(tmp_path: Path) -> None:
    (tmp_path / "m.md").write_text(MINUTES, encoding="utf-8")
    assert json.loads(documents([_doc(tmp_path / "m.md")])) == [
        {
            "path": str(tmp_path / "m.md"),
            "date": "2026-03-04",
            "timezone": "Europe/Zurich",
            "participants": ["Ana Lima"],
        }
    ]


def test_a_child_times_the_checkout_it_is_given(tmp_path: Path) -> None:
    (tmp_path / "m.md").write_text(MINUTES, encoding="utf-8")
    assert child_speed(REPO, documents([_doc(tmp_path / "m.md")])) > 0


def test_a_checkout_without_wp2bot_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m.md").write_text(MINUTES, encoding="utf-8")
    elsewhere = tmp_path / "not-a-checkout"
    elsewhere.mkdir()
    with pytest.raises(subprocess.CalledProcessError) as failed:
        child_speed(elsewhere, documents([_doc(tmp_path / "m.md")]))
    assert f"not from {elsewhere}" in failed.value.stderr


def test_a_copy_of_the_package_is_the_one_timed(tmp_path: Path) -> None:
    # the child checks that wp2bot came from the checkout it was given, not the installed one
    (tmp_path / "m.md").write_text(MINUTES, encoding="utf-8")
    copy = tmp_path / "checkout"
    shutil.copytree(REPO / "wp2bot", copy / "wp2bot", ignore=shutil.ignore_patterns("__pycache__"))
    assert child_speed(copy, documents([_doc(tmp_path / "m.md")])) > 0
