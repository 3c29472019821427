"""One cached build: a folder made once under a key and found again by every worktree.

The main corpus (`corpus.build`), the hand-written families (`corpus.foreign.build`) and the
hard scans (`corpus.scans`) are each made into `<root>/<key>/` by the same steps: take a lock
(two sessions never build one folder twice), return the folder when its `manifest.json` is
there, else build into a temporary folder beside it, write the manifest and rename the
folder into place (a build cut short never leaves a half folder under the key).

Not part of any cache key: how a folder is cached does not change what is in it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


def manifest_entry(
    work: Path, stem: str, source: Any, family: str, fmt: str, path: Path, **extra: Any
) -> dict[str, Any]:
    """One document's manifest entry: `path` (inside the build folder `work`) rendered from
    `source` (a `corpus.sources.Source`) in `family` as `fmt`, its truth `truth/STEM.json`."""
    return {
        "id": path.name,
        "source": source.name,
        "origin": source.origin,
        "family": family,
        "format": fmt,
        "path": str(path.relative_to(work)),
        "truth": f"truth/{stem}.json",
        **extra,
    }


def write_truth(work: Path, stem: str, truth: dict[str, Any]) -> None:
    """A document's ground truth, `truth/STEM.json` in the build folder `work`."""
    (work / "truth" / f"{stem}.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), "utf-8"
    )


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` (made if missing) for the duration of the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def cached_build(
    target: Path,
    make: Callable[[Path], dict[str, Any]],
    *,
    lock: Path,
    prefix: str = "build-",
    force: bool = False,
    log: Callable[[str], None] | None = None,
    what: str = "built",
) -> Path:
    """`target`, made by `make(work)` if it has no manifest yet (or `force`).

    `make` writes the build's files into the empty folder `work` and returns its manifest
    (a dict); the manifest gets `build_seconds` and is written as `work/manifest.json`
    before `work` becomes `target`. `lock` is the lock file the build holds."""
    with locked(lock):
        if (target / "manifest.json").exists() and not force:
            return target
        started = time.perf_counter()
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
        try:
            manifest = make(work)
            manifest["build_seconds"] = round(time.perf_counter() - started, 1)
            (work / "manifest.json").write_text(
                json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8"
            )
            if target.exists():
                shutil.rmtree(target)
            work.rename(target)
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
        if log is not None:
            log(f"{what} in {manifest['build_seconds']} s: {target}")
    return target
