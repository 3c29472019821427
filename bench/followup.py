"""`make bench` for the follow-up: dashboard and follow-up document under 20 concurrent clients.

Run as `python -m bench.followup`. In a temporary directory it builds two SQLite databases,
one with a single synthetic plan and one with the national dataset (150 plans by default),
each plan of the same shape; starts a real server (gunicorn, two workers, one per core) on
127.0.0.1 against each; and lets 20 client threads fetch the same plan's dashboard and its
follow-up PDF, bounded in number and time. Prints one figure a line as `NAME VALUE UNIT`.
The query counts (cached and uncached), the uncached dashboard's time and the uncontended PDF
time come from a probe process on the same database.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.server import (
    CLIENTS,
    load,
    manage,
    percentile,
    run_probe,
    served,
)

SLUG = "syn-000"
DASHBOARD = f"/planer/{SLUG}/opfoelgning/"


def probe() -> None:
    """In the bench database: a session for an LBF user, the dashboard's query count and the
    time of one follow-up PDF. Prints JSON."""
    import django

    django.setup()
    from django.db import connection

    from bench.server import lbf_client, session_cookie
    from plans.models import Plan

    client = lbf_client()
    client.get(DASHBOARD)
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    from django.core.cache import cache

    with connection.execute_wrapper(count):
        response = client.get(DASHBOARD)
    assert response.status_code == 200, response.status_code
    cached_queries = len(queries)
    queries.clear()
    cache.clear()
    with connection.execute_wrapper(count):
        client.get(DASHBOARD)
    uncached_queries = len(queries)
    uncached: list[float] = []
    for _ in range(5):  # the work a new value or a new year costs, once per worker
        cache.clear()
        started = time.perf_counter()
        client.get(DASHBOARD)
        uncached.append(time.perf_counter() - started)
    year = int(time.strftime("%Y"))
    client.get(f"/planer/{SLUG}/opfoelgning/{year}/dokument.pdf")  # warm fonts and templates
    started = time.perf_counter()
    pdf = client.get(f"/planer/{SLUG}/opfoelgning/{year}/dokument.pdf")
    pdf_seconds = time.perf_counter() - started
    assert pdf.status_code == 200
    started = time.perf_counter()
    docx = client.get(f"/planer/{SLUG}/opfoelgning/{year}/dokument.docx")
    docx_seconds = time.perf_counter() - started
    assert docx.status_code == 200
    print(
        json.dumps(
            {
                "cookie": session_cookie(client),
                "queries": cached_queries,
                "uncached_queries": uncached_queries,
                "uncached_ms": sorted(uncached)[len(uncached) // 2] * 1000,
                "pdf_s": pdf_seconds,
                "docx_s": docx_seconds,
                "plans": Plan.objects.count(),
                "year": year,
                "html_bytes": len(response.content),
            }
        )
    )


def _emit(out: dict[str, float], name: str, value: float) -> None:
    """Keep a figure and print it at once, so a later failure loses nothing."""
    out[name] = value
    unit = next((u for suffix, u in UNITS.items() if name.endswith(suffix)), "")
    if name.startswith(QUERY_FIGURES):
        unit = "queries"
    shown = f"{value:.0f}" if unit == "queries" else f"{value:.2f}"
    print(f"{name} {shown} {unit}".rstrip(), flush=True)


def _scale(name: str, db: Path, out: dict[str, float], args: argparse.Namespace) -> None:
    info = run_probe("bench.followup", db)
    _emit(out, f"dashboard_queries_{name}", info["queries"])
    _emit(out, f"dashboard_queries_uncached_{name}", info["uncached_queries"])
    _emit(out, f"dashboard_uncached_single_{name}_ms", info["uncached_ms"])
    _emit(out, f"followup_pdf_single_{name}_s", info["pdf_s"])
    _emit(out, f"followup_docx_single_{name}_s", info["docx_s"])
    with served(db) as port:
        load(port, info["cookie"], DASHBOARD, requests=CLIENTS * 2, seconds=30)  # warm-up
        dashboard = load(
            port, info["cookie"], DASHBOARD, requests=args.dashboard_requests, seconds=60
        )
        _emit(out, f"dashboard_p50_{name}_ms", percentile(dashboard, 0.5) * 1000)
        _emit(out, f"dashboard_p95_{name}_ms", percentile(dashboard, 0.95) * 1000)
        document = load(
            port,
            info["cookie"],
            f"/planer/{SLUG}/opfoelgning/{info['year']}/dokument.pdf",
            requests=args.pdf_requests,
            seconds=120,
        )
        _emit(out, f"followup_pdf_p50_{name}_s", percentile(document, 0.5))
        _emit(out, f"followup_pdf_p95_{name}_s", percentile(document, 0.95))


UNITS = {"_ms": "ms", "_s": "s", "_ratio": "x"}
QUERY_FIGURES = ("dashboard_queries_",)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--plans", type=int, default=150)
    parser.add_argument("--dashboard-requests", type=int, default=400)
    parser.add_argument("--pdf-requests", type=int, default=CLIENTS)
    args = parser.parse_args()
    if args.probe:
        probe()
        return
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as tmp:
        empty = Path(tmp) / "empty.sqlite3"
        manage(empty, "migrate", "--noinput", "-v0")
        one, national = Path(tmp) / "one.sqlite3", Path(tmp) / "national.sqlite3"
        shutil.copy(empty, one)
        shutil.copy(empty, national)
        manage(one, "generate_national", "--plans", "1")
        started = time.perf_counter()
        manage(national, "generate_national", "--plans", str(args.plans))
        _emit(out, "generate_national_s", time.perf_counter() - started)
        _scale("1plan", one, out, args)
        _scale("national", national, out, args)
    ratio = out["dashboard_p95_national_ms"] / out["dashboard_p95_1plan_ms"]
    _emit(out, "dashboard_p95_national_ratio", ratio)
    _emit(out, "followup_pdf_s", out["followup_pdf_single_national_s"])
    print(f"national_plans {args.plans} plans")


if __name__ == "__main__":
    main()
