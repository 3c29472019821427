from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo.plan import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Indlæs den fiktive demoplan og en demobruger pr. rolle (gør intet, hvis den findes)."

    def handle(self, *args: Any, **options: Any) -> None:
        plan, rows = load_demo()
        self.stdout.write(
            f"\nDemoplanen »{plan.name}« er klar på http://localhost:8000/planer/{plan.slug}/"
        )
        self.stdout.write(f"Log ind med en af disse brugere (adgangskode: {DEMO_PASSWORD}):")
        for username, role in rows:
            self.stdout.write(f"  {username:<12} {role}")
        self.stdout.write("")
