from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Role
from accounts.services import role_grant_across_plans
from plans.models import Plan


class Command(BaseCommand):
    help = (
        "Giv en bruger en rolle på tværs af planer (lbf: LBF-konsulent, admin: administrator, "
        "kommune: læser alle planer i kommunen, med --municipality). "
        "Roller i én plan gives på planens side »Brugere«."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            required=True,
            choices=[Role.LBF.value, Role.ADMIN.value, Role.KOMMUNE.value],
        )
        parser.add_argument(
            "--municipality",
            default="",
            help="kommunen, som planerne skriver den (fx »Åbyhavn Kommune«), for rollen kommune",
        )
        parser.add_argument("--name", default="", help="fulde navn, hvis brugeren oprettes")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = " ".join((options.get("municipality") or "").split())
        if options["role"] == Role.KOMMUNE and not municipality:
            raise CommandError("Angiv kommunen med --municipality, fx »Åbyhavn Kommune«.")
        if options["role"] != Role.KOMMUNE and municipality:
            raise CommandError("--municipality bruges kun med rollen kommune.")
        User = get_user_model()
        password = ""
        if not User.objects.filter(username=options["username"]).exists():
            password = getpass.getpass("Adgangskode til den nye bruger: ")
        try:
            membership, created = role_grant_across_plans(
                username=options["username"],
                role=options["role"],
                full_name=options["name"],
                email=options["email"],
                password=password,
                municipality=municipality,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        label = str(Role(options["role"]).label)
        if municipality:
            label += f" for {municipality}"
            if not Plan.objects.filter(municipality=municipality).exists():
                self.stdout.write(
                    f"Bemærk: ingen plan har endnu kommunen »{municipality}« (skrevet sådan)."
                )
        name = membership.user.get_username()
        self.stdout.write(f"{name} er {label}." if created else f"{name} var allerede {label}.")
