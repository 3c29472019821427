"""`helhedsplan export --plan SLUG --format docx|pdf -o DIR [--agreement ID] [--version N]`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.exports import FORMATS, render_agreement
from documents.selectors import current_agreements
from lib.errors import DomainError, messages_of
from plans.models import Agreement, Plan


class Command(BaseCommand):
    help = "Skriv planens gældende aftaler (eller én aftale) som DOCX eller PDF i en mappe."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # `--version N` is ours: it replaces Django's --version (the program's version).
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", required=True, help="planens kortnavn")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
        parser.add_argument("-o", "--output", required=True, type=Path, help="mappe")
        parser.add_argument("--agreement", type=int, help="kun denne aftale (id)")
        parser.add_argument("--version", type=int, help="en tidligere version (kræver --agreement)")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(f"Planen »{options['plan']}« findes ikke.")
        version = options["version"]
        if version is not None and options["agreement"] is None:
            raise CommandError("--version kræver --agreement.")
        if options["agreement"] is not None:
            agreement = Agreement.objects.filter(plan=plan, pk=options["agreement"]).first()
            if agreement is None:
                raise CommandError(f"Aftale {options['agreement']} findes ikke i planen.")
            agreements = [agreement]
        else:
            agreements = current_agreements(plan)
        out: Path = options["output"]
        out.mkdir(parents=True, exist_ok=True)
        for agreement in agreements:
            started = time.perf_counter()
            try:
                rendered = render_agreement(agreement, options["fmt"], version=version)
            except DomainError as error:
                raise CommandError(" ".join(messages_of(error))) from None
            path = out / rendered.filename
            path.write_bytes(rendered.data)
            self.stdout.write(
                f"{path} ({len(rendered.data):,} bytes, {time.perf_counter() - started:.2f} s)"
            )
