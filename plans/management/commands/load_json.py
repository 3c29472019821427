from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lib.danish import format_size
from lib.errors import messages_of
from plans.loading import parse_interchange_bytes, plan_load_interchange


class Command(BaseCommand):
    help = "Indlæs en aftale (eller en liste af aftaler) i udvekslingsformatet i en plan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON-fil i udvekslingsformatet")
        parser.add_argument(
            "--plan", required=True, help="planens kortnavn (oprettes om nødvendigt)"
        )
        parser.add_argument("--name", help="planens navn, hvis den oprettes")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {path}")
        if path.stat().st_size > settings.MAX_UPLOAD_BYTES:
            raise CommandError(
                f"Filen er for stor ({format_size(path.stat().st_size)}); grænsen er "
                f"{format_size(settings.MAX_UPLOAD_BYTES)}."
            )
        try:
            documents = parse_interchange_bytes(path.read_bytes())
            result = plan_load_interchange(
                slug=options["plan"], documents=documents, name=options.get("name")
            )
        except ValidationError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        verb = "Oprettede" if result.plan_created else "Opdaterede"
        self.stdout.write(
            f"{verb} planen »{result.plan.name}« ({result.plan.slug}) med "
            f"{len(result.agreements)} aftale(r)."
        )
