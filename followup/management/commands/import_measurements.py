from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from followup import services, tabular
from followup.management.commands._common import recording_plan
from lib.errors import messages_of
from lib.uploads import read_file_argument


class Command(BaseCommand):
    help = "Indlæs målinger fra et regneark (XLSX eller CSV med skabelonens kolonner)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="XLSX- eller CSV-fil")
        parser.add_argument("--plan", required=True, help="planens kortnavn")
        parser.add_argument("--user", required=True, help="brugernavnet, der indlæser")
        parser.add_argument(
            "--save-good-rows",
            action="store_true",
            help="gem de gyldige rækker, selv om andre har fejl",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user, plan = recording_plan(options["user"], options["plan"])
        path = Path(options["file"])
        try:
            data = read_file_argument(path, allowed=("xlsx", "csv"))
            rows = tabular.read_sheet(data, path.name)
            result = services.measurements_import(
                plan=plan,
                rows=rows,
                save_good_rows=options["save_good_rows"],
                recorded_by=user,
            )
        except ValidationError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        for outcome in result.rows:
            self.stdout.write(f"Række {outcome.row}: {outcome.outcome}. {outcome.message}")
        summary = (
            f"{result.saved} nye, {result.corrected} rettede, {result.unchanged} uændrede, "
            f"{result.skipped_empty} tomme rækker."
        )
        if not result.ok:
            saved = "De gyldige rækker er gemt." if options["save_good_rows"] else "Intet er gemt."
            raise CommandError(
                "\n".join(f"Række {e.row}: {e.message}" for e in result.errors)
                + f"\n{saved} {summary}"
            )
        self.stdout.write(summary)
