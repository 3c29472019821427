"""Review 3, S11: an imported indicator's unit when the document gives none follows its
baselines and its words (»Antal …« with counts is antal), in one place (plans.unit)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from plans.unit import guess_unit
from tests.importing.reviewing import (  # noqa: F401 - read_at_once is autouse here
    post_review,
    read_at_once,
    review_data,
)
from tests.importing.test_review3_parties import _upload

pytestmark = pytest.mark.django_db


def _m(count: float | None = None, percent: float | None = None) -> dict[str, Any]:
    return {"text": "x", "count": count, "percent": percent}


def test_counts_for_baselines_make_a_count_though_the_comparator_is_a_share() -> None:
    assert guess_unit("Antal unge, der er sigtet", [_m(9), _m(4)], [_m(percent=2.1)]) == "count"
    assert guess_unit("Sigtede unge", [_m(9)], [_m(percent=2.1)]) == "count"
    assert guess_unit("Andel trygge beboere", [_m(percent=52)], [_m(percent=61)]) == "percent"


def test_figures_that_give_both_leave_it_to_the_words() -> None:
    both = [_m(17, 74)]
    assert guess_unit("Antal unge uden ny sigtelse", both, []) == "count"
    assert guess_unit("Andelen af unge uden ny sigtelse", both, []) == "percent"
    assert guess_unit("Unge uden ny sigtelse", both, []) == "percent"


def test_without_baselines_the_words_then_the_comparators_decide() -> None:
    assert guess_unit("Antal beboere i job", [], []) == "count"
    assert guess_unit("Procentdel med afgangsprøve", [], []) == "percent"
    assert guess_unit("Beboere i job", [], [_m(120)]) == "count"
    assert guess_unit("Beboere i job", [], []) == "other"


def test_document_c_saves_its_count_indicators_as_counts() -> None:
    from demo.plan import DEMO_PASSWORD, load_demo
    from plans.models import Indicator

    plan, _rows = load_demo()
    client = Client()
    assert client.login(username="koordinator", password=DEMO_PASSWORD)
    job = _upload(client, plan)
    html = client.get(reverse("import_review", args=[plan.slug, job.pk])).content.decode()
    # the review shows the unit saving gives (a new indicator of a delaftale)
    assert '<option value="count" selected>' in html
    response = post_review(client, job, review_data(job, confirm="1"))
    assert response.status_code == 302
    units = dict(
        Indicator.objects.filter(
            goal__agreement__plan=plan,
            goal__agreement__focus_area__name="Kriminalitetsforebyggelse",
        ).values_list("text", "unit")
    )
    assert sorted(units.values()) == ["count", "count", "percent"], units
    assert all(unit == "percent" for text, unit in units.items() if text.startswith("Andel"))
