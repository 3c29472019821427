"""Keep cases of the hand-written families as permanent fixtures in tests/fixtures/layouts/.

    .venv/bin/python -m corpus.foreign.fixture SOURCE--FAMILY.FORMAT ...

Takes the document and its truth from the built families (our own sources only, never a
gold reading), copies them in as SOURCE--FAMILY--FORMAT.EXT and records a floor 0.02 below
the F1 the importer reaches now, so the case is held where it is."""

from __future__ import annotations

import json
import math
import shutil
import sys
from pathlib import Path

from corpus.build import default_cache_root, load_manifest
from corpus.fixture import FIXTURES
from corpus.foreign.build import build_foreign, foreign_sources

MARGIN = 0.02


def keep(document_id: str) -> tuple[str, float]:
    from corpus.evaluate import load_scorer
    from importing.errors import DocumentError
    from importing.pipeline import read_document

    folder = build_foreign(default_cache_root())
    own = {s.name for s in foreign_sources() if s.origin == "own"}
    entry = next(d for d in load_manifest(folder)["documents"] if d["id"] == document_id)
    if entry["source"] not in own:
        raise SystemExit(f"{document_id}: only our own sources become fixtures")
    source = folder / entry["path"]
    name = f"{entry['source']}--{entry['family']}--{entry['format']}{source.suffix}"
    FIXTURES.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, FIXTURES / name)
    truth = json.loads((folder / entry["truth"]).read_text("utf-8"))
    (FIXTURES / f"{Path(name).stem}.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    try:
        prediction = read_document(source.read_bytes(), name).agreement.to_dict()
    except DocumentError:
        prediction = {}
    f1 = float(load_scorer().score_document(truth, prediction).totals()["f1"])
    return name, max(0.0, math.floor((f1 - MARGIN) * 100) / 100)


def main(argv: list[str] | None = None) -> int:
    floors_path = FIXTURES / "floors.json"
    floors = json.loads(floors_path.read_text("utf-8")) if floors_path.exists() else {}
    for document_id in argv if argv is not None else sys.argv[1:]:
        name, floor = keep(document_id)
        floors[name] = floor
        print(f"{name}: floor {floor}")
    floors_path.write_text(json.dumps(dict(sorted(floors.items())), indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
