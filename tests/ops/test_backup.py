"""`helhedsplan backup FILE` and `helhedsplan restore FILE`: everything back exactly, the
attachments included, and a damaged or foreign archive refused before anything changes."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest

from tests.ops.conftest import FileDatabase

pytestmark = pytest.mark.django_db  # see test_concurrent_writers


def test_backup_and_restore_bring_everything_back(file_db: FileDatabase, tmp_path: Path) -> None:
    ids = file_db.run("setup")
    before = file_db.run("snapshot")
    assert before["files"], "the setup uploads an attachment"
    archive = tmp_path / "helhedsplan.tar.gz"
    result = file_db.cli("backup", str(archive))
    assert result.returncode == 0, result.stderr
    assert "1 uploadede filer" in result.stdout

    # afterwards: more edits, a file deleted, a stray file added
    file_db.run("write", str(ids["agreement"]), "3", str(archive))
    for path in file_db.media.rglob("*.pdf"):
        path.unlink()
    (file_db.media / "stray.txt").write_text("ikke i backuppen")
    assert file_db.run("snapshot") != before

    refused = file_db.cli("restore", str(archive), input="nej\n")
    assert refused.returncode != 0 and "intet er ændret" in refused.stderr
    result = file_db.cli("restore", str(archive), "--noinput")
    assert result.returncode == 0, result.stderr
    assert "er gendannet" in result.stdout
    assert file_db.run("snapshot") == before
    assert not (file_db.media / "stray.txt").exists()


@pytest.mark.slow
def test_a_damaged_archive_is_refused_and_nothing_changes(
    file_db: FileDatabase, tmp_path: Path
) -> None:
    file_db.run("setup")
    archive = tmp_path / "b.tar.gz"
    assert file_db.cli("backup", str(archive)).returncode == 0
    before = file_db.run("snapshot")
    # rewrite the archive with one attachment's bytes changed but the manifest kept
    work = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    pdf = next(work.rglob("*.pdf"))
    pdf.write_bytes(pdf.read_bytes() + b"tampered")
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for item in sorted(work.iterdir()):
            tar.add(item, arcname=item.name)
    result = file_db.cli("restore", str(damaged), "--noinput")
    assert result.returncode != 0 and "kontrolsum" in result.stderr
    not_ours = tmp_path / "x.tar.gz"
    with tarfile.open(not_ours, "w:gz") as tar:
        raw = json.dumps({"hello": 1}).encode()
        info = tarfile.TarInfo("data.json")
        info.size = len(raw)
        tar.addfile(info, io.BytesIO(raw))
    result = file_db.cli("restore", str(not_ours), "--noinput")
    assert result.returncode != 0 and "manifest" in result.stderr
    assert file_db.run("snapshot") == before


def test_restore_of_a_missing_file_says_so(file_db: FileDatabase, tmp_path: Path) -> None:
    result = file_db.cli("restore", str(tmp_path / "findes-ikke.tar.gz"), "--noinput")
    assert result.returncode != 0 and "findes ikke" in result.stderr
    shutil.rmtree(tmp_path / "db", ignore_errors=True)


def _postgres_reachable() -> bool:
    import shutil
    import subprocess

    if not (shutil.which("psql") and shutil.which("pg_dump")):
        return False
    probe = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", "select 1", "-tA"],
        capture_output=True,
        text=True,
        timeout=20,
    )
    return probe.returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not _postgres_reachable(), reason="no PostgreSQL at 127.0.0.1:5432")
def test_backup_and_restore_on_postgresql(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.ops.conftest import ROOT, process_env

    name = f"helhedsplan_backup_{os.getpid()}"
    admin = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *admin, "--if-exists", name], check=True)
    subprocess.run(["createdb", *admin, name], check=True)
    try:
        media = tmp_path / "media"
        media.mkdir()
        db = FileDatabase(tmp_path / "unused.sqlite3", media)
        db.env = {
            **process_env(tmp_path / "unused.sqlite3", media),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        }
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=db.env,
            capture_output=True,
            text=True,
        )
        assert migrate.returncode == 0, migrate.stderr
        ids = db.run("setup")
        before = db.run("snapshot")
        archive = tmp_path / "pg.tar.gz"
        result = db.cli("backup", str(archive))
        assert result.returncode == 0, result.stderr
        db.run("write", str(ids["agreement"]), "3", str(archive))
        for path in media.rglob("*.pdf"):
            path.unlink()
        assert db.run("snapshot") != before
        result = db.cli("restore", str(archive), "--noinput")
        assert result.returncode == 0, result.stderr
        assert db.run("snapshot") == before
    finally:
        subprocess.run(["dropdb", *admin, "--if-exists", name], check=False)
