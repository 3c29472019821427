"""`helhedsplan serve [ADDR:PORT]`: the web server and the background
worker together, as one command (what `make run` starts).

Both run as child processes of this one. A worker that dies is started again (its task is
recovered, see importing/worker.py); when the web server stops, or on Ctrl-C / SIGTERM, both
are stopped: first politely (SIGTERM; a running task goes back in the queue), after
`STOP_SECONDS` for good. In production run gunicorn and `helhedsplan worker` under your own
supervisor (systemd, a container per process) instead.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

STOP_SECONDS = 10.0
RESTART_PAUSE = 2.0


def _django(*args: str) -> list[str]:
    return [sys.executable, "-m", "django", *args]


class Command(BaseCommand):
    help = "Start webserveren og baggrundsprocessen sammen (stoppes sammen med Ctrl-C)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        }
        web_command = _django("runserver", options["addrport"])
        worker_command = _django("worker", f"--verbosity={options['verbosity']}")
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        web = subprocess.Popen(web_command, env=env)
        worker = subprocess.Popen(worker_command, env=env)
        self.stdout.write(f"Baggrundsprocessen kører (pid {worker.pid}).")
        try:
            while not stopping and web.poll() is None:
                if worker.poll() is not None:
                    self.stderr.write(
                        f"Baggrundsprocessen stoppede (kode {worker.returncode}); startes igen."
                    )
                    time.sleep(RESTART_PAUSE)
                    worker = subprocess.Popen(worker_command, env=env)
                time.sleep(0.2)
        finally:
            for child in (worker, web):
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + STOP_SECONDS
            for child in (worker, web):
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        self.stdout.write("Webserver og baggrundsproces er stoppet.")
