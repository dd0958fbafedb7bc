"""The extraction benchmark refuses a set filter that matches nothing, instead of timing no
documents and printing 0 KB/s."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.extraction import main


def test_a_filter_that_matches_no_set_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--eval-dir", str(tmp_path), "--only", "dev"]) == 2
    out = capsys.readouterr()
    assert "no labelled set starts with 'dev' (sets: none)" in out.err
    assert "KB/s" not in out.out
