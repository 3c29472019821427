"""The layout corpus: `python -m corpus build` and `python -m corpus eval` (see README.md)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from corpus.build import build, default_cache_root, load_manifest


def add_eval_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--family", action="append", help="only this layout family (repeatable)")
    parser.add_argument(
        "--format", dest="fmt", action="append", help="only this format (repeatable)"
    )
    parser.add_argument("--source", action="append", help="only this source agreement")
    parser.add_argument("--show-misses", action="store_true", help="list what each document missed")
    parser.add_argument("--lowest", type=int, default=10, help="how many lowest documents to list")
    parser.add_argument("--jobs", type=int, default=2, help="documents imported at once")
    parser.add_argument(
        "--report", type=Path, default=Path(".cache") / "eval-report.json", help="JSON report"
    )
    parser.add_argument("--cache", type=Path, default=None, help="corpus cache folder")
    parser.add_argument(
        "--no-foreign",
        action="store_true",
        help="leave out the hand-written families (corpus/foreign)",
    )
    parser.add_argument(
        "--no-hard-scans",
        action="store_true",
        help="leave out the hard scans (corpus/scans.py: phone photos, fax, sideways, stamped)",
    )
    parser.add_argument(
        "--predictions",
        type=Path,
        default=None,
        help="write each document's imported JSON to this folder (ID.json)",
    )


def run_eval(args: argparse.Namespace) -> dict[str, object]:
    from corpus.evaluate import report, run, select

    started = time.perf_counter()
    folder = build(args.cache or default_cache_root(), log=lambda m: print(m, file=sys.stderr))
    manifest = load_manifest(folder)
    every = list(manifest["documents"])
    if not args.no_hard_scans:
        from corpus import scans

        every += scans.documents(folder)  # phone, fax, sideways, stamped
    if not args.no_foreign:
        from corpus.foreign.build import build_foreign

        foreign = build_foreign(
            args.cache or default_cache_root(), log=lambda m: print(m, file=sys.stderr)
        )
        every += [{**d, "folder": str(foreign)} for d in load_manifest(foreign)["documents"]]
    built = time.perf_counter() - started
    documents = select(every, family=args.family, fmt=args.fmt, source=args.source)
    if not documents:
        print("Ingen dokumenter matcher filteret.", file=sys.stderr)
        return {}
    started = time.perf_counter()
    results = run(folder, documents, jobs=args.jobs)
    seconds = time.perf_counter() - started
    if args.predictions:
        args.predictions.mkdir(parents=True, exist_ok=True)
        for result in results:
            (args.predictions / f"{result['id']}.json").write_text(
                json.dumps(result["prediction"], ensure_ascii=False, indent=1), "utf-8"
            )
    print(f"corpus {folder.name}: {len(documents)} documents")
    summary = report(results, show_misses=args.show_misses, lowest=args.lowest)
    print(
        f"corpus ready in {built:.1f} s (built in {manifest.get('build_seconds', '?')} s "
        f"when it was built); eval {seconds:.1f} s wall"
    )
    summary["corpus"] = str(folder)
    summary["eval_seconds"] = round(seconds, 1)
    summary["build_seconds"] = manifest.get("build_seconds")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(summary, ensure_ascii=False, indent=1), "utf-8")
    print(f"report: {args.report}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the corpus (cached) and print its folder")
    build_cmd.add_argument("--cache", type=Path, default=None)
    build_cmd.add_argument("--force", action="store_true", help="rebuild even if cached")
    eval_cmd = commands.add_parser("eval", help="import and score the corpus")
    add_eval_arguments(eval_cmd)
    args = parser.parse_args(argv)
    if args.command == "build":
        folder = build(args.cache or default_cache_root(), force=args.force)
        print(folder)
        return 0
    run_eval(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
