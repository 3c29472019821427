"""`helhedsplan backup FILE`: the database and the uploaded files in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from config import backup
from lib.errors import DomainError, messages_of


class Command(BaseCommand):
    help = "Tag en backup af databasen og de uploadede filer (bilag, skabeloner) i én fil."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="backupfilen, der skrives (fx helhedsplan-2026-12-01.tar.gz)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            manifest = backup.backup(path)
        except DomainError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"Backup skrevet til {path} ({manifest['engine']}, {media} uploadede filer)."
        )
