"""The board's meeting closes a year for good, so it needs a record of what the board was
shown (review4 T12): the year's archived documents, or the koordinator's explicit word that
the board got none, which the auditor's statement then repeats. Form, API, CLI and service
keep the one rule; a refused form keeps what was typed, and so does archiving from it."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from followup import services
from followup.models import BoardMeeting
from lib.errors import DomainError

pytestmark = pytest.mark.django_db

MEETING = {
    "year": "2025",
    "held_on": "20.11.2025",
    "attendees": "Anne Andersen, Lilleby Boligforening",
    "decisions": "Taget til efterretning; lektiecaféen udvides.",
}


def _url(plan: Any) -> str:
    return f"/planer/{plan.slug}/opfoelgning/bestyrelsesmoede/?aar=2025"


def _field_error(page: str, name: str) -> str:
    match = re.search(rf'id="id_{name}_error">(.*?)</span></span>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))) if match else ""


def test_the_service_refuses_a_year_without_documents_unless_told_the_board_got_none(
    plan: Any,
) -> None:
    with pytest.raises(DomainError, match="Ingen dokumenter er arkiveret for 2025") as refused:
        services.board_meeting_record(
            plan=plan, year=2025, held_on=dt.date(2025, 11, 20), attendees="A", decisions="B"
        )
    assert refused.value.argument == "without_documents"
    assert not BoardMeeting.objects.exists()
    meeting = services.board_meeting_record(
        plan=plan, year=2025, held_on=dt.date(2025, 11, 20), attendees="A", decisions="B",
        without_documents=True,
    )  # fmt: skip
    assert meeting.without_documents and not meeting.documents.exists()


def test_documents_and_the_tick_at_once_are_refused(plan: Any) -> None:
    services.followup_document_archive(plan=plan, year=2025, format="pdf", content=b"%PDF-1.4")
    with pytest.raises(DomainError, match="Fjern krydset"):
        services.board_meeting_record(
            plan=plan, year=2025, held_on=dt.date(2025, 11, 20), attendees="A", decisions="B",
            without_documents=True,
        )  # fmt: skip
    meeting = services.board_meeting_record(
        plan=plan, year=2025, held_on=dt.date(2025, 11, 20), attendees="A", decisions="B"
    )
    assert meeting.documents.count() == 1 and not meeting.without_documents


def test_the_form_refuses_at_the_tick_and_keeps_what_was_typed(
    client: Any, plan: Any, personas: Any
) -> None:
    client.force_login(personas["koordinator"])
    response = client.post(_url(plan), MEETING)
    assert response.status_code == 200 and not BoardMeeting.objects.exists()
    page = response.content.decode()
    assert "Ingen dokumenter er arkiveret for 2025" in _field_error(page, "without_documents")
    assert "Intet er gemt" in page
    assert 'value="20.11.2025"' in page
    assert "Anne Andersen, Lilleby Boligforening" in page
    assert "Taget til efterretning; lektiecaféen udvides." in page
    saved = client.post(_url(plan), {**MEETING, "without_documents": "on"})
    assert saved.status_code == 302
    assert BoardMeeting.objects.get().without_documents


def test_the_statement_says_the_board_got_no_archived_documents(
    client: Any, plan: Any, personas: Any
) -> None:
    client.force_login(personas["koordinator"])
    client.post(_url(plan), {**MEETING, "without_documents": "on"})
    statement = html.unescape(
        client.get(f"/planer/{plan.slug}/revision/?aar=2025").content.decode()
    )
    assert "Bestyrelsen fik ingen arkiverede dokumenter. Det har koordinator angivet" in statement
    closed = html.unescape(client.get(_url(plan)).content.decode())
    assert "Bestyrelsen fik ingen arkiverede dokumenter" in closed


def test_archiving_from_the_form_keeps_what_was_typed_and_drops_the_tick(
    client: Any, plan: Any, personas: Any
) -> None:
    """The »Arkivér« button belongs to the meeting form: archiving first loses nothing."""
    client.force_login(personas["koordinator"])
    archived = client.post(f"/planer/{plan.slug}/opfoelgning/2025/arkiver/", MEETING, follow=True)
    page = html.unescape(archived.content.decode())
    assert 'value="20.11.2025"' in page and "Anne Andersen, Lilleby Boligforening" in page
    assert 'name="without_documents"' not in page  # the documents are there now
    assert client.post(_url(plan), MEETING).status_code == 302
    assert BoardMeeting.objects.get().documents.count() == 2
    again = html.unescape(client.get(_url(plan)).content.decode())
    assert "Anne Andersen" in again  # the closed year's meeting, not a stale draft


def test_the_api_and_the_command_line_keep_the_same_rule(
    client: Any, plan: Any, personas: Any
) -> None:
    client.force_login(personas["koordinator"])
    body = {"aar": 2025, "moededato": "20.11.2025", "deltagere": "A", "beslutninger": "B"}
    url = f"/api/planer/{plan.slug}/bestyrelsesmoede/"
    refused = client.post(url, json.dumps(body), "application/json")
    assert refused.status_code == 400
    assert "Ingen dokumenter er arkiveret for 2025" in " ".join(refused.json()["fejl"])
    with pytest.raises(CommandError, match="Ingen dokumenter er arkiveret for 2024"):
        call_command(
            "record_board_meeting", plan=plan.slug, user="koordinator", year=2024,
            date="1.12.2024", attendees="A", decisions="B", stdout=io.StringIO(),
        )  # fmt: skip
    assert not BoardMeeting.objects.exists()
    told = client.post(
        url, json.dumps({**body, "uden_arkiverede_dokumenter": True}), "application/json"
    )
    assert told.status_code == 201
    call_command(
        "record_board_meeting", plan=plan.slug, user="koordinator", year=2024,
        date="1.12.2024", attendees="A", decisions="B", without_documents=True,
        stdout=io.StringIO(),
    )  # fmt: skip
    assert set(BoardMeeting.objects.values_list("year", "without_documents")) == {
        (2025, True),
        (2024, True),
    }
