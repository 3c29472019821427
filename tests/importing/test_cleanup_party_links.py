"""Party links after the import review: a re-import that only links a party anew is a change
(listed on the review, saved on confirming, not »unchanged«); the »another plan« check reads
the parties as the reviewer corrected them, also on a form with an error elsewhere; and a
delmål an activity sheet names twice is listed once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from plans.goal_refs import distinct_goal_lines, referred_goals
from tests.importing.reviewing import (  # noqa: F401 - read_at_once is autouse here
    post_review,
    read_at_once,
    ready_job,
    review_data,
    signed_in,
)
from tests.importing.test_review import OTHER_PLANS
from tests.importing.test_review3_parties import _upload

pytestmark = pytest.mark.django_db

OTHER_PLAN = "Hører dokumentet til en anden plan?"
POLICE = "Lokalpolitileder Sara Kjær, Åbyhavn Politi"


def _current(plan: Any) -> Any:
    from plans.models import Agreement

    return Agreement.objects.get(
        plan=plan, focus_area__name="Kriminalitetsforebyggelse", is_current=True
    )


def _review_page(client: Client, job: Any) -> str:
    return client.get(reverse("import_review", args=[job.plan.slug, job.pk])).content.decode()


def _demo_with_document_c() -> tuple[Any, Client]:
    from demo.plan import DEMO_PASSWORD, load_demo

    plan, _rows = load_demo()
    client = Client()
    assert client.login(username="koordinator", password=DEMO_PASSWORD)
    job = _upload(client, plan)
    assert post_review(client, job, review_data(job, confirm="1")).status_code == 302
    return plan, client


def test_a_reimport_that_only_links_a_party_anew_is_listed_and_saved() -> None:
    plan, client = _demo_with_document_c()
    assert str(_current(plan).parties.get(name=POLICE).organisation) == "Åbyhavn Politi"

    # the same document again: nothing has changed, the saved links are preselected
    job = _upload(client, plan)
    page = _review_page(client, job)
    assert "Ingen ændringer." in page
    assert "Partens organisation" not in page

    # the reviewer links the police party to another of the plan's organisations
    data = review_data(job)
    index = next(i for i in range(4) if data[f"parties-{i}-name"] == POLICE)
    data[f"parties-{index}-organisation"] = "Østkystens Politi"
    assert post_review(client, job, data).status_code == 302  # »Opdatér visningen«
    page = _review_page(client, job)
    assert "Ingen ændringer." not in page
    assert f"Partens organisation ({POLICE})" in page
    assert "<del>Åbyhavn Politi</del> → <ins>Østkystens Politi</ins>" in page

    edits = _current(plan).edit_seq
    assert post_review(client, job, review_data(job, confirm="1")).status_code == 302
    agreement = _current(plan)
    assert str(agreement.parties.get(name=POLICE).organisation) == "Østkystens Politi"
    assert agreement.edit_seq == edits + 1  # saved, not »unchanged«


def test_a_reimport_keeps_a_party_linked_by_hand() -> None:
    """The saved link is what the next review preselects, so re-reading the same document
    does not undo a reviewer's choice."""
    plan, client = _demo_with_document_c()
    job = _upload(client, plan)
    data = review_data(job, confirm="1")
    index = next(i for i in range(4) if data[f"parties-{i}-name"] == POLICE)
    data[f"parties-{index}-organisation"] = "Østkystens Politi"
    assert post_review(client, job, data).status_code == 302

    again = _upload(client, plan)
    page = _review_page(client, again)
    row = page[page.index(f'name="parties-{index}-organisation"') :][:3000]
    assert '<option value="Østkystens Politi" selected>' in row[: row.index("</select>")]
    assert "Ingen ændringer." in page


def test_the_other_plan_check_reads_the_corrected_parties_on_a_form_with_an_error(
    personas: dict[str, Any], plan: Any
) -> None:
    client = signed_in(personas["koordinator"])
    job = ready_job(client, plan, OTHER_PLANS)
    assert OTHER_PLAN in _review_page(client, job)
    data = review_data(job, confirm="1")
    data["parties-0-name"] = "Lilleby Kommune"
    data["parties-1-name"] = "Lilleby Boligforening"
    data["goals-0-indicators-0-baselines-0-percent"] = "abc"  # an error elsewhere
    response = post_review(client, job, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert OTHER_PLAN not in html
    assert "sæt kryds" not in html  # no tick asked for

    # and the other way round: parties corrected into another plan's are flagged at once
    clean = ready_job(client, plan)  # Lilleby's own parties
    data = review_data(clean, confirm="1")
    data["parties-0-name"] = "Fjernby Kommune"
    data["parties-1-name"] = "Fjernby Skole"
    data["goals-0-indicators-0-baselines-0-percent"] = "abc"
    html = post_review(client, clean, data).content.decode()
    assert OTHER_PLAN in html


GOALS = ["Flere unge i job", "Færre unge bliver sigtet", "Mere tryghed om aftenen"]


def test_a_delmaal_referred_to_twice_is_one_link_and_one_line() -> None:
    assert referred_goals(["Delmål 2 og 2"], GOALS) == ([1], [])
    assert distinct_goal_lines(
        ["Delmål 2", "delmål  2", "2", "Delmål 1 og 2", "Delmål 1", "Færre unge bliver sigtet",
         "20 unge deltager", "20 unge deltager", ""],
        GOALS,
    ) == ["Delmål 2", "Delmål 1 og 2", "20 unge deltager"]  # fmt: skip
    # without the delmål (a hand-typed list) only the same words repeat
    assert distinct_goal_lines(["Delmål 2", "Delmål 2", "2"], []) == ["Delmål 2", "2"]


def test_a_sheet_naming_a_delmaal_twice_lists_it_once_on_the_agreement(
    personas: dict[str, Any], plan: Any
) -> None:
    from plans import services
    from plans.models import Agreement

    sub = Agreement.objects.get(plan=plan, focus_area__name="Uddannelse og livschancer")
    activity = services.activity_save(
        agreement=sub, name="Lektiecafé", own_goals=["Delmål 1", "Delmål 1", "Delmål 1"]
    )
    assert activity.own_goals == ["Delmål 1"]
    client = signed_in(personas["koordinator"])
    page = client.get(reverse("agreement_detail", args=[sub.pk])).content.decode()
    assert page.count("<li>Delmål 1</li>") == 1
