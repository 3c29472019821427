"""The new-user review's gaps in the local evaluation: an activity's logbook and process goals
follow the activity (renamed, reloaded from a file, moved to a new funding period); a date is
checked with the form's other fields, and within the plan's funding period; the seminar says
what a decision did to a delaftale; the texts count in Danish; an agreement of a closed period
shows its own forandringsteori figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from evaluation.models import LogbookSession, ProcessGoal, Seminar
from plans.models import Agreement, AuditEntry, FundingPeriod

TODAY = timezone.localdate()
PAST = TODAY - dt.timedelta(days=10)


@pytest.fixture
def sub(plan: Any) -> Any:
    from plans import services

    agreement = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    services.activity_save(agreement=agreement, name="Lektiecafé")
    return agreement


def _base(sub: Any) -> str:
    return f"/aftaler/{sub.pk}/aktiviteter/{sub.activities.get().pk}"


def _goal_post(target: str = "6") -> dict[str, str]:
    return {
        "procesmaal-TOTAL_FORMS": "1",
        "procesmaal-INITIAL_FORMS": "0",
        "procesmaal-0-text": "Seks temadage om året",
        "procesmaal-0-target": target,
        "procesmaal-0-per": "year",
        "procesmaal-0-condition": "",
    }


def _session_post(day: dt.date | str, participants: str = "12", theme: str = "Brøker") -> dict:
    text = day if isinstance(day, str) else f"{day:%d.%m.%Y}"
    return {"date": text, "theme": theme, "place": "in_area", "participants": participants}


# ---------------------------------------------------------------------------------------
# 1. The activity's identity


def test_a_renamed_activity_keeps_its_logbook_and_process_goals(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    from plans import services
    from plans.selectors import agreement_to_interchange

    client.force_login(personas["koordinator"])
    base = _base(sub)
    assert client.post(f"{base}/procesmaal/", _goal_post()).status_code == 302
    assert client.post(f"{base}/logbog/", _session_post(PAST)).status_code == 302
    activity = sub.activities.get()
    services.activity_save(agreement=sub, activity=activity, name="Lektiecafé for 4.-9. klasse")

    page = client.get(f"{base}/logbog/?aar={PAST.year}").content.decode()
    assert "Logbog: Lektiecafé for 4.-9. klasse" in page
    assert "Brøker" in page and "Seks temadage om året" in page
    assert "Logbogen har 1 gang i alt" in page
    # the agreement's document names the process goals by the activity's new name
    exported = agreement_to_interchange(Agreement.objects.with_chain().get(pk=sub.pk)).to_dict()
    sheet = next(a for a in exported["activities"] if a["name"] == "Lektiecafé for 4.-9. klasse")
    assert [g["text"] for g in sheet["process_goals"]] == ["Seks temadage om året"]
    # and the same session is still one: the logbook knows it under the new name too
    again = client.post(f"{base}/logbog/", _session_post(PAST)).content.decode()
    assert "Logbogen har allerede en gang" in again
    assert LogbookSession.objects.count() == 1


def test_a_renamed_activity_of_an_approved_delaftale_keeps_its_figures_in_the_version_in_force(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    """Renaming an activity of an approved delaftale starts a draft; until it is approved the
    follow-up and the partner read the version in force, which has the old name."""
    from plans import revisions, services

    client.force_login(personas["koordinator"])
    base = _base(sub)
    client.post(f"{base}/procesmaal/", _goal_post())
    client.post(f"{base}/logbog/", _session_post(PAST))
    revisions.agreement_submit(agreement=sub, user=None)
    revisions.agreement_approve(agreement=sub, user=None, meeting_date=TODAY)
    activity = sub.activities.get()
    revisions.change_agreement(
        agreement=sub, user=None, action="Aktivitet omdøbt", reason="Nyt navn",
        change=lambda: services.activity_save(
            agreement=sub, activity=activity, name="Lektiecafé for 4.-9. klasse"
        ),
    )  # fmt: skip
    sub.refresh_from_db()
    assert sub.status == "draft"
    dashboard = client.get(f"/planer/{sub.plan.slug}/opfoelgning/?aar={PAST.year}")
    shown = dashboard.content.decode()
    assert "<strong>Lektiecafé</strong>" in shown and f": 1 gang i {PAST.year}" in shown
    assert f"Procesmål: 1 af 6 i {PAST.year}" in shown
    client.force_login(personas["partner"])
    page = client.get(f"{base}/logbog/?aar={PAST.year}").content.decode()
    assert "Seks temadage om året" in page and "Brøker" in page


def test_loading_the_agreement_from_a_file_again_keeps_its_activities_logbook(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    """A file reload rewrites the activity rows: an activity of the same name is the same
    activity (its key), so its logbook and its process goals (the file has none) stay."""
    from plans import interchange as ix
    from plans import services
    from plans.selectors import agreement_to_interchange

    client.force_login(personas["koordinator"])
    base = _base(sub)
    client.post(f"{base}/procesmaal/", _goal_post())
    client.post(f"{base}/logbog/", _session_post(PAST))
    old = sub.activities.get()
    data = agreement_to_interchange(Agreement.objects.with_chain().get(pk=sub.pk)).to_dict()
    for sheet in data["activities"]:
        sheet.pop("process_goals", None)
    services.agreement_save_from_interchange(
        plan=sub.plan, data=ix.Agreement.from_dict(data), agreement=sub
    )
    new = sub.activities.get()
    assert new.pk != old.pk and new.key == old.key
    assert ProcessGoal.objects.get(agreement=sub).activity_key == new.key
    page = client.get(f"/aftaler/{sub.pk}/aktiviteter/{new.pk}/logbog/?aar={PAST.year}")
    assert "Brøker" in page.content.decode()


# ---------------------------------------------------------------------------------------
# 2. A seminar decision on a delaftale that already has a draft


def _seminar_post(sub: Any, **extra: str) -> dict[str, str]:
    data = {
        "held_on": f"{PAST:%d.%m.%Y}",
        "roles": "Koordinator",
        "data_reviewed": "Logbøgerne",
        "beslutninger-TOTAL_FORMS": "1",
        "beslutninger-INITIAL_FORMS": "0",
        "beslutninger-0-text": "Lektiecaféen får temadage.",
        "beslutninger-0-agreement": str(sub.pk),
        "beslutninger-0-start_revision": "on",
    }
    data.update(extra)
    return data


def test_a_decision_on_a_draft_says_it_was_added_to_that_draft(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    from plans import revisions

    revisions.agreement_submit(agreement=sub, user=None)
    revisions.agreement_approve(agreement=sub, user=None, meeting_date=TODAY)
    revisions.change_agreement(
        agreement=sub, user=None, action="ændret", reason="Ny tekst", change=lambda: None,
        start_version=True,
    )  # fmt: skip
    sub.refresh_from_db()
    assert (sub.status, sub.version) == ("draft", 2)
    client.force_login(personas["koordinator"])
    url = f"/planer/{sub.plan.slug}/seminarer/"
    assert client.post(url, _seminar_post(sub)).status_code == 302
    sub.refresh_from_db()
    assert sub.version == 2  # no new version was started
    decision = Seminar.objects.get().decisions.get()
    assert (decision.started_version, decision.added_to_draft) == (2, True)
    page = client.get(url).content.decode()
    assert "startede" not in page
    assert "føjet til den eksisterende kladde, <a" in page and "version 2</a>" in page
    detail = client.get(f"/aftaler/{sub.pk}/").content.decode()
    assert "Kladden til version 2 fik en beslutning fra" in detail
    assert "blev startet af" not in detail
    entry = AuditEntry.objects.filter(agreement=sub).order_by("-seq", "-id").first()
    assert entry is not None and "føjet til kladden (version 2)" in entry.action


def test_a_decision_on_an_approved_delaftale_still_starts_its_next_version(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    from plans import revisions

    revisions.agreement_submit(agreement=sub, user=None)
    revisions.agreement_approve(agreement=sub, user=None, meeting_date=TODAY)
    client.force_login(personas["koordinator"])
    url = f"/planer/{sub.plan.slug}/seminarer/"
    assert client.post(url, _seminar_post(sub)).status_code == 302
    decision = Seminar.objects.get().decisions.get()
    assert (decision.started_version, decision.added_to_draft) == (2, False)
    assert "startede <a" in client.get(url).content.decode()


# ---------------------------------------------------------------------------------------
# 3. Every field's errors at once


def test_the_seminar_form_shows_the_future_date_with_the_other_errors(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    future = TODAY + dt.timedelta(days=30)
    post = _seminar_post(sub, held_on=f"{future:%d.%m.%Y}", roles="", data_reviewed="")
    page = client.post(f"/planer/{sub.plan.slug}/seminarer/", post).content.decode()
    assert "Seminarets dato kan ikke ligge i fremtiden" in page
    assert "Skriv mindst én rolle, der deltog." in page
    assert "Skriv, hvilke data seminaret så på." in page
    assert not Seminar.objects.exists()


def test_the_seminar_form_shows_a_date_outside_the_plan_with_the_other_errors(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    """The form checks the plan's own time (`services.plan_span`), as the service does, so a
    mistyped year shows on the field beside the other errors, not only once they are fixed."""
    client.force_login(personas["koordinator"])
    post = _seminar_post(sub, held_on="12.03.1995", roles="")
    page = client.post(f"/planer/{sub.plan.slug}/seminarer/", post).content.decode()
    assert "ligger uden for planens periode" in page
    assert "Skriv mindst én rolle, der deltog." in page
    assert not Seminar.objects.exists()


def test_the_logbook_form_shows_the_future_date_with_the_other_errors(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    future = TODAY + dt.timedelta(days=30)
    page = client.post(
        f"{_base(sub)}/logbog/", _session_post(future, participants="")
    ).content.decode()
    assert "Datoen kan ikke ligge i fremtiden" in page
    # each error once, at its field (the banner only links to it)
    participants = page.split('id="id_participants_error"')[1][:200]
    assert "Dette felt er påkrævet." in participants
    assert not LogbookSession.objects.exists()


# ---------------------------------------------------------------------------------------
# 4. The delaftale of a decision: optional, unless the decision starts a revision


def test_the_decisions_delaftale_is_labelled_by_when_it_is_needed(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    url = f"/planer/{sub.plan.slug}/seminarer/"
    page = client.get(url).content.decode()
    assert "Gælder delaftalen <span" in page
    assert "(skal vælges for at starte en revision)" in page
    assert 'Gælder delaftalen <span class="weight-normal">(valgfri)' not in page
    # the rule the label names
    missing = client.post(url, _seminar_post(sub, **{"beslutninger-0-agreement": ""}))
    assert "Vælg den delaftale, revisionen gælder." in missing.content.decode()
    # and a decision about the whole plan needs none
    whole = _seminar_post(sub, **{"beslutninger-0-agreement": ""})
    whole.pop("beslutninger-0-start_revision")
    assert client.post(url, whole).status_code == 302


# ---------------------------------------------------------------------------------------
# 5. A session outside the plan's funding period


def test_a_session_outside_the_funding_period_is_refused_in_danish(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    import csv
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluation.services import plan_span

    start = plan_span(sub.plan).start  # the plan's own time (else its funding period's)
    before = start - dt.timedelta(days=1)
    client.force_login(personas["koordinator"])
    page = client.post(f"{_base(sub)}/logbog/", _session_post(before)).content.decode()
    assert "ligger uden for planens periode" in page
    assert f"{start.day}. januar {start.year}" in page  # the plan's dates
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Dato", "Tema", "Sted", "Deltagere i alt"])
    writer.writerow([f"{PAST:%d.%m.%Y}", "God", "i boligområdet", "5"])
    writer.writerow([f"{before:%d.%m.%Y}", "For tidlig", "i boligområdet", "5"])
    upload = SimpleUploadedFile("logbog.csv", buffer.getvalue().encode(), "text/csv")
    page = client.post(f"{_base(sub)}/logbog/indlaes/", {"file": upload}).content.decode()
    assert "Række 3: Datoen" in page and "ligger uden for planens periode" in page
    assert not LogbookSession.objects.exists()


def test_the_date_rule_is_one_function_for_forms_and_services(plan: Any) -> None:
    from evaluation.services import DateSpan, date_problems, plan_span

    plan.period_start, plan.period_end = dt.date(2020, 1, 1), dt.date(2023, 12, 31)
    span = plan_span(plan)
    today = dt.date(2026, 6, 1)
    assert date_problems(dt.date(2021, 5, 1), span=span, today=today) == []
    assert date_problems(dt.date(2024, 2, 1), span=span, today=today) == [
        "Datoen (1. februar 2024) ligger uden for planens periode (1. januar 2020 – 31. "
        "december 2023), så den indgår i ingen opfølgning. Ret datoen."
    ]
    assert date_problems(dt.date(2021, 5, 1), span=DateSpan(None, None), today=today) == []
    assert date_problems(dt.date(2026, 6, 2), today=today) == [
        "Datoen kan ikke ligge i fremtiden (2. juni 2026)."
    ]


# ---------------------------------------------------------------------------------------
# 6 and 8. After a move to a new funding period


def test_every_year_of_the_funding_period_is_offered(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    from evaluation.services import plan_span

    page = client.get(f"{_base(sub)}/logbog/").content.decode()
    start = plan_span(sub.plan).start.year  # the plan's own time (issue 11 review)
    for year in range(start, TODAY.year + 1):
        assert f'<option value="{year}"' in page
    assert f'<option value="{TODAY.year + 1}"' not in page
    assert f'<option value="{start - 1}"' not in page


def test_after_a_move_the_old_logbook_keeps_its_years_and_the_old_figure_its_data(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    from evaluation import services as evaluation
    from evaluation.selectors import indicator_statuses
    from followup import services as followup
    from lib.text import fold
    from plans.models import Indicator
    from plans.periods import load_period
    from tests.plans.test_transition import NEXT, _move

    indicator = Indicator.objects.get(goal__agreement=sub)
    evaluation.theory_save(
        agreement=sub,
        focus_area=sub.focus_area,
        activities=["Lektiecafé"],
        results=[evaluation.ResultInput("long", "Flere består 9. klasse", [indicator])],
        assumptions=[],
        reviewed=None,
    )
    for year, value in ((TODAY.year - 1, 70), (TODAY.year, 74)):
        followup.measurement_record(
            indicator=indicator, year=year, text=f"{value} %", percent=Decimal(value)
        )
    client.force_login(personas["koordinator"])
    old_base = _base(sub)
    early = dt.date(sub.plan.period_start.year, 3, 4)
    assert client.post(f"{old_base}/logbog/", _session_post(early)).status_code == 302
    label = indicator_statuses(sub.plan)[fold(indicator.text)][0]
    assert label != "mangler data"
    assert f"{indicator.text} ({label})" in client.get(f"/aftaler/{sub.pk}/").content.decode()

    load_period(NEXT)
    _move(sub.plan, FundingPeriod.objects.get(code=NEXT["code"]), personas["koordinator"])
    sub.refresh_from_db()
    assert sub.closed_period is not None

    page = client.get(f"{old_base}/logbog/").content.decode()
    for year in range(early.year, TODAY.year + 1):
        assert f'<option value="{year}"' in page
    page = client.get(f"{old_base}/logbog/?aar={early.year}").content.decode()
    assert "Brøker" in page
    # the new delaftale's activity is the same activity: its logbook points to the old one
    new = Agreement.objects.get(
        plan=sub.plan, is_current=True, focus_area__name="Skolegang og læring"
    )
    new_activity = new.activities.get()
    assert new_activity.key == sub.activities.get().key
    page = client.get(f"/aftaler/{new.pk}/aktiviteter/{new_activity.pk}/logbog/").content.decode()
    assert f'href="{old_base}/logbog/"' in page
    # the old agreement's forandringsteori shows its own indicator's status, not »missing«
    old_page = client.get(f"/aftaler/{sub.pk}/").content.decode()
    assert "Flere består 9. klasse" in old_page
    assert f"{indicator.text} ({label})" in old_page  # the figure read out (its <desc>)
    assert f"{indicator.text} (mangler data)" not in old_page
    # the move and the baselines' confirmation count in Danish
    from plans import transition

    confirmed = transition.baseline_confirm(plan=sub.plan, user=personas["koordinator"])
    actions = list(AuditEntry.objects.filter(plan=sub.plan).values_list("action", flat=True))
    moved = next(a for a in actions if a.startswith("Planen er flyttet"))
    assert "(s)" not in moved and "(r)" not in moved and "(er)" not in moved
    assert "1 forandringsteori og" in moved
    word = "baseline" if confirmed == 1 else "baselines"
    assert any(a.startswith(f"{confirmed} {word} bekræftet") for a in actions)


# ---------------------------------------------------------------------------------------
# 7. Texts


def test_a_process_goals_target_is_a_whole_number_and_says_so(
    client: Any, sub: Any, personas: dict[str, Any]
) -> None:
    client.force_login(personas["koordinator"])
    url = f"{_base(sub)}/procesmaal/"
    page = client.get(url).content.decode()
    assert "Et helt tal, fx 6." in page
    for typed, message in (
        ("seks", "»seks« er ikke et antal. Skriv et helt tal, fx 6."),
        ("6,3", "Målet er et antal gange. Skriv et helt tal, fx 6."),
    ):
        page = client.post(url, _goal_post(typed)).content.decode()
        assert message in page and "8.064" not in page
    assert not ProcessGoal.objects.exists()
    assert client.post(url, _goal_post("8")).status_code == 302
    assert ProcessGoal.objects.get().target == 8


def test_counts_are_written_in_danish(client: Any, sub: Any, personas: dict[str, Any]) -> None:
    client.force_login(personas["koordinator"])
    client.post(f"/planer/{sub.plan.slug}/seminarer/", _seminar_post(sub))
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert any(a.endswith("registreret med 1 beslutning") for a in actions)
    assert not any("(er)" in a or "(s)" in a for a in actions)
