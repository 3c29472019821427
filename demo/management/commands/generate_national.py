"""Generate the synthetic national dataset for the benchmark (fictional names only)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from demo.national import Size, generate_national


class Command(BaseCommand):
    help = "Opretter syntetiske helhedsplaner med målinger til benchmark (kun opdigtede navne)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plans", type=int, default=150)
        parser.add_argument("--subagreements", type=int, default=4)
        parser.add_argument("--indicators", type=int, default=10, help="per delaftale")
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--fixed-indicators",
            action="store_true",
            help="den strategiske aftale godkendt, med periodens faste indikatorer og værdier",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        size = Size(
            plans=options["plans"],
            subagreements=options["subagreements"],
            indicators_per_subagreement=options["indicators"],
            years=options["years"],
            fixed_indicators=options["fixed_indicators"],
        )
        written = generate_national(size, seed=options["seed"])
        self.stdout.write(
            f"{size.plans} planer og {written} målinger oprettet på "
            f"{time.perf_counter() - started:.1f} s."
        )
