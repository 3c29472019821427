"""Background tasks of documents: sending the reminders (scheduled by the worker)."""

from __future__ import annotations

import io

from django.core.management import call_command

from lib.background import task


@task()
def send_reminders() -> str:
    """`helhedsplan send-reminders` for every running plan; returns its Danish summary."""
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue().strip().splitlines()[-1] if out.getvalue().strip() else ""
