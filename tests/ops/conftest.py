"""Shared by the ops tests: a media folder of the test's own, and a real SQLite file database
(migrated) for tests that run several processes against it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture(scope="session")
def migrated_sqlite(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: Any, django_db_blocker: Any
) -> Path:
    """A migrated SQLite file: copied from the test database when that is SQLite (instant),
    else made by `migrate` in a subprocess."""
    from django.db import connection

    path = tmp_path_factory.mktemp("template-db") / "db.sqlite3"
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
            target.close()
            return path
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=process_env(path, tmp_path_factory.mktemp("media")),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return path


def process_env(db: Path, media: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HELHEDSPLAN_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        HELHEDSPLAN_MEDIA_ROOT=str(media),
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


class FileDatabase:
    def __init__(self, path: Path, media: Path) -> None:
        self.path = path
        self.media = media
        self.env = process_env(path, media)

    def run(self, *args: str, timeout: float = 300) -> Any:
        """`python -m tests.ops.worker ARGS` against this database; its JSON answer."""
        result = self.start(*args).communicate(timeout=timeout)
        return self._answer(result)

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.ops.worker", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    @staticmethod
    def _answer(result: tuple[str, str]) -> Any:
        out, err = result
        lines = out.strip().splitlines()
        assert lines, err[-3000:]
        return json.loads(lines[-1])

    def cli(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "config.cli", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            input=input,
            timeout=300,
        )


@pytest.fixture
def file_db(migrated_sqlite: Path, tmp_path: Path) -> Iterator[FileDatabase]:
    path = tmp_path / "db" / "db.sqlite3"
    path.parent.mkdir()
    shutil.copy(migrated_sqlite, path)
    media = tmp_path / "file-media"
    media.mkdir()
    yield FileDatabase(path, media)
