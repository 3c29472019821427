"""Import accuracy: the seeds against their gold readings, then the layout corpus.

.venv/bin/python -m corpus.seeds [--seeds DIR] [--show-misses] [--no-corpus]
                                   [--family F] [--format X] [--source S] [--report PATH]

Both are scored with ../shared/eval/score.py. The layout corpus (corpus/, built once and
cached under .cache/corpus/) renders our own fictional agreements and the gold readings in
eight layout families and every format; see corpus/README.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from importing.pipeline import read_document

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"


def load_scorer(shared: Path) -> ModuleType:
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("lbf_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(seeds: Path, *, show_misses: bool = False, out: Any = sys.stdout) -> dict[str, float]:
    scorer = load_scorer(seeds.parent)
    gold_dir = seeds / "gold"
    scores: dict[str, float] = {}
    overall = scorer.Tally()
    with tempfile.TemporaryDirectory(prefix="helhedsplan-eval-") as tmp:
        for seed in sorted(seeds.glob("*.txt")):
            result = read_document(seed.read_bytes(), seed.name)
            prediction = result.agreement.to_dict()
            pred_path = Path(tmp) / f"{seed.stem}.json"
            pred_path.write_text(json.dumps(prediction, ensure_ascii=False, indent=1), "utf-8")
            gold_path = gold_dir / f"{seed.stem}.json"
            if not gold_path.exists():
                print(f"{seed.stem}: no gold file", file=out)
                continue
            tally = scorer.score_document(json.loads(gold_path.read_text("utf-8")), prediction)
            total = tally.totals()
            scores[seed.stem] = total["f1"]
            overall.merge(tally)
            print(
                f"{seed.stem:28} F1 {total['f1']:.4f}  P {total['precision']:.4f}  "
                f"R {total['recall']:.4f}  ({total['matched']}/{total['gold']} gold, "
                f"{total['predicted']} predicted, {result.seconds:.2f} s)",
                file=out,
            )
            if show_misses:
                for kind, row in sorted(tally.kinds.items()):
                    if row[0] != row[1] or row[0] != row[2]:
                        print(f"    {kind:22} {row[0]}/{row[1]} gold, {row[2]} predicted", file=out)
                for miss in tally.misses:
                    print(f"    missed {miss}", file=out)
    total = overall.totals()
    print(
        f"{'all':28} F1 {total['f1']:.4f}  P {total['precision']:.4f}  R {total['recall']:.4f}",
        file=out,
    )
    scores["all"] = total["f1"]
    return scores


def main(argv: list[str] | None = None) -> int:
    from corpus.__main__ import add_eval_arguments, run_eval

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--no-corpus", action="store_true", help="score the seeds only")
    parser.add_argument("--no-seeds", action="store_true", help="score the layout corpus only")
    add_eval_arguments(parser)
    args = parser.parse_args(argv)
    if not args.seeds.exists():
        print(f"Seeds not found: {args.seeds}", file=sys.stderr)
        return 2
    if not args.no_seeds:
        print("== seeds (../shared/seeds)")
        evaluate(args.seeds, show_misses=args.show_misses)
    if not args.no_corpus:
        print("\n== layout corpus")
        run_eval(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
