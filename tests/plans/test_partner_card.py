"""A partner's overview card of a delaftale being revised shows the version in force: its
delmål, indicators and baselines, never the draft's, and not an empty card."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from plans import revisions, services

pytestmark = pytest.mark.django_db


def test_the_partner_sees_the_goals_in_force_while_a_draft_is_pending(
    personas: dict[str, Any], plan: Any
) -> None:
    sub = plan.agreements.get(focus_area__name="Uddannelse og livschancer")
    day = dt.date(2024, 3, 1)
    revisions.agreement_submit(agreement=sub, user=personas["koordinator"], sent_on=day)
    revisions.agreement_approve(agreement=sub, user=personas["bestyrelse"], meeting_date=day)
    goal = sub.goals.get()
    revisions.change_agreement(
        agreement=sub,
        user=personas["koordinator"],
        action="Mål ændret",
        reason="Årlig revision",
        change=lambda: services.goal_save(agreement=sub, goal=goal, text="Udkast til nyt delmål"),
    )
    sub.refresh_from_db()
    assert (sub.status, sub.version) == ("draft", 2)

    client = Client()
    client.force_login(personas["partner"])
    page = client.get(reverse("plan_detail", args=[plan.slug])).content.decode()
    card = page[page.index(f'id="sub-{sub.pk}"') :]
    card = card[: card.index("</section>")]
    assert "Flere unge gennemfører 9. klasse" in card  # the delmål in force
    assert "Andel elever med afgangsprøve" in card and "61 %" in card
    assert "Udkast til nyt delmål" not in page  # the draft stays the board's
    assert "{#" not in page and "#}" not in page  # no template note printed (F28)
    assert reverse("agreement_version", args=[sub.pk, 1]) in card


def test_the_partner_is_told_the_overview_shows_its_own_delaftaler(
    personas: dict[str, Any], plan: Any, client: Client
) -> None:
    """A partner saw one delaftale of several with no word of why (review4 T19)."""
    url = reverse("plan_detail", args=[plan.slug])
    told = "Du ser de delaftaler, din organisation er part i."
    client.force_login(personas["partner"])
    assert told in client.get(url).content.decode()
    for name in ("koordinator", "bestyrelse", "lbf"):
        client.force_login(personas[name])
        assert told not in client.get(url).content.decode()
