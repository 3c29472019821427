"""SQLite holds concurrent writers: several processes, each with its own connection to one
database file, edit one agreement at once through the services. With WAL, the busy timeout
and BEGIN IMMEDIATE (config/settings.py) every write lands; without them, the same load
fails with "database is locked"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ops.conftest import FileDatabase

# the template database is copied from the test database, which needs a django_db test to exist
pytestmark = pytest.mark.django_db

WORKERS = 4
EDITS = 25


def _race(file_db: FileDatabase, tmp_path: Path, *extra: str) -> tuple[int, list[dict], dict]:
    ids = file_db.run("setup")
    start = tmp_path / "start"
    writers = [
        file_db.start("write", str(ids["agreement"]), str(EDITS), str(start), *extra)
        for _ in range(WORKERS)
    ]
    # every writer has set Django up and waits; then they all begin at once
    start.touch()
    answers = [FileDatabase._answer(w.communicate(timeout=300)) for w in writers]
    return ids["agreement"], answers, file_db.run("count", str(ids["agreement"]))


def test_concurrent_writers_all_land_without_errors(file_db: FileDatabase, tmp_path: Path) -> None:
    agreement, answers, counts = _race(file_db, tmp_path)
    errors = [e for a in answers for e in a["errors"]]
    assert errors == []
    total = WORKERS * EDITS
    assert sum(a["done"] for a in answers) == total
    # no lost write: every goal, every audit entry, every increment of the edit counter
    assert counts["goals"] == total
    assert counts["audit"] == total
    assert counts["edit_seq"] >= total


@pytest.mark.slow
def test_without_immediate_transactions_the_same_race_fails(
    file_db: FileDatabase, tmp_path: Path
) -> None:
    _, answers, counts = _race(file_db, tmp_path, "--deferred")
    errors = [e for a in answers for e in a["errors"]]
    assert errors, "the control run should collide; if not, the race above proves nothing"
    assert any("database is locked" in e for e in errors)
    assert counts["goals"] == sum(a["done"] for a in answers) < WORKERS * EDITS


def test_the_database_file_runs_in_wal_mode(file_db: FileDatabase) -> None:
    import sqlite3

    file_db.run("setup")
    mode = sqlite3.connect(file_db.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
