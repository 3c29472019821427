from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo.plan import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Indlæs den fiktive demoplan og en demobruger pr. rolle (gør intet, hvis den findes)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--port", type=int, default=8000, help="porten, som siden serveres på (make run: PORT)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan, rows = load_demo()
        address = f"http://localhost:{options['port']}/planer/{plan.slug}/"
        self.stdout.write(f"\nDemoplanen »{plan.name}« er klar på {address}")
        self.stdout.write(f"Log ind med en af disse brugere (adgangskode: {DEMO_PASSWORD}):")
        for username, role in rows:
            self.stdout.write(f"  {username:<12} {role}")
        self.stdout.write("")
