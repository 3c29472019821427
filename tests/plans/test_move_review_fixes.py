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


# -- F21: the version a move carries over -------------------------------------------------------


def _draft_over_approved(plan: Any) -> Agreement:
    """The demo's Uddannelse delaftale with a change the board has not approved."""
    from django.contrib.auth.models import User

    from plans import revisions, services

    agreement = Agreement.objects.get(
        plan=plan, is_current=True, focus_area__name="Uddannelse og livschancer"
    )
    assert agreement.status == "approved"
    revisions.change_agreement(
        agreement=agreement,
        user=User.objects.get(username="koordinator"),
        action="Vision ændret",
        reason="Ny formulering",
        change=lambda: services.agreement_update(agreement=agreement, vision="En ny vision"),
    )
    agreement.refresh_from_db()
    assert agreement.status == "draft"
    return agreement


def _mapping(plan: Any, period: Any) -> dict[int, int | None]:
    from plans import transition

    return {
        c.agreement.pk: (c.proposal.pk if c.proposal else None)
        for c in transition.propose_mapping(plan, period)
    }


def test_a_draft_over_the_approved_version_carries_the_approved_one_by_default(
    demo: Any,
) -> None:
    """The move carries the version the board approved; the draft stays, read-only, in the
    old period, and is said to (review: »carrying the approved version by default«)."""
    from django.contrib.auth.models import User

    from plans import transition
    from tests.moving import GRANT, load_example_period

    draft = _draft_over_approved(demo)
    period = load_example_period()
    versions = {v.agreement.pk: v for v in transition.carried_versions(demo)}
    assert versions[draft.pk].pending_draft
    assert versions[draft.pk].label.startswith(
        f"version {draft.version}, kladde – ikke godkendt af bestyrelsen (gældende: version "
        f"{draft.version - 1}"
    )
    assert versions[draft.pk].carried_text.startswith(
        f"Overføres: den godkendte version {draft.version - 1}"
    )
    approved = [v for v in versions.values() if v.agreement.pk != draft.pk]
    assert approved and not any(v.pending_draft for v in approved)
    old_indicators = set(
        Agreement.objects.get(pk=draft.pk)
        .goals.values_list("indicators__pk", flat=True)
        .exclude(indicators__pk=None)
    )
    result = transition.plan_move_to_period(
        plan=demo,
        to_period=period,
        grant_date=GRANT,
        mapping=_mapping(demo, period),
        user=User.objects.get(username="koordinator"),
    )
    carried = next(a for a in result.subagreements if a.title.endswith("Læring og trivsel"))
    assert carried.vision != "En ny vision"  # the approved version's text
    assert any(
        f"Den godkendte version {draft.version - 1}" in line and "kladden" in line
        for line in result.not_carried
    )
    # the draft stays in the old period, as it was
    closed = Agreement.objects.get(pk=draft.pk)
    assert closed.closed_period_id is not None and closed.vision == "En ny vision"
    # its indicators continue the old ones (one series), and its activities and staff came
    from plans.models import Indicator

    continued = set(
        Indicator.objects.filter(goal__agreement=carried).values_list("continues_id", flat=True)
    )
    assert old_indicators and old_indicators <= continued
    assert carried.activities.count() == closed.activities.count()
    assert carried.staff.count() == closed.staff.count()
    assert carried.goals.count() == closed.goals.count()


def test_a_draft_is_carried_when_ticked(demo: Any) -> None:
    from django.contrib.auth.models import User

    from plans import transition
    from tests.moving import GRANT, load_example_period

    draft = _draft_over_approved(demo)
    period = load_example_period()
    result = transition.plan_move_to_period(
        plan=demo,
        to_period=period,
        grant_date=GRANT,
        mapping=_mapping(demo, period),
        user=User.objects.get(username="koordinator"),
        carry_drafts=frozenset({draft.pk}),
    )
    assert any("Kladden (version" in line and "som valgt" in line for line in result.not_carried)
    carried = next(a for a in result.subagreements if a.title.endswith("Læring og trivsel"))
    assert carried.vision == "En ny vision"


def test_the_proposal_names_each_version_and_offers_the_draft(demo: Any) -> None:
    from tests.moving import load_example_period

    draft = _draft_over_approved(demo)
    load_example_period()
    client = client_of("koordinator")
    url = reverse("plan_new_period", args=[demo.slug])
    query = {"periode": "2027-30", "bevillingsdato": "1. januar 2027"}
    page = client.get(url, query).content.decode()
    assert "Versioner, der overføres" in page
    assert "kladde – ikke godkendt af bestyrelsen" in page
    assert f"Overføres: den godkendte version {draft.version - 1}" in page
    assert f'name="kladde" value="{draft.pk}"' in page
    # a bad post (no mapping): not moved, nothing saved, said in Danish
    post = {**query, "form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"}
    response = client.post(url, post)
    assert response.status_code == 200
    assert "Planen er ikke flyttet" in response.content.decode()
    assert Agreement.objects.filter(plan=demo, closed_period__isnull=False).count() == 0


# -- F24: the grant date on the first step ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "words"),
    [("1. januar 2031", "slutter (31. december 2030)"), ("1. juni 2026", "begynder")],
)
def test_a_grant_date_outside_the_period_is_refused_beside_the_date_field(
    demo: Any, day: str, words: str
) -> None:
    from tests.moving import load_example_period

    load_example_period()
    client = client_of("koordinator")
    url = reverse("plan_new_period", args=[demo.slug])
    page = client.get(url, {"periode": "2027-30", "bevillingsdato": day}).content.decode()
    assert "Versioner, der overføres" not in page  # still the first step
    assert 'href="#id_bevillingsdato">Ret »Bevillingsdato«' in page
    assert words in page


# -- F22: the old period's rules until the grant date ------------------------------------------


def test_the_required_attachments_reminders_follow_the_period_in_force(moved: Any) -> None:
    from documents.selectors import plan_reminders
    from plans.models import FundingPeriod

    def missing(day: dt.date) -> set[str]:
        return {
            r.key.split(":", 1)[1]
            for r in plan_reminders(moved, day)
            if r.kind == "attachment_missing"
        }

    old = set(FundingPeriod.objects.get(code="2019-26").required_attachments)
    new = set(FundingPeriod.objects.get(code="2027-30").required_attachments)
    assert old != new
    before, after = missing(REVIEW_DAY), missing(dt.date(2027, 1, 2))
    assert before != after
    # before the grant date: only 2019-26's attachments are asked for
    extra_new = {n for n in new - old}
    assert not any(name.lower() in " ".join(before) for name in extra_new if name)


# -- F25: an old figure proposed again says so --------------------------------------------------


def test_a_baseline_proposed_from_an_old_figure_says_no_newer_value_exists(moved: Any) -> None:
    from plans.models import Measure

    proposed = list(Measure.objects.filter(proposed=True))
    assert proposed
    for m in proposed:
        # each proposal is either a measured value (with its year) or says none is newer
        assert "seneste måling" in m.text or "ingen nyere måling" in m.text, m.text
    assert any("ingen nyere måling" in m.text for m in proposed)
