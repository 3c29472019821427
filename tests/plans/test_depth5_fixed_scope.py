"""F25: a fixed indicator of the new period that continues one of the plan's gets one
proposed baseline of the area, with the scope the plan holds for it (its latest measured
value, else its baseline), else the boligområde (DOMAIN.md); the koordinator may change it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lib.errors import DomainError
from plans import transition
from plans.models import FundingPeriod, Indicator, ScopeKind
from tests.moving import FIXED_WORDING as WORDING
from tests.moving import fixed_baselines, load_fixed_period, move_plan


@pytest.fixture
def period(db: Any) -> FundingPeriod:
    return load_fixed_period()


def test_the_scope_follows_the_indicators_latest_measurement(demo: Any, period: Any) -> None:
    (scope,) = transition.fixed_baseline_scopes(demo, period)
    assert scope.text == WORDING
    assert scope.scope_kind == ScopeKind.WHOLE  # the demo records it for the whole area
    assert "seneste måling" in scope.reason and scope.figure
    move_plan(demo, period, grant=dt.date(2027, 1, 1))
    (baseline,) = fixed_baselines(demo)
    assert (baseline.scope_kind, baseline.proposed) == (ScopeKind.WHOLE, True)
    assert Indicator.objects.get(pk=baseline.indicator_id).continues is not None


def test_the_koordinator_chooses_another_scope(demo: Any, period: Any) -> None:
    (scope,) = transition.fixed_baseline_scopes(demo, period)
    chosen = {scope.lbf_indicator_id: (ScopeKind.HOUSING_AREA, "Kildevang")}
    mapping = {c.agreement.pk: None for c in transition.propose_mapping(demo, period)}
    transition.plan_move_to_period(
        plan=demo,
        to_period=period,
        grant_date=dt.date(2027, 1, 1),
        mapping=mapping,
        user=None,
        fixed_scopes=chosen,
    )
    (baseline,) = fixed_baselines(demo)
    assert (baseline.scope_kind, baseline.scope) == (ScopeKind.HOUSING_AREA, "Kildevang")


def test_a_comparator_kind_is_refused_and_nothing_moves(demo: Any, period: Any) -> None:
    (scope,) = transition.fixed_baseline_scopes(demo, period)
    mapping = {c.agreement.pk: None for c in transition.propose_mapping(demo, period)}
    with pytest.raises(DomainError, match="Omfanget af en fast indikators baseline"):
        transition.plan_move_to_period(
            plan=demo,
            to_period=period,
            grant_date=dt.date(2027, 1, 1),
            mapping=mapping,
            user=None,
            fixed_scopes={scope.lbf_indicator_id: (ScopeKind.MUNICIPALITY, "Åbyhavn Kommune")},
        )
    demo.refresh_from_db()
    assert demo.funding_period.code == "2019-26"


def test_without_a_measurement_a_boligomraades_name_in_the_baseline_is_the_boligomraade(
    demo: Any, period: Any
) -> None:
    """The old baseline's scope names one of the plan's boligområder: the boligområde's
    figure, whatever kind a reading guessed (»afdeling«)."""
    from followup.models import Measurement
    from plans.models import HousingArea

    old = Indicator.objects.get(
        goal__agreement__plan=demo,
        goal__agreement__is_current=True,
        text=WORDING,
        lbf_indicator__isnull=False,
    )
    Measurement.objects.filter(indicator=old).delete()
    area = HousingArea.objects.filter(plan=demo).first()
    assert area is not None
    old.measures.filter(role="baseline").update(
        scope_kind=ScopeKind.DEPARTMENT, scope=f"{area.name} (afdeling 1 og 2)"
    )
    (scope,) = transition.fixed_baseline_scopes(demo, period)
    assert scope.scope_kind == ScopeKind.HOUSING_AREA
    assert "boligområde" in scope.reason


def test_the_move_reads_the_plan_once_for_the_copy_and_the_fixed_scopes(
    demo: Any, period: Any, monkeypatch: Any
) -> None:
    """One reading of the versions carried and their values (`read_for_move`), shared by the
    proposals the form shows and the move, which proposes just what the form showed."""
    calls: list[str] = []
    for name in ("carried_versions", "move_sources"):
        real = getattr(transition, name)

        def spy(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(transition, name, spy)
    reading = transition.read_for_move(demo)
    (shown,) = transition.fixed_baseline_scopes(demo, period, reading=reading)
    assert calls == ["move_sources", "carried_versions"]
    calls.clear()
    move_plan(demo, period, grant=dt.date(2027, 1, 1))
    assert calls.count("carried_versions") == 1 and calls.count("move_sources") == 1
    (baseline,) = fixed_baselines(demo)
    assert (baseline.scope_kind, baseline.scope or "") == (shown.scope_kind, shown.scope)
    assert shown.row is not None and str(shown.row.year) in baseline.text
