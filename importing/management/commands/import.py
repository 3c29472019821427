"""`helhedsplan import FILE --json | --plan SLUG`: read an agreement document from the shell.

`--json` prints the interchange JSON (warnings included) and saves nothing; `--plan SLUG`
validates the reading the same way the web review does and saves it through
`plans.loading.plan_load_interchange` (a current agreement of the same kind and focus area
is revised, its version goes up). A document that looks like another plan's (another
municipality among the parties, none of the plan's organisations, a period outside the
plan's; `importing.consistency`) is refused with the same Danish messages the review page
shows, unless `--force` says to save it anyway.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from importing.consistency import plan_mismatches
from importing.errors import DocumentError
from importing.pipeline import read_document
from importing.saving import current_counterpart, import_save, reading_document
from lib.danish import format_size
from lib.errors import messages_of
from plans.loading import read_documents
from plans.models import Plan


class Command(BaseCommand):
    help = (
        "Læs en samarbejdsaftale eller delaftale (DOCX, ODT, PDF, scanning, billede, tekst, "
        "Markdown, HTML) og udskriv den som JSON eller gem den i en plan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="dokumentet, der skal læses")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument(
            "--json", action="store_true", help="udskriv udvekslingsformatet; gem intet"
        )
        target.add_argument("--plan", help="planens kortnavn; aftalen gemmes i planen")
        parser.add_argument(
            "--no-ocr", action="store_true", help="læs ikke scannede sider med tekstgenkendelse"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="gem også et dokument, der ser ud til at høre til en anden plan",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {path}")
        limit = settings.MAX_UPLOAD_BYTES
        size = path.stat().st_size
        if size > limit:
            raise CommandError(
                f"Filen er for stor ({format_size(size)}); grænsen er {format_size(limit)}."
            )
        try:
            result = read_document(
                path.read_bytes(), path.name, max_bytes=limit, ocr=not options["no_ocr"]
            )
        except DocumentError as error:
            raise CommandError(error.message) from None
        document = reading_document(result.agreement)
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        plan = Plan.objects.filter(slug=options["plan"]).first()
        existing = current_counterpart(plan, document) if plan else None
        mismatches = []
        if plan is not None:
            try:  # what cannot be saved at all is said first
                read_documents([document], plan.funding_period)
            except ValidationError as error:
                raise CommandError("\n".join(messages_of(error))) from None
            mismatches = plan_mismatches(plan, document)
        for mismatch in mismatches:
            self.stderr.write(f"Advarsel: {mismatch.message}")
        if plan is not None and mismatches and not options["force"]:
            raise CommandError(
                f"Dokumentet ser ud til at høre til en anden plan end »{plan.name}«; intet er "
                "gemt. Brug --force for at gemme det alligevel."
            )
        try:
            loaded = import_save(slug=options["plan"], document=document, filename=path.name)
        except ValidationError as error:
            raise CommandError("\n".join(messages_of(error))) from None
        saved = loaded.agreements[0]
        if saved in loaded.unchanged:
            self.stdout.write(
                f"Uændret: {saved.get_kind_display().lower()} i planen »{loaded.plan.name}« "
                f"({loaded.plan.slug}) siger allerede det samme som {path.name} "
                f"(version {saved.version}); intet er gemt."
            )
            for warning in result.warnings:
                self.stderr.write(f"Advarsel: {warning}")
            return
        verb = f"Reviderede (version {saved.version})" if existing else "Oprettede"
        self.stdout.write(
            f"{verb} {saved.get_kind_display().lower()} i planen »{loaded.plan.name}« "
            f"({loaded.plan.slug}) fra {path.name}."
        )
        for warning in result.warnings:
            self.stderr.write(f"Advarsel: {warning}")
