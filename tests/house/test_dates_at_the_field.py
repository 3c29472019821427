"""A date rule broken in a form is shown at the date field, with what was typed kept; the API
and the command line say the same words (the rule is written once, in the service)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone


def _field_error(page: str, field: str) -> str:
    found = re.search(
        rf'<span class="form-error-message" id="id_{field}_error">(.*?)</span>\s*<', page, re.S
    )
    assert found, f"no error at the field {field}"
    return re.sub(r"<[^>]+>", "", found.group(1)).replace("Fejl: ", "").strip()


@pytest.fixture
def sent(plan: Any, personas: dict[str, Any]) -> Any:
    from plans import revisions
    from plans.models import Agreement

    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    revisions.agreement_submit(
        agreement=sub,
        user=personas["koordinator"],
        sent_on=timezone.localdate() - dt.timedelta(days=7),
    )
    return sub


@pytest.mark.django_db
def test_a_board_approval_before_the_draft_was_sent_is_refused_at_the_date_field(
    client: Any, sent: Any, personas: dict[str, Any]
) -> None:
    from lib.errors import DomainError
    from plans import revisions

    with pytest.raises(DomainError) as raised:
        revisions.agreement_approve(agreement=sent, user=None, meeting_date="01.01.2020")
    words = raised.value.messages[0]
    assert raised.value.argument == "meeting_date"
    assert "ligger før version 1 blev sendt til godkendelse" in words

    client.force_login(personas["bestyrelse"])
    response = client.post(
        f"/aftaler/{sent.pk}/godkendelse/", {"approve": "1", "meeting_date": "01.01.2020"}
    )
    page = response.content.decode()
    assert _field_error(page, "meeting_date") == words
    assert 'value="01.01.2020"' in page  # what was typed is kept
    # the error summary above the form (DKFDS) only links to the field that holds the message
    assert 'href="#id_meeting_date"' in page
    sent.refresh_from_db()
    assert sent.status == "submitted"

    api = client.post(
        f"/api/aftaler/{sent.pk}/godkendelse/",
        {"moededato": "01.01.2020"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json()["fejl"] == [words]
    with pytest.raises(CommandError) as cli:
        call_command(
            "approve",
            agreement=sent.pk,
            user="bestyrelse",
            date="01.01.2020",
            stdout=io.StringIO(),
        )
    assert words in str(cli.value)


@pytest.mark.django_db
def test_a_board_meeting_in_the_future_is_refused_at_the_date_field(
    client: Any, plan: Any, personas: dict[str, Any]
) -> None:
    future = timezone.localdate() + dt.timedelta(days=3)
    client.force_login(personas["koordinator"])
    response = client.post(
        f"/planer/{plan.slug}/opfoelgning/bestyrelsesmoede/?aar=2025",
        {
            "year": "2025",
            "held_on": f"{future:%d.%m.%Y}",
            "attendees": "Bestyrelsen",
            "decisions": "Godkendt",
        },
    )
    page = response.content.decode()
    assert "ligger i fremtiden" in _field_error(page, "held_on")
    assert f'value="{future:%d.%m.%Y}"' in page
