"""`helhedsplan unlock-user USERNAME`: lift a login lockout (django-axes) before it expires."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset
from django.core.management.base import BaseCommand, CommandParser

from lib.danish import format_date


class Command(BaseCommand):
    help = (
        "Ophæv spærringen af en bruger efter for mange forkerte adgangskoder "
        "(uden brugernavn: vis spærrede brugere)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help="brugernavnet, der skal låses op")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options.get("username")
        if not username:
            attempts = AccessAttempt.objects.order_by("username")
            if not attempts:
                self.stdout.write("Ingen brugere har forkerte loginforsøg registreret.")
            for attempt in attempts:
                self.stdout.write(
                    f"{attempt.username}: {attempt.failures_since_start} forkerte forsøg, "
                    f"senest {format_date(attempt.attempt_time.date())} {attempt.attempt_time:%H:%M}"
                )
            return
        count = reset(username=username)
        if count:
            self.stdout.write(f"Brugeren »{username}« er låst op og kan logge ind igen.")
        else:
            self.stdout.write(f"Brugeren »{username}« var ikke spærret; intet er ændret.")
