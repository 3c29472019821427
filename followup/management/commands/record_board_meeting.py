from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from followup import services
from followup.management.commands._common import recording_plan
from lib.errors import messages_of


class Command(BaseCommand):
    help = "Registrér bestyrelsens opfølgningsmøde for et år; det afslutter årets opfølgning."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="planens kortnavn")
        parser.add_argument("--user", required=True, help="brugernavnet, der registrerer")
        parser.add_argument("--year", required=True, type=int, help="opfølgningsåret")
        parser.add_argument("--date", default="", help="mødedatoen, fx 20.11.2025")
        parser.add_argument("--attendees", default="", help="deltagerne")
        parser.add_argument("--decisions", default="", help="bestyrelsens beslutninger")
        parser.add_argument(
            "--without-documents",
            action="store_true",
            help="bestyrelsen fik ingen arkiverede dokumenter (ellers skal året være arkiveret)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user, plan = recording_plan(options["user"], options["plan"])
        try:
            meeting = services.board_meeting_record(
                plan=plan,
                year=options["year"],
                held_on=options["date"],
                attendees=options["attendees"],
                decisions=options["decisions"],
                without_documents=options["without_documents"],
                recorded_by=user,
            )
        except ValidationError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        self.stdout.write(f"Mødet er registreret; opfølgningen for {meeting.year} er afsluttet.")
