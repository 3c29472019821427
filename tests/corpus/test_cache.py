"""The one cached build (corpus/cache.py) the main corpus, the hand-written families and the
hard scans share: made once under its key, found again, never left half made."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpus.cache import cached_build


def test_a_folder_is_made_once_and_found_again(tmp_path: Path):
    calls: list[Path] = []

    def make(work: Path) -> dict[str, Any]:
        calls.append(work)
        (work / "a.txt").write_text("a", "utf-8")
        return {"documents": []}

    target = tmp_path / "key1"
    assert cached_build(target, make, lock=tmp_path / ".lock") == target
    assert cached_build(target, make, lock=tmp_path / ".lock") == target
    assert len(calls) == 1
    manifest = json.loads((target / "manifest.json").read_text("utf-8"))
    assert manifest["documents"] == [] and "build_seconds" in manifest
    assert (target / "a.txt").read_text("utf-8") == "a"
    cached_build(target, make, lock=tmp_path / ".lock", force=True)
    assert len(calls) == 2


def test_a_build_that_fails_leaves_nothing_under_its_key(tmp_path: Path):
    def make(work: Path) -> dict[str, Any]:
        (work / "half.txt").write_text("half", "utf-8")
        raise RuntimeError("LibreOffice stopped")

    with pytest.raises(RuntimeError):
        cached_build(tmp_path / "key2", make, lock=tmp_path / ".lock")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock"]


def test_the_cache_plumbing_is_no_part_of_the_main_corpus_key():
    from corpus.build import NOT_IN_KEY

    assert "cache.py" in NOT_IN_KEY
