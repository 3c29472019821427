"""The built layout corpus, once per test session (cached in .cache/corpus/ across runs)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def built_corpus() -> Path:
    """The corpus folder; builds it with LibreOffice when the cache does not hold it yet."""
    from corpus.build import build

    return build(log=lambda message: print(message, file=sys.stderr))


@pytest.fixture(scope="session")
def corpus_manifest(built_corpus: Path) -> dict[str, Any]:
    from corpus.build import load_manifest

    return load_manifest(built_corpus)
