"""The new-user review of a move into 2027-30 made before its grant date (FINDINGS-1 F21-F27):
one answer to »which period is the plan in today« everywhere (`plans.period_now`), a
closed agreement's edit page sends to the agreement, and the move's own checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from importing import jobs
from importing.models import ImportJob, ImportStatus
from plans.models import Agreement
from plans.period_now import period_now
from tests.importing.reviewing import review_data
from tests.importing.test_command import SUBAGREEMENT
from tests.moving import client_of

pytestmark = pytest.mark.django_db

# The review's day: after the move (1 December 2026), before its grant date (1.1.2027).
REVIEW_DAY = dt.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def review_day(monkeypatch: pytest.MonkeyPatch) -> None:
    real = timezone.localdate

    def localdate(value: Any = None, *args: Any) -> dt.date:
        return REVIEW_DAY if value is None else real(value, *args)

    monkeypatch.setattr(timezone, "localdate", localdate)
    monkeypatch.setattr(jobs, "run_in_background", jobs.job_read)


# -- F26: the period in force today, everywhere ------------------------------------------------


def test_before_the_grant_date_the_plan_is_in_the_period_it_leaves(moved: Any) -> None:
    now = period_now(moved)
    assert now.period.code == "2019-26" and now.pending is not None
    assert (now.start, now.end) == (dt.date(2023, 1, 1), dt.date(2026, 12, 31))
    after = period_now(moved, dt.date(2027, 1, 1))
    assert after.period.code == "2027-30" and after.pending is None
    assert after.start == dt.date(2027, 1, 1)


def test_the_plan_list_and_the_api_give_the_period_in_force(moved: Any) -> None:
    home = client_of("admin").get("/").content.decode()
    assert "1. januar 2023 – 31. december 2026 (2019-26); fra 1. januar 2027 2027-30" in home
    data = client_of("koordinator").get("/api/planer/").json()
    period = next(p for p in data if p["slug"] == moved.slug)["period"]
    assert period["funding_period"] == "2019-26"
    assert (period["start"], period["end"]) == ("2023-01-01", "2026-12-31")
    assert period["next"] == {
        "funding_period": "2027-30",
        "start": "2027-01-01",
        "end": "2030-12-31",
    }


def _current_period_job(client: Any, plan: Any) -> ImportJob:
    text = SUBAGREEMENT.replace("Uddannelse og livschancer", "Kriminalitetsforebyggelse").replace(
        "1. januar 2024 - 31. december 2027", "1. januar 2024 - 31. december 2026"
    )
    response = client.post(
        reverse("import_upload", args=[plan.slug]),
        {"file": SimpleUploadedFile("delaftale.md", text.encode())},
    )
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportStatus.READY, job.error
    return job


def test_an_import_of_the_period_in_force_is_told_the_period_is_closed_not_another_plan(
    moved: Any,
) -> None:
    client = client_of("koordinator")
    job = _current_period_job(client, moved)
    url = reverse("import_review", args=[moved.slug, job.pk])
    page = client.get(url).content.decode()
    assert "ligger uden for planens periode" not in page
    assert "hører til bevillingsperioden 2019-26, som planen er flyttet ud af" in page
    assert "lukket for ændringer" in page
    before = Agreement.objects.count()
    data = review_data(job, confirm="1", other_plan_checked="on")
    page = client.post(url, data).content.decode()
    assert Agreement.objects.count() == before  # nothing saved
    # beside the date field, with a »Ret« link from the summary
    assert 'href="#id_period_start">Ret »Gælder fra«' in page
    assert "ligger uden for planens periode" not in page


def test_an_unknown_focus_area_stands_beside_its_select(moved: Any) -> None:
    client = client_of("koordinator")
    job = _current_period_job(client, moved)
    url = reverse("import_review", args=[moved.slug, job.pk])
    # the document moved into the new period's dates: not closed, but its area is 2019-26's
    data = review_data(
        job,
        confirm="1",
        other_plan_checked="on",
        period_start="1. januar 2027",
        period_end="31. december 2030",
    )
    page = client.post(url, data).content.decode()
    assert 'href="#id_focus_area">Ret »Indsatsområde«' in page
    assert "Ukendt indsatsområde i bevillingsperioden 2027-30" in page


# -- F27: a closed agreement's edit page --------------------------------------------------------


def test_editing_a_closed_agreement_goes_to_the_agreement_with_why(moved: Any) -> None:
    closed = Agreement.objects.filter(plan=moved, closed_period__isnull=False).first()
    assert closed is not None
    client = client_of("koordinator")
    response = client.get(reverse("agreement_edit", args=[closed.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("agreement_detail", args=[closed.pk])
    page = client.get(response["Location"]).content.decode()
    assert "lukket for ændringer" in page and "Den gælder til 31. december 2026" in page
    # someone who may not edit the plan still gets the one 404
    assert client_of("bestyrelse").get(reverse("agreement_edit", args=[closed.pk])).status_code in (
        404,
    )
