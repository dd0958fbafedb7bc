"""Regression gate: the extractor's scores on the labelled sets must not fall below floors.

The labelled minutes live outside the repository (``../shared/eval`` beside it, or
``$WP2BOT_EVAL_DIR``); without them this gate skips and says why. The figures are the lenient
ones printed by ``python benchmarks/extraction.py`` (see ``benchmarks/scoring.py``).
"""

from __future__ import annotations

import pytest

from benchmarks.scoring import SetResult, default_eval_dir, discover, score_set

# Floors a hair under today's figures. RAISE THEM as the extractor improves (run
# ``python benchmarks/extraction.py --no-speed`` and copy the new figures minus ~0.005); never
# lower one to make a change pass without saying in the commit which documents got worse and why.
FLOORS: dict[str, dict[str, float]] = {
    "dev": {"f1": 0.938, "owners": 0.968, "due": 0.964, "status": 0.964},
    "domain.txt": {"f1": 0.982, "owners": 0.982, "due": 0.982, "status": 0.995},
    "domain.html": {"f1": 0.985, "owners": 0.982, "due": 0.982, "status": 0.995},
}

EVAL_DIR = default_eval_dir()
pytestmark = pytest.mark.skipif(
    not EVAL_DIR.is_dir(), reason=f"labelled sets not found at {EVAL_DIR} (set WP2BOT_EVAL_DIR)"
)


@pytest.fixture(scope="module")
def results() -> dict[str, SetResult]:
    """Every labelled set, scored once for all the checks below."""
    return {spec.name: score_set(spec) for spec in discover(EVAL_DIR)}


def test_every_gated_set_is_present(results: dict[str, SetResult]) -> None:
    assert set(FLOORS) <= set(results), f"sets found: {sorted(results)}"


@pytest.mark.parametrize(
    ("set_name", "measure"), [(s, m) for s, floors in FLOORS.items() for m in floors]
)
def test_score_does_not_fall_below_its_floor(
    results: dict[str, SetResult], set_name: str, measure: str
) -> None:
    total = results[set_name].total()
    value = total.f1 if measure == "f1" else total.share(measure)
    floor = FLOORS[set_name][measure]
    assert value >= floor, (
        f"{set_name} {measure} fell to {value:.3f} (floor {floor:.3f}); "
        f"run python benchmarks/extraction.py --verbose --only {set_name} to see the changes"
    )
