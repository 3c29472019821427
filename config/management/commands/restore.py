"""`helhedsplan restore FILE`: put a backup back, replacing the database and uploaded files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from config import backup
from lib.errors import DomainError, messages_of


class Command(BaseCommand):
    help = (
        "Gendan en backup: databasen og de uploadede filer erstattes af backuppens. "
        "Stop webserveren og workeren først."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="backupfilen fra `helhedsplan backup`")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="spørg ikke om bekræftelse",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if options["interactive"]:
            answer = input(
                "Alt i databasen og alle uploadede filer erstattes af backuppens indhold.\n"
                "Skriv »ja« for at fortsætte: "
            )
            if answer.strip().lower() != "ja":
                raise CommandError("Afbrudt; intet er ændret.")
        try:
            manifest = backup.restore(path)
        except DomainError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        self.stdout.write(f"Backuppen fra {manifest['created']} er gendannet.")
