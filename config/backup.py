"""`helhedsplan backup FILE` / `helhedsplan restore FILE`: the database and the uploaded files
in one archive, and back exactly.

The archive is a gzipped tar with `manifest.json` (format, database engine, time, SHA-256 of
every member), the database (`database.sqlite3` through SQLite's online backup API, so it is
consistent while the app keeps writing; or `database.pgdump` from `pg_dump -Fc`) and
`media/…`, the uploaded attachments and Word templates. Restore checks the manifest and every
checksum before it touches anything, then replaces the database (SQLite's backup API into the
live file; `pg_restore --clean` in one transaction) and the media folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import connection, connections

from lib.errors import DomainError
from lib.uploads import check_path

FORMAT = 1
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise DomainError(
            f"Databasen {vendor} understøttes ikke af backup; brug SQLite eller PostgreSQL."
        )
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db: dict[str, Any] = dict(settings.DATABASES["default"])
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise DomainError(
            f"{command[0]} findes ikke; installér PostgreSQL-klienten (postgresql-client)."
        ) from None
    if result.returncode != 0:
        raise DomainError(f"{command[0]} fejlede: {result.stderr.strip()[:500]}")


def _dump_database(engine: str, target: Path) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # consistent, while others keep writing
        finally:
            destination.close()
        return
    env, args = _pg_env_and_args()
    name = str(settings.DATABASES["default"]["NAME"])
    _run(["pg_dump", "-Fc", "--no-owner", "-f", str(target), *args, name], env)


def backup(path: Path) -> dict[str, Any]:
    """Write the archive to `path` (atomically: a temporary file renamed at the end)."""
    engine = _engine()
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="helhedsplan-backup-") as work:
        db_file = Path(work) / (SQLITE_NAME if engine == "sqlite" else PG_NAME)
        _dump_database(engine, db_file)
        checksums = {db_file.name: _sha256(db_file)}
        media_files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
        for file in media_files:
            checksums["media/" + file.relative_to(media).as_posix()] = _sha256(file)
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "files": checksums,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            raw = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            archive.addfile(info, io.BytesIO(raw))
            archive.add(db_file, arcname=db_file.name)
            for file in media_files:
                archive.add(file, arcname="media/" + file.relative_to(media).as_posix())
        partial.replace(path)
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for member in members:
        name = PurePosixPath(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise DomainError(f"Arkivet indeholder en ugyldig sti: {member.name}")
    return members


def read_manifest(path: Path, work: Path) -> dict[str, Any]:
    """Unpack the archive into `work` and check it; DomainError (Danish) if it is not ours."""
    # the one check of every file argument (lib.uploads); a backup has no size limit
    check_path(path, allowed=("tar.gz",), limit=0)
    try:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work, members=_safe_members(archive), filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise DomainError(f"Filen er ikke en læsbar backup fra helhedsplan ({error}).") from None
    try:
        manifest = json.loads((work / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise DomainError(
            "Backuppen mangler sin manifest.json; den er ikke fra helhedsplan."
        ) from None
    if manifest.get("format") != FORMAT:
        raise DomainError(f"Backuppens format {manifest.get('format')} kendes ikke.")
    for name, checksum in manifest.get("files", {}).items():
        member = work / name
        if not member.is_file() or _sha256(member) != checksum:
            raise DomainError(f"Backuppen er beskadiget: {name} stemmer ikke med sin kontrolsum.")
    unlisted = (
        {p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file()}
        - set(manifest["files"])
        - {"manifest.json"}
    )
    if unlisted:
        raise DomainError(f"Backuppen indeholder filer uden kontrolsum: {sorted(unlisted)[0]}")
    return manifest


def _restore_database(engine: str, work: Path) -> None:
    if engine == "sqlite":
        source = sqlite3.connect(work / SQLITE_NAME)
        try:
            for alias in connections:
                if alias != "default":
                    connections[alias].close()
            connection.close()
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
        return
    env, args = _pg_env_and_args()
    name = str(settings.DATABASES["default"]["NAME"])
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "-d",
            name,
            *args,
            str(work / PG_NAME),
        ],
        env,
    )


def _restore_media(work: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    incoming = work / "media"
    media.parent.mkdir(parents=True, exist_ok=True)
    previous = media.with_name(media.name + ".before-restore")
    if previous.exists():
        shutil.rmtree(previous)
    if media.exists():
        media.rename(previous)
    try:
        if incoming.is_dir():
            shutil.copytree(incoming, media)
        else:
            media.mkdir()
    except BaseException:
        if media.exists():
            shutil.rmtree(media)
        if previous.exists():
            previous.rename(media)
        raise
    if previous.exists():
        shutil.rmtree(previous)


def restore(path: Path) -> dict[str, Any]:
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="helhedsplan-restore-") as raw:
        work = Path(raw)
        manifest = read_manifest(path, work)
        if manifest.get("engine") != engine:
            raise DomainError(
                f"Backuppen er fra en {manifest.get('engine')}-database, men denne installation "
                f"bruger {engine}; gendan den i en installation af samme slags."
            )
        _restore_database(engine, work)
        _restore_media(work)
    return manifest
