"""Keep one corpus case as a permanent fixture in tests/fixtures/layouts/.

    .venv/bin/python -m corpus.fixture SOURCE FAMILY FORMAT [--name NAME] [--floor F1]

Renders our own fictional SOURCE (corpus/sources/SOURCE.json, never a gold reading: those
come from the seeds and stay out of the repository) in FAMILY, converts it to FORMAT (docx,
pdf, odt, html, text-wrap, text-layout, text-oneline, html-wrap, scan-pdf, scan-png), writes
the document and its truth, and records the floor (default: the F1 the importer reaches now).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

from corpus.build import EXTENSIONS, Scan, convert_all, make_scan, pasted_text, wrap_html_source
from corpus.layouts import FAMILIES
from corpus.render import render
from corpus.sources import REPO, own_sources

FIXTURES = REPO / "tests" / "fixtures" / "layouts"


def make(source: str, family: str, fmt: str, name: str | None = None) -> tuple[Path, Path]:
    agreement = {s.name: s.agreement for s in own_sources()}[source]
    data, truth = render(agreement, FAMILIES[family])
    stem = name or f"{source}--{family}--{fmt}"
    FIXTURES.mkdir(parents=True, exist_ok=True)
    document = FIXTURES / (stem + EXTENSIONS[fmt])
    with tempfile.TemporaryDirectory(prefix="corpus-fixture-") as tmp:
        work = Path(tmp)
        docx = work / f"{stem}.docx"
        docx.write_bytes(data)
        if fmt == "docx":
            document.write_bytes(data)
        else:
            needs = {"odt": "odt", "html": "html", "html-wrap": "html"}.get(fmt, "pdf")
            convert_all({needs: [docx]}, work, work)
            converted = work / (stem + EXTENSIONS[needs])
            if fmt in ("pdf", "odt", "html"):
                document.write_bytes(converted.read_bytes())
            elif fmt == "html-wrap":
                document.write_text(wrap_html_source(converted.read_text("utf-8")), "utf-8")
            elif fmt.startswith("text-"):
                document.write_text(pasted_text(converted, fmt), "utf-8")
            else:
                scan = Scan(source, family, 200, 1.1, as_png=fmt == "scan-png")
                document.write_bytes(make_scan(converted, scan))
    truth_path = FIXTURES / f"{stem}.json"
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return document, truth_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source")
    parser.add_argument("family", choices=sorted(FAMILIES))
    parser.add_argument("format", choices=sorted(EXTENSIONS))
    parser.add_argument("--name")
    parser.add_argument("--floor", type=float)
    args = parser.parse_args(argv)
    document, truth = make(args.source, args.family, args.format, args.name)
    floor = args.floor
    if floor is None:
        from corpus.evaluate import load_scorer
        from importing.errors import DocumentError
        from importing.pipeline import read_document

        try:
            prediction = read_document(document.read_bytes(), document.name).agreement.to_dict()
        except DocumentError:  # not read at all: a floor of 0 until the importer reads it
            prediction = {}
        score = load_scorer().score_document(json.loads(truth.read_text("utf-8")), prediction)
        floor = float(score.totals()["f1"])
    floors_path = FIXTURES / "floors.json"
    floors = json.loads(floors_path.read_text("utf-8")) if floors_path.exists() else {}
    floors[document.name] = math.floor(floor * 100) / 100  # never above what it reaches
    floors_path.write_text(json.dumps(dict(sorted(floors.items())), indent=1) + "\n", "utf-8")
    print(f"{document.name}: floor {floors[document.name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
