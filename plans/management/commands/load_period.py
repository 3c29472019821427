from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lib.danish import format_size
from lib.errors import messages_of
from plans.periods import load_period, parse_period_bytes


class Command(BaseCommand):
    help = (
        "Indlæs en bevillingsperiode (JSON i formatet funding-period.schema.json). Findes "
        "perioden, opdateres den; planernes egne data røres ikke."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON-fil med bevillingsperioden")

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
            loaded = load_period(parse_period_bytes(path.read_bytes()))
        except ValidationError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        verb = "Oprettede" if loaded.created else "Opdaterede"
        self.stdout.write(
            f"{verb} bevillingsperioden {loaded.period.code} »{loaded.period.name}« med "
            f"{loaded.focus_areas} indsatsområder og {loaded.fixed_indicators} faste indikatorer."
        )
