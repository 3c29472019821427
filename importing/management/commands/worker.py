"""`helhedsplan worker`: run the background tasks queued in the database (imports, archiving,
LBF packages, reminders). `make run` / `helhedsplan serve` start it beside the web server.

It is django-tasks-db's `db_worker` with recovery of tasks whose worker died, a clean stop and
the reminder schedule (importing/worker.py). Several may run at once, on one machine or many.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks_db.backend import DatabaseBackend

from importing.worker import Worker, new_worker_id, recover


class Command(BaseCommand):
    help = "Kør baggrundsopgaverne (import, arkivering, LBF-pakker, påmindelser) fra databasen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue-name", default="default", help="køer, adskilt med komma")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="sekunder mellem opslag i en tom kø"
        )
        parser.add_argument(
            "--batch", action="store_true", help="kør opgaverne i køen og stop, når den er tom"
        )
        parser.add_argument("--max-tasks", type=int, default=None, help="stop efter N opgaver")
        parser.add_argument(
            "--no-schedule", action="store_true", help="læg ikke påmindelser i kø efter tidsplan"
        )
        parser.add_argument("--backend", default="default", help="TASKS-backend (database)")

    def handle(self, *args: Any, **options: Any) -> None:
        from lib.background import task_backends

        backend = task_backends[options["backend"]]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                f"Backend »{options['backend']}« er ikke databasekøen "
                f"({type(backend).__name__}); kør dens egen worker (se README)."
            )
        logging.getLogger("helhedsplan.worker").setLevel(
            logging.INFO if options["verbosity"] else logging.WARNING
        )
        recovered = recover(backend_name=options["backend"])
        if recovered:
            self.stdout.write(f"{len(recovered)} afbrudt(e) opgave(r) fundet efter en genstart.")
        worker = Worker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend"],
            startup_delay=not options["batch"],
            max_tasks=options["max_tasks"],
            worker_id=new_worker_id(),
            excluded_queue_names=[],
            schedule=not options["no_schedule"],
        )
        worker.configure_signals()
        worker.run()
