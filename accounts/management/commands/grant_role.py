from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.models import Membership, Role
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

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        municipality = " ".join((options.get("municipality") or "").split())
        if options["role"] == Role.KOMMUNE and not municipality:
            raise CommandError("Angiv kommunen med --municipality, fx »Åbyhavn Kommune«.")
        if options["role"] != Role.KOMMUNE and municipality:
            raise CommandError("--municipality bruges kun med rollen kommune.")
        User = get_user_model()
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            first, _, last = options["name"].partition(" ")
            user = User(
                username=options["username"],
                first_name=first,
                last_name=last,
                email=options["email"],
            )
            password = getpass.getpass("Adgangskode til den nye bruger: ")
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            user.set_password(password)
            user.save()
        _, created = Membership.objects.get_or_create(
            user=user, plan=None, role=options["role"], municipality=municipality
        )
        label = str(Role(options["role"]).label)
        if municipality:
            label += f" for {municipality}"
            if not Plan.objects.filter(municipality=municipality).exists():
                self.stdout.write(
                    f"Bemærk: ingen plan har endnu kommunen »{municipality}« (skrevet sådan)."
                )
        self.stdout.write(
            f"{user.get_username()} er {label}."
            if created
            else f"{user.get_username()} var allerede {label}."
        )
