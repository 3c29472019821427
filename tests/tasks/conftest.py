"""A real database worker for the tests that need one: `helhedsplan worker` in a subprocess on
the test database (a file, see tests/conftest.py), with the database queue enqueued here."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = "django_tasks_db.backend.DatabaseBackend"
ROW = (
    "| Flere unge gennemfører 9. klasse | Andel elever med afgangsprøve | 64 % | "
    "Kommunen (80 %) | 2023 | Skolens opgørelse |\n"
)


def long_subagreement(rows: int = 3000) -> bytes:
    """A delaftale whose table has `rows` rows: a few seconds to read, not minutes."""
    from tests.importing.test_command import SUBAGREEMENT

    return SUBAGREEMENT.replace(ROW, ROW * rows).encode()


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        name = str(db["NAME"])
        assert not name.startswith("file:"), "the test database must be a file"
        return f"sqlite:///{name}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "django", "worker", "--no-schedule", "--interval=0.1", *args]


def worker_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url(),
        "HELHEDSPLAN_TASKS_BACKEND": DATABASE_BACKEND,
        **extra,
    }


@pytest.fixture
def database_queue(settings: Any) -> None:
    """Enqueue into the database queue, as the web server does (not the immediate backend)."""
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}


@pytest.fixture
def run_worker() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the worker until the queue is empty (`--batch`), with extra environment."""

    def run(**env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            worker_command("--batch"),
            env=worker_env(**env),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )

    return run


@pytest.fixture
def start_worker() -> Any:
    """Start a worker that keeps running; every one started is killed at the end of the test."""
    started: list[subprocess.Popen[str]] = []

    def start(**env: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            worker_command(),
            env=worker_env(**env),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()


def wait_for(condition: Callable[[], bool], *, seconds: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
