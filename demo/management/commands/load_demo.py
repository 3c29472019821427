from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo.neighbour import load_neighbour_demo
from demo.plan import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Indlæs den fiktive demoplan og en demobruger pr. rolle, og en plan i en anden fiktiv "
        "kommune (gør intet, hvis de findes)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--port", type=int, default=8000, help="porten, som siden serveres på (make run: PORT)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan, rows = load_demo()
        neighbour = load_neighbour_demo()
        address = f"http://localhost:{options['port']}/planer/{plan.slug}/"
        self.stdout.write(f"\nDemoplanen »{plan.name}« er klar på {address}")
        self.stdout.write(f"Log ind med en af disse brugere (adgangskode: {DEMO_PASSWORD}):")
        for username, role in rows:
            self.stdout.write(f"  {username:<12} {role}")
        self.stdout.write(
            f"Porteføljen viser også »{neighbour.name}« i {neighbour.municipality} (for lbf og "
            "admin; kommune-brugeren ser kun sin egen kommunes plan)."
        )
        self.stdout.write("")
