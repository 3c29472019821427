from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plans.models import Plan
from plans.selectors import plan_export


class Command(BaseCommand):
    help = "Udskriv alle planens gældende aftaler som en JSON-liste i udvekslingsformatet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="planens kortnavn")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(f"Planen »{options['plan']}« findes ikke.")
        self.stdout.write(json.dumps(plan_export(plan), ensure_ascii=False, indent=2))
