from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lib.errors import messages_of
from plans import access, revisions


class Command(BaseCommand):
    help = (
        "Registrér bestyrelsens godkendelse af den indsendte version (eller med --lbf "
        "Landsbyggefondens godkendelse af en strategisk samarbejdsaftale)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agreement", required=True, type=int, help="aftalens id")
        parser.add_argument("--user", required=True, help="brugernavnet, der godkender")
        parser.add_argument("--date", default="", help="mødedato/godkendelsesdato, fx 4.3.2025")
        parser.add_argument("--reference", default="", help="mødereference eller LBF's reference")
        parser.add_argument("--note", default="", help="bemærkning (bestyrelsens godkendelse)")
        parser.add_argument(
            "--lbf", action="store_true", help="Landsbyggefondens godkendelse, ikke bestyrelsens"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"Brugeren »{options['user']}« findes ikke.")
        try:
            agreement = access.access_agreement_for_user(
                user, options["agreement"], write=options["lbf"]
            )
            if not options["lbf"] and not access.can_approve(user, agreement.plan):
                raise access.NotFound
        except access.NotFound:
            raise CommandError(
                "Aftalen findes ikke, eller brugeren må ikke registrere godkendelsen."
            ) from None
        try:
            if options["lbf"]:
                revision = revisions.agreement_record_lbf_approval(
                    agreement=agreement,
                    user=user,
                    approved_on=options["date"],
                    reference=options["reference"],
                )
            else:
                revision = revisions.agreement_approve(
                    agreement=agreement,
                    user=user,
                    meeting_date=options["date"],
                    meeting_reference=options["reference"],
                    note=options["note"],
                )
        except ValidationError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        self.stdout.write(
            f"Version {revision.version} af »{agreement.display_title}«: "
            f"{revision.get_status_display()}."
        )
