"""The seed agreements in ../shared score at least the agreed F1 against their gold files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from importing.eval import evaluate

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"

pytestmark = [
    pytest.mark.needs_shared,
    pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not checked out next to the repo"),
]


def test_seed_f1_meets_the_targets():
    scores = evaluate(SEEDS, out=io.StringIO())
    for name, score in scores.items():
        if name == "all":
            continue
        target = 0.90 if name.startswith("000") else 0.97
        assert score >= target, f"{name}: F1 {score:.4f} < {target}"
