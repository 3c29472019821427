"""`helhedsplan send-reminders [--plan SLUG]`: e-mail new reminders, once per person."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.services import reminders_send
from plans.models import Plan, PlanStatus


class Command(BaseCommand):
    help = "Send påmindelser om planernes frister og manglende bilag (højst én gang pr. person)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", help="kun denne plan (kortnavn)")

    def handle(self, *args: Any, **options: Any) -> None:
        plans = Plan.objects.exclude(status=PlanStatus.ENDED)
        if options["plan"]:
            plans = Plan.objects.filter(slug=options["plan"])
            if not plans.exists():
                raise CommandError(f"Planen »{options['plan']}« findes ikke.")
        total = 0
        for plan in plans:
            sent = reminders_send(plan=plan)
            total += sent
            if sent:
                self.stdout.write(f"{plan.slug}: {sent} e-mail(s)")
        self.stdout.write(f"{total} e-mail(s) sendt.")
