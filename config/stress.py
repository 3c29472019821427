"""`make stress`: concurrent clients against gunicorn with DEBUG off, on SQLite or PostgreSQL.

    python -m config.stress [--seconds 60] [--clients 20] [--workers 2] [--database-url URL]

A fresh database (a temporary SQLite file, or the PostgreSQL database given, migrated and
with the demo plan), gunicorn with `--workers` processes, and `--clients` threads signed in as
the demo koordinator, each mixing page views (plan, dashboard, agreement), measurement saves
and agreement edits (a delmål reworded through its form, with the optimistic lock). Prints
`NAME VALUE UNIT` lines like `make bench`: requests, errors (5xx and failed connections),
saves, edit conflicts (the lock refusing a stale form, as it should), p95 per page, and
whether every save the server confirmed is in the database afterwards.
"""

from __future__ import annotations

import argparse
import html.parser
import http.cookiejar
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo-helhedsplan"
IDS_SCRIPT = """
import json, django
django.setup()
from plans.models import Agreement, Goal, Indicator
from demo.plan import DEMO_SLUG
agreements = list(Agreement.objects.filter(plan__slug=DEMO_SLUG, is_current=True).values_list("pk", flat=True))
goals = [(g.agreement_id, g.pk) for g in Goal.objects.filter(agreement__pk__in=agreements, lbf_goal__isnull=True)]
indicators = list(Indicator.objects.filter(goal__agreement__pk__in=agreements).values_list("pk", flat=True))
print(json.dumps({"agreements": agreements, "goals": goals, "indicators": indicators}))
"""
COUNT_SCRIPT = """
import json, django
django.setup()
from followup.models import Measurement
print(json.dumps(Measurement.objects.filter(source="stresstest").count()))
"""


class _Form(html.parser.HTMLParser):
    """The fields of the page's POST forms (name -> value), the last POST form winning."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_post = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._in_post = a.get("method", "").lower() == "post" and "app-delete" not in a.get(
                "class", ""
            )
            if self._in_post:
                self.fields = {}
        if not self._in_post:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.fields[self._textarea or ""] = ""
        elif tag == "select":
            self._select = a.get("name")
        elif (
            tag == "option"
            and self._select
            and ("selected" in a or self._select not in self.fields)
        ):
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_post:
            self._in_post = False

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


class _Client:
    def __init__(self, base: str, number: int, stats: _Stats, ids: dict[str, Any]) -> None:
        self.base, self.number, self.stats, self.ids = base, number, stats, ids
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "") or ""

    def request(self, name: str, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        except OSError as error:
            self.stats.add(name, 0, time.perf_counter() - started, f"{type(error).__name__}")
            return 0, ""
        self.stats.add(name, status, time.perf_counter() - started, None)
        return status, text

    def login(self) -> None:
        self.request("login_page", "/konto/log-ind/")
        status, _ = self.request(
            "login",
            "/konto/log-ind/",
            {"username": "koordinator", "password": PASSWORD, "csrfmiddlewaretoken": self._csrf()},
        )
        if status != 302:
            raise RuntimeError(f"login failed: {status}")

    def view(self) -> None:
        name, path = random.choice(
            [
                ("plan", "/planer/bakkely/"),
                ("dashboard", "/planer/bakkely/opfoelgning/"),
                ("agreement", f"/aftaler/{random.choice(self.ids['agreements'])}/"),
            ]
        )
        self.request(name, path)

    def measure(self, n: int) -> None:
        indicator = random.choice(self.ids["indicators"])
        status, _ = self.request(
            "measure_save",
            f"/planer/bakkely/opfoelgning/indikatorer/{indicator}/",
            {
                "csrfmiddlewaretoken": self._csrf(),
                "action": "record",
                "scope_kind": "target_group",
                "scope": f"Stresstest {self.number}-{n}",
                "period_kind": "year",
                "year": "2024",
                "half": "0",
                "count": str(n),
                "source": "stresstest",
            },
        )
        if status == 302:
            self.stats.count("measurements_saved")

    def edit(self, n: int) -> None:
        agreement, goal = random.choice(self.ids["goals"])
        path = f"/aftaler/{agreement}/dele/maal/{goal}/"
        status, page = self.request("edit_form", path)
        if status != 200:
            return
        parser = _Form()
        parser.feed(page)
        fields = parser.fields
        fields["csrfmiddlewaretoken"] = self._csrf()
        text = fields.get("text", "").lstrip("\n").split(" [stress ")[0]
        fields["text"] = f"{text} [stress {self.number}-{n}]"
        for key in list(fields):
            if ("reason" in key or "begrund" in key) and not fields[key].strip():
                fields[key] = "Stresstest"
        status, answer = self.request("edit_save", path, fields)
        if status == 302:
            self.stats.count("edits_saved")
        elif status in (200, 400, 409):
            self.stats.count("edits_refused")  # the optimistic lock or a rule said no, in Danish
            if os.environ.get("STRESS_VERBOSE"):
                start = answer.find('role="alert"')
                print(f"# refused {status}: {answer[start : start + 1500]}", file=sys.stderr)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class _Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[int, int] = defaultdict(int)
        self.errors: list[str] = []
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, name: str, status: int, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[name].append(seconds)
            self.statuses[status] += 1
            if error or status >= 500 or status == 0:
                self.errors.append(f"{name}: {error or status}")

    def count(self, name: str) -> None:
        with self.lock:
            self.counts[name] += 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=os.environ.get("STRESS_DATABASE_URL", ""))
    parser.add_argument("--port", type=int, default=int(os.environ.get("STRESS_PORT", 0)))
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="helhedsplan-stress-"))
    database = args.database_url or f"sqlite:///{work / 'db.sqlite3'}"
    label = "postgresql" if database.startswith("postgres") else "sqlite"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("HELHEDSPLAN_")},
        "DATABASE_URL": database,
        "HELHEDSPLAN_DEBUG": "0",
        "HELHEDSPLAN_SECRET_KEY": secrets.token_urlsafe(50),
        "HELHEDSPLAN_MEDIA_ROOT": str(work / "media"),
        "HELHEDSPLAN_LOGIN_FAILURE_LIMIT": "1000",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
    }
    python = sys.executable
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run(
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    ids = json.loads(
        subprocess.run(
            [python, "-c", IDS_SCRIPT],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    port = args.port or _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/konto/log-ind/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        stats = _Stats()
        deadline = time.monotonic() + args.seconds

        def run(number: int) -> None:
            client = _Client(base, number, stats, ids)
            client.login()
            n = 0
            while time.monotonic() < deadline:
                n += 1
                roll = random.random()
                if roll < 0.6:
                    client.view()
                elif roll < 0.8:
                    client.measure(n)
                else:
                    client.edit(n)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = json.loads(
        subprocess.run(
            [python, "-c", COUNT_SCRIPT],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    prefix = f"stress_{label}"
    total = sum(stats.statuses.values())
    print(f"{prefix}_clients {args.clients} count")
    print(f"{prefix}_seconds {args.seconds:g} s")
    print(f"{prefix}_requests {total} count")
    print(f"{prefix}_errors {len(stats.errors)} count")
    for name in ("measurements_saved", "edits_saved", "edits_refused"):
        print(f"{prefix}_{name} {stats.counts[name]} count")
    print(f"{prefix}_measurements_lost {stats.counts['measurements_saved'] - stored} count")
    for name, times in sorted(stats.times.items()):
        print(f"{prefix}_p95_{name} {_p95(times):.0f} ms")
    for error in stats.errors[:10]:
        print(f"# {error}", file=sys.stderr)
    return 1 if stats.errors or stats.counts["measurements_saved"] != stored else 0


if __name__ == "__main__":
    sys.exit(main())
