"""The house: each rule in one room. No import circles; statuses through their TextChoices;
the "only a draft never sent can be deleted" rule in the service, met the same in the page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_every_module_imports_first_without_a_circle() -> None:
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("import_each.py"))],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _status_values() -> set[str]:
    from documents.models import AttachmentStatus
    from plans.models import AgreementStatus, PlanStatus, RevisionStatus

    return {
        str(v)
        for choices in (AgreementStatus, RevisionStatus, PlanStatus, AttachmentStatus)
        for v in choices.values
    }


def _code_files() -> list[Path]:
    skip = (".venv/", "tests/", "bench/", "corpus/")
    files = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(skip) or "/migrations/" in relative:
            continue
        files.append(path)
    return files


def test_statuses_are_named_through_their_textchoices() -> None:
    """No agreement, revision, plan or attachment status is written as a string literal in
    code (the TextChoices lines themselves aside), nor compared as one in the plan pages."""
    values = "|".join(sorted(_status_values(), key=len, reverse=True))
    literal = re.compile(r"""(?<![\w.])["'](""" + values + r""")["']""")
    definition = re.compile(r"""^\s*[A-Z_]+ = ["'][a-z_]+["'], _\(""")
    offenders = []
    for path in _code_files():
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if literal.search(line) and not definition.match(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    compare = re.compile(r"""status\s*[!=]=\s*["']""")
    for path in (ROOT / "templates" / "plans").rglob("*.html"):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if compare.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.django_db
def test_only_a_draft_never_sent_can_be_deleted_at_the_service(
    plan: Any, personas: dict[str, Any]
) -> None:
    from lib.errors import DomainError
    from plans import revisions, services
    from plans.models import Agreement, AuditEntry

    user = personas["koordinator"]
    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    assert services.can_delete_agreement(sub)
    revisions.agreement_submit(agreement=sub, user=user)
    revisions.agreement_return(agreement=sub, user=user, note="Ret det")
    sub.refresh_from_db()
    assert sub.status == "draft" and not services.can_delete_agreement(sub)
    with pytest.raises(DomainError, match="har været sendt til godkendelse"):
        services.agreement_delete(agreement=sub, by=user)
    assert Agreement.objects.filter(pk=sub.pk).exists()
    employment = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    services.agreement_delete(agreement=employment, by=user, reason="Oprettet ved en fejl")
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None and entry.plan_id == plan.pk and entry.user == user
    assert "slettet (kladde)" in entry.action and entry.reason == "Oprettet ved en fejl"


@pytest.mark.django_db
def test_the_page_offers_delete_only_where_the_service_allows_it(
    client: Any, plan: Any, personas: dict[str, Any]
) -> None:
    from plans import revisions
    from plans.models import Agreement

    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    employment = Agreement.objects.get(plan=plan, focus_area__name="Beskæftigelse")
    revisions.agreement_submit(agreement=sub, user=personas["koordinator"])
    revisions.agreement_return(agreement=sub, user=personas["bestyrelse"], note="Ret det")
    client.force_login(personas["koordinator"])
    assert "Slet aftalen" not in client.get(f"/aftaler/{sub.pk}/").content.decode()
    assert "Slet aftalen" in client.get(f"/aftaler/{employment.pk}/").content.decode()
    refused = client.post(f"/aftaler/{sub.pk}/slet/", follow=True).content.decode()
    assert "har været sendt til godkendelse og kan ikke slettes" in refused
    assert Agreement.objects.filter(pk=sub.pk).exists()
    client.post(f"/aftaler/{employment.pk}/slet/")
    assert not Agreement.objects.filter(pk=employment.pk).exists()
    log = client.get(f"/planer/{plan.slug}/log/").content.decode()
    assert "slettet (kladde)" in log
