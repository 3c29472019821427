"""`make bench` for the portfolio: its query count for 1 plan and for the national dataset,
its p95 under 20 concurrent clients, and the XLSX of every plan.

Run as `python -m bench.portfolio`. Like bench.followup (both through bench.server): two
SQLite databases in a temporary directory (one synthetic plan; the national dataset, 150
plans by default), each with the strategic agreements approved and the period's fixed LBF
indicators and their values (`generate_national --fixed-indicators`); a real server
(gunicorn, two workers) on 127.0.0.1; 20 client threads as an LBF consultant. Prints `NAME
VALUE UNIT` a line, with the page's size and the machine's load average during the run (the
machine is shared: p95 follows the load). Targets (issue 11): portfolio_queries_1plan ==
portfolio_queries_national, portfolio_p95_national_ms <= 300, portfolio_xlsx_national_s <= 2.
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
    machine_load,
    manage,
    percentile,
    run_probe,
    served,
)

PAGE = "/portefoelje/"
XLSX = "/portefoelje/portefoelje.xlsx"


def probe() -> None:
    """In the bench database: an LBF session, the page's queries (uncached and cached), the
    uncached page's time and the XLSX's time. Prints JSON."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection

    from bench.server import lbf_client, session_cookie
    from plans.models import Plan

    client = lbf_client()
    client.get(PAGE)
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    cache.clear()
    with connection.execute_wrapper(count):
        response = client.get(PAGE)
    assert response.status_code == 200, response.status_code
    uncached_queries = len(queries)
    queries.clear()
    with connection.execute_wrapper(count):
        client.get(PAGE)
    cached_queries = len(queries)
    uncached: list[float] = []
    for _ in range(3):
        cache.clear()
        started = time.perf_counter()
        client.get(PAGE)
        uncached.append(time.perf_counter() - started)
    xlsx: list[float] = []
    for _ in range(3):
        cache.clear()  # the whole cost: the portfolio computed and the workbook written
        started = time.perf_counter()
        sheet = client.get(XLSX)
        xlsx.append(time.perf_counter() - started)
        assert sheet.status_code == 200
    print(
        json.dumps(
            {
                "cookie": session_cookie(client),
                "queries": uncached_queries,
                "cached_queries": cached_queries,
                "uncached_ms": sorted(uncached)[1] * 1000,
                "xlsx_s": sorted(xlsx)[1],
                "plans": Plan.objects.count(),
                "html_bytes": len(response.content),
                "rows": response.content.decode().count('<th scope="row">'),
            }
        )
    )


def _emit(name: str, value: float, unit: str) -> None:
    shown = f"{value:.0f}" if unit in ("queries", "plans") else f"{value:.2f}"
    print(f"{name} {shown} {unit}", flush=True)


def _scale(name: str, db: Path, args: argparse.Namespace) -> dict[str, float]:
    info = run_probe("bench.portfolio", db)
    if info["rows"] != info["plans"]:
        raise RuntimeError(f"the portfolio showed {info['rows']} of {info['plans']} plans")
    _emit(f"portfolio_queries_{name}", info["queries"], "queries")
    _emit(f"portfolio_queries_cached_{name}", info["cached_queries"], "queries")
    _emit(f"portfolio_uncached_single_{name}_ms", info["uncached_ms"], "ms")
    _emit(f"portfolio_xlsx_{name}_s", info["xlsx_s"], "s")
    _emit(f"portfolio_html_{name}_kb", info["html_bytes"] / 1024, "kB")
    with served(db) as port:
        load(port, info["cookie"], PAGE, requests=CLIENTS * 2, seconds=30)  # warm-up
        started_load = machine_load()
        page = load(port, info["cookie"], PAGE, requests=args.requests, seconds=60)
        p95 = percentile(page, 0.95) * 1000
        _emit(f"portfolio_p50_{name}_ms", percentile(page, 0.5) * 1000, "ms")
        _emit(f"portfolio_p95_{name}_ms", p95, "ms")
        # the machine's load around the run (a shared machine's other work shows in p95)
        _emit(f"portfolio_machine_load_{name}", max(started_load, machine_load()), "load")
    return {"queries": info["queries"], "p95": p95, "xlsx": info["xlsx_s"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--plans", type=int, default=150)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    if args.probe:
        probe()
        return
    with tempfile.TemporaryDirectory(prefix="portfolio-bench-") as tmp:
        empty = Path(tmp) / "empty.sqlite3"
        manage(empty, "migrate", "--noinput", "-v0")
        one, national = Path(tmp) / "one.sqlite3", Path(tmp) / "national.sqlite3"
        shutil.copy(empty, one)
        shutil.copy(empty, national)
        manage(one, "generate_national", "--plans", "1", "--fixed-indicators")
        manage(national, "generate_national", "--plans", str(args.plans), "--fixed-indicators")
        small = _scale("1plan", one, args)
        large = _scale("national", national, args)
    _emit("portfolio_queries_equal", float(small["queries"] == large["queries"]), "bool")
    _emit("portfolio_plans", args.plans, "plans")


if __name__ == "__main__":
    main()
