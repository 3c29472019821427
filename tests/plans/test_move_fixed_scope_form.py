"""F25 in the move form: a row per fixed indicator the move proposes a baseline for, with the
scope the move proposes; the koordinator's change reaches `plan_move_to_period`, a bad one is
refused in Danish with nothing saved and the values kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from plans import transition
from plans.models import Measure, PeriodTransition, ScopeKind
from tests.moving import FIXED_WORDING, client_of, fixed_baselines, load_fixed_period

QUERY = {"periode": "2027-30", "bevillingsdato": "1. januar 2027"}


@pytest.fixture
def period(demo: Any) -> Any:
    return load_fixed_period()


def _post(demo: Any, period: Any, **rows: str) -> dict[str, str]:
    """The move form as it is shown (every delaftale not carried), with `rows` over it."""
    choices = transition.propose_mapping(demo, period)
    (scope,) = transition.fixed_baseline_scopes(demo, period)
    data = {
        **QUERY,
        "form-TOTAL_FORMS": str(len(choices)),
        "form-INITIAL_FORMS": str(len(choices)),
        "fast-TOTAL_FORMS": "1",
        "fast-INITIAL_FORMS": "1",
        "fast-0-lbf_indicator": str(scope.lbf_indicator_id),
        "fast-0-scope_kind": scope.scope_kind,
        "fast-0-scope": scope.scope,
    }
    for i, c in enumerate(choices):
        data[f"form-{i}-agreement"] = str(c.agreement.pk)
        data[f"form-{i}-area"] = ""
    data.update(rows)
    return data


def _one(plan: Any) -> Measure:
    (baseline,) = fixed_baselines(plan)
    return baseline


def test_the_form_shows_the_proposed_scope_of_each_fixed_indicator(demo: Any, period: Any) -> None:
    page = client_of().get(reverse("plan_new_period", args=[demo.slug]), QUERY).content.decode()
    assert "Baseline for de faste indikatorer" in page
    assert f"Omfang for {FIXED_WORDING}" in page
    # the demo records it for the whole area: that kind stands chosen
    assert '<option value="whole" selected>' in page
    assert "som indikatorens seneste måling" in page
    # a comparator's scope cannot be chosen for a baseline of the area
    assert 'value="municipality"' not in page


def test_the_chosen_scope_is_the_new_baseline_s(demo: Any, period: Any) -> None:
    url = reverse("plan_new_period", args=[demo.slug])
    data = _post(
        demo, period, **{"fast-0-scope_kind": ScopeKind.HOUSING_AREA, "fast-0-scope": " Bakkely "}
    )
    done = client_of().post(url, data, follow=True)
    assert "Planen er flyttet til bevillingsperioden 2027-30" in done.content.decode()
    baseline = _one(demo)
    assert (baseline.scope_kind, baseline.scope, baseline.proposed) == (
        ScopeKind.HOUSING_AREA,
        "Bakkely",
        True,
    )


def test_an_unchanged_proposal_moves_as_proposed(demo: Any, period: Any) -> None:
    (scope,) = transition.fixed_baseline_scopes(demo, period)
    url = reverse("plan_new_period", args=[demo.slug])
    client_of().post(url, _post(demo, period))
    assert PeriodTransition.objects.filter(plan=demo).exists()
    assert _one(demo).scope_kind == scope.scope_kind


def test_an_afdeling_without_a_name_is_refused_nothing_saved_values_kept(
    demo: Any, period: Any
) -> None:
    url = reverse("plan_new_period", args=[demo.slug])
    data = _post(
        demo,
        period,
        **{"fast-0-scope_kind": ScopeKind.DEPARTMENT, "fast-0-scope": ""},
    )
    response = client_of().post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Planen er ikke flyttet. Intet er gemt." in page
    assert f"»{FIXED_WORDING}«: Skriv navnet på den afdeling, baselinen gælder for." in page
    assert 'id="id_fast-0-scope_error"' in page and 'aria-invalid="true"' in page
    assert '<option value="department" selected>' in page  # the choice is kept
    demo.refresh_from_db()
    assert demo.funding_period.code == "2019-26"
    assert not PeriodTransition.objects.filter(plan=demo).exists()


def test_a_comparator_kind_posted_is_refused_in_danish(demo: Any, period: Any) -> None:
    url = reverse("plan_new_period", args=[demo.slug])
    data = _post(demo, period, **{"fast-0-scope_kind": ScopeKind.MUNICIPALITY})
    page = client_of().post(url, data).content.decode()
    assert "Planen er ikke flyttet" in page
    assert "»Andel 1-5 årige i dagtilbud«: Vælg et omfang på listen." in page
    assert not PeriodTransition.objects.filter(plan=demo).exists()


@pytest.mark.parametrize("rows", [{"fast-0-lbf_indicator": "999999"}, {"fast-TOTAL_FORMS": ""}])
def test_rows_not_for_the_indicators_carried_are_shown_again(
    demo: Any, period: Any, rows: dict[str, str]
) -> None:
    """Another version chosen, a plan changed, or a tampered form: not moved; the rows are
    shown again as the move now proposes them."""
    url = reverse("plan_new_period", args=[demo.slug])
    data = _post(demo, period, **rows)
    if not data["fast-TOTAL_FORMS"]:
        data = {k: v for k, v in data.items() if not k.startswith("fast-")}
    page = client_of().post(url, data).content.decode()
    assert "De faste indikatorer, der overføres, er ændret, mens du valgte" in page
    assert f"Omfang for {FIXED_WORDING}" in page
    assert not PeriodTransition.objects.filter(plan=demo).exists()


def test_the_service_refuses_an_unnamed_boligomraade() -> None:
    from lib.errors import DomainError

    with pytest.raises(DomainError, match="Skriv navnet på det boligområde"):
        transition.check_fixed_scopes({1: (ScopeKind.HOUSING_AREA, "  ")})
    transition.check_fixed_scopes({1: (ScopeKind.WHOLE, "")})
