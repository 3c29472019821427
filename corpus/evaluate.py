"""Import every corpus document with the real importer and score it with ../shared/eval/score.py.

    .venv/bin/python -m corpus eval [--family F] [--format X] [--source S] [--show-misses]

Prints F1 per layout family and per format, the micro F1 over all documents and the lowest
documents, and writes a JSON report (default `.cache/eval-report.json` in the current
directory). Documents are imported two at a time (one per core).
"""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from corpus.sources import shared_dir

TARGET_MICRO = 0.95
TARGET_DOCUMENT = 0.85
TARGET_SCAN = 0.90


def load_scorer(shared: Path | None = None) -> ModuleType:
    path = (shared or shared_dir()) / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("lbf_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def select(
    documents: Iterable[dict[str, Any]],
    *,
    family: list[str] | None = None,
    fmt: list[str] | None = None,
    source: list[str] | None = None,
) -> list[dict[str, Any]]:
    return [
        d
        for d in documents
        if (not family or d["family"] in family)
        and (not fmt or d["format"] in fmt)
        and (not source or d["source"] in source)
    ]


_SCORER: ModuleType | None = None


def _score_one(job: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    """Import and score one document (runs in a worker process)."""
    from importing.errors import DocumentError
    from importing.pipeline import read_document

    global _SCORER
    if _SCORER is None:
        _SCORER = load_scorer()
    folder, doc = job
    folder = doc.get("folder", folder)  # the hand-written families live in their own folder
    path = Path(folder) / doc["path"]
    truth = json.loads((Path(folder) / doc["truth"]).read_text("utf-8"))
    started = time.perf_counter()
    error = None
    crashed = False
    warnings: list[str] = []
    try:
        result = read_document(path.read_bytes(), path.name)
        prediction = result.agreement.to_dict()
        warnings = list(result.warnings)
    except DocumentError as exc:
        prediction, error = {}, str(exc)
    except Exception as exc:  # an importer crash is a finding, not a reason to stop the eval
        prediction, error, crashed = {}, f"{type(exc).__name__}: {exc}", True
    seconds = time.perf_counter() - started
    tally = _SCORER.score_document(truth, prediction)
    return {
        **doc,
        "prediction": prediction,
        "seconds": round(seconds, 3),
        "error": error,
        "crashed": crashed,
        "warnings": warnings,
        "totals": tally.totals(),
        "kinds": tally.kinds,
        "misses": tally.misses,
    }


def run(folder: Path, documents: list[dict[str, Any]], *, jobs: int = 2) -> list[dict[str, Any]]:
    work = [(str(folder), d) for d in documents]
    # scans first: they are the slowest, so the pool ends evenly
    work.sort(key=lambda job: (not job[1]["format"].startswith("scan"), job[1]["id"]))
    if jobs <= 1 or len(work) <= 1:
        return [_score_one(job) for job in work]
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        return list(pool.imap_unordered(_score_one, work, chunksize=1))


def aggregate(results: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    scorer = load_scorer()
    groups: dict[str, Any] = {}
    lowest: dict[str, float] = {}
    counts: dict[str, int] = {}
    for result in results:
        name = "all" if key == "all" else result[key]
        tally = groups.setdefault(name, scorer.Tally())
        for kind, (m, g, p) in result["kinds"].items():
            tally.add(kind, m, g, p)
        counts[name] = counts.get(name, 0) + 1
        lowest[name] = min(lowest.get(name, 1.0), result["totals"]["f1"])
    return {
        name: {**tally.totals(), "documents": counts[name], "lowest": lowest[name]}
        for name, tally in sorted(groups.items())
    }


def by_kind(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    scorer = load_scorer()
    rows: dict[str, list[int]] = {}
    for result in results:
        for kind, (m, g, p) in result["kinds"].items():
            row = rows.setdefault(kind, [0, 0, 0])
            row[0] += m
            row[1] += g
            row[2] += p
    return {kind: scorer.f1(*row) for kind, row in sorted(rows.items())}


def _table(title: str, rows: dict[str, dict[str, Any]], out: TextIO) -> None:
    print(f"\n{title:22} {'docs':>5} {'F1':>7} {'P':>7} {'R':>7} {'lowest':>7}", file=out)
    for name, row in rows.items():
        print(
            f"{name:22} {row['documents']:5d} {row['f1']:7.4f} {row['precision']:7.4f} "
            f"{row['recall']:7.4f} {row['lowest']:7.4f}",
            file=out,
        )


def _matrix(results: list[dict[str, Any]], out: TextIO) -> None:
    """F1 per family (rows) and format (columns)."""
    scorer = load_scorer()
    formats = sorted({r["format"] for r in results})
    families = sorted({r["family"] for r in results})
    cells: dict[tuple[str, str], Any] = {}
    for result in results:
        tally = cells.setdefault((result["family"], result["format"]), scorer.Tally())
        for kind, (m, g, p) in result["kinds"].items():
            tally.add(kind, m, g, p)
    width = max(7, *(len(f) + 1 for f in formats))
    print(f"\n{'family x format':22}" + "".join(f"{f:>{width}}" for f in formats), file=out)
    for family in families:
        row = "".join(
            f"{cells[(family, f)].totals()['f1']:>{width}.2f}"
            if (family, f) in cells
            else f"{'':>{width}}"
            for f in formats
        )
        print(f"{family:22}{row}", file=out)


def report(
    results: list[dict[str, Any]],
    *,
    show_misses: bool = False,
    lowest: int = 10,
    out: TextIO = sys.stdout,
) -> dict[str, Any]:
    families = aggregate(results, "family")
    formats = aggregate(results, "format")
    overall = aggregate(results, "all").get("all", {})
    _table("family", families, out)
    _table("format", formats, out)
    _matrix(results, out)
    kinds = by_kind(results)
    print(f"\n{'kind':22} {'gold':>5} {'pred':>5} {'F1':>7}", file=out)
    for kind, row in kinds.items():
        print(f"{kind:22} {row['gold']:5d} {row['predicted']:5d} {row['f1']:7.4f}", file=out)
    ranked = sorted(results, key=lambda r: (r["totals"]["f1"], r["id"]))
    print(f"\nlowest {min(lowest, len(ranked))} documents:", file=out)
    for result in ranked[:lowest]:
        t = result["totals"]
        note = f"  ERROR {result['error'][:90]}" if result["error"] else ""
        print(
            f"  {result['id']:60} F1 {t['f1']:.4f} ({t['matched']}/{t['gold']} gold, "
            f"{t['predicted']} predicted, {result['seconds']:.2f} s){note}",
            file=out,
        )
    if show_misses:
        for result in ranked:
            if result["totals"]["f1"] >= 1.0:
                continue
            print(f"\n== {result['id']}  F1 {result['totals']['f1']:.4f}", file=out)
            if result["error"]:
                print(f"    error: {result['error']}", file=out)
            for kind, (m, g, p) in sorted(result["kinds"].items()):
                if not m == g == p:
                    print(f"    {kind:22} {m}/{g} gold, {p} predicted", file=out)
            for miss in result["misses"]:
                print(f"    missed {miss}", file=out)
    scans = [r for r in results if r["format"].startswith("scan")]
    scan_f1 = aggregate(scans, "all").get("all", {}).get("f1") if scans else None
    below = [r["id"] for r in results if r["totals"]["f1"] < TARGET_DOCUMENT]
    seconds = sum(r["seconds"] for r in results)
    if overall:
        print(
            f"\nmicro F1 {overall['f1']:.4f} (P {overall['precision']:.4f}, "
            f"R {overall['recall']:.4f}) over {len(results)} documents; "
            f"{len(below)} below {TARGET_DOCUMENT}; scans "
            f"{'-' if scan_f1 is None else f'{scan_f1:.4f}'}; import {seconds:.1f} s in all",
            file=out,
        )
        print(
            f"target: micro F1 >= {TARGET_MICRO}, no document < {TARGET_DOCUMENT}, "
            f"scans >= {TARGET_SCAN}",
            file=out,
        )
    return {
        "overall": overall,
        "scans": scan_f1,
        "families": families,
        "formats": formats,
        "kinds": kinds,
        "below_document_target": below,
        "import_seconds": round(seconds, 1),
        "documents": [
            {
                k: r[k]
                for k in (
                    "id",
                    "source",
                    "origin",
                    "family",
                    "format",
                    "seconds",
                    "error",
                    "crashed",
                )
            }
            | {
                "f1": r["totals"]["f1"],
                "totals": r["totals"],
                "kinds": r["kinds"],
                "misses": r["misses"],
                "warnings": r["warnings"],
            }
            for r in ranked
        ],
    }
