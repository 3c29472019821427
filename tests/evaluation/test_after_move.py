"""The logbook and the plan's time after the demo plan moved into 2027-30 (issue 11, a new
user's review): one rule (`services.logbook_span`) says which logbook a session belongs to,
so every real session can be recorded exactly once, and no date outside the plan's own time
is taken."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.moving import GRANT, client_of

LATE = dt.date(2026, 11, 30)  # a session of the old period's last month, written after the move


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _lektiecafe(plan: Any, *, closed: bool) -> Any:
    from plans.models import Activity

    return Activity.objects.get(
        agreement__plan=plan,
        name="Lektiecafé i fælleshuset",
        agreement__closed_period__isnull=not closed,
        **({} if closed else {"agreement__is_current": True}),
    )


def _session(day: dt.date) -> dict[str, str]:
    return {
        "date": f"{day:%d.%m.%Y}",
        "theme": "Sen registrering",
        "place": "in_area",
        "participants": "6",
    }


def _url(activity: Any) -> str:
    return f"/aftaler/{activity.agreement_id}/aktiviteter/{activity.pk}/logbog/"


def test_a_session_before_the_grant_date_goes_into_the_closed_periods_logbook(
    moved: Any,
) -> None:
    from evaluation.models import LogbookSession
    from followup import selectors

    old, new = _lektiecafe(moved, closed=True), _lektiecafe(moved, closed=False)
    client = client_of()
    before = selectors.plan_followup(moved, year=2026, today=LATE)
    counted = {a.name: a.sessions for g in before.goals for a in g.activities}
    # The new period's logbook refuses it and says where it goes.
    page = client.post(_url(new), _session(LATE)).content.decode()
    assert "skriv den i logbogen for 2019-26" in page
    assert not LogbookSession.objects.filter(date=LATE).exists()
    # The closed period's logbook offers the form for its days, and takes it.
    page = client.get(_url(old)).content.decode()
    assert "Skriv én gang ind" in page and "31. december 2026" in page
    response = client.post(_url(old), _session(LATE))
    assert response.status_code == 302
    assert LogbookSession.objects.filter(date=LATE, agreement=old.agreement).count() == 1
    # Exactly once: the same session again is refused, and the new logbook still refuses it.
    assert "allerede" in client.post(_url(old), _session(LATE)).content.decode()
    client.post(_url(new), _session(LATE))
    assert LogbookSession.objects.filter(date=LATE).count() == 1
    after = selectors.plan_followup(moved, year=2026, today=LATE)
    now = {a.name: a.sessions for g in after.goals for a in g.activities}
    assert now["Lektiecafé i fælleshuset"] == counted["Lektiecafé i fælleshuset"] + 1


def test_the_new_logbook_takes_the_grant_date_and_deletes_only_what_it_holds(
    moved: Any,
) -> None:
    from evaluation import services
    from evaluation.models import LogbookSession

    new = _lektiecafe(moved, closed=False)
    span = services.logbook_span(new.agreement)
    assert span.start == GRANT
    old_span = services.logbook_span(_lektiecafe(moved, closed=True).agreement)
    assert old_span.end == GRANT - dt.timedelta(days=1)
    assert old_span.start == dt.date(2023, 1, 1)
    # A session the new logbook does not hold (saved there before this rule) is read-only:
    # no »Slet«, and the service refuses to delete it.
    stray = LogbookSession.objects.create(
        plan=moved,
        agreement=new.agreement,
        activity_key=new.key,
        date=LATE,
        theme="Fejlplaceret",
        place="in_area",
        participants=3,
    )
    page = client_of().get(_url(new) + "?aar=2026").content.decode()
    assert "Fejlplaceret" in page
    assert f"/logbog/{stray.pk}/slet/" not in page and "Slet</button>" not in page
    with pytest.raises(services.DomainError):
        services.session_delete(session=stray, user=None)
    assert LogbookSession.objects.filter(pk=stray.pk).exists()


def test_dates_outside_the_plans_own_time_are_refused_before_any_move(demo: Any) -> None:
    from evaluation import services
    from evaluation.models import LogbookSession, Seminar

    activity = _lektiecafe(demo, closed=False)
    client = client_of()
    count = LogbookSession.objects.filter(agreement=activity.agreement).count()
    page = client.post(_url(activity), _session(dt.date(2020, 6, 1))).content.decode()
    assert "uden for planens periode" in page
    assert LogbookSession.objects.filter(agreement=activity.agreement).count() == count
    seminars = Seminar.objects.count()
    with pytest.raises(services.DomainError, match="uden for planens periode"):
        services.seminar_record(
            plan=demo,
            held_on="01.02.2019",
            roles=["koordinator"],
            data_reviewed="Tal",
            decisions=[services.DecisionInput(text="Fortsæt")],
            user=None,
        )
    assert Seminar.objects.count() == seminars
