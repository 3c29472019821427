"""What the web benchmarks share (bench.followup, bench.portfolio): a bench database in a
temporary directory, a probe process on it, a real server (gunicorn, two workers, one per
core) on 127.0.0.1, and `CLIENTS` client threads that fetch one page, bounded in number and
time."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLIENTS = 20


def env(db: Path) -> dict[str, str]:
    """The environment of every bench process on the SQLite database `db`."""
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "HELHEDSPLAN_DEBUG": "0",
        "HELHEDSPLAN_SECRET_KEY": "bench-only-" + "k" * 40,
        "HELHEDSPLAN_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


def manage(db: Path, *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env(db), check=True, stdout=subprocess.DEVNULL
    )


def run_probe(module: str, db: Path) -> dict[str, Any]:
    """`python -m MODULE --probe` on `db`; the JSON it prints last."""
    result = subprocess.run(
        [PYTHON, "-m", module, "--probe"],
        cwd=ROOT,
        env=env(db),
        check=True,
        capture_output=True,
        text=True,
    )
    found: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def lbf_client() -> Any:
    """In a probe (Django set up): a test client signed in as an LBF consultant."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from accounts.models import Membership, Role

    user, _ = get_user_model().objects.get_or_create(username="bench-lbf")
    Membership.objects.get_or_create(user=user, role=Role.LBF, plan=None)
    client = Client()
    client.force_login(user)
    return client


def session_cookie(client: Any) -> str:
    from django.conf import settings

    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(db: Path) -> Iterator[int]:
    """gunicorn with two workers on `db` for the block; yields its port, stops it after."""
    port = free_port()
    gunicorn = Path(PYTHON).with_name("gunicorn")
    command = [
        str(gunicorn),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--backlog",
        "64",
        "--timeout",
        "300",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env(db), stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the bench server did not start") from None
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def load(port: int, cookie: str, path: str, *, requests: int, seconds: float) -> list[float]:
    """`CLIENTS` threads fetch `path` until `requests` are done or `seconds` have passed."""
    latencies: list[float] = []
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        headers = {"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"}
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                raise RuntimeError(f"{path} gave {response.status}")
            with lock:
                latencies.append(elapsed)
        connection.close()

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        for future in [pool.submit(client) for _ in range(CLIENTS)]:
            future.result()
    return latencies


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def machine_load() -> float:
    """The one-minute load average (the figures depend on it: other work on the machine)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")
