"""A separate process with its own database connection, for the multi-process tests:
`python -m tests.ops.worker COMMAND …` prints one JSON line.

setup                          a plan with a delaftale and an attachment; their ids
write ID N START [--deferred]  wait for the file START, then N agreement edits through the
                               services (plans.revisions.change_agreement + goal_save), each
                               a read-then-write transaction; `--deferred` turns off
                               BEGIN IMMEDIATE and the busy timeout, to show what they prevent
count                          the rows the writers leave behind
snapshot                       every row of the tables the round trip must bring back
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any


def _setup_django(deferred: bool = False) -> None:
    import django

    if deferred:
        import config.settings as values

        values.DATABASES["default"]["OPTIONS"]["transaction_mode"] = None
        values.DATABASES["default"]["OPTIONS"]["timeout"] = 0.01
    django.setup()


def setup() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from documents.services import attachment_upload
    from plans import services
    from plans.models import FocusArea

    plan = services.plan_create(name="Samtidighed", slug="samtidighed")
    focus = FocusArea.objects.get(name="Beskæftigelse")
    agreement = services.agreement_create(plan=plan, kind="delaftale", focus_area=focus)
    user = get_user_model().objects.create_user(username="skriver", password="pw-skriver-1")
    pdf = b"%PDF-1.4\n% helhedsplan test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    version = attachment_upload(plan=plan, kind="budget", data=pdf, filename="Budget 🎉.pdf")
    return {"plan": plan.pk, "agreement": agreement.pk, "user": user.pk, "version": version.pk}


def write(agreement_id: int, count: int, start_file: str) -> dict[str, Any]:
    from django.db import close_old_connections

    from plans import services
    from plans.models import Agreement
    from plans.revisions import change_agreement

    worker = os.getpid()
    agreement = Agreement.objects.get(pk=agreement_id)
    while not os.path.exists(start_file):
        time.sleep(0.005)
    errors: list[str] = []
    done = 0
    for n in range(count):
        try:
            change_agreement(
                agreement=agreement,
                user=None,
                action="Samtidig ændring",
                reason="test",
                change=lambda n=n: services.goal_save(
                    agreement=agreement, text=f"Mål fra {worker} nr. {n}"
                ),
            )
            done += 1
        except Exception as error:  # counted and reported: the test asserts there are none
            errors.append(f"{type(error).__name__}: {error}")
    close_old_connections()
    return {"done": done, "errors": errors}


def count(agreement_id: int) -> dict[str, Any]:
    from plans.models import Agreement, AuditEntry, Goal

    agreement = Agreement.objects.get(pk=agreement_id)
    return {
        "goals": Goal.objects.filter(agreement=agreement, text__startswith="Mål fra").count(),
        "audit": AuditEntry.objects.filter(agreement=agreement, action="Samtidig ændring").count(),
        "edit_seq": agreement.edit_seq,
    }


def snapshot() -> dict[str, Any]:
    from django.core import serializers

    from documents.models import AttachmentVersion
    from plans.models import Agreement, AuditEntry, Goal, Plan

    rows = []
    for model in (Plan, Agreement, Goal, AuditEntry, AttachmentVersion):
        rows += json.loads(serializers.serialize("json", model.objects.order_by("pk")))
    files = {}
    for version in AttachmentVersion.objects.all():
        try:
            with version.file.open("rb") as handle:
                files[version.file.name] = handle.read().hex()
        except FileNotFoundError:
            files[version.file.name] = None
    return {"rows": rows, "files": files}


def main(argv: list[str]) -> None:
    command = argv[0]
    _setup_django(deferred="--deferred" in argv)
    if command == "setup":
        answer = setup()
    elif command == "write":
        answer = write(int(argv[1]), int(argv[2]), argv[3])
    elif command == "count":
        answer = count(int(argv[1]))
    elif command == "snapshot":
        answer = snapshot()
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
