"""The revision flow: drafts, the board's decision, LBF's approval, history, conflicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from plans import revisions, services
from plans.models import Agreement, AgreementRevision, AuditEntry, Goal, Plan


def _sub(plan: Plan) -> Agreement:
    return Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")


def _approve(agreement: Agreement, user: Any, day: dt.date = dt.date(2024, 3, 1)) -> None:
    """The koordinator sends, `user` approves (four eyes: never the one who sent it)."""
    sender = agreement.plan.memberships.get(role="koordinator").user
    revisions.agreement_submit(agreement=agreement, user=sender, sent_on=day)
    revisions.agreement_approve(
        agreement=agreement, user=user, meeting_date=day, meeting_reference="Møde 1"
    )


@pytest.mark.django_db
def test_approval_freezes_a_snapshot_and_editing_starts_a_draft(
    plan: Plan, personas: dict[str, Any]
) -> None:
    agreement = _sub(plan)
    _approve(agreement, personas["bestyrelse"])
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version, agreement.approved_on) == (
        "approved",
        1,
        dt.date(2024, 3, 1),
    )
    goal = Goal.objects.get(agreement=agreement)

    with pytest.raises(ValidationError, match="begrundelse"):
        revisions.change_agreement(
            agreement=agreement,
            user=personas["koordinator"],
            action="x",
            change=lambda: services.goal_save(agreement=agreement, goal=goal, text="Nyt mål"),
        )
    goal.refresh_from_db()
    assert goal.text == "Flere unge gennemfører 9. klasse"

    revisions.change_agreement(
        agreement=agreement,
        user=personas["koordinator"],
        action="Delmål ændret",
        reason="Skolen har nye tal",
        change=lambda: services.goal_save(agreement=agreement, goal=goal, text="Nyt mål"),
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.version) == ("draft", 2)
    first = revisions.agreement_version(agreement, 1)
    assert (
        first is not None and first.data["goals"][0]["text"] == "Flere unge gennemfører 9. klasse"
    )
    assert first.approved_on == dt.date(2024, 3, 1)
    changes = [str(c) for c in revisions.compare(agreement, 1, 2)]
    assert changes == ["Delmål ændret fra »Flere unge gennemfører 9. klasse« til »Nyt mål«"]
    entry = AuditEntry.objects.filter(agreement=agreement).first()
    assert (
        entry is not None
        and entry.reason == "Skolen har nye tal"
        and entry.user_label == "koordinator"
    )


@pytest.mark.django_db
def test_a_submitted_agreement_cannot_be_changed_until_returned(
    plan: Plan, personas: dict[str, Any]
) -> None:
    agreement = _sub(plan)
    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"])
    with pytest.raises(ValidationError, match="godkendelse"):
        revisions.change_agreement(
            agreement=agreement,
            user=personas["koordinator"],
            action="x",
            reason="y",
            change=lambda: None,
        )
    with pytest.raises(ValidationError, match="bemærkning"):
        revisions.agreement_return(agreement=agreement, user=personas["bestyrelse"], note=" ")
    revisions.agreement_return(agreement=agreement, user=personas["bestyrelse"], note="Ret tallene")
    agreement.refresh_from_db()
    assert agreement.status == "draft"
    assert AgreementRevision.objects.get(agreement=agreement).status == "returned"


@pytest.mark.django_db
def test_strategic_agreement_needs_lbf_after_the_board(
    plan: Plan, personas: dict[str, Any]
) -> None:
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    revisions.agreement_submit(
        agreement=strategic, user=personas["koordinator"], sent_on=dt.date(2024, 4, 20)
    )
    revisions.agreement_approve(
        agreement=strategic, user=personas["bestyrelse"], meeting_date=dt.date(2024, 5, 2)
    )
    strategic.refresh_from_db()
    assert strategic.status == "awaiting_lbf"
    assert revisions.agreement_as_of(strategic, dt.date(2024, 6, 1)) is None
    with pytest.raises(ValidationError, match="før bestyrelsen"):
        revisions.agreement_record_lbf_approval(
            agreement=strategic, user=personas["koordinator"], approved_on=dt.date(2024, 5, 1)
        )
    revisions.agreement_record_lbf_approval(
        agreement=strategic,
        user=personas["koordinator"],
        approved_on=dt.date(2024, 6, 10),
        reference="LBF 2024-77",
    )
    strategic.refresh_from_db()
    assert (strategic.status, strategic.approved_on) == ("approved", dt.date(2024, 6, 10))
    assert revisions.agreement_as_of(strategic, dt.date(2024, 6, 9)) is None
    as_of = revisions.agreement_as_of(strategic, dt.date(2025, 1, 1))
    assert as_of is not None and as_of.number == 1


@pytest.mark.django_db
def test_as_of_picks_the_version_in_force(plan: Plan, personas: dict[str, Any]) -> None:
    agreement = _sub(plan)
    _approve(agreement, personas["bestyrelse"], dt.date(2024, 3, 1))
    revisions.change_agreement(
        agreement=agreement,
        user=personas["koordinator"],
        action="Titel",
        reason="Nyt navn",
        change=lambda: services.agreement_update(agreement=agreement, title="Ny titel"),
    )
    _approve(agreement, personas["bestyrelse"], dt.date(2025, 2, 1))
    v_2024 = revisions.agreement_as_of(agreement, dt.date(2024, 12, 31))
    v_2025 = revisions.agreement_as_of(agreement, dt.date(2025, 2, 1))
    assert v_2024 is not None and v_2024.data["title"] == "Delaftale om skolegang"
    assert v_2025 is not None and v_2025.data["title"] == "Ny titel"
    assert revisions.agreement_as_of(agreement, dt.date(2024, 2, 28)) is None
    assert [v.number for v in revisions.agreement_versions(agreement)] == [1, 2]


@pytest.mark.django_db
def test_the_second_editor_is_refused_and_sees_the_first_change(
    client: Any, plan: Plan, personas: dict[str, Any], django_user_model: Any
) -> None:
    from accounts.models import Membership

    second = django_user_model.objects.create_user("anden", first_name="Anna", last_name="Anden")
    Membership.objects.create(user=second, plan=plan, role="koordinator")
    agreement = _sub(plan)
    goal = Goal.objects.get(agreement=agreement)
    url = reverse("part_edit", args=[agreement.pk, "maal", goal.pk])
    client.force_login(personas["koordinator"])
    seen = client.get(url).context["seen_seq"]

    other = client.__class__()
    other.force_login(second)
    first_save = other.post(url, {"text": "Annas udgave", "seen_seq": seen})
    assert first_save.status_code == 302

    refused = client.post(url, {"text": "Min udgave", "seen_seq": seen})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "ændret af en anden" in page and "Anna Anden" in page and "Annas udgave" in page
    goal.refresh_from_db()
    assert goal.text == "Annas udgave"


@pytest.mark.django_db
def test_board_approves_in_the_browser_flow(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    agreement = _sub(plan)
    client.force_login(personas["koordinator"])
    assert (
        client.post(
            reverse("agreement_submit", args=[agreement.pk]), {"reason": "Årlig revision"}
        ).status_code
        == 302
    )
    client.force_login(personas["bestyrelse"])
    bad = client.post(
        reverse("agreement_decide", args=[agreement.pk]),
        {"approve": "1", "meeting_date": "31. februar 2024"},
    )
    assert "ikke en dato" in bad.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "submitted"
    today = timezone.localdate()
    good = client.post(
        reverse("agreement_decide", args=[agreement.pk]),
        {"approve": "1", "meeting_date": f"{today:%d.%m.%Y}", "meeting_reference": "Møde 2/2024"},
    )
    assert good.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.approved_on) == ("approved", today)
    history = client.get(reverse("agreement_history", args=[agreement.pk])).content.decode()
    assert "Møde 2/2024" in history and "Årlig revision" in history


@pytest.mark.django_db
def test_a_koordinator_cannot_approve(client: Any, plan: Plan, personas: dict[str, Any]) -> None:
    agreement = _sub(plan)
    revisions.agreement_submit(agreement=agreement, user=personas["koordinator"])
    client.force_login(personas["koordinator"])
    response = client.post(
        reverse("agreement_decide", args=[agreement.pk]),
        {"approve": "1", "meeting_date": "1.3.2024"},
    )
    assert response.status_code == 404
    agreement.refresh_from_db()
    assert agreement.status == "submitted"


@pytest.mark.django_db
def test_an_approved_agreement_cannot_be_deleted(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    agreement = _sub(plan)
    _approve(agreement, personas["bestyrelse"])
    client.force_login(personas["koordinator"])
    client.post(reverse("agreement_delete", args=[agreement.pk]))
    assert Agreement.objects.filter(pk=agreement.pk).exists()


@pytest.mark.django_db
def test_editing_the_agreement_itself_is_also_protected_against_a_second_editor(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    agreement = _sub(plan)
    url = reverse("agreement_edit", args=[agreement.pk])
    client.force_login(personas["koordinator"])
    seen = client.get(url).context["seen_seq"]
    other = client.__class__()
    other.force_login(personas["admin"])
    assert other.post(url, {"title": "Admins titel", "seen_seq": seen}).status_code == 302
    refused = client.post(url, {"title": "Min titel", "seen_seq": seen})
    assert refused.status_code == 200 and "ændret af en anden" in refused.content.decode()
    agreement.refresh_from_db()
    assert agreement.title == "Admins titel"


@pytest.mark.django_db
def test_whoever_sent_a_version_cannot_also_approve_it(
    client: Any, plan: Plan, personas: dict[str, Any]
) -> None:
    """Four eyes (review R21): one person may hold both roles in a small plan, but the
    approval of what they sent needs another board member; the page says so, nothing changes."""
    from accounts.models import Membership, Role

    both = personas["koordinator"]
    Membership.objects.create(user=both, plan=plan, role=Role.BOARD)
    agreement = _sub(plan)
    revisions.agreement_submit(agreement=agreement, user=both, sent_on=dt.date(2024, 3, 1))
    client.force_login(both)
    page = client.post(
        reverse("agreement_decide", args=[agreement.pk]),
        {"approve": "1", "meeting_date": "1.3.2024", "meeting_reference": "Møde 1"},
    )
    assert page.status_code == 200
    assert "kan ikke også godkende den" in page.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "submitted"
    assert not AgreementRevision.objects.filter(agreement=agreement, status="approved").exists()

    revisions.agreement_approve(
        agreement=agreement, user=personas["bestyrelse"], meeting_date=dt.date(2024, 3, 1)
    )
    agreement.refresh_from_db()
    assert agreement.status == "approved"


@pytest.mark.django_db
def test_readers_of_a_version_awaiting_lbf_are_told_who_records_it(
    plan: Plan, personas: dict[str, Any], client: Any
) -> None:
    """The LBF consultant saw »venter på Landsbyggefondens godkendelse« with no action and no
    word of how it is recorded (review4 T18); the koordinator has the button."""
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    revisions.agreement_submit(
        agreement=strategic, user=personas["koordinator"], sent_on=dt.date(2024, 4, 20)
    )
    revisions.agreement_approve(
        agreement=strategic, user=personas["bestyrelse"], meeting_date=dt.date(2024, 5, 2)
    )
    url = reverse("agreement_detail", args=[strategic.pk])
    told = "Planens koordinator registrerer Landsbyggefondens godkendelse, når den er modtaget."
    for name in ("lbf", "bestyrelse"):
        client.force_login(personas[name])
        page = client.get(url).content.decode()
        assert told in page and "Registrér Landsbyggefondens godkendelse" not in page
    client.force_login(personas["koordinator"])
    page = client.get(url).content.decode()
    assert "Registrér Landsbyggefondens godkendelse" in page and told not in page


@pytest.mark.django_db
def test_the_edit_form_of_a_version_being_decided_says_who_decides_and_takes_no_typing(
    plan: Plan, personas: dict[str, Any], client: Any
) -> None:
    """Waiting for LBF, the form said »… før bestyrelsen har besluttet« (the board had) and
    let the koordinator type into fields that could not be saved (review4 T23)."""
    strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
    revisions.agreement_submit(
        agreement=strategic, user=personas["koordinator"], sent_on=dt.date(2024, 4, 20)
    )
    client.force_login(personas["koordinator"])
    url = reverse("agreement_edit", args=[strategic.pk])
    page = client.get(url).content.decode()
    assert "før bestyrelsen har besluttet" in page
    assert '<fieldset class="app-plain" disabled>' in page
    revisions.agreement_approve(
        agreement=strategic, user=personas["bestyrelse"], meeting_date=dt.date(2024, 5, 2)
    )
    page = client.get(url).content.decode()
    assert "venter på Landsbyggefondens godkendelse. Den kan ikke ændres imens." in page
    assert "før bestyrelsen har besluttet" not in page
    assert '<fieldset class="app-plain" disabled>' in page and 'name="delete"' not in page
    # a draft's form is open as before
    sub = Agreement.objects.filter(plan=plan, kind="delaftale").first()
    page = client.get(reverse("agreement_edit", args=[sub.pk])).content.decode()
    assert '<fieldset class="app-plain">' in page and "locked-for-decision" not in page
