"""The agreements the corpus renders: our own fictional ones, and the gold readings of the
seeds in ../shared when it is beside the repository (read at build time, never copied)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OWN_DIR = Path(__file__).resolve().parent / "sources"


def shared_dir() -> Path:
    """../shared beside the repository root (HELHEDSPLAN_SHARED overrides it)."""
    return Path(os.environ.get("HELHEDSPLAN_SHARED") or REPO.parent / "shared")


@dataclass(frozen=True)
class Source:
    name: str
    agreement: dict[str, Any]
    origin: str  # "own" or "gold"


def own_sources() -> list[Source]:
    return [
        Source(path.stem, json.loads(path.read_text("utf-8")), "own")
        for path in sorted(OWN_DIR.glob("*.json"))
    ]


def gold_sources(shared: Path | None = None) -> list[Source]:
    gold = (shared or shared_dir()) / "seeds" / "gold"
    if not gold.is_dir():
        return []
    return [
        Source("gold-" + path.stem[:3], json.loads(path.read_text("utf-8")), "gold")
        for path in sorted(gold.glob("*.json"))
    ]


def all_sources(shared: Path | None = None) -> list[Source]:
    return own_sources() + gold_sources(shared)
