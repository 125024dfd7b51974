"""Shared test fixtures: where the sample articles and the example corpus live."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EVAL_DATA = REPO.parent / "shared" / "eval"
EXAMPLES = REPO / "examples" / "kosovo-2023"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The real sample articles, read at test time (never copied into the repo)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL_DATA.is_dir():
        pytest.skip("../shared/eval is not present")
    return EVAL_DATA


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
