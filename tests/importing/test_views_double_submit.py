"""A double-click on »Gem aftalen« (review R10): the import is saved once, and every request
after the first lands on the saved agreement with a message, not on the form saying
»Intet er gemt endnu«. Two real requests at once, each on its own database connection."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from importing import views
from importing.models import ImportJob, ImportStatus
from plans.models import Agreement, AuditEntry
from tests.importing.reviewing import (
    post_review,
    ready_job,
    review_data,
    signed_in,
)


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _both_at_once(monkeypatch: pytest.MonkeyPatch, posts: list[tuple[Client, dict]], job: Any):
    """Send the posts in threads that each pass the review's validation (the job read as
    ready) before any of them reaches the save: the race a double-click makes."""
    barrier = threading.Barrier(len(posts), timeout=30)
    original = views.plan_mismatches

    def after_validation(*args: Any, **kwargs: Any) -> Any:
        barrier.wait()  # every request has read the job as ready and validated the form
        return original(*args, **kwargs)

    monkeypatch.setattr(views, "plan_mismatches", after_validation)
    responses: list[Any] = [None] * len(posts)
    failures: list[BaseException] = []

    def send(index: int, client: Client, data: dict) -> None:
        try:
            responses[index] = post_review(client, job, data)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(i, client, data))
        for i, (client, data) in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    return responses


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_confirms_save_once_and_both_land_on_the_agreement(
    personas: dict[str, Any], plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    koordinator = personas["koordinator"]
    job = ready_job(signed_in(koordinator), plan)
    current = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    imported = AuditEntry.objects.filter(reason="Importeret fra delaftale.md")
    count = Agreement.objects.count()
    data = review_data(job, initiative="Gemt én gang", confirm="1")
    clients = [signed_in(koordinator), signed_in(koordinator)]

    responses = _both_at_once(monkeypatch, [(c, data) for c in clients], job)

    target = reverse("agreement_detail", args=[current.pk])
    assert [r.status_code for r in responses] == [302, 302]
    assert [r["Location"] for r in responses] == [target, target]
    current.refresh_from_db()
    assert current.initiative == "Gemt én gang"
    assert imported.count() == 1  # saved once, not twice
    assert Agreement.objects.count() == count
    job.refresh_from_db()
    assert job.status == ImportStatus.SAVED and job.agreement_id == current.pk
    # one of the two was told it had been saved already
    pages = [c.get(target).content.decode() for c in clients]
    assert sum("er gemt fra delaftale.md" in p for p in pages) == 1
    assert sum("er allerede gemt som" in p for p in pages) == 1
    assert not any("Intet er gemt endnu" in p for p in pages)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_saves_as_a_new_agreement_make_one(
    personas: dict[str, Any], plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """»Gem som ny aftale« twice at once: the second must not stop at »the plan already
    has one« (the first's), nor make a second agreement."""
    koordinator = personas["koordinator"]
    job = ready_job(signed_in(koordinator), plan)
    count = Agreement.objects.count()
    data = review_data(job, focus_area="Kriminalitetsforebyggelse", confirm_new="1")
    clients = [signed_in(koordinator), signed_in(koordinator)]

    responses = _both_at_once(monkeypatch, [(c, data) for c in clients], job)

    assert [r.status_code for r in responses] == [302, 302]
    assert Agreement.objects.count() == count + 1
    created = ImportJob.objects.get(pk=job.pk).agreement
    assert created is not None and created.focus_area.name == "Kriminalitetsforebyggelse"
    target = reverse("agreement_detail", args=[created.pk])
    assert {r["Location"] for r in responses} == {target}


@pytest.mark.django_db
def test_a_post_to_a_saved_import_goes_to_the_agreement_with_a_message(
    personas: dict[str, Any], plan: Any
) -> None:
    """Without script (or after a reload): confirm or »Opdatér visningen« on a saved import."""
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    data = review_data(job, confirm="1")
    first = post_review(client, job, data)
    assert first.status_code == 302
    job.refresh_from_db()
    for again in (data, {**data, "confirm": "", "update": "1"}):
        response = post_review(client, job, again)
        assert response.status_code == 302
        assert response["Location"] == reverse("agreement_detail", args=[job.agreement_id])
        page = client.get(response["Location"]).content.decode()
        assert "er allerede gemt som" in page and "ikke gemt en gang til" in page


@pytest.mark.django_db
def test_the_review_form_submits_once_with_script(personas: dict[str, Any], plan: Any) -> None:
    """The page's script stops a second submit of the review form (static/js/app.js)."""
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan)
    page = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    form = page[page.index('id="review-form"') - 200 : page.index('id="review-form"') + 200]
    assert "data-submit-once" in form
