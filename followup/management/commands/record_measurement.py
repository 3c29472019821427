from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from followup import services, tabular
from followup.management.commands._common import recording_plan
from lib.errors import messages_of


class Command(BaseCommand):
    help = (
        "Registrér én måling (eller ret den med --reason). Tal på dansk; --text alene er nok: "
        "»48 beboere (7,1 %)«."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="planens kortnavn")
        parser.add_argument("--user", required=True, help="brugernavnet, der registrerer")
        parser.add_argument("--indicator", required=True, help="indikatorens id")
        parser.add_argument("--year", required=True, help="året")
        parser.add_argument("--period", default="år", help="år, halvår eller surveybølge")
        parser.add_argument("--half", default="", help="1 eller 2 for et halvår")
        parser.add_argument("--survey", default="", help="surveyens navn for en surveybølge")
        parser.add_argument("--scope-kind", default="hele området", help="omfang, fx kommune")
        parser.add_argument("--scope", default="", help="gælder for, fx »Afd. 4«")
        parser.add_argument("--text", default="", help="som skrevet")
        parser.add_argument("--count", default="", help="antal")
        parser.add_argument("--percent", default="", help="procent")
        parser.add_argument("--denominator", default="", help="ud af")
        parser.add_argument("--source", default="", help="kilde")
        parser.add_argument("--note", default="", help="note")
        parser.add_argument("--reason", default="", help="begrundelse for en rettelse")
        parser.add_argument(
            "--outside-period",
            action="store_true",
            help="perioden ligger uden for planens periode, og værdien skal gemmes alligevel",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user, plan = recording_plan(options["user"], options["plan"])
        record = {
            "indikator": options["indicator"],
            "omfang": options["scope_kind"],
            "gaelder_for": options["scope"],
            "periode": options["period"],
            "aar": options["year"],
            "halvaar": options["half"],
            "survey": options["survey"],
            "som_skrevet": options["text"],
            "antal": options["count"],
            "procent": options["percent"],
            "ud_af": options["denominator"],
            "kilde": options["source"],
            "note": options["note"],
            "begrundelse": options["reason"],
            "uden_for_planperioden": options["outside_period"],
        }
        try:
            result = services.measurements_import(
                plan=plan, rows=tabular.rows_from_records([record]), recorded_by=user
            )
        except ValidationError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        if not result.ok:
            raise CommandError("\n".join(e.message for e in result.errors))
        for outcome in result.rows:
            self.stdout.write(outcome.message)
