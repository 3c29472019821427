from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lib.errors import messages_of
from lib.uploads import read_file_argument
from plans.periods import parse_period_bytes
from plans.services import period_load


class Command(BaseCommand):
    help = (
        "Indlæs en bevillingsperiode (JSON i formatet funding-period.schema.json). Findes "
        "perioden, opdateres den; planernes egne data røres ikke."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON-fil med bevillingsperioden")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            raw = read_file_argument(path, allowed=("json",))
            loaded = period_load(data=parse_period_bytes(raw))
        except ValidationError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        verb = "Oprettede" if loaded.created else "Opdaterede"
        self.stdout.write(
            f"{verb} bevillingsperioden {loaded.period.code} »{loaded.period.name}« med "
            f"{loaded.focus_areas} indsatsområder og {loaded.fixed_indicators} faste indikatorer."
        )
