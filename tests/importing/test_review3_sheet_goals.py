"""Review 3, S13: an activity sheet's »Delmål: Delmål 2« is the activity's link to that
delmål once saved."""

from __future__ import annotations

import pytest
from django.test import Client

from plans.goal_refs import referred_goals
from tests.importing.reviewing import (  # noqa: F401 - read_at_once is autouse here
    post_review,
    read_at_once,
    review_data,
)
from tests.importing.test_review3_parties import _upload

pytestmark = pytest.mark.django_db

GOALS = ["Flere unge i job", "Færre unge bliver sigtet", "Mere tryghed om aftenen"]


def test_a_sheet_line_refers_to_delmaal_by_number_or_by_their_words() -> None:
    assert referred_goals(["Delmål 2"], GOALS) == ([1], [])
    assert referred_goals(["delmål nr. 3"], GOALS) == ([2], [])
    assert referred_goals(["Delmål 1 og 3"], GOALS) == ([0, 2], [])
    assert referred_goals(["2"], GOALS) == ([1], [])
    assert referred_goals(["Færre unge bliver  sigtet."], GOALS) == ([1], [])
    # a delmål the agreement does not have, or an own goal, stays text
    assert referred_goals(["Delmål 7"], GOALS) == ([], ["Delmål 7"])
    own = "20 unge deltager hvert år"
    assert referred_goals([own, "Delmål 1"], GOALS) == ([0], [own])


def test_document_cs_sheets_link_their_activities_to_the_delmaal_they_name() -> None:
    from demo.plan import DEMO_PASSWORD, load_demo
    from plans.models import Activity

    plan, _rows = load_demo()
    client = Client()
    assert client.login(username="koordinator", password=DEMO_PASSWORD)
    job = _upload(client, plan)
    assert post_review(client, job, review_data(job, confirm="1")).status_code == 302
    activities = Activity.objects.filter(
        agreement__plan=plan,
        agreement__focus_area__name="Kriminalitetsforebyggelse",
        agreement__is_current=True,
    )
    links = {a.name: [g.text for g in a.linked_goals.all()] for a in activities}
    assert links["Natteravne i Bakkely"] == ["Flere beboere føler sig trygge, når det er mørkt"]
    assert links["Mentorforløb for unge i SSP-netværket"] == [
        "Færre unge fra Bakkely og Kildevang bliver sigtet for en forbrydelse"
    ]
    assert links["Lys og liv på stierne"] == []
    # the sheet's words are kept as written (the format's »goals«)
    assert {a.name: a.own_goals for a in activities}["Natteravne i Bakkely"] == ["Delmål 2"]
    page = client.get(f"/planer/{plan.slug}/opfoelgning/?aar=2025").content.decode()
    assert "Natteravne i Bakkely (ikke knyttet til et bestemt delmål)" not in page
