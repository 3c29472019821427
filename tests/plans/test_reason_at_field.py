"""A change of an approved agreement without a reason is refused at »Begrundelse for
ændringen« itself, not only in the banner (review4 T6), on the plans' forms and the
evaluation's; a saved delmål says »Delmålet er gemt.«; and the forandringsteori's and the
process goals' forms take no typing while the board decides (review4 T23)."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.utils import timezone

from plans import revisions
from plans import services as plan_services
from plans.models import Agreement
from tests.evaluation.test_pages import _theory_post

pytestmark = pytest.mark.django_db
REFUSAL = "Aftalen er godkendt. Skriv en begrundelse for ændringen"


@pytest.fixture
def approved(plan: Any) -> Agreement:
    sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
    plan_services.activity_save(agreement=sub, name="Lektiecafé")
    today = timezone.localdate()
    revisions.agreement_submit(agreement=sub, user=None, sent_on=today)
    revisions.agreement_approve(agreement=sub, user=None, meeting_date=today)
    sub.refresh_from_db()
    return sub


def _reason_error(page: str) -> str:
    match = re.search(r'id="id_change_reason_error">(.*?)</span></span>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))) if match else ""


def test_a_delmal_changed_without_a_reason_is_refused_at_the_reason_field(
    client: Any, personas: dict[str, Any], approved: Agreement
) -> None:
    goal = approved.goals.get()
    client.force_login(personas["koordinator"])
    url = f"/aftaler/{approved.pk}/dele/maal/{goal.pk}/"
    data = {"seen_seq": str(approved.edit_seq), "text": "Flere unge består 9. klasse"}
    page = html.unescape(client.post(url, data).content.decode())
    assert REFUSAL in _reason_error(page)
    (textarea,) = re.findall(r"<textarea[^>]*name=\"change_reason\"[^>]*>", page)
    assert 'aria-invalid="true"' in textarea and "id_change_reason_error" in textarea
    assert "Der er fejl i formularen. Intet er gemt." in page
    assert '<a href="#id_change_reason">Ret »Begrundelse for ændringen«</a>' in page
    assert "Flere unge består 9. klasse</textarea>" in page  # typed text kept
    goal.refresh_from_db()
    assert goal.text == "Flere unge gennemfører 9. klasse"
    saved = client.post(url, {**data, "change_reason": "Årlig revision"}, follow=True)
    assert "Delmålet er gemt." in saved.content.decode()
    goal.refresh_from_db()
    assert goal.text == "Flere unge består 9. klasse"


def test_the_forandringsteori_without_a_reason_is_refused_at_the_reason_field(
    client: Any, personas: dict[str, Any], approved: Agreement
) -> None:
    client.force_login(personas["koordinator"])
    url = f"/aftaler/{approved.pk}/forandringsteori/{approved.focus_area_id}/"
    page = html.unescape(client.post(url, _theory_post(approved)).content.decode())
    assert REFUSAL in _reason_error(page)
    assert "Der er fejl i formularen. Intet er gemt." in page
    assert "Caféen har åbent to gange om ugen." in page
    assert page.count('id="id_change_reason"') == 1  # the delete form has its own field


def test_the_evaluation_forms_take_no_typing_while_the_board_decides(
    client: Any, personas: dict[str, Any], approved: Agreement
) -> None:
    revisions.change_agreement(
        agreement=approved, user=None, action="Delmål ændret", reason="Revision",
        change=lambda: plan_services.goal_save(
            agreement=approved, goal=approved.goals.get(), text="Nyt delmål"
        ),
    )  # fmt: skip
    revisions.agreement_submit(agreement=approved, user=None, sent_on=timezone.localdate())
    client.force_login(personas["koordinator"])
    activity = approved.activities.get()
    for url in (
        f"/aftaler/{approved.pk}/forandringsteori/{approved.focus_area_id}/",
        f"/aftaler/{approved.pk}/aktiviteter/{activity.pk}/procesmaal/",
    ):
        page = client.get(url).content.decode()
        assert '<fieldset class="app-plain" disabled>' in page, url
        assert 'name="delete"' not in page
