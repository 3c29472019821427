"""Review 3, S6: a direction the importer guessed (the template has no direction column) is
marked as a guess beside »Retning«, and a negated thing counted turns the guess round."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from importing.kept_parts import DIRECTION_GUESSED
from plans.direction import guess_direction
from tests.importing.reviewing import (  # noqa: F401 - read_at_once is autouse here
    post_review,
    read_at_once,
    review_data,
)
from tests.importing.test_review3_parties import _upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("goal", "indicator", "direction"),
    [
        (
            "Færre unge bliver sigtet",
            "Antal unge, der ikke får en ny sigtelse inden for et år",
            "more",
        ),
        ("Færre unge bliver sigtet", "Andel unge uden sigtelser", "more"),
        ("Færre unge bliver sigtet", "Antal unge, der er sigtet i løbet af året", "less"),
        ("Flere elever består", "Andel elever, der ikke består", "less"),
        ("Færre unge uden job", "Andel unge uden job", "less"),
    ],
)
def test_a_negated_thing_counted_turns_the_guess(goal: str, indicator: str, direction: str) -> None:
    assert guess_direction(goal, indicator) == direction


def _direction_row(html: str, index: int) -> str:
    """The HTML of delmål 1's indicator `index` up to its baselines."""
    start = html.index(f'id="row-goals-0-indicators-{index}"')
    return html[start : html.index("app-row-children", start)]


def test_the_guessed_direction_is_marked_until_the_reviewer_sets_it() -> None:
    from demo.plan import DEMO_PASSWORD, load_demo

    plan, _rows = load_demo()
    client = Client()
    assert client.login(username="koordinator", password=DEMO_PASSWORD)
    job = _upload(client, plan)
    url = reverse("import_review", args=[plan.slug, job.pk])
    html = client.get(url).content.decode()
    second = _direction_row(html, 1)  # »… der ikke får en ny sigtelse …«
    assert re.search(r'<option value="more" selected>', second)
    assert DIRECTION_GUESSED in second
    assert DIRECTION_GUESSED in _direction_row(html, 0)
    assert "beholder sin enhed" in second and "beholder sin retning" not in second

    data = review_data(job)
    data["goals-0-indicators-0-direction"] = "less"  # the same as guessed: still a guess
    data["goals-0-indicators-1-direction"] = "hold"  # the reviewer's own choice
    assert post_review(client, job, data).status_code == 302  # »Opdatér visningen«
    html = client.get(url).content.decode()
    assert DIRECTION_GUESSED in _direction_row(html, 0)
    assert DIRECTION_GUESSED not in _direction_row(html, 1)
    assert '<option value="hold" selected>' in _direction_row(html, 1)
